"""Whose figure it is (verifier.compare.holders), on sentences written for these tests.

Two people's figures do not contradict each other, however alike the sentences; the same person's two
figures do, and a casualty figure or a quoted source is never a holder.
"""

from __future__ import annotations

import pytest

from verifier.compare import ClaimText, holders, relate
from verifier.compare.figures import read_figures
from verifier.numbers import find_numbers

HOLDERS = [
    ("Okafor finished the game with 31 points.", "okafor"),
    ("Tomas Brandvik scored 24 points in the win.", "toma brandvik"),  # the stems of the whole name
    ("The Harriers scored 3 goals before the break.", "harrier"),
    ("Veselka has 12 titles to her name.", "veselka"),
    # Words that describe the name before it ("the carmaker", "former striker") are not the name.
    ("The carmaker Vellor Motors said it would cut 1,500 jobs.", "vellor motor"),
    ("Former striker Anneli Varga scored 14 goals that season.", "ann varga"),  # stems
    # A place or a day in the clause is no second name ("in Tarsby", "on Sunday").
    ("Anneli Varga scored 14 goals in Tarsby on Sunday.", "ann varga"),  # stems
    # A sentence's first word is capitalised whatever it is: a common word there is no name.
    ("Police found 31 rifles in the van.", None),
    # A name followed by a verb of saying is a source, not a holder.
    ("Okafor said 31 people came to the rally.", None),
    # A casualty figure counts the people it befell, not its clause's subject.
    ("Marrow Company guards killed 3 intruders.", None),
    # The figure is in another clause than the name.
    ("Okafor left early, and 31 points were scored after that.", None),
    ("He finished the game with 31 points.", None),
]


@pytest.mark.parametrize(("text", "holder"), HOLDERS, ids=[h[0][:30] for h in HOLDERS])
def test_the_name_a_figure_belongs_to_is_the_subject_of_its_clause(text: str, holder: str | None) -> None:
    _, figures = read_figures(text, None)
    counts = [f for f in figures if f.family == "count"]
    assert counts and counts[0].holder == holder


def test_two_peoples_figures_do_not_conflict() -> None:
    a = ClaimText("Okafor finished the game with 31 points.")
    b = ClaimText("Brandvik finished the game with 24 points.")
    assert relate(a, b).label != "conflict"


SOLLEN = "Retired teacher Marta Sollen was elected mayor of Arvik on Sunday with 58 percent of the vote."


def test_two_candidates_shares_in_two_towns_do_not_conflict() -> None:
    a = ClaimText(SOLLEN)
    b = ClaimText("Young engineer Tobias Renk won the Hollund mayoral race on Sunday with 52 percent.")
    assert relate(a, b).label != "conflict"


def test_one_candidates_two_shares_conflict() -> None:
    a = ClaimText(SOLLEN)
    b = ClaimText("Marta Sollen won the Arvik mayoral race on Sunday with 52 percent of the vote.")
    assert relate(a, b).label == "conflict"


def test_one_persons_two_figures_still_conflict() -> None:
    a = ClaimText("Okafor finished the game with 31 points.")
    b = ClaimText("Coach Ilse Okafor finished the game with 24 points.")
    assert relate(a, b).label == "conflict"


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ("okafor", "brandvik", True),
        ("okafor", "okafor", False),
        ("okafor", None, False),
        # The other claim names the holder too: the figures may be that person's after all.
        ("okafor", "brandvik", False),
    ],
)
def test_figures_are_apart_only_when_neither_holder_is_named_by_the_other_claim(
    a: str, b: str | None, apart: bool
) -> None:
    text_a = "Okafor finished with 31 points."
    text_b = "Brandvik finished with 24 points." if apart else "Brandvik and Okafor finished with 24 points."
    assert holders.apart(a, b, text_a, text_b) is apart


FIRMS = [
    # Two firms' own figures, however alike the sentences: no contradiction.
    ("Kestrel Mining reported revenue of $2 billion for the year.",
     "Falcon Ridge Mining reported revenue of $2.6 billion for the year.", False),
    ("Harlow Bank cut 300 jobs on Tuesday.", "Ostend Bank cut 450 jobs on Tuesday.", False),
    # One firm named in full and in short, or with a title word: its two figures still conflict.
    ("Harlow Bank cut 300 jobs on Tuesday.", "Harlow cut 450 jobs on Tuesday.", True),
    ("Kestrel Mining reported revenue of $2 billion for the year.",
     "Kestrel Mining Group reported revenue of $2.6 billion for the year.", True),
]


@pytest.mark.parametrize(("a", "b", "conflict"), FIRMS)
def test_two_firms_own_figures_do_not_conflict_one_firms_do(a: str, b: str, conflict: bool) -> None:
    judged = relate(ClaimText(a, date="2026-10-20"), ClaimText(b, date="2026-10-20"))
    assert (judged.label == "conflict") is conflict
    if not conflict:
        assert judged.explanation.startswith("The figures belong to different names"), judged.explanation


def test_two_firms_alike_figures_are_no_agreement() -> None:
    a = ClaimText("Kestrel Mining reported revenue of $2 billion for the year.", date="2026-10-20")
    b = ClaimText("Falcon Ridge Mining reported revenue of $2 billion for the year.", date="2026-10-20")
    assert relate(a, b).label != "agree"


def test_names_that_end_alike_are_apart_only_by_rare_words_of_their_own() -> None:
    assert holders.apart("harlow bank", "ostend bank", "Harlow Bank cut 3.", "Ostend Bank cut 4.")
    # "President" is a title, no name: the same Okafor.
    texts = ("President Okafor won 3.", "Amara Okafor won 4.")
    assert not holders.apart("president okafor", "amara okafor", *texts)


@pytest.mark.parametrize(
    "text", ["She caught four passes in the first half.", "A second-half surge won it.", "The final half"]
)
def test_the_half_of_a_game_or_a_year_is_a_period_not_a_share(text: str) -> None:
    assert not [m for m in find_numbers(text) if m.kind == "fraction"]


def test_half_on_its_own_is_still_a_share() -> None:
    assert [m.value for m in find_numbers("Half of the homes were lost.") if m.kind == "fraction"] == [0.5]


def test_two_names_figures_in_claims_sharing_no_name_are_two_stories() -> None:
    a = ClaimText("Norvik Air cancelled 140 flights on Monday as its cabin crew walked out over pay.")
    b = ClaimText("The budget carrier Flyloft scrapped 35 flights on Monday after a strike by its pilots.")
    assert relate(a, b).label == "unrelated"


def test_two_players_of_one_match_are_one_story() -> None:
    # The claims share the match's teams: the players' points are two quantities of one game.
    a = ClaimText("Okafor finished with 31 points as the Harriers beat the Ospreys on Friday.")
    b = ClaimText("Brandvik scored 24 points for the Ospreys in Friday's loss to the Harriers.")
    assert relate(a, b).label != "unrelated"


def test_a_firm_that_says_it_will_act_holds_the_figure() -> None:
    """ "Name said it will ..." : the "it" is the firm that spoke, so the figure is that firm's."""
    from verifier.compare.figures import read_figures

    _, figs = read_figures("Tamsin Rail said it will withdraw 140 old carriages by June.", None)
    assert [f.holder for f in figs if f.family == "count"] == ["tamsin rail"]
    _, said = read_figures("Tamsin Rail said 14 passengers were hurt.", None)
    assert [f.holder for f in said] == [None]  # a statement's figure is not the speaker's
    a = ClaimText("Corvel Foods is recalling 8,000 jars of sauce over a labelling fault.", date="2026-03-02")
    b = ClaimText("Hessby Dairy said it will recall 8,000 tubs of yoghurt.", date="2026-03-03")
    assert relate(a, b).label == "unrelated"
