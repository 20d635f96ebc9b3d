"""`python -m bench.fuzz`: a small run is clean, and the run fails loudly on what it exists to find."""

from __future__ import annotations

import json
import random
from pathlib import Path
from types import SimpleNamespace

import pytest

from bench import fuzz


def test_a_small_run_finds_no_exception_and_no_bad_interval(tmp_path: Path) -> None:
    out = tmp_path / "fuzz.json"
    assert fuzz.main(["--n", "300", "--seed", "1", "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["n"], report["exceptions"], report["bad_intervals"], report["ok"]) == (300, 0, 0, True)
    assert set(report["slowest"]) == {"find_numbers", "extract", "relate"}
    assert all(seconds >= 0 and isinstance(text, str) for seconds, text in report["slowest"].values())


def test_qualified_negatives_are_among_the_inputs_and_digit_runs_stay_short() -> None:
    rng = random.Random(3)
    texts = [fuzz.qualified_negative(rng) for _ in range(200)]
    assert any(q in t for t in texts for q in ("about -", "fewer than -", "more than -"))
    assert all(len(fuzz.digit_run(rng)) <= fuzz.MAX_CHARS for _ in range(50))


def test_an_inverted_interval_is_counted_and_fails_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fuzz, "extract", lambda text, published=None: [SimpleNamespace(low=-9.0, high=-11.0)])
    report = fuzz.run(n=5, seed=0)
    assert report.bad_intervals == 5 and not report.ok
    assert report.failures[0]["error"] == "[-9.0, -11.0]"


def test_an_exception_is_counted_with_its_input_and_fails_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> list[object]:
        raise RecursionError("too deep")

    monkeypatch.setattr(fuzz, "find_numbers", broken)
    assert fuzz.main(["--n", "4"]) == 1
    report = fuzz.run(n=4, seed=0)
    assert report.exceptions == 4
    assert report.failures[0]["function"] == "find_numbers"
    assert report.failures[0]["error"] == "RecursionError: too deep"
