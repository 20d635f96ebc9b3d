"""The shared app in a real browser (Debian chromium through playwright): `streamlit run app.py` with
sharing on and an accounts file. Every page shows only the login form; after signing in, a decision is
recorded, and shown, under the signed-in name; no request leaves the machine, the login page included.

The workspace is two short demo articles with one flagged pair, built with the fake embedder (no model).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit_app import serving

from verifier.core.records import Article, Contradiction, pair_id
from verifier.core.settings import Settings
from verifier.io import auth
from verifier.io.embed import FakeEmbedder
from verifier.services.workspace import Workspace

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(
        f"{CHROMIUM} is missing: install Debian chromium (scripts/ensure-chromium.sh) "
        "to run the browser tests",
        allow_module_level=True,
    )

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
LOAD_MS = 60_000
USER = "Amira <b>K</b>"  # markup in a name stays text
PASSWORD = "correct horse battery"
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def _workspace(folder: Path) -> Path:
    articles = [
        Article.create("A ferry capsized off Port Hale on Monday. Twelve passengers drowned.", source="Hale"),
        Article.create("A ferry sank near Port Hale on Monday. Nineteen passengers drowned.", source="Bay"),
    ]
    with Workspace.open(Settings(workspace=folder), FakeEmbedder()) as ws:
        ws.ingest_articles(articles)
        a = ws.store.claims_of_article(articles[0].id)[1]
        b = ws.store.claims_of_article(articles[1].id)[1]
        lo, hi = sorted((a.id, b.id))
        ws.store.upsert_contradictions(
            [Contradiction(pair_id(lo, hi), lo, hi, "conflict", 0.8, "12 vs 19 drowned")]
        )
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app shared (VERIFIER_SHARE=1) with one account, on 127.0.0.1; yields its base URL."""
    tmp = tmp_path_factory.mktemp("login")
    accounts = tmp / "accounts.toml"
    auth.add_account(accounts, USER, PASSWORD)
    env = dict(
        os.environ, VERIFIER_WORKSPACE=str(_workspace(tmp / "ws")), VERIFIER_SHARE="1",
        VERIFIER_ACCOUNTS=str(accounts), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
    )  # fmt: skip
    env.pop("VERIFIER_STORE", None)
    with serving(env, tmp / "streamlit.log") as url:
        yield url


@pytest.fixture()
def tab() -> Iterator[Page]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1366, "height": 1000})
        yield context.new_page()
        context.close()
        browser.close()


def settle(tab: Page) -> None:
    tab.wait_for_function(
        """() => !document.querySelector('[data-testid^="stStatusWidgetRunning"]')
                 && !document.querySelector('[data-testid="stSkeleton"]')""",
        timeout=LOAD_MS,
    )


def shows_only_the_login(tab: Page) -> None:
    expect(tab.get_by_role("heading", name="Sign in", exact=True)).to_be_visible(timeout=LOAD_MS)
    settle(tab)
    assert tab.get_by_role("heading", level=1).all_inner_texts() == ["Sign in"]
    expect(tab.get_by_test_id("stSidebarNav")).to_have_count(0)  # no page links
    expect(tab.get_by_label("Reviewer")).to_have_count(0)
    expect(tab.get_by_role("button", name="Confirm")).to_have_count(0)
    expect(tab.get_by_text("flagged pairs")).to_have_count(0)  # the sidebar's workspace status


def test_sign_in_and_decide_as_the_signed_in_user(server: str, tab: Page) -> None:
    outside: list[str] = []
    tab.on("request", lambda r: None if r.url.startswith((server, *LOCAL_SCHEMES)) else outside.append(r.url))
    for path in ("library", "compare", "contradictions"):
        tab.goto(f"{server}/{path}")
        shows_only_the_login(tab)

    tab.get_by_label("Name").fill(USER)
    tab.get_by_label("Password", exact=True).fill("not the password")
    tab.get_by_role("button", name="Sign in").click()
    expect(tab.get_by_text("Wrong name or password.")).to_be_visible(timeout=LOAD_MS)
    shows_only_the_login(tab)

    tab.get_by_label("Name").fill(USER)
    tab.get_by_label("Password", exact=True).fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab.get_by_role("heading", name="Contradictions", exact=True)).to_be_visible(timeout=LOAD_MS)
    settle(tab)
    expect(tab.get_by_text(f"Signed in as {USER}")).to_be_visible()
    expect(tab.get_by_label("Reviewer")).to_have_count(0)

    tab.locator('[class*="st-key-pair-"]').first.get_by_role("button", name="Confirm").click()
    expect(tab.get_by_text("Pair confirmed.")).to_be_visible(timeout=LOAD_MS)
    settle(tab)
    tab.get_by_role("combobox", name="Status").click()
    tab.get_by_role("option", name="confirmed", exact=True).click()
    settle(tab)
    note = tab.get_by_text(f"confirmed by {USER}", exact=False).first
    expect(note).to_be_visible(timeout=LOAD_MS)
    expect(tab.locator("b", has_text="K")).to_have_count(0)  # the name's markup is shown as text
    SHOTS.mkdir(parents=True, exist_ok=True)
    note.scroll_into_view_if_needed()
    tab.screenshot(path=str(SHOTS / "signed-in-decision.png"))
    print(f"screenshot: {SHOTS / 'signed-in-decision.png'}")

    tab.get_by_role("button", name="Sign out").click()
    shows_only_the_login(tab)
    assert outside == []  # the login page and the app load nothing from elsewhere
