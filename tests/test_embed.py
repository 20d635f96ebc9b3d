"""Embedders: unit-length float32 rows; the fake is deterministic; the real model is loaded lazily."""

from __future__ import annotations

import numpy as np
import pytest

from verifier.embed import FAKE_MODEL_NAME, Embedder, FakeEmbedder, SentenceTransformerEmbedder
from verifier.errors import ConfigError
from verifier.settings import MODEL_DIM, MODEL_NAME, Settings


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
