"""The embedded engine: one SQLite file in the workspace folder (the default)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from verifier.core.errors import StoreError
from verifier.io.store.reviews import ReviewsMixin
from verifier.io.store.schema import SQLITE

# How long a statement waits for SQLite's own lock before failing. In WAL mode readers never wait for the
# writer; a writer (or a reader during crash recovery of the WAL) waits for another connection's
# transaction, and ours are one batch of articles (well under a second) or one scan's updates. 30 s covers a
# slow disk under a big batch; the workspace lock (Settings.lock_timeout) is what bounds whole runs.
BUSY_TIMEOUT_S = 30.0


class SqliteStore(ReviewsMixin):
    """`SqliteStore.open(path)`; BEGIN IMMEDIATE makes each write transaction exclusive of other writers,
    so the check-then-write of a decision needs no row locks."""

    engine = SQLITE

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        super().__init__(conn, str(path))
        self.path = path

    @classmethod
    def open(cls, path: str | Path) -> SqliteStore:
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
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
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(f"cannot open the store {path}: {exc}") from exc
        store = cls(conn, path)
        store.migrate()
        return store

    def __enter__(self) -> SqliteStore:
        return self

    def _begin(self) -> None:
        self._raw("BEGIN IMMEDIATE")

    def _has_table(self, name: str) -> bool:
        return self._one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)) is not None

    def integrity_problems(self) -> list[str]:
        """SQLite's own integrity and foreign-key checks; empty when healthy."""
        problems = [r[0] for r in self._all("PRAGMA integrity_check") if r[0] != "ok"]
        fk = self._all("PRAGMA foreign_key_check")
        if fk:
            problems.append(f"{len(fk)} rows point to missing rows (foreign keys)")
        return problems

    def _wrap(self, exc: Exception) -> Exception:
        if isinstance(exc, sqlite3.IntegrityError) and "append-only" in str(exc):
            return StoreError(f"{exc}: a decision is changed by deciding again, never by editing the log")
        return exc
