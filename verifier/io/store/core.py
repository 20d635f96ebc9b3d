"""What both engines share below the queries: transactions, statements, migrations, the meta flags.

An engine (`sqlite.py`, `postgres.py`) gives a DB-API connection and says how it begins a write, whether
a table exists and how it spells a placeholder; every query above this is written once, with `?`.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from verifier.core.errors import StoreError
from verifier.io.store.schema import SCHEMA_VERSION, migration

log = logging.getLogger(__name__)

# Test hook, not a setting: `VERIFIER_TEST_CRASH_AT=step` (embed, store, index, scan or events) makes the
# process exit at once, as kill -9 would, when a run reaches that step. The crash tests use it to stop an
# ingest at a chosen moment; unset, it costs one environment lookup per step.
CRASH_ENV = "VERIFIER_TEST_CRASH_AT"
CRASH_STEPS = ("embed", "store", "index", "scan", "events")

# Keys of the meta table that record unfinished work (see `events_stale`, `scan_deferred`).
EVENTS_STALE = "events_stale"
SCAN_DEFERRED = "scan_deferred"

# Jobs that two writers on one store must not interleave (`SqlCore._serialise`): numbers for
# PostgreSQL's advisory locks, arbitrary but fixed.
JOB_MIGRATE = 0x76657269  # "veri"
JOB_EVENTS = 0x76657270

# SQLite's default limit on bound parameters is 32766 since 3.32, 999 before, PostgreSQL's 65535: stay
# well under all.
CHUNK = 500


def crash_point(step: str) -> None:
    """The test hook of CRASH_ENV: exit immediately (no clean-up, no flush) at the chosen step."""
    if os.environ.get(CRASH_ENV) == step:
        os._exit(137)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def chunks(items: Sequence[int] | Sequence[str], size: int = CHUNK) -> Iterator[list[Any]]:
    seq = list(items)
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def marks(n: int) -> str:
    return ",".join("?" * n)


class SqlCore:
    """One connection, one statement or transaction at a time (the app shares a store between
    Streamlit threads); writes inside `transaction()`. Subclasses are the engines."""

    engine = ""  # schema.SQLITE or schema.POSTGRES

    def __init__(self, conn: Any, location: str) -> None:
        self._conn = conn
        self.location = location  # what messages call this store (a path, or a URL without password)
        self._lock = threading.RLock()
        self._depth = 0

    # -- what an engine provides --------------------------------------------------------------------

    def _begin(self) -> None:
        """Start a write transaction that no other writer interleaves with at the rows it touches."""
        raise NotImplementedError

    def _has_table(self, name: str) -> bool:
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        """The statement in the engine's placeholder style (written with `?`)."""
        return sql

    def _for_update(self) -> str:
        """Appended to a SELECT inside a transaction to hold the rows read until commit ('' where the
        whole transaction already excludes other writers)."""
        return ""

    def _serialise(self, job: int) -> None:
        """Inside a transaction: wait for any other connection inside the same `job` (a migration, a
        regrouping of the events) on this store, until it commits. SQLite's BEGIN IMMEDIATE already
        admits one writer at a time; PostgreSQL takes a transaction-scoped advisory lock."""

    def _serialise_migrations(self) -> None:
        """Inside the migration transaction: wait for any other process migrating the same store."""
        self._serialise(JOB_MIGRATE)

    def integrity_problems(self) -> list[str]:
        return []

    def _wrap(self, exc: Exception) -> Exception:
        """The engine's own error as what the package raises (the same error when it is not the engine's)."""
        return exc

    # -- plumbing -----------------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SqlCore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
            self._begin()
            self._depth = 1
            try:
                yield
            except BaseException:
                self._raw("ROLLBACK")
                raise
            else:
                self._raw("COMMIT")
            finally:
                self._depth = 0

    def _raw(self, sql: str) -> None:
        try:
            self._conn.execute(sql)
        except Exception as exc:
            raise self._wrap(exc) from exc

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._lock:
            try:
                return self._conn.execute(self._sql(sql), tuple(params))
            except Exception as exc:
                wrapped = self._wrap(exc)
                if wrapped is exc:
                    raise
                raise wrapped from exc

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            rows: list[tuple[Any, ...]] = self._exec(sql, params).fetchall()
            return rows

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        with self._lock:
            row: tuple[Any, ...] | None = self._exec(sql, params).fetchone()
            return row

    def _count(self, sql: str, params: Sequence[Any] = ()) -> int:
        row = self._one(sql, params)
        return int(row[0]) if row else 0

    # -- schema -------------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        if not self._has_table("meta"):
            return 0
        row = self._one("SELECT value FROM meta WHERE key = 'schema_version'")
        return int(row[0]) if row else 0

    def migrate(self) -> int:
        """Bring the schema to SCHEMA_VERSION; returns the version found before. A store already at it is
        only read: opening a workspace to read must not queue behind a writer's transaction."""
        if self.schema_version == SCHEMA_VERSION:
            return SCHEMA_VERSION
        with self.transaction():
            self._serialise_migrations()
            self._exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            found = self.schema_version
            if found > SCHEMA_VERSION:
                raise StoreError(
                    f"the store {self.location} has schema version {found}, newer than this verifier "
                    f"({SCHEMA_VERSION}): upgrade verifier or use another store"
                )
            for version in range(found + 1, SCHEMA_VERSION + 1):
                for statement in migration(version, self.engine):
                    self._raw_statement(statement)
                self._exec(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (str(version),),
                )
                log.info("store %s migrated to schema version %d", self.location, version)
        return found

    def _raw_statement(self, statement: str) -> None:
        """A DDL statement, sent as written (no placeholders: a trigger body may hold `?` or `%`)."""
        with self._lock:
            self._raw(statement)

    # -- flags of unfinished work -------------------------------------------------------------------

    def _meta_flag(self, key: str) -> bool:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return row is not None and row[0] == "1"

    def _set_meta_flag(self, key: str, value: bool) -> None:
        self._exec(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, "1" if value else "0"),
        )

    @property
    def scan_deferred(self) -> bool:
        """True after `ingest --no-scan`: unscanned claims wait for `verifier scan`, not for any reader."""
        return self._meta_flag(SCAN_DEFERRED)

    @scan_deferred.setter
    def scan_deferred(self, value: bool) -> None:
        with self.transaction():
            self._set_meta_flag(SCAN_DEFERRED, value)
