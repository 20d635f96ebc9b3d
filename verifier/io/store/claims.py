"""Articles and claims (a claim's integer rowid is its FAISS id), and the scan's bookkeeping."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from verifier.core.errors import NotFoundError
from verifier.core.records import Article, Claim
from verifier.io.store.core import EVENTS_STALE, SqlCore, chunks, crash_point, marks, now


@dataclass(frozen=True)
class SourceCount:
    source: str
    articles: int
    claims: int


ARTICLE_COLS = "a.id, a.text, a.source, a.title, a.url, a.published, a.place"
CLAIM_COLS = 'c.rowid, c.id, c.article_id, c.text, c.start, c."end", c.position'
# SQLite sorts NULL first, PostgreSQL last: said out loud so both list undated articles first.
_ARTICLE_ORDER = "ORDER BY a.published NULLS FIRST, a.id"


def _article(row: Sequence[Any]) -> Article:
    return Article(
        id=row[0], text=row[1], source=row[2], title=row[3], url=row[4], published=row[5], place=row[6]
    )


def _claim(row: Sequence[Any]) -> Claim:
    # row[0] is the rowid, kept out of the record: it is a storage detail.
    return Claim(id=row[1], article_id=row[2], text=row[3], start=row[4], end=row[5], position=row[6])


class ClaimsMixin(SqlCore):
    def has_article(self, article_id: str) -> bool:
        return self._one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def add_article_with_claims(self, article: Article, claims: Sequence[Claim]) -> list[int]:
        """Store an article and its claims; returns the claims' rowids in order.

        An article already stored is left as it is and [] returned (idempotent re-ingest).
        """
        for claim in claims:
            if claim.article_id != article.id:
                raise ValueError(f"claim {claim.id} belongs to article {claim.article_id}, not {article.id}")
        with self.transaction():
            cur = self._exec(
                "INSERT INTO articles(id, source, title, url, published, place, text, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                (article.id, article.source, article.title, article.url, article.published, article.place,
                 article.text, now()),
            )
            if cur.rowcount == 0:
                return []
            rowids: list[int] = []
            for claim in claims:
                row = self._exec(
                    'INSERT INTO claims(id, article_id, text, start, "end", position, text_hash) '
                    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING rowid",
                    (claim.id, claim.article_id, claim.text, claim.start, claim.end, claim.position,
                     claim.text_hash),
                ).fetchone()
                rowids.append(int(row[0]))
            if rowids:
                self._set_meta_flag(EVENTS_STALE, True)  # with the claims: the grouping is now behind
            return rowids

    def get_article(self, article_id: str) -> Article:
        row = self._one(f"SELECT {ARTICLE_COLS} FROM articles a WHERE a.id = ?", (article_id,))
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r}: `verifier sources` lists what is stored")
        return _article(row)

    def list_articles(self, source: str | None = None) -> list[Article]:
        if source is None:
            rows = self._all(f"SELECT {ARTICLE_COLS} FROM articles a {_ARTICLE_ORDER}")
        else:
            rows = self._all(
                f"SELECT {ARTICLE_COLS} FROM articles a WHERE a.source = ? {_ARTICLE_ORDER}", (source,)
            )
        return [_article(r) for r in rows]

    def sources_with_counts(self) -> list[SourceCount]:
        rows = self._all(
            "SELECT a.source, COUNT(DISTINCT a.id), COUNT(c.rowid) FROM articles a "
            "LEFT JOIN claims c ON c.article_id = a.id GROUP BY a.source ORDER BY a.source"
        )
        return [SourceCount(r[0], int(r[1]), int(r[2])) for r in rows]

    def delete_article(self, article_id: str) -> list[int]:
        """Delete an article, its claims and their contradictions; returns the claim rowids removed."""
        with self.transaction():
            if not self.has_article(article_id):
                raise NotFoundError(f"no article with id {article_id!r}")
            rowids = [int(r[0]) for r in self._all("SELECT rowid FROM claims WHERE article_id = ?",
                                                   (article_id,))]
            self._exec("DELETE FROM articles WHERE id = ?", (article_id,))
            return rowids

    def claims_of_article(self, article_id: str) -> list[Claim]:
        rows = self._all(
            f"SELECT {CLAIM_COLS} FROM claims c WHERE c.article_id = ? ORDER BY c.position", (article_id,)
        )
        return [_claim(r) for r in rows]

    def claim_map(self, rowids: Iterable[int]) -> dict[int, tuple[Claim, Article]]:
        """{rowid: (claim, article)} for the rowids that are stored (unknown ones are absent)."""
        claims: dict[int, Claim] = {}
        for chunk in chunks(list(dict.fromkeys(int(r) for r in rowids))):
            sql = f"SELECT {CLAIM_COLS} FROM claims c WHERE c.rowid IN ({marks(len(chunk))})"
            for row in self._all(sql, chunk):
                claims[int(row[0])] = _claim(row)
        articles = self._articles_by_id({c.article_id for c in claims.values()})
        return {rowid: (claim, articles[claim.article_id]) for rowid, claim in claims.items()}

    def get_claims_by_rowids(self, rowids: Sequence[int]) -> list[tuple[Claim, Article]]:
        """(claim, article) in the order of `rowids`; rowids not stored are skipped."""
        found = self.claim_map(rowids)
        return [found[int(r)] for r in rowids if int(r) in found]

    def _articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        out: dict[str, Article] = {}
        for chunk in chunks(sorted(ids)):
            sql = f"SELECT {ARTICLE_COLS} FROM articles a WHERE a.id IN ({marks(len(chunk))})"
            for row in self._all(sql, chunk):
                out[row[0]] = _article(row)
        return out

    def get_claim(self, claim_id: str) -> tuple[Claim, Article]:
        rowid = self.claim_rowid(claim_id)
        return self.claim_map([rowid])[rowid]

    def claim_rowid(self, claim_id: str) -> int:
        row = self._one("SELECT rowid FROM claims WHERE id = ?", (claim_id,))
        if row is None:
            raise NotFoundError(f"no claim with id {claim_id!r}")
        return int(row[0])

    def claim_rowids(self, claim_ids: Iterable[str]) -> dict[str, int]:
        """{claim id: rowid} for the ids that are stored."""
        out: dict[str, int] = {}
        for chunk in chunks(list(claim_ids)):
            for cid, rowid in self._all(f"SELECT id, rowid FROM claims WHERE id IN ({marks(len(chunk))})",
                                        chunk):
                out[cid] = int(rowid)
        return out

    def claim_ids(self, rowids: Iterable[int]) -> dict[int, str]:
        """{rowid: claim id} for the rowids that are stored."""
        out: dict[int, str] = {}
        for chunk in chunks([int(r) for r in rowids]):
            for rowid, cid in self._all(
                f"SELECT rowid, id FROM claims WHERE rowid IN ({marks(len(chunk))})", chunk
            ):
                out[int(rowid)] = cid
        return out

    def count_articles(self) -> int:
        return self._count("SELECT COUNT(*) FROM articles")

    def count_claims(self) -> int:
        return self._count("SELECT COUNT(*) FROM claims")

    def has_claims(self) -> bool:
        return self._one("SELECT 1 FROM claims LIMIT 1") is not None

    def all_claim_rowids(self) -> list[int]:
        return [int(r[0]) for r in self._all("SELECT rowid FROM claims ORDER BY rowid")]

    def iter_claims(self, batch: int = 1000) -> Iterator[tuple[int, Claim]]:
        """(rowid, claim) for every claim, in rowid order, read in pages so memory stays flat."""
        last = 0
        while True:
            rows = self._all(
                f"SELECT {CLAIM_COLS} FROM claims c WHERE c.rowid > ? ORDER BY c.rowid LIMIT ?",
                (last, batch),
            )
            if not rows:
                return
            for row in rows:
                yield int(row[0]), _claim(row)
            last = int(rows[-1][0])

    def texts_of(self, rowids: Iterable[int]) -> dict[int, tuple[str, str]]:
        """{rowid: (text, text_hash)}: what the index needs to (re)embed claims."""
        out: dict[int, tuple[str, str]] = {}
        for chunk in chunks([int(r) for r in rowids]):
            for rowid, text, th in self._all(
                f"SELECT rowid, text, text_hash FROM claims WHERE rowid IN ({marks(len(chunk))})", chunk
            ):
                out[int(rowid)] = (text, th)
        return out

    def rowids_by_text_hash(self, hashes: Iterable[str]) -> dict[str, list[int]]:
        """{text_hash: rowids of stored claims with that text}, to reuse a vector instead of re-embedding."""
        out: dict[str, list[int]] = {}
        for chunk in chunks(sorted(set(hashes))):
            for th, rowid in self._all(
                f"SELECT text_hash, rowid FROM claims WHERE text_hash IN ({marks(len(chunk))}) "
                "ORDER BY rowid",
                chunk,
            ):
                out.setdefault(th, []).append(int(rowid))
        return out

    # -- incremental contradiction scan -------------------------------------------------------------

    def count_unscanned(self) -> int:
        return self._count("SELECT COUNT(*) FROM claims WHERE scanned = 0")

    def unscanned_claim_rowids(self) -> list[int]:
        return [int(r[0]) for r in self._all("SELECT rowid FROM claims WHERE scanned = 0 ORDER BY rowid")]

    def mark_scanned(self, rowids: Iterable[int], scanned: bool = True) -> None:
        if scanned:
            crash_point("scan")  # after the scan stored its flags, before the claims are marked
        with self.transaction():
            for chunk in chunks([int(r) for r in rowids]):
                self._exec(f"UPDATE claims SET scanned = ? WHERE rowid IN ({marks(len(chunk))})",
                           [int(scanned), *chunk])
