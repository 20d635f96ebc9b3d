"""The number mention record, its kinds and qualifiers, and the intervals vague words commit to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Qualifier = Literal[
    "at_least",  # at least, no fewer than, no less than, a minimum of, N+, N or more
    "more_than",  # more than, over, above, upwards of, in excess of
    "nearly",  # nearly, almost, close to, just under
    "about",  # about, around, some, roughly, approximately, an estimated, N or so, N-odd
    "up_to",  # up to, as many as, as much as
    "at_most",  # at most, no more than, a maximum of, N or fewer
    "fewer_than",  # fewer than, less than, under, below
    "exactly",  # exactly, precisely
    "range",  # between a and b, a-b, a to b, a or b
    "vague",  # dozens, hundreds, thousands, scores of, a handful, several, a few
]
QUALIFIERS: tuple[str, ...] = Qualifier.__args__  # type: ignore[attr-defined]

Kind = Literal[
    "count",  # a plain number of things: the figures a fact-checker compares
    "percent",
    "percentage_points",
    "money",  # unit = ISO currency code when known (USD, EUR, GBP, SYP ...)
    "measure",  # unit = km, kg, magnitude, mm ...
    "fraction",  # "a third", "two-thirds", "half"
    "date",
    "year",
    "time",
    "age",
    "ordinal",
    "duration",  # unit = seconds, minutes, hours, days, weeks, months, years, decades
    "phone",
    "code",  # Resolution 2254, No. 12, Brigade 93, F-16, MH17: names, not amounts
    "score",  # "won 31-24", "a 36-3 record": iso = "31-24", compared as a pair, never as an amount
]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]

# "about 30" -> 27..33. News style guides use "about"/"around" for a figure rounded to its leading digits;
# 10% covers rounding to two significant figures, the usual precision of an early toll.
ABOUT_TOLERANCE = 0.10
# "nearly 30" -> 25.5..29. "Nearly/almost" marks a figure just under a round number; 15% below keeps
# "nearly 30" compatible with 26 but not with 20.
NEARLY_TOLERANCE = 0.15

# Vague amounts: (low, high). "Hundreds" starts at 200 (a hundred is "a hundred") and stops before the
# next order of magnitude, which has its own word ("thousands").
VAGUE_RANGES: dict[str, tuple[float, float]] = {
    "a couple": (2, 3),
    "a few": (2, 5),
    "a handful": (3, 6),
    "several": (3, 9),
    "tens": (20, 99),
    "dozens": (24, 99),
    "scores": (40, 199),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2e6, 9_999_999),
    "tens of millions": (2e7, 99_999_999),
    "hundreds of millions": (2e8, 999_999_999),
    "billions": (2e9, 9_999_999_999),
}
# "a few hundred", "several thousand": multiples of the scale word.
_VAGUE_MULTIPLES: dict[str, tuple[float, float]] = {
    "a couple of": (2, 3),
    "a few": (2, 5),
    "several": (3, 9),
    "many": (2, 9),
}


@dataclass(frozen=True)
class NumberMention:
    """One figure in a text. `text[start:end] == self.text` covers qualifier, number and unit."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None  # one of QUALIFIERS
    kind: str  # one of KINDS
    unit: str | None
    qualifier_span: tuple[int, int] | None = None
    iso: str | None = None  # dates "2015-07-31" / "--07-31", years "2015", times "15:00"
    number_span: tuple[int, int] | None = None  # the number itself, without qualifier, currency or unit

    @property
    def is_figure(self) -> bool:
        """True for amounts a fact-checker compares (counts, percents, money, measures)."""
        return self.kind in _FIGURE_KINDS


_FIGURE_KINDS = frozenset({"count", "percent", "percentage_points", "money", "measure", "fraction"})


def _mention(
    text: str,
    start: int,
    end: int,
    *,
    value: float | None,
    low: float | None,
    high: float | None,
    qualifier: str | None,
    kind: str,
    unit: str | None = None,
    qualifier_span: tuple[int, int] | None = None,
    iso: str | None = None,
    number_span: tuple[int, int] | None = None,
) -> NumberMention:
    return NumberMention(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        kind=kind,
        unit=unit,
        qualifier_span=qualifier_span,
        iso=iso,
        number_span=number_span if number_span is not None else (start, end),
    )
