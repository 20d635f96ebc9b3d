"""A calm first run: the commands of `make run` (ingest the demo corpus, then serve the app) and one check in
a real browser leave a short log: a thousand warnings would hide the one that counts."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from test_serve import ROOT, _free_port, make_run

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing: install Debian chromium", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

# The bound for a `make run` that ingests the demo corpus and serves one check.
MAX_LOG_LINES = 20
START_TIMEOUT_S = 90
CHECK_MS = 180_000


def _wait_healthy(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not start on port {port} (exit code {proc.poll()})")


def test_a_make_run_that_ingests_the_demo_and_serves_one_check_logs_under_20_lines(tmp_path: Path) -> None:
    port = _free_port()
    commands = make_run(f"PORT={port}", f"WORKSPACE={tmp_path / 'ws'}")
    log = tmp_path / "run.log"
    with log.open("wb") as out:
        ingest_env, ingest = commands["verifier"]
        env = dict(os.environ, **ingest_env, HF_HUB_OFFLINE="1")
        subprocess.run(
            ingest, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=True, timeout=900
        )
        serve_env, serve = commands["streamlit"]
        proc = subprocess.Popen(
            serve, cwd=ROOT, env=dict(os.environ, **serve_env, HF_HUB_OFFLINE="1"), stdout=out, stderr=out
        )
        try:
            _wait_healthy(port, proc)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                tab = browser.new_page()
                tab.goto(f"http://127.0.0.1:{port}/")
                tab.get_by_label("Claim to check").fill("At least 27 IS fighters were killed in Darna")
                tab.get_by_role("button", name="Check", exact=True).click()
                heading = tab.get_by_role("heading", name="Conflicting (", exact=False)
                expect(heading).to_be_visible(timeout=CHECK_MS)
                browser.close()
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    # A progress bar redraws one terminal line with carriage returns: lines are what a terminal shows.
    lines = [line for line in log.read_bytes().decode("utf-8", "replace").split("\n") if line.strip()]
    assert len(lines) < MAX_LOG_LINES, "\n".join(lines)
