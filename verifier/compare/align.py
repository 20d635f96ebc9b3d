"""Which figures of two claims measure the same thing: every pair of one family, scored by the words that
say what each measures, with the casualty constraints (killed is not wounded, a part is not its whole)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from verifier.compare.comparators import compatible, relative_gap
from verifier.compare.figures import Figure
from verifier.compare.groups import group_relation, measure_relation
from verifier.compare.text import jaccard

# A claim rarely states more than a handful of figures; past this many the extra ones are tables or lists
# whose pairs would make the comparison quadratic in the input (12 x 12 = 144 comparisons at most).
MAX_FIGURES = 12
# Frame roles that mark a figure as a part of a larger count (verifier.quantities: "among", "N of the M",
# "N more", "another N").
_PART_ROLES = frozenset({"part", "partial"})
# Qualifiers that leave a figure open on one side or vague: "at least 27" can be any number from 27 up.
OPEN_QUALIFIERS = frozenset({"at_least", "more_than", "vague", "up_to", "fewer_than", "at_most"})


@dataclass(frozen=True)
class Aligned:
    a: Figure
    b: Figure
    strength: float  # Jaccard of the two figures' context words, 0..1
    measures: str  # same | part | other | unknown (groups.measure_relation)
    groups: str  # same | a_in_b | b_in_a | disjoint (groups.group_relation)
    compatible: bool
    gap: float  # relative distance of the two values, 0..1

    @property
    def same_thing(self) -> bool:
        """Nothing says the two figures count different things: the same measure and group, and neither
        marked as a part of a larger count ("two of the dead", "five more") unless both are."""
        roles = {self.a.q.role in _PART_ROLES, self.b.q.role in _PART_ROLES}
        return self.measures in ("same", "unknown") and self.groups == "same" and len(roles) == 1

    @property
    def part_whole(self) -> bool:
        parts = (self.a.q.role in _PART_ROLES) != (self.b.q.role in _PART_ROLES)
        return self.measures == "part" or self.groups in ("a_in_b", "b_in_a") or parts

    @property
    def restates(self) -> bool:
        """A group and a group inside it, counted for one measure with values that can be the same number
        ("20 to 25 people arrested", "22 protesters arrested"): the whole is all of the part, one count told
        at two levels of detail. An open part ("at least 27 IS fighters" against 40 people) and figures
        marked as parts are left to the classifier: there, a part smaller than its whole is as likely."""
        if self.groups not in ("a_in_b", "b_in_a"):
            return False
        part, whole = (self.a, self.b) if self.groups == "a_in_b" else (self.b, self.a)
        # The part must be exact; the whole may be a bound that holds it ("more than 200 people evacuated",
        # "230 residents evacuated"), never a vague word.
        closed = (
            math.isfinite(part.low)
            and math.isfinite(part.high)
            and part.q.qualifier not in OPEN_QUALIFIERS
            and whole.q.qualifier != "vague"
        )
        return (
            self.measures in ("same", "unknown")
            and self.a.family == "count"
            and self.compatible
            and closed
            and not {self.a.q.role, self.b.q.role} & _PART_ROLES
        )

    @property
    def part_exceeds_whole(self) -> bool:
        """A subgroup can never outnumber the group that holds it: "at least 27 IS fighters" against "13
        fighters" of the same measure cannot both be true. A figure marked as an addition ("another seven",
        "six others", "three more") is a further part, never the whole of anything."""
        if self.measures not in ("same", "unknown") or self.a.family != "count":
            return False
        if self.groups == "a_in_b":
            return self.b.q.role not in _PART_ROLES and self.a.low > self.b.high
        if self.groups == "b_in_a":
            return self.a.q.role not in _PART_ROLES and self.b.low > self.a.high
        return False

    @property
    def clash(self) -> bool:
        """The two figures cannot both be true: one thing counted twice with incompatible values, or a
        part larger than its whole."""
        return (self.same_thing and not self.compatible) or self.part_exceeds_whole


def align(fa: tuple[Figure, ...], fb: tuple[Figure, ...]) -> list[Aligned]:
    """Every pair of same-family figures, strongest first."""
    out = []
    for x in fa[:MAX_FIGURES]:
        for y in fb[:MAX_FIGURES]:
            if x.family != y.family:
                continue
            out.append(
                Aligned(
                    a=x,
                    b=y,
                    strength=jaccard(x.context, y.context),
                    measures=_measures(x, y),
                    groups=group_relation(x.q, y.q),
                    compatible=compatible(x, y),
                    gap=relative_gap(x, y),
                )
            )
    out.sort(key=lambda p: (-p.strength, p.compatible))
    return out


def _measures(x: Figure, y: Figure) -> str:
    """The measure relation of two figures; two lengths whose words name two dimensions ("long", "deep")
    or two nouns they are the lengths of measure two things."""
    if x.dimension and y.dimension and x.dimension != y.dimension:
        return "other"
    if x.of_noun and y.of_noun and x.of_noun != y.of_noun:
        return "other"  # "a two-week offensive", "one day of shelling": lengths of two things
    return measure_relation(x.q, y.q)


def best_per_figure(pairs: list[Aligned]) -> list[Aligned]:
    """For each figure of either claim, its strongest partner among the figures nothing sets apart from it
    (another measure, a group with no member in common); one pair may serve both of its figures."""
    seen_a: set[int] = set()
    seen_b: set[int] = set()
    out: list[Aligned] = []
    for p in pairs:  # strongest first
        if p.measures == "other" or p.groups == "disjoint":
            continue
        ia, ib = id(p.a), id(p.b)
        if ia in seen_a and ib in seen_b:
            continue
        seen_a.add(ia)
        seen_b.add(ib)
        out.append(p)
    return out
