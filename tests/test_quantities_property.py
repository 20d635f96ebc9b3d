"""Any text at all gives frames or nothing: never an exception, never unbounded time."""

from __future__ import annotations

import importlib
import math
import time
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifier.compare import ClaimText, relate
from verifier.quantities import (
    MAX_EXTRACT_CHARS,
    MAX_EXTRACT_FIGURES,
    Quantity,
    _extract_cached,
    extract,
    pipeline,
)

# Words that steer the text into the code paths worth exercising: numbers, qualifiers, measures, groups.
VOCAB = st.sampled_from(
    "at least more than nearly about some up to between and 27 13 1,200 1.5 million twenty-seven dozens "
    "killed wounded died dead death toll rose to no one none of the IS fighters civilians children people "
    "said according on Monday since Saturday in two days among including other more another of the % $ "
    "- — , . ( ) \" ' \u200b \n".split(" ")
)
TEXT = st.one_of(st.text(max_size=400), st.lists(VOCAB, max_size=80).map(" ".join))
DATE = st.one_of(st.none(), st.text(max_size=12), st.dates().map(lambda d: d.isoformat()))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, DATE)
def test_extract_never_raises_and_spans_are_inside_the_text(text: str, published: str | None) -> None:
    t0 = time.perf_counter()
    frames = extract(text, published)
    assert time.perf_counter() - t0 < 2.0  # bounded: no catastrophic backtracking
    assert isinstance(frames, list)
    for q in frames:
        assert isinstance(q, Quantity)
        for s, e in q.spans.values():
            assert 0 <= s <= e <= len(text)
        assert q.low <= q.high or q.low != q.low


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, TEXT, DATE, DATE)
def test_relate_never_raises(a: str, b: str, da: str | None, db: str | None) -> None:
    j = relate(ClaimText(a, date=da), ClaimText(b, date=db))
    assert j.label in {"conflict", "agree", "different_quantity", "update", "unrelated"}
    assert 0.0 <= j.score <= 1.0


def test_a_long_adversarial_text_is_fast() -> None:
    text = ("at least " * 2000) + ("killed 27 IS fighters said the council " * 300)
    t0 = time.perf_counter()
    extract(text)
    assert time.perf_counter() - t0 < 10


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, DATE)
def test_a_claim_never_conflicts_with_itself(text: str, date: str | None) -> None:
    j = relate(ClaimText(text, date=date), ClaimText(text, date=date))
    assert j.label not in ("conflict", "update"), j.explanation


# ------------------------------------------------------------------ work grows linearly with the input
# Pathological shapes from the reliability issue: long runs of digits joined by '-', '/', ',' and spaces,
# qualifiers stacked on qualifiers, and figure-dense clauses. Work is counted, never timed: every call of
# the per-figure helpers below (each is a bisection or a pattern over a few words) and every look at a
# frame's kind while linking parts. Quadratic code (each figure scanning all the others) makes the count
# grow 16-fold when the input grows 4-fold.
SHAPES = {
    "dash": lambda n: ("The toll rose to " + "1-" * n)[:n],
    "slash": lambda n: ("The toll rose to " + "1/" * n)[:n],
    "comma": lambda n: ("The toll rose to " + "1, " * n)[:n],
    "space": lambda n: ("The toll rose to " + "1 " * n)[:n],
    "letters": lambda n: ("killed " + "a-1-" * n)[:n],
    "qualifiers": lambda n: ("no fewer than about at least nearly more than " * n)[:n] + " 27 killed",
    "clauses": lambda n: ("12 civilians including 4 children were killed on Monday since May 3 and " * n)[:n],
    "negatives": lambda n: ("about -10 degrees, fewer than -3 people killed, no one hurt; " * n)[:n],
}
COUNTED = (
    "_words_between",
    "_break_between",
    "_number_between",
    "_group_after",
    "_next_is_head",
    "_in_trigger",
    "_measure_for",
    "_closes_previous",
    "_own_participle",
    "_event_verb",
    "_nearest_time",
    "_scope_for",
    "_donor",
)


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], int]:
    """extract(text) -> how many counted calls it made, with the length and figure limits lifted."""
    calls = [0]

    def counting(f: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[0] += 1
            return f(*args, **kwargs)

        return wrapper

    modules = [importlib.import_module(f"verifier.quantities.{m}") for m in QUANTITY_MODULES]
    for module in modules:
        for name in COUNTED:
            if hasattr(module, name):
                monkeypatch.setattr(module, name, counting(getattr(module, name)))
    is_count = Quantity.is_count.fget
    assert is_count is not None
    monkeypatch.setattr(Quantity, "is_count", property(counting(is_count)))
    monkeypatch.setattr(pipeline, "MAX_EXTRACT_CHARS", 10**9)
    monkeypatch.setattr(pipeline, "MAX_EXTRACT_FIGURES", 10**9)

    def run(text: str) -> int:
        _extract_cached.cache_clear()
        calls[0] = 0
        extract(text, "2017-03-05")
        return calls[0]

    return run


QUANTITY_MODULES = ("attribution", "context", "frames", "groups", "measure", "parts", "pipeline")


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_extraction_work_grows_linearly_with_the_text(shape: str, work: Callable[[str], int]) -> None:
    small, large = work(SHAPES[shape](3_000)), work(SHAPES[shape](12_000))
    assert small > 0
    assert large <= 4 * small * 1.25, (small, large)  # 4 times the text, at most 5 times the work


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_per_figure_is_bounded(shape: str, work: Callable[[str], int]) -> None:
    text = SHAPES[shape](6_000)
    figures = len(pipeline._extract(text, None))
    assert work(text) <= WORK_PER_FIGURE * max(figures, 1)


# Counted calls per figure on the shapes above are 5 to 15; a figure that scanned its neighbours would
# make thousands.
WORK_PER_FIGURE = 40


def test_a_text_past_the_limits_reads_only_its_head() -> None:
    text = ("The toll rose to " + "1-" * 16_000)[:32_000]
    frames = extract(text)
    assert len(frames) == MAX_EXTRACT_FIGURES
    assert all(q.spans["number"][1] <= MAX_EXTRACT_CHARS for q in frames)
    long_tail = "Shelling killed 13 civilians. " + "x " * MAX_EXTRACT_CHARS + "It killed 40 more."
    assert [q.value for q in extract(long_tail)] == [13.0]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The temperature fell to about -10 degrees.", -11.0, -9.0),
        ("Fewer than -3 were counted.", -math.inf, -3.0),
    ],
)
def test_a_qualified_negative_figure_is_an_interval_low_to_high(text: str, low: float, high: float) -> None:
    (q,) = extract(text)
    assert (q.low, q.high) == (low, high)
