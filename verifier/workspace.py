"""The claim store pipeline: ingest, delete, search and doctor over one workspace (store + index).

Consistency. The SQLite store is the source of truth; the FAISS index is derived from it and keyed by
claim rowid. Every write goes store first (one transaction per batch of articles), index second (saved
atomically). A kill at any moment therefore leaves either nothing new, or claims in the store whose
vectors are missing from the saved index, or (for a delete) vectors whose claims are gone. Both are
detected whenever the index is loaded (id sets compared) and repaired: orphans removed, missing vectors
re-embedded. Rowids are never reused (AUTOINCREMENT), so an orphan vector cannot be taken for a new
claim. Writers in several processes (the app and the CLI) take an exclusive lock on the workspace.

Resumable work. An ingest is a sequence of durable steps, each leaving a record of what it finished:
claims stored (store), their vectors (the saved index), scanned (each claim's flag), grouped (the store's
"events stale" marker, set with the claims and cleared with the new grouping). `finish` does whatever
those records say is left; `Workspace.open` calls it (`resume`) when no other process is writing, so any
command after a kill completes the killed run. `ingest --no-scan` records that the scan waits on purpose.

Readers never wait. SQLite runs in WAL mode (readers see the last commit while a writer works) and the
index is replaced atomically, so a reader reads the previous file. Only writers wait for the workspace
lock (`Settings.lock_timeout`); a reader that finds work left tries the lock without waiting, and if
another process holds it, reads what was last saved.

Embedding once. Claims with the same normalised text (`Claim.text_hash`: wire copies) share one
embedding: within a batch they are sent to the model once, and a text already stored reuses the vector
of a stored copy (`VectorIndex.reconstruct`), so no separate vector table is needed.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from verifier.embed import Embedder, embedder_from_settings
from verifier.errors import InputError, ModelMismatchError, StoreError, VerifierError
from verifier.index import (
    IVF_MIN_VECTORS,
    IndexMeta,
    VectorIndex,
    choose_index_type,
    ids_checksum,
    meta_path_for,
)
from verifier.lock import WorkspaceLock
from verifier.records import Article, Claim, SearchHit
from verifier.settings import Settings
from verifier.store import Store, crash_point, open_store

if TYPE_CHECKING:
    from verifier.scan import ScanReport

log = logging.getLogger(__name__)

# Claims per store transaction and per group of model calls: big enough that the model sees full
# batches (Settings.embed_batch = 64), small enough that the progress bar moves every few seconds.
INGEST_BATCH_CLAIMS = 512
# Save the index during a long ingest at most this often (and at the end). Saving rewrites the whole
# index (1.5 KB per vector for Flat), so saving after every batch would make a big ingest quadratic;
# a kill loses at most this much embedding work, which the next load redoes from the store. Time, not a
# claim count: the same count takes 10 s or 6 min depending on the machine's load (measured here:
# 8 to 120 claims/s on 2 cores).
INDEX_CHECKPOINT_SECONDS = 30.0
# A query is a claim: a sentence or two. The model reads at most 256 word pieces (~1,000 characters);
# anything much longer is a document pasted by mistake.
MAX_QUERY_CHARS = 5_000
MAX_K = 1_000
# Stored claims searched per FAISS call in `neighbours`: 1,024 x 384 floats = 1.5 MB of queries.
NEIGHBOUR_CHUNK = 1_024

Segmenter = Callable[[Article], list[Claim]]
Progress = Callable[[int, int], None]


def _default_segmenter(article: Article) -> list[Claim]:
    from verifier.segment import split_claims

    return split_claims(article)


@dataclass(frozen=True)
class IngestReport:
    articles_added: int = 0
    articles_skipped_existing: int = 0  # already in the store: idempotent re-ingest
    duplicates: int = 0  # inputs repeating another input's text in this run
    articles_without_claims: int = 0  # stored, but no sentence in them is a checkable claim
    claims_added: int = 0
    claims_embedded: int = 0  # distinct texts actually sent to the model
    skipped: tuple[tuple[str, str], ...] = ()  # (where, why) for inputs not imported
    new_claim_rowids: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0

    def summary(self) -> str:
        # The wording is matched by the app's and the browser tests: change them together.
        parts = [
            f"{self.articles_added} articles added",
            f"{self.claims_added} claims ({self.claims_embedded} texts embedded)",
        ]
        if self.articles_skipped_existing:
            parts.append(f"{self.articles_skipped_existing} already stored")
        if self.duplicates:
            parts.append(f"{self.duplicates} repeat another input's text")
        if self.articles_without_claims:
            parts.append(f"{self.articles_without_claims} without any claim")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        return ", ".join(parts)


@dataclass(frozen=True)
class DoctorReport:
    schema_version: int
    articles: int
    claims: int
    vectors: int  # after repairs
    model: str
    index_model: str | None  # as found on disk, None when there was no index
    missing_vectors: int  # claims found without a vector
    orphan_vectors: int  # vectors found without a claim
    rebuilt: bool
    problems: tuple[str, ...] = ()  # what was found wrong
    actions: tuple[str, ...] = ()  # what was done about it
    remaining: tuple[str, ...] = ()  # what is still wrong, with what to do
    deferred: tuple[str, ...] = ()  # work left on purpose (`ingest --no-scan`), with the command that does it

    @property
    def ok(self) -> bool:
        return not self.remaining

    def summary(self) -> str:
        lines = [
            f"schema version {self.schema_version}: {self.articles} articles, {self.claims} claims, "
            f"{self.vectors} vectors ({self.index_model or 'no index'}; this run uses {self.model})"
        ]
        lines += [f"found: {p}" for p in self.problems]
        lines += [f"done: {a}" for a in self.actions]
        lines += [f"still wrong: {r}" for r in self.remaining]
        lines += [f"waiting: {d}" for d in self.deferred]
        lines.append("OK: store and index agree" if self.ok else "NOT OK")
        return "\n".join(lines)


@dataclass(frozen=True)
class Unfinished:
    """What the records of the durable steps say is not done yet (see the module docstring)."""

    index_behind: bool = False  # the saved index does not hold exactly the stored claims' vectors
    unscanned: int = 0  # claims the contradiction scan has not read
    events_stale: bool = False  # claims stored since the events were last grouped
    scan_deferred: bool = False  # `ingest --no-scan`: scan and grouping wait for `verifier scan`
    other_model: bool = False  # the index is another model's: only `doctor --rebuild` goes on from here

    @property
    def pending(self) -> bool:
        """Work a later command should finish now: not what was deferred, nothing on another model's index."""
        if self.other_model:
            return False
        return self.index_behind or (not self.scan_deferred and (self.unscanned > 0 or self.events_stale))

    def summary(self) -> str:
        """One line for a writer about to finish this work ("" when nothing is pending)."""
        if not self.pending:
            return ""
        parts = ["claims without vectors in the saved index"] if self.index_behind else []
        parts += [] if self.scan_deferred else self.describe()
        return f"Finishing what an interrupted run left: {', '.join(parts)}."

    def describe(self) -> list[str]:
        """The unfinished scan and grouping, one phrase each (the index has its own doctor lines)."""
        out = []
        if self.unscanned:
            out.append(f"{self.unscanned} claims not scanned for contradictions")
        if self.events_stale:
            out.append("the events do not include the latest claims")
        return out


@dataclass(frozen=True)
class FinishReport:
    """What `Workspace.finish` found unfinished and what it did about it."""

    found: Unfinished
    missing_vectors: int = 0  # claims embedded because the saved index lacked them
    orphan_vectors: int = 0  # vectors removed because their claims were gone
    scan: ScanReport | None = None  # None: no scan was needed (or it was deferred)
    events: int | None = None  # how many events after regrouping; None: not regrouped

    @property
    def did_work(self) -> bool:
        return bool(self.missing_vectors or self.orphan_vectors or self.scan or self.events is not None)

    def actions(self) -> list[str]:
        out = []
        if self.missing_vectors:
            out.append(f"embedded {self.missing_vectors} claims without vectors")
        if self.orphan_vectors:
            out.append(f"removed {self.orphan_vectors} vectors of deleted claims")
        if self.scan is not None:
            out.append(
                f"scanned {self.scan.claims_scanned} claims ({self.scan.flagged} conflicts flagged, "
                f"{self.scan.new} new)"
            )
        if self.events is not None:
            out.append(f"grouped the articles into {self.events} events")
        return out

    def lines(self) -> list[str]:
        """What a run of the pipeline prints after the ingest summary (the scan's, then the grouping's)."""
        out = [self.scan.summary()] if self.scan is not None else []
        if self.events is not None:
            out.append(f"Grouped the articles into {self.events} events.")
        return out

    def summary(self) -> str:
        """One line for a command that finished an interrupted run's work ("" when nothing was left)."""
        done = self.actions()
        return f"Finished what an interrupted run left: {', '.join(done)}." if done else ""


@dataclass
class _Consistency:
    missing: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    orphans: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def ok(self) -> bool:
        return len(self.missing) == 0 and len(self.orphans) == 0


@dataclass
class _Notes:
    """What `doctor` found, did, could not do and leaves for later, as it goes."""

    problems: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    remaining: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)
    rebuilt: bool = False


def _recorded_model(settings: Settings) -> str | None:
    """The embedder named by the saved index's metadata: "auto" keeps it (None when there is none)."""
    try:
        return IndexMeta.read(meta_path_for(settings.index_path)).model
    except (FileNotFoundError, StoreError):
        return None


def _validate_k(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise InputError(f"k must be a whole number from 1 to {MAX_K}, not {k!r}")


class Workspace:
    """A workspace folder: the store (verifier.sqlite3) and the index (claims.faiss + .json)."""

    def __init__(
        self, settings: Settings, store: Store, embedder: Embedder, segmenter: Segmenter | None = None
    ) -> None:
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self._segment = segmenter or _default_segmenter
        self._index: VectorIndex | None = None
        # False while `_index` is a snapshot read as is because another process was writing (not checked
        # against the store nor repaired): a writer must read it again.
        self._index_checked = True
        self._stamp: tuple[int, ...] | None = None
        self.resumed: FinishReport | None = None  # what `open` finished of an interrupted run
        self._lock = threading.RLock()
        self._lock_depth = 0
        self._process_lock = WorkspaceLock(settings.workspace, settings.lock_timeout)

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
        embedder = embedder or embedder_from_settings(settings, _recorded_model(settings))
        ws = cls(settings, store, embedder, segmenter)
        if resume:
            ws.resume()
        return ws

    def close(self) -> None:
        self.store.close()
        self._index = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- locking and the index on disk --------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the writer lock around several steps (an ingest with its scan and grouping), so that no
        other process takes the workspace between them. Exclusive across threads and processes;
        re-entrant. Another process's lock is waited for up to `Settings.lock_timeout` seconds, then
        StoreError names it."""
        with self._holding(wait=True):
            yield

    _writing = writing

    @contextmanager
    def _holding(self, wait: bool) -> Iterator[bool]:
        """The writer lock; yields False at once (holding nothing) if not `wait` and another process has
        it. Reloads the index if another process saved it since we read it or it was read unchecked."""
        with self._lock:
            if self._lock_depth == 0:
                if wait:
                    self._process_lock.acquire()
                elif not self._process_lock.try_acquire():
                    yield False
                    return
                if self._index is not None and (not self._index_checked or self._disk_stamp() != self._stamp):
                    self._index = None
            self._lock_depth += 1
            try:
                yield True
            finally:
                self._lock_depth -= 1
                if self._lock_depth == 0:
                    self._process_lock.release()

    def _disk_stamp(self) -> tuple[int, ...] | None:
        stamp: list[int] = []
        for path in (self.settings.index_path, meta_path_for(self.settings.index_path)):
            try:
                st = path.stat()
            except FileNotFoundError:
                return None
            stamp += [st.st_mtime_ns, st.st_size, st.st_ino]
        return tuple(stamp)

    def _save(self, index: VectorIndex) -> None:
        index.save(self.settings.index_path)
        self._stamp = self._disk_stamp()

    def _new_index(self, n_vectors: int = 0) -> VectorIndex:
        choice = choose_index_type(n_vectors)
        index = VectorIndex(self.embedder.name, self.embedder.dim, choice.spec)
        if index.needs_training:
            # The pipeline adds vectors batch by batch and has no training pass yet: take the largest
            # type that needs none.
            choice = choose_index_type(IVF_MIN_VECTORS - 1)
            index = VectorIndex(self.embedder.name, self.embedder.dim, choice.spec)
        log.info("new %s index: %s", choice.spec, choice.reason)
        return index

    def _read_index(self) -> VectorIndex | None:
        """The index on disk checked against the embedder (ModelMismatchError), or None if absent."""
        stamp = self._disk_stamp()  # before reading: a save racing the read then forces a re-read
        if not self.settings.index_path.exists():
            return None
        index = VectorIndex.load(self.settings.index_path, self.embedder.name, self.embedder.dim)
        self._stamp = stamp
        return index

    def _compare(self, index: VectorIndex) -> _Consistency:
        stored = np.asarray(self.store.all_claim_rowids(), dtype=np.int64)
        indexed = index.ids()
        return _Consistency(
            missing=np.setdiff1d(stored, indexed, assume_unique=True),
            orphans=np.setdiff1d(indexed, stored, assume_unique=True),
        )

    def _repair(self, index: VectorIndex, found: _Consistency) -> None:
        if len(found.orphans):
            log.warning("removing %d vectors whose claims are gone", len(found.orphans))
            index.remove(found.orphans.tolist())
        if len(found.missing):
            log.warning("embedding %d stored claims missing from the index", len(found.missing))
            self._embed_rowids(index, found.missing.tolist())

    @property
    def index(self) -> VectorIndex:
        """The index, read on first use (or again if another process saved it) and made consistent
        with the store: an interrupted ingest or delete is repaired here. While another process writes,
        the index it last saved is used as it is (never waiting): claims stored since are found once it
        saves, and vectors of claims it removed match no stored claim, so they are never shown."""
        with self._lock:
            if self._index is not None and self._disk_stamp() == self._stamp:
                return self._index
            index = self._read_index()
            if index is None and not self.store.has_claims():
                return self._keep(self._new_index(), checked=True)
            if index is not None and not index.stale_meta and self._compare(index).ok:
                return self._keep(index, checked=True)
            with self._holding(wait=False) as mine:
                if mine:
                    return self._heal_index()[0]
            log.info(
                "%s is writing the workspace: searching the index it saved last",
                self._process_lock.describe_holder(),
            )
            return self._keep(index or self._new_index(), checked=False)

    def _keep(self, index: VectorIndex, checked: bool) -> VectorIndex:
        self._index = index
        self._index_checked = checked
        if not self.settings.index_path.exists():
            self._stamp = None  # no file yet: read again as soon as one is saved
        return index

    def _heal_index(self) -> tuple[VectorIndex, int, int]:
        """Under the writer lock: read the index afresh and make it hold exactly the stored claims.
        Returns (the index, claims embedded, vectors removed)."""
        index = self._read_index() or self._new_index(self.store.count_claims())
        found = self._compare(index)
        if not found.ok or index.stale_meta or not self.settings.index_path.exists():
            self._repair(index, found)
            self._save(index)
        return self._keep(index, checked=True), len(found.missing), len(found.orphans)

    # -- embedding ----------------------------------------------------------------------------------

    def _vectors_for(self, index: VectorIndex, texts: Sequence[tuple[str, str]]) -> tuple[np.ndarray, int]:
        """Vectors for (text, text_hash) items, reusing the vector of a stored claim with the same
        text when `index` has one, and embedding each remaining distinct text once.
        Returns the vectors aligned with `texts` and how many texts went to the model."""
        by_hash: dict[str, np.ndarray] = {}
        if index.count:
            for th, rowids in self.store.rowids_by_text_hash({th for _, th in texts}).items():
                for rowid in rowids:
                    vec = index.reconstruct(rowid)
                    if vec is not None:
                        by_hash[th] = vec
                        break
        todo: dict[str, str] = {}
        for text, th in texts:
            if th not in by_hash:
                todo.setdefault(th, text)
        if todo:
            encoded = self.embedder.encode(list(todo.values()))
            by_hash.update(zip(todo.keys(), encoded, strict=True))
        if not texts:
            return np.zeros((0, index.dim), dtype=np.float32), 0
        return np.stack([by_hash[th] for _, th in texts]).astype(np.float32), len(todo)

    def _embed_rowids(self, index: VectorIndex, rowids: Sequence[int]) -> int:
        """Add the vectors of stored claims to `index`; returns how many texts went to the model."""
        embedded = 0
        for start in range(0, len(rowids), INGEST_BATCH_CLAIMS):
            chunk = rowids[start : start + INGEST_BATCH_CLAIMS]
            texts = self.store.texts_of(chunk)
            present = [r for r in chunk if r in texts]
            vectors, n = self._vectors_for(index, [texts[r] for r in present])
            index.add(present, vectors)
            embedded += n
        return embedded

    # -- ingest -------------------------------------------------------------------------------------

    @contextmanager
    def precomputed(self, segmenter: Segmenter, embedder: Embedder) -> Iterator[None]:
        """Ingest with claims and vectors worked out elsewhere (the Ray engine, verifier.ray_ingest):
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
        total = len(items)
        added = existing = duplicates = claims_added = embedded = no_claims = 0
        new_rowids: list[int] = []
        with self._writing():
            index = self.index
            unsaved = 0
            last_save = time.monotonic()
            batch: list[tuple[Article, list[Claim]]] = []
            batch_claims = 0
            seen: set[str] = set()

            def flush() -> None:
                nonlocal added, existing, claims_added, embedded, unsaved, batch_claims, last_save
                if not batch:
                    return
                texts = [(c.text, c.text_hash) for _, claims in batch for c in claims]
                vectors, n = self._vectors_for(index, texts)  # before any write: a model error stores nothing
                crash_point("embed")
                embedded += n
                rowids: list[int] = []
                keep: list[int] = []
                offset = 0
                with self.store.transaction():
                    for article, claims in batch:
                        got = self.store.add_article_with_claims(article, claims)
                        if claims and not got:
                            existing += 1  # stored meanwhile by another writer
                        else:
                            added += 1
                            rowids += got
                            keep += range(offset, offset + len(claims))
                        offset += len(claims)
                crash_point("store")  # committed; the index is saved later
                index.add(rowids, vectors[np.asarray(keep, dtype=np.intp)])
                claims_added += len(rowids)
                new_rowids.extend(rowids)
                unsaved += len(rowids)
                batch.clear()
                batch_claims = 0
                if unsaved and time.monotonic() - last_save >= INDEX_CHECKPOINT_SECONDS:
                    self._save(index)
                    unsaved = 0
                    last_save = time.monotonic()

            try:
                for done, article in enumerate(items, start=1):
                    if article.id in seen:
                        duplicates += 1
                    elif self.store.has_article(article.id):
                        existing += 1
                    else:
                        seen.add(article.id)
                        claims = self._segment(article)
                        if not claims:
                            no_claims += 1
                            log.info("article %s (%s) has no sentence to check", article.id, article.title)
                        batch.append((article, claims))
                        batch_claims += len(claims)
                        if batch_claims >= INGEST_BATCH_CLAIMS:
                            flush()
                    seen.add(article.id)
                    if progress is not None and (not batch or done == total):
                        progress(done, total)
                flush()
                if progress is not None and total:
                    progress(total, total)
            finally:
                # What reached the store must reach the index file too, even if a later batch failed.
                if unsaved or not self.settings.index_path.exists():
                    self._save(index)
            crash_point("index")  # stored and indexed; not yet scanned nor grouped
        report = IngestReport(
            articles_added=added,
            articles_skipped_existing=existing,
            duplicates=duplicates,
            articles_without_claims=no_claims,
            claims_added=claims_added,
            claims_embedded=embedded,
            new_claim_rowids=tuple(new_rowids),
            seconds=time.perf_counter() - started,
        )
        log.info("ingest: %s in %.1f s", report.summary(), report.seconds)
        return report

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
        from verifier.importers import ColumnMapping, read_path

        articles: list[Article] = []
        skipped: list[tuple[str, str]] = []
        warnings: list[str] = []
        duplicates = 0
        limit = self.settings.max_file_bytes if max_bytes is None else max_bytes
        for path in paths:
            result = read_path(path, mapping or ColumnMapping(), limit, default_source)
            articles += result.articles
            skipped += [(s.where, s.reason) for s in result.skipped]
            warnings += result.warnings
            duplicates += result.duplicates
        report = self.ingest_articles(articles, progress)
        return replace(
            report,
            duplicates=report.duplicates + duplicates,
            skipped=tuple(skipped) + report.skipped,
            warnings=tuple(warnings) + report.warnings,
        )

    # -- finishing what a run left ---------------------------------------------------------------------

    def unfinished(self) -> Unfinished:
        """What the durable steps' records say is left; cheap (no index or model is loaded)."""
        return Unfinished(
            index_behind=self._index_behind(),
            unscanned=self.store.count_unscanned(),
            events_stale=self.store.events_stale(),
            scan_deferred=self.store.scan_deferred,
            other_model=self._index_of_other_model(),
        )

    def _index_meta(self) -> IndexMeta | None:
        try:
            return IndexMeta.read(meta_path_for(self.settings.index_path))
        except (FileNotFoundError, StoreError):
            return None

    def _index_of_other_model(self) -> bool:
        meta = self._index_meta()
        return meta is not None and (meta.model != self.embedder.name or meta.dim != self.embedder.dim)

    def _index_behind(self) -> bool:
        """The saved index's metadata (count and id checksum) against the stored claim ids."""
        meta = self._index_meta()
        if meta is None or not self.settings.index_path.exists():
            return self.store.has_claims() or self.settings.index_path.exists()
        stored = self.store.all_claim_rowids()
        return meta.count != len(stored) or meta.ids_checksum != ids_checksum(stored)

    def finish(self, scan: bool | None = None) -> FinishReport:
        """Do what earlier steps left, under the writer lock: embed the claims the index lacks (and drop
        vectors of deleted claims), scan the unscanned claims, regroup stale events.

        `scan=True` also scans what `ingest --no-scan` deferred and ends the deferral; `scan=False` defers
        the scan and the grouping to `verifier scan`; None (any later command) keeps an earlier deferral.
        """
        from verifier.events import build_events
        from verifier.scan import scan_new

        with self._writing():
            if scan is not None and self.store.scan_deferred == scan:
                self.store.scan_deferred = not scan
            found = self.unfinished()
            if found.other_model:
                return FinishReport(found)
            missing = orphans = 0
            if found.index_behind:
                _, missing, orphans = self._heal_index()
            if found.scan_deferred:
                return FinishReport(found, missing, orphans)
            scanned = scan_new(self) if found.unscanned else None
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

    # -- search -------------------------------------------------------------------------------------

    def search(self, text: str, k: int = 10) -> list[SearchHit]:
        """The k stored claims closest in meaning to `text`, best first (cosine similarity)."""
        if not isinstance(text, str) or not text.strip():
            raise InputError("the search text is empty: give a claim to look for")
        if len(text) > MAX_QUERY_CHARS:
            raise InputError(
                f"the search text is {len(text)} characters long; search for a claim of at most "
                f"{MAX_QUERY_CHARS} characters (a sentence or two), not a whole document"
            )
        _validate_k(k)
        if not self.store.has_claims():
            return []
        return self.search_vector(self.embedder.encode([text.strip()])[0], k)

    def search_vector(self, vector: np.ndarray, k: int = 10) -> list[SearchHit]:
        """Like `search` for a vector already embedded with this workspace's model."""
        _validate_k(k)
        with self._lock:
            scores, ids = self.index.search(np.asarray(vector, dtype=np.float32).reshape(1, -1), k)
        pairs = [(int(i), float(s)) for s, i in zip(scores[0], ids[0], strict=True) if i >= 0]
        found = self.store.claim_map([i for i, _ in pairs])
        return [SearchHit(*found[i], score=s) for i, s in pairs if i in found]

    def vectors(self, rowids: Sequence[int]) -> np.ndarray:
        """The stored vectors of these claim rowids (KeyError if one has none)."""
        with self._lock:
            return self.index.reconstruct_many(list(rowids))

    def neighbours(self, rowids: Sequence[int], k: int, floor: float) -> Iterator[tuple[int, int, float]]:
        """(rowid, neighbour rowid, cosine) for the k nearest stored claims of each given claim with a
        cosine >= floor, itself excluded. Batched FAISS searches, NEIGHBOUR_CHUNK claims at a time:
        this is how the contradiction scan finds candidates without comparing all pairs."""
        _validate_k(k)
        for start in range(0, len(rowids), NEIGHBOUR_CHUNK):
            chunk = [int(r) for r in rowids[start : start + NEIGHBOUR_CHUNK]]
            with self._lock:
                index = self.index
                present = [r for r in chunk if index.reconstruct(r) is not None]
                if len(present) < len(chunk):
                    log.warning("%d claims have no vector; run `verifier doctor`", len(chunk) - len(present))
                if not present:
                    continue
                scores, ids = index.search(index.reconstruct_many(present), k + 1)
            for query, row_scores, row_ids in zip(present, scores, ids, strict=True):
                for score, hit in zip(row_scores, row_ids, strict=True):
                    if score < floor:
                        break  # rows are sorted, best first
                    if hit >= 0 and hit != query:
                        yield query, int(hit), float(score)

    # -- doctor -------------------------------------------------------------------------------------

    def doctor(self, rebuild: bool = False) -> DoctorReport:
        """Check the store, the index and the steps' records against each other and finish or repair what
        can be: missing vectors embedded, orphan vectors removed, an unreadable index rebuilt from the
        store, unscanned claims scanned, stale events regrouped (what `open` already finished of an
        interrupted run is reported too).

        An index built with another model is only rebuilt when asked (`rebuild=True`): re-embedding the
        corpus with a different model is a choice, not a repair. `rebuild=True` always re-embeds all.
        """
        notes = _Notes()
        counts = [0, 0]  # missing, orphan vectors
        if self.resumed is not None:
            self._note_finished(self.resumed, notes, counts)
            self.resumed = None
        with self._writing():
            version = self.store.schema_version
            for problem in self.store.integrity_problems():
                notes.problems.append(f"store: {problem}")
                notes.remaining.append(f"store: {problem} (restore the workspace from a backup)")
            index_model = self._doctor_index(rebuild, notes, counts)
            if not notes.remaining:
                self._note_finished(self.finish(), notes, counts)
            self._remove_leftover_temp_files(notes)
            vectors = self._index.count if (self._index is not None and not notes.remaining) else 0
            report = DoctorReport(
                schema_version=version,
                articles=self.store.count_articles(),
                claims=self.store.count_claims(),
                vectors=vectors,
                model=self.embedder.name,
                index_model=index_model,
                missing_vectors=counts[0],
                orphan_vectors=counts[1],
                rebuilt=notes.rebuilt and not notes.remaining,
                problems=tuple(notes.problems),
                actions=tuple(notes.actions),
                remaining=tuple(notes.remaining),
                deferred=tuple(notes.deferred),
            )
        for line in notes.problems:
            log.warning("doctor: %s", line)
        return report

    def _doctor_index(self, rebuild: bool, notes: _Notes, counts: list[int]) -> str | None:
        """The index part of `doctor`; returns the model the index on disk was built with."""
        meta = self._index_meta()
        index_model = meta.model if meta is not None else None
        index: VectorIndex | None = None
        try:
            index = None if rebuild else self._read_index()
        except ModelMismatchError as exc:
            notes.problems.append(str(exc))
            notes.remaining.append(str(exc))
        except StoreError as exc:
            notes.problems.append(str(exc))
            rebuild = True
        if index is None and not rebuild and not notes.remaining and self.store.count_claims():
            notes.problems.append("no index file although claims are stored")
            rebuild = True
        if rebuild:
            n = self.store.count_claims()
            index = self._new_index(n)
            embedded = self._embed_rowids(index, self.store.all_claim_rowids())
            self._save(index)
            self._keep(index, checked=True)
            notes.rebuilt = True
            notes.actions.append(f"rebuilt the index from the store: {n} claims, {embedded} texts embedded")
        elif index is not None:
            if index.stale_meta:
                notes.problems.append("the index metadata did not match the index (interrupted save)")
                notes.actions.append("rewrote the index metadata")
            self._note_finished(FinishReport(Unfinished(), *self._heal_index()[1:]), notes, counts)
        return index_model

    @staticmethod
    def _note_finished(done: FinishReport, notes: _Notes, counts: list[int]) -> None:
        """Doctor lines for what `finish` (or the repair of the index) found and did."""
        if done.missing_vectors:
            counts[0] += done.missing_vectors
            notes.problems.append(f"{done.missing_vectors} stored claims have no vector")
        if done.orphan_vectors:
            counts[1] += done.orphan_vectors
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

    def _remove_leftover_temp_files(self, notes: _Notes) -> None:
        leftovers = list(self.settings.workspace.glob(f".{self.settings.index_path.name}*.tmp"))
        for tmp in leftovers:
            tmp.unlink()
        if leftovers:
            notes.actions.append(f"removed {len(leftovers)} temporary files of an interrupted save")

    def status(self) -> dict[str, object]:
        """Counts for a status line; does not read the index or load the model."""
        return {
            "workspace": str(Path(self.settings.workspace)),
            "articles": self.store.count_articles(),
            "claims": self.store.count_claims(),
            "contradictions": self.store.count_contradictions(),
            "model": self.embedder.name,
        }
