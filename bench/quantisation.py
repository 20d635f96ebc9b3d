"""How the int8 recipe was chosen: each recipe of verifier.io.embed.onnx_build.RECIPES against torch float32.

    python -m bench.quantisation            # every STS-B news sentence, 5 interleaved speed rounds
    python -m bench.quantisation --smoke    # 100 sentences, 2 rounds (a check that it runs)

Not part of `make bench` (it quantises every recipe, minutes): it is the measurement behind the table in
verifier/io/embed/onnx_build.py. Per recipe: cosine of each sentence's int8 vector to torch's (each text run
alone, as the product does), STS-B news Spearman x100 (test and dev pairs together), and in rounds
alternating with torch (one thread each): throughput of a batch of 256 sentences and p50 of 60 single ones,
the median of the per-round ratios.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench._common import apply_torch_threads, emit, machine

log = logging.getLogger("bench.quantisation")

BATCH = 256
SINGLES = 60


def _speed(embedder: Any, texts: list[str]) -> tuple[float, float]:
    t0 = time.perf_counter()
    embedder.encode(texts[:BATCH])
    rate = min(BATCH, len(texts)) / (time.perf_counter() - t0)
    times = []
    for text in texts[-SINGLES:]:
        t1 = time.perf_counter()
        embedder.encode([text])
        times.append(time.perf_counter() - t1)
    return rate, float(np.median(times))


def run(smoke: bool) -> dict[str, Any]:
    from scipy.stats import spearmanr

    from bench.retrieval import read_sts
    from verifier.io.embed import OnnxInt8Embedder, SentenceTransformerEmbedder
    from verifier.io.embed.onnx_build import RECIPES

    rows = read_sts("test") + read_sts("dev")
    if smoke:
        rows = rows[:50]
    texts = [r[1] for r in rows] + [r[2] for r in rows]
    gold = np.array([r[0] for r in rows])
    apply_torch_threads()
    torch_e = SentenceTransformerEmbedder()
    reference = torch_e.encode(texts)

    def spearman(vectors: np.ndarray) -> float:
        n = len(rows)
        return round(float(spearmanr(np.sum(vectors[:n] * vectors[n:], axis=1), gold).statistic) * 100, 2)

    cache = Path(tempfile.mkdtemp(prefix="verifier-quantisation-"))
    out: dict[str, Any] = {
        "machine": machine(),
        "sentences": len(texts),
        "torch_spearman": spearman(reference),
    }
    embedders = {}
    for name, recipe in RECIPES.items():
        e = OnnxInt8Embedder(recipe=recipe, cache=cache, threads=1)
        e.warm_up()
        vectors = e.encode(texts)
        cosine = np.sum(vectors * reference, axis=1)
        out[name] = {
            "cosine_mean": round(float(cosine.mean()), 4),
            "cosine_min": round(float(cosine.min()), 4),
            "spearman": spearman(vectors),
        }
        embedders[name] = e
    ratios: dict[str, list[tuple[float, float]]] = {name: [] for name in embedders}
    for _ in range(2 if smoke else 5):
        t_rate, t_p50 = _speed(torch_e, texts)
        for name, e in embedders.items():
            rate, p50 = _speed(e, texts)
            ratios[name].append((rate / t_rate, t_p50 / p50))
    for name, pairs in ratios.items():
        arr = np.array(pairs)
        out[name]["batch_ratio"] = round(float(np.median(arr[:, 0])), 2)
        out[name]["single_p50_ratio"] = round(float(np.median(arr[:, 1])), 2)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quantisation", description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here too")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    result = run(args.smoke)
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
