"""A CLI writer while the app ingests an upload: it waits the configured time ($VERIFIER_LOCK_TIMEOUT),
then stops in one line naming the app's process and what to do; a reader answers meanwhile.

The app's ingest runs its own upload code (tests/fixtures/app_ingest.py: app.ingest_with_progress over
app.ingest_file, slowed fake embedder) in a process of its own; the CLI is tests/fixtures/fake_cli.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from verifier.core.settings import LOCK_TIMEOUT_ENV
from verifier.io.lock import HOLDER_FILE
from verifier.io.store import open_store

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
RUN_TIMEOUT_S = 120
# Seconds per model call of the app's ingest: with 20 claims a batch, the demo corpus takes ~10 s.
SLOW_CALL_S = "1.0"


def _wait_until(condition: object, what: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


@pytest.mark.slow
def test_a_cli_writer_waits_for_the_apps_ingest_then_names_it(tmp_path: Path) -> None:
    upload = tmp_path / "upload"
    upload.mkdir()
    for path in (ROOT / "data").glob("*.md"):
        if path.name != "README.md":
            shutil.copy(path, upload)
    workspace = tmp_path / "ws"
    app = subprocess.Popen(
        [sys.executable, str(FIXTURES / "app_ingest.py"), str(workspace), str(upload), SLOW_CALL_S],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        def first_commit() -> bool:
            if not (workspace / HOLDER_FILE).exists():
                return False
            with open_store(workspace / "verifier.sqlite3") as store:
                return store.count_articles() > 0

        _wait_until(first_commit, "the app's first commit")
        started = time.monotonic()
        late = subprocess.run(
            [sys.executable, str(FIXTURES / "fake_cli.py"), "--workspace", str(workspace), "doctor"],
            capture_output=True, text=True, timeout=RUN_TIMEOUT_S,
            env={**os.environ, LOCK_TIMEOUT_ENV: "1"},
        )
        assert app.poll() is None, "the app's ingest ended before the CLI gave up: make it slower"
        assert time.monotonic() - started >= 1.0  # it waited the configured second
        assert late.returncode == 2
        message = late.stderr.strip()
        assert message.count("\n") == 0 and message.startswith(f"Error: the workspace {workspace} is being")
        assert f"process {app.pid} (`app_ingest.py {workspace} {upload}" in message
        assert "try again" in message and LOCK_TIMEOUT_ENV in message

        # a reader does not wait: the articles committed so far are listed at once
        listed = subprocess.run(
            [sys.executable, str(FIXTURES / "fake_cli.py"), "--workspace", str(workspace), "articles"],
            capture_output=True, text=True, timeout=RUN_TIMEOUT_S,
        )
        assert listed.returncode == 0 and listed.stdout.strip()
        assert app.poll() is None
    finally:
        if app.poll() is None:
            app.kill()
        app.wait(timeout=RUN_TIMEOUT_S)
