"""Part 2 (relation quality) and part 4b (misjudged pairs), on top of bench/eval_pairs.py.

The evaluation itself (resolving the labelled pairs, running verifier and the naive baseline, per-label
precision/recall/F1 and the confusion matrix) lives in bench/eval_pairs.py; this module calls it and
reshapes its result for the report. No pair text is kept: the report and the JSON hold ids and labels.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from bench._common import EVAL, need

PAIRS = "pairs_dev.refs.jsonl"


def relation_quality(embedder_kind: str) -> dict[str, Any]:
    from bench import eval_pairs
    from verifier.compare import LABELS

    path = need(EVAL / PAIRS)
    # With the real model the baseline gets the embedding cosine (what an embedding-only tool has) and
    # verifier gets it too, as the engine passes it; the fake embedder run keeps to TF-IDF.
    ev = eval_pairs.evaluate(path, model=embedder_kind == "real", resolver=need(EVAL / "resolve_pairs.py"))
    systems = []
    for name, s in ev["results"]:
        per = {
            label: {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "support": n}
            for label, (p, r, f, n) in s["per"].items()
        }
        systems.append(
            {
                "name": name,
                "per_label": per,
                "summary": {"macro-F1": round(s["macro"], 3), "accuracy": round(s["accuracy"], 3)},
                "confusion": {
                    "labels": list(LABELS),
                    "matrix": [[s["cm"][(g, p)] for p in LABELS] for g in LABELS],
                },
            }
        )
    gold = Counter(ev["gold"])
    return {
        "pairs_file": PAIRS,
        "pairs": len(ev["gold"]),
        "gold_counts": dict(sorted(gold.items())),
        "labels": list(LABELS),
        "description": (
            f"`../shared/eval/{PAIRS}` ({len(ev['gold'])} labelled pairs from FA-KES and ECB+: "
            + ", ".join(f"{k} {v}" for k, v in sorted(gold.items()))
            + "), evaluated by `bench/eval_pairs.py`. IN-SAMPLE: the shipped judgement was fitted on these "
            "pairs, so this is no quality figure; the held-out one (grouped cross-validation over 769 pairs) "
            "is in docs/relations.md. The naive baseline: similar (cosine at or above a "
            "threshold) and any differing number = conflict, same numbers = agree, else unrelated; its "
            "threshold is the best one on these same pairs, which flatters it. "
            f"verifier judged the pairs in {ev['seconds']:.2f} s without a model."
        ),
        "systems": systems,
        "_wrong": ev["wrong"],  # texts: used for the misjudged classes, dropped before writing
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
        "system": "verifier (no model)",
        "pairs": relation["pairs"],
        "wrong": len(wrong),
        "by_cell": cells.most_common(),
        "classes": [
            {"class": c, "count": len(ids), "ids": ids}
            for c, ids in sorted(classes.items(), key=lambda kv: -len(kv[1]))
        ],
    }
