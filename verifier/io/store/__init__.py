"""The store (the only package speaking SQL): one interface (`Store`), two engines chosen by what is
opened. A path is the embedded SQLite file (the default, in the workspace folder); a postgresql:// URL
is a PostgreSQL database a desk of reviewers shares. The store is the source of truth: the vector index
is always rebuilt from it. Same schema and migrations on both (`schema.py`).

    open_store("indexes/verifier.sqlite3")          # SQLite
    open_store("postgresql://desk@db.local/checks")  # PostgreSQL (psycopg 3)
"""

from __future__ import annotations

import os
from pathlib import Path

from verifier.core.errors import ConfigError
from verifier.io.store.claims import SourceCount
from verifier.io.store.core import CRASH_ENV, CRASH_STEPS, crash_point
from verifier.io.store.postgres import PostgresStore, is_postgres_url
from verifier.io.store.protocol import Store
from verifier.io.store.reviews import APPLIED, CONFLICT, AuditEntry, ReviewConflictError
from verifier.io.store.schema import SCHEMA_VERSION
from verifier.io.store.sqlite import SqliteStore

__all__ = [
    "APPLIED", "CONFLICT", "CRASH_ENV", "CRASH_STEPS", "SCHEMA_VERSION", "AuditEntry", "PostgresStore",
    "ReviewConflictError", "SourceCount", "SqliteStore", "Store", "crash_point", "open_store",
]


def open_store(target: str | os.PathLike[str]) -> Store:
    """The store at `target`: a postgresql:// (or postgres://) URL, else a SQLite file path. Migrated to
    this version's schema on open. Another URL scheme is refused with what is understood."""
    if is_postgres_url(target):
        return PostgresStore.open(str(target))
    text = os.fspath(target)
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise ConfigError(
            f"unknown store {scheme}://: give a postgresql://user@host/db URL or a SQLite file path"
        )
    return SqliteStore.open(Path(text))

