"""Sentence embeddings of the bundled all-MiniLM-L6-v2, in two builds, and a fast fake for tests.

- `OnnxInt8Embedder` ("onnx-int8"): int8 weights in onnxruntime, built from the bundled weights on first
  use; ~2x the batch throughput and ~5x the single-claim speed of torch (docs/benchmarks.md).
- `SentenceTransformerEmbedder` ("torch"): the float32 model in torch, as trained.
- `FakeEmbedder`: hashed bag of words, for plumbing tests.

`embedder_from_settings` picks one by `Settings.embedder` (VERIFIER_EMBEDDER, --embedder).
"""

from __future__ import annotations

from verifier.core.errors import ConfigError
from verifier.core.settings import EMBEDDER_AUTO, EMBEDDER_TORCH, MODEL_NAME, Settings
from verifier.io.embed.base import FAKE_MODEL_NAME, Embedder, FakeEmbedder, bundled_model_path
from verifier.io.embed.onnx_build import RECIPES, SHIPPED_RECIPE
from verifier.io.embed.onnx_model import ONNX_INT8, OnnxInt8Embedder
from verifier.io.embed.torch_model import SentenceTransformerEmbedder

__all__ = [
    "DEFAULT_EMBEDDER",
    "FAKE_MODEL_NAME",
    "Embedder",
    "FakeEmbedder",
    "OnnxInt8Embedder",
    "SentenceTransformerEmbedder",
    "bundled_model_path",
    "embedder_from_settings",
    "kind_of",
]

# What a new workspace embeds with when nothing is set. onnx-int8: in the run of docs/benchmarks.md it
# kept STS-B news and ECB+ recall@10 within 0.5 points of torch float32 and met the speed targets.
DEFAULT_EMBEDDER = ONNX_INT8

_INT8_PREFIX = f"{MODEL_NAME}+{ONNX_INT8}-"


def kind_of(model_name: str) -> str | None:
    """Which of our embedders wrote vectors recorded under `model_name` ("torch", "onnx-int8"), or None."""
    if model_name == MODEL_NAME:
        return EMBEDDER_TORCH
    if model_name.startswith(_INT8_PREFIX):
        return ONNX_INT8
    return None


def embedder_from_settings(settings: Settings, recorded_model: str | None = None) -> Embedder:
    """The embedder `settings.embedder` names. "auto" keeps the embedder that wrote the workspace's index
    (`recorded_model`, from its metadata), so an existing workspace goes on working; a new one gets
    DEFAULT_EMBEDDER. An explicit choice is taken as it is, and an index of another embedder is refused."""
    if settings.model_name != MODEL_NAME:
        raise ConfigError(
            f"unknown embedding model {settings.model_name!r}: this build ships only {MODEL_NAME}"
        )
    choice = settings.embedder
    if choice == EMBEDDER_AUTO:
        choice = (kind_of(recorded_model) if recorded_model else None) or DEFAULT_EMBEDDER
    if choice == EMBEDDER_TORCH:
        return SentenceTransformerEmbedder.from_settings(settings)
    if choice == ONNX_INT8:
        recipe = SHIPPED_RECIPE
        if recorded_model and recorded_model.startswith(_INT8_PREFIX) and settings.embedder == EMBEDDER_AUTO:
            # an index of an earlier recipe keeps its recipe (the file is rebuilt from the same weights)
            recipe = RECIPES.get(recorded_model[len(_INT8_PREFIX) :], SHIPPED_RECIPE)
        return OnnxInt8Embedder(recipe=recipe)
    raise ConfigError(f"unknown embedder {choice!r}")  # pragma: no cover - Settings validates the name
