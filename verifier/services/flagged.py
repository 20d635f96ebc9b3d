"""The stored flags as a reader sees them: each contradiction with its two claims and their articles
(`flagged_pairs`), what `verifier conflicts` lists and every export writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from verifier.core.records import Article, Claim, Contradiction
from verifier.services.workspace_core import IndexedStore


@dataclass(frozen=True)
class Side:
    """One claim of a flagged pair, with what a reader needs to find it."""

    text: str
    source: str
    date: str | None
    title: str
    url: str
    article_id: str
    claim_id: str
    place: str = ""  # the article's place column, "" when its table had none

    @classmethod
    def of(cls, claim: Claim, article: Article) -> Side:
        return cls(
            claim.text,
            article.source,
            article.published,
            article.title,
            article.url,
            article.id,
            claim.id,
            article.place,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "source": self.source,
            "date": self.date,
            "title": self.title,
            "url": self.url,
            "article_id": self.article_id,
            "claim_id": self.claim_id,
            "place": self.place,
        }


@dataclass(frozen=True)
class FlaggedPair:
    """A stored contradiction with both claims resolved: what `verifier conflicts` lists."""

    contradiction: Contradiction
    a: Side
    b: Side

    @property
    def id(self) -> str:
        return self.contradiction.id

    def to_dict(self) -> dict[str, Any]:
        c = self.contradiction
        return {
            "id": c.id,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "relation": c.relation,
            "score": round(c.score, 4),
            "explanation": c.explanation,
            "status": c.status,
            "note": c.note,
            "reviewed_at": c.reviewed_at,
        }


def flagged_pairs(
    ws: IndexedStore,
    status: str | None = None,
    source: str | None = None,
    limit: int | None = None,
    **filters: Any,
) -> list[FlaggedPair]:
    """Stored contradictions, best first, each with its two claims and articles.

    `filters` go to `Store.list_contradictions` as they are (paging: offset, min_score, claim_ids).
    """
    rows: list[Contradiction] = ws.store.list_contradictions(
        status=status, source=source, limit=limit, **filters
    )
    ids = {cid for c in rows for cid in (c.claim_a, c.claim_b)}
    rowids = ws.store.claim_rowids(ids)
    found = {
        claim.id: (claim, article) for claim, article in ws.store.get_claims_by_rowids(list(rowids.values()))
    }
    out: list[FlaggedPair] = []
    for c in rows:
        if c.claim_a in found and c.claim_b in found:
            out.append(FlaggedPair(c, Side.of(*found[c.claim_a]), Side.of(*found[c.claim_b])))
    return out
