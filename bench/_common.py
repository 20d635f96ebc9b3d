"""Shared helpers of the benchmarks: where the data is, the machine, timers, memory, percentiles."""

from __future__ import annotations

import json
import logging
import os
import platform
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("bench")

REPO = Path(__file__).resolve().parent.parent
# The shared data sets live beside the repository (`../shared`); BENCH_SHARED overrides for odd layouts.
SHARED = Path(os.environ.get("BENCH_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data"
EVAL = SHARED / "eval"
STSB_DIR = DATA / "stsb"
ECB_DOCS = DATA / "ecbplus" / "ecbplus_docs.jsonl"
FAKES_CSV = DATA / "fakes" / "FA-KES-Dataset.csv"
# FA-KES column names (see its SOURCE.txt): the importer's column mapping for it.
FAKES_COLUMNS = {"text": "article_content", "title": "article_title", "source": "source", "date": "date"}

# Fixed seed: a second run draws the same samples, so differences between runs are timing noise only.
SEED = 20261124


class BenchDataMissing(RuntimeError):
    """A shared data file the benchmark needs is not there."""


def need(path: Path) -> Path:
    if not path.exists():
        raise BenchDataMissing(f"{path} is missing: put the shared data beside the repository (../shared)")
    return path


# -- machine -------------------------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(module: str) -> str | None:
    try:
        mod = __import__(module)
    except ImportError:
        return None
    return str(getattr(mod, "__version__", "unknown"))


def git_commit() -> dict[str, Any]:
    def git(*args: str) -> str:
        try:
            out = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return ""
        return out.stdout.strip()

    return {
        "commit": git("rev-parse", "HEAD") or None,
        "dirty": bool(git("status", "--porcelain", "--", "verifier")),
    }


def machine() -> dict[str, Any]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "nproc": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "ram_gb": _ram_gb(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "torch": _version("torch"),
        "faiss": _faiss_version(),
        "sentence_transformers": _version("sentence_transformers"),
        "numpy": np.__version__,
        "load_average_at_start": [round(x, 2) for x in load] if load else None,
    }


def _faiss_version() -> str | None:
    try:
        from importlib.metadata import version

        return version("faiss-cpu")
    except Exception:  # noqa: BLE001 - informative only
        return None


# -- timing and memory ---------------------------------------------------------------------------------


@contextmanager
def timer() -> Iterator[list[float]]:
    """`with timer() as t: ...` then `t[0]` is the elapsed wall time in seconds."""
    out = [0.0]
    start = time.perf_counter()
    try:
        yield out
    finally:
        out[0] = time.perf_counter() - start


def rss_bytes() -> int:
    """Current resident set size (VmRSS from /proc/self/status), 0 where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def peak_rss_bytes() -> int:
    """Peak resident set size of this process so far (getrusage ru_maxrss, KiB on Linux)."""
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024


def percentiles_ms(seconds: Sequence[float]) -> dict[str, float | int]:
    arr = np.asarray(seconds, dtype=np.float64) * 1000.0
    if len(arr) == 0:
        return {"n": 0}
    return {
        "n": int(len(arr)),
        "p50_ms": round(float(np.percentile(arr, 50)), 2),
        "p95_ms": round(float(np.percentile(arr, 95)), 2),
        "p99_ms": round(float(np.percentile(arr, 99)), 2),
        "mean_ms": round(float(arr.mean()), 2),
        "max_ms": round(float(arr.max()), 2),
    }


# -- data ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EcbDoc:
    doc: str
    topic: int
    subtopic: str
    sentences: tuple[str, ...]


def load_ecb(limit_docs: int | None = None) -> list[EcbDoc]:
    docs: list[EcbDoc] = []
    with need(ECB_DOCS).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            raw = json.loads(line)
            docs.append(EcbDoc(raw["doc"], int(raw["topic"]), str(raw["subtopic"]), tuple(raw["sentences"])))
    if limit_docs is not None:
        docs = _spread(docs, limit_docs)
    return docs


def _spread(docs: list[EcbDoc], n: int) -> list[EcbDoc]:
    """A small sample that keeps several documents per subtopic (so retrieval has something to find)."""
    by_sub: dict[str, list[EcbDoc]] = {}
    for d in docs:
        by_sub.setdefault(d.subtopic, []).append(d)
    out: list[EcbDoc] = []
    for sub in sorted(by_sub):
        out += by_sub[sub][:4]
        if len(out) >= n:
            break
    return out[:n]


def load_fakes_articles() -> list[Any]:
    """FA-KES as Articles through the product's own importer (distinct texts)."""
    from verifier.io.importers import ColumnMapping, read_path

    result = read_path(need(FAKES_CSV), ColumnMapping(**FAKES_COLUMNS))
    return list(result.articles)


def fakes_mapping() -> Any:
    from verifier.io.importers import ColumnMapping

    return ColumnMapping(**FAKES_COLUMNS)


_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


# torch intra-op threads for the benchmark (BENCH_TORCH_THREADS; "default" leaves torch's choice, 2 here).
# 1 by default because this machine is shared by several jobs: at load average ~8 on 2 cores, measured
# 2026-11-24, one thread embedded a batch of 256 claims at 29.5/s against 21.8/s with two, and a single
# claim in 94 ms against 728 ms (threads spin-waiting for a core). The report states the setting used.
TORCH_THREADS_ENV = "BENCH_TORCH_THREADS"


def torch_threads() -> str:
    return os.environ.get(TORCH_THREADS_ENV, "1")


def apply_torch_threads() -> int | None:
    """Set torch's intra-op threads as configured; returns the number in use (None if torch is absent)."""
    try:
        import torch
    except ImportError:
        return None
    wanted = torch_threads()
    if wanted != "default":
        torch.set_num_threads(int(wanted))
    return int(torch.get_num_threads())


EMBEDDER_KINDS = ("real", "torch", "onnx-int8", "fake")


def get_embedder(kind: str) -> Any:
    """What a benchmark embeds with: "real" is what a new workspace of the product uses
    (verifier.io.embed.DEFAULT_EMBEDDER), "torch" / "onnx-int8" one build explicitly, "fake" the hashing fake
    (smoke test only). torch runs with the benchmark's thread setting; int8 with one worker per core."""
    from verifier.io.embed import (
        DEFAULT_EMBEDDER,
        FakeEmbedder,
        OnnxInt8Embedder,
        SentenceTransformerEmbedder,
    )

    if kind == "fake":
        return FakeEmbedder()
    if kind == "real":
        kind = DEFAULT_EMBEDDER
    embedder: Any
    if kind == "torch":
        apply_torch_threads()
        embedder = SentenceTransformerEmbedder()
    elif kind == "onnx-int8":
        embedder = OnnxInt8Embedder()
    else:
        raise ValueError(f"unknown embedder kind {kind!r}: one of {', '.join(EMBEDDER_KINDS)}")
    embedder.warm_up()
    return embedder


def write_json(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(payload, indent=2, sort_keys=False, default=_json_default) + "\n", encoding="utf-8"
    )


def _json_default(obj: Any) -> Any:
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return float(obj)
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def python_exe() -> str:
    return sys.executable


def emit(result: dict[str, Any], path: Path | None) -> None:
    """Print a benchmark's result as indented JSON and, when a path is given, write the same text there."""
    print(json.dumps(result, indent=2, default=_json_default))
    if path:
        write_json(path, result)
