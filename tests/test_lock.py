"""The workspace's writer lock across processes: a bounded wait, then a message naming who holds it."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from verifier.core.errors import ConfigError, StoreError
from verifier.core.records import Article
from verifier.core.settings import DEFAULT_LOCK_TIMEOUT_S, LOCK_TIMEOUT_ENV, Settings
from verifier.io.embed import FakeEmbedder
from verifier.services.workspace import Workspace

# A process that takes the workspace lock, says so on stdout, and keeps it for argv[2] seconds.
_HOLDER = """\
import sys, time
from pathlib import Path
from verifier.io.lock import WorkspaceLock

with WorkspaceLock(Path(sys.argv[1]), timeout=10):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""
# Long enough that the holder outlives every wait in these tests; it is ended by the test.
_HOLD_LONG_S = 60.0
# Short waits keep the tests fast; the default (a minute) is for people.
_SHORT_WAIT_S = 0.3


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "workspace"
    path.mkdir()
    return path


def _hold(folder: Path, seconds: float) -> subprocess.Popen[str]:
    script = folder.parent / "hold_workspace.py"
    script.write_text(_HOLDER, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), str(folder), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


@pytest.fixture
def holder(folder: Path) -> Iterator[subprocess.Popen[str]]:
    proc = _hold(folder, _HOLD_LONG_S)
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


def _ingest_one(folder: Path, timeout: float) -> int:
    settings = Settings(workspace=folder, lock_timeout=timeout)
    with Workspace.open(settings, embedder=FakeEmbedder()) as ws:
        report = ws.ingest_articles([Article.create("The bridge reopened on Monday after repairs.")])
    return report.articles_added


def test_a_writer_gives_up_after_the_wait_and_names_the_holder(
    folder: Path, holder: subprocess.Popen[str]
) -> None:
    started = time.monotonic()
    with pytest.raises(StoreError) as err:
        _ingest_one(folder, _SHORT_WAIT_S)
    assert time.monotonic() - started < _HOLD_LONG_S / 2  # bounded, not the old wait for ever
    message = str(err.value)
    assert f"process {holder.pid}" in message
    assert "hold_workspace.py" in message and "since" in message
    assert "try again" in message and LOCK_TIMEOUT_ENV in message


def test_a_writer_waits_for_a_short_holder_and_then_writes(folder: Path) -> None:
    proc = _hold(folder, 0.5)
    try:
        assert _ingest_one(folder, timeout=30) == 1
    finally:
        proc.wait(timeout=10)


def test_a_killed_holder_leaves_the_workspace_writable(folder: Path, holder: subprocess.Popen[str]) -> None:
    os.kill(holder.pid, signal.SIGKILL)  # no clean-up: its note of who holds the lock stays behind
    holder.wait(timeout=10)
    assert _ingest_one(folder, _SHORT_WAIT_S) == 1


@pytest.mark.parametrize(("raw", "seconds"), [("", DEFAULT_LOCK_TIMEOUT_S), ("5", 5.0), (" 0.5 ", 0.5)])
def test_the_wait_is_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, raw: str, seconds: float
) -> None:
    monkeypatch.setenv(LOCK_TIMEOUT_ENV, raw)
    assert Settings.from_env("ws").lock_timeout == seconds
    assert dataclasses.replace(Settings.from_env("ws"), lock_timeout=1.0).lock_timeout == 1.0


@pytest.mark.parametrize("raw", ["soon", "-1", "inf", "nan"])
def test_a_wait_that_is_not_seconds_is_refused(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv(LOCK_TIMEOUT_ENV, raw)
    with pytest.raises(ConfigError, match=LOCK_TIMEOUT_ENV):
        Settings.from_env("ws")


def test_a_reader_tries_the_lock_without_waiting(folder: Path, holder: subprocess.Popen[str]) -> None:
    from verifier.io.lock import WorkspaceLock

    lock = WorkspaceLock(folder, timeout=_HOLD_LONG_S)
    started = time.monotonic()
    assert lock.try_acquire() is False
    assert time.monotonic() - started < _HOLD_LONG_S / 2
    assert lock.describe_holder().startswith(f"process {holder.pid} (`hold_workspace.py")
