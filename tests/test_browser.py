"""End to end in a real browser: `streamlit run app.py` driven by Debian chromium through playwright.

One server per module on a free port, over a temporary workspace holding the demo articles of test_app.py
(a bridge collapse where one outlet says six dead and two say 14) and those below (a warehouse fire three
outlets count differently, a flood whose one flagged pair the desk has confirmed). The review tests work
on their own incident or read counts before and after, so they pass in any order and alone. Each test
saves a screenshot under test-artifacts/screenshots/ and prints where.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit_app import serving
from test_app import CLAIM, DEMO, XSS_TEXT, build_workspace

from verifier.core.records import Article
from verifier.core.settings import Settings

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
LOAD_MS = 60_000
CHECK_MS = 180_000
VIEWPORT = {"width": 1366, "height": 1100}
REVIEWER = "browser-test"


def _demo(text: str, source: str, title: str, url: str, published: str) -> Article:
    return Article.create(f"DEMO TEXT for tests.\n\n{text}", source=source, title=title, url=url,
                          published=published)


# Written for these tests: three counts of one warehouse fire (three flagged pairs), two of one flood.
FIRE = (
    _demo("Four workers were killed when a fire swept through a paint warehouse in Tarnwick on Thursday "
          "night, the fire service said. The roof collapsed before dawn.", "Tarnwick Echo",
          "Four dead in Tarnwick warehouse fire", "https://demo.example/tarnwick-echo/fire", "2024-03-08"),
    _demo("Nine workers were killed when a fire swept through a paint warehouse in Tarnwick on Thursday "
          "night, according to the fire service. Smoke closed the ring road.", "Fenmoor Daily",
          "Tarnwick warehouse blaze kills nine", "https://demo.example/fenmoor-daily/fire", "2024-03-08"),
    _demo("Eleven workers were killed when a fire swept through a paint warehouse in Tarnwick on Thursday "
          "night, the fire service said. Investigators are looking at the wiring.", "Marsh Gazette",
          "Eleven killed in Tarnwick fire", "https://demo.example/marsh-gazette/fire", "2024-03-08"),
)
FLOOD = (
    _demo("Three people were killed when the Orrin river burst its banks at Keldby on Sunday, the county "
          "council said.", "Keldby Post", "Orrin floods Keldby", "https://demo.example/keldby-post/flood",
          "2023-11-12"),
    _demo("Five people were killed when the Orrin river burst its banks at Keldby on Sunday, the county "
          "council said.", "Northgate Times", "Five drown as the Orrin floods Keldby",
          "https://demo.example/northgate-times/flood", "2023-11-12"),
)
FLOOD_URLS = {a.url for a in FLOOD}


def _review_workspace(path: Path) -> Path:
    """The demo workspace with the fire and the flood; the flood's pair confirmed by the desk."""
    from verifier.services.workspace import Workspace

    build_workspace(path, DEMO + FIRE + FLOOD)
    with Workspace.open(Settings(workspace=path)) as ws:
        flood = {a.id for a in FLOOD}
        for c in ws.store.list_contradictions():
            if {ws.store.get_claim(c.claim_a)[1].id, ws.store.get_claim(c.claim_b)[1].id} == flood:
                ws.store.set_review(c.id, "confirmed", "council figures checked", reviewer="desk")
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run app.py` on 127.0.0.1 over a fresh demo workspace; yields its base URL."""
    tmp = tmp_path_factory.mktemp("browser")
    workspace = _review_workspace(tmp / "ws")
    env = dict(os.environ, VERIFIER_WORKSPACE=str(workspace), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               VERIFIER_REVIEWER=REVIEWER)
    with serving(env, tmp / "streamlit.log") as url:
        yield url


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


# How long a first key press may take to show before it is taken as lost (pressed before the listener).
KEY_RETRY_MS = 15_000


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
    # The summary's counts link to the passages they count.
    tab.locator('a[title="go to the related passages"]').click()
    expect(tab.get_by_role("heading", name="Related (", exact=False)).to_be_in_viewport()
    tab.locator('a[title="go to the conflicting passages"]').click()
    expect(tab.get_by_role("heading", name="Conflicting (1)")).to_be_in_viewport()
    tab.get_by_text("Show the passage in the full article").first.click()
    expect(tab.locator(".vf-article mark.vf-passage").first).to_contain_text("Six people were killed")
    screenshot(tab, "check")
    assert dialogs == []


def pick(tab: Page, label: str, contains: str) -> None:
    """Pick the first option holding `contains` in the Streamlit selectbox labelled `label`."""
    tab.get_by_role("combobox", name=label).click()
    tab.get_by_role("option").filter(has_text=contains).first.click()
    settle(tab)


def cards(tab: Page) -> Any:
    """The pair cards of the Contradictions page (containers keyed pair-<id>, -focus on the focused one)."""
    return tab.locator('[class*="st-key-pair-"]')


def group(tab: Page, name: str) -> None:
    """Narrow the queue to the incident `name` and wait until every card shown is of it."""
    pick(tab, "Group", name)
    expect(cards(tab).filter(has_not_text=name)).to_have_count(0, timeout=LOAD_MS)
    expect(cards(tab).first).to_be_visible()
    settle(tab)


def pair_id_of(card: Any) -> str:
    found = re.search(r"st-key-pair-([0-9a-f]+)", card.get_attribute("class") or "")
    assert found, card.get_attribute("class")
    return found.group(1)


def metric(tab: Page, label: str) -> int:
    value = tab.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")
    return int(value.inner_text())


def reload_contradictions(tab: Page) -> None:
    tab.reload()
    expect(tab.get_by_role("heading", name="Contradictions", exact=True)).to_be_visible(timeout=LOAD_MS)
    settle(tab)


def test_confirm_a_contradiction_and_it_persists_after_reload(
    server: str, page: tuple[Page, list[str]]
) -> None:
    tab, _ = page
    open_page(tab, server, "contradictions", "Contradictions")
    group(tab, "Brennock")
    card = cards(tab).first
    expect(card.get_by_role("button", name="Confirm")).to_be_visible()
    pair = pair_id_of(card)
    note = "Checked with the police statement: 14 is right."
    card.get_by_label("Note", exact=True).fill(note)
    card.get_by_label("Note", exact=True).press("Enter")
    settle(tab)
    cards(tab).first.get_by_role("button", name="Confirm").click()
    expect(tab.get_by_text("Pair confirmed.")).to_be_visible(timeout=LOAD_MS)

    reload_contradictions(tab)
    select(tab, "Status", "confirmed")
    card = tab.locator(f'[class*="st-key-pair-{pair}"]')
    expect(card.get_by_label("Note", exact=True)).to_have_value(note)
    expect(card.locator(".vf-badge", has_text="confirmed")).to_be_visible()
    expect(card.get_by_text(f"confirmed by {REVIEWER}", exact=False)).to_be_visible()


def test_the_legend_says_what_colours_badges_and_score_mean(
    server: str, page: tuple[Page, list[str]]
) -> None:
    tab, _ = page
    open_page(tab, server, "contradictions", "Contradictions")
    legend = tab.locator(".vf-legend")
    expect(legend).to_be_visible()
    for words in ("new", "confirmed", "dismissed", "conflicts", "corroborates", "what is counted",
                  "who says so", "calibrated probability that the label on the badge is right"):
        expect(legend).to_contain_text(words)
    expect(cards(tab).first.locator(".vf-score")).to_contain_text("probability the label is right")
    screenshot(tab, "contradictions")


def test_open_an_article_from_a_contradiction(server: str, page: tuple[Page, list[str]]) -> None:
    tab, _ = page
    open_page(tab, server, "contradictions", "Contradictions")
    select(tab, "Status", "all")
    group(tab, "Brennock")
    card = cards(tab).first
    card.get_by_text("Open the Lakeside Courier article").click()
    article = card.locator(".vf-article")
    expect(article).to_be_visible(timeout=LOAD_MS)
    expect(article).to_contain_text("Divers were still searching the river on Tuesday.")  # the whole article
    passage = article.locator("mark.vf-passage")
    expect(passage).to_contain_text("Six people were killed")
    expect(passage.locator("mark.vf-figure").first).to_have_text("Six")


def test_bulk_dismiss_three_pairs_with_a_reason_persists_after_reload(
    server: str, page: tuple[Page, list[str]]
) -> None:
    tab, _ = page
    open_page(tab, server, "contradictions", "Contradictions")
    select(tab, "Status", "all")
    group(tab, "Tarnwick")
    expect(cards(tab)).to_have_count(3)
    tab.get_by_role("button", name="Select this page").click()
    settle(tab)
    pick(tab, "Reason for dismissing", "different incident")
    tab.get_by_label("Note for the selected pairs").fill("three fires on one night, not one")
    tab.get_by_label("Note for the selected pairs").press("Enter")
    settle(tab)
    tab.get_by_role("button", name="Dismiss selected (3)").click()
    expect(tab.get_by_text("3 pairs dismissed.")).to_be_visible(timeout=LOAD_MS)

    reload_contradictions(tab)
    assert metric(tab, "Dismissed") == 3
    select(tab, "Status", "dismissed")
    group(tab, "Tarnwick")
    expect(cards(tab)).to_have_count(3)
    for i in range(3):
        card = cards(tab).nth(i)
        expect(card.locator(".vf-badge", has_text="dismissed")).to_be_visible()
        expect(card).to_contain_text(f"dismissed by {REVIEWER}")
        expect(card).to_contain_text("different incident: three fires on one night, not one")


def test_confirm_with_the_keyboard_only(server: str, page: tuple[Page, list[str]]) -> None:
    tab, _ = page
    open_page(tab, server, "contradictions", "Contradictions")
    select(tab, "Status", "all")  # every pair stays in the queue, whatever the other tests decided
    expect(tab.get_by_text("Reviewing pair 1:", exact=False)).to_be_visible()
    # The key listener is attached by a component once the page's script run is over: wait for that run
    # before the first key, or the key can fall on a page that does not listen yet; and take the focus off
    # the status box only then, so that the keys go to the page. Under load the first key can still come
    # before the listener (CI, 1 run in several): one more press, only while pair 1 is still shown.
    settle(tab)
    tab.evaluate("() => document.activeElement && document.activeElement.blur()")
    tab.keyboard.press("n")
    try:
        expect(tab.get_by_text("Reviewing pair 2:", exact=False)).to_be_visible(timeout=KEY_RETRY_MS)
    except AssertionError:
        expect(tab.get_by_text("Reviewing pair 1:", exact=False)).to_be_visible()
        settle(tab)
        tab.keyboard.press("n")
    expect(tab.get_by_text("Reviewing pair 2:", exact=False)).to_be_visible(timeout=LOAD_MS)
    settle(tab)
    pair = pair_id_of(tab.locator('[class*="st-key-pair-"][class*="-focus"]'))
    tab.keyboard.press("y")
    expect(tab.get_by_text("Pair confirmed.")).to_be_visible(timeout=LOAD_MS)
    settle(tab)
    reload_contradictions(tab)
    select(tab, "Status", "confirmed")
    card = tab.locator(f'[class*="st-key-pair-{pair}"]')
    expect(card.locator(".vf-badge", has_text="confirmed")).to_be_visible()
    expect(card).to_contain_text(f"confirmed by {REVIEWER}")


def download(tab: Page, label: str, target: Path) -> Path:
    with tab.expect_download(timeout=LOAD_MS) as info:
        tab.get_by_test_id("stDownloadButton").get_by_role("button", name=label, exact=True).click()
    path = target / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_download_each_export_with_its_urls(
    server: str, page: tuple[Page, list[str]], tmp_path: Path
) -> None:
    tab, _ = page
    open_page(tab, server, "compare", "Compare sources")
    pick(tab, "Event", "Brennock")
    expect(tab.locator("table.vf-compare")).to_be_visible()
    expect(tab.locator("table.vf-compare th", has_text="Lakeside Courier")).to_be_visible()
    expect(tab.get_by_test_id("stVegaLiteChart")).to_be_visible()
    screenshot(tab, "compare")
    bridge = {a.url for a in DEMO if "brennock" in a.url}

    csv_file = download(tab, "CSV", tmp_path)
    assert csv_file.suffix == ".csv"
    frame = pd.read_csv(csv_file)
    assert {"source", "figure", "measure", "url", "review_status"} <= set(frame.columns)
    assert set(frame["url"]) == bridge
    lakeside = frame[frame["source"] == "Lakeside Courier"]
    assert lakeside["figure"].astype(str).str.contains("Six", case=False).any()

    sheet = pd.read_excel(io.BytesIO(download(tab, "Excel", tmp_path).read_bytes()))
    assert set(sheet["url"]) == bridge

    records = json.loads(download(tab, "JSON", tmp_path).read_text(encoding="utf-8"))
    assert {r["url"] for r in records} == bridge

    reviews = json.loads(download(tab, "ClaimReview", tmp_path).read_text(encoding="utf-8"))
    assert reviews, "the desk's confirmed flood pair is published"
    assert all(r["@type"] == "ClaimReview" for r in reviews)
    flood = [r for r in reviews if r["itemReviewed"]["appearance"][0]["url"] in FLOOD_URLS]
    assert len(flood) == 1 and flood[0]["isBasedOn"] in FLOOD_URLS


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
