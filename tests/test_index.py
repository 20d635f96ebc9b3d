"""The FAISS index: ids are claim rowids, saves are atomic, another model's index is refused."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from verifier.core.errors import ModelMismatchError, StoreError
from verifier.io import index as index_mod
from verifier.io.embed import OnnxInt8Embedder, SentenceTransformerEmbedder
from verifier.io.index import (
    FLAT_MAX_VECTORS,
    IVF_MIN_VECTORS,
    VectorIndex,
    choose_index_type,
    ids_checksum,
    meta_path_for,
)


def unit_rows(n: int, dim: int = 8, seed: int = 0) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_search_returns_ids_and_cosine_best_first() -> None:
    vecs = unit_rows(5)
    idx = VectorIndex("m", 8)
    idx.add([10, 20, 30, 40, 50], vecs)
    scores, ids = idx.search(vecs[2], k=3)
    assert ids[0, 0] == 30
    assert scores[0, 0] == pytest.approx(1.0, abs=1e-5)
    assert list(scores[0]) == sorted(scores[0], reverse=True)
    assert idx.count == 5


def test_k_larger_than_the_index_returns_what_there_is() -> None:
    idx = VectorIndex("m", 8)
    assert idx.search(unit_rows(1), k=5)[1].shape == (1, 0)
    idx.add([1, 2], unit_rows(2))
    assert idx.search(unit_rows(1), k=5)[1].shape == (1, 2)


def test_remove_and_reconstruct() -> None:
    vecs = unit_rows(3)
    idx = VectorIndex("m", 8)
    idx.add([7, 8, 9], vecs)
    assert idx.remove([8, 999]) == 1
    assert sorted(idx.ids().tolist()) == [7, 9]
    np.testing.assert_allclose(idx.reconstruct(9), vecs[2])  # type: ignore[arg-type]
    assert idx.reconstruct(8) is None
    with pytest.raises(KeyError, match="8"):
        idx.reconstruct_many([7, 8])


def test_wrong_shapes_are_refused() -> None:
    idx = VectorIndex("m", 8)
    with pytest.raises(ValueError, match=r"\(n, 8\)"):
        idx.add([1], np.ones((1, 4), dtype=np.float32))
    with pytest.raises(ValueError, match="2 ids for 1 vectors"):
        idx.add([1, 2], unit_rows(1))


def test_save_load_round_trip_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "claims.faiss"
    idx = VectorIndex("model-a", 8)
    idx.add([3, 1, 2], unit_rows(3))
    idx.save(path)
    meta = json.loads(meta_path_for(path).read_text())
    assert meta == {
        "count": 3,
        "dim": 8,
        "format": 1,
        "ids_checksum": ids_checksum([1, 2, 3]),
        "index_type": "Flat",
        "model": "model-a",
    }
    loaded = VectorIndex.load(path, expect_model="model-a", expect_dim=8)
    assert sorted(loaded.ids().tolist()) == [1, 2, 3]
    assert not loaded.stale_meta
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_another_model_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "claims.faiss"
    VectorIndex("fake-token-hash", 384).save(path)
    with pytest.raises(ModelMismatchError) as err:
        VectorIndex.load(path, expect_model="all-MiniLM-L6-v2", expect_dim=384)
    assert str(err.value) == (
        "index was built with fake-token-hash (dim 384); this run uses all-MiniLM-L6-v2 (dim 384). "
        "Vectors of two embedders cannot be searched together: run with the embedder that built it "
        "(--embedder or VERIFIER_EMBEDDER; auto picks it), rebuild with `verifier doctor --rebuild`, "
        "or use another --workspace"
    )
    with pytest.raises(ModelMismatchError, match=r"dim 8"):
        VectorIndex.load(path, expect_model="fake-token-hash", expect_dim=8)


def test_vectors_of_the_same_model_run_by_another_embedder_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "claims.faiss"
    torch_name = SentenceTransformerEmbedder().name
    int8_name = OnnxInt8Embedder().name
    assert torch_name != int8_name  # the names are what the index compares
    VectorIndex(torch_name, 384).save(path)
    with pytest.raises(ModelMismatchError, match=r"built with all-MiniLM-L6-v2 \(dim 384\); this run uses "
                       r"all-MiniLM-L6-v2\+onnx-int8-mm-channel .*--embedder or VERIFIER_EMBEDDER"):
        VectorIndex.load(path, expect_model=int8_name, expect_dim=384)
    assert VectorIndex.load(path, expect_model=torch_name, expect_dim=384).count == 0


def test_a_failed_save_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "claims.faiss"
    idx = VectorIndex("m", 8)
    idx.add([1], unit_rows(1))
    idx.save(path)
    idx.add([2], unit_rows(1, seed=1))

    def broken_write(index: object, filename: str) -> None:
        Path(filename).write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(index_mod.faiss, "write_index", broken_write)
    with pytest.raises(OSError, match="disk full"):
        idx.save(path)
    monkeypatch.undo()
    assert VectorIndex.load(path).ids().tolist() == [1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.faiss", "claims.faiss.json"]


def test_stale_metadata_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "claims.faiss"
    idx = VectorIndex("m", 8)
    idx.add([1], unit_rows(1))
    idx.save(path)
    meta = meta_path_for(path).read_text()
    idx.add([2], unit_rows(1, seed=1))
    idx.save(path)
    meta_path_for(path).write_text(meta)  # as if killed between writing the index and its metadata
    assert VectorIndex.load(path).stale_meta


@pytest.mark.parametrize("damage", ["garbage", "no-meta", "bad-meta"])
def test_damaged_files_raise_store_error(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "claims.faiss"
    VectorIndex("m", 8).save(path)
    if damage == "garbage":
        path.write_bytes(b"not an index")
    elif damage == "no-meta":
        meta_path_for(path).unlink()
    else:
        meta_path_for(path).write_text("{")
    with pytest.raises(StoreError, match="doctor --rebuild"):
        VectorIndex.load(path)


@pytest.mark.parametrize(
    ("n", "spec"),
    [
        (0, "Flat"),
        (FLAT_MAX_VECTORS, "Flat"),
        (FLAT_MAX_VECTORS + 1, "HNSW32"),
        (IVF_MIN_VECTORS, "IVF65536,SQ8"),
    ],
)
def test_index_type_follows_corpus_size(n: int, spec: str) -> None:
    choice = choose_index_type(n)
    assert choice.spec == spec
    assert str(n) in choice.reason


def test_hnsw_index_can_delete_by_rebuilding() -> None:
    vecs = unit_rows(50, dim=16)
    idx = VectorIndex("m", 16, "HNSW32")
    idx.add(list(range(100, 150)), vecs)
    assert idx.remove([100, 101]) == 2
    assert idx.count == 48
    _, ids = idx.search(vecs[10], k=1)
    assert ids[0, 0] == 110


def test_ivf_index_must_be_trained_first() -> None:
    idx = VectorIndex("m", 8, "IVF2,Flat")
    with pytest.raises(ValueError, match="must be trained"):
        idx.add([1], unit_rows(1))
    idx.train(unit_rows(100))
    idx.add(list(range(100)), unit_rows(100))
    assert idx.remove([5]) == 1 and idx.count == 99


def _self_hits(idx: VectorIndex, ids: np.ndarray, vecs: np.ndarray) -> float:
    _, found = idx.search(vecs, k=1)
    return float((found[:, 0] == ids).mean())


def test_an_index_that_outgrew_its_kind_is_converted_with_the_same_ids_and_vectors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(index_mod, "FLAT_MAX_VECTORS", 100)
    monkeypatch.setattr(index_mod, "IVF_MIN_VECTORS", 400)
    vecs = unit_rows(300, dim=16, seed=3)
    ids = np.arange(1000, 1300, dtype=np.int64)
    flat = VectorIndex("m", 16, "Flat")
    flat.add(ids[:80], vecs[:80])
    assert flat.outgrown() is None  # within Flat's range
    flat.add(ids[80:], vecs[80:])
    choice = flat.outgrown()
    assert choice is not None and choice.spec == "HNSW32"
    graph = flat.converted(choice.spec)
    assert graph.index_type == "HNSW32" and graph.model == "m"
    assert graph.ids().tolist() == ids.tolist()
    assert np.array_equal(graph.reconstruct_many(ids.tolist()), flat.reconstruct_many(ids.tolist()))
    assert _self_hits(graph, ids, vecs) == 1.0
    assert graph.outgrown() is None  # HNSW serves up to IVF_MIN_VECTORS


def test_a_graph_index_past_the_ivf_size_is_trained_and_converted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_mod, "FLAT_MAX_VECTORS", 50)
    monkeypatch.setattr(index_mod, "IVF_MIN_VECTORS", 200)
    vecs = unit_rows(400, dim=16, seed=4)
    ids = np.arange(400, dtype=np.int64)
    graph = VectorIndex("m", 16, "HNSW32")
    graph.add(ids, vecs)
    choice = graph.outgrown()
    assert choice is not None and choice.spec == "IVF10,SQ8"  # 400 // 39 cells
    ivf = graph.converted(choice.spec)
    assert not ivf.needs_training and ivf.count == 400
    assert _self_hits(ivf, ids, vecs) >= 0.95  # a vector's own cell is the nearest to it
    assert np.abs(ivf.all_vectors() - vecs).max() < 0.05  # 8 bits per dimension: close, not equal
    assert np.array_equal(graph.all_vectors(), vecs)
    assert ivf.outgrown() is None
    with pytest.raises(ValueError, match="approximate vectors"):
        ivf.converted("HNSW32")


def test_a_shrunk_index_keeps_its_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_mod, "FLAT_MAX_VECTORS", 50)
    graph = VectorIndex("m", 8, "HNSW32")
    graph.add(list(range(10)), unit_rows(10))
    assert graph.outgrown() is None  # 10 vectors would be Flat, but converting down gains nothing
