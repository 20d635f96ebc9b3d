"""One figure each of one measure, and ordinals of periods: readings of 2026-12-04, on our own sentences.

A claim that gives one toll and another claim that gives one toll of the same measure and group, with nothing
setting their scopes apart, report one quantity: they agree, conflict or update, but they never measure two
things. And a period a claim states far from its figure is still the period of that figure.
"""

from __future__ import annotations

import pytest

from verifier.compare import ClaimText, relate
from verifier.compare.features import view
from verifier.compare.figures import read_figures
from verifier.compare.scopes import other_period

ONE_COUNT_EACH = [
    # An open figure and an exact one inside it: compatible, one toll.
    (
        "At least 20 people were killed when a bus plunged off a mountain road near Varro on Sunday,"
        " police said.",
        "The death toll from Sunday's bus crash near Varro stands at 31, a police spokesman said.",
        "agree",
    ),
    (
        "More than 300 homes were flooded in Ostrel after the river burst its banks on Thursday.",
        "The river that burst its banks in Ostrel on Thursday flooded 412 homes, the council said.",
        "agree",
    ),
    # "Nearly 40" stays below 40: against 44 the one toll cannot be both.
    (
        "Nearly 40 people died in the landslide that buried the hamlet of Kessa on Monday, officials said.",
        "The landslide that buried Kessa on Monday killed 44 people, officials said.",
        "conflict",
    ),
]


@pytest.mark.parametrize(("a", "b", "label"), ONE_COUNT_EACH)
def test_one_figure_each_of_one_measure_is_one_quantity(a: str, b: str, label: str) -> None:
    got = relate(ClaimText(a), ClaimText(b))
    assert got.label == label, got.explanation
    assert "measure different things" not in got.explanation


def test_a_running_total_against_one_days_count_may_still_be_two_quantities() -> None:
    """The rule stands aside when only one claim counts since a day: a running total and one count are the
    scopes LABELS.md calls different quantities."""
    a = ClaimText("Shelling killed 12 civilians in Dorva on Tuesday, medics said.")
    b = ClaimText("Shelling has killed 85 civilians in Dorva since the offensive began, medics said.")
    assert relate(a, b).label != "agree"


PERIODS = [
    # The period is stated at the end of a long clause, far from the figure.
    (
        "Close to 30 people have died in storms that tore through coastal towns across the southern"
        " province since Friday.",
        "Storms have killed 34 people since Friday.",
        False,
    ),
    # Only one claim counts since a day, and the other claim never says it.
    ("Storms killed 34 people in the province.", "Storms have killed 34 people since Friday.", True),
]


@pytest.mark.parametrize(("a", "b", "apart"), PERIODS)
def test_a_period_stated_anywhere_in_a_claim_is_the_period_of_its_figure(a: str, b: str, apart: bool) -> None:
    v = view(ClaimText(a), ClaimText(b))
    pair = next(p for p in v.pairs if p.a.family == "count")
    assert other_period(v, pair) is apart


PERIOD_ORDINALS = [
    # Beside a sum, the ordinal names the period the sum is for: no figure of its own.
    ("Halvik Foods said third-quarter profit rose to $310 million.", ["$310 million"]),
    ("In the first half of the year, sales at Orrin fell 4 percent.", ["4 percent"]),
    ("Mbeki scored twice in the second half as Tarn won 3-0.", ["3-0"]),
    # Alone, it is what the claim reports: the round a fight ended in.
    ("Sorokin stopped Adeyemi in the 9th round.", ["9th"]),
    # A counted event or a rank is no period.
    ("It was the second attack on the market this week.", ["second"]),
]


@pytest.mark.parametrize(("text", "figures"), PERIOD_ORDINALS)
def test_an_ordinal_naming_a_period_is_the_setting_of_other_figures(text: str, figures: list[str]) -> None:
    assert [f.q.text for f in read_figures(text, None)[1]] == figures


def test_two_sums_of_one_period_measuring_two_things_do_not_agree_on_the_period() -> None:
    a = ClaimText("Pellan Air's net profit rose to 95 million euros in the first half, the airline said.")
    b = ClaimText("Pellan Air's revenue climbed to 2.1 billion euros in the first half, the airline said.")
    assert relate(a, b).label == "different_quantity"


def test_a_seasons_record_is_never_one_games_score() -> None:
    """"Their record to 11-4" tallies a season's wins and losses: it neither clashes with a game's score nor
    agrees with it, and two records of one side at one time are compared with each other."""
    record = ClaimText("Dunmore Rovers improved their record to 9-3 with Sunday's win over Kell.")
    game = ClaimText("Dunmore Rovers beat Kell 27-20 on Sunday.")
    assert [f.family for f in read_figures(record.text, None)[1]] == ["record"]
    assert relate(record, game).label != "conflict"
    other = ClaimText("Sunday's win over Kell took Dunmore Rovers to an 8-4 record.")
    assert [f.family for f in read_figures(other.text, None)[1]] == ["record"]
