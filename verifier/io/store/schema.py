"""The schema of the store and its migrations, one list for SQLite and PostgreSQL alike.

Each migration brings the schema from version (key - 1) to version key inside one transaction, and the
version is kept in the `meta` table on both engines. The statements are written once, in the SQL both
engines share; `for_postgres` rewrites the few words that differ (an identity column instead of
AUTOINCREMENT, DOUBLE PRECISION for REAL, byte-order text so that ORDER BY sorts as SQLite does).
Engine-only statements (triggers, whose bodies differ) are listed per engine.
"""

from __future__ import annotations

import re

SCHEMA_VERSION = 3

SQLITE = "sqlite"
POSTGRES = "postgresql"

_V1 = """
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
"""

# Version 2: who decided (reviews.reviewer), how many decisions a pair has had (reviews.revision, the
# optimistic check's token; a version-1 decision counts as the first), and the append-only audit log.
# `revision` in the log is the revision the change made, or for a refused one the revision it was shown.
_V2 = """
ALTER TABLE reviews ADD COLUMN reviewer TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
CREATE TABLE review_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pair_id TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    old_status TEXT NOT NULL,
    new_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'conflict')),
    revision INTEGER NOT NULL
);
CREATE INDEX review_log_pair ON review_log(pair_id, id);
CREATE INDEX review_log_reviewer ON review_log(reviewer, id);
"""

# Version 3: the place an article's table files it under (`--place-column`; FA-KES `location`). Articles
# stored before have none ('').
_V3 = """
ALTER TABLE articles ADD COLUMN place TEXT NOT NULL DEFAULT '';
"""

_APPEND_ONLY = "the review log is append-only"

_ENGINE_ONLY: dict[int, dict[str, list[str]]] = {
    2: {
        SQLITE: [
            f"CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log "
            f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END",
            f"CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log "
            f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END",
        ],
        POSTGRES: [
            "CREATE FUNCTION review_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{_APPEND_ONLY}'; END $$",
            "CREATE TRIGGER review_log_no_change BEFORE UPDATE OR DELETE ON review_log "
            "FOR EACH ROW EXECUTE FUNCTION review_log_append_only()",
        ],
    },
}

_SHARED: dict[int, str] = {1: _V1, 2: _V2, 3: _V3}

_IDENTITY = re.compile(r"\bINTEGER PRIMARY KEY AUTOINCREMENT\b")
_REAL = re.compile(r"\bREAL\b")
_TEXT = re.compile(r"\bTEXT\b")


def for_postgres(statement: str) -> str:
    """The SQLite spelling of a shared statement in PostgreSQL's. Text columns use the "C" collation:
    byte order, as SQLite sorts, so both engines list events and articles in the same order."""
    statement = _IDENTITY.sub("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", statement)
    statement = _REAL.sub("DOUBLE PRECISION", statement)
    return _TEXT.sub('TEXT COLLATE "C"', statement)


def migration(version: int, engine: str) -> list[str]:
    """The statements that bring the schema from `version - 1` to `version` on `engine`."""
    shared = [s.strip() for s in _SHARED[version].split(";") if s.strip()]
    if engine == POSTGRES:
        shared = [for_postgres(s) for s in shared]
    return shared + _ENGINE_ONLY.get(version, {}).get(engine, [])
