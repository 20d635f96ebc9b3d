"""The whole pipeline on PostgreSQL gives what it gives on SQLite: the demo corpus ingested, scanned and
grouped (fake embedder) into one workspace per engine, compared row by row; a killed ingest resumes on
PostgreSQL too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from verifier.core.settings import STORE_ENV, Settings
from verifier.io.embed import FakeEmbedder
from verifier.io.importers import ColumnMapping
from verifier.io.store import CRASH_ENV
from verifier.services.workspace import Workspace

DATA = Path(__file__).resolve().parents[1] / "data"
FAKE_CLI = Path(__file__).parent / "fixtures" / "fake_cli.py"
CRASHED = 137  # the crash hook's exit status, as for kill -9
RUN_TIMEOUT_S = 300


def _run(settings: Settings) -> dict[str, Any]:
    with Workspace.open(settings, FakeEmbedder()) as ws:
        report = ws.ingest_paths([DATA], mapping=ColumnMapping())
        finished = ws.finish()
        return {
            "report": (report.articles_added, report.claims_added, report.claims_embedded),
            "scan": (finished.scan.claims_scanned, finished.scan.flagged) if finished.scan else None,
            "articles": ws.store.list_articles(),
            "sources": ws.store.sources_with_counts(),
            "claims": list(ws.store.iter_claims()),
            "pairs": [
                (c.id, c.relation, c.score, c.explanation, c.status) for c in ws.store.list_contradictions()
            ],
            "events": ws.store.list_events(),
            "unscanned": ws.store.count_unscanned(),
            "stale": ws.store.events_stale(),
        }


def test_the_pipeline_gives_the_same_on_postgresql_as_on_sqlite(postgres_url: str, tmp_path: Path) -> None:
    on_sqlite = _run(Settings(workspace=tmp_path / "sqlite"))
    on_postgres = _run(Settings(workspace=tmp_path / "postgres", store_url=postgres_url))
    assert on_sqlite["report"][0] > 10 and on_sqlite["pairs"] and on_sqlite["events"]
    for key in on_sqlite:
        assert on_postgres[key] == on_sqlite[key], key
    assert not (tmp_path / "postgres" / "verifier.sqlite3").exists()


def _ingest(workspace: Path, url: str, crash_at: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VERIFIER_TEST_BATCH_CLAIMS": "40", STORE_ENV: url}
    env.pop(CRASH_ENV, None)
    if crash_at:
        env[CRASH_ENV] = crash_at
    return subprocess.run(
        [sys.executable, str(FAKE_CLI), "--workspace", str(workspace), "ingest", str(DATA)],
        capture_output=True, text=True, env=env, timeout=RUN_TIMEOUT_S,
    )


@pytest.mark.slow
@pytest.mark.parametrize("step", ["store", "scan"])
def test_a_killed_ingest_on_postgresql_run_again_gives_the_clean_result(
    postgres_url: str, tmp_path: Path, step: str
) -> None:
    clean = _run(Settings(workspace=tmp_path / "clean"))
    assert _ingest(tmp_path / "ws", postgres_url, crash_at=step).returncode == CRASHED
    again = _ingest(tmp_path / "ws", postgres_url)
    assert again.returncode == 0, again.stderr
    assert "Finishing what an interrupted run left" in again.stdout
    assert not (tmp_path / "ws" / "verifier.sqlite3").exists()  # the runs wrote to the server
    with Workspace.open(Settings(workspace=tmp_path / "ws", store_url=postgres_url), FakeEmbedder()) as ws:
        assert not ws.unfinished().pending
        assert sorted(a.id for a in ws.store.list_articles()) == sorted(a.id for a in clean["articles"])
        assert sorted(c.id for _, c in ws.store.iter_claims()) == sorted(c.id for _, c in clean["claims"])
        assert sorted(
            (c.id, c.relation, c.score, c.explanation, c.status) for c in ws.store.list_contradictions()
        ) == sorted(clean["pairs"])
        assert ws.store.list_events() == clean["events"]
