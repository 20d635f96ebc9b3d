"""One ingest pipeline for the app and the CLI: every input ingested under one hold of the writer lock, then
what the ingests leave, the contradiction scan and the grouping into events, done once for all of them
(`Workspace.finish`). Several uploaded files therefore cost one scan and one regrouping, not one per file.

    report = ingest_then_finish(ws, [("notes.md", lambda p: ws.ingest_paths(["notes.md"], progress=p))])

An input is a name (a file name, for messages) and a run: a function that ingests it, given the progress
callback to report through (`Workspace.ingest_paths`, `ingest_articles`, `ray_ingest.ingest_with_ray`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from verifier.core.errors import VerifierError
from verifier.services.workspace import Workspace
from verifier.services.workspace_ingest import Progress
from verifier.services.workspace_reports import FinishReport, IngestReport, Unfinished

log = logging.getLogger(__name__)

IngestRun = Callable[[Progress], IngestReport]
# (stage, done, total): INGEST counts the articles of the input being ingested, SCAN the claims searched;
# (stage, 0, 0) when the stage begins (an input is being read, the scan starts).
StageProgress = Callable[[str, int, int], None]
INGEST = "ingest"
SCAN = "scan"


@dataclass(frozen=True)
class Ingested:
    """One input: its ingest's report, or the error that stopped it (with `keep_going`)."""

    name: str
    report: IngestReport | None = None
    error: VerifierError | None = None

    def result(self) -> IngestReport:
        """The report; the error raised again if the input was not ingested."""
        if self.report is None:
            raise self.error or VerifierError(f"{self.name} was not ingested")
        return self.report


@dataclass(frozen=True)
class PipelineReport:
    ingested: tuple[Ingested, ...]
    finished: FinishReport | None = None  # None when finishing failed (`finish_error`)
    finish_error: VerifierError | None = None
    left: Unfinished | None = None  # after a failed finish: what its records say is still left

    def failure(self) -> str:
        """One line for a finish that failed, naming the step ("" when none failed). The work stays
        recorded: the next command that opens the workspace, or `verifier doctor`, tries it again."""
        if self.finish_error is None:
            return ""
        if self.left is not None and self.left.unscanned:
            return f"The new claims were not scanned for contradictions: {self.finish_error}"
        if self.left is not None and self.left.events_stale:
            return f"Events were not regrouped: {self.finish_error}"
        return f"The ingest was not finished: {self.finish_error}"


def ingest_then_finish(
    ws: Workspace,
    runs: Iterable[tuple[str, IngestRun]],
    progress: StageProgress | None = None,
    scan: bool | None = True,
    keep_going: bool = False,
    on_ingested: Callable[[Ingested], None] | None = None,
) -> PipelineReport:
    """Ingest every (name, run) in turn, then finish once: embed what the index lacks, scan the new claims,
    regroup the events (`Workspace.finish(scan)`: False defers the scan and the grouping to `verifier
    scan`, as `ingest --no-scan`). All under one hold of the writer lock, so no other writer comes between.

    `keep_going=False` (the CLI): an input's error, or the finish's, is raised as it comes. `keep_going=True`
    (the app): a VerifierError is kept in that input's `Ingested.error` and the next input is ingested;
    a failed finish is kept in `finish_error`. `on_ingested` is told of each input as soon as it is done."""
    ingested: list[Ingested] = []
    with ws.writing():
        for name, run in runs:
            outcome = _ingest(name, run, progress, keep_going)
            ingested.append(outcome)
            if on_ingested is not None:
                on_ingested(outcome)
        return _finish(ws, tuple(ingested), scan, progress, keep_going)


def _ingest(name: str, run: IngestRun, progress: StageProgress | None, keep_going: bool) -> Ingested:
    def ingesting(done: int, total: int) -> None:
        if progress is not None:
            progress(INGEST, done, total)

    ingesting(0, 0)
    try:
        return Ingested(name, report=run(ingesting))
    except VerifierError as exc:
        if not keep_going:
            raise
        log.warning("%s was not ingested: %s", name, exc)
        return Ingested(name, error=exc)


def _finish(
    ws: Workspace,
    ingested: tuple[Ingested, ...],
    scan: bool | None,
    progress: StageProgress | None,
    keep_going: bool,
) -> PipelineReport:
    def scanning(done: int, total: int) -> None:
        if progress is not None:
            progress(SCAN, done, total)

    try:
        return PipelineReport(ingested, finished=ws.finish(scan=scan, progress=scanning))
    except VerifierError as exc:
        if not keep_going:
            raise
        log.warning("the ingest was not finished: %s", exc)
        try:
            left: Unfinished | None = ws.unfinished()
        except VerifierError:
            left = None
        return PipelineReport(ingested, finish_error=exc, left=left)
