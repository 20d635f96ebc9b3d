"""`verifier check` on five FA-KES incidents (issue 11): what it lists as corroborating or conflicting.

    python -m bench.check_fakes --workspace /tmp/fk5          # a workspace holding FA-KES (README's ingest)
    python -m bench.check_fakes --workspace /tmp/fk5 --json out.json
    python -m bench.check_fakes --claim 1923848129:60-239     # print one claim's text (for a shell command)

Each incident is a claim taken from one FA-KES article by unit_id and character offsets into its
`article_content`, checked exactly as a user would: `verifier --workspace WS check TEXT --date DAY --json`,
DAY being the article's `date`. Every corroborating or conflicting passage is printed with the unit_id(s)
of its article (an article whose text repeats in the CSV has several) and the claim's offsets in it, so
that it can be read in the CSV and judged: same incident or not (docs/check_fakes.md holds the verdicts).
The data set's sentences are not printed unless asked for (--text), and never written to the JSON.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench._common import FAKES_CSV, SEED, need


@dataclass(frozen=True)
class Incident:
    name: str  # our own words
    unit_id: str
    start: int
    end: int
    date: str  # ISO, the article's `date`


INCIDENTS = (
    # The CSV dates this article 11 days before the bombing it reports; checked with the CSV's date, as a
    # user holding only the data set would.
    Incident("Rashidin bus-convoy bombing, west of Aleppo", "1924058147", 24, 219, "2017-04-05"),
    Incident("Khan Sheikhoun gas attack, Idlib: the monitor's toll", "1918150030", 283, 424, "2017-04-04"),
    Incident("Qamishli double bombing, Hasakeh: a headline", "1923848164", 22, 81, "2016-07-27"),
    Incident("Strikes on the Al-Shaara market, Deir Ezzor: a headline", "1923848268", 0, 57, "2016-06-06"),
    Incident("Air strikes on the schools of Hass, Idlib: UNICEF's toll", "1924058188", 26, 172, "2016-10-26"),
)


def fakes_rows() -> dict[str, dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with need(FAKES_CSV).open(encoding="utf-8", newline="") as fh:
        return {r["unit_id"]: r for r in csv.DictReader(fh)}


def claim_text(rows: dict[str, dict[str, str]], unit_id: str, start: int, end: int) -> str:
    return rows[unit_id]["article_content"][start:end]


def units_by_article(rows: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """Stored article id -> the FA-KES unit_ids whose text it is (the id hashes the text)."""
    from verifier.core.records import content_hash, normalise_for_id

    out: dict[str, list[str]] = {}
    for unit, r in rows.items():
        out.setdefault(content_hash(normalise_for_id(r["article_content"])), []).append(unit)
    return out


def run_check(workspace: Path, text: str, day: str) -> dict[str, Any]:
    """The CLI's JSON for one claim: the command a user runs (`python -m verifier.shells.cli` is `verifier`,
    and honours PYTHONPATH, so another checkout of the package can be measured on the same workspace)."""
    cmd = [sys.executable, "-m", "verifier.shells.cli", "--workspace", str(workspace)]
    cmd += ["check", text, "--date", day]
    cmd.append("--json")
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    # Run from the workspace folder: from this repository, `-m` would put its own `verifier/` first.
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True, cwd=workspace)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


_GROUP = {"agree": "corroborating", "conflict": "conflicting"}


def listed(workspace: Path, result: dict[str, Any], units: dict[str, list[str]]) -> list[dict[str, Any]]:
    """The corroborating and conflicting passages of one check, located by unit_id and offsets."""
    from verifier.io.store import open_store

    out = []
    with open_store(workspace / "verifier.sqlite3") as store:
        for e in result["evidence"]:
            group = _GROUP.get(e["relation"])
            if group is None:
                continue
            claim, article = store.get_claim(e["claim_id"])
            out.append(
                {
                    "group": group,
                    "units": units.get(article.id, ["?"]),
                    "source": article.source,
                    "date": article.published,
                    "start": claim.start,
                    "end": claim.end,
                    "claim_id": claim.id,
                    "score": e["score"],
                    "similarity": e["similarity"],
                    "figure": e["figure"],
                    "text": claim.text,
                }
            )
    return out


def _where(units: dict[str, list[str]], article_id: str, start: int, end: int) -> str:
    return f"{'/'.join(units.get(article_id, ['?']))} @{start}-{end}"


def _reason(explanation: str) -> str:
    """The rule that set a passage apart, from its explanation's "(not counted: ...)" ("days" for any gap)."""
    reason = explanation.split("(not counted: ")[-1].split(":")[0].rstrip(")")
    return "reported days from the claim" if reason.startswith("reported") else reason


def probe(workspace: Path, units: dict[str, list[str]], out: Path | None, sample: int) -> None:
    """The wide measurement behind the rules' numbers: for every stored article, its first sentence with a
    killed toll, checked with the article's date (in-process, as `check_claim`). Counts what is listed and
    what is set apart, by reason, between articles; prints a seeded sample of each reason to read (by
    unit_id and offsets). Writes every row (no text) to `out`."""
    import random

    from verifier.core.settings import Settings
    from verifier.quantities import extract
    from verifier.services.check import check_claim
    from verifier.services.workspace import Workspace

    rows: list[dict[str, Any]] = []
    with Workspace.open(Settings(workspace=workspace)) as ws:
        for article in ws.store.list_articles():
            claims = ws.store.claims_of_article(article.id)
            claim = next((c for c in claims if any(q.measure == "killed" for q in extract(c.text))), None)
            if claim is None:
                continue
            result = check_claim(ws, claim.text, published=article.published)
            for group, items in (
                ("corroborating", result.corroborating),
                ("conflicting", result.conflicting),
                ("set apart", [e for e in result.related if "(not counted: " in e.explanation]),
            ):
                for e in items:
                    passage, _ = ws.store.get_claim(e.claim_id)
                    rows.append(
                        {
                            "claim": _where(units, article.id, claim.start, claim.end),
                            "date": article.published,
                            "group": group,
                            "reason": _reason(e.explanation) if group == "set apart" else "",
                            "passage": _where(units, e.article_id, passage.start, passage.end),
                            "passage_date": e.date,
                            "same_article": e.article_id == article.id,
                        }
                    )
    between = [r for r in rows if not r["same_article"]]
    counts: dict[tuple[str, str], int] = {}
    for r in between:
        counts[(r["group"], r["reason"])] = counts.get((r["group"], r["reason"]), 0) + 1
    print(f"{len({r['claim'] for r in rows})} claims; between articles:")
    for (group, reason), n in sorted(counts.items()):
        print(f"   {group:13} {reason:48} {n}")
    rng = random.Random(SEED)
    for (group, reason) in sorted(counts):
        if group != "set apart":
            continue
        pool = [r for r in between if r["group"] == group and r["reason"] == reason]
        print(f"\n-- a sample of {min(sample, len(pool))} set apart for: {reason}")
        for r in rng.sample(pool, min(sample, len(pool))):
            print(f"   {r['claim']} ({r['date']}) -> {r['passage']} ({r['passage_date']})")
    if out:
        out.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workspace", type=Path, help="a workspace holding FA-KES")
    ap.add_argument("--claim", help="UNIT:START-END: print that claim's text and stop")
    ap.add_argument("--json", type=Path, help="write the listed passages (no text) here")
    ap.add_argument("--text", action="store_true", help="print each passage's text too (to read it)")
    ap.add_argument("--probe", action="store_true", help="the wide measurement over every article instead")
    ap.add_argument("--sample", type=int, default=30, help="--probe: passages per reason to print")
    args = ap.parse_args(argv)
    rows = fakes_rows()
    if args.claim:
        unit, span = args.claim.split(":")
        start, end = (int(x) for x in span.split("-"))
        print(claim_text(rows, unit, start, end))
        return 0
    if args.workspace is None:
        ap.error("--workspace is needed")
    units = units_by_article(rows)
    if args.probe:
        probe(args.workspace, units, args.json, args.sample)
        return 0
    report = []
    for inc in INCIDENTS:
        result = run_check(args.workspace, claim_text(rows, inc.unit_id, inc.start, inc.end), inc.date)
        items = listed(args.workspace, result, units)
        print(f"\n== {inc.name}: {inc.unit_id} @{inc.start}-{inc.end}, --date {inc.date}")
        print(f"   {result['summary']}")
        for it in items:
            print(
                f"   {it['group']:13} {'/'.join(it['units'])} {it['source']} {it['date']}"
                f" @{it['start']}-{it['end']}"
                f" score {it['score']:.2f} sim {it['similarity']:.2f} figure {it['figure']!r}"
            )
            if args.text:
                print(f"      {it['text'][:400]}")
        report.append(
            {
                "incident": inc.name,
                "unit_id": inc.unit_id,
                "start": inc.start,
                "end": inc.end,
                "date": inc.date,
                "listed": [{k: v for k, v in it.items() if k != "text"} for it in items],
            }
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
