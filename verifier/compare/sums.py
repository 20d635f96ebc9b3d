"""Parts that add up to a whole: one claim counts groups ("150 passengers and 6 crew"), the other their total
("all 156 people on board")."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from verifier.compare.features import PairView
from verifier.compare.figures import Figure

# A whole is made of at most this many named parts in news copy ("150 passengers and 6 crew", "two soldiers,
# three police and a driver"); past it the combinations of a long list would match some total by chance.
MAX_PARTS = 3


@dataclass(frozen=True)
class PartsMakeWhole:
    parts: tuple[Figure, ...]
    whole: Figure

    def describe(self) -> str:
        """"150 passengers + 6 crew = 156 people killed"."""
        return " + ".join(f.q.describe() for f in self.parts) + " = " + self.whole.q.describe()


def _exact_count(f: Figure) -> bool:
    return f.family == "count" and f.low == f.high and f.low > 0 and f.low.is_integer() and not f.q.qualifier


def _adds_up(combo: tuple[Figure, ...], whole: Figure) -> bool:
    measures = {f.q.measure for f in combo}
    return (
        len({f.q.group_head for f in combo}) == len(combo)
        and len(measures) == 1
        and (whole.q.measure in measures | {None} or measures == {None})
        and sum(f.low for f in combo) == whole.low
    )


def parts_making_whole(v: PairView) -> PartsMakeWhole | None:
    """The parts of one claim that add up exactly to a count of the other, if any. Each part names its own
    group and all parts share a measure; the whole has that measure, or one side names none (a count of the
    people on board says nothing against the count of those killed). A whole that one claim states as such
    is no sum."""
    for parts, wholes in ((v.figures_a, v.figures_b), (v.figures_b, v.figures_a)):
        named = [f for f in parts if _exact_count(f) and f.q.group_head]
        values = {f.low for f in parts}
        for whole in (w for w in wholes if _exact_count(w) and w.low not in values):
            for k in range(2, MAX_PARTS + 1):
                for combo in itertools.combinations(named, k):
                    if _adds_up(combo, whole):
                        return PartsMakeWhole(combo, whole)
    return None
