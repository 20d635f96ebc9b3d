"""End to end in a real browser: `streamlit run app.py` driven by Debian chromium through playwright.

One server per module on a free port, over a temporary workspace holding the demo articles of test_app.py
(a bridge collapse where one outlet says six dead and two say 14). Each test saves a screenshot under
test-artifacts/screenshots/ and prints where; the committed docs/screenshots/ are copies of these.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from test_app import CLAIM, XSS_TEXT, build_workspace

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(
        f"{CHROMIUM} is missing: install Debian chromium (scripts/ensure-chromium.sh) "
        "to run the browser tests",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Dialog, Page, expect, sync_playwright  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Streamlit starts in a few seconds; the first check loads the model in the server (~10-20 s on 2 busy
# cores). Generous limits: a slow machine must not fail the suite, a broken app still fails it.
START_TIMEOUT_S = 90
LOAD_MS = 60_000
CHECK_MS = 180_000
VIEWPORT = {"width": 1366, "height": 1100}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(
        f"streamlit did not answer on {url} in {START_TIMEOUT_S} s:\n{log.read_text()[-3000:]}"
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run app.py` on 127.0.0.1 over a fresh demo workspace; yields its base URL."""
    tmp = tmp_path_factory.mktemp("browser")
    workspace = build_workspace(tmp / "ws")
    port = _free_port()
    env = dict(os.environ, VERIFIER_WORKSPACE=str(workspace), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    log = tmp / "streamlit.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                "--server.headless", "true",
                "--server.address", "127.0.0.1",
                "--server.port", str(port),
                "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none",  # nothing to reload in a test; saves inotify watches
            ],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A fresh tab and the list of JavaScript dialogs it opened (an alert() would be an injection)."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)  # type: ignore[arg-type]
    tab = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    yield tab, dialogs
    context.close()


def settle(tab: Page, timeout: int = LOAD_MS) -> None:
    """Wait until the script run is over and no element is still a loading skeleton."""
    tab.wait_for_function(
        """() => !document.querySelector('[data-testid^="stStatusWidgetRunning"]')
                 && !document.querySelector('[data-testid="stSkeleton"]')""",
        timeout=timeout,
    )


def open_page(tab: Page, base: str, path: str, heading: str) -> None:
    tab.goto(f"{base}/{path}")
    expect(tab.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=LOAD_MS)
    settle(tab)


def screenshot(tab: Page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    settle(tab)
    tab.wait_for_timeout(500)  # fonts and the chart's transition
    path = SHOTS / f"{name}.png"
    tab.screenshot(path=str(path))
    print(f"screenshot: {path}")
    return path


def check(tab: Page, base: str, claim: str) -> None:
    open_page(tab, base, "", "Check a claim")
    tab.get_by_label("Claim to check").fill(claim)
    tab.get_by_role("button", name="Check", exact=True).click()
    expect(tab.get_by_role("heading", name="Conflicting (", exact=False)).to_be_visible(timeout=CHECK_MS)
    settle(tab, CHECK_MS)


def select(tab: Page, label: str, option: str) -> None:
    """Pick `option` in the Streamlit selectbox labelled `label`."""
    tab.get_by_role("combobox", name=label).click()
    tab.get_by_role("option", name=option, exact=True).click()
    settle(tab)


def test_check_a_claim_shows_the_conflicting_source(server: str, page: tuple[Page, list[str]]) -> None:
    tab, dialogs = page
    check(tab, server, CLAIM)
    conflicting = tab.locator(".vf-card").first
    expect(conflicting).to_contain_text("Lakeside Courier")
    expect(conflicting).to_contain_text("conflicts")
    expect(conflicting.locator("mark.vf-figure").first).to_have_text("Six")
    expect(tab.get_by_role("heading", name="Conflicting (1)")).to_be_visible()
    tab.get_by_text("Show the passage in the full article").first.click()
    expect(tab.locator(".vf-article mark.vf-passage").first).to_contain_text("Six people were killed")
    screenshot(tab, "check")
    assert dialogs == []


def test_confirm_a_contradiction_and_it_persists_after_reload(
    server: str, page: tuple[Page, list[str]]
) -> None:
    tab, _ = page
    open_page(tab, server, "contradictions", "Contradictions")
    expect(tab.get_by_role("button", name="Confirm").first).to_be_visible()
    screenshot(tab, "contradictions")
    note = "Checked with the police statement: 14 is right."
    tab.get_by_label("Note").first.fill(note)
    tab.get_by_label("Note").first.press("Enter")
    settle(tab)
    tab.get_by_role("button", name="Confirm").first.click()
    expect(tab.get_by_text("Pair confirmed.")).to_be_visible(timeout=LOAD_MS)

    tab.reload()
    expect(tab.get_by_role("heading", name="Contradictions", exact=True)).to_be_visible(timeout=LOAD_MS)
    settle(tab)
    confirmed = tab.get_by_test_id("stMetric").filter(has_text="Confirmed")
    expect(confirmed.get_by_test_id("stMetricValue")).to_have_text("1")
    select(tab, "Status", "confirmed")
    expect(tab.get_by_label("Note").first).to_have_value(note)
    expect(tab.locator(".vf-badge", has_text="confirmed").first).to_be_visible()


def test_download_the_comparison_as_csv(server: str, page: tuple[Page, list[str]], tmp_path: Path) -> None:
    tab, _ = page
    open_page(tab, server, "compare", "Compare sources")
    expect(tab.get_by_test_id("stDataFrame")).to_be_visible()
    expect(tab.get_by_test_id("stVegaLiteChart")).to_be_visible()
    screenshot(tab, "compare")
    with tab.expect_download(timeout=LOAD_MS) as download_info:
        tab.get_by_test_id("stDownloadButton").get_by_role("button", name="CSV", exact=True).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    frame = pd.read_csv(target)
    assert {"source", "figure", "measure"} <= set(frame.columns)
    assert {"Valley Herald", "Lakeside Courier"} <= set(frame["source"])
    lakeside = frame[frame["source"] == "Lakeside Courier"]
    assert lakeside["figure"].astype(str).str.contains("Six", case=False).any()


def test_upload_an_article_and_find_it_by_a_check(
    server: str, page: tuple[Page, list[str]], tmp_path: Path
) -> None:
    tab, _ = page
    article = tmp_path / "ferry.md"
    article.write_text(
        "---\ntitle: Quillmoor ferry runs aground\nsource: Harbour Lantern\ndate: 2024-07-02\n---\n"
        "DEMO TEXT for tests.\n\n"
        "The Quillmoor ferry ran aground on a sandbank on Tuesday with 212 passengers on board, the coast "
        "guard said. All of them were brought ashore by lifeboats before nightfall.\n",
        encoding="utf-8",
    )
    open_page(tab, server, "library", "Library")
    tab.get_by_role("tab", name="Upload files").click()
    tab.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(article))
    tab.get_by_role("button", name="Ingest 1 file(s)").click()
    expect(tab.get_by_text("1 articles added", exact=False)).to_be_visible(timeout=CHECK_MS)
    settle(tab)
    tab.get_by_role("tab", name="Sources and articles").click()
    expect(tab.get_by_test_id("stDataFrame").first).to_be_visible()
    screenshot(tab, "library")

    check(tab, server, "More than 200 passengers were on the Quillmoor ferry when it ran aground")
    card = tab.locator(".vf-card", has_text="Harbour Lantern").first
    expect(card).to_contain_text("212 passengers")


def test_pasted_markup_is_shown_as_text(server: str, page: tuple[Page, list[str]]) -> None:
    tab, dialogs = page
    title = "Council notes <img src=x onerror=alert(1)>"
    open_page(tab, server, "library", "Library")
    tab.get_by_label("Article text").fill(XSS_TEXT)
    tab.get_by_label("Source (outlet)").fill("Brennock <b>Gazette</b>")
    tab.get_by_label("Title (default: the first line)").fill(title)
    tab.get_by_label("Date (YYYY-MM-DD)").fill("2024-06-07")
    tab.get_by_role("button", name="Add to the library").click()
    expect(tab.get_by_text("Added to the library", exact=False)).to_be_visible(timeout=CHECK_MS)
    expect(tab.get_by_text(title, exact=False)).to_be_visible()
    expect(tab.get_by_text("Brennock <b>Gazette</b>", exact=False)).to_be_visible()

    check(tab, server, "Eleven people attended the Brennock council meeting on Friday")
    card = tab.locator(".vf-card", has_text="Brennock <b>Gazette</b>").first
    expect(card).to_contain_text("Council notes <img src=x onerror=alert(1)>")
    # The card's own container (the innermost block holding it) has the toggle for the full article.
    box = tab.get_by_test_id("stVerticalBlock").filter(has=card).last
    box.get_by_text("Show the passage in the full article").click()
    article = tab.locator(".vf-article", has_text="Eleven people attended").first
    expect(article).to_contain_text(
        "Readers posted <script>alert('xss')</script> and <img src=x onerror=alert(1)>"
    )
    screenshot(tab, "check-markup-as-text")
    assert _no_injected_elements(tab)
    tab.wait_for_timeout(1000)  # an onerror handler would have fired by now
    assert dialogs == [], dialogs


def _no_injected_elements(tab: Page) -> Any:
    return tab.evaluate(
        """() => !document.querySelector('img[src="x"]')
                 && ![...document.scripts].some(s => s.textContent.includes("alert('xss')"))
                 && !document.querySelector('.vf-card b, .vf-article b')"""
    )


# -- offline --------------------------------------------------------------------------------------------

PAGES = (
    ("check", "Check a claim"),
    ("contradictions", "Contradictions"),
    ("compare", "Compare sources"),
    ("library", "Library"),
)
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def test_no_request_leaves_the_machine(server: str, page: tuple[Page, list[str]]) -> None:
    """Every font, icon and script of every page comes from the app's own server: it works offline."""
    tab, _ = page
    outside: list[str] = []
    tab.on(
        "request",
        lambda r: None if r.url.startswith((server, *LOCAL_SCHEMES)) else outside.append(r.url),
    )
    for path, heading in PAGES:
        open_page(tab, server, path, heading)
        tab.wait_for_timeout(500)  # late requests: favicon, fonts of the first paint
    assert outside == []
