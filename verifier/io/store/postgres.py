"""The shared engine: a PostgreSQL database named by a URL (psycopg 3), for a desk of reviewers.

`psycopg` is imported when a postgresql:// store is opened, never before, and a missing driver says what
to install. Every query is the one the SQLite engine runs; `?` placeholders become psycopg's `%s`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from verifier.core.errors import ConfigError, StoreError
from verifier.io.store.reviews import ReviewsMixin
from verifier.io.store.schema import POSTGRES

SCHEMES = ("postgresql", "postgres")
# Seconds to wait for the server to answer a connection: a wrong host fails in seconds, not minutes.
CONNECT_TIMEOUT_S = 10
_PLACEHOLDER = re.compile(r"\?")


def is_postgres_url(target: object) -> bool:
    return isinstance(target, str) and urlsplit(target).scheme in SCHEMES


def redact(url: str) -> str:
    """The URL as messages show it: any password replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


@lru_cache(maxsize=512)
def _to_psycopg(sql: str) -> str:
    return _PLACEHOLDER.sub("%s", sql.replace("%", "%%"))


def _driver() -> Any:
    try:
        import psycopg
    except ImportError:
        raise ConfigError(
            "a postgresql:// store needs the PostgreSQL driver: pip install 'psycopg[binary]>=3.1' "
            "(or pip install -e '.[postgres]')"
        ) from None
    return psycopg


class PostgresStore(ReviewsMixin):
    """`PostgresStore.open(url)`. Autocommit outside `transaction()`, so a reader never holds a
    snapshot open; inside, READ COMMITTED with the reviewed row locked (FOR UPDATE) while it is decided."""

    engine = POSTGRES

    @classmethod
    def open(cls, url: str) -> PostgresStore:
        psycopg = _driver()
        shown = redact(url)
        try:
            conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            raise StoreError(
                f"cannot connect to the store {shown}: {str(exc).strip()}. Check the URL (--store or "
                "VERIFIER_STORE) and that the server is running and accepts this user."
            ) from exc
        store = cls(conn, shown)
        store.migrate()
        return store

    def __enter__(self) -> PostgresStore:
        return self

    def _sql(self, sql: str) -> str:
        return _to_psycopg(sql)

    def _begin(self) -> None:
        self._raw("BEGIN")

    def _for_update(self) -> str:
        return " FOR UPDATE"

    def _serialise(self, job: int) -> None:
        self._exec("SELECT pg_advisory_xact_lock(?)", (job,))

    def _has_table(self, name: str) -> bool:
        row = self._one("SELECT to_regclass(?) IS NOT NULL", (name,))
        return bool(row and row[0])

    def _wrap(self, exc: Exception) -> Exception:
        psycopg = _driver()
        if not isinstance(exc, psycopg.Error):
            return exc
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "append-only" in message:
            return StoreError(f"{message}: a decision is changed by deciding again, never by editing the log")
        if isinstance(exc, psycopg.OperationalError):
            return StoreError(f"the store {self.location} failed: {message}. Is the server still running?")
        return StoreError(f"the store {self.location} refused a statement: {message}")
