"""One line that says why: the figures behind the label, or the evidence that sets the incidents apart."""

from __future__ import annotations

from verifier.compare import holders
from verifier.compare.align import Aligned, best_per_figure
from verifier.compare.features import PairView
from verifier.compare.figures import Figure
from verifier.compare.sums import parts_making_whole


def _said(f: Figure) -> str:
    """A figure as the explanation names it: a change with its direction ("up 3%", "down 3%")."""
    return {1: "up ", -1: "down ", 0: ""}[f.direction] + f.q.describe()


def _fmt(p: Aligned) -> tuple[str, str]:
    return _said(p.a), _said(p.b)


def _first(pairs: list[Aligned], want: bool) -> Aligned | None:
    return next((p for p in pairs if p.same_thing and p.compatible is want), None)


def _apart(v: PairView) -> str:
    e = v.evidence
    if e.places:
        return f"Different places: {e.places[0]} vs {e.places[1]}"
    if e.stated_gap:
        return f"The dates they give are {e.stated_gap} days apart"
    if e.weekday_clash or e.month_clash:
        return "They name different days or months"
    if e.kinds_clash:
        return "They describe different kinds of event"
    if e.report_gap and abs(e.report_gap) > 3:
        return f"Reports {abs(e.report_gap)} days apart with little in common"
    if not v.pairs:
        return "No figure of one counts what a figure of the other counts"
    return "Worded alike, but about another incident or fact"


def explain(label: str, v: PairView, basis: Aligned | None = None) -> str:
    """`basis` is the pair the label rests on (decision.basis); the explanation names it when given."""
    best = best_per_figure(list(v.pairs))
    if label == "conflict":
        p = basis or _first(best, False)
        return f"Figures conflict: {' vs '.join(_fmt(p))}" if p else "The reports disagree"
    if label == "update":
        # Without a clash, the figure that grew while staying compatible ("at least 40", then "at least 61").
        grown = next((x for x in best if x.same_thing and x.a.point != x.b.point), None)
        p = basis or _first(best, False) or grown
        if p is None:
            return "A later report revises the figure"
        early, late = (p.a, p.b) if (v.evidence.report_gap or 0) >= 0 else (p.b, p.a)
        return f"A later report revises the figure: {early.q.describe()} then {late.q.describe()}"
    if label == "agree":
        p = _first(best, True)
        if p:
            return f"Figures agree: {' and '.join(_fmt(p))}"
        if (p := next((x for x in best if x.restates), None)) is not None:
            return f"Figures agree: {' and '.join(_fmt(p))}"
        if (whole := parts_making_whole(v)) is not None:
            return f"The parts add up: {whole.describe()}"
        return "Same incident; no figure of one contradicts the other"
    if label == "different_quantity":
        p = next((x for x in v.pairs if x.part_whole or x.measures == "other"), None) or (
            v.pairs[0] if v.pairs else None
        )
        if p is None:
            return "Same story, but the figures measure different things"
        if holders.apart(p.a.holder, p.b.holder, v.a.text, v.b.text):
            return f"The figures belong to different names: {' vs '.join(_fmt(p))}"
        return f"Figures measure different things: {' vs '.join(_fmt(p))}"
    return _apart(v)
