"""One unit written with an article: "lasted a week", "a foot of snow", "about an hour", "a fortnight".

English writes a single unit of time or length with "a"/"an" where it writes "two weeks" with a number, and
a careful reader takes "a week" as one week. The article is the commonest word in English, so it is read as
a figure only where the unit is a length of time or distance the sentence states: after a word that
introduces a length ("for", "lasted", "within", "nearly"), or before one that measures with it ("of",
"long", "away", "ago", "later"). "Twice a day", "$5bn a year" and "100 people a day" are rates and stay
unread, as do "a second attack" (an ordinal) and "a degree in law".
"""

from __future__ import annotations

import re

from verifier.numbers.parse import _interval, _left_qualifier, _left_window, _tidy
from verifier.numbers.record import NumberMention, _mention

# unit word -> (kind, unit as the scanner names it, how many of that unit one of the word is)
_ONE_UNITS: dict[str, tuple[str, str, float]] = {
    "minute": ("duration", "minutes", 1.0),
    "hour": ("duration", "hours", 1.0),
    "day": ("duration", "days", 1.0),
    "week": ("duration", "weeks", 1.0),
    "fortnight": ("duration", "weeks", 2.0),
    "month": ("duration", "months", 1.0),
    "year": ("duration", "years", 1.0),
    "decade": ("duration", "decades", 1.0),
    "century": ("duration", "centuries", 1.0),
    "foot": ("measure", "ft", 1.0),
    "inch": ("measure", "in", 1.0),
    "yard": ("measure", "yd", 1.0),
    "mile": ("measure", "mi", 1.0),
    "metre": ("measure", "m", 1.0),
    "meter": ("measure", "m", 1.0),
    "kilometre": ("measure", "km", 1.0),
    "kilometer": ("measure", "km", 1.0),
    "tonne": ("measure", "t", 1.0),
}
# Words right before the article that introduce a length: "for a week", "lasted an hour", "nearly a mile".
_BEFORE = frozenset(
    "for lasted lasting last lasts took take takes taking spent spend spends within in over after nearly "
    "almost about around than just only barely roughly under least some to served serve serving "
    "faces face facing".split()
)
# Words right after the unit that measure with it: "a foot of snow", "a mile away", "a week later".
_AFTER = re.compile(
    r"(?i)(?:'s|’s|-long\b|\s+(?:of|long|away|ago|later|earlier|before|after|from|high|deep|wide)\b)"
)
_ONE_UNIT = re.compile(
    r"(?i)(?<![\w-])(?P<art>an?)\s+(?P<unit>" + "|".join(_ONE_UNITS) + r")(?!\w)(?!-(?!long\b))"
)
_HALF = re.compile(r"(?i)\bhalf\s+$")


def one_unit_mentions(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """`found` with the single units written with an article added, in text order, none overlapping."""
    if " a " not in text and " an " not in text and not text[:3].lower().startswith(("a ", "an")):
        return found
    taken = [(n.start, n.end) for n in found]
    added: list[NumberMention] = []
    for m in _ONE_UNIT.finditer(text):
        start, end = m.start(), m.end()
        if any(a < end and start < b for a, b in taken):
            continue
        kind, unit, size = _ONE_UNITS[m.group("unit").lower()]
        before = text[:start].rstrip()
        prev = before.rsplit(None, 1)[-1].lower().strip("(\"“'‘") if before else ""
        at_start = not before or before[-1] in '.!?:;"“'
        half = _HALF.search(text, max(0, start - 6), start)
        if not (half or at_start or prev in _BEFORE or _AFTER.match(text, end)):
            continue
        if half:  # "half an hour": the fraction the scanner read is this figure's number
            start, size = half.start(), size / 2
            found = [n for n in found if not (n.kind == "fraction" and start <= n.start < m.start())]
        left, left_lo = _left_window(text, start, 0)
        qual, qual_span = _left_qualifier(left, left_lo, text)
        if qual in ("between", "from", "change"):
            qual, qual_span = None, None
        low, high = _interval(qual, size, kind)
        added.append(
            _mention(text, qual_span[0] if qual_span else start, end, value=size, low=_tidy(low),
                     high=_tidy(high), qualifier=qual, kind=kind, unit=unit, qualifier_span=qual_span,
                     number_span=(m.start("art"), m.end("art")))
        )  # fmt: skip
    if not added:
        return found
    return sorted([*found, *added], key=lambda n: n.start)
