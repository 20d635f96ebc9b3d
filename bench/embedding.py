"""int8 ONNX against torch float32, same claims, same process, interleaved: speed and retrieval quality.

Speed: FA-KES claim texts (the product's own segmenter) embedded as one batch (throughput) and one at a
time (latency of a `check`), alternating torch and int8 round by round so that a change in the machine's
load falls on both; each round gives a ratio, the report quotes the median ratio and the spread. Two
thread settings: one thread each (the benchmark's torch setting, BENCH_TORCH_THREADS) and the product's
defaults (torch's own intra-op threads; int8 one worker per core). Quality: STS-B news Spearman and ECB+
recall@10 (bench.retrieval, dense method) for both embedders on the same sentences.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

import numpy as np

from bench._common import apply_torch_threads, load_fakes_articles, timer

log = logging.getLogger("bench.embedding")

BATCH_CLAIMS = 512  # claims per throughput round: ~5 s of torch on one busy core
SINGLE_CLAIMS = 60  # claims embedded one by one per round (the p50 of a check's embedding)
ROUNDS = 5
# The acceptance of issue 13: int8 against torch float32 in the same run.
TARGET_BATCH_RATIO = 1.8
TARGET_SINGLE_RATIO = 3.0
TARGET_QUALITY_LOSS = 0.5  # points: Spearman x100 and recall@10 x100


def claim_texts(n: int) -> list[str]:
    """Distinct FA-KES claim texts in corpus order, as ingest splits them."""
    from verifier.segment import split_claims

    seen: dict[str, None] = {}
    for article in load_fakes_articles():
        for claim in split_claims(article):
            seen.setdefault(claim.text, None)
            if len(seen) >= n:
                return list(seen)
    return list(seen)


def _speed(embedder: Any, batch: list[str], singles: list[str]) -> tuple[float, float]:
    with timer() as t:
        embedder.encode(batch)
    times = []
    for text in singles:
        t0 = time.perf_counter()
        embedder.encode([text])
        times.append(time.perf_counter() - t0)
    return len(batch) / t[0], float(np.median(times))


def speed(
    torch_e: Any, int8_e: Any, texts: list[str], rounds: int, torch_threads: int | None
) -> dict[str, Any]:
    """Rounds of torch then int8 on the same texts; per-round ratios (int8 over torch)."""
    import torch

    batch, singles = texts[:BATCH_CLAIMS], texts[-SINGLE_CLAIMS:]
    saved = torch.get_num_threads()
    # None: the product's setting, torch's own default of one intra-op thread per core
    used = torch_threads or os.cpu_count() or 1
    torch.set_num_threads(used)
    rows = []
    try:
        for r in range(rounds):
            t_rate, t_p50 = _speed(torch_e, batch, singles)
            i_rate, i_p50 = _speed(int8_e, batch, singles)
            rows.append((t_rate, i_rate, t_p50, i_p50))
            log.info(
                "round %d: torch %.0f/s %.1f ms, int8 %.0f/s %.1f ms",
                r,
                t_rate,
                t_p50 * 1e3,
                i_rate,
                i_p50 * 1e3,
            )
    finally:
        torch.set_num_threads(saved)
    arr = np.array(rows)
    batch_ratio = arr[:, 1] / arr[:, 0]
    single_ratio = arr[:, 2] / arr[:, 3]
    return {
        "torch_threads": used,
        "int8_workers": int8_e.threads,
        "rounds": rounds,
        "batch_claims": len(batch),
        "single_claims": len(singles),
        "torch_claims_per_s": round(float(np.median(arr[:, 0])), 1),
        "int8_claims_per_s": round(float(np.median(arr[:, 1])), 1),
        "torch_single_p50_ms": round(float(np.median(arr[:, 2])) * 1e3, 2),
        "int8_single_p50_ms": round(float(np.median(arr[:, 3])) * 1e3, 2),
        "batch_ratio": round(float(np.median(batch_ratio)), 2),
        "batch_ratio_range": [round(float(batch_ratio.min()), 2), round(float(batch_ratio.max()), 2)],
        "single_p50_ratio": round(float(np.median(single_ratio)), 2),
        "single_p50_ratio_range": [round(float(single_ratio.min()), 2), round(float(single_ratio.max()), 2)],
    }


def quality(embedder: Any, smoke: bool) -> dict[str, Any]:
    from bench import retrieval

    sts = retrieval.sts(embedder, limit=60 if smoke else None)
    ecb = retrieval.ecb(embedder, limit_docs=40 if smoke else None, limit_queries=40 if smoke else None)
    return {
        "name": embedder.name,
        "sts_b_spearman": {split: v["spearman"] for split, v in sts["splits"].items()},
        "ecb_plus_dense": ecb["methods"]["dense"],
        "ecb_plus_queries": ecb["queries"],
        "ecb_plus_embed_seconds": ecb["seconds"]["embed_corpus"],
    }


def run(smoke: bool = False) -> dict[str, Any]:
    from verifier.io.embed import OnnxInt8Embedder, SentenceTransformerEmbedder

    bench_threads = apply_torch_threads()
    torch_e = SentenceTransformerEmbedder()
    torch_e.warm_up()
    int8_one = OnnxInt8Embedder(threads=1)
    int8_default = OnnxInt8Embedder()
    with timer() as t_int8_load:
        int8_one.warm_up()  # builds the int8 file if this machine has none yet
    int8_default.warm_up()
    texts = claim_texts(80 if smoke else BATCH_CLAIMS + SINGLE_CLAIMS)
    rounds = 2 if smoke else ROUNDS
    out: dict[str, Any] = {
        "int8_model_file": str(int8_one.model_file),
        "int8_recipe": int8_one.recipe.name,
        "int8_warm_up_seconds": round(t_int8_load[0], 2),
        "claims": "distinct FA-KES claim texts, split by verifier.segment.split_claims",
        "speed_one_thread": speed(torch_e, int8_one, texts, rounds, bench_threads or 1),
        "speed_default_threads": speed(torch_e, int8_default, texts, rounds, None),
    }
    t_q, i_q = quality(torch_e, smoke), quality(int8_one, smoke)
    out["quality"] = {"torch": t_q, "int8": i_q}
    loss = {
        f"sts_b_{split}": round(t_q["sts_b_spearman"][split] - i_q["sts_b_spearman"][split], 2)
        for split in t_q["sts_b_spearman"]
    }
    loss["ecb_plus_recall@10"] = round(
        (t_q["ecb_plus_dense"]["recall@10"] - i_q["ecb_plus_dense"]["recall@10"]) * 100, 2
    )
    out["quality_loss_points"] = loss
    one = out["speed_one_thread"]
    out["targets"] = {
        "batch_ratio": {"wanted": TARGET_BATCH_RATIO, "measured": one["batch_ratio"]},
        "single_p50_ratio": {"wanted": TARGET_SINGLE_RATIO, "measured": one["single_p50_ratio"]},
        "quality_loss_points": {"wanted": TARGET_QUALITY_LOSS, "measured": max(loss.values())},
    }
    return out
