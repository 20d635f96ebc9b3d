"""Retrain the shipped judgement model from the labelled pairs in ../shared/eval and report grouped
cross-validation figures (held-out folds only).

    .venv/bin/python scripts/train_judgement.py [--eval-dir ../shared/eval] [--write] [--json CV.json]

Groups are incidents: an ECB+ pair's topic; a FA-KES pair's location and ISO week (from the FA-KES table),
joined across the two articles of each pair so that no incident sits on both sides of a split.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verifier.compare import train  # noqa: E402
from verifier.compare.records import ClaimText  # noqa: E402

PAIR_FILES = ("pairs_train.refs.jsonl", "pairs_dev.refs.jsonl")


def resolve(eval_dir: Path) -> list[dict]:
    """The labelled pairs with their text, through the data set's own resolver."""
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in PAIR_FILES:
            out = Path(tmp) / name
            subprocess.run(
                [
                    sys.executable,
                    str(eval_dir / "resolve_pairs.py"),
                    str(eval_dir / name),
                    "-o",
                    str(out),
                    "--show",
                    "0",
                ],
                check=True,
                capture_output=True,
            )
            confidence = {json.loads(x)["id"]: json.loads(x).get("confidence") for x in open(eval_dir / name)}
            for line in out.read_text().splitlines():
                r = json.loads(line)
                r["confidence"] = confidence.get(r["id"])
                rows.append(r)
    return rows


def fakes_places(data_dir: Path) -> dict[str, str]:
    path = data_dir / "fakes" / "FA-KES-Dataset.csv"
    with open(path, encoding="latin-1", newline="") as fh:
        return {r["unit_id"]: (r.get("location") or "").strip().lower() for r in csv.DictReader(fh)}


def _side_key(side: dict, places: dict[str, str]) -> str:
    if side["corpus"] == "ecbplus":
        return "ecb:" + side["doc"].split("_")[0]
    day = dt.date.fromisoformat(side["date"]) if side.get("date") else None
    week = f"{day.isocalendar()[0]}-{day.isocalendar()[1]}" if day else "?"
    return f"fakes:{places.get(str(side['unit_id']), '?')}:{week}"


def incident_groups(rows: list[dict], places: dict[str, str]) -> dict[str, str]:
    """pair id -> group: the two sides' keys joined (union-find), so linked incidents stay together."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for r in rows:
        ka, kb = _side_key(r["a"], places), _side_key(r["b"], places)
        parent[find(ka)] = find(kb)
    return {r["id"]: find(_side_key(r["a"], places)) for r in rows}


def labelled(rows: list[dict], groups: dict[str, str]) -> list[train.LabelledPair]:
    def claim(s: dict) -> ClaimText:
        return ClaimText(s["text"], source=s.get("source") or None, date=s.get("date") or None)

    return [
        train.LabelledPair(
            r["id"],
            claim(r["a"]),
            claim(r["b"]),
            r["label"],
            groups[r["id"]],
            train.LOW_CONFIDENCE_WEIGHT if r.get("confidence") == "low" else 1.0,
        )
        for r in rows
    ]


def print_report(rep: train.Report, title: str) -> None:
    print(f"{title}: n={rep.n} accuracy={rep.accuracy:.3f} macro-F1={rep.macro_f1:.3f}")
    for lab, (p, r, f, n) in rep.per_label.items():
        print(f"  {lab:20s} P={p:.3f} R={r:.3f} F1={f:.3f} n={n}")
    print("  confusion (rows gold, cols predicted):", rep.confusion)


def main() -> None:
    ap = argparse.ArgumentParser(description="Retrain the judgement model; grouped CV figures.")
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true", help="write the model into the package")
    ap.add_argument("--json", type=Path, help="write the CV report as JSON here")
    args = ap.parse_args()
    rows = resolve(args.eval_dir)
    pairs = labelled(rows, incident_groups(rows, fakes_places(args.data_dir)))
    print(f"{len(pairs)} pairs in {len(set(p.group for p in pairs))} incident groups")
    x = train.matrix(pairs)
    rep, temperatures = train.cross_validate(x, pairs, args.folds)
    print_report(rep, f"grouped {args.folds}-fold CV (held out)")
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
                },
                indent=1,
            )
        )
    if args.write:
        model = train.fit(x, pairs, trained_on=f"{len(pairs)} pairs of {', '.join(PAIR_FILES)}")
        model = train.with_temperatures(model, temperatures)
        path = ROOT / "verifier" / "compare" / "judgement_model.json"
        path.write_text(json.dumps(model.to_json(), separators=(",", ":")))
        rows_path = train.write_labelled_features(x, pairs)
        print(f"wrote {rows_path} ({rows_path.stat().st_size // 1024} KB): the pairs' feature rows, no text")
        print(f"wrote {path} ({path.stat().st_size // 1024} KB), temperatures {temperatures}")


if __name__ == "__main__":
    main()
