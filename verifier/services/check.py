"""Check one claim against the corpus: retrieve by meaning, judge the figures, group the evidence.

`check_claim(ws, "At least 27 IS fighters were killed in Darna")` embeds the claim, takes the FAISS top-k
claims above a similarity floor, judges each against the claim with `relation.relate`, and returns the
evidence grouped as corroborating, conflicting and related, with a one-line summary.

Corroborating and conflicting evidence is about the claim's incident: a passage reported days from the
claim's date (`published`), or a clash that names no common place or day, is related, with the reason.

A claim without figures is still checked by meaning. Similarity alone cannot tell agreement from
disagreement ("IS was driven out" and "IS was not driven out" embed close together), so such evidence is
only ever `related` (relation "similar"); corroboration and conflict need figures that the relation
judged. The summary says so.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from verifier.compare import ClaimText, relate, vocab
from verifier.compare.evidence import different_places, places, stated_days
from verifier.core.errors import InputError
from verifier.quantities import Quantity, extract
from verifier.services.check_scope import Scope
from verifier.services.conflict_policy import (
    SCAN_MAX_REPORT_DAYS,
    days_between,
    has_count,
    share_measure,
    tied_to_one_incident,
)
from verifier.services.tune import workspace_model
from verifier.services.workspace_core import IndexedStore

log = logging.getLogger(__name__)

# Cosine floor for evidence. all-MiniLM-L6-v2 on the 100 labelled dev pairs (shared/eval, measured
# 2026-11-24): every conflict pair scored >= 0.358 (median 0.58), so 0.35 keeps all of them and 88% of
# all same-event pairs; 0.45 would already lose 17% of conflicts. Similarity cannot separate other
# events (87% of the unrelated pairs are also >= 0.35): that is the relation's job, not the floor's.
DEFAULT_FLOOR = 0.35
DEFAULT_K = 20

# A claim is a sentence or a short paragraph. The model reads only its first ~256 word pieces (about
# 1,200 characters) anyway, so a longer text is almost surely a whole article pasted by mistake:
# refuse it with a clear message rather than silently checking its first lines.
MAX_CHECK_CHARS = 2_000

# Labels of `relate` and the evidence group each goes to.
CORROBORATING = "corroborating"
CONFLICTING = "conflicting"
RELATED = "related"
_GROUP_OF_LABEL = {
    "agree": CORROBORATING,
    "conflict": CONFLICTING,
    "update": RELATED,
    "different_quantity": RELATED,
}
SIMILAR = "similar"  # our own label: no figures to compare, related by meaning only

# Below this share of ASCII letters among all letters, or with no common English word at all (a stopword
# of `compare.vocab`) in a claim of 4+ words, the claim is probably not English: the model and the figure
# reader are English-only.
_MIN_ASCII_LETTER_SHARE = 0.6
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class Span:
    """A highlighted part of an evidence passage: `text[start:end]` is a figure, measure, group, ..."""

    start: int
    end: int
    role: str  # figure | measure | group | attribution | time | scope

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "role": self.role}


@dataclass(frozen=True)
class Evidence:
    """One stored claim judged against the checked claim."""

    text: str
    source: str
    date: str | None
    title: str
    article_id: str
    claim_id: str
    relation: str  # agree | conflict | update | different_quantity | similar
    score: float  # the relation's confidence (similarity for "similar")
    similarity: float  # cosine between the checked claim and this passage
    explanation: str
    spans: tuple[Span, ...] = ()
    url: str = ""
    figure: str = ""  # the passage's figure for what the claim counts, as written ("Thirteen")
    place: str = ""  # the article's place column, "" when its table had none

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "source": self.source,
            "date": self.date,
            "title": self.title,
            "url": self.url,
            "article_id": self.article_id,
            "claim_id": self.claim_id,
            "relation": self.relation,
            "score": round(self.score, 4),
            "similarity": round(self.similarity, 4),
            "explanation": self.explanation,
            "figure": self.figure,
            "place": self.place,
            "spans": [s.to_dict() for s in self.spans],
        }


@dataclass(frozen=True)
class CheckResult:
    """Evidence for and against a claim, best first in each group, and a one-line summary."""

    claim: str
    summary: str
    corroborating: tuple[Evidence, ...] = ()
    conflicting: tuple[Evidence, ...] = ()
    related: tuple[Evidence, ...] = ()
    claim_spans: tuple[Span, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Conflicting first (what a fact-checker must look at), then corroborating, then related."""
        return self.conflicting + self.corroborating + self.related

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "summary": self.summary,
            "warnings": list(self.warnings),
            "claim_spans": [s.to_dict() for s in self.claim_spans],
            "evidence": [e.to_dict() for e in self.evidence],
        }


def quantity_spans(quantities: Iterable[Quantity]) -> tuple[Span, ...]:
    """The spans of every part of every comparable figure frame, sorted, for highlighting."""
    spans: set[Span] = set()
    for q in quantities:
        if not q.is_count:
            continue  # dates, ages, times of day: not figures anyone compares
        for role, (start, end) in q.spans.items():
            if 0 <= start < end:
                spans.add(Span(int(start), int(end), _ROLE_NAMES.get(role, role)))
    return tuple(sorted(spans, key=lambda s: (s.start, s.end, s.role)))


# Frame part names from quantities.py -> the roles the UI colours (others keep their name:
# measure, group, attribution, time, scope).
_ROLE_NAMES = {"number": "figure"}


def looks_non_english(text: str) -> bool:
    """Cheap language guess: mostly non-ASCII letters, or 4+ words and not one common English word."""
    words = _WORD.findall(text)
    letters = "".join(words)
    if not letters:
        return False
    ascii_share = sum(ch.isascii() for ch in letters) / len(letters)
    if ascii_share < _MIN_ASCII_LETTER_SHARE:
        return True
    common = vocab.load().stopwords  # the one English stopword list, the judgement's
    return len(words) >= 4 and not any(w.lower() in common for w in words)


def validate_claim(text: str) -> str:
    """The claim stripped, or InputError saying what is wrong with it."""
    if not isinstance(text, str):
        raise InputError("a claim must be text")
    claim = text.strip()
    if not claim:
        raise InputError("the claim is empty: type the sentence you want to check")
    if len(claim) > MAX_CHECK_CHARS:
        raise InputError(
            f"the claim is {len(claim):,} characters long; a claim is one sentence or a short paragraph "
            f"(at most {MAX_CHECK_CHARS:,} characters): paste only the sentence to check"
        )
    return claim


def _judge_hit(
    hit: Any, mine: ClaimText, claim_quantities: Sequence[Quantity], model: Any
) -> tuple[str, Evidence] | None:
    """The group and evidence of one retrieved passage; None when the judgement calls it another event."""
    with_figures = has_count(claim_quantities)
    passage_quantities = extract(hit.claim.text, hit.article.published)
    if with_figures and has_count(passage_quantities):
        # The title places a passage that names no place itself ("27 were among the dead").
        theirs = ClaimText.of(hit.claim.text, hit.article)
        judgement = relate(mine, theirs, model)
        group = _GROUP_OF_LABEL.get(judgement.label)
        if group is None:  # "unrelated": another event or another thing, worded alike
            return None
        relation, score, explanation = judgement.label, float(judgement.score), judgement.explanation
        if group != RELATED:
            reason = _not_counted(mine, theirs, judgement, claim_quantities, passage_quantities)
            if reason:
                group, relation = RELATED, SIMILAR
                explanation = f"{explanation} (not counted: {reason})"
    else:
        group, relation, score = RELATED, SIMILAR, float(hit.score)
        explanation = (
            "similar in meaning; no figures to compare"
            if not with_figures
            else "similar in meaning; this passage gives no figure to compare"
        )
    return group, Evidence(
        text=hit.claim.text,
        source=hit.article.source,
        date=hit.article.published,
        title=hit.article.title,
        article_id=hit.article.id,
        claim_id=hit.claim.id,
        relation=relation,
        score=score,
        similarity=float(hit.score),
        explanation=explanation,
        spans=quantity_spans(passage_quantities),
        url=hit.article.url,
        figure=_matching_figure(claim_quantities, passage_quantities),
        place=hit.article.place,
    )


def _not_counted(
    mine: ClaimText,
    theirs: ClaimText,
    judgement: Any,
    claim_quantities: Sequence[Quantity],
    passage_quantities: Sequence[Quantity],
) -> str:
    """Why a passage the judgement reads as agreeing or clashing is not counted as such ("" when it is):
    the figures do not count one thing; the passage was reported more than SCAN_MAX_REPORT_DAYS from the
    claim's date (the scan's rule: news of one incident comes within days; of 30 such FA-KES passages that
    `verifier check` had counted, drawn by `python -m bench.check_fakes --probe`, 28 were other incidents
    and 2 the same one under a date the data set gives wrongly); the passage's article sets it in a place
    the claim never names, and the claim is set in one the passage never names; or a clash names no place
    or day of the claim's incident (`tied_to_one_incident`). Without a claim date, dates are not compared."""
    if not share_measure(claim_quantities, passage_quantities):
        return "the claims do not say they count the same thing"
    apart = days_between(mine.date, theirs.date)
    if apart is not None and apart > SCAN_MAX_REPORT_DAYS:
        return f"reported {apart} days from the claim: another incident, or a later look back"
    if (where := different_places(mine, theirs)) is not None:
        # The claim names a place that the passage and its article never name, and the article sets the
        # passage in another: it may report another incident. (The judgement cannot rule on this alone: in
        # 14 of the 36 labelled pairs that only an article title sets apart, the claims agree, from round-up
        # articles; a fact-checker still wants the passage shown, not counted.)
        return f"its article sets it in {where[1]}, the claim in {where[0]}: it may be another incident"
    if (
        judgement.label == "conflict"
        and _ties_by(mine, judgement)
        and not tied_to_one_incident(mine, theirs, judgement)
    ):
        return "the two name no common place or day: they may count two incidents"
    return ""


def _ties_by(claim: ClaimText, judgement: Any) -> bool:
    """Whether the claim gives a place, a day or a date to tie a passage to its incident by. A pasted
    sentence that gives none ("Twelve passengers died when the Marrow Point ferry capsized") is tied to a
    passage by the judgement alone: asking it for a place or a day it does not state would set every clash
    apart."""
    return bool(claim.date or places(claim.text) or stated_days(judgement.a_figures))


def check_claim(
    ws: IndexedStore,
    text: str,
    k: int = DEFAULT_K,
    floor: float = DEFAULT_FLOOR,
    published: str | None = None,
    scope: Scope | None = None,
) -> CheckResult:
    """Check `text` against the workspace `ws`: evidence above `floor` among the `k` nearest claims.

    `published` (ISO date) dates the claim itself, which lets the relation tell an update from a conflict.
    `scope` keeps only passages of some outlets, of a date range or naming a place.
    """
    claim = validate_claim(text)
    if k < 1:
        raise InputError(f"k must be at least 1, not {k}")
    warnings: list[str] = []
    non_english = looks_non_english(claim)
    if non_english:
        warnings.append(
            "the claim does not look like English: the model and the figure reader are English-only, "
            "so evidence may be missed"
        )
    claim_quantities = extract(claim, published)
    with_figures = has_count(claim_quantities)
    hits = [
        h for h in ws.search(claim, k=k) if h.score >= floor and (scope is None or scope.admits(h.article))
    ]
    model = workspace_model(ws)
    mine = ClaimText(claim, "", published)
    groups: dict[str, list[Evidence]] = {CORROBORATING: [], CONFLICTING: [], RELATED: []}
    for hit in hits:
        judged = _judge_hit(hit, mine, claim_quantities, model)
        if judged is not None:
            groups[judged[0]].append(judged[1])
    for items in groups.values():
        items.sort(key=lambda e: (-e.score, -e.similarity))
    if not with_figures:
        warnings.append("the claim has no figures: evidence is related by meaning only")
    return CheckResult(
        claim=claim,
        summary=("The claim does not look like English. " if non_english else "")
        + summarise(groups[CORROBORATING], groups[CONFLICTING], groups[RELATED], with_figures),
        corroborating=tuple(groups[CORROBORATING]),
        conflicting=tuple(groups[CONFLICTING]),
        related=tuple(groups[RELATED]),
        claim_spans=quantity_spans(claim_quantities),
        warnings=tuple(warnings),
    )


def _sources(items: Iterable[Evidence]) -> list[str]:
    """Distinct outlets in order of first appearance (an article without outlet counts by its title)."""
    seen: dict[str, None] = {}
    for e in items:
        seen.setdefault(e.source or e.title or e.article_id, None)
    return list(seen)


def _matching_figure(claim: Sequence[Quantity], passage: Sequence[Quantity]) -> str:
    """The passage's figures for the measures the claim counts ("Thirteen", not the 20 wounded beside it)."""
    measures = {q.measure for q in claim if q.is_count and q.measure}
    figures = [q.text for q in passage if q.is_count and q.measure in measures]
    return ", ".join(dict.fromkeys(figures))


def _figure_text(e: Evidence) -> str:
    if e.figure:
        return e.figure
    figures = [e.text[s.start : s.end] for s in e.spans if s.role == "figure"]
    return ", ".join(dict.fromkeys(figures)) if figures else "otherwise"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summarise(
    corroborating: list[Evidence],
    conflicting: list[Evidence],
    related: list[Evidence],
    with_figures: bool,
) -> str:
    """One line: "3 sources corroborate; 1 conflicts: Coastal Tribune says nearly 50"."""
    if not with_figures:
        n = len(_sources(related))
        if not n:
            return "No figures in the claim and no similar claims found."
        return (
            f"No figures in the claim to compare; {_plural(n, 'source has', 'sources have')} similar claims."
        )
    parts: list[str] = []
    agree = _sources(corroborating)
    if agree:
        parts.append(f"{_plural(len(agree), 'source corroborates', 'sources corroborate')}")
    disagree = _sources(conflicting)
    if disagree:
        first = conflicting[0]
        who = first.source or first.title or "a source"
        verb = "conflicts" if len(disagree) == 1 else "conflict"
        parts.append(f"{len(disagree)} {verb}: {who} says {_figure_text(first)}")
    updates = [e for e in related if e.relation == "update"]
    if updates:
        latest = max(updates, key=lambda e: (e.date or "", e.score))
        who = latest.source or latest.title or "a source"
        parts.append(f"a later report updates it: {who} says {_figure_text(latest)}")
    others = [
        s
        for s in _sources(e for e in related if e.relation == "different_quantity")
        if s not in agree and s not in disagree
    ]
    if others:
        parts.append(
            f"{_plural(len(others), 'other source reports', 'other sources report')} related figures"
        )
    if not parts:
        if related:
            n = len(_sources(related))
            return f"No figures to compare; {_plural(n, 'source has', 'sources have')} similar claims."
        return "No evidence found: no stored claim reports these figures."
    return "; ".join(parts) + "."
