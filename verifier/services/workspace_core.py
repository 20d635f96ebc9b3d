"""The store and the index derived from it, kept consistent under the workspace's writer lock, and the
searches over them. `verifier.services.workspace.Workspace` adds the jobs (ingest, finish, delete, doctor).

Consistency. The store is the source of truth; the FAISS index is derived from it and keyed by claim
rowid. Every write goes store first (one transaction per batch of articles), index second (saved
atomically). A kill at any moment therefore leaves either nothing new, or claims in the store whose
vectors are missing from the saved index, or (for a delete) vectors whose claims are gone. Both are
detected whenever the index is loaded (`workspace_index.compare`) and repaired: orphans removed, missing
vectors re-embedded. Writers in several processes (the app and the CLI) take an exclusive lock; over a
PostgreSQL store the store's own lock too, for workspaces on other machines (verifier.io.lock).

Readers never wait. SQLite runs in WAL mode (readers see the last commit while a writer works) and the
index is replaced atomically, so a reader reads the previous file. Only writers wait for the workspace
lock (`Settings.lock_timeout`); a reader that finds work left tries the lock without waiting, and if
another process holds it, reads what was last saved.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from verifier.core.errors import InputError
from verifier.core.records import SearchHit
from verifier.core.settings import Settings
from verifier.io.embed import Embedder
from verifier.io.index import IndexMeta, VectorIndex
from verifier.io.lock import SharedWriter, WorkspaceLock
from verifier.io.store import Store
from verifier.services import workspace_index as on_disk

log = logging.getLogger(__name__)

# A query is a claim: a sentence or two. The model reads at most 256 word pieces (~1,000 characters);
# anything much longer is a document pasted by mistake.
MAX_QUERY_CHARS = 5_000
MAX_K = 1_000
# Stored claims searched per FAISS call in `neighbours`: 1,024 x 384 floats = 1.5 MB of queries.
NEIGHBOUR_CHUNK = 1_024


def validate_k(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise InputError(f"k must be a whole number from 1 to {MAX_K}, not {k!r}")


class IndexedStore:
    """A workspace folder's store and index (claims.faiss + .json), the writer lock, and search."""

    def __init__(self, settings: Settings, store: Store, embedder: Embedder) -> None:
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self._index: VectorIndex | None = None
        # False while `_index` is a snapshot read as is because another process was writing (not checked
        # against the store nor repaired): a writer must read it again.
        self._index_checked = True
        self._stamp: on_disk.Stamp | None = None
        self._lock = threading.RLock()
        self._lock_depth = 0
        # Over a shared store (PostgreSQL) the store's own lock is taken too: other machines' workspaces
        # have folders (and file locks) of their own.
        shared = store if isinstance(store, SharedWriter) else None
        self._process_lock = WorkspaceLock(settings.workspace, settings.lock_timeout, shared)

    def close(self) -> None:
        self.store.close()
        self._index = None

    # -- the writer lock ----------------------------------------------------------------------------

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

    # -- the index on disk and in memory ------------------------------------------------------------

    def _disk_stamp(self) -> on_disk.Stamp | None:
        return on_disk.disk_stamp(self.settings.index_path)

    def _save(self, index: VectorIndex) -> None:
        index.save(self.settings.index_path)
        self._stamp = self._disk_stamp()

    def index_meta(self) -> IndexMeta | None:
        """The saved index's metadata (None when there is none); does not read the index."""
        return on_disk.read_meta(self.settings.index_path)

    @property
    def loaded_index(self) -> VectorIndex | None:
        """The index in memory as it is (None before the first use); never reads the file."""
        return self._index

    def read_index(self) -> VectorIndex | None:
        """The index on disk checked against the embedder (ModelMismatchError), or None if absent."""
        stamp = self._disk_stamp()  # before reading: a save racing the read then forces a re-read
        if not self.settings.index_path.exists():
            return None
        index = VectorIndex.load(self.settings.index_path, self.embedder.name, self.embedder.dim)
        self._stamp = stamp
        return index

    @property
    def index(self) -> VectorIndex:
        """The index, read on first use (or again if another process saved it) and made consistent
        with the store: an interrupted ingest or delete is repaired here. While another process writes,
        the index it last saved is used as it is (never waiting): claims stored since are found once it
        saves, and vectors of claims it removed match no stored claim, so they are never shown."""
        with self._lock:
            if self._index is not None and self._disk_stamp() == self._stamp:
                return self._index
            index = self.read_index()
            if index is None and not self.store.has_claims():
                return self._keep(on_disk.new_index(self.embedder), checked=True)
            if index is not None and not index.stale_meta and on_disk.compare(self.store, index).ok:
                return self._keep(index, checked=True)
            with self._holding(wait=False) as mine:
                if mine:
                    return self.heal_index()[0]
            log.info(
                "%s is writing the workspace: searching the index it saved last",
                self._process_lock.describe_holder(),
            )
            return self._keep(index or on_disk.new_index(self.embedder), checked=False)

    def _keep(self, index: VectorIndex, checked: bool) -> VectorIndex:
        self._index = index
        self._index_checked = checked
        if not self.settings.index_path.exists():
            self._stamp = None  # no file yet: read again as soon as one is saved
        return index

    def heal_index(self) -> tuple[VectorIndex, int, int]:
        """Under the writer lock: read the index afresh and make it hold exactly the stored claims.
        Returns (the index, claims embedded, vectors removed)."""
        index = self.read_index() or on_disk.new_index(self.embedder, self.store.count_claims())
        found = on_disk.compare(self.store, index)
        if not found.ok or index.stale_meta or not self.settings.index_path.exists():
            on_disk.repair(self.store, self.embedder, index, found)
            self._save(index)
        return self._keep(index, checked=True), len(found.missing), len(found.orphans)

    def rebuild_index(self) -> tuple[int, int]:
        """Under the writer lock: a new index of every stored claim, re-embedded, saved.
        Returns (claims indexed, texts embedded)."""
        n = self.store.count_claims()
        index = on_disk.new_index(self.embedder, n)
        embedded = on_disk.embed_rowids(self.store, self.embedder, index, self.store.all_claim_rowids())
        self._save(index)
        self._keep(index, checked=True)
        self.fit_index_to_size(index)
        return n, embedded

    def fit_index_to_size(self, index: VectorIndex) -> VectorIndex:
        """Under the writer lock, after writing: `index` converted to the type its size now calls for when it
        outgrew its kind (Flat past FLAT_MAX_VECTORS becomes HNSW; an IVF index needs a training pass, so a
        build adds to the largest kind that needs none and is converted here), saved and kept."""
        choice = index.outgrown()
        if choice is None:
            return index
        log.info("the index outgrew %s: converting it (%s)", index.index_type, choice.reason)
        grown = index.converted(choice.spec)
        self._save(grown)
        return self._keep(grown, checked=True)

    def _vectors_for(self, index: VectorIndex, texts: Sequence[tuple[str, str]]) -> tuple[np.ndarray, int]:
        return on_disk.vectors_for(self.store, self.embedder, index, texts)

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
        validate_k(k)
        if not self.store.has_claims():
            return []
        return self.search_vector(self.embedder.encode([text.strip()])[0], k)

    def search_vector(self, vector: np.ndarray, k: int = 10) -> list[SearchHit]:
        """Like `search` for a vector already embedded with this workspace's model."""
        validate_k(k)
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
        validate_k(k)
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
