"""Readers never wait behind a writer: `verifier search` during a long ingest answers from what was last
committed, and a second ingest waits the configured time, then stops naming the first.

Both ingests run the console script in their own process (tests/fixtures/fake_cli.py: the fake embedder,
slowed down so that the first ingest lasts through the test)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from verifier.core.settings import LOCK_TIMEOUT_ENV
from verifier.io.lock import HOLDER_FILE
from verifier.io.store import open_store

ROOT = Path(__file__).resolve().parents[1]
FAKE_CLI = Path(__file__).parent / "fixtures" / "fake_cli.py"
# The long ingest: 20 claims per batch, each model call one second longer: ~10 s for the demo corpus.
SLOW = {"VERIFIER_TEST_BATCH_CLAIMS": "20", "VERIFIER_TEST_EMBED_DELAY": "1.0"}
FIRST_DAYS = "2015-07-3"  # the Darna reports, ingested before the long ingest starts
RUN_TIMEOUT_S = 120


def cli(workspace: Path, *args: str) -> list[str]:
    return [sys.executable, str(FAKE_CLI), "--workspace", str(workspace), *args]


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, **extra}


def wait_until(condition: object, what: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def long_ingest(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir()
    rest.mkdir()
    for path in (ROOT / "data").glob("*.md"):
        if path.name != "README.md":
            shutil.copy(path, first if path.name.startswith(FIRST_DAYS) else rest)
    workspace = tmp_path / "ws"
    done = subprocess.run(cli(workspace, "ingest", str(first)), capture_output=True, text=True,
                          timeout=RUN_TIMEOUT_S)
    assert done.returncode == 0, done.stderr
    with open_store(workspace / "verifier.sqlite3") as store:
        before = store.count_articles()
    proc = subprocess.Popen(
        cli(workspace, "ingest", str(rest)), env=environment(**SLOW), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )

    def stored_more() -> bool:
        with open_store(workspace / "verifier.sqlite3") as store:
            return store.count_articles() > before

    wait_until(lambda: (workspace / HOLDER_FILE).exists() and stored_more(), "the ingest's first commit")
    yield workspace, proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=RUN_TIMEOUT_S)


@pytest.mark.slow
def test_search_answers_while_an_ingest_writes(long_ingest: tuple[Path, subprocess.Popen[str]]) -> None:
    workspace, proc = long_ingest
    found = subprocess.run(cli(workspace, "search", "fighters killed in Darna"), capture_output=True,
                           text=True, timeout=RUN_TIMEOUT_S)
    assert proc.poll() is None, "the ingest ended before the search answered: make it longer"
    assert found.returncode == 0, found.stderr
    assert "Darna" in found.stdout
    out, err = proc.communicate(timeout=RUN_TIMEOUT_S)
    assert proc.returncode == 0, err
    assert "Scanned" in out


@pytest.mark.slow
def test_a_second_ingest_waits_then_names_the_first(
    long_ingest: tuple[Path, subprocess.Popen[str]], tmp_path: Path
) -> None:
    workspace, proc = long_ingest
    started = time.monotonic()
    second = subprocess.run(
        cli(workspace, "ingest", str(tmp_path / "first")), capture_output=True, text=True,
        env=environment(**{LOCK_TIMEOUT_ENV: "1"}), timeout=RUN_TIMEOUT_S,
    )
    assert proc.poll() is None, "the first ingest ended before the second gave up: make it longer"
    assert time.monotonic() - started >= 1.0  # it waited the configured second
    assert second.returncode == 2
    message = second.stderr.strip()
    assert message.startswith("Error: the workspace") and message.count("\n") == 0
    assert f"process {proc.pid} (`fake_cli.py --workspace {workspace} ingest" in message
    assert "since" in message and "try again" in message and LOCK_TIMEOUT_ENV in message
