"""The scanner: candidate positions, master pattern, dispatch by kind; `find_numbers`, `parse_number`."""

from __future__ import annotations

import re

from verifier.numbers.figures import _number_mention
from verifier.numbers.kinds import (
    _date_mention,
    _fraction_mention,
    _ordinal_word_mention,
    _slash_mention,
    _time_mention,
    _vague_mention,
)
from verifier.numbers.one_unit import one_unit_mentions
from verifier.numbers.parse import _core_from_match, _tidy
from verifier.numbers.patterns import (
    _AND_JOIN,
    _BACK,
    _DIGIT_TRIGGER,
    _LETTERS_ONLY,
    _LOWER_BOUNDS,
    _MASTER,
    _MASTER_DIGIT,
    _MASTER_WORD,
    _TRIGGER_WORDS,
    _UPPER_BOUNDS,
    _URL,
)
from verifier.numbers.record import NumberMention, _mention
from verifier.numbers.vocab import _DIGIT_SCALES


def find_numbers(text: str) -> list[NumberMention]:
    """Every number mention in `text`, sorted by start, non-overlapping."""
    out: list[NumberMention] = []
    pos = 0  # scanning resumes here
    last_end = 0  # end of the last mention: a qualifier on the left may not reach back past it
    # Numbers inside URLs ("?id=305&q=30%25") are addresses, not figures.
    urls = [u.span() for u in _URL.finditer(text)] if ("://" in text or "www." in text) else []
    for c, word in _candidates(text):
        if c < pos:
            continue
        if urls and any(a <= c < b for a, b in urls):
            continue
        if word and c > 0 and text[c - 1].isalpha():
            continue  # inside a word: "naïve" does not hide a number word
        m = None
        if not word:
            # The number may start a little earlier: "$5", "US$ 5", "F-16", "+963", "(555)".
            back = _BACK.search(text, max(pos, c - 8), c + 1)
            if back is not None:
                m = _MASTER.match(text, back.start())
        elif c >= 2 and text[c - 1] == " " and text[c - 2] in "aA" and (c == 2 or not text[c - 3].isalnum()):
            m = _MASTER_WORD.match(text, c - 2)  # "a dozen", "a few", "a third", "a hundred"
        elif c >= 3 and text[c - 3 : c].lower() == "an " and (c == 3 or not text[c - 4].isalnum()):
            m = _MASTER_WORD.match(text, c - 3)
        if m is None:
            m = (_MASTER_WORD if word else _MASTER_DIGIT if text[c].isdigit() else _MASTER).match(text, c)
        if m is None:
            continue
        mention, nxt = _dispatch(text, m, last_end)
        if mention is not None:
            out.append(mention)
            nxt = last_end = mention.end
        pos = max(nxt, m.start() + 1)
    out = one_unit_mentions(text, out)
    return _merge_durations(text, _merge_bounds(text, out)) if len(out) > 1 else out


def _candidates(text: str) -> list[tuple[int, bool]]:
    """Where a mention may start: (offset, starts with a number word), in text order.

    Digits and currency signs come from a small regex; number words from a set lookup on the text with
    every non-letter turned into a space (same length, so offsets hold). Measured on FA-KES sentences
    this is ~30% cheaper than one regex with all trigger words, and finds the same positions.
    """
    found = [(m.start(), False) for m in _DIGIT_TRIGGER.finditer(text)]
    folded = text.translate(_LETTERS_ONLY)
    hits = _TRIGGER_WORDS.intersection(folded.split())
    if hits:
        padded = f" {folded} "
        for w in hits:
            needle = f" {w} "
            at = padded.find(needle)
            while at >= 0:
                found.append((at, True))  # `at` in padded is the word's offset in text (the pad is 1 char)
                at = padded.find(needle, at + len(w) + 1)
        found.sort()
    return found


def _merge_bounds(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """ "more than 10 and fewer than 40" -> one range [11, 39]: a lower and an upper bound joined by "and"."""
    out: list[NumberMention] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if (
            b is not None
            and a.kind == b.kind
            and a.low is not None
            and a.high is not None
            and b.low is not None
            and b.high is not None
            and {a.qualifier, b.qualifier} & _LOWER_BOUNDS
            and {a.qualifier, b.qualifier} & _UPPER_BOUNDS
            and _AND_JOIN.fullmatch(text, a.end, b.start)
        ):
            lo, hi = (a, b) if a.qualifier in _LOWER_BOUNDS else (b, a)
            low, high = lo.low, hi.high
            if low is not None and high is not None and low <= high:
                out.append(
                    _mention(text, a.start, b.end, value=_tidy((low + high) / 2), low=low, high=high,
                             qualifier="range", kind=a.kind, unit=a.unit or b.unit,
                             qualifier_span=a.qualifier_span, number_span=(a.start, b.end))
                )  # fmt: skip
                i += 2
                continue
        out.append(a)
        i += 1
    return out


# Seconds in each unit of a compound duration; months and years only with each other (12 months a year).
_UNIT_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "weeks": 604800}
_UNIT_MONTHS = {"months": 1, "years": 12}
_COMPOUND_JOIN = re.compile(r",?\s+(?:and\s+)?|\s*")


def _merge_durations(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """ "29 minutes 41 seconds" -> one duration of 1,781 seconds, "two years and three months" -> 27 months:
    a duration followed at once by an exact one of a smaller unit is one length of time."""
    out: list[NumberMention] = []
    for b in found:
        a = out[-1] if out else None
        if a is not None and a.kind == b.kind == "duration" and b.qualifier is None:
            scale = next((u for u in (_UNIT_SECONDS, _UNIT_MONTHS) if a.unit in u and b.unit in u), None)
            if (
                scale is not None
                and scale[a.unit or ""] > scale[b.unit or ""]
                and a.value is not None
                and b.value is not None
                and a.low is not None
                and a.high is not None
                and _COMPOUND_JOIN.fullmatch(text, a.end, b.start)
            ):
                f = scale[a.unit or ""] / scale[b.unit or ""]
                out[-1] = _mention(text, a.start, b.end, value=a.value * f + b.value, low=a.low * f + b.value,
                                   high=a.high * f + b.value, qualifier=a.qualifier, kind="duration",
                                   unit=b.unit, qualifier_span=a.qualifier_span,
                                   number_span=(a.start, b.end))  # fmt: skip
                continue
        out.append(b)
    return out


def _dispatch(text: str, m: re.Match[str], floor: int) -> tuple[NumberMention | None, int]:
    g = m.lastgroup
    if g in ("iso", "sdate", "nine11", "ddot", "mdate", "ddate", "mydate"):
        return _date_mention(text, m), m.end()
    if g == "phone":
        return _mention(text, m.start(), m.end(), value=None, low=None, high=None, qualifier=None,
                        kind="phone"), m.end()  # fmt: skip
    if g == "time":
        return _time_mention(text, m), m.end()
    if g == "vague":
        return _vague_mention(text, m, floor), m.end()
    if g == "frac":
        return _fraction_mention(text, m, floor), m.end()
    if g == "ordw":
        return _ordinal_word_mention(text, m), m.end()
    if g in ("code", "dotted"):
        return _mention(text, m.start(), m.end(), value=None, low=None, high=None, qualifier=None,
                        kind="code"), m.end()  # fmt: skip
    if g == "slash":
        return _slash_mention(text, m)
    return _number_mention(text, m, floor)


def parse_number(text: str) -> float | None:
    """The value of a text that is exactly one number, else None.

    "twenty-seven" -> 27, "two hundred and fifty" -> 250, "1,200" -> 1200, "1.5 million" -> 1.5e6,
    "3.2bn" -> 3.2e9, "a dozen" -> 12, "half a million" -> 5e5, "$5m" -> 5e6.
    """
    s = text.strip()
    if not s:
        return None
    m = _MASTER.match(s)
    if m is None or m.group("num") is None:
        if m is not None and m.group("frac") and m.end() == len(s):
            found = find_numbers(s)
            return found[0].value if len(found) == 1 and found[0].end == len(s) else None
        return None
    core = _core_from_match(s, m)
    if core is None or core.ordinal:
        return None
    rest = s[core.end :].strip()
    if rest and not re.fullmatch(r"(?i:[mkb])", rest):
        return None
    if rest:
        return core.value * _DIGIT_SCALES[rest.lower()]
    return core.value
