"""Retrieval quality: STS-B news (cosine vs gold) and ECB+ (same-event sentences from other articles).

ECB+ set-up. Corpus = every sentence of every document. Queries = sentences carrying a count figure
(`verifier.quantities.extract`, kind "count"). For a query from document d in subtopic t, a hit is any
sentence of another document of t. Sentences of d itself are removed from every ranking (they are
neither wanted nor unwanted: a fact-checker looks for other articles), queries whose subtopic has no
other document are skipped. MRR is cut at rank DEPTH (reciprocal rank 0 beyond).
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Sequence
from typing import Any

import numpy as np

from bench._common import STSB_DIR, EcbDoc, load_ecb, need, timer, tokens

log = logging.getLogger("bench.retrieval")

STS_GENRE = "main-news"
STS_SPLITS = ("test", "dev")
KS = (1, 5, 10)
# Ranked list depth per method: MRR@100, and the fusion below sees each method's top 100.
DEPTH = 100
# Reciprocal rank fusion constant: 60, the value of Cormack, Clarke & Buettcher (SIGIR 2009), used
# unchanged; not tuned on this data. Both lists weigh the same (weight 1 each).
RRF_K = 60
BM25_QUERY_CHUNK = 256  # queries scored per sparse product: 256 x 16k sentences x 8 bytes = 32 MB
BM25_CHECKED_QUERIES = 20


# -- STS-B ---------------------------------------------------------------------------------------------


def read_sts(split: str, genre: str = STS_GENRE) -> list[tuple[float, str, str]]:
    """(gold score 0-5, s1, s2) of one split. The files are tab-separated despite the .csv name, and
    contain stray quotes: read with quoting off."""
    rows: list[tuple[float, str, str]] = []
    with need(STSB_DIR / f"sts-{split}.csv").open(encoding="utf-8") as fh:
        for fields in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(fields) < 7 or fields[0] != genre:
                continue
            rows.append((float(fields[4]), fields[5], fields[6]))
    return rows


def sts(embedder: Any, limit: int | None = None) -> dict[str, Any]:
    from scipy.stats import spearmanr

    out: dict[str, Any] = {"genre": STS_GENRE, "splits": {}}
    for split in STS_SPLITS:
        rows = read_sts(split)[:limit]
        log.info("STS-B %s: %d news pairs", split, len(rows))
        gold = np.array([r[0] for r in rows])
        a = embedder.encode([r[1] for r in rows])
        b = embedder.encode([r[2] for r in rows])
        cosine = np.sum(a * b, axis=1)  # unit vectors
        rho = spearmanr(cosine, gold).statistic
        out["splits"][split] = {"pairs": len(rows), "spearman": round(float(rho) * 100, 2)}
    return out


# -- ECB+ ----------------------------------------------------------------------------------------------


def _has_count(text: str) -> bool:
    from verifier.quantities import extract

    return any(q.kind == "count" for q in extract(text))


def _metrics(ranked: list[list[int]], relevant: list[set[int]]) -> dict[str, float]:
    n = len(ranked)
    out: dict[str, float] = {}
    first: list[int | None] = []
    for ranks, rel in zip(ranked, relevant, strict=False):
        first.append(next((i for i, s in enumerate(ranks) if s in rel), None))
    for k in KS:
        out[f"recall@{k}"] = round(sum(1 for f in first if f is not None and f < k) / n, 4) if n else 0.0
    out[f"mrr@{DEPTH}"] = round(sum(1.0 / (f + 1) for f in first if f is not None) / n, 4) if n else 0.0
    out["precision@10"] = (
        round(
            sum(sum(1 for s in r[:10] if s in rel) / 10 for r, rel in zip(ranked, relevant, strict=True)) / n,
            4,
        )
        if n
        else 0.0
    )
    return out


class _SparseBM25:
    """rank_bm25's BM25Okapi scores for many queries at once. BM25Okapi.get_scores loops in Python over
    every sentence for every query word (minutes for thousands of queries); the same sum as a sparse
    matrix product takes seconds. Query words repeat as in get_scores (each occurrence counts)."""

    def __init__(self, bm25: Any) -> None:
        from scipy.sparse import csr_matrix

        self.vocab = {term: j for j, term in enumerate(bm25.idf)}
        self.idf = np.array([bm25.idf[t] for t in self.vocab], dtype=np.float64)
        rows, cols, vals = [], [], []
        doc_len = np.asarray(bm25.doc_len, dtype=np.float64)
        norm = bm25.k1 * (1 - bm25.b + bm25.b * doc_len / bm25.avgdl)
        for d, freqs in enumerate(bm25.doc_freqs):
            for term, tf in freqs.items():
                rows.append(d)
                cols.append(self.vocab[term])
                vals.append(tf * (bm25.k1 + 1) / (tf + norm[d]))
        self.weights = csr_matrix((vals, (rows, cols)), shape=(len(doc_len), len(self.vocab)))

    def scores(self, queries: list[list[str]]) -> np.ndarray:
        """(len(queries), n_docs) float64."""
        from scipy.sparse import csr_matrix

        rows, cols, vals = [], [], []
        for i, words in enumerate(queries):
            for w in words:
                j = self.vocab.get(w)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
                    vals.append(self.idf[j])
        q = csr_matrix((vals, (rows, cols)), shape=(len(queries), len(self.vocab)))
        return np.asarray((self.weights @ q.T).T.todense())


def _rrf(lists: Sequence[list[int]]) -> list[int]:
    score: dict[int, float] = {}
    for ranks in lists:
        for i, s in enumerate(ranks):
            score[s] = score.get(s, 0.0) + 1.0 / (RRF_K + i + 1)
    return sorted(score, key=lambda s: -score[s])[:DEPTH]


def ecb(
    embedder: Any,
    limit_docs: int | None = None,
    limit_queries: int | None = None,
    keep: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Dense vs BM25 vs hybrid on ECB+. `keep` receives the documents and their sentence vectors (in
    document order) so the scale benchmark reuses them instead of embedding them again."""
    from rank_bm25 import BM25Okapi

    from verifier.io.index import VectorIndex

    docs: list[EcbDoc] = load_ecb(limit_docs)
    sent_doc: list[int] = []
    sent_sub: list[str] = []
    texts: list[str] = []
    for di, d in enumerate(docs):
        for s in d.sentences:
            texts.append(s)
            sent_doc.append(di)
            sent_sub.append(d.subtopic)
    doc_arr = np.array(sent_doc)
    by_sub: dict[str, set[int]] = {}
    for i, sub in enumerate(sent_sub):
        by_sub.setdefault(sub, set()).add(i)

    queries: list[int] = []
    skipped_alone = 0
    for i, t in enumerate(texts):
        if not _has_count(t):
            continue
        relevant = {j for j in by_sub[sent_sub[i]] if sent_doc[j] != sent_doc[i]}
        if not relevant:
            skipped_alone += 1
            continue
        queries.append(i)
    queries = queries[:limit_queries]
    relevant_sets = [{j for j in by_sub[sent_sub[q]] if sent_doc[j] != sent_doc[q]} for q in queries]
    longest_doc = max(len(d.sentences) for d in docs)

    log.info("ECB+: embedding %d sentences; %d figure queries", len(texts), len(queries))
    with timer() as t_embed:
        vectors = embedder.encode(texts)
    log.info("ECB+: embedded in %.0f s", t_embed[0])
    if keep is not None:
        keep["docs"], keep["vectors"] = docs, vectors
    index = VectorIndex(getattr(embedder, "name", "bench"), vectors.shape[1], "Flat")
    index.add(np.arange(len(texts)), vectors)
    with timer() as t_dense:
        _, ids = index.search(vectors[queries], DEPTH + longest_doc)
    dense = [
        [int(s) for s in row if s >= 0 and doc_arr[s] != doc_arr[q]][:DEPTH]
        for q, row in zip(queries, ids, strict=True)
    ]

    bm25 = BM25Okapi([tokens(t) or ["_"] for t in texts])
    scorer = _SparseBM25(bm25)
    lexical: list[list[int]] = []
    with timer() as t_bm25:
        for start in range(0, len(queries), BM25_QUERY_CHUNK):
            chunk = queries[start : start + BM25_QUERY_CHUNK]
            block = scorer.scores([tokens(texts[q]) for q in chunk])
            for q, scores in zip(chunk, block, strict=True):
                scores[doc_arr == doc_arr[q]] = -np.inf
                top = (
                    np.argpartition(-scores, DEPTH)[:DEPTH] if len(scores) > DEPTH else np.arange(len(scores))
                )
                top = top[np.argsort(-scores[top], kind="stable")]
                lexical.append([int(s) for s in top if np.isfinite(scores[s])])
    # The sparse form must give rank_bm25's own scores: checked on a few queries every run.
    check = queries[:BM25_CHECKED_QUERIES]
    mine = scorer.scores([tokens(texts[q]) for q in check])
    theirs = np.array([bm25.get_scores(tokens(texts[q])) for q in check])
    bm25_max_diff = float(np.max(np.abs(mine - theirs))) if check else 0.0
    if bm25_max_diff > 1e-6:
        raise AssertionError(f"sparse BM25 differs from rank_bm25 by {bm25_max_diff}")
    hybrid = [_rrf((d, b)) for d, b in zip(dense, lexical, strict=False)]

    n_q = max(1, len(queries))
    return {
        "documents": len(docs),
        "subtopics": len(by_sub),
        "corpus_sentences": len(texts),
        "queries": len(queries),
        "queries_skipped_no_other_document": skipped_alone,
        "query_rule": "sentence with a figure of kind 'count' (verifier.quantities.extract)",
        "hit_rule": "any sentence of another document of the same subtopic; the query's own document removed",
        "methods": {
            "dense": _metrics(dense, relevant_sets),
            "bm25": _metrics(lexical, relevant_sets),
            "hybrid_rrf": _metrics(hybrid, relevant_sets),
        },
        "method_notes": {
            "dense": f"{getattr(embedder, 'name', '?')} cosine via verifier.io.index.VectorIndex "
            "(Flat, exact)",
            "bm25": "rank_bm25.BM25Okapi (k1=1.5, b=0.75, its defaults) over lower-cased \\w+ tokens; "
            "its scores as one sparse product per block of queries (same formula and idf; checked equal to "
            f"BM25Okapi.get_scores on {len(check)} queries, max difference {bm25_max_diff:.1e})",
            "hybrid_rrf": f"reciprocal rank fusion of the two top-{DEPTH} lists, k={RRF_K} (Cormack et al. "
            "2009, not tuned here), equal weights",
        },
        "seconds": {
            "embed_corpus": round(t_embed[0], 2),
            "dense_search_per_query_ms": round(t_dense[0] / n_q * 1000, 3),
            "bm25_per_query_ms": round(t_bm25[0] / n_q * 1000, 3),
        },
    }


def run(embedder: Any, smoke: bool = False, keep: dict[str, Any] | None = None) -> dict[str, Any]:
    if smoke:
        return {
            "sts_b": sts(embedder, limit=60),
            "ecb_plus": ecb(embedder, limit_docs=40, limit_queries=40, keep=keep),
        }
    return {"sts_b": sts(embedder), "ecb_plus": ecb(embedder, keep=keep)}
