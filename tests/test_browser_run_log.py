"""A calm first run: the commands of `make run` (ingest the demo corpus, then serve the app) and one check in
a real browser leave a short log: a thousand warnings would hide the one that counts."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from streamlit_app import ROOT, free_port, stop, wait_healthy
from test_serve import make_run

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing: install Debian chromium", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

# The bound for a `make run` that ingests the demo corpus and serves one check.
MAX_LOG_LINES = 20
CHECK_MS = 180_000


def test_a_make_run_that_ingests_the_demo_and_serves_one_check_logs_under_20_lines(tmp_path: Path) -> None:
    port = free_port()
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
            wait_healthy(f"http://127.0.0.1:{port}", proc, log)
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
            stop(proc)
    # A progress bar redraws one terminal line with carriage returns: lines are what a terminal shows.
    lines = [line for line in log.read_bytes().decode("utf-8", "replace").split("\n") if line.strip()]
    assert len(lines) < MAX_LOG_LINES, "\n".join(lines)
