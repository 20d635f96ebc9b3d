"""The one ingest pipeline (verifier.services.pipeline): several inputs, then one scan and one regrouping of
events; an input's error kept beside the others' reports (the app) or raised (the CLI); a deferred scan; a
finish that fails names its step. The real store, the fake embedder; every sentence was written for these
tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from verifier.core.errors import InputError, VerifierError
from verifier.services import events, scan
from verifier.services.pipeline import INGEST, SCAN, IngestRun, ingest_then_finish
from verifier.services.workspace import Workspace

FILES = {
    "quarry.md": (
        "---\ntitle: Quarry blast\nsource: Hill Gazette\ndate: 2023-03-02\n---\n"
        "A blast at the Tarrow quarry injured 7 workers on Thursday, the owners said. "
        "The quarry employs 120 people.\n"
    ),
    "quarry-later.md": (
        "---\ntitle: Quarry blast toll rises\nsource: Tarrow Echo\ndate: 2023-03-03\n---\n"
        "Eleven workers were injured by the blast at the Tarrow quarry on Thursday, the union said. "
        "Two of them were still in hospital on Friday.\n"
    ),
    "ferry.md": (
        "---\ntitle: Ferry fares\nsource: Hill Gazette\ndate: 2023-04-10\n---\n"
        "Ferry fares to Osmer island will rise by 5 percent in May, the operator said.\n"
    ),
}


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "inputs"
    folder.mkdir()
    paths = []
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often the scan and the grouping ran (Workspace.finish looks both up when it runs)."""
    counted = {"scan": 0, "group": 0}
    real_scan, real_group = scan.scan_new, events.build_events

    def counting_scan(ws: Any, *args: Any, **kwargs: Any) -> Any:
        counted["scan"] += 1
        return real_scan(ws, *args, **kwargs)

    def counting_group(ws: Any, *args: Any, **kwargs: Any) -> Any:
        counted["group"] += 1
        return real_group(ws, *args, **kwargs)

    monkeypatch.setattr(scan, "scan_new", counting_scan)
    monkeypatch.setattr(events, "build_events", counting_group)
    return counted


def runs(ws: Workspace, paths: list[Path]) -> list[tuple[str, IngestRun]]:
    def run(path: Path) -> IngestRun:
        return lambda progress: ws.ingest_paths([path], progress=progress)

    return [(path.name, run(path)) for path in paths]


def test_several_inputs_are_scanned_and_grouped_once(
    workspace: Workspace, files: list[Path], calls: dict[str, int]
) -> None:
    report = ingest_then_finish(workspace, runs(workspace, files))
    assert [i.name for i in report.ingested] == list(FILES)
    assert [i.result().articles_added for i in report.ingested] == [1, 1, 1]
    assert calls == {"scan": 1, "group": 1}
    assert report.finished is not None and report.finished.scan is not None
    assert report.finished.scan.claims_scanned == workspace.store.count_claims() > 0
    assert report.finished.events == len(events.list_events(workspace)) >= 2  # the quarry, the ferry
    assert workspace.unfinished().pending is False and report.failure() == ""


def test_the_app_keeps_going_past_a_bad_input(
    workspace: Workspace, files: list[Path], calls: dict[str, int]
) -> None:
    empty = files[0].parent / "empty.txt"
    empty.write_bytes(b"")
    told: list[str] = []
    report = ingest_then_finish(
        workspace, runs(workspace, [files[0], empty, files[2]]), keep_going=True,
        on_ingested=lambda done: told.append(done.name),
    )  # fmt: skip
    assert told == ["quarry.md", "empty.txt", "ferry.md"]  # each as it is done, in order
    bad = report.ingested[1]
    assert bad.report is None and isinstance(bad.error, InputError)
    with pytest.raises(InputError):
        bad.result()
    assert workspace.store.count_articles() == 2
    assert calls == {"scan": 1, "group": 1}


def test_the_cli_stops_at_a_bad_input(workspace: Workspace, files: list[Path], calls: dict[str, int]) -> None:
    empty = files[0].parent / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError):
        ingest_then_finish(workspace, runs(workspace, [files[0], empty, files[2]]))
    assert workspace.store.count_articles() == 1  # what came before the error is stored
    assert calls == {"scan": 0, "group": 0}  # and left for the next command to finish
    assert workspace.unfinished().pending


def test_no_scan_defers_the_scan_and_the_grouping(
    workspace: Workspace, files: list[Path], calls: dict[str, int]
) -> None:
    report = ingest_then_finish(workspace, runs(workspace, files), scan=False)
    assert calls == {"scan": 0, "group": 0}
    assert report.finished is not None and report.finished.lines() == []
    left = workspace.unfinished()
    assert left.scan_deferred and left.unscanned == workspace.store.count_claims()
    ingest_then_finish(workspace, [], scan=True)  # `verifier scan` later: both, once
    assert calls == {"scan": 1, "group": 1} and not workspace.unfinished().pending


def test_progress_names_each_stage_as_it_begins(workspace: Workspace, files: list[Path]) -> None:
    seen: list[tuple[str, int, int]] = []
    ingest_then_finish(workspace, runs(workspace, files[:2]), progress=lambda *a: seen.append(a))
    starts = [i for i, (_, done, total) in enumerate(seen) if (done, total) == (0, 0)]
    assert [seen[i][0] for i in starts] == [INGEST, INGEST, SCAN]
    assert seen[starts[0] + 1] == (INGEST, 1, 1) and seen[starts[1] + 1] == (INGEST, 1, 1)
    assert all(stage == SCAN for stage, _, _ in seen[starts[2] :])


def test_a_failed_grouping_is_kept_and_named(
    workspace: Workspace, files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(ws: Any, *args: Any, **kwargs: Any) -> Any:
        raise InputError("too many articles to group")

    monkeypatch.setattr(events, "build_events", refused)
    report = ingest_then_finish(workspace, runs(workspace, files), keep_going=True)
    assert [i.result().articles_added for i in report.ingested] == [1, 1, 1]
    assert report.finished is None and isinstance(report.finish_error, VerifierError)
    assert report.failure() == "Events were not regrouped: too many articles to group"
    assert workspace.store.count_unscanned() == 0  # the scan before it is kept
    with pytest.raises(InputError):
        ingest_then_finish(workspace, [])  # the CLI: raised
