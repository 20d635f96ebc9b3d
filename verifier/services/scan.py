"""The contradiction scan: new claims against everything stored, candidates from the index only.

For each claim not yet scanned that carries a comparable figure, the FAISS neighbours above a floor are
the candidates (never all pairs). Pairs within one article are judged too, because one article can hold
two incompatible figures a few lines apart (the Darna seed: "at least 27 IS fighters" and "13 fighters").
Each pair is judged by `relation.relate`; what is a candidate and what is flagged are the rules of
`verifier.services.conflict_policy`. Conflicts are stored once per claim pair (the pair id is the sorted claim
ids), so re-scanning updates the score but never duplicates a pair nor touches a decision.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations
from typing import Any

from verifier.compare import ClaimText, relate
from verifier.core.errors import InputError
from verifier.core.records import Article, Claim, Contradiction, normalise_for_id, pair_id
from verifier.quantities import Quantity, extract

# SCAN_MAX_REPORT_DAYS, SELF_DESCRIBING_KINDS, days_apart, quote_two_voices and restates are not used here:
# re-exported, for the callers that found them here before the policy had its own module.
from verifier.services.conflict_policy import (  # noqa: F401
    SCAN_MAX_REPORT_DAYS,
    SELF_DESCRIBING_KINDS,
    days_apart,
    has_count,
    may_be_in_a_flag,
    may_be_worth_flagging,
    quote_two_voices,
    reports_may_disagree,
    restates,
    voice,
    worth_flagging,
)
from verifier.services.rivals import rival_counts
from verifier.services.tune import workspace_model
from verifier.services.workspace_core import IndexedStore

log = logging.getLogger(__name__)

# Neighbours per new claim. Wire copies and same-article sentences take several of the nearest slots;
# 20 leaves room for the other outlets' versions of an event (FA-KES: an attack is reported by 2-6
# outlets) at ~2 ms per query for a flat index of 10k claims.
SCAN_K = 20
# Same floor as `check`: on the labelled dev pairs every conflict scored >= 0.358 (see check.py).
SCAN_FLOOR = 0.35
# Within one article every pair of claims that may be flagged (`_Loaded.comparable`) is judged; an article
# with more than this many such claims (a long round-up) is judged on the first ones only: pairs grow
# with the square.
MAX_WITHIN_ARTICLE_CLAIMS = 40
# Claims sent to the index per search call: bounds memory (k ids + scores per claim) and lets the
# progress bar move; larger batches gain nothing measurable on 2 cores.
SEARCH_BATCH = 512

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ScanReport:
    """What one scan did, for the CLI summary and the benchmark."""

    claims_scanned: int
    claims_with_figures: int
    candidate_pairs: int
    judged_pairs: int
    flagged: int
    new: int
    seconds: float

    def summary(self) -> str:
        return (
            f"Scanned {self.claims_scanned} claims ({self.claims_with_figures} with figures): "
            f"{self.judged_pairs} pairs judged, {self.flagged} conflicts flagged ({self.new} new) "
            f"in {self.seconds:.1f} s."
        )


@dataclass
class _Loaded:
    """A stored claim with its article; its figures are read only when a rule asks for them. Most of a
    new claim's neighbours fall to the cheaper tests first (same article, reports too far apart): at
    100k claims, reading every neighbour's figures and voice was half of the scan's time (cProfile,
    2026-12-02)."""

    claim: Claim
    article: Article

    @cached_property
    def quantities(self) -> list[Quantity]:
        return extract(self.claim.text, self.article.published)

    @cached_property
    def has_figures(self) -> bool:
        return has_count(self.quantities)

    @cached_property
    def comparable(self) -> bool:
        """Figures the scan can flag: a count (`has_figures`) and a figure that may be in a flag."""
        return self.has_figures and may_be_in_a_flag(self.quantities)

    @cached_property
    def voice(self) -> str:
        """Who the claim's figures come from (`conflict_policy.voice`); "" when nobody."""
        return voice(self.claim.text, self.quantities)


def _load(ws: IndexedStore, rowids: Iterable[int], cache: dict[int, _Loaded]) -> None:
    """Read the claims and articles of the rowids not yet in `cache`."""
    missing = [r for r in dict.fromkeys(rowids) if r not in cache]
    for rowid, (claim, article) in ws.store.claim_map(missing).items():
        cache[rowid] = _Loaded(claim, article)


def _candidates(
    ws: IndexedStore,
    rowids: Sequence[int],
    k: int,
    floor: float,
    cache: dict[int, _Loaded],
    progress: Progress | None,
) -> dict[tuple[int, int], float | None]:
    """{(lo, hi) rowid pair: cosine} from the index neighbours, plus every pair within one article."""
    pairs: dict[tuple[int, int], float | None] = {}
    for start in range(0, len(rowids), SEARCH_BATCH):
        batch = rowids[start : start + SEARCH_BATCH]
        found = list(ws.neighbours(batch, k=k, floor=floor))
        _load(ws, (b for _, b, _ in found), cache)
        for a, b, score in found:
            if a == b or b not in cache:
                continue
            if cache[a].article.id == cache[b].article.id:
                continue  # judged below with every other pair of its article
            if not reports_may_disagree(cache[a], cache[b]) or not cache[b].comparable:
                continue  # the dates first: they cost nothing, the figures cost a reading
            key = (a, b) if a < b else (b, a)
            pairs[key] = max(float(score), pairs.get(key) or 0.0)
        if progress:
            progress(min(start + SEARCH_BATCH, len(rowids)), len(rowids))
    by_article: dict[str, list[int]] = {}
    for r in rowids:
        by_article.setdefault(cache[r].article.id, []).append(r)
    within = [
        pair
        for members in by_article.values()
        for pair in combinations(sorted(members)[:MAX_WITHIN_ARTICLE_CLAIMS], 2)
        if reports_may_disagree(cache[pair[0]], cache[pair[1]])
    ]
    if within:
        needed = sorted({r for pair in within for r in pair})
        try:
            vectors = ws.vectors(needed)
            row = {r: i for i, r in enumerate(needed)}
            for a, b in within:
                pairs[(a, b)] = float(vectors[row[a]] @ vectors[row[b]])
        except KeyError:  # a claim without a vector (doctor repairs it): judge on the figures alone
            log.warning("some claims have no vector; run `verifier doctor`")
            for pair in within:
                pairs.setdefault(pair, None)
    return pairs


# An outlet disagreeing with itself (two articles, or one) is usually a later update or another incident
# of a daily round-up; a disagreement between outlets is what fact-checkers look for first. Read on the
# FA-KES top 50 (before this weight): 5 of 9 cross-outlet flags were real disagreements, 1 of 41
# same-outlet flags; on 2026-12-02, 1 of 5 same-article flags (docs/queue_fakes.md). Precision 0.56 against
# 0.02-0.2 puts the cross-outlet flags first: a quarter weight ranks a same-outlet flag below any cross-outlet
# flag the judgement is at least half as sure of (the similarity factor spans 0.5-1).
SAME_OUTLET_WEIGHT = 0.25


def rank_score(confidence: float, similarity: float | None, same_outlet: bool = False) -> float:
    """The stored score that orders flags: the relation's confidence, weighted by how alike the two
    sentences read (cosine 0.35 -> x0.675, 0.9 -> x0.95) and by SAME_OUTLET_WEIGHT. The relation is
    sure of most conflicts (1.0 for 80% of FA-KES flags), so without this the order among them would be
    arbitrary; two outlets' sentences about visibly the same incident should be read first."""
    score = confidence * (SAME_OUTLET_WEIGHT if same_outlet else 1.0)
    if similarity is None:
        return score
    return score * (0.5 + 0.5 * max(0.0, min(1.0, similarity)))


def _same_outlet(a: _Loaded, b: _Loaded) -> bool:
    if a.article.id == b.article.id:
        return True
    return bool(a.article.source) and a.article.source.strip().lower() == b.article.source.strip().lower()


def _text(item: _Loaded) -> ClaimText:
    return ClaimText.of(item.claim.text, item.article)


def scan_new(
    ws: IndexedStore, k: int = SCAN_K, floor: float = SCAN_FLOOR, progress: Progress | None = None
) -> ScanReport:
    """Scan the claims not yet scanned against every stored claim; store conflicts; mark them scanned."""
    return _scan(ws, k, floor, progress)[0]


def _scan(ws: IndexedStore, k: int, floor: float, progress: Progress | None) -> tuple[ScanReport, set[str]]:
    if k < 1:
        raise InputError(f"k must be at least 1, not {k}")
    started = time.perf_counter()
    unscanned = list(ws.store.unscanned_claim_rowids())
    cache: dict[int, _Loaded] = {}
    _load(ws, unscanned, cache)
    with_figures = [r for r in unscanned if r in cache and cache[r].has_figures]
    comparable = [r for r in with_figures if cache[r].comparable]
    pairs = _candidates(ws, comparable, k, floor, cache, progress)

    model = workspace_model(ws)
    flagged: dict[str, Contradiction] = {}
    judged: dict[tuple[str, str], Any] = {}  # wire copies: one judgement per distinct pair of texts
    for (a, b), similarity in pairs.items():
        left, right = cache[a], cache[b]
        text_key = tuple(sorted((normalise_for_id(left.claim.text), normalise_for_id(right.claim.text))))
        if text_key[0] == text_key[1]:
            continue  # the same sentence twice cannot disagree with itself
        cache_key = (text_key[0], text_key[1])
        if cache_key in judged:
            continue  # the same two sentences from other copies: one flag is enough to review
        if not may_be_worth_flagging(left.quantities, right.quantities):
            continue  # never flagged whatever the judgement: not judged
        left_text, right_text = _text(left), _text(right)
        judgement = relate(left_text, right_text, model)
        judged[cache_key] = judgement
        if not worth_flagging(judgement) or not rival_counts(left_text, right_text, judgement):
            continue  # rival_counts: a recalled earlier incident or a running total is no rival count
        lo, hi = sorted((left.claim.id, right.claim.id))
        pid = pair_id(lo, hi)
        flagged[pid] = Contradiction(
            id=pid,
            claim_a=lo,
            claim_b=hi,
            relation=judgement.label,
            score=round(rank_score(float(judgement.score), similarity, _same_outlet(left, right)), 4),
            explanation=judgement.explanation,
        )
    new = ws.store.upsert_contradictions(flagged.values()) if flagged else 0
    ws.store.mark_scanned(unscanned)
    report = ScanReport(
        claims_scanned=len(unscanned),
        claims_with_figures=len(with_figures),
        candidate_pairs=len(pairs),
        judged_pairs=len(judged),
        flagged=len(flagged),
        new=new,
        seconds=time.perf_counter() - started,
    )
    log.info("%s", report.summary())
    return report, set(flagged)


def rescan_all(
    ws: IndexedStore, k: int = SCAN_K, floor: float = SCAN_FLOOR, progress: Progress | None = None
) -> ScanReport:
    """Scan every stored claim again (after a change of the relation logic).

    Flags the new logic no longer raises are dropped unless a fact-checker decided on them: a decision
    (confirmed, dismissed) is never lost.
    """
    if k < 1:
        raise InputError(f"k must be at least 1, not {k}")
    unreviewed = {c.id for c in ws.store.list_contradictions(status="new")}
    ws.store.mark_scanned(ws.store.all_claim_rowids(), scanned=False)
    report, flagged = _scan(ws, k, floor, progress)
    stale = unreviewed - flagged
    if stale:
        ws.store.delete_contradictions(stale, keep_reviewed=True)
    return report


# What a reviewer types -> the stored status.
DECISIONS = {
    "confirm": "confirmed",
    "confirmed": "confirmed",
    "dismiss": "dismissed",
    "dismissed": "dismissed",
    "reopen": "new",
    "new": "new",
}


def review(ws: IndexedStore, contradiction_id: str, decision: str, note: str = "") -> Contradiction:
    """Record a fact-checker's decision on a flagged pair: confirm, dismiss or reopen, with a note."""
    status = DECISIONS.get(decision.strip().lower())
    if status is None:
        raise InputError(f"unknown decision {decision!r}: use confirm, dismiss or reopen")
    result: Contradiction = ws.store.set_review(contradiction_id, status, note)
    return result
