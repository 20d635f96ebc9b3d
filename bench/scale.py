"""Speed and scale: ingest vs embedding alone, and `check` / scan / memory at growing corpus sizes.

How the large corpora are made (the report repeats this):
- Real claims first: FA-KES articles as the product ingests them, and ECB+ documents (sentences joined),
  whole articles in a seeded random order, until the size is reached or the real claims run out.
- Then synthetic claims, 20 to an article, from 10 made-up outlets. Text: the first half of the words of
  one real claim followed by the second half of another's (so figures, places and names are real
  ones, recombined). Vector: NOT an embedding of that text (embedding 1M texts takes hours here) but
  normalise(v_a + v_b + SYNTH_NOISE * g), g standard normal per dimension, from the real embeddings
  v_a, v_b of the two source claims. So the synthetic vectors lie among the real ones, in their
  clusters, as the bulk of a larger news archive would.
- The store and index are written through the product's own Store and VectorIndex, with the index
  type `verifier.io.index.choose_index_type(size)` picks; then a fresh process opens the workspace as a user
  would (`Workspace.open`) and measures (`python -m bench.scale measure ...`), so its memory is the
  memory of serving that corpus, not of building it.
- Held-out FA-KES articles (never in any base corpus) give the `check` queries and the ~1,000 new
  claims that are ingested and scanned at each size.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import json
import logging
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bench._common import (
    EMBEDDER_KINDS,
    FAKES_CSV,
    SEED,
    fakes_mapping,
    get_embedder,
    need,
    peak_rss_bytes,
    percentiles_ms,
    python_exe,
    rss_bytes,
    timer,
    write_json,
)

log = logging.getLogger("bench.scale")

SIZES = (10_000, 100_000, 1_000_000)
SMOKE_SIZES = (300, 1_500)
NEW_CLAIMS = 1_000  # new claims ingested then scanned at each size (the target is per 1,000)
CHECK_QUERIES = 100  # check() calls timed per size; p99 of 100 calls is about the second-slowest
PROFILE_QUERIES = 20
COMPONENT_QUERIES = 50  # of those, timed again as their two fixed parts (embed alone, search alone)
RECALL_QUERIES = 200
RECALL_K = 10
RECALL_TIE_EPS = 1e-5  # float32 inner products of equal vectors differ by ~1e-7 between numpy and FAISS
SYNTH_CLAIMS_PER_ARTICLE = 20
SYNTH_OUTLETS = 10
# Per-dimension noise added to synthetic vectors: norm ~0.02 * sqrt(384) = 0.39 against a sum of two unit
# vectors (norm 1.2-2), so a synthetic claim stays closest to its two sources without duplicating them.
SYNTH_NOISE = 0.02
BUILD_CHUNK = 50_000  # vectors per index.add call while building (progress in the log)


# -- real claims -----------------------------------------------------------------------------------------


@dataclass
class Pool:
    """Real articles with their claims, and a matrix of the claims' real embeddings (rows = `vec`)."""

    articles: list[tuple[Any, list[tuple[Any, int]]]] = field(
        default_factory=list
    )  # (Article, [(Claim, row)])
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 384), dtype=np.float32))
    texts: list[str] = field(default_factory=list)  # text of each row

    @property
    def claims(self) -> int:
        return len(self.texts)


def fakes_subset_csv(rows: int, folder: Path) -> Path:
    """The first `rows` rows of FA-KES in a temporary CSV (for the smoke run); never in the repository."""
    csv.field_size_limit(sys.maxsize)
    target = folder / "fakes-subset.csv"
    with (
        need(FAKES_CSV).open(encoding="utf-8", newline="") as src,
        target.open("w", encoding="utf-8", newline="") as dst,
    ):
        reader = csv.reader(src)
        writer = csv.writer(dst)
        writer.writerow(next(reader))
        for i, row in enumerate(reader):
            if i >= rows:
                break
            writer.writerow(row)
    return target


INGEST_ROUNDS = 3  # ingest, then embedding alone, repeated: the ratio of each round, the median quoted


def ingest_vs_embedding(
    embedder: Any, folder: Path, csv_path: Path, rounds: int = INGEST_ROUNDS
) -> tuple[dict[str, Any], Any]:
    """FA-KES through `Workspace.ingest_paths` into a fresh workspace, then the same claim texts through
    the embedder alone; `rounds` times in turn, so both halves see the same load. Returns the figures and
    the last open workspace (its claims feed the pool)."""
    from verifier.core.settings import Settings
    from verifier.services.workspace import Workspace

    per_round: list[dict[str, float]] = []
    ws: Any = None
    for r in range(rounds):
        if ws is not None:
            ws.close()
        settings = Settings(workspace=folder / f"ingest-{r}")
        ws = Workspace.open(settings, embedder)
        cpu0 = time.process_time()
        with timer() as t_ingest:
            report = ws.ingest_paths([csv_path], fakes_mapping())
        cpu_ingest = time.process_time() - cpu0
        texts = [c.text for _, c in ws.store.iter_claims()]
        cpu0 = time.process_time()
        with timer() as t_embed:
            embedder.encode(texts)
        cpu_embed = time.process_time() - cpu0
        ingest_rate = report.claims_added / t_ingest[0]
        embed_rate = len(texts) / t_embed[0]
        per_round.append(
            {
                "ingest_seconds": round(t_ingest[0], 2),
                "embedding_only_seconds": round(t_embed[0], 2),
                "ratio_wall": round(ingest_rate / embed_rate, 3),
                "ratio_cpu": round((report.claims_added / cpu_ingest) / (len(texts) / cpu_embed), 3),
            }
        )
        log.info("ingest round %d: %s", r, per_round[-1])
    mid = sorted(range(rounds), key=lambda i: per_round[i]["ratio_wall"])[rounds // 2]
    chosen = per_round[mid]
    distinct = len({" ".join(t.split()) for t in texts})
    return {
        "input": str(csv_path.name),
        "articles_added": report.articles_added,
        "duplicate_inputs": report.duplicates,
        "claims": report.claims_added,
        "distinct_claim_texts": distinct,
        "texts_embedded_by_ingest": report.claims_embedded,
        "ingest_seconds": chosen["ingest_seconds"],
        "ingest_claims_per_s": round(report.claims_added / chosen["ingest_seconds"], 1),
        "embedding_only_seconds": chosen["embedding_only_seconds"],
        "embedding_only_claims_per_s": round(len(texts) / chosen["embedding_only_seconds"], 1),
        "ratio_wall": chosen["ratio_wall"],
        "ratio_cpu": float(np.median([x["ratio_cpu"] for x in per_round])),
        "rounds": per_round,
        "how": "ingest = read CSV + split + embed distinct texts + store + FAISS + save, "
        "fresh temporary workspace, model already loaded; embedding-only = embedder.encode on every "
        "claim text of that workspace (duplicates included); ratio = claims/s of ingest "
        f"over claims/s of embedding alone. {rounds} rounds of ingest then embedding alone, in turn; the "
        "round with the median wall-clock ratio is quoted (every round is in the JSON). ratio_cpu "
        "uses process CPU time (less sensitive to other jobs on the machine), median of the rounds.",
        "target": ">= 0.9",
    }, ws


def build_pool(
    ws: Any, ecb_docs: list[Any], ecb_vectors: np.ndarray | None, embedder: Any, held_out: set[str]
) -> Pool:
    """Real articles: the FA-KES workspace's (minus held-out ones) and ECB+ documents as articles."""
    from verifier.core.records import Article, Claim

    pool = Pool()
    rows: list[np.ndarray] = []
    for article in ws.store.list_articles():
        if article.id in held_out:
            continue
        claims = ws.store.claims_of_article(article.id)
        if not claims:
            continue
        rowids = list(ws.store.claim_rowids([c.id for c in claims]).values())
        vecs = ws.vectors(rowids)
        entry: list[tuple[Any, int]] = []
        for claim, vec in zip(claims, vecs, strict=False):
            entry.append((claim, len(pool.texts)))
            pool.texts.append(claim.text)
            rows.append(vec)
        pool.articles.append((article, entry))
    if ecb_docs:
        if ecb_vectors is None:
            ecb_vectors = embedder.encode([s for d in ecb_docs for s in d.sentences])
        i = 0
        for d in ecb_docs:
            text = " ".join(d.sentences)
            article = Article.create(text, source="ecbplus", title=d.doc)
            entry = []
            start = 0
            for pos, sentence in enumerate(d.sentences):
                claim = Claim.create(article.id, sentence, start, start + len(sentence), pos)
                start += len(sentence) + 1
                entry.append((claim, len(pool.texts)))
                pool.texts.append(sentence)
                rows.append(ecb_vectors[i])
                i += 1
            pool.articles.append((article, entry))
    pool.vectors = np.vstack(rows).astype(np.float32) if rows else pool.vectors
    return pool


def held_out_articles(ws: Any, want_claims: int) -> list[Any]:
    """FA-KES articles (a seeded random choice) with about `want_claims` claims between them."""
    rng = np.random.default_rng(SEED)
    articles = ws.store.list_articles()
    order = rng.permutation(len(articles))
    chosen: list[Any] = []
    total = 0
    for i in order:
        a = articles[int(i)]
        n = len(ws.store.claims_of_article(a.id))
        if n == 0:
            continue
        chosen.append(a)
        total += n
        if total >= want_claims:
            break
    return chosen


# -- building a corpus of a given size -------------------------------------------------------------------


def _synthetic_text(a: str, b: str) -> str:
    wa, wb = a.split(), b.split()
    return " ".join(wa[: max(1, len(wa) // 2)] + wb[len(wb) // 2 :])


def build_workspace(
    folder: Path, size: int, pool: Pool, model_name: str, dim: int, recall_queries: np.ndarray
) -> dict[str, Any]:
    """Write a workspace of `size` claims (real first, then synthetic); measure the chosen index's
    recall@10 against exact search on the same vectors."""
    from verifier.core.records import Article, Claim
    from verifier.core.settings import Settings
    from verifier.io.index import HNSW_EF_SEARCH, HNSW_EF_SWEEP, VectorIndex, choose_index_type
    from verifier.io.store import open_store

    rng = np.random.default_rng(SEED + size)
    settings = Settings(workspace=folder)
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(settings.store_path)
    matrix = np.empty((size, dim), dtype=np.float32)
    rowids: list[int] = []
    real = 0
    started = time.perf_counter()
    with store.transaction():
        for ai in rng.permutation(len(pool.articles)):
            article, entry = pool.articles[int(ai)]
            if len(rowids) + len(entry) > size:
                continue
            got = store.add_article_with_claims(article, [c for c, _ in entry])
            for rowid, (_, row) in zip(got, entry, strict=False):
                matrix[len(rowids)] = pool.vectors[row]
                rowids.append(rowid)
            if len(rowids) == size:
                break
        real = len(rowids)
        n_synth = size - real
        a_idx = rng.integers(0, pool.claims, n_synth)
        b_idx = rng.integers(0, pool.claims, n_synth)
        for start in range(0, n_synth, BUILD_CHUNK):
            a, b = a_idx[start : start + BUILD_CHUNK], b_idx[start : start + BUILD_CHUNK]
            v = (
                pool.vectors[a]
                + pool.vectors[b]
                + SYNTH_NOISE * rng.standard_normal((len(a), dim), dtype=np.float32)
            )
            v /= np.linalg.norm(v, axis=1, keepdims=True)
            matrix[real + start : real + start + len(a)] = v
        for start in range(0, n_synth, SYNTH_CLAIMS_PER_ARTICLE):
            texts = [
                _synthetic_text(pool.texts[int(a)], pool.texts[int(b)])
                for a, b in zip(
                    a_idx[start : start + SYNTH_CLAIMS_PER_ARTICLE],
                    b_idx[start : start + SYNTH_CLAIMS_PER_ARTICLE],
                    strict=False,
                )
            ]
            body = " ".join(texts)
            n = start // SYNTH_CLAIMS_PER_ARTICLE
            day = 1 + n % 28
            article = Article.create(
                body,
                source=f"synthetic-outlet-{n % SYNTH_OUTLETS}",
                title=f"synthetic article {n}",
                published=f"2016-{1 + n % 12:02d}-{day:02d}",
            )
            claims = []
            pos = 0
            for i, t in enumerate(texts):
                claims.append(Claim.create(article.id, t, pos, pos + len(t), i))
                pos += len(t) + 1
            rowids += store.add_article_with_claims(article, claims)
    store_seconds = time.perf_counter() - started
    if len(rowids) != size:
        raise RuntimeError(f"built {len(rowids)} claims, wanted {size} (an id collision?)")
    store.mark_scanned(rowids)  # the base corpus counts as scanned: only new claims are scanned later
    store.close()

    choice = choose_index_type(size)
    index = VectorIndex(model_name, dim, choice.spec)
    ids = np.asarray(rowids, dtype=np.int64)
    with timer() as t_index:
        for start in range(0, size, BUILD_CHUNK if size > BUILD_CHUNK else size):
            index.add(ids[start : start + BUILD_CHUNK], matrix[start : start + BUILD_CHUNK])
            log.info("size %d: %d vectors indexed", size, min(size, start + BUILD_CHUNK))
    with timer() as t_save:
        index.save(settings.index_path)

    # Exact top-10 by brute force on the same vectors (numpy, chunked) against the index's answer.
    q = np.ascontiguousarray(recall_queries, dtype=np.float32)
    best_s = np.full((len(q), 0), -np.inf, dtype=np.float32)
    best_i = np.zeros((len(q), 0), dtype=np.int64)
    for start in range(0, size, 200_000):
        s = q @ matrix[start : start + 200_000].T
        top = np.argpartition(-s, min(RECALL_K, s.shape[1] - 1), axis=1)[:, :RECALL_K]
        best_s = np.hstack([best_s, np.take_along_axis(s, top, axis=1)])
        best_i = np.hstack([best_i, top + start])
        keep = np.argsort(-best_s, axis=1)[:, :RECALL_K]
        best_s, best_i = np.take_along_axis(best_s, keep, 1), np.take_along_axis(best_i, keep, 1)
    exact = ids[best_i]
    kth = best_s[:, -1]

    def measure_recall() -> tuple[float, float, list[float]]:
        one_by_one: list[float] = []
        found = np.zeros_like(exact)
        for r in range(len(q)):
            t0 = time.perf_counter()
            _, hit_ids = index.search(q[r : r + 1], RECALL_K)
            one_by_one.append(time.perf_counter() - t0)
            found[r, : hit_ids.shape[1]] = hit_ids[0]
        # Tie-aware: wire copies share one vector, so several claims can tie with the 10th exact score; any
        # of them is a correct answer. A returned id counts when its true score reaches the 10th exact one.
        rows = np.clip(np.searchsorted(ids, found), 0, size - 1)  # ids are increasing rowids
        true = np.einsum("qd,qkd->qk", q, matrix[rows])
        valid = (found >= 0) & (ids[rows] == found)
        hits = np.sum(valid & (true >= kth[:, None] - RECALL_TIE_EPS), axis=1)
        recall = float(np.mean(hits / RECALL_K))
        overlap = float(np.mean([len(set(exact[r]) & set(found[r])) / RECALL_K for r in range(len(q))]))
        return recall, overlap, one_by_one

    sweep: dict[str, Any] = {}
    if choice.spec.startswith("HNSW"):
        # The search breadth measured around the shipped one: what each costs and finds, same queries.
        for ef in HNSW_EF_SWEEP:
            index.set_ef_search(ef)
            r_ef, o_ef, t_ef = measure_recall()
            sweep[str(ef)] = {
                f"recall@{RECALL_K}_vs_exact": round(r_ef, 4),
                f"recall@{RECALL_K}_id_overlap": round(o_ef, 4),
                "search_ms": percentiles_ms(t_ef),
            }
            log.info("size %d, efSearch %d: recall@10 %.4f", size, ef, r_ef)
        index.set_ef_search(HNSW_EF_SEARCH)
    recall, recall_ids, one_by_one = measure_recall()
    disk = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    return {
        "size": size,
        "real_claims": real,
        "synthetic_claims": size - real,
        "index_type": choice.spec,
        "index_reason": choice.reason,
        f"recall@{RECALL_K}_vs_exact": round(recall, 4),
        f"recall@{RECALL_K}_id_overlap": round(recall_ids, 4),
        "recall_queries": len(q),
        "index_search_only": percentiles_ms(one_by_one),
        **({"ef_search": HNSW_EF_SEARCH, "ef_search_sweep": sweep} if sweep else {}),
        "build_seconds": {
            "store": round(store_seconds, 1),
            "index": round(t_index[0], 1),
            "save": round(t_save[0], 1),
        },
        "disk_bytes_per_claim": round(disk / size, 1),
    }


# -- measuring an existing workspace (run in a fresh process) -------------------------------------------


def _top_functions(prof: cProfile.Profile, n: int = 12) -> list[dict[str, Any]]:
    from bench.profile import top_functions

    return top_functions(prof, n)


def measure(
    workspace: Path,
    queries: list[str],
    new_articles: list[dict[str, Any]],
    embedder_kind: str,
    profile_queries: int,
) -> dict[str, Any]:
    """What a user of a workspace of this size sees: open, check latency, ingest + scan, memory."""
    from verifier.core.records import Article
    from verifier.core.settings import Settings
    from verifier.services.check import check_claim
    from verifier.services.scan import scan_new
    from verifier.services.workspace import Workspace

    rss_start = rss_bytes()
    embedder = get_embedder(embedder_kind)
    embedder.encode(["warm up the model before measuring"])
    rss_model = rss_bytes()
    # The built workspace holds unscanned claims on purpose (the scan is what is measured below): opening
    # it must not finish that work first.
    ws = Workspace.open(Settings(workspace=workspace), embedder, resume=False)
    with timer() as t_open:
        index = ws.index
    size = index.count
    rss_open = rss_bytes()
    for q in queries[:3]:
        check_claim(ws, q)
    totals: list[float] = []
    embeds: list[float] = []
    searches: list[float] = []
    evidence = 0
    for q in queries:
        t0 = time.perf_counter()
        result = check_claim(ws, q)
        totals.append(time.perf_counter() - t0)
        evidence += len(result.evidence)
    for q in queries[:COMPONENT_QUERIES]:
        t0 = time.perf_counter()
        vec = embedder.encode([q])[0]
        embeds.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        ws.search_vector(vec, 20)
        searches.append(time.perf_counter() - t0)
    rss_checked = rss_bytes()
    prof = cProfile.Profile()
    prof.enable()
    for q in queries[:profile_queries]:
        check_claim(ws, q)
    prof.disable()

    articles = [Article(**a) for a in new_articles]
    with timer() as t_ingest:
        ingest = ws.ingest_articles(articles)
    cpu0 = time.process_time()
    with timer() as t_scan:
        scan = scan_new(ws)
    cpu_scan = time.process_time() - cpu0
    rss_end = rss_bytes()
    # Where the scan's time goes: the same new claims scanned again under the profiler (the pairs found
    # are the same, so the store is updated in place and nothing is duplicated).
    ws.store.mark_scanned(ingest.new_claim_rowids, scanned=False)
    scan_prof = cProfile.Profile()
    scan_prof.enable()
    scan_new(ws)
    scan_prof.disable()
    peak = peak_rss_bytes()
    ws.close()
    per_1000 = t_scan[0] / max(1, scan.claims_scanned) * 1000
    return {
        "size": size,
        "index_type": index.index_type,
        "open_seconds": round(t_open[0], 2),
        "check": {**percentiles_ms(totals), "mean_evidence": round(evidence / max(1, len(queries)), 2)},
        "check_embed_only": percentiles_ms(embeds),
        "check_search_only": percentiles_ms(searches),
        "check_profile": _top_functions(prof),
        "scan_profile": _top_functions(scan_prof),
        "new_claims": {
            "articles": ingest.articles_added,
            "claims": ingest.claims_added,
            "ingest_seconds": round(t_ingest[0], 2),
        },
        "scan": {
            **{k: v for k, v in asdict(scan).items() if k != "seconds"},
            "seconds": round(t_scan[0], 2),
            "cpu_seconds": round(cpu_scan, 2),
            "seconds_per_1000_new_claims": round(per_1000, 3),
        },
        "memory": {
            "rss_start_mb": round(rss_start / 2**20, 1),
            "rss_model_loaded_mb": round(rss_model / 2**20, 1),
            "rss_workspace_open_mb": round(rss_open / 2**20, 1),
            "rss_after_checks_mb": round(rss_checked / 2**20, 1),
            "rss_end_mb": round(rss_end / 2**20, 1),
            "peak_rss_mb": round(peak / 2**20, 1),
            "bytes_per_claim_open": round((rss_open - rss_model) / size, 1),
            "bytes_per_claim_after_checks": round((rss_checked - rss_model) / size, 1),
            "bytes_per_claim_peak_total": round(peak / size, 1),
            "how": "VmRSS from /proc/self/status in a fresh process: (RSS after opening the workspace "
            "and loading its index) minus (RSS with the model loaded), over the claims; peak = "
            "getrusage ru_maxrss over the whole measurement (model, checks, ingest, scan) over the claims",
        },
    }


def measure_in_subprocess(
    workspace: Path,
    queries: list[str],
    new_articles: list[Any],
    embedder_kind: str,
    profile_queries: int,
    tmp: Path,
) -> dict[str, Any]:
    import subprocess

    qfile, afile, out = (
        tmp / "queries.json",
        tmp / "new_articles.json",
        tmp / f"measure-{workspace.name}.json",
    )
    qfile.write_text(json.dumps(queries), encoding="utf-8")
    afile.write_text(json.dumps([asdict(a) for a in new_articles]), encoding="utf-8")
    cmd = [
        python_exe(),
        "-m",
        "bench.scale",
        "measure",
        "--workspace",
        str(workspace),
        "--queries",
        str(qfile),
        "--new-articles",
        str(afile),
        "--embedder",
        embedder_kind,
        "--profile-queries",
        str(profile_queries),
        "--out",
        str(out),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"measure failed for {workspace}: {proc.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


# -- the whole part ----------------------------------------------------------------------------------------


def run(
    embedder: Any,
    embedder_kind: str,
    smoke: bool,
    ecb_docs: list[Any],
    ecb_vectors: np.ndarray | None,
    sizes: tuple[int, ...] | None = None,
    keep: Path | None = None,
) -> dict[str, Any]:
    from verifier.quantities import extract

    sizes = sizes or (SMOKE_SIZES if smoke else SIZES)
    tmp = Path(tempfile.mkdtemp(prefix="verifier-bench-"))
    out: dict[str, Any] = {
        "sizes": {},
        "synthetic": {
            "claims_per_article": SYNTH_CLAIMS_PER_ARTICLE,
            "outlets": SYNTH_OUTLETS,
            "noise_sigma": SYNTH_NOISE,
            "text": "first half of one real claim's words + second half of another's",
            "vector": "normalise(v_a + v_b + sigma * N(0, I)) from the two source claims' real embeddings",
        },
    }
    try:
        csv_path = fakes_subset_csv(25, tmp) if smoke else need(FAKES_CSV)
        out["ingest"], ws = ingest_vs_embedding(embedder, tmp, csv_path)
        new = held_out_articles(ws, 40 if smoke else NEW_CLAIMS)
        held = {a.id for a in new}
        pool = build_pool(ws, ecb_docs, ecb_vectors, embedder, held)
        out["real_pool"] = {
            "claims": pool.claims,
            "articles": len(pool.articles),
            "held_out_articles": len(new),
        }
        held_claims = [c for a in new for c in ws.store.claims_of_article(a.id)]
        with_figures = [c.text for c in held_claims if any(q.kind == "count" for q in extract(c.text))]
        others = [c.text for c in held_claims if c.text not in set(with_figures)]
        queries = (with_figures + others)[: (10 if smoke else CHECK_QUERIES)]
        recall_rows = list(ws.store.claim_rowids([c.id for c in held_claims]).values())[:RECALL_QUERIES]
        recall_vectors = ws.vectors(recall_rows)
        out["queries"] = {
            "check": len(queries),
            "with_count_figure": min(len(with_figures), len(queries)),
            "source": "claims of the held-out FA-KES articles, those with a count figure first",
        }
        ws.close()
        for size in sizes:
            folder = tmp / f"ws-{size}"
            log.info("building a workspace of %d claims", size)
            try:
                built = build_workspace(folder, size, pool, embedder.name, embedder.dim, recall_vectors)
                log.info("measuring the workspace of %d claims", size)
                measured = measure_in_subprocess(
                    folder, queries, new, embedder_kind, 5 if smoke else PROFILE_QUERIES, tmp
                )
                out["sizes"][str(size)] = {**built, **measured}
            except Exception as exc:  # noqa: BLE001 - a size that fails is reported, the others still run
                log.exception("size %d failed", size)
                out["sizes"][str(size)] = {"size": size, "error": f"{type(exc).__name__}: {exc}"}
            if keep is None:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        if keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale")
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure", help="measure one workspace (used by the benchmark in a fresh process)")
    m.add_argument("--workspace", type=Path, required=True)
    m.add_argument("--queries", type=Path, required=True)
    m.add_argument("--new-articles", type=Path, required=True)
    m.add_argument("--embedder", choices=EMBEDDER_KINDS, default="real")
    m.add_argument("--profile-queries", type=int, default=PROFILE_QUERIES)
    m.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    result = measure(
        args.workspace,
        json.loads(args.queries.read_text(encoding="utf-8")),
        json.loads(args.new_articles.read_text(encoding="utf-8")),
        args.embedder,
        args.profile_queries,
    )
    write_json(args.out, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
