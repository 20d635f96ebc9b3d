"""The labelled pairs of ../shared/eval with their text and their incident groups, for the judgement's
training script and the benchmark. Nothing here is copied into the repository: the pairs are resolved from
the data sets at run time.

Groups are incidents: an ECB+ pair's topic; a FA-KES pair's location and ISO week (from the FA-KES table),
joined across the two articles of each pair (union-find) so that no incident sits on both sides of a split.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from verifier.compare import train
from verifier.compare.records import ClaimText
from verifier.core.dates import parse_date

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


def articles(data_dir: Path) -> dict[str, tuple[str, str]]:
    """Article key -> (title, body): FA-KES rows by unit id, ECB+ documents by name (no titles)."""
    out: dict[str, tuple[str, str]] = {}
    csv.field_size_limit(sys.maxsize)
    with open(data_dir / "fakes" / "FA-KES-Dataset.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            out.setdefault("fakes:" + r["unit_id"], (r.get("article_title") or "", r["article_content"]))
    with open(data_dir / "ecbplus" / "ecbplus_docs.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                out["ecbplus:" + d["doc"]] = ("", " ".join(d["sentences"]))
    return out


def _article_key(side: dict) -> str:
    return "ecbplus:" + side["doc"] if side["corpus"] == "ecbplus" else "fakes:" + str(side["unit_id"])


def _side_key(side: dict, places: dict[str, str]) -> str:
    if side["corpus"] == "ecbplus":
        return "ecb:" + side["doc"].split("_")[0]
    day = parse_date(side.get("date"))
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


def labelled(
    rows: list[dict], groups: dict[str, str], docs: dict[str, tuple[str, str]] | None = None
) -> list[train.LabelledPair]:
    """The pairs as the judgement sees them; with `docs`, each claim carries its article's title and text,
    as claims of an ingested workspace do."""

    def claim(s: dict) -> ClaimText:
        title, body = (docs or {}).get(_article_key(s), ("", ""))
        return ClaimText(
            s["text"], source=s.get("source") or None, date=s.get("date") or None, setting=title, context=body
        )

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


def load(
    eval_dir: Path, data_dir: Path, with_articles: bool = True
) -> tuple[list[dict], list[train.LabelledPair]]:
    """(resolved rows, labelled pairs with their groups), in the same order; `with_articles` gives each
    claim its article (title and text) as an ingested claim has."""
    rows = resolve(eval_dir)
    docs = articles(data_dir) if with_articles else None
    return rows, labelled(rows, incident_groups(rows, fakes_places(data_dir)), docs)
