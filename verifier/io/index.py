"""The FAISS vector index of claims (the only module importing faiss).

Ids are int64 = the store's claim rowid. Vectors are unit length, so inner product = cosine.
The index file is written atomically (temp file + os.replace) with a JSON metadata file beside it
naming the model, dimension, count, index type and a checksum of the ids, so a run with another
model is refused and a stale or half-saved index is detected. Never pickled.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from verifier.core.errors import ModelMismatchError, StoreError

log = logging.getLogger(__name__)

INDEX_FORMAT = 1

# Flat (exact search) up to this size: ~14 ms per query at 100k vectors on 2 cores (docs LIBRARIES.md),
# fine for a newsroom corpus; exact results also keep tests and reviews reproducible.
FLAT_MAX_VECTORS = 200_000
# Above it HNSW32: no training step, and at 1M claims (docs/benchmarks.md, 2026-12-02) ~1.9 KB of memory
# per claim with the store open (the target is 2 KB), a search of ~3-4 ms at efSearch 256 with recall@10
# 0.962 against exact search; Flat would cost ~190 ms a search there (LIBRARIES.md). IVF+SQ8 (~0.4 KB)
# would need a training pass on a sample and its recall was not measured at this size.
HNSW_NEIGHBOURS = 32
# Above this, HNSW's memory (~9.5 GB at 5M) and build (10-13 min per 1M here, measured 2026-12-02) matter
# more: IVF + 8-bit scalar quantiser, ~0.4 KB per vector. FAISS wants >= 39 training points per IVF
# cell, so nlist = n / 39 capped.
IVF_MIN_VECTORS = 5_000_000
# HNSW's search breadth (efSearch), set by the sweep of `make bench` at 1M claims (2026-12-02, 200 held-out
# claim vectors, recall@10 against exact search, ties counted): 16 -> 0.770, 32 -> 0.851, 64 -> 0.904,
# 128 -> 0.940, 256 -> 0.962, at ~3 ms a search for 256 (one thread) against a check of ~35 ms. 256 is the
# smallest measured breadth reaching the 0.95 of issue 13; each `make bench` measures the sweep again.
HNSW_EF_SEARCH = 256
# The breadths the benchmark measures (recall@10 and latency) beside the shipped one.
HNSW_EF_SWEEP = (16, 32, 64, 128, 256)
# A search of a few queries runs on one OpenMP thread: measured here (2 cores, busy), a single query with
# two threads cost 10-100x more in spin and barrier time than it gained. Batch searches (the scan) keep all.
SMALL_SEARCH = 16
SMALL_SEARCH_THREADS = 1
IVF_POINTS_PER_CELL = 39
IVF_MAX_CELLS = 65_536
# Vectors read and added per step when an index is converted to another type: 100,000 x 384 floats = 150 MB.
_CONVERT_CHUNK = 100_000
# Exact search of a batch goes through BLAS only when queries x dimensions reach this (FAISS 1.15 ships
# 128,000: below 334 queries of 384 dimensions it scores them one by one). Measured here (2 cores,
# 2026-12-02, flat index of 100k vectors, best of 3): BLAS is faster from 5 queries on, 300 queries took
# 5.0 ms each one by one and 0.34 ms each through BLAS; a scan of 280 new claims at 100k claims took
# 1.6 s for its search, 0.15 s with 426. 1,600 keeps 1-4 queries (a check) on the one-by-one path.
BLAS_MIN_QUERY_VALUES = 1_600
faiss.cvar.distance_compute_blas_threshold = BLAS_MIN_QUERY_VALUES


@dataclass(frozen=True)
class IndexChoice:
    """A FAISS factory string (without the id map) and why it was chosen."""

    spec: str
    reason: str


def choose_index_type(n_vectors: int) -> IndexChoice:
    """Pick the index type for a corpus of `n_vectors`. Flat unless the corpus is large."""
    if n_vectors <= FLAT_MAX_VECTORS:
        return IndexChoice("Flat", f"{n_vectors} <= {FLAT_MAX_VECTORS} vectors: exact search is fast enough")
    if n_vectors < IVF_MIN_VECTORS:
        return IndexChoice(
            f"HNSW{HNSW_NEIGHBOURS}",
            f"{n_vectors} > {FLAT_MAX_VECTORS} vectors: graph search, a few ms, no training",
        )
    cells = max(1, min(IVF_MAX_CELLS, n_vectors // IVF_POINTS_PER_CELL))
    return IndexChoice(
        f"IVF{cells},SQ8", f"{n_vectors} >= {IVF_MIN_VECTORS} vectors: memory first (~0.4 KB per vector)"
    )


# The kinds of index by the size they serve, smallest first: an index that grew past its kind's range is
# converted to the next (`VectorIndex.outgrown`, `converted`); one that shrank keeps its kind.
INDEX_KINDS = ("Flat", "HNSW", "IVF")
# Vectors of the sample an IVF index is trained on, per cell: FAISS's k-means reads at most 256 per centroid.
IVF_TRAIN_POINTS_PER_CELL = 256


def index_kind(index_type: str) -> int:
    """The rank of an index type's kind in INDEX_KINDS ("Flat" 0, "HNSW32" 1, "IVF1024,SQ8" 2)."""
    for rank in range(len(INDEX_KINDS) - 1, -1, -1):
        if index_type.startswith(INDEX_KINDS[rank]):
            return rank
    raise ValueError(f"unknown index type {index_type!r}")


def ids_checksum(ids: Iterable[int] | np.ndarray) -> str:
    """Order-free checksum of a set of ids: the store computes the same to compare without loading."""
    raw = ids if isinstance(ids, np.ndarray) else np.fromiter(ids, dtype=np.int64)
    arr = np.unique(raw.astype(np.int64))
    return hashlib.sha256(arr.astype("<i8").tobytes()).hexdigest()[:16]


@dataclass(frozen=True)
class IndexMeta:
    model: str
    dim: int
    count: int
    index_type: str
    ids_checksum: str
    format: int = INDEX_FORMAT

    @classmethod
    def read(cls, path: Path) -> IndexMeta:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                model=str(raw["model"]),
                dim=int(raw["dim"]),
                count=int(raw["count"]),
                index_type=str(raw["index_type"]),
                ids_checksum=str(raw["ids_checksum"]),
                format=int(raw.get("format", INDEX_FORMAT)),
            )
        except FileNotFoundError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreError(
                f"the index metadata {path} is unreadable ({exc}); rebuild with `verifier doctor --rebuild`"
            ) from exc


def meta_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _atomic_write(path: Path, write: object) -> None:
    """Write via a temp file in the same folder, fsync, then os.replace: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.close(fd)
        write(tmp)  # type: ignore[operator]
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _tune(index: Any, index_type: str, ef_search: int = HNSW_EF_SEARCH) -> None:
    """Search-time parameters that faiss does not store with the index (set after create and load)."""
    if index_type.startswith("HNSW"):
        faiss.ParameterSpace().set_index_parameter(index, "efSearch", ef_search)


class VectorIndex:
    """Claim vectors by claim rowid: add, remove, search, reconstruct, save, load."""

    def __init__(self, model: str, dim: int, index_type: str = "Flat") -> None:
        self.model = model
        self.dim = dim
        self.index_type = index_type
        # Any: faiss's stubs know only the base Index, not IndexIDMap2's id_map or remove_ids(array).
        self._index: Any = faiss.index_factory(dim, f"IDMap2,{index_type}", faiss.METRIC_INNER_PRODUCT)
        _tune(self._index, index_type)

    # -- contents -----------------------------------------------------------------------------------

    @property
    def count(self) -> int:
        return int(self._index.ntotal)

    def __len__(self) -> int:
        return self.count

    def ids(self) -> np.ndarray:
        """All ids, int64, in insertion order."""
        return faiss.vector_to_array(self._index.id_map).astype(np.int64)

    def _as_matrix(self, vectors: np.ndarray) -> np.ndarray:
        mat = np.ascontiguousarray(vectors, dtype=np.float32)
        if mat.ndim == 1:
            mat = mat.reshape(1, -1)
        if mat.ndim != 2 or mat.shape[1] != self.dim:
            raise ValueError(f"vectors must have shape (n, {self.dim}), got {vectors.shape}")
        return mat

    def add(self, ids: Sequence[int] | np.ndarray, vectors: np.ndarray) -> None:
        id_arr = np.ascontiguousarray(ids, dtype=np.int64).reshape(-1)
        mat = self._as_matrix(vectors)
        if len(id_arr) != len(mat):
            raise ValueError(f"{len(id_arr)} ids for {len(mat)} vectors")
        if len(id_arr) == 0:
            return
        if self.needs_training:
            raise ValueError(f"a {self.index_type} index must be trained (`train(sample)`) before adding")
        self._index.add_with_ids(mat, id_arr)

    @property
    def needs_training(self) -> bool:
        return not self._index.is_trained

    def train(self, sample: np.ndarray) -> None:
        """Learn the cells of an IVF index from a representative sample (>= 39 points per cell)."""
        self._index.train(self._as_matrix(sample))

    def remove(self, ids: Iterable[int]) -> int:
        """Remove these ids (absent ones are ignored); returns how many were removed."""
        id_arr = np.fromiter(ids, dtype=np.int64)
        if len(id_arr) == 0 or self.count == 0:
            return 0
        try:
            return int(self._index.remove_ids(id_arr))
        except RuntimeError:
            # Graph indexes (HNSW) cannot delete in place: rebuild from the remaining vectors.
            return self._rebuild_without(set(id_arr.tolist()))

    def _rebuild_without(self, drop: set[int]) -> int:
        keep = [i for i in self.ids().tolist() if i not in drop]
        vectors = self.reconstruct_many(keep)
        removed = self.count - len(keep)
        self._index = faiss.index_factory(self.dim, f"IDMap2,{self.index_type}", faiss.METRIC_INNER_PRODUCT)
        _tune(self._index, self.index_type)
        if self.needs_training:
            self.train(vectors)
        self.add(keep, vectors)
        return removed

    def outgrown(self) -> IndexChoice | None:
        """The type this index's size now calls for (`choose_index_type`), when it is of a larger kind than
        this one's: an index that grew by ingests from Flat past FLAT_MAX_VECTORS. None otherwise."""
        choice = choose_index_type(self.count)
        return choice if index_kind(choice.spec) > index_kind(self.index_type) else None

    def converted(self, index_type: str) -> VectorIndex:
        """A new index of `index_type` holding this one's vectors under the same ids, trained first if its
        type needs it (on a seeded sample). Exact only from an index that keeps whole vectors (Flat, HNSW)."""
        if index_kind(self.index_type) >= index_kind("IVF"):
            raise ValueError(f"a {self.index_type} index keeps approximate vectors: rebuild from the store")
        ids, vectors = self.ids(), self.all_vectors()
        out = VectorIndex(self.model, self.dim, index_type)
        if out.needs_training:
            cells = int(getattr(faiss.extract_index_ivf(out._index.index), "nlist", 1))
            rng = np.random.default_rng(0)
            take = min(len(vectors), cells * IVF_TRAIN_POINTS_PER_CELL)
            out.train(vectors[np.sort(rng.choice(len(vectors), take, replace=False))])
        for start in range(0, len(ids), _CONVERT_CHUNK):
            out.add(ids[start : start + _CONVERT_CHUNK], vectors[start : start + _CONVERT_CHUNK])
        log.info("index converted from %s to %s (%d vectors)", self.index_type, index_type, self.count)
        return out

    def all_vectors(self) -> np.ndarray:
        """Every stored vector, in the order of `ids()` (whole for Flat and HNSW, decoded for IVF+SQ8)."""
        vectors = np.empty((self.count, self.dim), dtype=np.float32)
        inner = self._index.index  # the vectors in insertion order, aligned with the id map
        if index_kind(self.index_type) >= index_kind("IVF"):
            faiss.extract_index_ivf(inner).make_direct_map()
        for start in range(0, self.count, _CONVERT_CHUNK):
            n = min(_CONVERT_CHUNK, self.count - start)
            vectors[start : start + n] = inner.reconstruct_n(start, n)
        return vectors

    def reconstruct(self, id_: int) -> np.ndarray | None:
        """The stored vector of one id, or None if the id is not in the index."""
        try:
            return np.asarray(self._index.reconstruct(int(id_)), dtype=np.float32)
        except RuntimeError:
            return None

    def reconstruct_many(self, ids: Sequence[int]) -> np.ndarray:
        """Vectors of ids that must all be present (KeyError naming the first missing one)."""
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        for row, id_ in enumerate(ids):
            vec = self.reconstruct(id_)
            if vec is None:
                raise KeyError(f"id {id_} is not in the index")
            out[row] = vec
        return out

    def set_ef_search(self, ef_search: int) -> None:
        """Set an HNSW index's search breadth for this process (the benchmark's sweep); no-op otherwise."""
        if ef_search < 1:
            raise ValueError(f"efSearch must be at least 1, not {ef_search}")
        _tune(self._index, self.index_type, ef_search)

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids), each (n, k'), k' = min(k, count); best first. Cosine for unit vectors."""
        mat = self._as_matrix(vectors)
        if k < 1:
            raise ValueError(f"k must be at least 1, not {k}")
        k_eff = min(k, self.count)
        if k_eff == 0:
            return np.zeros((len(mat), 0), dtype=np.float32), np.zeros((len(mat), 0), dtype=np.int64)
        if len(mat) <= SMALL_SEARCH:
            threads = faiss.omp_get_max_threads()
            faiss.omp_set_num_threads(SMALL_SEARCH_THREADS)
            try:
                scores, ids = self._index.search(mat, k_eff)
            finally:
                faiss.omp_set_num_threads(threads)
        else:
            scores, ids = self._index.search(mat, k_eff)
        return scores.astype(np.float32), ids.astype(np.int64)

    # -- persistence --------------------------------------------------------------------------------

    def meta(self) -> IndexMeta:
        return IndexMeta(
            model=self.model,
            dim=self.dim,
            count=self.count,
            index_type=self.index_type,
            ids_checksum=ids_checksum(self.ids()),
        )

    def save(self, path: str | os.PathLike[str]) -> IndexMeta:
        """Write the index, then its metadata, each atomically. A kill between the two leaves metadata
        whose checksum no longer matches the index: `load` reports it as stale, nothing is lost."""
        target = Path(path)
        meta = self.meta()
        _atomic_write(target, lambda tmp: faiss.write_index(self._index, tmp))
        payload = json.dumps(asdict(meta), indent=2, sort_keys=True) + "\n"
        _atomic_write(meta_path_for(target), lambda tmp: Path(tmp).write_text(payload, encoding="utf-8"))
        log.debug("saved index %s (%d vectors)", target, meta.count)
        return meta

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str],
        expect_model: str | None = None,
        expect_dim: int | None = None,
    ) -> VectorIndex:
        """Read an index and check it was built with `expect_model` / `expect_dim`.

        Raises ModelMismatchError when it was not, StoreError when the files are missing or damaged.
        `index.stale_meta` is True when the metadata's count or checksum disagrees with the index read.
        """
        target = Path(path)
        try:
            meta = IndexMeta.read(meta_path_for(target))
        except FileNotFoundError as exc:
            raise StoreError(
                f"the index {target} has no metadata file; rebuild with `verifier doctor --rebuild`"
            ) from exc
        if (expect_model is not None and meta.model != expect_model) or (
            expect_dim is not None and meta.dim != expect_dim
        ):
            # Vectors of two embedders never mix, even of one model: int8 and float32 vectors of the same
            # text differ (cosine ~0.99), so a search across both would rank by the embedder, not the text.
            raise ModelMismatchError(
                f"index was built with {meta.model} (dim {meta.dim}); this run uses "
                f"{expect_model or meta.model} (dim {expect_dim or meta.dim}). Vectors of two embedders "
                "cannot be searched together: run with the embedder that built it (--embedder or "
                "VERIFIER_EMBEDDER; auto picks it), rebuild with `verifier doctor --rebuild`, "
                "or use another --workspace"
            )
        try:
            raw = faiss.read_index(str(target))
        except RuntimeError as exc:
            raise StoreError(
                f"the index {target} is unreadable; rebuild with `verifier doctor --rebuild`"
            ) from exc
        if raw.d != meta.dim:
            raise StoreError(
                f"the index {target} holds {raw.d}-dimensional vectors but its metadata says {meta.dim}; "
                "rebuild with `verifier doctor --rebuild`"
            )
        index = cls.__new__(cls)
        index.model = meta.model
        index.dim = meta.dim
        index.index_type = meta.index_type
        index._index = raw  # read_index returns the concrete class; it owns the C++ object
        _tune(raw, meta.index_type)
        if not isinstance(index._index, faiss.IndexIDMap2):
            raise StoreError(f"the index {target} has no id map; rebuild with `verifier doctor --rebuild`")
        index.stale_meta = meta.count != index.count or meta.ids_checksum != ids_checksum(index.ids())
        if index.stale_meta:
            log.warning("index metadata %s is stale (an interrupted save?)", meta_path_for(target))
        return index

    stale_meta: bool = False
