"""The SQLite store in the workspace (the only module speaking SQL).

Articles, claims (their integer rowid is the FAISS id), contradictions with the reviewer's decisions,
and events. The store is the source of truth: the vector index can always be rebuilt from it.

Decisions live in their own table keyed by the pair id, with no foreign key: deleting an article drops
its claims and their contradictions, but if the same article is ingested again (same text, same ids)
the pair and the fact-checker's decision come back together.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from verifier.errors import InputError, NotFoundError, StoreError
from verifier.records import REVIEW_STATUSES, Article, Claim, Contradiction, Event, pair_id

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

# How long a statement waits for SQLite's own lock before failing. In WAL mode readers never wait for the
# writer; a writer (or a reader during crash recovery of the WAL) waits for another connection's
# transaction, and ours are one batch of articles (well under a second) or one scan's updates. 30 s covers a
# slow disk under a big batch; the workspace lock (Settings.lock_timeout) is what bounds whole runs.
BUSY_TIMEOUT_S = 30.0

# Test hook, not a setting: `VERIFIER_TEST_CRASH_AT=step` (embed, store, index, scan or events) makes the
# process exit at once, as kill -9 would, when a run reaches that step. The crash tests use it to stop an
# ingest at a chosen moment; unset, it costs one environment lookup per step.
CRASH_ENV = "VERIFIER_TEST_CRASH_AT"
CRASH_STEPS = ("embed", "store", "index", "scan", "events")

# Keys of the meta table that record unfinished work (see `Store.events_stale`, `Store.scan_deferred`).
_EVENTS_STALE = "events_stale"
_SCAN_DEFERRED = "scan_deferred"


def crash_point(step: str) -> None:
    """The test hook of CRASH_ENV: exit immediately (no clean-up, no flush) at the chosen step."""
    if os.environ.get(CRASH_ENV) == step:
        os._exit(137)


# SQLite's default limit on bound parameters is 32766 since 3.32, 999 before: stay well under both.
_CHUNK = 500

# Each migration brings the schema from version (key - 1) to version key, inside one transaction.
_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        published TEXT,
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_source ON articles(source);
    -- AUTOINCREMENT: a rowid is never reused, so a vector left behind by an interrupted delete can
    -- never be mistaken for a later claim's.
    CREATE TABLE claims (
        rowid INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        position INTEGER NOT NULL,
        text_hash TEXT NOT NULL,
        scanned INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX claims_article ON claims(article_id, position);
    CREATE INDEX claims_text_hash ON claims(text_hash);
    CREATE INDEX claims_unscanned ON claims(rowid) WHERE scanned = 0;
    CREATE TABLE contradictions (
        id TEXT PRIMARY KEY,
        claim_a TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        claim_b TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        relation TEXT NOT NULL,
        score REAL NOT NULL,
        explanation TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX contradictions_score ON contradictions(score DESC);
    CREATE INDEX contradictions_claim_b ON contradictions(claim_b);
    CREATE INDEX contradictions_claim_a ON contradictions(claim_a);
    CREATE TABLE reviews (
        pair_id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('new', 'confirmed', 'dismissed')),
        note TEXT NOT NULL DEFAULT '',
        reviewed_at TEXT NOT NULL
    );
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL
    );
    CREATE TABLE event_claims (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        PRIMARY KEY (event_id, claim_id)
    );
    CREATE INDEX event_claims_claim ON event_claims(claim_id);
    """,
}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SourceCount:
    source: str
    articles: int
    claims: int


def _chunks(items: Sequence[int] | Sequence[str], size: int = _CHUNK) -> Iterator[list]:
    seq = list(items)
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


_ARTICLE_COLS = "a.id, a.text, a.source, a.title, a.url, a.published"
_CLAIM_COLS = 'c.rowid, c.id, c.article_id, c.text, c.start, c."end", c.position'
_CONTRA_SELECT = """
    SELECT x.id, x.claim_a, x.claim_b, x.relation, x.score, x.explanation,
           COALESCE(r.status, 'new'), COALESCE(r.note, ''), r.reviewed_at, x.created_at
    FROM contradictions x LEFT JOIN reviews r ON r.pair_id = x.id
"""


def _article(row: Sequence) -> Article:
    return Article(id=row[0], text=row[1], source=row[2], title=row[3], url=row[4], published=row[5])


def _claim(row: Sequence) -> Claim:
    # row[0] is the rowid, kept out of the record: it is a storage detail.
    return Claim(id=row[1], article_id=row[2], text=row[3], start=row[4], end=row[5], position=row[6])


def _contradiction(row: Sequence) -> Contradiction:
    return Contradiction(
        id=row[0], claim_a=row[1], claim_b=row[2], relation=row[3], score=float(row[4]),
        explanation=row[5], status=row[6], note=row[7], reviewed_at=row[8], created_at=row[9],
    )


class Store:
    """One SQLite database: `Store.open(path)`, then typed methods; writes inside `transaction()`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        # The app may share one store between Streamlit threads: one statement or transaction at a time.
        self._lock = threading.RLock()
        self._depth = 0

    @classmethod
    def open(cls, path: str | Path) -> Store:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(
                path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S
            )
            # WAL: readers see the last commit while a writer works, and never block it. Switching needs
            # the database to itself, so it is only asked for when the mode is not WAL already.
            if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            # NORMAL in WAL mode: a crashed process never corrupts the database; at worst a power cut
            # loses the last commits, which `doctor` then finds missing from the index too.
            conn.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the store {path}: {exc}") from exc
        store = cls(conn, path)
        store.migrate()
        return store

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing -----------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all. Nested calls join the outer transaction."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")
            finally:
                self._depth = 0

    def _all(self, sql: str, params: Sequence = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _one(self, sql: str, params: Sequence = ()) -> tuple | None:
        with self._lock:
            row: tuple | None = self._conn.execute(sql, params).fetchone()
            return row

    def _exec(self, sql: str, params: Sequence = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._conn.execute(sql, params)

    @property
    def schema_version(self) -> int:
        row = self._one("SELECT value FROM meta WHERE key = 'schema_version'")
        return int(row[0]) if row else 0

    def migrate(self) -> int:
        """Bring the schema to SCHEMA_VERSION; returns the version found before. A store already at it is
        only read: opening a workspace to read must not queue behind a writer's transaction."""
        if self._one("SELECT 1 FROM sqlite_master WHERE name = 'meta'") is not None:
            if self.schema_version == SCHEMA_VERSION:
                return SCHEMA_VERSION
        with self.transaction():
            self._exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            found = self.schema_version
            if found > SCHEMA_VERSION:
                raise StoreError(
                    f"the store {self.path} has schema version {found}, newer than this verifier "
                    f"({SCHEMA_VERSION}): upgrade verifier or use another --workspace"
                )
            for version in range(found + 1, SCHEMA_VERSION + 1):
                for statement in _MIGRATIONS[version].split(";"):
                    if statement.strip():
                        self._exec(statement)
                self._exec(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (str(version),),
                )
                log.info("store %s migrated to schema version %d", self.path, version)
        return found

    def integrity_problems(self) -> list[str]:
        """SQLite's own integrity and foreign-key checks; empty when healthy."""
        problems = [r[0] for r in self._all("PRAGMA integrity_check") if r[0] != "ok"]
        fk = self._all("PRAGMA foreign_key_check")
        if fk:
            problems.append(f"{len(fk)} rows point to missing rows (foreign keys)")
        return problems

    # -- articles and claims ------------------------------------------------------------------------

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
                "INSERT OR IGNORE INTO articles(id, source, title, url, published, text, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (article.id, article.source, article.title, article.url, article.published, article.text,
                 _now()),
            )
            if cur.rowcount == 0:
                return []
            rowids: list[int] = []
            for claim in claims:
                cur = self._exec(
                    'INSERT INTO claims(id, article_id, text, start, "end", position, text_hash) '
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (claim.id, claim.article_id, claim.text, claim.start, claim.end, claim.position,
                     claim.text_hash),
                )
                rowids.append(int(cur.lastrowid or 0))
            if rowids:
                self._set_meta_flag(_EVENTS_STALE, True)  # with the claims: the grouping is now behind
            return rowids

    def get_article(self, article_id: str) -> Article:
        row = self._one(f"SELECT {_ARTICLE_COLS} FROM articles a WHERE a.id = ?", (article_id,))
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r}: `verifier sources` lists what is stored")
        return _article(row)

    def list_articles(self, source: str | None = None) -> list[Article]:
        if source is None:
            rows = self._all(f"SELECT {_ARTICLE_COLS} FROM articles a ORDER BY a.published, a.id")
        else:
            rows = self._all(
                f"SELECT {_ARTICLE_COLS} FROM articles a WHERE a.source = ? ORDER BY a.published, a.id",
                (source,),
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
            f"SELECT {_CLAIM_COLS} FROM claims c WHERE c.article_id = ? ORDER BY c.position", (article_id,)
        )
        return [_claim(r) for r in rows]

    def claim_map(self, rowids: Iterable[int]) -> dict[int, tuple[Claim, Article]]:
        """{rowid: (claim, article)} for the rowids that are stored (unknown ones are absent)."""
        claims: dict[int, Claim] = {}
        for chunk in _chunks(list(dict.fromkeys(int(r) for r in rowids))):
            marks = ",".join("?" * len(chunk))
            for row in self._all(f"SELECT {_CLAIM_COLS} FROM claims c WHERE c.rowid IN ({marks})", chunk):
                claims[int(row[0])] = _claim(row)
        articles = self._articles_by_id({c.article_id for c in claims.values()})
        return {rowid: (claim, articles[claim.article_id]) for rowid, claim in claims.items()}

    def get_claims_by_rowids(self, rowids: Sequence[int]) -> list[tuple[Claim, Article]]:
        """(claim, article) in the order of `rowids`; rowids not stored are skipped."""
        found = self.claim_map(rowids)
        return [found[int(r)] for r in rowids if int(r) in found]

    def _articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        out: dict[str, Article] = {}
        for chunk in _chunks(sorted(ids)):
            marks = ",".join("?" * len(chunk))
            for row in self._all(f"SELECT {_ARTICLE_COLS} FROM articles a WHERE a.id IN ({marks})", chunk):
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
        for chunk in _chunks(list(claim_ids)):
            marks = ",".join("?" * len(chunk))
            for cid, rowid in self._all(f"SELECT id, rowid FROM claims WHERE id IN ({marks})", chunk):
                out[cid] = int(rowid)
        return out

    def claim_ids(self, rowids: Iterable[int]) -> dict[int, str]:
        """{rowid: claim id} for the rowids that are stored."""
        out: dict[int, str] = {}
        for chunk in _chunks(list(rowids)):
            marks = ",".join("?" * len(chunk))
            for rowid, cid in self._all(f"SELECT rowid, id FROM claims WHERE rowid IN ({marks})", chunk):
                out[int(rowid)] = cid
        return out

    def count_articles(self) -> int:
        row = self._one("SELECT COUNT(*) FROM articles")
        return int(row[0]) if row else 0

    def count_claims(self) -> int:
        row = self._one("SELECT COUNT(*) FROM claims")
        return int(row[0]) if row else 0

    def has_claims(self) -> bool:
        return self._one("SELECT 1 FROM claims LIMIT 1") is not None

    def all_claim_rowids(self) -> list[int]:
        return [int(r[0]) for r in self._all("SELECT rowid FROM claims ORDER BY rowid")]

    def iter_claims(self, batch: int = 1000) -> Iterator[tuple[int, Claim]]:
        """(rowid, claim) for every claim, in rowid order, read in pages so memory stays flat."""
        last = 0
        while True:
            rows = self._all(
                f"SELECT {_CLAIM_COLS} FROM claims c WHERE c.rowid > ? ORDER BY c.rowid LIMIT ?",
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
        for chunk in _chunks(list(rowids)):
            marks = ",".join("?" * len(chunk))
            for rowid, text, th in self._all(
                f"SELECT rowid, text, text_hash FROM claims WHERE rowid IN ({marks})", chunk
            ):
                out[int(rowid)] = (text, th)
        return out

    def rowids_by_text_hash(self, hashes: Iterable[str]) -> dict[str, list[int]]:
        """{text_hash: rowids of stored claims with that text}, to reuse a vector instead of re-embedding."""
        out: dict[str, list[int]] = {}
        for chunk in _chunks(list(set(hashes))):
            marks = ",".join("?" * len(chunk))
            for th, rowid in self._all(
                f"SELECT text_hash, rowid FROM claims WHERE text_hash IN ({marks}) ORDER BY rowid", chunk
            ):
                out.setdefault(th, []).append(int(rowid))
        return out

    # -- incremental contradiction scan -------------------------------------------------------------

    def count_unscanned(self) -> int:
        row = self._one("SELECT COUNT(*) FROM claims WHERE scanned = 0")
        return int(row[0]) if row else 0

    def unscanned_claim_rowids(self) -> list[int]:
        return [int(r[0]) for r in self._all("SELECT rowid FROM claims WHERE scanned = 0 ORDER BY rowid")]

    def mark_scanned(self, rowids: Iterable[int], scanned: bool = True) -> None:
        if scanned:
            crash_point("scan")  # after the scan stored its flags, before the claims are marked
        with self.transaction():
            for chunk in _chunks(list(rowids)):
                marks = ",".join("?" * len(chunk))
                self._exec(f"UPDATE claims SET scanned = ? WHERE rowid IN ({marks})", [int(scanned), *chunk])

    # -- contradictions and reviews -----------------------------------------------------------------

    def upsert_contradictions(self, rows: Iterable[Contradiction]) -> int:
        """Insert new pairs; for a stored pair update relation, score and explanation only.

        The review (status, note, time) is never touched here: a re-scan cannot undo a decision.
        Returns how many pairs were new.
        """
        added = 0
        now = _now()
        with self.transaction():
            for c in rows:
                a, b = sorted((c.claim_a, c.claim_b))
                if c.id != pair_id(a, b):
                    raise ValueError(f"contradiction id {c.id} is not the pair id of {a} and {b}")
                if self._one("SELECT 1 FROM contradictions WHERE id = ?", (c.id,)) is None:
                    self._exec(
                        "INSERT INTO contradictions(id, claim_a, claim_b, relation, score, explanation, "
                        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (c.id, a, b, c.relation, float(c.score), c.explanation, c.created_at or now, now),
                    )
                    added += 1
                else:
                    self._exec(
                        "UPDATE contradictions SET relation = ?, score = ?, explanation = ?, updated_at = ? "
                        "WHERE id = ?",
                        (c.relation, float(c.score), c.explanation, now, c.id),
                    )
        return added

    def delete_contradictions(self, ids: Iterable[str], keep_reviewed: bool = True) -> int:
        """Drop flagged pairs (a re-scan no longer finds them); with `keep_reviewed`, a pair someone has
        confirmed or dismissed stays, so no decision is ever lost. Returns how many were deleted."""
        deleted = 0
        keep = " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.pair_id = contradictions.id " \
            "AND r.status IN ('confirmed', 'dismissed'))" if keep_reviewed else ""
        with self.transaction():
            for chunk in _chunks(list(ids)):
                marks = ",".join("?" * len(chunk))
                cur = self._exec(f"DELETE FROM contradictions WHERE id IN ({marks}){keep}", chunk)
                deleted += cur.rowcount
        return deleted

    def list_contradictions(
        self, status: str | None = None, source: str | None = None, limit: int | None = None
    ) -> list[Contradiction]:
        """Pairs by score, highest first; `source` keeps pairs where either claim comes from it."""
        where: list[str] = []
        params: list[object] = []
        if status is not None:
            _check_status(status)
            where.append("COALESCE(r.status, 'new') = ?")
            params.append(status)
        if source is not None:
            where.append(
                "EXISTS (SELECT 1 FROM claims c JOIN articles a ON a.id = c.article_id "
                "WHERE c.id IN (x.claim_a, x.claim_b) AND a.source = ?)"
            )
            params.append(source)
        sql = _CONTRA_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY x.score DESC, x.id"
        if limit is not None:
            if limit < 0:
                raise InputError(f"limit must be 0 or more, not {limit}")
            sql += " LIMIT ?"
            params.append(limit)
        return [_contradiction(r) for r in self._all(sql, params)]

    def count_contradictions(self) -> int:
        row = self._one("SELECT COUNT(*) FROM contradictions")
        return int(row[0]) if row else 0

    def get_contradiction(self, pair_id: str) -> Contradiction:
        row = self._one(_CONTRA_SELECT + " WHERE x.id = ?", (pair_id,))
        if row is None:
            raise NotFoundError(f"no contradiction with id {pair_id!r}: `verifier conflicts` lists them")
        return _contradiction(row)

    def set_review(self, pair_id: str, status: str, note: str = "") -> Contradiction:
        """Record the fact-checker's decision (status in new/confirmed/dismissed) with the time."""
        _check_status(status)
        with self.transaction():
            self.get_contradiction(pair_id)
            self._exec(
                "INSERT INTO reviews(pair_id, status, note, reviewed_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(pair_id) DO UPDATE SET status = excluded.status, note = excluded.note, "
                "reviewed_at = excluded.reviewed_at",
                (pair_id, status, note, _now()),
            )
            return self.get_contradiction(pair_id)

    # -- events -------------------------------------------------------------------------------------

    def replace_events(self, events: Iterable[Event]) -> None:
        """Replace every stored event with these (the grouping is recomputed as a whole); the events are
        no longer stale (`events_stale`) once this commits."""
        crash_point("events")
        with self.transaction():
            self._set_meta_flag(_EVENTS_STALE, False)
            self._exec("DELETE FROM events")
            for ev in events:
                self._exec("INSERT INTO events(id, label) VALUES (?, ?)", (ev.id, ev.label))
                for cid in dict.fromkeys(ev.claim_ids):
                    self._exec("INSERT INTO event_claims(event_id, claim_id) VALUES (?, ?)", (ev.id, cid))

    def events_stale(self) -> bool:
        """True when claims were stored after the last grouping (set in the same transaction as the
        claims, cleared with the new grouping), or claims exist and no grouping does (a store written
        before this marker)."""
        if self._meta_flag(_EVENTS_STALE):
            return True
        return self.has_claims() and self._one("SELECT 1 FROM events LIMIT 1") is None

    @property
    def scan_deferred(self) -> bool:
        """True after `ingest --no-scan`: unscanned claims wait for `verifier scan`, not for any reader."""
        return self._meta_flag(_SCAN_DEFERRED)

    @scan_deferred.setter
    def scan_deferred(self, value: bool) -> None:
        with self.transaction():
            self._set_meta_flag(_SCAN_DEFERRED, value)

    def _meta_flag(self, key: str) -> bool:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return row is not None and row[0] == "1"

    def _set_meta_flag(self, key: str, value: bool) -> None:
        self._exec(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, "1" if value else "0"),
        )

    def list_events(self) -> list[Event]:
        members: dict[str, list[str]] = {}
        for eid, cid in self._all(
            "SELECT ec.event_id, ec.claim_id FROM event_claims ec JOIN claims c ON c.id = ec.claim_id "
            "ORDER BY ec.event_id, c.rowid"
        ):
            members.setdefault(eid, []).append(cid)
        return [
            Event(id=eid, label=label, claim_ids=tuple(members.get(eid, ())))
            for eid, label in self._all("SELECT id, label FROM events ORDER BY label, id")
        ]

    def get_event(self, event_id: str) -> Event:
        row = self._one("SELECT id, label FROM events WHERE id = ?", (event_id,))
        if row is None:
            raise NotFoundError(f"no event with id {event_id!r}: `verifier events` lists them")
        cids = [r[0] for r in self._all(
            "SELECT ec.claim_id FROM event_claims ec JOIN claims c ON c.id = ec.claim_id "
            "WHERE ec.event_id = ? ORDER BY c.rowid", (event_id,)
        )]
        return Event(id=row[0], label=row[1], claim_ids=tuple(cids))


def _check_status(status: str) -> None:
    if status not in REVIEW_STATUSES:
        raise InputError(f"unknown review status {status!r}: use one of {', '.join(REVIEW_STATUSES)}")
