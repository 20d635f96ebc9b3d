"""Incident grouping (issue 11): verifier's events on ECB+ and FA-KES, beside a TF-IDF baseline.

    python -m bench.incidents                       # ECB+ (982 documents) and FA-KES (804 rows), ~5 min
    python -m bench.incidents --json docs/incidents.json
    python -m bench.incidents --smoke               # 40 ECB+ documents, 60 FA-KES rows: plumbing only

ECB+: one article per document (its sentences, one a line; no title, source nor date: ECB+ has none, and
the file name would give the topic away), ingested into a temporary workspace with the workspace's default
(real) model and grouped by `verifier.services.events.build_events`, exactly as `verifier ingest` +
`verifier events` would. Scored at document level against gold = the ECB+ subtopic (each topic holds two
incidents of one kind): B-cubed precision / recall / F1 and the adjusted Rand index. An article listed
under several events counts in its largest one; a document that gave no claim (so no event) is a group of its
own.

Baseline (named by the issue): TF-IDF of the whole document, average-link clustering on cosine distance,
cut at a distance threshold (a) tuned on the ECB+ gold itself (an upper bound, not a method) and (b) chosen
without ECB+: the threshold that best separates the FA-KES article pairs the annotators of ../shared/eval
placed in one incident or in two (balanced accuracy), TF-IDF fitted on FA-KES.

FA-KES: the CSV ingested as the README shows, grouped, and for every event of 2+ articles whether all its
articles name one `location` and their `date`s lie within 2 days (the CSV columns, not what we parsed).
No parameter of verifier's own grouping is set here or from these figures.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import logging
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench._common import (
    EVAL,
    FAKES_CSV,
    fakes_mapping,
    get_embedder,
    git_commit,
    load_ecb,
    machine,
    need,
    write_json,
)

log = logging.getLogger("bench.incidents")

# The articles of an event "agree on date" when their FA-KES dates lie within this many days (issue 11).
AGREE_DATE_DAYS = 2
# Thresholds tried for the baseline (cosine distance), in steps of 0.01.
THRESHOLDS = tuple(round(x, 2) for x in np.arange(0.05, 1.0, 0.01))
# The grouping's cut before issue 11 (mean claim vectors), measured beside today's as an ablation.
PREVIOUS_THRESHOLD = 0.35
SMOKE_ECB_DOCS = 40
SMOKE_FAKES_ROWS = 60


# -- scores -------------------------------------------------------------------------------------------


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin 1998): per item, the share of its predicted group
    that is in its gold group (precision) and of its gold group that is in its predicted group (recall),
    averaged over the items."""
    if len(pred) != len(gold):
        raise ValueError("pred and gold must label the same items")
    n = len(pred)
    if n == 0:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    both = Counter(zip(pred, gold, strict=True))
    size_p, size_g = Counter(pred), Counter(gold)
    p = sum(both[(a, b)] / size_p[a] for a, b in zip(pred, gold, strict=True)) / n
    r = sum(both[(a, b)] / size_g[b] for a, b in zip(pred, gold, strict=True)) / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def scores(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, Any]:
    from sklearn.metrics import adjusted_rand_score

    out: dict[str, Any] = dict(bcubed(pred, gold))
    out["ari"] = round(float(adjusted_rand_score([str(x) for x in gold], [str(x) for x in pred])), 4)
    out["groups"] = len(set(pred))
    out["gold_groups"] = len(set(gold))
    return out


# -- the baseline ---------------------------------------------------------------------------------------


# The baseline is scikit-learn's TfidfVectorizer with its defaults (lower-cased word unigrams, smoothed idf,
# l2 norm). The usual variants are reported beside it, tuned on the gold too, to check the issue's 0.88.
TFIDF_VARIANTS: dict[str, dict[str, Any]] = {
    "defaults": {},
    "english stop words": {"stop_words": "english"},
    "sublinear tf": {"sublinear_tf": True},
    "stop words + sublinear tf": {"stop_words": "english", "sublinear_tf": True},
}


def tfidf_distances(texts: Sequence[str], **options: Any) -> np.ndarray:
    """Cosine distances between TF-IDF vectors of whole documents (TfidfVectorizer(**options))."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    matrix = TfidfVectorizer(**options).fit_transform(texts)
    dist = np.clip(cosine_distances(matrix), 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    return dist


def average_link(dist: np.ndarray, threshold: float) -> list[int]:
    """AgglomerativeClustering(metric cosine, linkage average) cut at `threshold`; the cosine distances are
    computed once (sparse TF-IDF) and passed precomputed, which is the same clustering."""
    from sklearn.cluster import AgglomerativeClustering

    if len(dist) < 2:
        return [0] * len(dist)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    )
    return [int(x) for x in model.fit_predict(dist)]


def sweep(dist: np.ndarray, gold: Sequence[Hashable]) -> list[dict[str, Any]]:
    rows = []
    for t in THRESHOLDS:
        rows.append({"threshold": t, **scores(average_link(dist, t), gold)})
    return rows


def best(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return max(rows, key=lambda r: (r["f1"], r["ari"], -r["threshold"]))


# -- verifier's own grouping ----------------------------------------------------------------------------


def group_with_verifier(
    articles: Sequence[Any], embedder: Any, folder: Path, mapping: Any = None, csv_path: Path | None = None
) -> tuple[dict[str, str], dict[str, Any]]:
    """Ingest into a fresh workspace and group as `verifier events` does. Returns article id -> event id
    (its largest event when listed under several) and how the grouping went."""
    from verifier.core.settings import Settings
    from verifier.services.events import build_events, list_events, workspace_similarity
    from verifier.services.workspace import Workspace

    with Workspace.open(Settings(workspace=folder), embedder=embedder) as ws:
        started = time.perf_counter()
        if csv_path is not None:
            report = ws.ingest_paths([csv_path], mapping=mapping)
        else:
            report = ws.ingest_articles(articles)
        ingest_s = time.perf_counter() - started
        started = time.perf_counter()
        build_events(ws)
        events = list_events(ws)
        group_s = time.perf_counter() - started
        stored = len(ws.store.list_articles())
        members, sim = workspace_similarity(ws)
        vectors = mean_claim_vectors(ws, [a.id for a in members])
    under: dict[str, list[tuple[int, str]]] = {}
    for order, ev in enumerate(events):  # largest first
        for rep in ev.reports:
            under.setdefault(rep.article_id, []).append((order, ev.id))
    of = {aid: min(evs)[1] for aid, evs in under.items()}
    info = {
        "articles_stored": stored,
        "claims": report.claims_added,
        "articles_without_claims": report.articles_without_claims,
        "events": len(events),
        "articles_in_several_events": sum(1 for evs in under.values() if len(evs) > 1),
        "ingest_seconds": round(ingest_s, 1),
        "grouping_seconds": round(group_s, 1),
        "_events": events,
        "_members": members,
        "_similarity": sim,
        "_vectors": vectors,
    }
    return of, info


def mean_claim_vectors(ws: Any, ids: Sequence[str]) -> np.ndarray:
    """One unit vector per article, the mean of its claim vectors: what the grouping used before issue 11."""
    rowids: dict[str, list[int]] = {}
    for rowid, claim in ws.store.iter_claims():
        rowids.setdefault(claim.article_id, []).append(rowid)
    rows = []
    for aid in ids:
        vec = ws.vectors(rowids[aid]).mean(axis=0)
        norm = float(np.linalg.norm(vec))
        rows.append(vec / norm if norm else vec)
    return np.stack(rows).astype(np.float32)


def cut_sweep(sim: np.ndarray, ids: Sequence[str], pairs: dict[frozenset[str], bool]) -> list[dict[str, Any]]:
    """How the labelled pairs fare at every cut of the average-linkage tree over `sim`."""
    from verifier.services.events import cluster_similarity

    rows = []
    for t in THRESHOLDS:
        label_of = dict(zip(ids, cluster_similarity(sim, t), strict=True))
        rows.append({"threshold": t, **pair_agreement(label_of, pairs)})
    return rows


def chosen_cut(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The cut that best separates the labelled pairs (balanced accuracy; ties: the smallest cut)."""
    return max(rows, key=lambda r: (r["balanced_accuracy"], -r["threshold"]))


# -- ECB+ ---------------------------------------------------------------------------------------------


def ecb(embedder: Any, smoke: bool, tmp: Path, variant_cuts: dict[str, float]) -> dict[str, Any]:
    """ECB+ grouped by verifier (and, for each TF-IDF variant, at the cut chosen for it on FA-KES pairs)."""
    from verifier.core.records import Article

    docs = load_ecb(SMOKE_ECB_DOCS if smoke else None)
    articles = [Article.create("\n".join(d.sentences)) for d in docs]
    gold = [d.subtopic for d in docs]
    from verifier.services.events import (
        EVENT_DISTANCE_THRESHOLD,
        article_similarity,
        cluster,
        cluster_similarity,
        date_penalty,
        lexical_similarity,
    )

    of, info = group_with_verifier(articles, embedder, tmp / "ecb")
    info.pop("_events")
    members, vectors = info.pop("_members"), info.pop("_vectors")
    info.pop("_similarity")
    # a document without claims is in no event: a group of its own
    pred = [of.get(a.id, f"alone:{d.doc}") for a, d in zip(articles, docs, strict=True)]
    ours = {**scores(pred, gold), **info, "documents": len(docs)}
    ours["threshold"] = EVENT_DISTANCE_THRESHOLD

    def scored(labels: Sequence[int]) -> dict[str, Any]:
        got = {a.id: f"g{lab}" for a, lab in zip(members, labels, strict=True)}
        return scores([got.get(a.id, f"alone:{d.doc}") for a, d in zip(articles, docs, strict=True)], gold)

    dates = [None] * len(members)
    texts = [m.title + "\n" + m.text for m in members]
    ablations = {
        # the grouping before issue 11: mean claim vectors, date penalties, cut 0.35
        "mean claim vectors, cut 0.35 (before)": scored(cluster(vectors, dates, PREVIOUS_THRESHOLD)),
        "without the year rule": scored(
            cluster_similarity(lexical_similarity(texts) - date_penalty(dates), EVENT_DISTANCE_THRESHOLD)
        ),
    }
    for name, cut in variant_cuts.items():
        sim = article_similarity(texts, dates, TFIDF_VARIANTS[name])
        ablations[f"TF-IDF {name}, cut {cut} (its best on FA-KES pairs)"] = scored(
            cluster_similarity(sim, cut)
        )
    ours["distinct_texts"] = len({a.id for a in articles})
    dist = tfidf_distances([a.text for a in articles])
    rows = sweep(dist, gold)
    variants = {}
    for name, options in TFIDF_VARIANTS.items():
        if options:
            variants[name] = best(sweep(tfidf_distances([a.text for a in articles], **options), gold))
    return {
        "documents": len(docs),
        "subtopics": len(set(gold)),
        "verifier": ours,
        "verifier_ablations": ablations,
        "tfidf_sweep": rows,
        "tfidf_tuned_on_gold": best(rows),
        "tfidf_variants_tuned_on_gold": variants,
    }


# -- FA-KES -------------------------------------------------------------------------------------------


def fakes_rows(limit: int | None = None) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with need(FAKES_CSV).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return rows[:limit] if limit else rows


def _csv_date(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value.strip(), "%m/%d/%Y").date()
    except ValueError:
        return None


def agreement(groups: Sequence[Sequence[str]], place: dict[str, str], day: dict[str, dt.date | None]) -> dict:
    """Of the groups of 2+ articles: the share whose articles all name one place, whose dates lie within
    AGREE_DATE_DAYS, and both."""
    big = [g for g in groups if len(g) >= 2]
    n_place = n_date = n_both = 0
    for g in big:
        same_place = len({place[a] for a in g}) == 1
        days = [day[a] for a in g]
        near = None not in days and (max(days) - min(days)).days <= AGREE_DATE_DAYS  # type: ignore[type-var,operator]
        n_place += same_place
        n_date += near
        n_both += same_place and near
    k = len(big) or 1
    return {
        "events_2plus": len(big),
        "articles_in_them": sum(len(g) for g in big),
        "largest": max((len(g) for g in big), default=0),
        "share_same_place": round(n_place / k, 4),
        "share_dates_within_2_days": round(n_date / k, 4),
        "share_place_and_date": round(n_both / k, 4),
    }


def labelled_article_pairs(rows: Sequence[dict[str, str]], article_of_row: Sequence[str | None]) -> dict:
    """FA-KES article pairs the annotators placed in one incident or in two (../shared/eval, train and dev):
    a pair whose `event` names two incidents ("A | B") is two; one that names one incident and is not labelled
    unrelated is one. Pairs inside one article, unit ids with several texts, and contradictory repeats are
    left out. Returns frozenset({article id, article id}) -> same incident."""
    by_unit: dict[str, set[str]] = {}
    for row, aid in zip(rows, article_of_row, strict=True):
        if aid is not None:
            by_unit.setdefault(row["unit_id"], set()).add(aid)
    out: dict[frozenset[str], bool] = {}
    dropped: set[frozenset[str]] = set()
    for name in ("pairs_train.refs.jsonl", "pairs_dev.refs.jsonl"):
        with need(EVAL / name).open(encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                item = json.loads(line)
                a, b = item["a"], item["b"]
                if a.get("corpus") != "fakes" or b.get("corpus") != "fakes":
                    continue
                ids_a, ids_b = by_unit.get(str(a["unit_id"]), set()), by_unit.get(str(b["unit_id"]), set())
                if len(ids_a) != 1 or len(ids_b) != 1 or ids_a == ids_b:
                    continue
                if " | " in item.get("event", ""):
                    same = False
                elif item.get("label") != "unrelated":
                    same = True
                else:
                    continue  # one incident named, yet unrelated: not clear which
                key = frozenset(ids_a | ids_b)
                if out.get(key, same) != same:
                    dropped.add(key)
                out[key] = same
    return {k: v for k, v in out.items() if k not in dropped}


def pair_agreement(label_of: dict[str, Any], pairs: dict[frozenset[str], bool]) -> dict[str, Any]:
    """How a grouping treats the labelled pairs: the share of same-incident pairs in one group, of
    different-incident pairs in two, and their mean (balanced accuracy)."""
    same = [p for p, v in pairs.items() if v]
    other = [p for p, v in pairs.items() if not v]

    def together(p: frozenset[str]) -> bool:
        x, y = sorted(p)
        return x in label_of and y in label_of and label_of[x] == label_of[y]

    kept = sum(together(p) for p in same) / (len(same) or 1)
    apart = sum(not together(p) for p in other) / (len(other) or 1)
    return {
        "same_pairs": len(same),
        "different_pairs": len(other),
        "same_grouped": round(kept, 4),
        "different_apart": round(apart, 4),
        "balanced_accuracy": round((kept + apart) / 2, 4),
    }


def fakes(embedder: Any, smoke: bool, tmp: Path) -> dict[str, Any]:
    from bench._common import FAKES_COLUMNS
    from verifier.io.importers import read_path

    rows = fakes_rows(SMOKE_FAKES_ROWS if smoke else None)
    path = FAKES_CSV
    if smoke:
        path = tmp / "fakes-smoke.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    # The importer's articles (distinct texts, first row kept), read in the order of the rows.
    articles = list(read_path(path, fakes_mapping()).articles)
    if len(articles) > len(rows):
        raise RuntimeError("more articles than rows")
    # Rows to articles by position among the distinct texts: the importer keeps the first of repeated rows.
    place: dict[str, str] = {}
    day: dict[str, dt.date | None] = {}
    by_text = {a.text.strip(): a.id for a in articles}
    article_of_row = [by_text.get(r[FAKES_COLUMNS["text"]].strip()) for r in rows]
    for r, aid in zip(rows, article_of_row, strict=True):
        if aid is not None and aid not in place:  # the first of repeated rows, as the importer keeps
            place[aid] = r["location"].strip().lower()
            day[aid] = _csv_date(r["date"])
    unmatched = [a.id for a in articles if a.id not in place]
    if unmatched:
        raise RuntimeError(f"{len(unmatched)} FA-KES articles match no CSV row by text, e.g. {unmatched[0]}")
    pairs = labelled_article_pairs(rows, article_of_row)
    of, info = group_with_verifier(articles, embedder, tmp / "fakes", fakes_mapping(), path)
    from verifier.core.dates import parse_date
    from verifier.services.events import (
        EVENT_DISTANCE_THRESHOLD,
        LEXICAL_OPTIONS,
        article_similarity,
        cluster,
    )

    events = info.pop("_events")
    members, sim, vectors = info.pop("_members"), info.pop("_similarity"), info.pop("_vectors")
    member_ids = [m.id for m in members]
    groups = [[r.article_id for r in ev.reports] for ev in events]
    ours = {**info, **agreement(groups, place, day), "threshold": EVENT_DISTANCE_THRESHOLD}
    # The grouping's cut is chosen here, on the labelled pairs (EVENT_DISTANCE_THRESHOLD must equal it).
    own_sweep = cut_sweep(sim, member_ids, pairs)
    own_chosen = chosen_cut(own_sweep)
    ours["cut_chosen_on_pairs"] = own_chosen["threshold"]
    # The TF-IDF variant is chosen on the pairs too: each with its best cut, the best of them.
    texts = [m.title + "\n" + m.text for m in members]
    dates = [parse_date(m.published) for m in members]
    variants = {
        name: chosen_cut(cut_sweep(article_similarity(texts, dates, options), member_ids, pairs))
        for name, options in TFIDF_VARIANTS.items()
    }
    ours["variant_chosen_on_pairs"] = max(variants, key=lambda v: variants[v]["balanced_accuracy"])
    ours["variant_in_use"] = next(v for v, o in TFIDF_VARIANTS.items() if o == LEXICAL_OPTIONS)
    # The grouping before issue 11, on the same workspace: mean claim vectors, cut 0.35.
    before = cluster(vectors, [parse_date(m.published) for m in members], PREVIOUS_THRESHOLD)
    before_groups: dict[int, list[str]] = {}
    for aid, lab in zip(member_ids, before, strict=True):
        before_groups.setdefault(lab, []).append(aid)
    ours["before"] = {
        **agreement(list(before_groups.values()), place, day),
        "labelled_pairs": pair_agreement(dict(zip(member_ids, before, strict=True)), pairs),
    }
    # multi-event articles: every listing counts above; the largest-event view for the silver score below
    silver = [f"{place[a.id]}|{day[a.id]}" for a in articles]
    ours["silver_incidents"] = scores([of.get(a.id, f"alone:{a.id}") for a in articles], silver)
    ours["labelled_pairs"] = pair_agreement(of, pairs)
    dist = tfidf_distances([a.text for a in articles])
    # The baseline's threshold without ECB+: the one that best separates the labelled FA-KES pairs
    # (balanced accuracy; ties: the smallest threshold).
    by_threshold = []
    for t in THRESHOLDS:
        labels = average_link(dist, t)
        label_of = {a.id: lab for a, lab in zip(articles, labels, strict=True)}
        by_threshold.append({"threshold": t, **pair_agreement(label_of, pairs), "_labels": labels})
    chosen = max(by_threshold, key=lambda r: (r["balanced_accuracy"], -r["threshold"]))
    groups_t: dict[int, list[str]] = {}
    for a, lab in zip(articles, chosen.pop("_labels"), strict=True):
        groups_t.setdefault(lab, []).append(a.id)
    for r in by_threshold:
        r.pop("_labels", None)
    baseline = {**chosen, **agreement(list(groups_t.values()), place, day)}
    # Choosing it by B-cubed against "one location and date = one incident" instead is degenerate: most of
    # those silver incidents are single rows, so the best cut keeps almost every article alone.
    silver_best = best(sweep(dist, silver))
    return {
        "rows": len(rows),
        "articles": len(articles),
        "silver_incidents": len(set(silver)),
        "verifier": ours,
        "verifier_cut_sweep_on_fakes_pairs": own_sweep,
        "verifier_variants_on_fakes_pairs": variants,
        "tfidf_chosen_on_fakes": baseline,
        "tfidf_pairs_sweep": by_threshold,
        "tfidf_best_on_silver_incidents": silver_best,
    }


# -- run ----------------------------------------------------------------------------------------------


def run(embedder: Any | None = None, smoke: bool = False) -> dict[str, Any]:
    """Both data sets; the baseline threshold chosen on FA-KES is then applied to ECB+."""
    embedder = embedder or get_embedder("real")
    with tempfile.TemporaryDirectory(prefix="verifier-bench-incidents-") as name:
        tmp = Path(name)
        fk = fakes(embedder, smoke, tmp)
        cuts = {name: row["threshold"] for name, row in fk["verifier_variants_on_fakes_pairs"].items()}
        ec = ecb(embedder, smoke, tmp, cuts)
    t = fk["tfidf_chosen_on_fakes"]["threshold"]
    ec["tfidf_threshold_from_fakes"] = next(r for r in ec["tfidf_sweep"] if r["threshold"] == t)
    return {"model": getattr(embedder, "name", type(embedder).__name__), "ecb_plus": ec, "fakes": fk}


def summary(r: dict[str, Any]) -> list[str]:
    ec, fk = r["ecb_plus"], r["fakes"]
    v, tuned, untuned = ec["verifier"], ec["tfidf_tuned_on_gold"], ec["tfidf_threshold_from_fakes"]

    def line(name: str, s: dict[str, Any]) -> str:
        return (
            f"{name}: B-cubed P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}, "
            f"ARI {s['ari']:.3f}, {s['groups']} groups"
        )

    fv, fb = fk["verifier"], fk["tfidf_chosen_on_fakes"]
    return [
        f"ECB+ {ec['documents']} documents, {ec['subtopics']} gold subtopics",
        line(f"  verifier events (cut {v['threshold']})", v),
        *(line(f"  verifier, {name}", row) for name, row in ec["verifier_ablations"].items()),
        line(f"  TF-IDF avg-link, threshold {tuned['threshold']} tuned on ECB+ gold", tuned),
        line(f"  TF-IDF avg-link, threshold {untuned['threshold']} chosen on FA-KES", untuned),
        f"FA-KES {fk['articles']} articles: verifier {fv['events_2plus']} events of 2+ articles "
        f"({fv['articles_in_them']} articles), place+date agree {fv['share_place_and_date']:.3f} "
        f"(place {fv['share_same_place']:.3f}, date {fv['share_dates_within_2_days']:.3f})",
        f"  TF-IDF at {fb['threshold']}: {fb['events_2plus']} events of 2+ "
        f"({fb['articles_in_them']} articles), "
        f"place+date agree {fb['share_place_and_date']:.3f}",
        f"  labelled FA-KES pairs ({fv['labelled_pairs']['same_pairs']} same, "
        f"{fv['labelled_pairs']['different_pairs']} different): verifier grouped/apart "
        f"{fv['labelled_pairs']['same_grouped']:.3f}/{fv['labelled_pairs']['different_apart']:.3f}, "
        f"TF-IDF {fb['same_grouped']:.3f}/{fb['different_apart']:.3f}",
        f"  verifier's TF-IDF variant and cut chosen on those pairs: {fv['variant_chosen_on_pairs']}, "
        f"{fk['verifier_variants_on_fakes_pairs'][fv['variant_chosen_on_pairs']]['threshold']} "
        f"(in use: {fv['variant_in_use']}, {fv['threshold']}; its best cut {fv['cut_chosen_on_pairs']}); "
        f"before (mean claim vectors): place+date agree {fv['before']['share_place_and_date']:.3f}, pairs "
        f"grouped/apart {fv['before']['labelled_pairs']['same_grouped']:.3f}/"
        f"{fv['before']['labelled_pairs']['different_apart']:.3f}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.incidents", description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, default=None, help="write the full results here")
    parser.add_argument("--smoke", action="store_true", help="small samples (plumbing only)")
    parser.add_argument(
        "--embedder", default="real", help="real (default), torch, onnx-int8, fake (plumbing only)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    started = time.perf_counter()
    results = run(get_embedder(args.embedder), args.smoke)
    results["meta"] = {
        "date_utc": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "git": git_commit(),
        "machine": machine(),
        "embedder": args.embedder,
        "smoke": args.smoke,
        "seconds": round(time.perf_counter() - started, 1),
    }
    for text in summary(results):
        print(text)
    if args.json is not None:
        write_json(args.json, results)
        print(f"wrote {args.json}")
    print(json.dumps({"seconds": results["meta"]["seconds"]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
