"""A killed ingest heals itself: `verifier ingest` killed at five moments of its run, then the same command
run again (no `doctor`), must leave exactly what a clean run leaves.

The moments come from the package's test hook VERIFIER_TEST_CRASH_AT (the process exits on the spot, as
kill -9 would): while embedding, after a store commit, after the index save, during the scan, before the
grouping. The fake embedder keeps the five runs fast; one real-model case runs the real console script.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from verifier.core.settings import Settings
from verifier.io.embed import FakeEmbedder
from verifier.io.index import VectorIndex
from verifier.io.store import CRASH_ENV, CRASH_STEPS
from verifier.services.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data"
FAKE_CLI = Path(__file__).parent / "fixtures" / "fake_cli.py"
REAL_CLI = Path(sys.executable).with_name("verifier")
# Claims per ingest batch in the fake runs: the demo corpus (220 claims) is stored in several commits,
# so a kill after a commit leaves some articles stored and the rest not.
BATCH_CLAIMS = "40"
# Exit status of the crash hook (os._exit), the shell's status for a process killed by signal 9.
CRASHED = 137
RUN_TIMEOUT_S = 300


def ingest(
    workspace: Path, crash_at: str | None = None, real: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VERIFIER_TEST_BATCH_CLAIMS": BATCH_CLAIMS}
    env.pop(CRASH_ENV, None)
    if crash_at:
        env[CRASH_ENV] = crash_at
    command = [str(REAL_CLI)] if real else [sys.executable, str(FAKE_CLI)]
    return subprocess.run(
        [*command, "--workspace", str(workspace), "ingest", str(DEMO)],
        capture_output=True, text=True, env=env, timeout=RUN_TIMEOUT_S, cwd=ROOT,
    )


def snapshot(workspace: Path, real: bool = False) -> dict[str, Any]:
    """Everything a fact-checker sees of a workspace, without the times and rowids a run sets."""
    embedder = None if real else FakeEmbedder()
    with Workspace.open(Settings(workspace=workspace), embedder, resume=False) as ws:
        left = ws.unfinished()
        rowids = sorted(ws.store.all_claim_rowids())
        assert sorted(VectorIndex.load(ws.settings.index_path).ids().tolist()) == rowids
        return {
            "articles": sorted(a.id for a in ws.store.list_articles()),
            "claims": sorted(c.id for _, c in ws.store.iter_claims()),
            "unscanned": len(ws.store.unscanned_claim_rowids()),
            "flags": sorted(
                (c.id, c.relation, c.score, c.explanation) for c in ws.store.list_contradictions()
            ),
            "events": sorted((e.id, e.label, tuple(sorted(e.claim_ids))) for e in ws.store.list_events()),
            "unfinished": (left.pending, left.index_behind, left.events_stale),
        }


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    workspace = tmp_path_factory.mktemp("clean") / "ws"
    run = ingest(workspace)
    assert run.returncode == 0, run.stderr
    found = snapshot(workspace)
    assert found["flags"] and len(found["events"]) > 1 and found["unscanned"] == 0
    return found


@pytest.mark.slow
@pytest.mark.parametrize("step", CRASH_STEPS)
def test_a_killed_ingest_run_again_gives_the_clean_result(
    tmp_path: Path, clean: dict[str, Any], step: str
) -> None:
    workspace = tmp_path / "ws"
    killed = ingest(workspace, crash_at=step)
    assert killed.returncode == CRASHED, killed.stderr
    again = ingest(workspace)
    assert again.returncode == 0, again.stderr
    if step != "embed":  # a kill while embedding the first batch leaves nothing to finish
        assert "Finishing what an interrupted run left" in again.stdout
    assert snapshot(workspace) == clean


@pytest.mark.slow
def test_a_reader_after_the_kill_finishes_the_run(tmp_path: Path, clean: dict[str, Any]) -> None:
    workspace = tmp_path / "ws"
    assert ingest(workspace, crash_at="scan").returncode == CRASHED
    with Workspace.open(Settings(workspace=workspace), FakeEmbedder()) as ws:  # what the app does
        assert ws.resumed is not None and ws.resumed.scan is not None
        assert ws.resumed.summary().startswith("Finished what an interrupted run left: scanned 220 claims")
    assert snapshot(workspace) == clean


@pytest.mark.slow
@pytest.mark.model
def test_the_real_console_script_heals_a_kill_after_the_store_commit(tmp_path: Path) -> None:
    clean_ws, killed_ws = tmp_path / "clean", tmp_path / "killed"
    assert ingest(clean_ws, real=True).returncode == 0
    assert ingest(killed_ws, crash_at="store", real=True).returncode == CRASHED
    again = ingest(killed_ws, real=True)
    assert again.returncode == 0, again.stderr
    assert "Finishing what an interrupted run left: claims without vectors" in again.stdout
    assert snapshot(killed_ws, real=True) == snapshot(clean_ws, real=True)
