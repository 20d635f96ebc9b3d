"""Workspaces on several machines over one PostgreSQL store write one at a time: each has a folder (and a
file lock) of its own, so the store holds a writer lock too. Two folders stand for two machines here; the
server is real (the session's throwaway PostgreSQL)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from verifier.core.errors import StoreError
from verifier.core.records import Article
from verifier.core.settings import LOCK_TIMEOUT_ENV, Settings
from verifier.io.embed import FakeEmbedder
from verifier.io.lock import SharedWriter, WorkspaceLock
from verifier.io.store import PostgresStore, SqliteStore, open_store
from verifier.services.workspace import Workspace

# A process that opens a workspace over the store, takes its writer lock, says so, and keeps it.
_HOLDER = """\
import sys, time
from pathlib import Path
from verifier.core.settings import Settings
from verifier.io.embed import FakeEmbedder
from verifier.services.workspace import Workspace

with Workspace.open(Settings(workspace=Path(sys.argv[1]), store_url=sys.argv[2]), FakeEmbedder()) as ws:
    with ws.writing():
        print("held", flush=True)
        time.sleep(float(sys.argv[3]))
"""
_HOLD_LONG_S = 60.0
_SHORT_WAIT_S = 0.5


def _hold(tmp: Path, url: str, seconds: float) -> subprocess.Popen[str]:
    script = tmp / "hold_store.py"
    script.write_text(_HOLDER, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), str(tmp / "machine-a"), url, str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


@pytest.fixture
def holder(tmp_path: Path, postgres_url: str) -> Iterator[subprocess.Popen[str]]:
    proc = _hold(tmp_path, postgres_url, _HOLD_LONG_S)
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


def _ingest_on_machine_b(tmp: Path, url: str, timeout: float) -> int:
    settings = Settings(workspace=tmp / "machine-b", store_url=url, lock_timeout=timeout)
    with Workspace.open(settings, FakeEmbedder()) as ws:
        report = ws.ingest_articles([Article.create("The ferry resumed service on Tuesday after a strike.")])
    return report.articles_added


def test_a_writer_on_another_machine_waits_then_names_the_holder(
    tmp_path: Path, postgres_url: str, holder: subprocess.Popen[str]
) -> None:
    started = time.monotonic()
    with pytest.raises(StoreError) as err:
        _ingest_on_machine_b(tmp_path, postgres_url, _SHORT_WAIT_S)
    assert time.monotonic() - started < _HOLD_LONG_S / 2
    message = str(err.value)
    assert "another workspace" in message and f"pid {holder.pid}" in message
    assert socket.gethostname()[:20] in message and "since" in message
    assert "try again" in message and LOCK_TIMEOUT_ENV in message
    with open_store(postgres_url) as store:
        assert store.count_articles() == 0  # nothing was written past the lock


def test_a_writer_on_another_machine_writes_once_the_holder_is_done(
    tmp_path: Path, postgres_url: str
) -> None:
    proc = _hold(tmp_path, postgres_url, 0.5)
    try:
        assert _ingest_on_machine_b(tmp_path, postgres_url, timeout=30) == 1
    finally:
        proc.wait(timeout=10)


def test_a_killed_holder_leaves_the_store_writable(
    tmp_path: Path, postgres_url: str, holder: subprocess.Popen[str]
) -> None:
    os.kill(holder.pid, signal.SIGKILL)  # its connection ends, and the server drops its lock
    holder.wait(timeout=10)
    deadline = time.monotonic() + 10  # the server notices the closed connection within moments
    while True:
        try:
            assert _ingest_on_machine_b(tmp_path, postgres_url, _SHORT_WAIT_S) == 1
            break
        except StoreError:
            if time.monotonic() > deadline:
                raise


def test_stores_in_two_schemas_of_one_database_lock_apart(
    tmp_path: Path, postgres_server: str, postgres_url: str, holder: subprocess.Popen[str]
) -> None:
    import psycopg

    other = f"t_other_{os.getpid()}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {other}")
    sep = "&" if "?" in postgres_server else "?"
    try:
        url = f"{postgres_server}{sep}options={quote(f'-csearch_path={other}')}"
        assert _ingest_on_machine_b(tmp_path, url, _SHORT_WAIT_S) == 1
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {other} CASCADE")


def test_only_a_shared_store_holds_a_lock_of_its_own(tmp_path: Path, postgres_url: str) -> None:
    with SqliteStore.open(tmp_path / "verifier.sqlite3") as local:
        assert not isinstance(local, SharedWriter)  # one file, one machine: the folder's lock covers it
    with PostgresStore.open(postgres_url) as shared:
        assert isinstance(shared, SharedWriter)
        assert shared.writer_lock_holder() is None
        assert shared.try_writer_lock("verifier pid 1 on test since now")
        assert shared.try_writer_lock("again") is True  # a session's advisory lock is its own to retake
        shared.release_writer_lock()
        shared.release_writer_lock()
        assert shared.writer_lock_holder() is None


class _BusyStore:
    """A shared store whose lock another machine holds (unit test of the order of the two locks)."""

    location = "postgresql://desk/news"

    def try_writer_lock(self, holder: str) -> bool:
        return False

    def release_writer_lock(self) -> None:
        raise AssertionError("never taken, never released")

    def writer_lock_holder(self) -> str | None:
        return "verifier pid 42 on desk-2 since 09:00Z"


def test_a_writer_that_gives_up_on_the_store_frees_its_folder(tmp_path: Path) -> None:
    busy = WorkspaceLock(tmp_path, timeout=0.2, shared=_BusyStore())
    with pytest.raises(StoreError, match="postgresql://desk/news .*pid 42 on desk-2"):
        busy.acquire()
    assert busy.try_acquire() is False
    local = WorkspaceLock(tmp_path, timeout=0.2)  # the folder is free again for a writer of this machine
    assert local.try_acquire() is True
    local.release()
