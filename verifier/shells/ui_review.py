"""Review that scales, for the Contradictions page: the queue grouped by incident or by article pair with
counts, dismissal reasons written where `verifier tune` reads them, several pairs decided at once, the
pair under the keyboard, and what the colours, badges and score mean. Pure functions (no Streamlit),
tested by tests/test_ui_review.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

import pandas as pd

from verifier.core.errors import ConfigError, InputError, VerifierError
from verifier.shells.ui import RELATION_BADGES, ROLE_LABELS, ROLE_STYLES, STATUS_BADGES, badge_html

# -- dismissal reasons ----------------------------------------------------------------------------------

# Each is written at the start of the note ("different incident: ..."), where `verifier tune` reads what a
# dismissed pair is instead of a conflict (`dismissal_reasons` in compare/lexicon_en.json).
REASONS = ("different incident", "different quantity", "compatible figures", "misread number", "other")


def reason_note(reason: str | None, note: str) -> str:
    """The stored note of a dismissal: "different incident: the Tuesday fire", the reason alone when no
    note is written, the note alone when no reason (or "other") is picked."""
    note = note.strip()
    old, free = split_note(note)
    if old and old == reason:
        note = free
    if not reason or reason == "other":
        return note or (reason or "")
    return f"{reason}: {note}" if note else reason


def split_note(note: str) -> tuple[str | None, str]:
    """(reason, the rest) of a stored note; (None, note) when it starts with no reason of the list."""
    low = note.strip().lower()
    for reason in REASONS:
        if low == reason:
            return reason, ""
        if low.startswith(reason + ":"):
            return reason, note.strip()[len(reason) + 1 :].strip()
    return None, note.strip()


# -- groups ---------------------------------------------------------------------------------------------

GROUP_BY = ("incident", "article pair", "none")
NO_INCIDENT = "not grouped into an incident"


@dataclass(frozen=True)
class Place:
    """Where a flagged pair belongs: its incident (event) and its two articles, each as key and label."""

    incident: str
    incident_label: str
    articles: str
    articles_label: str


def _side(article: Any) -> str:
    title = f" «{article.title}»" if article.title else ""
    return f"{article.source or 'unknown source'}{title}"


def pair_places(
    rows: Iterable[Any], claims: Mapping[str, tuple[Any, Any]], events: Iterable[Any]
) -> dict[str, Place]:
    """{pair id: Place} for flagged pairs, given {claim id: (claim, article)} and the events (with their
    `claim_ids`). A pair whose claims sit in two incidents is grouped under both names; pairs whose claims
    are missing are left out."""
    event_of: dict[str, tuple[str, str]] = {}
    for event in events:
        for cid in event.claim_ids:
            event_of.setdefault(cid, (event.id, event.label))
    out: dict[str, Place] = {}
    for row in rows:
        if row.claim_a not in claims or row.claim_b not in claims:
            continue
        found = [event_of[c] for c in (row.claim_a, row.claim_b) if c in event_of]
        unique = list(dict.fromkeys(found))
        if not unique:
            incident, label = "", NO_INCIDENT
        else:
            incident = "+".join(k for k, _ in unique)
            label = " and ".join(v for _, v in unique)
        arts = sorted((claims[row.claim_a][1], claims[row.claim_b][1]), key=lambda a: (a.source, a.id))
        out[row.id] = Place(
            incident, label, "+".join(a.id for a in arts), f"{_side(arts[0])} ↔ {_side(arts[1])}"
        )
    return out


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    pair_ids: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.pair_ids)

    def option_label(self) -> str:
        """ "Tarnwick · 2024-03-08 — 3 pairs: 2 new, 1 confirmed" (what the group picker shows)."""
        parts = [f"{n} {s}" for s, n in self.counts.items() if n]
        noun = "pair" if self.size == 1 else "pairs"
        return f"{self.label} — {self.size} {noun}" + (f": {', '.join(parts)}" if parts else "")


def group_pairs(rows: Sequence[Any], places: Mapping[str, Place], by: str) -> list[Group]:
    """The pairs grouped `by` incident or article pair (none: no groups), largest first, then by label;
    each group counts its pairs by review status."""
    if by not in ("incident", "article pair"):
        return []
    keyed: dict[str, list[Any]] = {}
    labels: dict[str, str] = {}
    for row in rows:
        place = places.get(row.id)
        if place is None:
            continue
        if by == "incident":
            key, label = place.incident, place.incident_label
        else:
            key, label = place.articles, place.articles_label
        keyed.setdefault(key, []).append(row)
        labels[key] = label
    groups = []
    for key, members in keyed.items():
        counts = dict.fromkeys(STATUS_BADGES, 0)
        for m in members:
            counts[m.status] = counts.get(m.status, 0) + 1
        groups.append(Group(key, labels[key], tuple(m.id for m in members), counts))
    return sorted(groups, key=lambda g: (-g.size, g.label.lower(), g.key))


def groups_frame(groups: Iterable[Group], by: str) -> pd.DataFrame:
    """The groups as a table: name, pairs, and how many are new, confirmed and dismissed."""
    statuses = list(STATUS_BADGES)
    rows = [[g.label, g.size, *(g.counts.get(s, 0) for s in statuses)] for g in groups]
    return pd.DataFrame(rows, columns=[by, "pairs", *statuses])


# -- deciding -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BulkResult:
    decision: str
    decided: tuple[str, ...]
    refused: tuple[str, ...]  # one message per pair that was not changed

    def summary(self) -> str:
        verb = {"confirm": "confirmed", "dismiss": "dismissed", "reopen": "reopened"}.get(
            self.decision, self.decision
        )
        n = len(self.decided)
        line = f"{n} pair{'' if n == 1 else 's'} {verb}."
        if self.refused:
            line += f" {len(self.refused)} not changed (below)."
        return line


def decide_many(
    decide: Callable[[str, str, str, int], Any],
    pairs: Iterable[Any],
    decision: str,
    reason: str | None,
    note: str,
    shown: Mapping[str, int],
) -> BulkResult:
    """`decide(pair id, decision, note, shown revision)` (the app's `ui_audit.decide` for the reviewer)
    confirms, dismisses or reopens each pair, each with the revision it was shown at (else
    its current one). A dismissal's note carries the reason. A pair decided by someone else meanwhile
    is left as it is and named in `refused`; the others are decided."""
    decided: list[str] = []
    refused: list[str] = []
    for pair in pairs:
        text = reason_note(reason, note) if decision == "dismiss" else note.strip()
        try:
            decide(pair.id, decision, text, shown.get(pair.id, pair.revision))
        except VerifierError as exc:
            refused.append(f"{pair.id}: {exc}")
            if isinstance(exc, (ConfigError, InputError)):
                break  # no reviewer name, an unknown decision: the same for every pair, said once
            continue
        decided.append(pair.id)
    return BulkResult(decision, tuple(decided), tuple(refused))


# -- the pair under the keyboard ------------------------------------------------------------------------

# Streamlit reserves C and R (clear cache, rerun); these keys work while no text field has the focus.
SHORTCUTS = {"previous": "P", "next": "N", "confirm": "Y", "dismiss": "D"}


def clamp(index: int, total: int) -> int:
    """The focused position kept inside the queue (decided pairs leave a filtered queue)."""
    return max(0, min(int(index), total - 1)) if total > 0 else 0


def page_of(index: int, page_size: int) -> int:
    """The 1-based page that shows the queue position `index`."""
    return index // page_size + 1


# -- meaning --------------------------------------------------------------------------------------------

SCORE_SENTENCE = (
    "The score is the calibrated probability that the label on the badge is right: of pairs scored 0.8, "
    "about 8 in 10 are what the badge says."
)
SIMILARITY_SENTENCE = (
    "Similarity is how close in meaning the passage is to the claim (cosine of their embeddings, 0 to 1); "
    "it finds passages, it does not judge them."
)
_LEGEND_ROLES = ("figure", "measure", "group", "attribution", "time", "passage")
_LEGEND_RELATIONS = ("conflict", "agree", "update", "different_quantity")
_SMALL = "color:#475569;font-size:0.85em"


def score_html(score: float) -> str:
    """ "score 0.87" with what it means, for the head of a pair card."""
    return (
        f'<span class="vf-score" style="{_SMALL}" title="{escape(SCORE_SENTENCE, quote=True)}">'
        f"score {float(score):.2f} · probability the label is right</span>"
    )


def legend_html(review: bool = True, similarity: bool = False, score: bool = True) -> str:
    """What the page's colours mean: the status and relation badges, the marks in a passage, the score."""
    statuses = " ".join(badge_html(STATUS_BADGES[s]) for s in STATUS_BADGES)
    relations = " ".join(badge_html(RELATION_BADGES[r]) for r in _LEGEND_RELATIONS)
    marks = " ".join(
        f'<mark style="{ROLE_STYLES[r]}">{escape(ROLE_LABELS[r], quote=True)}</mark>' for r in _LEGEND_ROLES
    )
    lines = [
        f"<div><strong>Review</strong> {statuses} "
        f'<span style="{_SMALL}">new: nobody has decided yet; confirmed: a reviewer found the sources '
        "really disagree; dismissed: a reviewer found they do not</span></div>",
    ] if review else []
    lines += [
        f"<div><strong>Relation</strong> {relations}</div>",
        f"<div><strong>In the text</strong> {marks}</div>",
    ]
    if score:
        lines.append(f'<div style="{_SMALL}">{escape(SCORE_SENTENCE, quote=True)}</div>')
    if similarity:
        lines.append(f'<div style="{_SMALL}">{escape(SIMILARITY_SENTENCE, quote=True)}</div>')
    return (
        '<div class="vf-legend" style="display:flex;flex-direction:column;gap:4px;border:1px solid #e2e8f0;'
        'border-radius:6px;padding:8px 12px;margin-bottom:8px">' + "".join(lines) + "</div>"
    )
