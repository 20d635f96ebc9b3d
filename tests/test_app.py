"""The Streamlit app, page by page, with AppTest (no browser): main paths and the errors a user meets.

A small workspace is built once per session with the real model (four short demo articles written for these
tests, two of which disagree about a death toll); a test that changes it works on its own copy.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from verifier.core.records import Article
from verifier.core.settings import WORKSPACE_ENV, Settings

pytestmark = pytest.mark.model  # the app embeds with the real bundled model

APP = str(Path(__file__).resolve().parents[1] / "app.py")
# The first check in a session loads the model (~10 s with the torch import on 2 busy cores).
TIMEOUT = 180

# Demo text written for these tests: a fictional bridge collapse. Valley Herald and Northgate Times say
# 14 dead, Lakeside Courier says six: the conflict every page should surface.
DEMO = (
    Article.create(
        "DEMO TEXT for tests.\n\n"
        "At least 14 people were killed when the old road bridge in Brennock collapsed on Monday evening, "
        "police said. Rescue teams pulled nine survivors from the river overnight. "
        "The bridge carried about 3,000 vehicles a day.",
        source="Valley Herald",
        title="Fourteen killed as Brennock bridge collapses",
        url="https://demo.example/valley-herald/brennock",
        published="2024-06-04",
    ),
    Article.create(
        "DEMO TEXT for tests.\n\n"
        "Six people were killed when the old road bridge in Brennock collapsed on Monday evening, "
        "police said. "
        "Divers were still searching the river on Tuesday.",
        source="Lakeside Courier",
        title="Six dead in Brennock bridge collapse",
        url="https://demo.example/lakeside-courier/brennock",
        published="2024-06-04",
    ),
    Article.create(
        "DEMO TEXT for tests.\n\n"
        "Fourteen people died when the Brennock road bridge gave way on Monday evening, according to police. "
        "The mayor of Brennock ordered all other bridges in the town closed for inspection.",
        source="Northgate Times",
        title="Brennock mourns 14 after bridge gives way",
        url="https://demo.example/northgate-times/brennock",
        published="2024-06-04",
    ),
    Article.create(
        "DEMO TEXT for tests.\n\n"
        "A fire destroyed 12 market stalls in the town of Osterby on Saturday night, the fire brigade said. "
        "Nobody was hurt.",
        source="Valley Herald",
        title="Fire destroys Osterby market stalls",
        published="2024-05-18",
    ),
)
CLAIM = "At least 14 people were killed when the Brennock bridge collapsed"

XSS_TEXT = (
    "DEMO TEXT for tests. Readers posted <script>alert('xss')</script> and <img src=x onerror=alert(1)> "
    "under the story. Eleven people attended the Brennock council meeting on Friday."
)


def build_workspace(path: Path, articles: tuple[Article, ...] = DEMO) -> Path:
    """Ingest `articles` into a new workspace at `path`, scan it and group events, as the app does."""
    from verifier.services.events import build_events
    from verifier.services.scan import scan_new
    from verifier.services.workspace import Workspace

    with Workspace.open(Settings(workspace=path)) as ws:
        ws.ingest_articles(list(articles))
        scan_new(ws)
        build_events(ws)
    return path


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workspace(tmp_path_factory.mktemp("app") / "ws")


@pytest.fixture()
def app_workspace(demo_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the demo workspace, made the app's workspace."""
    path = tmp_path / "ws"
    shutil.copytree(demo_workspace, path, ignore=shutil.ignore_patterns(".lock"))
    monkeypatch.setenv(WORKSPACE_ENV, str(path))
    yield path


@pytest.fixture()
def empty_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "empty"
    monkeypatch.setenv(WORKSPACE_ENV, str(path))
    return path


def open_app(page: str = "") -> AppTest:
    """The app after its first run, on `page` (the url path: "", "contradictions", "compare", "library")."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    if page:
        # AppTest.switch_page only knows file pages; ours are functions registered by st.navigation, so
        # select the registered page by its url path (what clicking the sidebar link does).
        pages = {info.get("url_pathname"): h for h, info in at._registered_pages.items()}
        at._page_hash = pages[page]
        at.run()
        assert not at.exception, at.exception
    return at


def shown_text(markdown: str) -> str:
    """A message as the reader sees it: the Markdown escapes (ui.md_escape) removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def html_of(at: AppTest) -> str:
    return "\n".join(h.value for h in at.html)


# -- 1. Check a claim -----------------------------------------------------------------------------------


def test_check_shows_the_conflicting_source_with_figures_highlighted(app_workspace: Path) -> None:
    at = open_app()
    assert at.title[0].value == "Check a claim"
    at.text_area(key="claim_text").input(CLAIM)
    at.button[0].click().run()
    assert not at.exception and not at.error
    headers = [s.value for s in at.subheader]
    assert headers[0] == "Conflicting (1)"
    cards = [h.value for h in at.html if "vf-card" in h.value]
    conflicting = cards[0]
    assert "Lakeside Courier" in conflicting and "conflicts" in conflicting
    assert '<mark class="vf-figure"' in conflicting and ">Six</mark>" in conflicting
    assert any("Valley Herald" in c and "corroborates" in c for c in cards) or any(
        "Northgate Times" in c for c in cards
    )
    # The full article, on demand, with the passage marked in context.
    assert not [h for h in at.html if "vf-article" in h.value]
    at.toggle[0].set_value(True).run()
    article = next(h.value for h in at.html if "vf-article" in h.value)
    assert "Divers were still searching" in article
    assert '<mark class="vf-passage"' in article


def test_check_filters_keep_only_the_outlets_asked_for(app_workspace: Path) -> None:
    """The app's filters are the CLI's --source / --since / --until / --place (check.Scope)."""
    at = open_app()
    at.text_area(key="claim_text").input(CLAIM)
    at.multiselect(key="check_sources").select("Valley Herald")
    at.button[0].click().run()
    assert not at.exception and not at.error
    cards = [h.value for h in at.html if "vf-card" in h.value]
    assert cards and all("Valley Herald" in c for c in cards)
    at.multiselect(key="check_sources").unselect("Valley Herald")
    at.text_input(key="check_since").input("2099-01-01")
    at.button[0].click().run()
    assert not at.exception and not at.error
    assert not [h for h in at.html if "vf-card" in h.value]  # nothing was reported that late


def test_check_with_a_bad_date_says_how_to_write_it(app_workspace: Path) -> None:
    at = open_app()
    at.text_area(key="claim_text").input(CLAIM)
    at.text_input(key="claim_date").input("the day after")
    at.button[0].click().run()
    assert not at.exception and not at.subheader
    assert "write it as YYYY-MM-DD" in shown_text(at.error[0].value)


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        ("", "the claim is empty"),
        ("   \n ", "the claim is empty"),
        ("Six people died. " * 400, "characters long"),
    ],
)
def test_check_refuses_bad_claims_with_a_message(app_workspace: Path, claim: str, message: str) -> None:
    at = open_app()
    at.text_area(key="claim_text").input(claim)
    at.button[0].click().run()
    assert not at.exception
    assert len(at.error) == 1 and message in shown_text(at.error[0].value)
    assert not at.subheader


@pytest.mark.parametrize("page", ["", "contradictions", "compare", "library"])
def test_pages_say_nothing_is_ingested_yet(empty_workspace: Path, page: str) -> None:
    at = open_app(page)
    assert not at.exception and not at.error
    assert any("Nothing ingested yet" in i.value for i in at.info)


# -- 2. Contradictions ------------------------------------------------------------------------------------


def test_contradictions_confirm_with_a_note_persists(app_workspace: Path) -> None:
    at = open_app("contradictions")
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["New"]) >= 1 and metrics["Confirmed"] == "0"
    page = html_of(at)
    assert "Lakeside Courier" in page and "Valley Herald" in page or "Northgate Times" in page
    first = next(t for t in at.text_input if t.key and t.key.startswith("note-"))
    pair_id = first.key.removeprefix("note-")
    first.input("Six is the count of the first night; police later said 14.")
    at.button(key=f"confirm-{pair_id}").click().run()
    assert not at.exception and not at.error
    assert any("confirm" in s.value for s in at.success)
    assert {m.label: m.value for m in at.metric}["Confirmed"] == "1"

    # A new session (a reload) reads the decision back from the store.
    again = open_app("contradictions")
    assert {m.label: m.value for m in again.metric}["Confirmed"] == "1"
    again.selectbox(key="f_status").select("confirmed").run()
    assert f"note-{pair_id}" in [t.key for t in again.text_input]
    assert again.text_input(key=f"note-{pair_id}").value.startswith("Six is the count")
    assert "confirmed" in html_of(again)


def test_contradictions_dismiss_then_reopen(app_workspace: Path) -> None:
    at = open_app("contradictions")
    new = int({m.label: m.value for m in at.metric}["New"])
    pair_id = next(t.key for t in at.text_input if t.key and t.key.startswith("note-")).removeprefix("note-")
    at.text_input(key=f"note-{pair_id}").input("Two counts of different moments, not a contradiction.")
    at.button(key=f"dismiss-{pair_id}").click().run()
    assert {m.label: m.value for m in at.metric} == {"New": str(new - 1), "Confirmed": "0", "Dismissed": "1"}
    assert f"note-{pair_id}" not in [t.key for t in at.text_input]  # gone from the queue of new pairs
    at.selectbox(key="f_status").select("dismissed").run()
    at.button(key=f"reopen-{pair_id}").click().run()
    assert not at.exception and not at.error
    assert {m.label: m.value for m in at.metric}["New"] == str(new)


def test_contradictions_filters(app_workspace: Path) -> None:
    at = open_app("contradictions")
    pairs = len([t for t in at.text_input if t.key and t.key.startswith("note-")])
    assert pairs >= 1
    at.selectbox(key="f_source").select("Lakeside Courier").run()
    assert len([t for t in at.text_input if t.key and t.key.startswith("note-")]) >= 1
    at.selectbox(key="f_measure").select("killed").run()
    assert len([t for t in at.text_input if t.key and t.key.startswith("note-")]) >= 1
    at.selectbox(key="f_measure").select("arrested").run()
    assert any("No flagged pair matches" in i.value for i in at.info)
    at.selectbox(key="f_measure").select(None).run()
    at.slider(key="f_score").set_value(1.0).run()
    assert any("No flagged pair matches" in i.value for i in at.info) or all(
        "score 1.00" in h.value for h in at.html if "score " in h.value
    )
    at.slider(key="f_score").set_value(0.0)
    at.selectbox(key="f_status").select("dismissed").run()
    assert any("No flagged pair matches" in i.value for i in at.info)


def test_contradictions_bulk_dismiss_with_a_reason(
    app_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from verifier.services.workspace import Workspace

    monkeypatch.setenv("VERIFIER_REVIEWER", "noor")
    at = open_app("contradictions")
    assert "calibrated probability" in html_of(at)  # the legend, with the score's meaning
    group = at.selectbox(key="f_group_incident")
    group.select_index(next(i for i, label in enumerate(group.options) if "Brennock" in label)).run()
    pairs = [t.key.removeprefix("note-") for t in at.text_input if t.key and t.key.startswith("note-")]
    assert len(pairs) == 2
    at.button(key="sel_page").click().run()
    at.selectbox(key="bulk_reason").select("different incident").run()
    at.text_input(key="bulk_note").input("the Lakeside piece counts the first night").run()
    at.button(key="bulk_dismiss").click().run()
    assert not at.exception and not at.error
    assert any("2 pairs dismissed." in s.value for s in at.success)
    assert {m.label: m.value for m in at.metric}["Dismissed"] == "2"
    with Workspace.open(Settings(workspace=app_workspace)) as ws:
        for pid in pairs:
            pair = ws.store.get_contradiction(pid)
            assert pair.status == "dismissed" and pair.reviewer == "noor"
            assert pair.note == "different incident: the Lakeside piece counts the first night"


def test_contradictions_grouped_by_article_pair(app_workspace: Path) -> None:
    at = open_app("contradictions")
    at.get("button_group")[0].set_value("article pair").run()
    assert not at.exception
    labels = at.selectbox(key="f_group_article_pair").options
    assert labels[0] == "all 2 article pairs"
    assert all("↔" in label and "Lakeside Courier" in label for label in labels[1:])
    assert all(label.endswith("— 1 pair: 1 new") for label in labels[1:])


# -- 3. Compare sources -----------------------------------------------------------------------------------


def test_compare_shows_the_table_chart_and_downloads(app_workspace: Path) -> None:
    at = open_app("compare")
    assert not at.error
    # The bridge collapse (three articles, three sources) comes first; the market fire has one article.
    assert "Brennock" in at.selectbox(key="cmp_event").options[0]
    tables = [h.value for h in at.get("html") if 'class="vf-compare"' in h.value]
    assert len(tables) == 1
    assert "<th>Valley Herald</th>" in tables[0] and "<th>Lakeside Courier</th>" in tables[0]
    assert "14" in tables[0]
    behind = "\n".join(h.value for h in at.expander[0].get("html"))
    assert 'title="figure">Six</mark>' in behind and "Lakeside Courier" in behind
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
    labels = [d.label for d in at.get("download_button")]
    assert labels == ["CSV", "Excel", "JSON", "ClaimReview"]


# -- 4. Library -------------------------------------------------------------------------------------------


def test_library_paste_adds_an_article_and_shows_its_text_escaped(app_workspace: Path) -> None:
    at = open_app("library")
    at.text_area(key="paste_text").input(XSS_TEXT)
    at.text_input(key="paste_source").input("Brennock <b>Gazette</b>")
    at.text_input(key="paste_title").input("Council <img src=x onerror=alert(1)>")
    at.text_input(key="paste_date").input("2024-06-07")
    at.button[0].click().run()
    assert not at.exception and not at.error
    assert at.success and "Added to the library" in at.success[0].value
    shown = html_of(at)
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown and "<img" not in shown
    assert "Brennock &lt;b&gt;Gazette&lt;/b&gt;" in shown
    sources = at.dataframe[0].value
    assert "Brennock <b>Gazette</b>" in sources["source"].tolist()


@pytest.mark.parametrize(
    ("text", "date", "message"),
    [
        ("", "", "The text is empty"),
        ("Eleven people attended the meeting on Friday.", "next Friday", "is not understood"),
    ],
)
def test_library_paste_errors(app_workspace: Path, text: str, date: str, message: str) -> None:
    at = open_app("library")
    at.text_area(key="paste_text").input(text)
    at.text_input(key="paste_date").input(date)
    at.button[0].click().run()
    assert not at.exception
    assert len(at.error) == 1 and message in shown_text(at.error[0].value)


def test_library_upload_csv_with_column_mapping(app_workspace: Path) -> None:
    at = open_app("library")
    csv_data = (
        b"headline,body,outlet,when\n"
        b'"Osterby stalls rebuilt","DEMO TEXT for tests. Traders reopened 12 rebuilt stalls in Osterby on '
        b'Monday, the council said.",Valley Herald,2024-06-10\n'
    )
    at.file_uploader(key="upload_files").set_value(("stalls.csv", csv_data, "text/csv")).run()
    assert at.selectbox(key="map_text").value == "body"
    assert at.selectbox(key="map_title").value == "headline"
    assert at.selectbox(key="map_source").value == "outlet"
    at.selectbox(key="map_date").select("when")
    at.button(key="upload_go").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("1 articles added" in s.value for s in at.success)


def test_library_upload_unreadable_file_names_it(app_workspace: Path) -> None:
    at = open_app("library")
    binary = b"\x00\x01\x02\xff\xfe binary"
    at.file_uploader(key="upload_files").set_value(("notes.txt", binary, "text/plain"))
    at.run()
    at.button(key="upload_go").click().run()
    assert not at.exception
    assert len(at.error) == 1
    message = shown_text(at.error[0].value)
    assert message.startswith("notes.txt:") and "verifier-upload" not in message


def test_library_upload_keeps_good_files_when_one_is_bad(app_workspace: Path) -> None:
    at = open_app("library")
    good = (
        b"---\ntitle: Osterby ferry delayed\nsource: Harbour Lantern\ndate: 2024-06-12\n---\n"
        b"DEMO TEXT for tests. The Osterby ferry left 40 minutes late on Wednesday, the operator said.\n"
    )
    at.file_uploader(key="upload_files").set_value(
        [("ferry.md", good, "text/markdown"), ("empty.txt", b"", "text/plain")]
    ).run()
    at.button(key="upload_go").click().run()
    assert not at.exception
    assert [shown_text(s.value).split(":")[0] for s in at.success] == ["ferry.md"]
    assert [shown_text(e.value).split(":")[0] for e in at.error] == ["empty.txt"]
    assert "Harbour Lantern" in at.dataframe[0].value["source"].tolist()


def test_library_lists_sources_and_deletes_an_article(app_workspace: Path) -> None:
    at = open_app("library")
    sources = at.dataframe[0].value
    assert sources.set_index("source").loc["Valley Herald", "articles"] == 2
    at.selectbox(key="lib_source").select("Lakeside Courier").run()
    articles = at.dataframe[1].value
    assert articles["title"].tolist() == ["Six dead in Brennock bridge collapse"]
    assert at.button(key="lib_delete").disabled  # nothing is deleted by a stray click
    at.checkbox(key="lib_delete_sure").check().run()
    at.button(key="lib_delete").click().run()
    assert not at.exception and not at.error
    assert any("Deleted the article" in s.value for s in at.success)
    assert "Lakeside Courier" not in at.dataframe[0].value["source"].tolist()
