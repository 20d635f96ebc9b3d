"""`verifier ingest` as one run of the ingest pipeline (`verifier.services.pipeline.ingest_then_finish`): the
given paths are one input, read in this process or on Ray Data (`--engine ray`), then the scan and the
grouping once; the articles' progress bar on stderr; the ingest's report, its skipped files and the finish's
lines.

Imported only when `ingest` runs: the pipeline brings the workspace, and with it the model and the index,
which the other commands' `--help` should not wait for.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from tqdm import tqdm

from verifier.io.importers import ColumnMapping
from verifier.services.pipeline import INGEST, Ingested, IngestRun, ingest_then_finish
from verifier.services.ray_ingest import RayOptions, ingest_with_ray
from verifier.services.workspace import IngestReport, Progress, Workspace
from verifier.shells.cli.common import echo


@dataclass(frozen=True)
class Inputs:
    """What to read: the paths as given, the columns of tables, the largest file, the outlet of files that
    do not name one."""

    paths: tuple[Path, ...]
    mapping: ColumnMapping
    max_bytes: int
    default_source: str


def ingest_and_finish(ws: Workspace, inputs: Inputs, scan: bool, ray: RayOptions | None = None) -> None:
    """Under one hold of the writer lock: say what an interrupted run left, ingest the paths (on Ray with
    `ray`), print the report and the skipped files, then what the scan and the grouping did (`scan=False`:
    both left to `verifier scan`)."""
    bar = ProgressBar()
    with ws.writing():  # one writer from the first article to the grouping, or a clear message
        left = ws.unfinished().summary()
        if left:
            echo(left)
        report = ingest_then_finish(
            ws, [(_name(inputs), _run(ws, inputs, ray))], progress=bar, scan=scan,
            on_ingested=partial(_tell, inputs.paths, bar),
        )  # fmt: skip
        for line in report.finished.lines() if report.finished is not None else ():
            echo(line)


class ProgressBar:
    """The pipeline's progress as a tqdm bar of articles on stderr, opened at the first count and gone
    when closed. The pipeline's stage-start call (INGEST, 0, 0) opens nothing, and the scan's counts are
    not drawn: its summary line follows in a moment."""

    def __init__(self) -> None:
        self._bar: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != INGEST or (done, total) == (0, 0):
            return
        if self._bar is None:
            self._bar = tqdm(total=total, unit="article", desc="ingest", file=sys.stderr, leave=False)
        self._bar.n = done
        self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _name(inputs: Inputs) -> str:
    return ", ".join(str(p) for p in inputs.paths)


def _run(ws: Workspace, inputs: Inputs, ray: RayOptions | None) -> IngestRun:
    """The paths ingested in one go: by the workspace itself, or read, split and embedded on Ray."""
    paths = list(inputs.paths)

    def here(progress: Progress) -> IngestReport:
        return ws.ingest_paths(
            paths, mapping=inputs.mapping, max_bytes=inputs.max_bytes, default_source=inputs.default_source,
            progress=progress,
        )  # fmt: skip

    def on_ray(progress: Progress) -> IngestReport:
        return ingest_with_ray(
            ws, paths, inputs.mapping, inputs.max_bytes, inputs.default_source, ray, progress=progress
        )

    return here if ray is None else on_ray


def _tell(paths: tuple[Path, ...], bar: ProgressBar, ingested: Ingested) -> None:
    """The ingest's report as soon as it is done, the progress bar gone first."""
    bar.close()
    report = ingested.result()
    echo(report.summary())
    for where, why in report.skipped:
        echo(skipped_line(paths, where, why))


_ROW_NUMBER = re.compile(r":\d+$")


def skipped_line(paths: tuple[Path, ...], where: str, why: str) -> str:
    """ "Skipped data/notes.xyz: unknown file type .xyz". A file inside the one folder given is named from
    that folder, as the user typed it; a reason that opens with the file's name does not repeat it."""
    if len(paths) == 1 and paths[0].is_dir():
        where = str(paths[0] / where)
    name = _ROW_NUMBER.sub("", Path(where).name)  # "rows.csv:4" is row 4 of rows.csv
    if name and why.startswith((f"{name} ", f"{name}:")):
        why = why[len(name) :].lstrip(" :")
    return f"Skipped {where}: {why}"
