"""Any text at all gives frames or nothing: never an exception, never unbounded time."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifier.compare import ClaimText, relate
from verifier.quantities import Quantity, extract

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
