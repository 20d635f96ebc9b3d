"""The scores of `bench.incidents` (B-cubed, place and date agreement) on groupings written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from bench.incidents import agreement, bcubed, scores


@pytest.mark.parametrize(
    ("pred", "gold", "precision", "recall"),
    [
        # perfect grouping
        (["a", "a", "b"], [1, 1, 2], 1.0, 1.0),
        # everything in one group: recall 1, precision (2/3*2 + 1/3) / 3
        (["a", "a", "a"], [1, 1, 2], round(5 / 9, 4), 1.0),
        # every item alone: precision 1, recall (1/2 + 1/2 + 1) / 3
        (["a", "b", "c"], [1, 1, 2], 1.0, round(2 / 3, 4)),
        # one item of another incident in a group of four
        (
            ["x", "x", "x", "x", "y"],
            [1, 1, 1, 2, 2],
            round((3 * 3 / 4 + 1 / 4 + 1) / 5, 4),
            round((1 + 1 + 1 + 1 / 2 + 1 / 2) / 5, 4),
        ),
    ],
)
def test_bcubed(pred: list[str], gold: list[int], precision: float, recall: float) -> None:
    got = bcubed(pred, gold)
    assert (got["precision"], got["recall"]) == (precision, recall)
    assert got["f1"] == pytest.approx(2 * precision * recall / (precision + recall), abs=1e-4)


def test_bcubed_ignores_the_names_of_the_groups() -> None:
    assert bcubed(["q", "q", "r"], ["a", "a", "b"]) == bcubed([7, 7, 9], ["b", "b", "a"])


def test_perfect_grouping_has_adjusted_rand_one_and_the_gold_count() -> None:
    got = scores(["e1", "e1", "e2", "e2"], ["s1", "s1", "s2", "s2"])
    assert (got["f1"], got["ari"], got["groups"], got["gold_groups"]) == (1.0, 1.0, 2, 2)


def test_agreement_counts_only_groups_of_two_or_more() -> None:
    day = {
        "a": dt.date(2016, 7, 27),
        "b": dt.date(2016, 7, 29),  # two days later: still agrees
        "c": dt.date(2016, 7, 27),
        "d": dt.date(2016, 7, 31),  # four days after c
        "e": dt.date(2016, 1, 1),
    }
    place = {"a": "hasakeh", "b": "hasakeh", "c": "aleppo", "d": "idlib", "e": "homs"}
    got = agreement([["a", "b"], ["c", "d"], ["e"]], place, day)
    assert got["events_2plus"] == 2
    assert got["articles_in_them"] == 4
    assert (got["share_same_place"], got["share_dates_within_2_days"], got["share_place_and_date"]) == (
        0.5,
        0.5,
        0.5,
    )


def test_an_undated_article_does_not_agree_on_date() -> None:
    got = agreement([["a", "b"]], {"a": "raqqa", "b": "raqqa"}, {"a": dt.date(2015, 3, 1), "b": None})
    assert (got["share_same_place"], got["share_dates_within_2_days"]) == (1.0, 0.0)


def test_the_cut_is_chosen_by_balanced_accuracy_on_the_pairs_smallest_first() -> None:
    import numpy as np

    from bench.incidents import chosen_cut, cut_sweep

    # a and b read alike, c is half-way to b: a low cut keeps c apart, a high one lets it in
    sim = np.array([[1.0, 0.9, 0.2], [0.9, 1.0, 0.5], [0.2, 0.5, 1.0]])
    pairs = {frozenset({"a", "b"}): True, frozenset({"b", "c"}): False}
    rows = cut_sweep(sim, ["a", "b", "c"], pairs)
    best = chosen_cut(rows)
    assert best["balanced_accuracy"] == 1.0
    assert best["threshold"] == min(r["threshold"] for r in rows if r["balanced_accuracy"] == 1.0)
    assert next(r for r in rows if r["threshold"] == 0.05)["same_grouped"] == 0.0  # too tight: all alone
    assert next(r for r in rows if r["threshold"] == 0.9)["different_apart"] == 0.0  # too loose: one group
