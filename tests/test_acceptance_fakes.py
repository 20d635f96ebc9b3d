"""Issue 2 acceptance on a data set we did not write: FA-KES (804 rows, 15 repeating another row's text).

Skipped when ../shared is not beside the repository. Uses the real model: FA-KES is ~9.5k claims.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from verifier.core.settings import Settings
from verifier.services.workspace import Workspace
from verifier.shells.cli import main

FAKES = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes" / "FA-KES-Dataset.csv"

pytestmark = [
    pytest.mark.model,
    pytest.mark.slow,
    pytest.mark.skipif(not FAKES.exists(), reason=f"{FAKES} is not here (../shared missing)"),
]

# Our own paraphrase of a sentence in FA-KES row 1914947530 (the WHO on the April 2017 attack).
PARAPHRASE = (
    "The WHO said people hurt in the suspected chemical strike in Syria had signs of nerve gas poisoning"
)


def _fakes_row(unit_id: str) -> dict[str, str]:
    csv.field_size_limit(sys.maxsize)
    with FAKES.open(encoding="utf-8", newline="") as fh:
        return next(r for r in csv.DictReader(fh) if r["unit_id"] == unit_id)


@pytest.fixture(scope="module")
def fakes_workspace(fakes_ingested: tuple[Path, str]) -> tuple[Path, str]:
    return fakes_ingested  # one ingest per session, shared with tests/test_check_fakes.py


def test_fakes_stores_its_789_distinct_articles_and_says_15_repeat(fakes_workspace: tuple[Path, str]) -> None:
    ws_path, output = fakes_workspace
    assert "789 articles added" in output
    assert "15 repeat another input's text" in output
    with Workspace.open(Settings(workspace=ws_path)) as ws:
        assert ws.store.count_articles() == 789
        assert ws.doctor().ok


def test_a_paraphrase_finds_its_sentence_in_the_top_3(fakes_workspace: tuple[Path, str]) -> None:
    ws_path, _ = fakes_workspace
    row = _fakes_row("1914947530")
    # The embedder that built the workspace's index (the default for a new workspace), as a user's next
    # command would open it.
    with Workspace.open(Settings(workspace=ws_path)) as ws:
        hits = ws.search(PARAPHRASE, k=3)
    found = [h for h in hits if "nerve agent" in h.claim.text and "World Health Organization" in h.claim.text]
    assert found, [h.claim.text for h in hits]
    assert any(h.claim.text in row["article_content"] for h in found)


def test_ingesting_fakes_again_adds_nothing(fakes_workspace: tuple[Path, str]) -> None:
    ws_path, _ = fakes_workspace
    result = CliRunner().invoke(
        main,
        ["--workspace", str(ws_path), "ingest", str(FAKES), "--text-column", "article_content", "--no-scan"],
    )
    assert result.exit_code == 0, result.output
    assert "0 articles added, 0 claims" in result.output
    assert "789 already stored" in result.output
