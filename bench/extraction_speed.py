"""Sentences per second of `quantities.extract` on FA-KES sentences (target >= 2,000/s on 2 cores).

    python bench/extraction_speed.py [--csv ../shared/data/fakes/FA-KES-Dataset.csv] [--limit 5000]

Sentences are read from the data set at run time (never copied into the repository), split with
`segment.split_sentences`; only sentences with a digit or a number
word are kept, since those are the ones extraction works on. A benchmark, not a test: timings vary.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from verifier.numbers import find_numbers  # noqa: E402
from verifier.quantities import _extract_cached, extract  # noqa: E402
from verifier.segment import split_sentences  # noqa: E402

DEFAULT_CSV = ROOT.parent / "shared" / "data" / "fakes" / "FA-KES-Dataset.csv"
_NUMBERISH = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred)", re.I)


def sentences(path: Path, limit: int) -> list[tuple[str, str | None]]:
    csv.field_size_limit(10**8)
    out: list[tuple[str, str | None]] = []
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            text = row.get("article_content") or ""
            date = (row.get("date") or "")[:10] or None
            parts = [text[s:e] for s, e in split_sentences(text)]
            out.extend((p, date) for p in parts if _NUMBERISH.search(p))
            if len(out) >= limit:
                return out[:limit]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--limit", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sents = sentences(args.csv, args.limit)
    extract("warm-up: 3 people were killed on Monday.")
    best = float("inf")
    frames = 0
    for _ in range(args.repeat):
        _extract_cached.cache_clear()  # measure reading, not the memo of recent sentences
        t0 = time.perf_counter()
        frames = sum(len(extract(s, d)) for s, d in sents)
        best = min(best, time.perf_counter() - t0)
    t_num = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for s, _d in sents:
            find_numbers(s)
        t_num = min(t_num, time.perf_counter() - t0)
    print(
        f"{len(sents)} sentences with numbers, {frames} frames, best of {args.repeat}: {best:.2f} s "
        f"-> {len(sents) / best:,.0f} sentences/s (target 2,000/s); numbers.find_numbers alone: "
        f"{len(sents) / t_num:,.0f} sentences/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
