"""ClaimReview: flagged pairs as schema.org JSON-LD (https://schema.org/ClaimReview), which a newsroom CMS
or a fact-check aggregator publishes as it is.

So it holds only the pairs a fact-checker confirmed, unless the caller asks for the unreviewed flags too
(`include_unreviewed`, labelled as not reviewed); dismissed pairs never. It can be scoped to one event,
and it is signed by $VERIFIER_PUBLISHER and $VERIFIER_AUTHOR (or a `Byline`).
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from verifier.core.records import Contradiction
from verifier.services.flagged import FlaggedPair, flagged_pairs
from verifier.services.workspace_core import IndexedStore

log = logging.getLogger(__name__)

PUBLISHER_ENV = "VERIFIER_PUBLISHER"  # the organisation that publishes the reviews (a newsroom)
AUTHOR_ENV = "VERIFIER_AUTHOR"  # the person who wrote them
# Who signs a review when neither is set: the tool's own name, so a review is never unsigned (the schema
# requires an author) and plainly not a newsroom's. A warning says which variable to set.
REVIEW_AUTHOR = "verifier"
# ClaimReview's reviewRating.alternateName opens with the verdict, by review status; the figures follow.
# An unreviewed flag is a machine's guess, and says so, for when a caller publishes one on purpose.
VERDICTS = {"confirmed": "Outlets disagree", "new": "Not yet reviewed: outlets may disagree"}
# How verifier.compare.explain words a conflict: "Figures conflict: 13 people killed vs 27 ... (at least)".
_CONFLICT_EXPLANATION = "Figures conflict: "
# One figure as Quantity.describe() writes it: the words, then its qualifier in brackets.
_DESCRIBED = re.compile(r"(?P<words>.*?)(?: \((?P<qualifier>[^()]+)\))?")
# Quantity.describe() gave a range ("10 to 12 killed") as its midpoint marked "(range)" until 2026-12-03
# (it now writes both ends): explanations stored before then read "around 11".
_QUALIFIER_WORDS = {"range": "around"}


@dataclass(frozen=True)
class Byline:
    """Who signs a ClaimReview: the publishing organisation and the person who wrote it (either may be
    empty). `from_env` reads $VERIFIER_PUBLISHER and $VERIFIER_AUTHOR."""

    publisher: str = ""
    author: str = ""

    @classmethod
    def from_env(cls) -> Byline:
        return cls(os.environ.get(PUBLISHER_ENV, "").strip(), os.environ.get(AUTHOR_ENV, "").strip())

    def author_node(self) -> dict[str, str]:
        if self.author:
            return {"@type": "Person", "name": self.author}
        return {"@type": "Organization", "name": self.publisher or REVIEW_AUTHOR}

    def publisher_node(self) -> dict[str, str] | None:
        return {"@type": "Organization", "name": self.publisher} if self.publisher else None


def _figure_words(described: str) -> str:
    """ "27 IS fighters killed (at least)" as a reader says it: "at least 27 IS fighters killed"."""
    m = _DESCRIBED.fullmatch(described.strip())
    if m is None or not m["qualifier"]:
        return described.strip()
    return f"{_QUALIFIER_WORDS.get(m['qualifier'], m['qualifier'])} {m['words']}"


def found_figures(explanation: str) -> str:
    """The conflicting figures of a stored explanation, shortest form: "13 people vs at least 27 IS
    fighters killed" (the words both sides end with are said once). Another wording is kept whole."""
    if not explanation.startswith(_CONFLICT_EXPLANATION):
        return explanation.strip()
    sides = explanation[len(_CONFLICT_EXPLANATION) :].split(" vs ")
    if len(sides) != 2:
        return explanation[len(_CONFLICT_EXPLANATION) :].strip()
    a, b = (_figure_words(s).split() for s in sides)
    shared = 0
    while shared < min(len(a), len(b)) - 1 and a[-1 - shared] == b[-1 - shared]:
        shared += 1
    if not shared:
        return f"{' '.join(a)} vs {' '.join(b)}"
    return f"{' '.join(a[:-shared])} vs {' '.join(b)}"


def rating_text(c: Contradiction) -> str:
    """What the review found, in a line: "Outlets disagree: 13 vs at least 27 killed"."""
    verdict = VERDICTS.get(c.status, VERDICTS["new"])
    figures = found_figures(c.explanation)
    return f"{verdict}: {figures}" if figures else verdict


def claim_review(
    pair: FlaggedPair, reviewed: str | None = None, byline: Byline | None = None
) -> dict[str, Any]:
    """One schema.org ClaimReview for claim `a` of the pair, its conflict with `b` in the review body."""
    c = pair.contradiction
    a, b = pair.a, pair.b
    byline = byline or Byline.from_env()
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": a.title or a.text[:110]}
    if a.url:
        appearance["url"] = a.url
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": a.source or "unknown outlet"},
        "appearance": [appearance],
    }
    if a.date:
        item["datePublished"] = a.date
    other = f"{b.source or 'another outlet'}" + (f" ({b.date})" if b.date else "")
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": a.text,
        "itemReviewed": item,
        "author": byline.author_node(),
        "datePublished": (c.reviewed_at or reviewed or _today())[:10],
        "reviewRating": {
            "@type": "Rating",
            "alternateName": rating_text(c),
            "ratingExplanation": c.explanation,
        },
        "reviewBody": f"{other} reports: {b.text}" + (f" Reviewer's note: {c.note}" if c.note else ""),
        "identifier": c.id,
    }
    publisher = byline.publisher_node()
    if publisher:
        review["publisher"] = publisher
    if b.url:
        review["isBasedOn"] = b.url
    return review


def _today() -> str:
    return datetime.now(timezone.utc).date().isoformat()


def publishable_pairs(
    ws: IndexedStore, include_unreviewed: bool = False, event_id: str | None = None
) -> list[FlaggedPair]:
    """The pairs a ClaimReview export holds: confirmed ones (and unreviewed ones with
    `include_unreviewed`), never dismissed ones; with `event_id`, only pairs with a claim in that event."""
    statuses = ("confirmed", "new") if include_unreviewed else ("confirmed",)
    pairs = [p for p in flagged_pairs(ws) if p.contradiction.status in statuses]
    if event_id is None:
        return pairs
    claims = set(ws.store.get_event(event_id).claim_ids)
    return [p for p in pairs if p.a.claim_id in claims or p.b.claim_id in claims]


def unreviewed_left_out(ws: IndexedStore, event_id: str | None = None) -> int:
    """How many unreviewed pairs a default ClaimReview export leaves out (the CLI says so)."""
    every = publishable_pairs(ws, include_unreviewed=True, event_id=event_id)
    return sum(p.contradiction.status == "new" for p in every)


def claim_reviews(
    ws: IndexedStore,
    include_unreviewed: bool = False,
    event_id: str | None = None,
    byline: Byline | None = None,
) -> list[dict[str, Any]]:
    """ClaimReviews of `publishable_pairs`, signed by `byline` (default: from the environment).

    Unreviewed flags are left out by default: an aggregator publishes what it is given, and a flag is the
    tool's guess until a fact-checker confirms it.
    """
    byline = byline or Byline.from_env()
    if not (byline.publisher or byline.author):
        log.warning(
            "ClaimReviews signed %r: set %s (and %s) to sign them", REVIEW_AUTHOR, PUBLISHER_ENV, AUTHOR_ENV
        )
    return [claim_review(p, byline=byline) for p in publishable_pairs(ws, include_unreviewed, event_id)]
