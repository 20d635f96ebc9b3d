"""`verifier ingest` as one run of the ingest pipeline: what an interrupted run left is named first and
finished with the new articles (one scan, one grouping); the progress bar counts articles only; and the
Ray engine prints what the single process prints. Through CliRunner, with the fake embedder."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from verifier.core.records import Article
from verifier.core.settings import Settings
from verifier.io.embed import FakeEmbedder
from verifier.services.workspace import Workspace
from verifier.shells import cli

# Written for these tests: two reports of one ferry sinking, and a later one.
FERRY = [
    Article.create(
        "A ferry sank off Port Tamsin on Sunday. Fourteen passengers drowned, the coastguard said.",
        title="Ferry sinks off Port Tamsin", source="Tamsin Echo", published="2024-05-12",
    ),
    Article.create(
        "A ferry went down near Port Tamsin on Sunday. Twenty-two passengers drowned, officials said.",
        title="Twenty-two drown as ferry goes down", source="Harbour Radio", published="2024-05-12",
    ),
]
LATER = Article.create(
    "Divers recovered the ferry's hull near Port Tamsin on Tuesday. The inquiry opens next month.",
    title="Ferry hull recovered", source="Tamsin Echo", published="2024-05-14",
)
SECONDS = re.compile(r" in [0-9.]+ s\.")


def _write(folder: Path, articles: list[Article]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, a in enumerate(articles):
        front = f"---\ntitle: {a.title}\nsource: {a.source}\ndate: {a.published}\n---\n"
        (folder / f"{i:02d}.md").write_text(front + a.text + "\n", encoding="utf-8")
    return folder


def _open_fake(settings: Settings, need_model: bool = True, resume: bool = True) -> Workspace:
    return Workspace.open(settings, FakeEmbedder(), resume=resume)


@pytest.fixture
def ingest(monkeypatch: pytest.MonkeyPatch) -> Any:
    """ingest(workspace, *args): `verifier --workspace WS ingest ARGS` on the fake embedder."""
    monkeypatch.setattr(cli, "_open", _open_fake)

    def invoke(workspace: Path, *args: str) -> Result:
        return CliRunner().invoke(cli.main, ["--workspace", str(workspace), "ingest", *args])

    return invoke


def test_what_a_run_left_is_named_then_finished_with_the_new_articles(ingest: Any, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    with Workspace.open(Settings(workspace=workspace), FakeEmbedder(), resume=False) as ws:
        ws.ingest_articles(FERRY)  # stored, never scanned nor grouped: as a run killed after its writes
    result = ingest(workspace, str(_write(tmp_path / "later", [LATER])))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Finishing what an interrupted run left: 4 claims not scanned for contradictions, the events do not "
        "include the latest claims."
    )
    assert lines[1].startswith("1 articles added, 2 claims")
    # one scan of the claims left and the new ones together, then one grouping
    assert len(lines) == 4
    assert lines[2].startswith("Scanned 6 claims (")
    assert re.fullmatch(r"Grouped the articles into \d+ events\.", lines[3])


def test_the_progress_bar_counts_the_articles_only(ingest: Any, tmp_path: Path) -> None:
    result = ingest(tmp_path / "ws", str(_write(tmp_path / "in", FERRY)))
    assert result.exit_code == 0, result.output
    drawn = [line.strip() for line in result.stderr.replace("\r", "\n").splitlines() if line.strip()]
    assert drawn and all(line.startswith("ingest:") for line in drawn)
    assert any("2/2" in line for line in drawn)
    assert not any("0/0" in line for line in drawn)  # the pipeline's stage start opens no bar
    assert "Scanned 4 claims" in result.stdout


def test_an_input_that_cannot_be_read_stops_before_the_scan(ingest: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": \n', encoding="utf-8")
    result = ingest(tmp_path / "ws", str(bad))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: bad.jsonl line 1 is not valid JSON (Expecting value); fix or remove it and import again.\n"
    )


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    ray = pytest.importorskip("ray", reason="the Ray engine's tests need the ray extra (in .[dev])")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.mark.slow
def test_the_ray_engine_prints_what_the_single_process_prints(
    ingest: Any, local_ray: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from verifier.services import ray_ingest

    # the actors embed with the fake embedder too (the workspace's, by name)
    monkeypatch.setattr(ray_ingest, "_default_factory", lambda settings, name: FakeEmbedder)
    folder = _write(tmp_path / "in", [*FERRY, LATER])
    (folder / "notes.xyz").write_text("scratch\n", encoding="utf-8")
    single = ingest(tmp_path / "single", str(folder))
    on_ray = ingest(tmp_path / "ray", str(folder), "--engine", "ray", "--ray-batch", "2")
    assert single.exit_code == 0 and on_ray.exit_code == 0, single.output + on_ray.output
    assert SECONDS.sub("", on_ray.stdout) == SECONDS.sub("", single.stdout)
    assert single.stdout.splitlines()[1] == f"Skipped {folder / 'notes.xyz'}: unknown file type .xyz"
    assert re.fullmatch(r"Grouped the articles into \d+ events\.", single.stdout.splitlines()[-1])
