"""The claim store's jobs over one workspace (store + index): ingest, finish, delete, doctor, status. Search
is the base's (`workspace_core.IndexedStore`, with how store and index stay consistent and why readers
never wait). The parts: `workspace_reports` (what each job reports), `workspace_index` (the index file against
the store, embedding each text once), `workspace_ingest` (the ingest's steps), `workspace_doctor`.

Resumable work. An ingest is a sequence of durable steps, each leaving a record of what it finished:
claims stored (store), their vectors (the saved index), scanned (each claim's flag), grouped (the store's
"events stale" marker, set with the claims and cleared with the new grouping). `finish` does whatever
those records say is left; `Workspace.open` calls it (`resume`) when no other process is writing, so any
command after a kill completes the killed run. `ingest --no-scan` records that the scan waits on purpose.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from verifier.core.errors import ModelMismatchError, StoreError, VerifierError
from verifier.core.records import Article, Claim
from verifier.core.settings import Settings
from verifier.io.embed import Embedder, embedder_from_settings
from verifier.io.index import VectorIndex
from verifier.io.store import Store, crash_point, open_store
from verifier.services import workspace_doctor, workspace_index
from verifier.services.workspace_core import MAX_K, MAX_QUERY_CHARS, NEIGHBOUR_CHUNK, IndexedStore
from verifier.services.workspace_ingest import (
    Batch,
    Checkpoints,
    Progress,
    Segmenter,
    Written,
    batches,
    ingest_report,
    read_inputs,
    triage,
    write_batch,
)
from verifier.services.workspace_reports import DoctorReport, FinishReport, IngestReport, Unfinished

__all__ = [
    "INDEX_CHECKPOINT_SECONDS", "INGEST_BATCH_CLAIMS", "MAX_K", "MAX_QUERY_CHARS", "NEIGHBOUR_CHUNK",
    "DoctorReport", "FinishReport", "IngestReport", "Progress", "Segmenter", "Unfinished", "Workspace",
]  # fmt: skip

log = logging.getLogger(__name__)

# Claims per store transaction and per group of model calls (workspace_index.BATCH_CLAIMS says why). Read
# at each ingest, so a test can make batches small.
INGEST_BATCH_CLAIMS = workspace_index.BATCH_CLAIMS
# Save the index during a long ingest at most this often (and at the end). Saving rewrites the whole
# index (1.5 KB per vector for Flat), so saving after every batch would make a big ingest quadratic;
# a kill loses at most this much embedding work, which the next load redoes from the store. Time, not a
# claim count: the same count takes 10 s or 6 min depending on the machine's load (measured here:
# 8 to 120 claims/s on 2 cores).
INDEX_CHECKPOINT_SECONDS = 30.0


def _default_segmenter(article: Article) -> list[Claim]:
    from verifier.segment import split_claims

    return split_claims(article)


class Workspace(IndexedStore):
    """A workspace folder: the store (verifier.sqlite3) and the index (claims.faiss + .json)."""

    def __init__(
        self, settings: Settings, store: Store, embedder: Embedder, segmenter: Segmenter | None = None
    ) -> None:
        super().__init__(settings, store, embedder)
        self._segment = segmenter or _default_segmenter
        self.resumed: FinishReport | None = None  # what `open` finished of an interrupted run

    @classmethod
    def open(
        cls,
        settings: Settings,
        embedder: Embedder | None = None,
        segmenter: Segmenter | None = None,
        resume: bool = True,
    ) -> Workspace:
        """Open (creating if needed) the workspace. Nothing heavy happens here on a finished workspace:
        the index is read on first use and the model loaded on first encode, so listing conflicts costs
        neither. With `resume`, work an interrupted run left is finished first (`resume`, `resumed`)."""
        settings = replace(settings, workspace=Path(settings.workspace))
        try:
            settings.workspace.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the workspace {settings.workspace}: {exc}") from exc
        store = open_store(settings.store_target)
        if embedder is None:
            embedder = embedder_from_settings(settings, workspace_index.recorded_model(settings.index_path))
        ws = cls(settings, store, embedder, segmenter)
        if resume:
            ws.resume()
        return ws

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest -------------------------------------------------------------------------------------

    @contextmanager
    def precomputed(self, segmenter: Segmenter, embedder: Embedder) -> Iterator[None]:
        """Ingest with claims and vectors worked out elsewhere (the Ray engine, verifier.services.ray_ingest):
        `segmenter` and `embedder` answer from that work while the same store and index code writes it.
        The embedder must carry this workspace's embedder's name and dimension."""
        if (embedder.name, embedder.dim) != (self.embedder.name, self.embedder.dim):
            raise ModelMismatchError(
                f"precomputed vectors of {embedder.name} ({embedder.dim}) for a workspace of "
                f"{self.embedder.name} ({self.embedder.dim})"
            )
        with self._lock:
            saved = self.embedder, self._segment
            self.embedder, self._segment = embedder, segmenter
            try:
                yield
            finally:
                self.embedder, self._segment = saved

    def ingest_articles(self, articles: Iterable[Article], progress: Progress | None = None) -> IngestReport:
        """Split, embed, store and index articles. Articles already stored are skipped (idempotent)."""
        started = time.perf_counter()
        items = list(articles)
        with self._writing():
            index = self.index
            found = triage(items, self.store.has_article)
            pending = batches(items, found.new, self._segment, INGEST_BATCH_CLAIMS, progress)
            written = self._write_batches(index, pending)
            self.fit_index_to_size(index)
            crash_point("index")  # stored and indexed; not yet scanned nor grouped
        report = ingest_report(found, written, time.perf_counter() - started)
        log.info("ingest: %s in %.1f s", report.summary(), report.seconds)
        return report

    def _write_batches(self, index: VectorIndex, pending: Iterable[Batch]) -> list[Written]:
        """Write each batch, saving the index every INDEX_CHECKPOINT_SECONDS and at the end."""
        written: list[Written] = []
        checkpoints = Checkpoints(INDEX_CHECKPOINT_SECONDS)
        try:
            for batch in pending:
                written.append(write_batch(self.store, index, batch, self._vectors_for))
                if checkpoints.due(len(written[-1].rowids)):
                    self._save(index)
                    checkpoints.saved()
        finally:
            # What reached the store must reach the index file too, even if a later batch failed.
            if checkpoints.unsaved or not self.settings.index_path.exists():
                self._save(index)
        return written

    def ingest_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        mapping: Any = None,
        max_bytes: int | None = None,
        default_source: str = "",
        progress: Progress | None = None,
    ) -> IngestReport:
        """Read every path (files, folders) whole, then ingest. A file given directly that cannot be read
        raises InputError before anything is stored; inside a folder, bad files are skipped and reported.
        `mapping` is an importers.ColumnMapping (None: columns named text, title, source, date, url)."""
        limit = self.settings.max_file_bytes if max_bytes is None else max_bytes
        reading = read_inputs(paths, mapping, limit, default_source)
        return reading.into(self.ingest_articles(reading.articles, progress))

    # -- finishing what a run left ---------------------------------------------------------------------

    def unfinished(self) -> Unfinished:
        """What the durable steps' records say is left; cheap (no index or model is loaded)."""
        return Unfinished(
            index_behind=workspace_index.index_behind(self.store, self.settings.index_path),
            unscanned=self.store.count_unscanned(),
            events_stale=self.store.events_stale(),
            scan_deferred=self.store.scan_deferred,
            other_model=workspace_index.of_other_model(self.index_meta(), self.embedder),
        )

    def finish(self, scan: bool | None = None, progress: Progress | None = None) -> FinishReport:
        """Do what earlier steps left, under the writer lock: embed the claims the index lacks (and drop
        vectors of deleted claims), scan the unscanned claims, regroup stale events.

        `scan=True` also scans what `ingest --no-scan` deferred and ends the deferral; `scan=False` defers
        the scan and the grouping to `verifier scan`; None (any later command) keeps an earlier deferral.
        `progress`: the scan's (claims searched, claims to search), (0, 0) as it begins.
        """
        from verifier.services.events import build_events
        from verifier.services.scan import scan_new

        with self._writing():
            if scan is not None and self.store.scan_deferred == scan:
                self.store.scan_deferred = not scan
            found = self.unfinished()
            if found.other_model:
                return FinishReport(found)
            missing = orphans = 0
            if found.index_behind:
                _, missing, orphans = self.heal_index()
            if found.scan_deferred:
                return FinishReport(found, missing, orphans)
            scanned = None
            if found.unscanned:
                if progress is not None:
                    progress(0, 0)
                scanned = scan_new(self, progress=progress)
            events = len(build_events(self)) if found.events_stale else None
        return FinishReport(found, missing, orphans, scanned, events)

    def resume(self) -> FinishReport | None:
        """Finish what an interrupted run left if no other process is writing (its work is its own then).
        Never waits; a failure is logged with what to do, so that opening a damaged workspace still lets
        `doctor` run. The result is also kept in `resumed`."""
        try:
            if not self.unfinished().pending:
                return None
            with self._holding(wait=False) as mine:
                if not mine:
                    holder = self._process_lock.describe_holder()
                    log.info("%s is writing the workspace: its work is its own", holder)
                    return None
                report = self.finish()
        except VerifierError as exc:
            log.warning("could not finish what an interrupted run left (%s); run `verifier doctor`", exc)
            return None
        if report.did_work:
            log.warning("%s", report.summary())
        self.resumed = report
        return report

    # -- delete, doctor, status ---------------------------------------------------------------------

    def delete_article(self, article_id: str) -> int:
        """Remove an article, its claims (store and index) and their contradictions; returns claims removed.
        NotFoundError for an id that is not stored."""
        with self._writing():
            index = self.index
            rowids = self.store.delete_article(article_id)
            if rowids:
                index.remove(rowids)
                self._save(index)
            log.info("deleted article %s and %d claims", article_id, len(rowids))
            return len(rowids)

    def doctor(self, rebuild: bool = False) -> DoctorReport:
        """Check the store, the index and the steps' records against each other and finish or repair what
        can be (`workspace_doctor`); what `open` already finished of an interrupted run is reported too.
        `rebuild=True` re-embeds everything (the only way on from an index of another model)."""
        resumed, self.resumed = self.resumed, None
        return workspace_doctor.doctor(self, self.finish, resumed, rebuild)

    def status(self) -> dict[str, object]:
        """Counts for a status line; does not read the index or load the model."""
        return {
            "workspace": str(Path(self.settings.workspace)),
            "articles": self.store.count_articles(),
            "claims": self.store.count_claims(),
            "contradictions": self.store.count_contradictions(),
            "model": self.embedder.name,
        }
