"""One comparator per family of figure: whether two figures of one family can both be true.

Interval families (counts, money in one currency, percentages, measurements in base units, durations, ages)
are compatible when their intervals overlap; dates when the parts both give agree (a date without a year
matches any year); times of day when they name the same minute, after both time zones, when both are given,
are taken to UTC; scores, years and codes when they are the same.
"""

from __future__ import annotations

import re

from verifier.compare.figures import Figure
from verifier.compare.vocab import load

# Rounding: "2.3 million" and "2,290,000" are one figure. Two point figures within this relative distance
# are compatible; 1% is below any revision of a toll that is reported as news (a toll that moves by one in
# a hundred is rounding) and above the rounding of two significant figures of large amounts only where the
# leading digits agree.
ROUNDING_TOLERANCE = 0.01


def _intervals(a: Figure, b: Figure) -> bool:
    if a.low <= b.high and b.low <= a.high:
        return True
    if a.low == a.high and b.low == b.high and max(abs(a.low), abs(b.low)) > 0:
        return abs(a.low - b.low) / max(abs(a.low), abs(b.low)) <= ROUNDING_TOLERANCE
    return False


def _dates(a: str, b: str) -> bool:
    pa, pb = a.split("-"), b.split("-")
    if a.startswith("--") or b.startswith("--"):  # no year on one side: compare month and day
        return a[-5:] == b[-5:] if len(a) >= 5 and len(b) >= 5 else a == b
    n = min(len(pa), len(pb))
    return pa[:n] == pb[:n]


def _minutes(f: Figure) -> int | None:
    key = f.key or ""
    if len(key) < 5 or key[2] != ":":
        return None
    try:
        m = int(key[:2]) * 60 + int(key[3:5])
    except ValueError:
        return None
    zone = (f.q.unit or "").lower()
    offset = load().time_zones.get(zone)
    return m - offset if offset is not None else m


def _times(a: Figure, b: Figure) -> bool:
    ma, mb = _minutes(a), _minutes(b)
    if ma is None or mb is None:
        return a.key == b.key
    za, zb = (a.q.unit or "").lower() in load().time_zones, (b.q.unit or "").lower() in load().time_zones
    if za != zb:  # one clock is local, the other in a named zone: the same instant cannot be told apart
        return True
    return ma % 1440 == mb % 1440


def compatible(a: Figure, b: Figure) -> bool:
    """Whether two figures of the same family can both be true. A change up and a change down ("rose 3%",
    "fell 3%") cannot, whatever their sizes; years and ordinals are exact ("by 2028" is not "by 2030")."""
    if a.direction * b.direction < 0 and a.point and b.point:
        return False
    fam = a.family
    if fam in ("year", "ordinal"):  # no rounding: 2028 and 2030 are 0.1% apart
        return a.low <= b.high and b.low <= a.high
    if fam == "date":
        return _dates(a.key or "", b.key or "")
    if fam == "time":
        return _times(a, b)
    if fam in ("score", "record"):
        return _score(a.key) == _score(b.key)
    if fam == "code":
        return a.key == b.key
    return _intervals(a, b)


def relative_gap(a: Figure, b: Figure) -> float:
    """How far apart two figures are, 0 (touching) to 1, as a share of the larger point value."""
    if a.key is not None and a.family in ("date", "time", "score", "record", "code"):
        return 0.0 if compatible(a, b) else 1.0
    pa, pb = a.point, b.point
    big = max(abs(pa), abs(pb))
    if big == 0 or big == float("inf"):
        return 0.0
    return min(1.0, abs(pa - pb) / big)


_SCORE_NUMBERS = re.compile(r"\d+")


def _score(key: str | None) -> tuple[int, ...] | str | None:
    """A score as its numbers, larger first: "3-1" (the winner's side) and "1-3" (the loser's: "lost 1-3 to
    Kestrel") are one result."""
    found = _SCORE_NUMBERS.findall(key or "")
    return tuple(sorted((int(n) for n in found), reverse=True)) if found else key
