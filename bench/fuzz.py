"""Fuzz the figure readers: generated inputs through `find_numbers`, `extract` and `relate`.

    python -m bench.fuzz                 # 100,000 inputs (a few minutes on 2 cores)
    python -m bench.fuzz --n 300 --seed 7 --json fuzz.json

Counts exceptions and bad intervals (low > high, or NaN) and records the slowest input of each function.
Exits 1 when anything raised or an interval was bad, so it can gate a run. The inputs mix random unicode
(controls, bidi marks, other scripts' digits), long runs of digits joined by '-', '/', ',' or spaces,
qualifiers stacked before figures, and qualified negative figures ("about -10 degrees", "fewer than -3"),
which were once read as inverted intervals.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from verifier.compare import ClaimText, relate
from verifier.numbers import find_numbers
from verifier.quantities import _extract_cached, extract

# 100,000 inputs: the size of the run in the reliability issue, enough to meet each generator's rarer shapes
# (a qualified negative percent, a range of negatives) many times over.
DEFAULT_N = 100_000
# Longest generated input; the shapes that once grew with the square of their length show at a few hundred
# characters, and the pathological lengths (3,000-32,000) are in the property tests.
MAX_CHARS = 600
# Characters of an input kept in the report (the slowest ones, the first failures).
SHOWN_CHARS = 160
# Failures whose input and traceback are kept in the report; the rest are only counted.
KEPT_FAILURES = 20

QUALIFIERS = (
    "about", "around", "nearly", "almost", "roughly", "at least", "at most", "more than", "fewer than",
    "less than", "over", "under", "up to", "some", "an estimated", "no fewer than", "just over", "below",
)  # fmt: skip
UNITS = ("degrees", "people", "killed", "percent", "%", "million", "km", "C", "points", "dollars", "")
WORDS = (
    "killed wounded died dead toll rose to fell to civilians children IS fighters said according on Monday "
    "since Saturday in two days among including other more another of the and or between no one none"
).split()
MINUS = ("-", "\u2212", "\u2013", "minus ")
SEPARATORS = ("-", "/", ",", " ", ", ", "-", ".", ":", " to ", "–")


def _number(rng: random.Random) -> str:
    value = rng.choice([str(rng.randint(0, 99)), str(rng.randint(0, 10**6)), f"{rng.uniform(0, 100):.1f}"])
    if rng.random() < 0.2:
        value = f"{int(float(value)):,}"
    return value


def random_unicode(rng: random.Random) -> str:
    pools = (
        (0x20, 0x7E), (0x00, 0x1F), (0x200B, 0x202E), (0x0660, 0x0669), (0x0966, 0x096F), (0xFF10, 0xFF19),
        (0x00A0, 0x024F), (0x0400, 0x04FF), (0x4E00, 0x4E2F), (0x1F300, 0x1F32F), (0x2212, 0x2212),
    )  # fmt: skip
    out = []
    for _ in range(rng.randint(0, 120)):
        lo, hi = rng.choice(pools)
        out.append(chr(rng.randint(lo, hi)))
    return "".join(out)


def digit_run(rng: random.Random) -> str:
    sep = rng.choice(SEPARATORS)
    run = sep.join(_number(rng) if rng.random() < 0.3 else str(rng.randint(0, 9)) for _ in range(200))
    return (rng.choice(("The toll rose to ", "killed ", "", "About ")) + run)[: rng.randint(10, MAX_CHARS)]


def qualified_negative(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 4)):
        quals = " ".join(rng.choice(QUALIFIERS) for _ in range(rng.choice((1, 1, 1, 2, 3))))
        figure = rng.choice(MINUS) + _number(rng) if rng.random() < 0.7 else _number(rng)
        if rng.random() < 0.15:
            figure = f"between {rng.choice(MINUS)}{_number(rng)} and {rng.choice(MINUS)}{_number(rng)}"
        lead = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 4)))
        parts.append(f"{lead} {quals} {figure} {rng.choice(UNITS)}".strip())
    return rng.choice((", ", " and ", ". ", "; ")).join(parts) + rng.choice((".", "", "!"))


def word_soup(rng: random.Random) -> str:
    pool = WORDS + list(QUALIFIERS) + ["27", "13", "1,200", "1.5 million", "-10", "—", "(", ")", '"', "\n"]
    return " ".join(rng.choice(pool) for _ in range(rng.randint(0, 80)))


GENERATORS: tuple[Callable[[random.Random], str], ...] = (
    random_unicode,
    digit_run,
    qualified_negative,
    word_soup,
)


def _bad(low: float | None, high: float | None) -> bool:
    """An interval that cannot be: low above high, or a NaN end. Missing ends (dates) are fine."""
    if low is None or high is None:
        return False
    return math.isnan(low) or math.isnan(high) or low > high


@dataclass
class Report:
    """What a fuzz run found. `slowest` maps each function to (seconds, input)."""

    n: int = 0
    seed: int = 0
    exceptions: int = 0
    bad_intervals: int = 0
    seconds: float = 0.0
    slowest: dict[str, tuple[float, str]] = field(default_factory=dict)
    failures: list[dict[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.exceptions == 0 and self.bad_intervals == 0

    def summary(self) -> str:
        slow = ", ".join(f"{name} {s * 1000:.1f} ms" for name, (s, _) in self.slowest.items())
        return (
            f"{self.n:,} inputs in {self.seconds:.0f} s: {self.exceptions} exceptions, "
            f"{self.bad_intervals} bad intervals; slowest: {slow}"
        )


def _timed(report: Report, name: str, text: str, call: Callable[[], Any]) -> Any:
    """Run `call`, keep its time if it is the slowest of `name`, count and keep an exception."""
    started = time.perf_counter()
    try:
        result = call()
    except Exception as exc:  # noqa: BLE001 - counting every exception is the point of a fuzz run
        report.exceptions += 1
        if len(report.failures) < KEPT_FAILURES:
            report.failures.append(
                {"function": name, "input": text[:SHOWN_CHARS], "error": f"{type(exc).__name__}: {exc}",
                 "traceback": traceback.format_exc(limit=4)}
            )  # fmt: skip
        return None
    spent = time.perf_counter() - started
    if spent > report.slowest.get(name, (-1.0, ""))[0]:
        report.slowest[name] = (spent, text[:SHOWN_CHARS])
    return result


def _bad_interval(report: Report, name: str, text: str, low: float | None, high: float | None) -> None:
    if _bad(low, high):
        report.bad_intervals += 1
        if len(report.failures) < KEPT_FAILURES:
            report.failures.append(
                {"function": name, "input": text[:SHOWN_CHARS], "error": f"[{low}, {high}]"}
            )


def fuzz_one(report: Report, a: str, b: str) -> None:
    """One input `a` through the three readers; `b` is the other claim given to `relate`."""
    mentions = _timed(report, "find_numbers", a, lambda: find_numbers(a)) or []
    for m in mentions:
        _bad_interval(report, "find_numbers", a, m.low, m.high)
    _extract_cached.cache_clear()  # time the reading, not the memo
    for q in _timed(report, "extract", a, lambda: extract(a, "2017-03-05")) or []:
        _bad_interval(report, "extract", a, q.low, q.high)
    judgement = _timed(report, "relate", a, lambda: relate(ClaimText(a), ClaimText(b)))
    if judgement is not None and not 0.0 <= judgement.score <= 1.0:
        report.bad_intervals += 1  # a score outside [0, 1] is as impossible as low > high


def run(n: int = DEFAULT_N, seed: int = 0) -> Report:
    """Fuzz `n` generated inputs, deterministic for a given `seed`."""
    rng = random.Random(seed)
    report = Report(n=n, seed=seed)
    started = time.perf_counter()
    previous = "Shelling killed 13 civilians on Monday."
    for _ in range(n):
        text = rng.choice(GENERATORS)(rng)
        # Half the pairs are a claim beside a neighbour, half beside itself with one figure changed.
        other = previous if rng.random() < 0.5 else text.replace("1", "2", 1)
        fuzz_one(report, text, other)
        previous = text
    report.seconds = time.perf_counter() - started
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--n", type=int, default=DEFAULT_N, help=f"inputs to generate (default {DEFAULT_N:,})"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--json", default=None, help="also write the report as JSON to this file")
    args = parser.parse_args(argv)
    report = run(args.n, args.seed)
    print(report.summary())
    for name, (seconds, text) in report.slowest.items():
        print(f"  slowest {name}: {seconds * 1000:.1f} ms on {text!r}")
    for failure in report.failures[:5]:
        print(f"  {failure['function']}: {failure['error']} on {failure['input']!r}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({**asdict(report), "ok": report.ok}, fh, ensure_ascii=False, indent=2)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
