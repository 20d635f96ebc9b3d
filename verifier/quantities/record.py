"""The `Quantity` frame: one figure of a claim and everything that says what it counts."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from verifier import lexicon as lx
from verifier.core.display import number

# Kinds of number that are never a count of anything: compared, if at all, only as what they are.
NON_COUNT_KINDS = frozenset(
    {"date", "year", "time", "age", "ordinal", "phone", "code", "duration", "resolution", "unit", "id"}
)
def takes_measure(kind: str, measure: str | None) -> bool:
    """Whether a figure of this kind can measure this: a sum of money or a length never counts people
    ("the missing hikers were found 15 miles away" gives a distance, no number of the missing)."""
    return not (kind in ("measure", "money") and measure in lx.PEOPLE_MEASURES)


@dataclass(frozen=True)
class Quantity:
    """One figure of a claim and everything that says what it counts."""

    text: str  # the number as written, with its qualifier ("at least 27")
    value: float | None  # point value (midpoint for ranges and vague amounts)
    low: float
    high: float  # math.inf when open ("more than 300")
    qualifier: str | None  # "at least", "nearly", "about", ... as normalised by verifier.numbers
    kind: str  # count, percent, money, measure, date, year, time, age, ordinal, ...
    unit: str | None
    iso: str | None = None  # dates "2015-07-31" / "--07-31", times "15:00" (from verifier.numbers)
    measure: str | None = None  # normalised: killed, wounded, arrested, displaced, ...
    negated: bool = False  # "no one was killed": the figure is zero
    group: str | None = None  # counted group as written: "IS fighters"
    group_head: str | None = None  # its normalised head: "fighters"
    attribution: str | None = None  # "medical officials said"
    time: str | None = None  # "on Thursday", "November 19"
    time_resolved: str | None = None  # ISO date (or YYYY-MM) resolved against the article date
    scope: str | None = None  # period the claim counts over: "since Saturday", "in two days"
    role: str | None = None  # "part" (among, including, N of the M, N more) or "total" (on both sides)
    spans: Mapping[str, tuple[int, int]] = field(default_factory=dict, hash=False, compare=False)

    @property
    def span(self) -> tuple[int, int]:
        return self.spans["number"]

    @property
    def is_count(self) -> bool:
        return self.kind not in NON_COUNT_KINDS

    def describe(self) -> str:
        """Short human form used in explanations: "27 IS fighters killed (at least)"."""
        words_only = self.qualifier == "vague" or self.kind == "fraction"  # "dozens", "a third"
        num = number(self.value) if self.value is not None and not words_only else self.text
        qualifier = self.qualifier
        if qualifier == "range" and self.low < self.high and math.isfinite(self.high):
            # A range reads as both its ends ("20 to 25 people arrested"), never as its midpoint.
            num, qualifier = f"{number(self.low)} to {number(self.high)}", None
        parts = [num]
        if self.unit and self.kind in ("money", "measure", "percent", "duration", "age"):
            one = self.kind in ("duration", "age") and self.value == 1 and self.unit.endswith("s")
            parts.append(_one_of(self.unit) if one else self.unit)  # "1 week", "2 weeks"
        if self.group:
            parts.append(self.group)
        if self.measure and self.measure != self.unit:
            parts.append(self.measure)
        s = " ".join(parts)
        if qualifier and qualifier != "vague":
            s += f" ({qualifier.replace('_', ' ')})"
        if self.negated:
            s = f"no {self.group or 'one'} {self.measure or ''}".strip()
        return s


def _one_of(unit: str) -> str:
    """A unit of time in the singular: "weeks" -> "week", "centuries" -> "century"."""
    return unit[:-3] + "y" if unit.endswith("ies") else unit[:-1]
