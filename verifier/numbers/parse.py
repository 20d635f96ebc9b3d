"""Reading the number itself (digits, words, scale, currency prefix) and the qualifier on its left."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from verifier.numbers.patterns import (
    _CURWORD_RE,
    _PREFIX_FACTORS,
    _QUAL_LAST_WORDS,
    _QUAL_LEFT,
    _SCALE_WORD,
    _UNIT_SEP,
    _WTOKENS,
    _YEAR_RIGHT_COUNT,
)
from verifier.numbers.record import ABOUT_TOLERANCE, NEARLY_TOLERANCE
from verifier.numbers.vocab import (
    _CURRENCY_PREFIX_WORDS,
    _CURRENCY_SYMBOLS,
    _CURRENCY_WORDS,
    _DIGIT_SCALES,
    _DOLLAR_PREFIXES,
    _DURATION_UNITS,
    _MEASURE_UNITS,
    _SCALES,
    _SMALL,
    _TENS,
)

_SEPARATORS = re.compile(r"[,\u202f\u2009\u00a0 ]")
_NEXT_WORD = re.compile(r"\s?-?([^\W\d_]*)")
# First three letters of every literal word in the unit patterns: a cheap gate in front of _UNIT_RE,
# which is long (one alternative per unit) and would otherwise run after every number.
_UNIT_PREFIXES = frozenset(
    w[:k]
    for pat, _ in _CURRENCY_WORDS + _DURATION_UNITS + _MEASURE_UNITS
    for w in re.findall(r"[a-z]+", pat)
    for k in (1, 2, 3)  # "kgs?" must let "kg" through
    # currency signs and units with a superscript, which count as word characters
) | frozenset("元₩₡₾₭") | {"m²", "m³", "km²"}


def _may_be_unit(text: str, pos: int) -> bool:
    m = _NEXT_WORD.match(text, pos)
    if m is None:
        return False
    word = m.group(1)
    if not word:  # a symbol: %, °, $, €
        return m.end() < len(text) and not text[m.end()].isspace()
    return word[:3].lower() in _UNIT_PREFIXES


def _parse_digits(s: str) -> float:
    if s.isdigit():
        return float(s)
    return float(_SEPARATORS.sub("", s))


def _parse_word_run(text: str, start: int, end: int) -> tuple[float, int] | None:
    """Value and end offset of the longest prefix of text[start:end] that reads as one number.

    "two hundred and fifty" -> 250; "five and six" -> 5 (the rest is another number).
    """
    total = 0.0
    current = 0.0
    tail = 0.0  # what was added since the last "hundred": "three hundred and two dozen" is 300 + 2 * 12
    last: str | None = None  # "unit", "teen", "ten", "tenunit", "hundred", "scale"
    last_scale = math.inf
    used_end = -1
    value = 0.0
    for m in _WTOKENS.finditer(text, start, end):
        sep = (m.group("sep") or "").strip().lower()
        w = m.group("w").lower()
        if sep == "and" and last not in ("hundred", "scale"):
            break
        if sep == "-" and last != "ten":
            break
        if w in _SMALL:
            v = _SMALL[w]
            if last in ("unit", "teen", "tenunit"):
                break
            if last == "ten" and (v >= 10 or v == 0):  # "twenty-twelve", "twenty-zero"
                break
            current += v
            tail += v
            last = "tenunit" if last == "ten" else ("teen" if v >= 10 else "unit")
        elif w in _TENS:
            if last in ("unit", "teen", "ten", "tenunit"):
                break
            current += _TENS[w]
            tail += _TENS[w]
            last = "ten"
        elif w == "hundred":
            if last in ("hundred",) or current >= 100:
                break
            current = (current or 1) * 100
            tail = 0.0
            last = "hundred"
        elif w in ("dozen", "dozens"):
            if last in ("scale", "hundred") and tail == 0:  # "a million dozen" is no number
                break
            current = current - tail + (tail or 1) * 12
            tail = 0.0
            last = "hundred"
        else:
            mult = _SCALES[w]
            if mult >= last_scale:
                break
            total += (current or 1) * mult
            current = tail = 0.0
            last_scale = mult
            last = "scale"
        used_end = m.end()
        value = total + current
    if used_end < 0:
        return None
    return value, used_end


@dataclass
class _Core:
    start: int  # including a currency prefix
    num_start: int  # the number itself
    end: int
    value: float
    currency: str | None
    words: bool
    has_scale: bool
    digits: str | None
    ordinal: bool
    scale: float = 1.0  # the multiplier a scale word applied ("1.5 million" -> 1e6)


def _tidy(v: float) -> float:
    """16.4 * 1e6 is 16399999.999999998 in binary floating point; a figure has at most 12 digits."""
    if v.is_integer() and -1e12 < v < 1e12:
        return v
    return float(f"{v:.12g}")


def _core_from_match(text: str, m: re.Match[str]) -> _Core | None:
    """The number in a `num` match: value, currency prefix, end of the part that really parsed."""
    cur = m.group("cur")
    currency = None
    if cur:
        key = cur.strip().lower()
        if "$" in key:
            currency = _DOLLAR_PREFIXES.get(re.sub(r"[^a-z]", "", key), "USD")
        else:
            currency = _CURRENCY_PREFIX_WORDS.get(key) or _CURRENCY_SYMBOLS.get(key, key.upper())
    dig = m.group("dig")
    if dig is not None:
        value = _parse_digits(dig)
        end = m.end()
        scale = 1.0
        if m.group("sc"):
            scale = _DIGIT_SCALES[m.group("sc").lower()]
        elif m.group("sch"):
            scale = 100
        elif m.group("sl"):
            letter = m.group("sl")
            # "$5m", "10k", "10M", "1.2b" are amounts; a bare "5m" is five metres (read by the unit suffix).
            # "2m people" is two million people, not two metres; "a 1.2m pound grant", "a 5m-euro fund" are
            # sums (a currency word after it, as an adjective in the singular).
            if (
                currency
                or letter in "kKM"
                or (letter in "bB" and "." in dig)
                or (letter == "m" and _YEAR_RIGHT_COUNT.match(text, m.end()))
                or (letter == "m" and _currency_after(text, m.end()))
            ):
                scale = _DIGIT_SCALES[letter.lower()]
            else:
                end = m.end("dig")
        return _Core(m.start(), m.start("dig"), end, _tidy(value * scale), currency, False, scale != 1.0, dig,
                     bool(m.group("ords")), scale)  # fmt: skip
    if m.group("wseq") is None:
        return None
    parsed = _parse_word_run(text, m.start("wseq"), m.end("wseq"))
    if parsed is None:
        return None
    value, end = parsed
    complete = end == m.end("wseq")
    scale_words = _SCALE_WORD.findall(text, m.start("wseq"), end)
    scale = _SCALES[scale_words[-1].lower().rstrip("s")] if scale_words else 1.0
    if m.group("wpre"):
        pre = re.sub(r"\s+", " ", m.group("wpre").lower()).strip()
        value *= _PREFIX_FACTORS.get(pre, 1.0)
    if complete and m.group("whalf"):
        value += 0.5 if not scale_words else 0.5 * scale
        end = m.end("whalf")
        if m.group("wsc2"):
            scale = _SCALES[m.group("wsc2").lower()]
            value *= scale
    start = m.start("wpre") if m.group("wpre") else m.start("wseq")
    return _Core(start, start, end, _tidy(value), currency, True, scale != 1.0, None, False, scale)


def _match_unit(
    pattern: re.Pattern[str], names: dict[str, str], text: str, pos: int
) -> tuple[str, int] | None:
    sep = _UNIT_SEP.match(text, pos)
    at = sep.end() if sep else pos
    m = pattern.match(text, at)
    if not m or m.lastgroup is None:
        return None
    name = names[m.lastgroup] or m.group(0).upper()
    if name == "SYMBOL":
        name = _CURRENCY_SYMBOLS.get(m.group(0), m.group(0))
    return name, m.end()


_AGE_WORDS = frozenset({"aged", "age", "ages", "of", "at"})  # the last word before an age ("the age of 87")
_MAG_WORDS = frozenset({"magnitude", "of", "magnitude-"})


def _last_word(left: str) -> str:
    """The last word of `left`, lower-cased ("" when there is none): a cheap gate before a regex."""
    parts = left.rsplit(None, 1)
    return parts[-1].lower() if parts else ""


def _may_be_code_cue(left: str) -> bool:
    """Every cue of _CODE_LEFT ends in a capitalised word, a lower-case "resolution"-like word, "No." or #."""
    word = left.rsplit(None, 1)[-1] if left.strip() else ""
    return bool(word) and (
        word[0].isupper() or word[-1] in ".#№" or word.lower() in _CODE_LOWER_WORDS or "URL" in left[-24:]
    )


_CODE_LOWER_WORDS = frozenset({"resolution", "resolutions", "article", "decree", "flight", "page", "version"})


def _tail(left: str) -> int:
    """Where the last 18 characters of `left` start: every left-context cue is shorter than that."""
    return max(0, len(left) - 18)


def _left_window(text: str, start: int, floor: int, width: int = 40) -> tuple[str, int]:
    lo = max(floor, start - width)
    return text[lo:start], lo


def _is_whole(v: float) -> bool:
    return float(v).is_integer()


def _interval(qualifier: str | None, v: float, kind: str) -> tuple[float, float]:
    """The interval `qualifier v` commits to; low <= high for every sign of `v`.

    A negative figure ("minus 10 degrees", "-3%") is no count of things: an upper bound leaves it open
    below (not at 0), the whole-count step inside an open bound does not apply, and "about" and "nearly"
    work on its size ("nearly -10" is just short of -10 in size, so just above it).
    """
    if v < 0:
        return _negative_interval(qualifier, v)
    # Things counted one by one, and ages in whole years, step by one inside an open bound ("more than 40
    # people" is at least 41). Time is not counted that way: "more than two years" is any span past two
    # years (28 months), and "nearly two weeks" is just short of 14 days, not one week.
    whole_count = kind in ("count", "age") and _is_whole(v)
    if qualifier == "at_least":
        return v, math.inf
    if qualifier == "more_than":
        return (v + 1 if whole_count else v), math.inf
    if qualifier in ("at_most", "up_to"):
        return 0.0, v
    if qualifier == "fewer_than":
        return 0.0, (v - 1 if whole_count and v >= 1 else v)
    if qualifier == "nearly":
        high = v - 1 if whole_count and v >= 2 else v
        return min(v * (1 - NEARLY_TOLERANCE), high), high
    if qualifier == "about":
        return v * (1 - ABOUT_TOLERANCE), v * (1 + ABOUT_TOLERANCE)
    return v, v


def _negative_interval(qualifier: str | None, v: float) -> tuple[float, float]:
    """`_interval` for v < 0: bounds are open towards -inf, tolerances apply to the size |v|."""
    size = -v
    if qualifier in ("at_least", "more_than"):
        return v, math.inf
    if qualifier in ("at_most", "up_to", "fewer_than"):
        return -math.inf, v
    if qualifier == "nearly":
        return v, -size * (1 - NEARLY_TOLERANCE)
    if qualifier == "about":
        return -size * (1 + ABOUT_TOLERANCE), -size * (1 - ABOUT_TOLERANCE)
    return v, v


def _left_qualifier(left: str, left_lo: int, text: str = "") -> tuple[str | None, tuple[int, int] | None]:
    """The normalised qualifier ending `left` (the text just before a number, at `left_lo` of `text`) and
    its span."""
    if not left:
        return None, None
    if left[-1] in "\"“'‘":  # 'put the toll at "nearly 50"'
        left = left[:-1]
        if not left:
            return None, None
    if left[-1].isspace():
        tail = left.rsplit(None, 1)
        if not tail or tail[-1].lstrip("\"“‘'([").lower() not in _QUAL_LAST_WORDS:
            return None, None  # the common case, decided without running the big pattern
    elif left[-1] not in "<>=≥≤":
        return None, None
    qm = _QUAL_LEFT.search(left)
    if qm is None or qm.lastgroup is None:
        return None, None
    name = qm.lastgroup
    at = left_lo + qm.start()
    if name == "up_to" and text and _REVISED_UP.search(text, max(0, at - _REVISED_UP_REACH), at):
        return None, None  # "revised its estimate up to 2.1%": revised upwards to a level, no bound
    return name.removeprefix("sym_"), (left_lo + qm.start(name), left_lo + qm.end(name))


# A verb of revising before "up to" makes "up" its direction ("revised up to 2.1%", "revised its estimate of
# growth up to 2.1 percent"), within this many characters of the same clause.
_REVISED_UP_REACH = 60
_REVISED_UP = re.compile(
    r"\b(?:revis|upgrad|adjust|mark)(?:e|ed|es|ing)\b"
    r"(?:\s+(?!(?:that|so|and|but|which|who|when|while|where|if|can|will|would|could|may)\b)[a-z'’-]+){0,6}\s*$",
    re.IGNORECASE,
)


def _currency_after(text: str, end: int) -> bool:
    """A currency word right after "<number>m" ("1.2m pound", "5m-euro"): the "m" is million."""
    sep = _UNIT_SEP.match(text, end)
    return bool(_CURWORD_RE.match(text, sep.end() if sep else end))
