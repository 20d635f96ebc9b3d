"""Ingest throughput: `--engine ray` (a local Ray on this machine) against the single process, same run,
same FA-KES shards, the workspace's default embedder; and whether both stored the same claims.

    python -m bench.ray_ingest                      # 200 FA-KES articles in 4 files, 1 and 2 actors
    python -m bench.ray_ingest --articles 100 --json docs/ray_ingest.json

The single process's time includes loading its model, as Ray's includes its actors loading theirs;
starting Ray itself (`ray.init`) is reported apart: a cluster is started once, not per ingest.
"""

from __future__ import annotations

import argparse
import csv
import logging
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._common import FAKES_CSV, emit, git_commit, machine, need

log = logging.getLogger("bench.ray_ingest")

DEFAULT_ARTICLES = 200
SHARDS = 4
ACTORS = (1, 2)


def _shards(folder: Path, articles: int) -> list[Path]:
    csv.field_size_limit(sys.maxsize)
    with need(FAKES_CSV).open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = [row for _, row in zip(range(articles), reader, strict=False)]
    paths = []
    for i in range(SHARDS):
        path = folder / f"fakes-{i}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows[i::SHARDS])
        paths.append(path)
    return paths


def _claims(folder: Path) -> list[tuple[str, str, int, int]]:
    from verifier.core.settings import Settings
    from verifier.io.store import open_store

    with open_store(Settings(workspace=folder).store_path) as store:
        return sorted((c.id, c.text, c.start, c.end) for _, c in store.iter_claims())


def run(articles: int = DEFAULT_ARTICLES, actors: tuple[int, ...] = ACTORS) -> dict[str, Any]:
    import ray

    from bench._common import fakes_mapping
    from verifier.core.settings import Settings
    from verifier.services.ray_ingest import RayOptions, ingest_with_ray
    from verifier.services.workspace import Workspace

    out: dict[str, Any] = {"articles": articles, "shards": SHARDS, "machine": machine(), "git": git_commit()}
    with tempfile.TemporaryDirectory(prefix="bench-ray-") as tmp:
        root = Path(tmp)
        paths = _shards(root, articles)
        started = time.perf_counter()
        with Workspace.open(Settings(workspace=root / "single")) as ws:
            report = ws.ingest_paths(paths, mapping=fakes_mapping())
            embedder = ws.embedder.name
        single_s = time.perf_counter() - started
        out["embedder"] = embedder
        out["claims"] = report.claims_added
        out["single"] = {
            "seconds": round(single_s, 2), "claims_per_s": round(report.claims_added / single_s, 1)
        }
        reference = _claims(root / "single")

        started = time.perf_counter()
        ray.init(include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
        out["ray_init_seconds"] = round(time.perf_counter() - started, 2)
        try:
            out["ray"] = {}
            for n in actors:
                folder = root / f"ray-{n}"
                started = time.perf_counter()
                with Workspace.open(Settings(workspace=folder)) as ws:
                    got = ingest_with_ray(ws, paths, fakes_mapping(), options=RayOptions(actors=n))
                seconds = time.perf_counter() - started
                out["ray"][str(n)] = {
                    "actors": n,
                    "seconds": round(seconds, 2),
                    "claims_per_s": round(got.claims_added / seconds, 1),
                    "throughput_vs_single": round(single_s / seconds, 3),
                    "same_claims_as_single": _claims(folder) == reference,
                }
                log.info("ray, %d actors: %.1f s (single %.1f s)", n, seconds, single_s)
        finally:
            ray.shutdown()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--actors", type=int, nargs="+", default=list(ACTORS))
    parser.add_argument("--json", type=Path, default=None, help="Also write the result here.")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    result = run(args.articles, tuple(args.actors))
    emit(result, args.json)


if __name__ == "__main__":
    main()
