"""The shared engine: a PostgreSQL database named by a URL (psycopg 3), for a desk of reviewers.

`psycopg` is imported when a postgresql:// store is opened, never before, and a missing driver says what
to install. Every query is the one the SQLite engine runs; `?` placeholders become psycopg's `%s`.
"""

from __future__ import annotations

import re
import zlib
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
# The shared writer lock (`try_writer_lock`): a session advisory lock, released by the server when the
# holder's connection ends (a killed process never leaves the store locked). Two int4 keys: this class and
# the schema, so that stores in several schemas of one database lock apart; the two-key space never meets
# the one-key transaction locks of `_serialise`.
WRITER_LOCK_CLASS = zlib.crc32(b"verifier writer") & 0x7FFFFFFF
# PostgreSQL keeps this many bytes of a session's application_name (NAMEDATALEN - 1).
APPLICATION_NAME_BYTES = 63


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

    # -- the writer lock shared by every workspace over this store (verifier.io.lock) ------------------

    def _writer_key(self) -> tuple[int, int]:
        row = self._one("SELECT current_schema()")
        schema = str(row[0]) if row and row[0] else "public"
        return WRITER_LOCK_CLASS, zlib.crc32(schema.encode("utf-8")) & 0x7FFFFFFF

    def try_writer_lock(self, holder: str) -> bool:
        """Take the store's writer lock if no other session holds it; `holder` (who we are) becomes this
        session's application_name, which is how a waiting writer on another machine learns who it is."""
        row = self._one("SELECT pg_try_advisory_lock(?::int4, ?::int4)", self._writer_key())
        if not (row and row[0]):
            return False
        name = holder.encode("utf-8")[:APPLICATION_NAME_BYTES].decode("utf-8", "ignore")
        self._exec("SELECT set_config('application_name', ?, false)", (name,))
        return True

    def release_writer_lock(self) -> None:
        self._exec("SELECT pg_advisory_unlock(?::int4, ?::int4)", self._writer_key())
        self._exec("SELECT set_config('application_name', '', false)")

    def writer_lock_holder(self) -> str | None:
        """Who holds the writer lock, as its session names itself, with the address it connects from;
        None when nobody does or the server does not show this user that session."""
        row = self._one(
            "SELECT a.application_name, host(a.client_addr) FROM pg_locks l "
            "JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 "
            "AND l.classid = ?::int8::oid AND l.objid = ?::int8::oid "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            self._writer_key(),
        )
        if not row or not row[0]:
            return None
        return f"{row[0]} (connected from {row[1]})" if row[1] else str(row[0])

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
