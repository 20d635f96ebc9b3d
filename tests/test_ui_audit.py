"""Reviewers in the app: the reviewer field, the revision a card was shown at, a decision refused when the
pair changed since, and the audit view (pure functions, then the app itself through AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from verifier.core.errors import ConfigError
from verifier.core.records import Article, Contradiction, pair_id
from verifier.core.settings import REVIEWER_ENV, STORE_ENV, WORKSPACE_ENV, Settings
from verifier.io.embed import FakeEmbedder
from verifier.io.store import ReviewConflictError, open_store
from verifier.services.workspace import Workspace
from verifier.shells import ui_audit

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TIMEOUT = 120
ARTICLES = [
    Article.create("A ferry capsized off Port Hale on Monday. Twelve passengers drowned.", source="Hale"),
    Article.create("A ferry sank near Port Hale on Monday. Nineteen passengers drowned.", source="Bay Radio"),
]


def _workspace(folder: Path) -> tuple[Settings, str]:
    settings = Settings(workspace=folder)
    with Workspace.open(settings, FakeEmbedder()) as ws:
        ws.ingest_articles(ARTICLES)
        a = ws.store.claims_of_article(ARTICLES[0].id)[1]
        b = ws.store.claims_of_article(ARTICLES[1].id)[1]
        lo, hi = sorted((a.id, b.id))
        pid = pair_id(lo, hi)
        ws.store.upsert_contradictions([Contradiction(pid, lo, hi, "conflict", 0.8, "12 vs 19 drowned")])
    return settings, pid


def test_the_shown_revision_is_the_one_of_the_previous_run() -> None:
    state: dict[str, object] = {}
    pair = Contradiction("p1", "a", "b", "conflict", 0.5, "")
    assert ui_audit.shown_revision(state, pair) == 0  # first render: what it shows
    decided_meanwhile = Contradiction("p1", "a", "b", "conflict", 0.5, "", revision=1)
    # the click's rerun reads the pair afresh (revision 1), but the reviewer was looking at revision 0
    assert ui_audit.shown_revision(state, decided_meanwhile) == 0
    assert ui_audit.shown_revision(state, decided_meanwhile) == 1  # the next render showed revision 1


def test_decide_records_the_reviewer_and_refuses_a_stale_card(tmp_path: Path) -> None:
    settings, pid = _workspace(tmp_path / "ws")
    with Workspace.open(settings, FakeEmbedder()) as ws:
        assert ui_audit.decide(ws, pid, "confirm", "same ferry", "amira", 0).reviewer == "amira"
        with pytest.raises(ReviewConflictError, match="confirmed by amira"):
            ui_audit.decide(ws, pid, "dismiss", "", "ben", 0)
        with pytest.raises(ConfigError, match="Reviewer field"):
            ui_audit.decide(ws, pid, "dismiss", "", "  ", 1)
        frame = ui_audit.audit_frame(ws.store.review_log())
    assert list(frame.columns) == list(ui_audit.AUDIT_COLUMNS)
    assert frame[["Reviewer", "From", "To", "Outcome"]].values.tolist() == [  # latest first
        ["ben", "confirmed", "dismissed", "refused: changed since revision 0"],
        ["amira", "new", "confirmed", "revision 1"],
    ]


def test_the_app_records_the_reviewer_and_reports_a_decision_made_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, pid = _workspace(tmp_path / "ws")
    monkeypatch.setenv(WORKSPACE_ENV, str(settings.workspace))
    monkeypatch.delenv(STORE_ENV, raising=False)
    monkeypatch.setenv(REVIEWER_ENV, "desk login")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    pages = {info.get("url_pathname"): h for h, info in at._registered_pages.items()}
    at._page_hash = pages["contradictions"]
    at.run()
    assert not at.exception, at.exception
    assert at.text_input(key=ui_audit.REVIEWER_KEY).value == "desk login"  # the default, before typing
    at.text_input(key=ui_audit.REVIEWER_KEY).input("amira").run()
    at.selectbox(key="f_status").select("all").run()  # the card shows the pair at revision 0

    # another reviewer confirms the pair while this tab still shows it new
    with open_store(settings.store_path) as store:
        store.set_review(pid, "confirmed", "same ferry", reviewer="ben")
    at.button(key=f"dismiss-{pid}").click().run()
    assert not at.exception
    assert len(at.error) == 1 and "changed since it was shown" in at.error[0].value
    assert "confirmed by ben" in at.error[0].value

    # the page now shows ben's decision: deciding on it is deliberate, and applied
    at.button(key=f"dismiss-{pid}").click().run()
    assert not at.exception and not at.error
    with open_store(settings.store_path) as store:
        log = [(e.reviewer, e.old_status, e.new_status, e.outcome) for e in store.review_log(pair_id=pid)]
        assert store.get_contradiction(pid).reviewer == "amira"
    assert log == [
        ("ben", "new", "confirmed", "applied"),
        ("amira", "confirmed", "dismissed", "conflict"),  # refused: the pair was confirmed by then
        ("amira", "confirmed", "dismissed", "applied"),
    ]
    assert at.dataframe[0].value["Reviewer"].tolist() == ["amira", "amira", "ben"]  # the audit view
