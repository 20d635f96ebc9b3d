"""The bundled all-MiniLM-L6-v2 in float32, through sentence-transformers and torch (loaded once)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from verifier.core.errors import ConfigError
from verifier.core.settings import DEFAULT_EMBED_BATCH, MODEL_DIM, MODEL_NAME, Settings
from verifier.io.embed.base import bundled_model_path, empty

log = logging.getLogger(__name__)

# A query of a few texts runs on one torch thread. Measured here (2 cores, load ~5, 2026-11-24): one short
# claim took p50 760 ms with torch's default 2 threads and 77 ms with 1, because the intra-op threads spin
# against whatever else the machine runs. Batches (ingest) keep torch's default: they amortise the cost.
SMALL_ENCODE = 8
SMALL_ENCODE_THREADS = 1

# One loaded model per model folder and process: loading costs ~10 s (mostly importing torch), and
# the CLI, the app and the test session each need it at most once.
_MODELS: dict[str, Any] = {}
_MODELS_LOCK = threading.Lock()


def _load_sentence_transformer(path: str) -> Any:
    with _MODELS_LOCK:
        model = _MODELS.get(path)
        if model is None:
            # No model hub here: without these, a missing file means a minute of retries before failing.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer

            log.info("loading embedding model from %s", path)
            model = SentenceTransformer(path, device="cpu")
            _MODELS[path] = model
        return model


class SentenceTransformerEmbedder:
    """The bundled all-MiniLM-L6-v2 in torch float32, loaded on first use (`warm_up()`), offline."""

    kind = "torch"

    def __init__(
        self,
        model_path: str | None = None,
        batch_size: int = DEFAULT_EMBED_BATCH,
        name: str = MODEL_NAME,
        dim: int = MODEL_DIM,
    ) -> None:
        if batch_size < 1:
            raise ConfigError(f"embedding batch size must be at least 1, not {batch_size}")
        self.name = name
        self.dim = dim
        self.batch_size = batch_size
        self._model_path = model_path
        self._model: Any = None

    @classmethod
    def from_settings(cls, settings: Settings) -> SentenceTransformerEmbedder:
        if settings.model_name != MODEL_NAME:
            raise ConfigError(
                f"unknown embedding model {settings.model_name!r}: this build ships only {MODEL_NAME}"
            )
        return cls(batch_size=settings.embed_batch)

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def warm_up(self) -> None:
        """Load the model now (it is otherwise loaded by the first `encode`)."""
        if self._model is not None:
            return
        path = self._model_path or bundled_model_path()
        model = _load_sentence_transformer(path)
        actual = model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension") else (
            model.get_sentence_embedding_dimension()
        )
        if actual != self.dim:
            raise ConfigError(f"the model at {path} gives {actual}-dimensional vectors, expected {self.dim}")
        self._model = model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            return empty(self.dim)
        self.warm_up()
        import torch

        threads = torch.get_num_threads()
        small = len(texts) <= SMALL_ENCODE
        if small:
            torch.set_num_threads(SMALL_ENCODE_THREADS)
        try:
            vectors = self._model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        finally:
            if small:
                torch.set_num_threads(threads)
        return np.ascontiguousarray(vectors, dtype=np.float32)
