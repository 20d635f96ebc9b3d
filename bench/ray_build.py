"""A large build on `--engine ray`: about a million claims ingested on a local Ray into a fresh workspace
with the real model, and the index the workspace chooses for that size.

    python -m bench.ray_build                                   # 1,000,000 claims (about an hour here)
    python -m bench.ray_build --claims 20000 --json /tmp/b.json # a quick look

Text: real FA-KES sentences (split by the product) recombined, the first half of one's words and the second
half of another's (as bench.scale makes its synthetic claims), 20 to an article from 10 made-up outlets,
written as CSV shards. Unlike bench.scale, every claim is embedded by the model in Ray's actors (no
synthetic vectors): the time is the whole build of `verifier ingest --engine ray --no-scan`: read, split,
embed, store, index, and the conversion of the index once it outgrows Flat. Reported: claims, seconds,
claims/s, the index type chosen and why, the index file's bytes per claim, and recall@10 of the chosen
index against exact search over the same vectors, for 200 stored vectors.
"""

from __future__ import annotations

import argparse
import csv
import logging
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench._common import emit, git_commit, load_fakes_articles, machine

log = logging.getLogger("bench.ray_build")

DEFAULT_CLAIMS = 1_000_000
CLAIMS_PER_ARTICLE = 20
OUTLETS = 10
SHARDS = 8
# The splitter keeps nearly every recombined sentence (measured 2026-12-02 on 20,000: 0.99); a few percent
# more articles than claims / 20 makes sure the build reaches the size asked for.
ARTICLE_MARGIN = 1.03
RECALL_QUERIES = 200
RECALL_K = 10
SEED = 7


def _pool() -> list[str]:
    from verifier.segment import split_claims

    texts = {c.text for a in load_fakes_articles() for c in split_claims(a) if len(c.text.split()) >= 6}
    return sorted(texts)


def _recombined(a: str, b: str) -> str:
    wa, wb = a.split(), b.split()
    return " ".join(wa[: max(1, len(wa) // 2)] + wb[len(wb) // 2 :])


def write_shards(folder: Path, claims: int) -> tuple[list[Path], int]:
    """CSV shards of synthetic articles (text, title, source, date) of about `claims` claims in all."""
    pool = _pool()
    rng = np.random.default_rng(SEED)
    articles = int(claims * ARTICLE_MARGIN) // CLAIMS_PER_ARTICLE + 1
    files = [(folder / f"shard-{i}.csv").open("w", encoding="utf-8", newline="") for i in range(SHARDS)]
    writers = [csv.writer(f) for f in files]
    for w in writers:
        w.writerow(["text", "title", "source", "date"])
    for n in range(articles):
        a = rng.integers(0, len(pool), CLAIMS_PER_ARTICLE)
        b = rng.integers(0, len(pool), CLAIMS_PER_ARTICLE)
        body = " ".join(_recombined(pool[int(x)], pool[int(y)]) for x, y in zip(a, b, strict=True))
        date = f"2016-{1 + n % 12:02d}-{1 + n % 28:02d}"
        row = [body, f"synthetic article {n}", f"synthetic-outlet-{n % OUTLETS}", date]
        writers[n % SHARDS].writerow(row)
    for f in files:
        f.close()
    return [folder / f"shard-{i}.csv" for i in range(SHARDS)], articles


def recall_at_k(index: Any, queries: int = RECALL_QUERIES) -> dict[str, Any]:
    """The index's top 10 for stored vectors against an exact top 10 over all its vectors (tie-aware:
    a returned claim counts when its exact score reaches the 10th best)."""
    ids, vectors = index.ids(), index.all_vectors()
    rng = np.random.default_rng(SEED)
    q = vectors[rng.choice(len(vectors), min(queries, len(vectors)), replace=False)]
    scores = q @ vectors.T
    kth = -np.partition(-scores, RECALL_K - 1, axis=1)[:, RECALL_K - 1]
    _, found = index.search(q, RECALL_K)
    position = {int(i): p for p, i in enumerate(ids.tolist())}
    hits = 0
    for r in range(len(q)):
        for claim in found[r]:
            p = position.get(int(claim))
            hits += p is not None and scores[r, p] >= kth[r] - 1e-5
    return {f"recall@{RECALL_K}_vs_exact": round(hits / (len(q) * RECALL_K), 4), "queries": len(q)}


def run(claims: int = DEFAULT_CLAIMS, actors: int = 2) -> dict[str, Any]:
    import ray

    from verifier.core.settings import Settings
    from verifier.io.index import choose_index_type
    from verifier.services.ray_ingest import RayOptions, ingest_with_ray
    from verifier.services.workspace import Workspace

    out: dict[str, Any] = {"claims_asked": claims, "machine": machine(), "git": git_commit()}
    out["actors"] = actors
    with tempfile.TemporaryDirectory(prefix="bench-ray-build-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        paths, articles = write_shards(root, claims)
        out["articles"] = articles
        out["write_shards_seconds"] = round(time.perf_counter() - started, 1)
        ray.init(include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
        try:
            started = time.perf_counter()
            with Workspace.open(Settings(workspace=root / "ws")) as ws:
                report = ingest_with_ray(ws, paths, options=RayOptions(actors=actors))
                seconds = time.perf_counter() - started
                index = ws.index
                out["embedder"] = ws.embedder.name
                out["claims"] = report.claims_added
                out["seconds"] = round(seconds, 1)
                out["claims_per_s"] = round(report.claims_added / seconds, 1)
                out["index_type"] = index.index_type
                out["index_reason"] = choose_index_type(index.count).reason
                out["index_vectors"] = index.count
                out["index_file_bytes_per_claim"] = round(
                    ws.settings.index_path.stat().st_size / max(1, index.count), 1
                )
                out.update(recall_at_k(index))
        finally:
            ray.shutdown()
    log.info("ray build: %s", out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=DEFAULT_CLAIMS)
    parser.add_argument("--actors", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None, help="Also write the result here.")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    result = run(args.claims, args.actors)
    emit(result, args.json)


if __name__ == "__main__":
    main()
