"""Retrain the shipped judgement model from the labelled pairs in ../shared/eval and report grouped
cross-validation figures (held-out folds only).

    .venv/bin/python scripts/train_judgement.py [--eval-dir ../shared/eval] [--write] [--json CV.json]

Groups are incidents (see bench/labelled.py), so that no incident sits on both sides of a split.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.labelled import PAIR_FILES, load  # noqa: E402
from verifier.compare import train  # noqa: E402


def score_quality(rep: train.Report, gold: dict[str, str]) -> str:
    """How well the held-out score ranks right labels above wrong ones (AUROC, 0.5 = chance) and how far it
    is from the share right (mean score against accuracy); the review queue ranks by this score."""
    right = [(rep.scores[i], rep.predictions[i] == gold[i]) for i in rep.scores]
    pos = [s for s, ok in right if ok]
    neg = [s for s, ok in right if not ok]
    if not pos or not neg:
        return "score: no wrong or no right label"
    auc = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))
    mean = sum(s for s, _ in right) / len(right)
    acc = len(pos) / len(right)
    return f"score: AUROC of right vs wrong {auc:.3f}; mean score {mean:.3f} against accuracy {acc:.3f}"


def print_report(rep: train.Report, title: str, gold: dict[str, str] | None = None) -> None:
    print(f"{title}: n={rep.n} accuracy={rep.accuracy:.3f} macro-F1={rep.macro_f1:.3f}")
    if gold and rep.scores:
        print("  " + score_quality(rep, gold))
    for lab, (p, r, f, n) in rep.per_label.items():
        print(f"  {lab:20s} P={p:.3f} R={r:.3f} F1={f:.3f} n={n}")
    print("  confusion (rows gold, cols predicted):", rep.confusion)


def main() -> None:
    ap = argparse.ArgumentParser(description="Retrain the judgement model; grouped CV figures.")
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-synthetic", action="store_true", help="train on the labelled pairs alone")
    ap.add_argument("--write", action="store_true", help="write the model into the package")
    ap.add_argument("--json", type=Path, help="write the CV report as JSON here")
    args = ap.parse_args()
    _, pairs = load(args.eval_dir, args.data_dir)
    print(f"{len(pairs)} pairs in {len(set(p.group for p in pairs))} incident groups")
    x = train.matrix(pairs)
    extra = train.synthetic() if not args.no_synthetic else None
    rep, temperatures = train.cross_validate(x, pairs, args.folds, extra=extra)
    gold = {p.id: p.label for p in pairs}
    print_report(rep, f"grouped {args.folds}-fold CV (held out), claims with their articles", gold)
    bare, _ = train.cross_validate(x, pairs, args.folds, extra=extra, articles=False)
    print_report(bare, f"grouped {args.folds}-fold CV (held out), claims without their articles", gold)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "n": rep.n,
                    "accuracy": rep.accuracy,
                    "macro_f1": rep.macro_f1,
                    "per_label": rep.per_label,
                    "confusion": rep.confusion,
                    "temperatures": temperatures,
                    "predictions": rep.predictions,
                    "without_articles": {
                        "accuracy": bare.accuracy,
                        "macro_f1": bare.macro_f1,
                        "per_label": bare.per_label,
                        "confusion": bare.confusion,
                        "predictions": bare.predictions,
                    },
                },
                indent=1,
            )
        )
    if args.write:
        trained_on = f"{len(pairs)} pairs of {', '.join(PAIR_FILES)}" + (
            " + synthetic pairs" if extra else ""
        )
        model = train.fit(x, pairs, trained_on=trained_on, extra=extra)
        model = train.with_temperatures(model, temperatures)
        path = ROOT / "verifier" / "compare" / "judgement_model.json"
        path.write_text(json.dumps(model.to_json(), separators=(",", ":")))
        rows_path = train.write_labelled_features(x, pairs)
        print(f"wrote {rows_path} ({rows_path.stat().st_size // 1024} KB): the pairs' feature rows, no text")
        print(f"wrote {path} ({path.stat().st_size // 1024} KB), temperatures {temperatures}")


if __name__ == "__main__":
    main()
