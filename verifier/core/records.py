"""Value objects shared by every stage. Frozen dataclasses with content-hash ids; no vectors inside."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_WS = re.compile(r"\s+")


def content_hash(*parts: str, length: int = 16) -> str:
    """A stable hex id from text parts (sha256, truncated: 64 bits is plenty for a newsroom corpus)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def normalise_for_id(text: str) -> str:
    """Whitespace-folded text, so the same article re-saved with other line breaks keeps its id."""
    return _WS.sub(" ", text).strip()


@dataclass(frozen=True)
class Article:
    """One news article. `id` hashes the text only: the same text from two files is one article."""

    id: str
    text: str
    source: str = ""
    title: str = ""
    url: str = ""
    published: str | None = None  # ISO date (YYYY-MM-DD) when known
    # Where the article's incident happened, as a table's place column names it (FA-KES `location`): what
    # the outlet or the data set filed it under, not read from the text. "" when not given.
    place: str = ""

    @classmethod
    def create(
        cls,
        text: str,
        source: str = "",
        title: str = "",
        url: str = "",
        published: str | None = None,
        place: str = "",
    ) -> Article:
        return cls(
            id=content_hash(normalise_for_id(text)),
            text=text,
            source=source.strip(),
            title=title.strip(),
            url=url.strip(),
            published=published,
            place=" ".join(place.split()),
        )


@dataclass(frozen=True)
class Claim:
    """A sentence of an article: `article.text[start:end] == text`."""

    id: str
    article_id: str
    text: str
    start: int
    end: int
    position: int  # 0-based order of the claim within its article

    @classmethod
    def create(cls, article_id: str, text: str, start: int, end: int, position: int) -> Claim:
        return cls(
            id=content_hash(article_id, str(start), str(end)),
            article_id=article_id,
            text=text,
            start=start,
            end=end,
            position=position,
        )

    @property
    def text_hash(self) -> str:
        """Identical sentences (wire copies) share this hash and are embedded once."""
        return content_hash(normalise_for_id(self.text))


@dataclass(frozen=True)
class SearchHit:
    """A claim found by meaning, with the article it came from and its cosine similarity."""

    claim: Claim
    article: Article
    score: float


REVIEW_STATUSES = ("new", "confirmed", "dismissed")


def pair_id(claim_a: str, claim_b: str) -> str:
    """The id of an unordered pair of claims: (a, b) and (b, a) are one contradiction."""
    lo, hi = sorted((claim_a, claim_b))
    return content_hash(lo, hi)


@dataclass(frozen=True)
class Contradiction:
    """A flagged pair of claims and the fact-checker's decision about it.

    `claim_a` < `claim_b` (sorted), so re-scanning finds the same row and never loses a decision.
    """

    id: str
    claim_a: str
    claim_b: str
    relation: str  # conflict (or another relation label kept for the record)
    score: float
    explanation: str
    status: str = "new"  # one of REVIEW_STATUSES
    note: str = ""
    reviewed_at: str | None = None  # ISO timestamp of the decision
    created_at: str | None = None
    reviewer: str = ""  # who made the decision ("" before any)
    revision: int = 0  # how many decisions the pair has had: the token of the optimistic check


@dataclass(frozen=True)
class Event:
    """A group of claims that describe the same event, with a short human label."""

    id: str
    label: str
    claim_ids: tuple[str, ...]
