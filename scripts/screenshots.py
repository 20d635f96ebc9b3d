"""The README's screenshots (docs/screenshots/), taken as `make run` serves the demo corpus.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Ingests data/ into a temporary workspace with `verifier ingest` (as `make run` does), starts
`streamlit run app.py` with make run's flags on a free port, and drives Debian chromium through playwright:
a check with the full article open, the review queue of the Darna fighting (then with one article open),
the comparison table of that event, the library. Needs /usr/bin/chromium (scripts/ensure-chromium.sh).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
VIEWPORT = {"width": 1366, "height": 1000}
WAIT_MS = 180_000
CLAIM = "At least 27 IS fighters were killed in Darna"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _settle(tab: Page) -> None:
    tab.wait_for_function(
        """() => !document.querySelector('[data-testid^="stStatusWidgetRunning"]')
                 && !document.querySelector('[data-testid="stSkeleton"]')""",
        timeout=WAIT_MS,
    )


def _open(tab: Page, url: str, heading: str) -> None:
    tab.goto(url)
    expect(tab.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=WAIT_MS)
    _settle(tab)


def _pick(tab: Page, label: str, contains: str) -> None:
    tab.get_by_role("combobox", name=label).click()
    tab.get_by_role("option").filter(has_text=contains).first.click()
    _settle(tab)


def _shot(tab: Page, out: Path, name: str) -> None:
    _settle(tab)
    tab.wait_for_timeout(800)  # fonts and the chart's transition
    tab.screenshot(path=str(out / f"{name}.png"))
    print(f"screenshot: {out / name}.png")


def take(base: str, out: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
        _open(tab, f"{base}/", "Check a claim")  # the default page
        tab.get_by_label("Claim to check").fill(CLAIM)
        tab.get_by_role("button", name="Check", exact=True).click()
        expect(tab.get_by_role("heading", name="Conflicting (", exact=False)).to_be_visible(timeout=WAIT_MS)
        _settle(tab)
        tab.get_by_text("Show the passage in the full article").first.click()
        _shot(tab, out, "check")

        _open(tab, f"{base}/contradictions", "Contradictions")
        _pick(tab, "Group", "Darna")
        _shot(tab, out, "contradictions")
        card = tab.locator('[class*="st-key-pair-"]').first
        card.get_by_text("Open the ", exact=False).first.click()
        _settle(tab)
        card.evaluate("el => el.scrollIntoView({block: 'start'})")
        _shot(tab, out, "contradictions-article")

        _open(tab, f"{base}/compare", "Compare sources")
        _pick(tab, "Event", "Darna")
        expect(tab.get_by_test_id("stVegaLiteChart")).to_be_visible(timeout=WAIT_MS)
        _shot(tab, out, "compare")

        _open(tab, f"{base}/library", "Library")
        tab.get_by_role("tab", name="Sources and articles").click()
        _shot(tab, out, "library")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="verifier-shots-") as tmp:
        env = dict(os.environ, VERIFIER_WORKSPACE=str(Path(tmp) / "ws"), HF_HUB_OFFLINE="1",
                   TRANSFORMERS_OFFLINE="1", VERIFIER_REVIEWER="amira")
        subprocess.run([str(BIN / "verifier"), "ingest", "data", "--if-empty"], cwd=ROOT, env=env, check=True)
        port = _free_port()
        server = subprocess.Popen(
            [str(BIN / "streamlit"), "run", "app.py", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.address", "127.0.0.1",
             "--server.port", str(port), "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                        break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit("streamlit did not start") from None
                    time.sleep(0.3)
            take(base, args.out)
        finally:
            server.terminate()
            server.wait(timeout=15)


if __name__ == "__main__":
    main()
