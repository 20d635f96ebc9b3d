"""Spans and scopes of figures: over which period a figure counts, and when two claims' figures are one count.

A toll "since Sunday" and a toll of one attack count different spans; one figure each of one measure and
group, with nothing setting their scopes apart, is one quantity.
"""

from __future__ import annotations

from verifier.compare import holders
from verifier.compare.align import Aligned
from verifier.compare.features import PairView
from verifier.quantities import Quantity


def other_period(v: PairView, p: Aligned) -> bool:
    """One figure counts over a stated period ("since 1987", "in three days") and the other does not, or
    over another one: they count different spans, so they cannot clash. A period its claim states far from
    the figure ("50 have died in floods that swept ... since Sunday") is still that claim's period."""
    sa, sb = scope(p.a.q), scope(p.b.q)
    if sa is None and sb is not None:
        return not states_period(v.a.text, p.b.q.scope or "")
    if sb is None and sa is not None:
        return not states_period(v.b.text, p.a.q.scope or "")
    return sa != sb


def states_period(text: str, scope: str) -> bool:
    return bool(scope) and f" {scope.lower()}" in f" {text.lower()}"


def scope(q: Quantity) -> str | None:
    """A figure's period as words, whatever their case or spacing ("This year" at a sentence's start) and
    whichever preposition leads it ("in three days", "over three days"; "at the weekend", "over the
    weekend")."""
    if not q.scope:
        return None
    found = q.scope.lower().split()
    while found[:1] and found[0] in SCOPE_LEADS:
        found = found[1:]
    return " ".join(found)


SCOPE_LEADS = frozenset("in over during within across for at on the".split())


def one_count_each(v: PairView) -> bool:
    """Each claim's one figure, of one named measure and group, with neither counting since a day the other
    does not, neither set in a part of the other's place, and the figures of one holder (two
    firms' revenues are two quantities): one quantity, never two."""
    e = v.evidence
    if len(v.figures_a) != 1 or len(v.figures_b) != 1 or len(v.pairs) != 1:
        return False
    p = v.pairs[0]
    return (
        p.same_thing
        and p.measures == "same"
        and e.cumulative_a == e.cumulative_b
        and not e.part_of_place
        and not holders.apart(p.a.holder, p.b.holder, v.a.text, v.b.text)
    )
