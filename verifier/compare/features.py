"""The pair's evidence as a vector of named numbers for the classifier: wording, figure alignment and
incident evidence. Every feature is computed from the two claims, their report metadata and, when known,
their articles."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from verifier.compare.align import OPEN_QUALIFIERS, Aligned, align, best_per_figure
from verifier.compare.context import context_features
from verifier.compare.evidence import Evidence, gather
from verifier.compare.figures import WHEN, Figure, read_figures
from verifier.compare.records import ClaimText
from verifier.compare.text import char_cosine, jaccard, masked, normalised, rare_overlap, set_cosine, words
from verifier.quantities import Quantity

# Context words shared by two figures above which they are taken to measure the same thing when counting
# aligned pairs: a third of the words around them (a verb and a noun of six) is the least that names one
# measure; the classifier also sees the raw strengths.
STRONG_ALIGNMENT = 1 / 3
# Report gaps are capped: past two months any two reports are about different incidents or a long total.
MAX_GAP_DAYS = 60


@dataclass(frozen=True)
class PairView:
    """Everything the judgement reads of one pair, kept for the explanation."""

    a: ClaimText
    b: ClaimText
    frames_a: tuple[Quantity, ...]
    frames_b: tuple[Quantity, ...]
    figures_a: tuple[Figure, ...]
    figures_b: tuple[Figure, ...]
    pairs: tuple[Aligned, ...]  # strongest first
    evidence: Evidence


def view(a: ClaimText, b: ClaimText) -> PairView:
    qa, fa = read_figures(a.text, a.date)
    qb, fb = read_figures(b.text, b.date)
    pairs = tuple(align(fa, fb))
    evidence = gather(a, b, qa, qb)
    # A code ("Aurel-2", "Q10") is part of a name, not a figure the claim reports.
    told_a = [f for f in fa if f.family != "code"]
    told_b = [f for f in fb if f.family != "code"]
    if told_a and told_b and all(f.family in WHEN for f in (*told_a, *told_b)):
        # When the claims' only figures say when, the days they state are what they report ("the summit
        # opens on 3 March" / "on 10 March"), not when two events happened: their gap is no incident evidence.
        evidence = replace(evidence, stated_gap=None)
    return PairView(a, b, qa, qb, fa, fb, pairs, evidence)


def _later(v: PairView) -> int:
    """+1 when b is the later report, -1 when a is, 0 when unknown or the same day."""
    g = v.evidence.report_gap
    return 0 if not g else (1 if g > 0 else -1)


def _text_features(v: PairView) -> dict[str, float]:
    wa, wb = words(v.a.text), words(v.b.text)
    la, lb = len(v.a.text), len(v.b.text)
    rare_jaccard, rarest_shared, rare_apart = rare_overlap(wa, wb)
    return {
        "rare_jaccard": rare_jaccard,
        "rarest_shared": rarest_shared,
        "rare_apart": min(rare_apart, 40.0),
        "same_text": float(normalised(v.a.text) == normalised(v.b.text)),
        "same_wording": float(masked(v.a.text) == masked(v.b.text)),
        "content_cosine": set_cosine(wa.content, wb.content),
        # A short claim whose words all stand in a longer passage: cosine punishes the length difference.
        "containment": len(wa.content & wb.content) / max(1, min(len(wa.content), len(wb.content))),
        "name_containment": len(wa.names & wb.names) / max(1, min(len(wa.names), len(wb.names))),
        "name_jaccard": jaccard(wa.names, wb.names),
        "names_shared": float(min(len(wa.names & wb.names), 8)),
        # Names each claim has that the other lacks: two different players, towns or officials.
        "names_apart": float(min(len(wa.names - wb.names), len(wb.names - wa.names), 8)),
        "content_apart": float(min(len(wa.content - wb.content), len(wb.content - wa.content), 20)),
        "content_shared": float(min(len(wa.content & wb.content), 20)),
        "names_either": float(bool(wa.names or wb.names)),
        "char_cosine": char_cosine(v.a.text, v.b.text),
        "length_ratio": min(la, lb) / max(la, lb, 1),
        "log_length": math.log1p(la + lb),
    }


def _value_overlap(fa: tuple[Figure, ...], fb: tuple[Figure, ...]) -> float:
    va = {f"{f.family}={f.key or round(f.point, 6)}" for f in fa}
    vb = {f"{f.family}={f.key or round(f.point, 6)}" for f in fb}
    return jaccard(va, vb)


def _head(f: Figure) -> str | None:
    """What the figure counts, as the frame read it: its group head, else its measure, else its unit."""
    return f.q.group_head or f.q.measure or f.q.unit


# Ratios are capped: past e^3 (20x) two figures are simply far apart.
MAX_LOG_RATIO = 3.0


def _log_ratio(x: float, y: float) -> float:
    """|log| of the ratio of two magnitudes; an open-ended or unread value (inf) counts as far apart."""
    if not (math.isfinite(x) and math.isfinite(y)):
        return MAX_LOG_RATIO
    return min(MAX_LOG_RATIO, abs(math.log((abs(x) + 1) / (abs(y) + 1))))


_FAMILIES = (
    "count",
    "money",
    "percent",
    "measure",
    "date",
    "time",
    "year",
    "age",
    "duration",
    "code",
    "score",
)


def _family_of(p: Aligned | None) -> dict[str, float]:
    fam = p.a.family.split(":")[0] if p else ""
    return {f"top_is_{f}": float(fam == f) for f in _FAMILIES}


def _pair_features(prefix: str, p: Aligned | None, later: int) -> dict[str, float]:
    if p is None:
        return {f"{prefix}_{k}": 0.0 for k in _PAIR_KEYS} | {f"{prefix}_present": 0.0}
    grew = 0.0
    if later and p.a.point != p.b.point:
        grew = float(later) * (1.0 if p.b.point > p.a.point else -1.0)
    return {
        f"{prefix}_present": 1.0,
        f"{prefix}_strength": p.strength,
        f"{prefix}_gap": p.gap,
        f"{prefix}_compatible": float(p.compatible),
        f"{prefix}_same_measure": float(p.measures == "same"),
        f"{prefix}_measure_unknown": float(p.measures == "unknown"),
        f"{prefix}_part_whole": float(p.part_whole),
        f"{prefix}_role": float(bool(p.a.q.role or p.b.q.role)),
        f"{prefix}_open": float(bool({p.a.q.qualifier, p.b.q.qualifier} & OPEN_QUALIFIERS)),
        f"{prefix}_count": float(p.a.family in ("count", "fraction")),
        f"{prefix}_when": float(p.a.family in ("date", "time", "year")),
        f"{prefix}_grew_later": grew,
        f"{prefix}_scope": float(bool(p.a.q.scope) != bool(p.b.q.scope)),
        f"{prefix}_same_head": float(_head(p.a) is not None and _head(p.a) == _head(p.b)),
        f"{prefix}_log_ratio": _log_ratio(p.a.point, p.b.point),
    }


_PAIR_KEYS = (
    "strength gap compatible same_measure measure_unknown part_whole role open count when grew_later scope "
    "same_head log_ratio".split()
)


def _figure_features(v: PairView) -> dict[str, float]:
    fa, fb = v.figures_a, v.figures_b
    best = best_per_figure(list(v.pairs))
    later = _later(v)
    sure = [p for p in best if p.same_thing]
    clash = [p for p in best if p.clash]
    agree = [p for p in sure if p.compatible]
    strong_clash = [p for p in clash if p.strength >= STRONG_ALIGNMENT]
    strong_agree = [p for p in agree if p.strength >= STRONG_ALIGNMENT]
    n = max(1, min(len(fa), len(fb)))
    out = {
        "figures_a": float(min(len(fa), 12)),
        "figures_b": float(min(len(fb), 12)),
        "figures_none": float(not fa or not fb),
        "families_shared": float(len({f.family for f in fa} & {f.family for f in fb})),
        "value_overlap": _value_overlap(fa, fb),
        "aligned_pairs": float(len(v.pairs)),
        "strong_clashes": float(len(strong_clash)),
        "strong_agreements": float(len(strong_agree)),
        "clash_share": len(clash) / n,
        "agree_share": len(agree) / n,
        "part_exceeds_whole": float(any(p.part_exceeds_whole for p in best)),
        "part_whole_strong": float(any(p.part_whole and p.strength >= STRONG_ALIGNMENT for p in best)),
        "measure_other_strong": float(
            any(p.measures == "other" and p.strength >= STRONG_ALIGNMENT for p in best)
        ),
    }
    points_a = {round(f.point, 6) for f in fa if f.family not in ("date", "time", "code", "score", "record")}
    points_b = {round(f.point, 6) for f in fb if f.family not in ("date", "time", "code", "score", "record")}
    out["any_value_equal"] = float(bool(points_a & points_b))
    out["values_shared"] = float(min(len(points_a & points_b), 8))
    years_a = {f.key for f in fa if f.family == "year"}
    years_b = {f.key for f in fb if f.family == "year"}
    out["year_clash"] = float(bool(years_a and years_b and not years_a & years_b))
    out["families_a"] = float(len({f.family for f in fa}))
    out["families_b"] = float(len({f.family for f in fb}))
    out |= _family_of(v.pairs[0] if v.pairs else None)
    out |= _pair_features("top", v.pairs[0] if v.pairs else None, later)
    out |= _pair_features("clash", max(clash, key=lambda p: p.strength, default=None), later)
    out |= _pair_features("agree", max(agree, key=lambda p: p.strength, default=None), later)
    return out


def _revises(e: Evidence) -> tuple[bool, bool]:
    """Whether each claim has revision wording: a tally's growth words or a report revising its own figure
    ("revised", "cut its forecast to")."""
    return e.revision_a or e.report_revised_a, e.revision_b or e.report_revised_b


def table_features(v: PairView, best: list[Aligned]) -> dict[str, float]:
    """What the labelling conventions (LABELS.md) say, read off the strongest aligned pairs: one clash of one
    thing counted twice is a conflict, unless the later report revises it (revision wording, or a later report
    with a larger figure), which is an update; a part against its whole or another measure is a different
    quantity; compatible figures agree. The classifier learns how far to trust each."""
    later = _later(v)
    e = v.evidence
    clash = next((p for p in best if p.clash and p.strength >= STRONG_ALIGNMENT), None)
    rev_a, rev_b = _revises(e)
    revised = (rev_b and later >= 0) or (rev_a and later <= 0)
    grew = clash is not None and later != 0 and (clash.b.point - clash.a.point) * later > 0
    agree = any(p.same_thing and p.compatible and p.strength >= STRONG_ALIGNMENT for p in best)
    other = any((p.part_whole or p.measures == "other") and p.strength >= STRONG_ALIGNMENT for p in v.pairs)
    return {
        "table_update": float(clash is not None and (revised or grew)),
        "table_conflict": float(clash is not None and not (revised or grew)),
        "table_agree": float(clash is None and agree),
        "table_different": float(clash is None and not agree and other),
    }


def _evidence_features(v: PairView) -> dict[str, float]:
    e = v.evidence
    later = _later(v)
    rev_a, rev_b = _revises(e)
    revision_later = (rev_b and later > 0) or (rev_a and later < 0)
    return {
        "report_known": float(e.report_gap is not None),
        "report_gap": float(min(abs(e.report_gap), MAX_GAP_DAYS)) if e.report_gap is not None else -1.0,
        "stated_gap": float(min(e.stated_gap, MAX_GAP_DAYS)) if e.stated_gap is not None else -1.0,
        "weekday_clash": float(e.weekday_clash),
        "month_clash": float(e.month_clash),
        "places_differ": float(e.places is not None),
        "places_shared": float(e.places_shared),
        "days_shared": float(e.days_shared),
        "kinds_shared": float(e.kinds_shared),
        "kinds_clash": float(e.kinds_clash),
        "part_of_place": float(e.part_of_place),
        "revision_either": float(rev_a or rev_b),
        "revision_later": float(revision_later),
        "cumulative_one": float(e.cumulative_a != e.cumulative_b),
        "cumulative_either": float(e.cumulative_a or e.cumulative_b),
        "same_source": float(e.same_source),
    }


def features(v: PairView) -> dict[str, float]:
    """The named feature vector of one pair (see FEATURE_NAMES for the order the model expects)."""
    best = best_per_figure(list(v.pairs))
    return (
        _text_features(v)
        | _figure_features(v)
        | table_features(v, best)
        | _evidence_features(v)
        | context_features(v.a, v.b)
    )


def feature_names() -> tuple[str, ...]:
    probe = view(ClaimText("3 were hurt on Monday."), ClaimText("Four were hurt."))
    return tuple(features(probe))
