"""What two claims' articles add to the judgement (verifier.compare.context), on articles written for these
tests: the incident is told by the whole article, not only by the sentence that carries the figure."""

from __future__ import annotations

import pytest

from verifier.compare import ClaimText, relate
from verifier.compare.context import WITHOUT_CONTEXT, context_features, doc, years_of
from verifier.compare.features import features, view
from verifier.compare.model import shipped

# Two reports of one flood in one valley, and one report of a fire in another town the same week.
FLOOD_ONE = (
    "Flash floods swept through the Veltrava valley on Tuesday after two days of rain. "
    "The river burst its banks near Ostrel and Kimmering, cutting the road to the pass. "
    "Eleven people died and the regional governor, Mara Stellin, declared an emergency. "
    "Volunteers filled sandbags outside the Ostrel school through the night."
)
FLOOD_TWO = (
    "Rescue teams in the Veltrava valley searched for the missing on Wednesday. "
    "Governor Mara Stellin said eleven people had died when the river rose around Ostrel. "
    "Kimmering remained cut off and the pass road was closed by mud. "
    "Residents described the water climbing the school steps within minutes."
)
FIRE = (
    "A warehouse fire in the port city of Dunmarrow killed three workers on Tuesday. "
    "The blaze started in a paint store and spread to a timber yard, the fire chief Ollo Brandt said. "
    "Smoke closed the coastal motorway for six hours while crews cooled the ruins."
)
CLAIM_FLOOD_ONE = "Eleven people died and the governor declared an emergency."
CLAIM_FLOOD_TWO = "Officials said eleven people had died."
CLAIM_FIRE = "The blaze killed three workers."


def test_two_articles_about_one_incident_are_closer_than_two_about_different_ones() -> None:
    same = context_features(
        ClaimText(CLAIM_FLOOD_ONE, context=FLOOD_ONE), ClaimText(CLAIM_FLOOD_TWO, context=FLOOD_TWO)
    )
    other = context_features(
        ClaimText(CLAIM_FLOOD_ONE, context=FLOOD_ONE), ClaimText(CLAIM_FIRE, context=FIRE)
    )
    assert same["context_known"] == other["context_known"] == 1.0
    assert same["context_cosine"] > 2 * other["context_cosine"]
    assert same["context_names_jaccard"] > other["context_names_jaccard"]
    assert same["claim_in_context_min"] > other["claim_in_context_min"]


def test_names_are_capitalised_words_inside_a_sentence_not_sentence_openers() -> None:
    names = doc("Floods hit the valley. The river rose near Ostrel. Rain fell.").names
    assert "ostrel" in names
    assert "flood" not in names and "rain" not in names


def test_a_claim_without_its_article_reads_as_unknown_not_as_unlike() -> None:
    got = context_features(ClaimText(CLAIM_FLOOD_ONE), ClaimText(CLAIM_FLOOD_TWO, context=FLOOD_TWO))
    assert got == WITHOUT_CONTEXT
    assert got["context_known"] == 0.0


def test_one_article_against_itself_is_marked_as_the_same_article() -> None:
    got = context_features(
        ClaimText(CLAIM_FLOOD_ONE, context=FLOOD_ONE), ClaimText(CLAIM_FLOOD_ONE, context=FLOOD_ONE)
    )
    assert got["context_same"] == 1.0
    assert got["context_cosine"] == pytest.approx(1.0)


def test_the_model_judges_the_incident_from_the_articles_when_both_come_with_one() -> None:
    m = shipped()
    assert m.incident_articles is not None
    with_articles = features(
        view(ClaimText(CLAIM_FLOOD_ONE, context=FLOOD_ONE), ClaimText(CLAIM_FLOOD_TWO, context=FLOOD_TWO))
    )
    bare = features(view(ClaimText(CLAIM_FLOOD_ONE), ClaimText(CLAIM_FLOOD_TWO)))
    assert m.incident_for(with_articles) is m.incident_articles
    assert m.incident_for(bare) is m.incident


def test_articles_about_different_incidents_make_the_pair_less_likely_one_incident() -> None:
    # The same two sentences, once under articles of one flood and once under a flood and a fire article.
    one = relate(ClaimText(CLAIM_FLOOD_ONE, context=FLOOD_ONE), ClaimText(CLAIM_FLOOD_TWO, context=FLOOD_TWO))
    apart = relate(ClaimText(CLAIM_FLOOD_ONE, context=FLOOD_ONE), ClaimText(CLAIM_FLOOD_TWO, context=FIRE))
    p_one = dict(one.probabilities)["unrelated"]
    p_apart = dict(apart.probabilities)["unrelated"]
    assert p_apart > p_one


@pytest.mark.parametrize(
    ("text_a", "date_a", "text_b", "date_b", "shared", "apart"),
    [
        # Two undated reports of quakes on one island, each set in its own year.
        (
            "The 2009 quake on Varn island cracked the harbour wall.",
            None,
            "Varn island was shaken again in 2014, a decade after the last big quake in 2004.",
            None,
            0.0,
            1.0,
        ),
        # A report dated 2021 and another that names that year: one year in common.
        (
            "The dam at Orsk gave way on Monday.",
            "2021-06-07",
            "Engineers had warned in 2021 that the Orsk dam was failing.",
            None,
            1.0,
            0.0,
        ),
        # No year on either side: nothing is known, which is not the same as apart.
        ("The dam at Orsk gave way.", None, "The Orsk dam failed.", None, 0.0, 0.0),
    ],
)
def test_the_years_two_articles_are_set_in(
    text_a: str, date_a: str | None, text_b: str, date_b: str | None, shared: float, apart: float
) -> None:
    got = context_features(
        ClaimText(text_a, date=date_a, context=text_a), ClaimText(text_b, date=date_b, context=text_b)
    )
    assert (got["context_years_shared"], got["context_years_apart"]) == (shared, apart)


def test_counts_and_codes_are_not_years() -> None:
    assert not years_of(ClaimText("x", context="The A1200 road; 1,200 homes; 2100 volts; 450 people."))
