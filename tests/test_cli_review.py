"""Reviewers from the command line, on SQLite and on PostgreSQL: `review --reviewer`, the optimistic check
(`--expect-revision`), `verifier log`, the store chosen by `--store` / $VERIFIER_STORE, and a second machine
that rebuilds its index from a shared PostgreSQL store (`doctor --rebuild`). The fake embedder throughout."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from verifier.core.records import Article, Contradiction, pair_id
from verifier.core.settings import REVIEWER_ENV, STORE_ENV, Settings
from verifier.io.embed import FakeEmbedder
from verifier.services.workspace import Workspace
from verifier.shells import cli

ARTICLES = [
    Article.create("A ferry capsized off Port Hale on Monday. Twelve passengers drowned.", source="Hale"),
    Article.create("A ferry sank near Port Hale on Monday. Nineteen passengers drowned.", source="Bay Radio"),
]


def _fake_open(settings: Settings, need_model: bool = True, resume: bool = True) -> Workspace:
    return Workspace.open(settings, FakeEmbedder(), resume=resume)


def _settings(folder: Path, target: str) -> Settings:
    return Settings(workspace=folder, store_url=target if target.startswith("postgresql://") else "")


def _ingest(settings: Settings) -> str:
    """The two articles stored and indexed, and one flagged pair between their second sentences."""
    with Workspace.open(settings, FakeEmbedder()) as ws:
        ws.ingest_articles(ARTICLES)
        a = ws.store.claims_of_article(ARTICLES[0].id)[1]
        b = ws.store.claims_of_article(ARTICLES[1].id)[1]
        lo, hi = sorted((a.id, b.id))
        pid = pair_id(lo, hi)
        ws.store.upsert_contradictions([Contradiction(pid, lo, hi, "conflict", 0.8, "12 vs 19 drowned")])
        return pid


@pytest.fixture
def desk(store_target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """invoke("log") against a workspace holding one flagged pair, on the engine of `store_target`."""
    monkeypatch.setattr(cli, "_open", _fake_open)
    monkeypatch.delenv(STORE_ENV, raising=False)
    settings = _settings(tmp_path / "ws", store_target)
    pid = _ingest(settings)
    extra = ["--store", settings.store_url] if settings.store_url else []

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli.main, ["--workspace", str(settings.workspace), *extra, *args])

    invoke.pair = pid  # type: ignore[attr-defined]
    yield invoke


def test_a_decision_names_its_reviewer_and_the_log_lists_it(desk: Any) -> None:
    pid = desk.pair
    assert desk("review", pid, "confirm", "--reviewer", "amira", "--note", "same ferry").output == (
        f"{pid}: confirmed (same ferry)\n"
    )
    assert desk("review", pid, "dismiss", "--reviewer", "ben", "--expect-revision", "1").exit_code == 0
    lines = desk("log").output.splitlines()
    assert len(lines) == 2
    assert lines[0].endswith(f"  amira  {pid}  new -> confirmed  (revision 1)  same ferry")
    assert lines[1].endswith(f"  ben  {pid}  confirmed -> dismissed  (revision 2)")
    assert [e["reviewer"] for e in json.loads(desk("log", "--reviewer", "ben", "--json").output)] == ["ben"]
    none = desk("log", "--pair", "0000000000000000").output
    assert none == "No review decisions logged for this selection.\n"
    assert len(desk("log", "--limit", "1").output.splitlines()) == 1


def test_the_reviewer_defaults_to_the_environment(desk: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REVIEWER_ENV, "night desk")
    desk("review", desk.pair, "confirm")
    [entry] = json.loads(desk("log", "--json").output)
    assert (entry["reviewer"], entry["new_status"], entry["outcome"]) == (
        "night desk", "confirmed", "applied"
    )


def test_a_pair_decided_since_it_was_read_is_refused_with_who_decided(desk: Any) -> None:
    pid = desk.pair
    desk("review", pid, "confirm", "--reviewer", "amira", "--expect-revision", "0")
    late = desk("review", pid, "dismiss", "--reviewer", "ben", "--expect-revision", "0")
    assert late.exit_code == 2
    assert late.output.startswith(
        f"Error: the pair {pid} changed since it was shown (revision 0, now 1): it is confirmed by amira at "
    )
    assert f"`verifier log --pair {pid}`" in late.output
    log = desk("log", "--pair", pid).output.splitlines()
    assert log[1].endswith(f"  ben  {pid}  confirmed -> dismissed  REFUSED: shown revision 0, changed since")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("review", "PAIR", "confirm", "--reviewer", " "), "Error: the reviewer name is empty"),
        (("review", "0000000000000000", "confirm"), "Error: no contradiction with id '0000000000000000'"),
    ],
)
def test_bad_review_input_is_one_line_and_exit_2(desk: Any, args: tuple[str, ...], message: str) -> None:
    result = desk(*[desk.pair if a == "PAIR" else a for a in args])
    assert result.exit_code == 2 and result.output.startswith(message)
    assert desk("log").output == "No review decisions logged yet.\n"


def test_an_unknown_store_url_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(STORE_ENV, "mysql://desk@localhost/checks")
    result = CliRunner().invoke(cli.main, ["--workspace", str(tmp_path / "ws"), "log"])
    assert result.exit_code == 2
    assert result.output == (
        "Error: unknown store mysql://: give a postgresql://user@host/db URL or a SQLite file path\n"
    )


def test_a_second_machine_rebuilds_its_index_from_the_shared_store(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_open", _fake_open)
    _ingest(_settings(tmp_path / "first", postgres_url))
    monkeypatch.setenv(STORE_ENV, postgres_url)  # the desk's store, named once in the environment
    other = ["--workspace", str(tmp_path / "second")]
    rebuilt = CliRunner().invoke(cli.main, [*other, "doctor", "--rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "done: rebuilt the index from the store: 4 claims" in rebuilt.output
    assert rebuilt.output.rstrip().endswith("OK: store and index agree")
    assert not (tmp_path / "second" / "verifier.sqlite3").exists()  # the store is the server's
    found = CliRunner().invoke(cli.main, [*other, "search", "Nineteen passengers", "--json"])
    hits = json.loads(found.output)
    assert hits[0]["source"] == "Bay Radio"


def test_conflicts_show_who_decided_a_pair_and_its_revision(desk: Any) -> None:
    pid = desk.pair
    assert f"{pid}  0.80  [new]  12 vs 19 drowned" in desk("conflicts").output
    desk("review", pid, "confirm", "--reviewer", "amira")
    assert f"{pid}  0.80  [confirmed by amira, revision 1]  12 vs 19 drowned" in desk("conflicts").output
