"""`verifier doctor`: the store, the index and the steps' records checked against each other, and what can be
finished or repaired done, with a line for each thing found, done, still wrong or waiting (`DoctorReport`).

An index built with another model is only rebuilt when asked (`rebuild=True`): re-embedding the corpus
with a different model is a choice, not a repair. `rebuild=True` always re-embeds all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from verifier.core.errors import ModelMismatchError, StoreError
from verifier.io.index import VectorIndex
from verifier.services.workspace_core import IndexedStore
from verifier.services.workspace_reports import DoctorReport, FinishReport, Unfinished

log = logging.getLogger(__name__)


@dataclass
class Notes:
    """What `doctor` found, did, could not do and leaves for later, as it goes."""

    problems: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    remaining: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)
    rebuilt: bool = False
    missing_vectors: int = 0
    orphan_vectors: int = 0


def doctor(
    ws: IndexedStore, finish: Callable[[], FinishReport], resumed: FinishReport | None, rebuild: bool = False
) -> DoctorReport:
    """Check and repair `ws`: missing vectors embedded, orphan vectors removed, an unreadable index rebuilt
    from the store, then `finish` (unscanned claims scanned, stale events regrouped). `resumed`: what
    opening the workspace already finished of an interrupted run, reported too."""
    notes = Notes()
    if resumed is not None:
        note_finished(resumed, notes)
    with ws.writing():
        version = ws.store.schema_version
        for problem in ws.store.integrity_problems():
            notes.problems.append(f"store: {problem}")
            notes.remaining.append(f"store: {problem} (restore the workspace from a backup)")
        index_model = check_index(ws, rebuild, notes)
        if not notes.remaining:
            note_finished(finish(), notes)
        remove_leftover_temp_files(ws, notes)
        loaded = ws.loaded_index
        report = DoctorReport(
            schema_version=version,
            articles=ws.store.count_articles(),
            claims=ws.store.count_claims(),
            vectors=loaded.count if (loaded is not None and not notes.remaining) else 0,
            model=ws.embedder.name,
            index_model=index_model,
            missing_vectors=notes.missing_vectors,
            orphan_vectors=notes.orphan_vectors,
            rebuilt=notes.rebuilt and not notes.remaining,
            problems=tuple(notes.problems),
            actions=tuple(notes.actions),
            remaining=tuple(notes.remaining),
            deferred=tuple(notes.deferred),
        )
    for line in notes.problems:
        log.warning("doctor: %s", line)
    return report


def check_index(ws: IndexedStore, rebuild: bool, notes: Notes) -> str | None:
    """The index part of `doctor`, under the writer lock; returns the model the saved index was built with."""
    meta = ws.index_meta()
    index_model = meta.model if meta is not None else None
    index: VectorIndex | None = None
    try:
        index = None if rebuild else ws.read_index()
    except ModelMismatchError as exc:
        notes.problems.append(str(exc))
        notes.remaining.append(str(exc))
    except StoreError as exc:
        notes.problems.append(str(exc))
        rebuild = True
    if index is None and not rebuild and not notes.remaining and ws.store.count_claims():
        notes.problems.append("no index file although claims are stored")
        rebuild = True
    if rebuild:
        n, embedded = ws.rebuild_index()
        notes.rebuilt = True
        notes.actions.append(f"rebuilt the index from the store: {n} claims, {embedded} texts embedded")
    elif index is not None:
        if index.stale_meta:
            notes.problems.append("the index metadata did not match the index (interrupted save)")
            notes.actions.append("rewrote the index metadata")
        _, missing, orphans = ws.heal_index()
        note_finished(FinishReport(Unfinished(), missing, orphans), notes)
    return index_model


def note_finished(done: FinishReport, notes: Notes) -> None:
    """Doctor lines for what `finish` (or the repair of the index) found and did."""
    if done.missing_vectors:
        notes.missing_vectors += done.missing_vectors
        notes.problems.append(f"{done.missing_vectors} stored claims have no vector")
    if done.orphan_vectors:
        notes.orphan_vectors += done.orphan_vectors
        notes.problems.append(f"{done.orphan_vectors} vectors belong to no stored claim")
    if done.found.scan_deferred and not done.found.other_model:
        waiting = done.found.describe()
        if waiting:
            notes.deferred.append(
                f"{' and '.join(waiting)}: ingested with --no-scan; `verifier scan` does both"
            )
    elif done.scan is not None or done.events is not None:
        notes.problems += done.found.describe()
    notes.actions += done.actions()


def remove_leftover_temp_files(ws: IndexedStore, notes: Notes) -> None:
    """The temporary files of an index save that was killed (`VectorIndex.save` writes beside the index)."""
    leftovers = list(ws.settings.workspace.glob(f".{ws.settings.index_path.name}*.tmp"))
    for tmp in leftovers:
        tmp.unlink()
    if leftovers:
        notes.actions.append(f"removed {len(leftovers)} temporary files of an interrupted save")
