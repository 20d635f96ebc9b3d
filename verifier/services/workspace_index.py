"""The workspace's index file against its store: what is on disk, whether it holds exactly the stored claims'
vectors, and vectors for claims that embed each text once.

The store is the source of truth and the index is keyed by claim rowid, so two id sets say everything:
stored claims missing from the index (an ingest killed before its save) and vectors of no stored claim (a
delete killed before its save). Rowids are never reused, so an orphan vector is never taken for a new claim.

Embedding once: claims with the same normalised text (`Claim.text_hash`: wire copies) share one vector.
Within a batch each text goes to the model once, and a text already stored reuses the vector of a stored
copy (`VectorIndex.reconstruct`), so no separate vector table is needed.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from verifier.core.errors import StoreError
from verifier.io.embed import Embedder
from verifier.io.index import (
    IVF_MIN_VECTORS,
    IndexMeta,
    VectorIndex,
    choose_index_type,
    ids_checksum,
    meta_path_for,
)
from verifier.io.store import Store

log = logging.getLogger(__name__)

# Claims per store transaction and per group of model calls: big enough that the model sees full
# batches (Settings.embed_batch = 64), small enough that the progress bar moves every few seconds.
BATCH_CLAIMS = 512

# What identifies the saved files' version: (mtime_ns, size, inode) of the index and of its metadata.
Stamp = tuple[int, ...]


def disk_stamp(index_path: Path) -> Stamp | None:
    """The saved index's stamp, None while either file is missing: a changed stamp means another process
    saved it since it was read."""
    stamp: list[int] = []
    for path in (index_path, meta_path_for(index_path)):
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        stamp += [st.st_mtime_ns, st.st_size, st.st_ino]
    return tuple(stamp)


def read_meta(index_path: Path) -> IndexMeta | None:
    """The saved index's metadata (model, count, id checksum), None when there is none or it is unreadable."""
    try:
        return IndexMeta.read(meta_path_for(index_path))
    except (FileNotFoundError, StoreError):
        return None


def recorded_model(index_path: Path) -> str | None:
    """The embedder named by the saved index's metadata: "auto" keeps it (None when there is none)."""
    meta = read_meta(index_path)
    return meta.model if meta is not None else None


def of_other_model(meta: IndexMeta | None, embedder: Embedder) -> bool:
    """The saved index holds another model's vectors (only `doctor --rebuild` goes on from there)."""
    return meta is not None and (meta.model != embedder.name or meta.dim != embedder.dim)


def index_behind(store: Store, index_path: Path) -> bool:
    """The saved index's metadata (count and id checksum) does not match the stored claim ids. Cheap: reads
    the metadata, not the index."""
    meta = read_meta(index_path)
    if meta is None or not index_path.exists():
        return store.has_claims() or index_path.exists()
    stored = store.all_claim_rowids()
    return meta.count != len(stored) or meta.ids_checksum != ids_checksum(stored)


def new_index(embedder: Embedder, n_vectors: int = 0) -> VectorIndex:
    """An empty index of the type for `n_vectors` (`choose_index_type`), for this embedder's vectors."""
    choice = choose_index_type(n_vectors)
    index = VectorIndex(embedder.name, embedder.dim, choice.spec)
    if index.needs_training:
        # The pipeline adds vectors batch by batch, with no training pass: take the largest type that needs
        # none; `IndexedStore.fit_index_to_size` converts it once the vectors are written.
        choice = choose_index_type(IVF_MIN_VECTORS - 1)
        index = VectorIndex(embedder.name, embedder.dim, choice.spec)
    log.info("new %s index: %s", choice.spec, choice.reason)
    return index


@dataclass(frozen=True)
class Consistency:
    """Stored claims without a vector (`missing`) and vectors without a stored claim (`orphans`)."""

    missing: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    orphans: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def ok(self) -> bool:
        return len(self.missing) == 0 and len(self.orphans) == 0


def compare(store: Store, index: VectorIndex) -> Consistency:
    """The stored claim ids against the index's ids."""
    stored = np.asarray(store.all_claim_rowids(), dtype=np.int64)
    indexed = index.ids()
    return Consistency(
        missing=np.setdiff1d(stored, indexed, assume_unique=True),
        orphans=np.setdiff1d(indexed, stored, assume_unique=True),
    )


def repair(store: Store, embedder: Embedder, index: VectorIndex, found: Consistency) -> None:
    """Make `index` hold exactly the stored claims: orphans removed, missing claims embedded (not saved)."""
    if len(found.orphans):
        log.warning("removing %d vectors whose claims are gone", len(found.orphans))
        index.remove(found.orphans.tolist())
    if len(found.missing):
        log.warning("embedding %d stored claims missing from the index", len(found.missing))
        embed_rowids(store, embedder, index, found.missing.tolist())


def vectors_for(
    store: Store, embedder: Embedder, index: VectorIndex, texts: Sequence[tuple[str, str]]
) -> tuple[np.ndarray, int]:
    """Vectors for (text, text_hash) items, reusing the vector of a stored claim with the same text when
    `index` has one, and embedding each remaining distinct text once.
    Returns the vectors aligned with `texts` and how many texts went to the model."""
    by_hash: dict[str, np.ndarray] = {}
    if index.count:
        for th, rowids in store.rowids_by_text_hash({th for _, th in texts}).items():
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
        encoded = embedder.encode(list(todo.values()))
        by_hash.update(zip(todo.keys(), encoded, strict=True))
    if not texts:
        return np.zeros((0, index.dim), dtype=np.float32), 0
    return np.stack([by_hash[th] for _, th in texts]).astype(np.float32), len(todo)


def embed_rowids(store: Store, embedder: Embedder, index: VectorIndex, rowids: Sequence[int]) -> int:
    """Add the vectors of stored claims to `index`, BATCH_CLAIMS at a time; returns how many texts went to
    the model."""
    embedded = 0
    for start in range(0, len(rowids), BATCH_CLAIMS):
        chunk = rowids[start : start + BATCH_CLAIMS]
        texts = store.texts_of(chunk)
        present = [r for r in chunk if r in texts]
        vectors, n = vectors_for(store, embedder, index, [texts[r] for r in present])
        index.add(present, vectors)
        embedded += n
    return embedded
