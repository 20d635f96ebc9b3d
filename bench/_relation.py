"""Part 2 (relation quality and speed) and part 4b (misjudged pairs).

Quality comes from grouped cross-validation over all labelled pairs (verifier.compare.train), never from
pairs the model was fitted on. No pair text is kept: the report and the JSON hold ids and labels.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from bench._common import DATA, EVAL, need

PAIRS = "pairs_dev.refs.jsonl"


def _system(name: str, rep: Any, labels: tuple[str, ...], note: str = "") -> dict[str, Any]:
    per = {
        label: {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "support": n}
        for label, (p, r, f, n) in rep.per_label.items()
    }
    return {
        "name": name,
        "note": note,
        "per_label": per,
        "summary": {"macro-F1": round(rep.macro_f1, 3), "accuracy": round(rep.accuracy, 3)},
        "confusion": {"labels": list(labels), "matrix": rep.confusion},
    }


def _baseline(rows: list[dict[str, Any]], pairs: list[Any]) -> Any:
    """The naive baseline on the same grouped folds, its threshold fitted on the training folds."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    from bench import eval_pairs
    from verifier.compare import LABELS, train

    sims = eval_pairs.tfidf_similarities(rows)
    gold = [r["label"] for r in rows]
    y = np.array([LABELS.index(g) for g in gold])
    pred = np.zeros(len(rows), dtype=int)
    for tr, te in GroupKFold(5).split(y, y, [p.group for p in pairs]):
        t = eval_pairs.best_threshold([rows[i] for i in tr], [sims[i] for i in tr], [gold[i] for i in tr])
        labels = eval_pairs.baseline_labels([rows[i] for i in te], [sims[i] for i in te], t)
        for i, lab in zip(te, labels, strict=True):
            pred[i] = LABELS.index(lab)
    return train.report(y, pred, [p.id for p in pairs])


def _speeds(pairs: list[Any], smoke: bool) -> dict[str, Any]:
    """Pairs judged per second and sentences extracted per second, caches emptied first (cold)."""
    import time

    from bench import extraction_speed
    from verifier.compare import relate
    from verifier.compare.figures import read_figures
    from verifier.compare.text import words
    from verifier.quantities import _extract_cached

    for cache in (read_figures, words, _extract_cached):
        cache.cache_clear()
    started = time.perf_counter()
    for p in pairs:
        relate(p.a, p.b)
    pairs_s = len(pairs) / (time.perf_counter() - started)
    sents = extraction_speed.sentences(extraction_speed.DEFAULT_CSV, 300 if smoke else 5000)
    _extract_cached.cache_clear()
    started = time.perf_counter()
    for text, date in sents:
        _extract_cached(text, date)
    return {
        "pairs_per_second": round(pairs_s),
        "pairs": len(pairs),
        "extraction_sentences_per_second": round(len(sents) / (time.perf_counter() - started)),
        "sentences": len(sents),
        "targets": {"pairs_per_second": 500, "extraction_sentences_per_second": 2000},
    }


def relation_quality(embedder_kind: str, smoke: bool = False) -> dict[str, Any]:
    """Grouped 5-fold cross-validation of the judgement over every labelled pair (held-out folds only),
    beside the naive baseline and the majority label on the same folds; speeds of `relate` and extraction.
    The embedder plays no part: the judgement reads no embedding."""
    import numpy as np

    from bench.labelled import PAIR_FILES, load
    from verifier.compare import LABELS, train

    del embedder_kind
    for name in PAIR_FILES:
        need(EVAL / name)
    rows, pairs = load(EVAL, DATA)
    x = train.matrix(pairs)
    rep, _ = train.cross_validate(x, pairs)
    bare, _ = train.cross_validate(x, pairs, articles=False)
    y = np.array([LABELS.index(p.label) for p in pairs])
    majority = train.report(y, np.full(len(y), LABELS.index("agree")), [p.id for p in pairs])
    gold = Counter(p.label for p in pairs)
    wrong = [
        {"id": p.id, "gold": p.label, "predicted": rep.predictions[p.id], "a": p.a.text, "b": p.b.text}
        for p in pairs
        if rep.predictions[p.id] != p.label
    ]
    return {
        "pairs_file": " + ".join(PAIR_FILES),
        "pairs": len(pairs),
        "gold_counts": dict(sorted(gold.items())),
        "labels": list(LABELS),
        "description": (
            f"Grouped 5-fold cross-validation over the {len(pairs)} labelled pairs of `../shared/eval` "
            f"({', '.join(PAIR_FILES)}; "
            + ", ".join(f"{k} {v}" for k, v in sorted(gold.items()))
            + f") in {len({p.group for p in pairs})} incident groups: every pair is judged by a model that "
            "saw no pair of its incident. 'With articles': each claim carries its article, as claims of a "
            "workspace do; 'without': the sentences alone, as `verifier pairs` lines and pasted claims. "
            "The naive baseline (cosine of TF-IDF at or above a threshold and "
            "any differing number = conflict, same numbers = agree, else unrelated) runs on the same folds, "
            "its threshold fitted on the training folds."
        ),
        "systems": [
            _system("verifier, claims with their articles (grouped 5-fold CV, held out)", rep, LABELS),
            _system("verifier, sentences alone (grouped 5-fold CV, held out)", bare, LABELS),
            _system("baseline: TF-IDF threshold + differing numbers", _baseline(rows, pairs), LABELS),
            _system("baseline: majority label (agree)", majority, LABELS),
        ],
        "speed": _speeds(pairs, smoke),
        "_wrong": wrong,  # texts: used for the misjudged classes, dropped before writing
    }


def _frames(text: str) -> list[Any]:
    from verifier.quantities import extract

    return [q for q in extract(text) if q.kind in ("count", "percent", "money", "unit", "vague")]


def classify(gold: str, predicted: str, a: str, b: str) -> str:
    """A coarse, automatic reason for one misjudged pair, from the labels and the frames of each side."""
    fa, fb = _frames(a), _frames(b)
    if not fa or not fb:
        return "a figure not read: one side yields no comparable frame"
    measures_a = {q.measure for q in fa if q.measure}
    measures_b = {q.measure for q in fb if q.measure}
    if gold == "unrelated":
        return "different events taken for one (gold unrelated)"
    if predicted == "unrelated":
        return "same event not recognised (predicted unrelated)"
    if not measures_a or not measures_b:
        return "figure read but its measure (killed, wounded, ...) not found"
    if {gold, predicted} == {"update", "conflict"}:
        return "update vs conflict: time order or update wording"
    if gold == "different_quantity" or predicted == "different_quantity":
        if not measures_a & measures_b:
            return "different measures on each side"
        return "part/total or counted group judged wrongly"
    if {gold, predicted} == {"agree", "conflict"}:
        return "agree vs conflict: intervals or qualifiers judged wrongly"
    return "other"


def misjudged(relation: dict[str, Any] | None) -> dict[str, Any]:
    if not relation or "_wrong" not in relation:
        raise RuntimeError("no relation evaluation to read misjudged pairs from")
    wrong = relation.pop("_wrong")
    cells = Counter(f"{w['gold']} -> {w['predicted']}" for w in wrong)
    classes: dict[str, list[str]] = {}
    for w in wrong:
        classes.setdefault(classify(w["gold"], w["predicted"], w["a"], w["b"]), []).append(str(w["id"]))
    return {
        "system": "verifier (grouped 5-fold CV, held out)",
        "pairs": relation["pairs"],
        "wrong": len(wrong),
        "by_cell": cells.most_common(),
        "classes": [
            {"class": c, "count": len(ids), "ids": ids}
            for c, ids in sorted(classes.items(), key=lambda kv: -len(kv[1]))
        ],
    }
