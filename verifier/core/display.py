"""Text as it is safe to show: invisible characters made visible, terminal controls taken out.

An article can carry characters a reader never sees: a right-to-left override that makes "72" display as
"27", a zero-width space inside a word, an ANSI escape sequence that recolours or rewrites the terminal.
What the tool shows must be what it read. Invisible format characters (Unicode category Cf: the bidi
controls, zero-width characters, the byte-order mark, soft hyphens) are replaced by a visible marker such
as `[U+202E]`; control characters and escape sequences are removed from what goes to a terminal.

Stored text is never changed: these functions are applied where text is shown.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Every format character is outside ASCII, so only these need a category look-up.
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# ANSI / ECMA-48 sequences: CSI (ESC [ or the one-byte C1 CSI), OSC (ESC ] ... BEL or ESC \, used for
# terminal titles and hyperlinks) and DCS/SOS/PM/APC strings (up to their terminator, or the end of the
# line: a stray one must not hide the rest of the text), then any other ESC sequence.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
# C0 controls but tab and newline (a carriage return can overwrite a printed line), DEL, and C1.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What a JSON string may not carry raw to a terminal: DEL and C1 (json.dumps escapes C0 itself).
_JSON_RAW = re.compile(r"[\x7f-\x9f]")


def is_invisible(char: str) -> bool:
    """A format character: shapes or directs the text around it but has no glyph of its own."""
    return unicodedata.category(char) == "Cf"


def code_point(char: str) -> str:
    """The marker shown in place of an invisible character: `[U+202E]`."""
    return f"[U+{ord(char):04X}]"


def char_name(char: str) -> str:
    """The Unicode name of a character ("RIGHT-TO-LEFT OVERRIDE"), its code point when it has none."""
    return unicodedata.name(char, code_point(char))


def replace_invisible(text: str, replace: Callable[[str], str] = code_point) -> str:
    """`text` with every invisible format character replaced by `replace(char)`."""
    return _NON_ASCII.sub(lambda m: replace(m[0]) if is_invisible(m[0]) else m[0], text)


def terminal_text(text: str) -> str:
    """`text` safe to print: escape sequences and control characters removed (tab and newline kept),
    invisible format characters shown as `[U+....]`."""
    return replace_invisible(_CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text)))


def _json_escape(char: str) -> str:
    cp = ord(char)
    if cp <= 0xFFFF:
        return f"\\u{cp:04x}"
    cp -= 0x10000  # JSON spells a code point above U+FFFF as a UTF-16 surrogate pair
    return f"\\u{0xD800 + (cp >> 10):04x}\\u{0xDC00 + (cp & 0x3FF):04x}"


def terminal_json(dumped: str) -> str:
    """JSON text from `json.dumps(..., ensure_ascii=False)` safe to print and still the same data: DEL, C1
    and invisible format characters (which can only sit inside strings) written as `\\u` escapes."""
    return replace_invisible(_JSON_RAW.sub(lambda m: _json_escape(m[0]), dumped), _json_escape)


def number(value: float | None) -> str:
    """A figure's value as a reader writes it: "40", "6.1", "2e+06" never; "?" when unread."""
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
