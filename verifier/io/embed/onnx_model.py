"""The bundled all-MiniLM-L6-v2 quantised to int8, run by onnxruntime (no torch at run time).

The int8 file is built from the bundled weights on first use (`verifier.io.embed.onnx_build`) and cached.
Tokenisation is the model's own tokenizer.json (the `tokenizers` library), truncated at the model's
256 tokens as sentence-transformers does.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from verifier.core.errors import ConfigError
from verifier.core.settings import EMBEDDER_ONNX_INT8, MODEL_DIM, MODEL_NAME
from verifier.io.embed.base import bundled_model_path, empty
from verifier.io.embed.onnx_build import INPUT_NAMES, SHIPPED_RECIPE, Recipe, int8_model_file, max_seq_length

log = logging.getLogger(__name__)

ONNX_INT8 = EMBEDDER_ONNX_INT8
# Each text runs alone (a batch of one). Dynamic quantisation scales the activations by the largest value
# in the whole input, so in a padded batch a text's vector depended on its batch-mates (cosine between the
# same sentence embedded alone and in a batch of 64: min 0.980, measured 2026-12-02 on 2,000 STS-B news
# sentences). Alone, a text always gets the same vector, in a check as at ingest. It costs no speed: with
# no padding, batches of 1, 4, 16 and 64 embedded 332-465 sentences/s alike on one thread (same run).
# Batches are spread over `threads` workers, each running one text at a time on one intra-op thread.
SESSION_THREADS = 1


def new_session(model: Path, threads: int) -> Any:
    """An onnxruntime CPU session of `model` with `threads` intra-op threads (0 = its default)."""
    try:
        import onnxruntime as ort
    except ImportError as exc:
        raise ConfigError(
            "the int8 embedder needs onnxruntime: `pip install onnxruntime`, or set VERIFIER_EMBEDDER=torch"
        ) from exc
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    try:
        return ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own classes: wrap them at this edge
        raise ConfigError(
            f"onnxruntime cannot load {model} ({exc}); delete it to rebuild, or set VERIFIER_EMBEDDER=torch"
        ) from exc


class OnnxInt8Embedder:
    """all-MiniLM-L6-v2, int8 weights (per output channel), in onnxruntime. Warm up with `warm_up()`.

    Its `name` differs from the float32 model's: its vectors are close to torch's (cosine ~0.99) but not
    the same, so an index built by one is refused by the other rather than silently mixed.
    """

    kind = ONNX_INT8

    def __init__(
        self,
        model_path: str | None = None,
        recipe: Recipe = SHIPPED_RECIPE,
        cache: Path | None = None,
        threads: int = 0,
    ) -> None:
        if threads < 0:
            raise ConfigError(f"embedding threads must be 0 (one per core) or more, not {threads}")
        self.name = f"{MODEL_NAME}+{ONNX_INT8}-{recipe.name}"
        self.dim = MODEL_DIM
        self.recipe = recipe
        self.threads = threads or os.cpu_count() or 1
        self._model_path = model_path
        self._cache = cache
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None
        self._pool: ThreadPoolExecutor | None = None  # one per embedder: ingest calls encode per batch
        self.model_file: Path | None = None

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def warm_up(self) -> None:
        """Build the int8 file if needed (once per machine), then load the tokenizer and the session."""
        with self._lock:  # the app warms up in the background while a first request may arrive
            if self._session is not None:
                return
            from tokenizers import Tokenizer

            path = self._model_path or bundled_model_path()
            model_file = int8_model_file(path, self.recipe, self._cache)
            tokenizer = Tokenizer.from_file(str(Path(path) / "tokenizer.json"))
            tokenizer.no_padding()
            tokenizer.enable_truncation(max_seq_length(path))
            session = new_session(model_file, SESSION_THREADS)
            session.run(None, _feed(tokenizer.encode("warm").ids))  # first run allocates its buffers
            self._tokenizer, self.model_file = tokenizer, model_file
            if self.threads > 1:
                self._pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="embed")
            self._session = session
            log.info("int8 embedding model ready: %s", model_file)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            return empty(self.dim)
        self.warm_up()
        encodings = self._tokenizer.encode_batch(list(texts))
        session = self._session

        def one(encoding: Any) -> np.ndarray:
            pooled: np.ndarray = session.run(None, _feed(encoding.ids))[0][0]
            return pooled

        if self._pool is None or len(texts) == 1:
            rows = [one(e) for e in encodings]
        else:  # onnxruntime releases the GIL while it runs
            rows = list(self._pool.map(one, encodings))
        out = np.stack(rows).astype(np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def _feed(ids: Sequence[int]) -> dict[str, np.ndarray]:
    row = np.asarray(ids, dtype=np.int64).reshape(1, -1)
    ones = np.ones_like(row)
    return dict(zip(INPUT_NAMES, (row, ones, np.zeros_like(row)), strict=True))
