"""The model is warm before the first click: a fresh app server's first check shows its results without a
model-loading message (real Chromium through playwright, as tests/test_browser.py).

Each server is this module's own, so the check is the first of its process. With the int8 model (the
default) the user is given the 3 s of the issue's acceptance between the page having loaded and the click;
that model loads in well under a second, so it cannot show that the load happened before the click. The
torch model takes several seconds (~0.6 s against 5-15 s here), so its case can: without the warm-up at
page load, its first check always shows the loading spinner. How long the results take is measured by
`make bench`, never here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit_app import serving

from verifier.core.records import Article
from verifier.core.settings import Settings

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.model]

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(
        f"{CHROMIUM} is missing: install Debian chromium (scripts/ensure-chromium.sh)",
        allow_module_level=True,
    )

from playwright.sync_api import expect, sync_playwright  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LOADING = "Loading the language model"
# The user's time between the page having loaded and the first click: 3 s for the default model (issue 13:
# results within 3 s of the page having loaded); for torch, time for its load (13-18 s measured, issue 13).
READING_S = {"onnx-int8": 3.0, "torch": 45.0}
LOAD_MS = 60_000
RESULT_MS = 120_000  # generous: a slow machine must not fail this; a loading message still does

# Two reports of one invented ferry accident that disagree on the toll (written for this test).
ARTICLES = (
    Article.create(
        "Eight passengers died when the Marrow Point ferry capsized in the estuary on Monday, the harbour "
        "authority said. Divers recovered the last bodies in the evening.",
        source="Estuary Post",
        title="Ferry capsizes at Marrow Point",
        published="2026-03-02",
    ),
    Article.create(
        "Twelve passengers died when the Marrow Point ferry capsized in the estuary on Monday, according to "
        "the coast guard. The operator suspended its crossings.",
        source="Coastal Herald",
        title="Twelve dead in Marrow Point ferry accident",
        published="2026-03-02",
    ),
)
CLAIM = "Twelve passengers died when the Marrow Point ferry capsized"


@pytest.fixture(scope="module", params=sorted(READING_S))
def fresh_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """A new `streamlit run app.py` over a workspace of ARTICLES built with one embedder; yields its URL."""
    from verifier.services.scan import scan_new
    from verifier.services.workspace import Workspace

    tmp = tmp_path_factory.mktemp("warm")
    with Workspace.open(Settings(workspace=tmp / "ws", embedder=request.param)) as ws:
        ws.ingest_articles(list(ARTICLES))
        scan_new(ws)
    env = dict(os.environ, VERIFIER_WORKSPACE=str(tmp / "ws"), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    env.pop("VERIFIER_EMBEDDER", None)  # auto: the embedder that built the workspace
    with serving(env, tmp / "streamlit.log") as url:
        yield request.param, url


# Records every text the page ever shows that names the model loading, however briefly (a spinner).
WATCH_LOADING = f"""
window.__loading = [];
new MutationObserver(() => {{
  const text = document.body ? document.body.innerText : "";
  if (text.includes({LOADING!r})) window.__loading.push(Date.now());
}}).observe(document, {{childList: true, subtree: true, characterData: true}});
"""


def test_the_first_check_of_a_fresh_app_shows_results_without_loading_the_model(
    fresh_server: tuple[str, str],
) -> None:
    embedder, url = fresh_server
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        try:
            tab = browser.new_page()
            tab.add_init_script(WATCH_LOADING)
            tab.goto(url)
            heading = tab.get_by_role("heading", name="Check a claim", exact=True)
            expect(heading).to_be_visible(timeout=LOAD_MS)
            tab.get_by_label("Claim to check").fill(CLAIM)
            tab.wait_for_timeout(READING_S[embedder] * 1000)
            tab.get_by_role("button", name="Check", exact=True).click()
            expect(tab.get_by_role("heading", name="Conflicting (1)")).to_be_visible(timeout=RESULT_MS)
            expect(tab.locator(".vf-card").first).to_contain_text("Estuary Post")
            assert tab.evaluate("window.__loading.length") == 0, f"the page said '{LOADING}…'"
        finally:
            browser.close()
