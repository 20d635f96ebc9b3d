"""Embedders: unit-length float32 rows; the fake is deterministic; the real model is loaded lazily; the
int8 build is chosen by a setting, stays close to torch, and its vectors are never mixed with torch's."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from verifier.core.errors import ConfigError, ModelMismatchError
from verifier.core.settings import MODEL_DIM, MODEL_NAME, Settings
from verifier.io.embed import (
    DEFAULT_EMBEDDER,
    FAKE_MODEL_NAME,
    Embedder,
    FakeEmbedder,
    OnnxInt8Embedder,
    SentenceTransformerEmbedder,
    embedder_from_settings,
)
from verifier.io.index import VectorIndex
from verifier.services.workspace import Workspace


def test_fake_embedder_is_deterministic_and_normalised() -> None:
    texts = ["Twelve people were killed in the blast.", "", "Rain is expected on Friday."]
    first = FakeEmbedder().encode(texts)
    again = FakeEmbedder().encode(texts)
    assert first.shape == (3, MODEL_DIM)
    assert first.dtype == np.float32
    np.testing.assert_array_equal(first, again)
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, rtol=1e-6)


def test_fake_embedder_puts_shared_words_closer() -> None:
    a, b, c = FakeEmbedder().encode(
        ["Twelve soldiers were killed in Darna", "Twelve soldiers died in Darna", "The bakery sells bread"]
    )
    assert float(a @ b) > float(a @ c)


def test_empty_input_gives_an_empty_matrix() -> None:
    assert FakeEmbedder().encode([]).shape == (0, MODEL_DIM)
    # the real embedder answers an empty batch without loading the model
    real = SentenceTransformerEmbedder()
    assert real.encode([]).shape == (0, MODEL_DIM)
    assert not real.loaded


def test_both_satisfy_the_protocol_and_have_different_names() -> None:
    fake, real = FakeEmbedder(), SentenceTransformerEmbedder()
    assert isinstance(fake, Embedder) and isinstance(real, Embedder)
    assert fake.name == FAKE_MODEL_NAME != real.name == MODEL_NAME


def test_settings_choose_the_bundled_model_only() -> None:
    assert SentenceTransformerEmbedder.from_settings(Settings(embed_batch=8)).batch_size == 8
    with pytest.raises(ConfigError, match="ships only all-MiniLM-L6-v2"):
        SentenceTransformerEmbedder.from_settings(Settings(model_name="bert-large"))
    with pytest.raises(ConfigError, match="batch size"):
        SentenceTransformerEmbedder(batch_size=0)


@pytest.mark.model
def test_real_model_vectors_are_unit_length_and_meaningful(
    model_embedder: SentenceTransformerEmbedder,
) -> None:
    vecs = model_embedder.encode(
        [
            "Floods forced thousands of families from their homes in the north.",
            "Thousands of households fled rising water in northern districts.",
            "The central bank left interest rates unchanged.",
        ]
    )
    assert vecs.shape == (3, MODEL_DIM) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-5)
    assert float(vecs[0] @ vecs[1]) > 0.5 > float(vecs[0] @ vecs[2])


# -- choosing the embedder ------------------------------------------------------------------------------


def test_settings_name_the_embedder_and_refuse_unknown_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().embedder == "auto"
    monkeypatch.setenv("VERIFIER_EMBEDDER", "torch")
    assert Settings.from_env().embedder == "torch"
    assert Settings.from_env(embedder="onnx-int8").embedder == "onnx-int8"  # a flag beats the environment
    monkeypatch.setenv("VERIFIER_EMBEDDER", "int4")
    with pytest.raises(ConfigError, match=r"unknown embedder 'int4' .*auto, torch, onnx-int8"):
        Settings.from_env()


@pytest.mark.parametrize(
    ("choice", "recorded", "expected"),
    [
        ("auto", None, OnnxInt8Embedder),  # a new workspace: the default
        ("auto", MODEL_NAME, SentenceTransformerEmbedder),  # an index of torch vectors keeps torch
        ("auto", "all-MiniLM-L6-v2+onnx-int8-mm-channel", OnnxInt8Embedder),
        ("auto", FAKE_MODEL_NAME, OnnxInt8Embedder),  # not ours: the default (the index then refuses it)
        ("torch", "all-MiniLM-L6-v2+onnx-int8-mm-channel", SentenceTransformerEmbedder),
        ("onnx-int8", MODEL_NAME, OnnxInt8Embedder),  # explicit: taken as it is
    ],
)
def test_the_embedder_follows_the_setting_then_the_workspace(
    choice: str, recorded: str | None, expected: type
) -> None:
    assert DEFAULT_EMBEDDER == "onnx-int8"
    embedder = embedder_from_settings(Settings(embedder=choice), recorded)
    assert type(embedder) is expected
    assert not embedder.loaded  # type: ignore[attr-defined]  # choosing loads nothing


def test_a_workspace_of_torch_vectors_opens_with_torch_and_refuses_int8(tmp_path: Path) -> None:
    settings = Settings(workspace=tmp_path / "ws")
    settings.workspace.mkdir()
    VectorIndex(MODEL_NAME, MODEL_DIM).save(settings.index_path)
    with Workspace.open(settings, resume=False) as ws:
        assert isinstance(ws.embedder, SentenceTransformerEmbedder)
        assert ws.index.count == 0
    with Workspace.open(replace(settings, embedder="onnx-int8"), resume=False) as ws:
        with pytest.raises(ModelMismatchError, match=r"built with all-MiniLM-L6-v2 .*onnx-int8"):
            ws.index  # noqa: B018 - reading the index is what refuses it


# -- the int8 model (real weights) ----------------------------------------------------------------------

SENTENCES = [
    "Floods forced thousands of families from their homes in the north.",
    "Thousands of households fled rising water in northern districts.",
    "The central bank left interest rates unchanged.",
    "At least 27 fighters were killed in the clashes near the port, officials said on Sunday.",
    "Ok.",
]


@pytest.fixture(scope="module")
def int8_embedder() -> OnnxInt8Embedder:
    """The int8 model from the machine's model cache (built there on first use, ~10 s, then reused)."""
    embedder = OnnxInt8Embedder()
    embedder.warm_up()
    return embedder


@pytest.mark.model
def test_int8_vectors_are_unit_length_close_to_torch_and_meaningful(
    int8_embedder: OnnxInt8Embedder, model_embedder: SentenceTransformerEmbedder
) -> None:
    vecs = int8_embedder.encode(SENTENCES)
    assert vecs.shape == (len(SENTENCES), MODEL_DIM) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-5)
    assert float(vecs[0] @ vecs[1]) > 0.5 > float(vecs[0] @ vecs[2])
    cosine_to_torch = np.sum(vecs * model_embedder.encode(SENTENCES), axis=1)
    # The shipped recipe's worst cosine on 2,000 STS-B news sentences was 0.986 (onnx_build.py). A text of
    # one word drifts further (0.969 for "Ok." here: few tokens, so each rounding weighs more).
    assert cosine_to_torch[:-1].min() > 0.98
    assert cosine_to_torch[-1] > 0.95


@pytest.mark.model
def test_int8_gives_a_text_the_same_vector_alone_and_in_any_batch(int8_embedder: OnnxInt8Embedder) -> None:
    batch = int8_embedder.encode(SENTENCES * 3)
    for i, text in enumerate(SENTENCES):
        np.testing.assert_array_equal(int8_embedder.encode([text])[0], batch[i])
    one_thread = OnnxInt8Embedder(threads=1)
    np.testing.assert_array_equal(one_thread.encode(SENTENCES), batch[: len(SENTENCES)])


@pytest.mark.model
def test_int8_model_is_built_once_and_then_read_from_the_cache(int8_embedder: OnnxInt8Embedder) -> None:
    assert int8_embedder.model_file is not None and int8_embedder.model_file.exists()
    stamp = int8_embedder.model_file.stat().st_mtime_ns
    again = OnnxInt8Embedder()
    again.warm_up()
    assert again.model_file == int8_embedder.model_file
    assert again.model_file.stat().st_mtime_ns == stamp  # not rebuilt
    assert again.name == "all-MiniLM-L6-v2+onnx-int8-mm-channel"


@pytest.mark.model
@pytest.mark.slow
def test_a_build_that_does_not_reproduce_the_model_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from verifier.io.embed import onnx_build

    monkeypatch.setattr(onnx_build, "QUANTISED_MIN_COSINE", 1.01)  # no int8 file can reach this
    with pytest.raises(ConfigError, match=r"the int8 model \(mm-channel\) does not reproduce the model"):
        OnnxInt8Embedder(cache=tmp_path).warm_up()
    assert list(tmp_path.glob("*.onnx")) == []  # nothing half-built is left to be read later


@pytest.mark.model
def test_the_cli_chooses_the_embedder_and_refuses_to_mix_their_vectors(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from verifier.shells.cli import main

    article = tmp_path / "crane.txt"
    article.write_text(
        "Nine people were injured when a crane fell on a bus shelter in the harbour district on Friday.\n",
        encoding="utf-8",
    )
    ws = ["--workspace", str(tmp_path / "ws")]
    runner = CliRunner()
    built = runner.invoke(main, [*ws, "--embedder", "torch", "ingest", str(article), "--no-scan"])
    assert built.exit_code == 0, built.output
    doctor = runner.invoke(main, [*ws, "doctor"])  # auto: the embedder that built the index
    assert "(all-MiniLM-L6-v2; this run uses all-MiniLM-L6-v2)" in doctor.output
    refused = runner.invoke(main, [*ws, "--embedder", "onnx-int8", "search", "a crane fell"])
    assert refused.exit_code == 2
    assert "this run uses all-MiniLM-L6-v2+onnx-int8-mm-channel" in refused.output
    assert "Vectors of two embedders cannot be searched together" in refused.output
    bad = runner.invoke(main, [*ws, "--embedder", "int4", "doctor"])
    assert bad.exit_code == 2 and "'int4' is not one of 'auto', 'torch', 'onnx-int8'" in bad.output
