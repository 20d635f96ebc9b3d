"""The judgement (verifier.compare) on sentences written for these tests.

Each row is a pair a fact-checker would judge at once; the rows cover every family of figure the judgement
reads. The shipped model is the real one (a JSON file in the package); nothing here is a data-set sentence.
"""

from __future__ import annotations

import json
import math

import pytest

from verifier.compare import LABELS, ClaimText, relate
from verifier.compare.align import align
from verifier.compare.comparators import compatible
from verifier.compare.decision import clashing_pair
from verifier.compare.features import feature_names, features, view
from verifier.compare.figures import read_figures
from verifier.compare.model import from_json, shipped
from verifier.compare.sums import parts_making_whole
from verifier.core.errors import ConfigError

# The same sentence twice, one row per family of figure: a pair of copies agrees, whatever it measures.
COPIES = [
    "The centre scored 31 points in the final game of the season.",
    "Rescuers found the missing hikers on March 14.",
    "The ministry said the repairs would cost 2.4 million dollars.",
    "Turnout reached 64 percent in the northern district.",
    "The tremor measured magnitude 5.1 on the local scale.",
    "The ferry left the harbour at 7:40 p.m. local time.",
    "The coach, 58, signed a three-year contract.",
    "Police arrested 23 protesters outside the court.",
    "The bridge spans 1,200 metres across the estuary.",
    "The Harriers won the derby 3-1 on Saturday.",
]


@pytest.mark.parametrize("text", COPIES)
def test_a_copy_of_a_sentence_agrees_whatever_its_figure_measures(text: str) -> None:
    j = relate(ClaimText(text, date="2024-05-02"), ClaimText(text, date="2024-05-02"))
    assert j.label == "agree", j
    assert 0 < j.score <= 1


# Near copies: one outlet's wording against another's, the same figure written another way.
NEAR = [
    ("The club paid 30 million euros for the striker.", "The club paid euro30 million for the striker."),
    ("Inflation stood at 7.2% in March.", "Inflation stood at 7.2 per cent in March."),
    ("The storm killed nine people in the valley.", "Nine people were killed by the storm in the valley."),
    ("The fire destroyed 40 homes on the ridge.", "Forty homes on the ridge were destroyed by the fire."),
]


@pytest.mark.parametrize(("a", "b"), NEAR)
def test_a_near_copy_with_the_same_figure_agrees(a: str, b: str) -> None:
    assert relate(ClaimText(a), ClaimText(b)).label == "agree"


HEADLINED = "Bus crash kills 14 on mountain road. The crash killed 14 passengers and injured 9 on the road."

# Two figures of one incident: the second conflicting makes the pair a conflict, and the explanation names it.
SECOND = [
    (
        "The explosion killed 6 people and wounded 32 in the market.",
        "The explosion killed 6 people and wounded 30 in the market.",
        ("32", "30"),
    ),
    (
        "Floods killed 11 residents and left 400 homeless in the delta.",
        "Floods killed 18 residents and left 400 homeless in the delta.",
        ("11", "18"),
    ),
    # Destroyed and damaged are two counts of one damage report: the destroyed ones clash.
    (
        "The landslide destroyed 70 houses and damaged 25 more, the district office said.",
        "The district office said the landslide destroyed 48 houses and damaged 25 more.",
        ("70", "48"),
    ),
    # One quake has one magnitude, whatever noun the writer puts after it and whatever else is counted.
    (
        "A 6.3-magnitude quake hit the coastal province, home to 300,000 people, seismologists said.",
        "The 5.8 magnitude tremor hit the coastal province, seismologists said.",
        ("6.3", "5.8"),
    ),
    # A sentence that carries its headline repeats the figure: still one figure of that measure, so the
    # other report's figure clashes with it.
    (
        HEADLINED,
        "The crash killed at least 21 passengers and injured 9 on the mountain road, police said.",
        ("14", "21"),
    ),
]


# Claims that agree exactly on one figure restate one report: their only figures of another kind say the same
# thing, even when the words around them differ.
SECOND.append(
    # Counts of groups with no measure word: the crew agree, so the passengers are one count told two ways.
    (
        "The liner left port with 1,840 passengers and 610 crew on board.",
        "With 610 crew and 1,790 passengers on board, the liner left port.",
        ("1840", "1790"),
    )
)
SECOND.append(
    (
        "The scooter weighs 12 kg and starts at $599.",
        "Priced from $749, the 12-kilogram scooter goes on sale next week.",
        ("599", "749"),
    )
)


@pytest.mark.parametrize(("a", "b", "named"), SECOND)
def test_one_conflicting_figure_makes_the_pair_a_conflict(a: str, b: str, named: tuple[str, str]) -> None:
    j = relate(ClaimText(a, date="2023-01-09"), ClaimText(b, date="2023-01-09"))
    assert j.label == "conflict"
    assert all(n in j.explanation for n in named), j.explanation


def test_counts_of_a_group_are_one_count_only_when_another_group_is_counted_alike_and_once() -> None:
    def pair(a: str, b: str) -> tuple[str, str] | None:
        p = clashing_pair(view(ClaimText(a), ClaimText(b)))
        return None if p is None else (p.a.q.text, p.b.q.text)

    assert pair("The bus carried 41 pupils and 3 teachers.", "The bus carried 38 pupils and 3 teachers.") == (
        "41",
        "38",
    )
    # The second claim counts its pupils twice (once as an addition): no single count of them.
    assert (
        pair(
            "The bus carried 41 pupils and 3 teachers.",
            "The bus carried 38 pupils and 3 teachers, and another 5 pupils came by car.",
        )
        is None
    )
    # Nothing else counted alike: two counts of pupils may be two trips.
    assert pair("The bus carried 41 pupils and 3 teachers.", "It carried 38 pupils and 4 teachers.") is None


def test_a_figure_repeated_from_the_headline_is_still_the_only_figure_of_its_measure() -> None:
    v = view(ClaimText(HEADLINED), ClaimText("The crash killed 20 passengers, police said."))
    clash = clashing_pair(v)
    assert clash is not None and (clash.a.q.value, clash.b.q.value) == (14.0, 20.0)


# Pairs that read as clashes figure by figure but are not conflicts, each for a general reason of news copy.
NOT_CONFLICTS = [
    # One day "alone" is a part of the weekend's count, not a rival count of it.
    (
        "On Sunday alone, 90 trains were cancelled on the Orvik line during the strike.",
        "The strike cancelled 210 trains on the Orvik line over the weekend.",
    ),
    # The span of a campaign against one day of it: the only durations of two claims, not one measure.
    ("The two-week offensive on the valley ended.", "One day of shelling in the valley town left it ruined."),
    # Two codes with letters name two things (two roads), they do not contradict each other.
    (
        "Two drivers died in a pile-up on the M6 near the bridge.",
        "Two drivers died in a pile-up on the A14 near the bridge.",
    ),
    # A figure written with its unit in one claim and without it in the other is one value.
    (
        "Ortiz ran for 143 yards and Blake added 61.",
        "Ortiz had 143 yards on 19 carries and Blake ran for 61 yards.",
    ),
    # A list in another order: every figure of one claim stands in the other.
    (
        "The two climbers, aged 19 and 23, reached the summit at dawn.",
        "The two climbers, aged 23 and 19, reached the summit at dawn.",
    ),
    # Who is counted: civilians are a part of all the dead; two factions' dead, or fighters and civilians,
    # are different people.
    (
        "At least 9 people died in the shelling of the town.",
        "Eight civilians died in the shelling of the town.",
    ),
    (
        "Two rebels were killed in the fighting near the dam.",
        "31 IS militants were killed in the fighting near the dam.",
    ),
    ("The raid killed 40 militants in the hills.", "The raid killed 3 civilians in the hills."),
    # A figure marked as an addition ("another seven") is a further part, never the whole of a toll.
    (
        "Sixteen civilians were killed in the raids on the town.",
        "Another seven people were killed in the raids on the town.",
    ),
    # Different kinds of event, or different weekdays: two events.
    (
        "A car bomb killed 5 people near the bus station.",
        "An air strike killed 12 people near the bus station.",
    ),
    ("Gunmen killed 3 guards at the mine on Monday.", "Gunmen killed 8 guards at the mine on Friday."),
    # A vague quantity beside an exact one: "dozens" is loose, not a rival count.
    ("Dozens of people were hurt in the stampede.", "112 people were hurt in the stampede."),
    # Each claim sets its event on another day: two events, not one told two ways.
    (
        "Shelling killed 4 people in the old market on Tuesday.",
        "Shelling killed 9 people in the old market on Thursday.",
    ),
]


NOT_CONFLICTS.append(
    # The value a change started from is superseded by its own claim: it contradicts nothing.
    ("Turnout in Orlen was 63%, up from 51% last time.", "Orlen's turnout reached 63 percent.")
)


@pytest.mark.parametrize(("a", "b"), NOT_CONFLICTS)
def test_a_clash_of_a_list_a_vague_word_or_two_days_is_not_a_conflict(a: str, b: str) -> None:
    assert relate(ClaimText(a, date="2023-03-10"), ClaimText(b, date="2023-03-10")).label != "conflict"


# Figure by figure, after normalisation: money by currency and scale, percentages, dates, times with zones,
# units converted to one base.
COMPARED = [
    ("It cost 30 billion euros.", "It cost euro30 billion.", True),
    ("A loaf costs £1.85.", "A loaf costs 185p, bakers say.", True),
    ("A loaf costs £1.85.", "A loaf costs 192 pence.", False),
    ("Sales reached $13.9bn.", "Sales reached nearly $14 billion.", True),
    ("Sales reached $13.9bn.", "Sales reached $19 billion.", False),
    ("The rate fell to 4.5%.", "The rate fell to 4.5 per cent.", True),
    ("The rate fell to 4.5%.", "The rate fell to 5.5%.", False),
    ("The ship sank on November 18.", "The ship sank on November 18, 2008.", True),
    ("Okafor won the race in 29 minutes 41 seconds.", "Okafor won the race in a time of 29:41.", True),
    ("Okafor won the race in 29 minutes 41 seconds.", "Okafor won the race in a time of 30:12.", False),
    ("The ship sank on November 18.", "The ship sank on November 19.", False),
    ("The plane landed at 14:05 GMT.", "The plane landed at 3:05 p.m. CET.", True),
    ("The plane landed at 14:05 GMT.", "The plane landed at 16:05 GMT.", False),
    ("The road runs 5 km.", "The road runs 5,000 metres.", True),
    ("The road runs 5 km.", "The road runs 9 km.", False),
    ("The trail is 2.5 miles long.", "The trail is 4 kilometres long.", True),
    # A change up against a change down of one size; a level reached is no change.
    ("Exports rose 4% in May.", "Exports fell 4% in May.", False),
    ("Exports were up 4% in May.", "Exports rose by 4% in May.", True),
    ("Exports rose to 4% of output.", "Exports fell to 4% of output.", True),
    # Years and ordinals are exact; a share in words is a rounded percentage.
    ("The plant will close by 2031.", "The plant will close by 2033.", False),
    ("She is the 14th governor.", "She is the 15th governor.", False),
    ("Half of the wells ran dry.", "51% of the wells ran dry.", True),
    ("Half of the wells ran dry.", "Two-thirds of the wells ran dry.", False),
    ("Half of the wells ran dry.", "70% of the wells ran dry.", False),
    ("The trail is 1.2 miles long.", "The trail is 4 kilometres long.", False),
    ("The well pumps 40 barrels of oil a day.", "The well pumps 6,360 litres of oil a day.", True),
    ("The thermometer showed 41C.", "The thermometer showed 41 degrees Celsius.", True),
    ("The thermometer showed 41C.", "The thermometer showed 105.8F.", True),
    ("The thermometer showed 41C.", "The thermometer showed 44 degrees Celsius.", False),
    ("The bill passed 218-212.", "The House approved the bill by 218 votes to 212.", True),
    ("The bill passed 218-212.", "The House approved the bill 220-211.", False),
    ("Harlow beat Ostend 3-1.", "Ostend lost 1-3 to Harlow.", True),
    ("The chairman, 58, stepped down.", "The 58-year-old chairman stepped down.", True),
    ("The chairman, 58, stepped down.", "The 63-year-old chairman stepped down.", False),
    # One unit written with an article is one of that unit.
    ("The walkout lasted a fortnight.", "The walkout lasted 14 days.", True),
    ("The walkout lasted a fortnight.", "The walkout lasted three days.", False),
    ("A foot of snow fell on the pass.", "Twelve inches of snow fell on the pass.", True),
]


@pytest.mark.parametrize(("a", "b", "same"), COMPARED)
def test_figures_compare_after_normalisation(a: str, b: str, same: bool) -> None:
    _, fa = read_figures(a, None)
    _, fb = read_figures(b, None)
    pairs = align(fa, fb)
    assert pairs, (fa, fb)
    assert compatible(pairs[0].a, pairs[0].b) is same


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The reservoir holds 80 million litres.", "The reservoir covers 80,000 m2."),
        ("The new turbine yields 2 MW.", "The new turbine yielded 2,000 kWh last week."),
    ],
)
def test_measurements_of_two_dimensions_are_not_compared(a: str, b: str) -> None:
    _, fa = read_figures(a, None)
    _, fb = read_figures(b, None)
    assert fa and fb and not align(fa, fb)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("A six-storey hotel collapsed in the tremor.", "The tremor killed 31."),
        ("Flooding cut off four villages.", "The flooding killed 12, officials said."),
    ],
)
def test_a_toll_without_a_group_counts_people_not_the_things_another_claim_counts(a: str, b: str) -> None:
    _, fa = read_figures(a, None)
    _, fb = read_figures(b, None)
    assert fa and fb
    assert not [p for p in align(fa, fb) if p.same_thing], align(fa, fb)


@pytest.mark.parametrize(
    ("a", "b", "label"),
    [
        (
            "Miners at Tollern went back after a 12-day stoppage.",
            "The three-week stoppage at Tollern is over.",
            "conflict",
        ),
        (
            "Miners at Tollern went back after a 12-day stoppage.",
            "The 12-day stoppage at Tollern is over.",
            "agree",
        ),
    ],
)
def test_two_lengths_written_as_adjectives_of_one_noun_are_one_length(a: str, b: str, label: str) -> None:
    assert relate(ClaimText(a, date="2025-10-03"), ClaimText(b, date="2025-10-03")).label == label


def test_the_only_scores_of_claims_that_name_both_sides_are_one_matchs_score() -> None:
    a = ClaimText("Harlow Athletic came from behind to beat Ostend Town 3-1 in Saturday's semi-final.")
    b = ClaimText("Ostend Town reached the final with a 2-1 win over Harlow Athletic on Saturday.")
    assert relate(a, b).label == "conflict"
    away = ClaimText("Ostend Town slipped to a 2-1 home defeat to Harlow Athletic in Saturday's semi-final.")
    assert relate(a, away).label == "conflict"
    other_game = ClaimText("Harlow Athletic beat Dorn Rangers 2-1 on Saturday.")
    assert relate(a, other_game).label != "conflict"
    record = ClaimText("Harlow Athletic improved their record to 11-4 with the win over Ostend Town.")
    assert relate(record, ClaimText("Harlow Athletic beat Ostend Town 31-24 on Sunday.")).label != "conflict"


def test_scores_whose_clauses_name_both_sides_are_one_match_whatever_else_is_named() -> None:
    """A nickname on one side and a ground on the other are no other sides when both scores' own clauses
    name the same two teams."""
    a = ClaimText("The Tollbridge Herons beat the Calder Foxes 4-2 on Sunday, Mina Dray scoring a hat-trick.")
    b = ClaimText("Tollbridge edged Calder 3-2 at Ferry Road on Sunday, with a hat-trick for Mina Dray.")
    assert relate(a, b).label == "conflict"
    other = ClaimText("Tollbridge edged Wexley 3-2 at Ferry Road on Sunday, with a hat-trick for Mina Dray.")
    assert relate(a, other).label != "conflict"


def test_two_scores_whose_clauses_name_other_sides_are_two_matches() -> None:
    """Each score's own clause names a side the other claim never names: two games, however alike."""
    a = ClaimText("Harlow Athletic beat Dorn Rangers 2-1 to go top of the table.")
    b = ClaimText("Harlow Athletic went top with a 3-0 victory against Kell United.")
    assert relate(a, b).label == "unrelated"
    scorer = ClaimText("Harlow Athletic beat Dorn Rangers 3-1, with Ada Brill scoring twice.")
    assert relate(a, scorer).label == "conflict"  # a scorer named on one side is no other side


def test_a_side_that_fell_to_another_gives_the_score_from_its_side() -> None:
    a = ClaimText("Harlow Athletic beat Ostend Town 2-0 at Mill Lane on Saturday.")
    b = ClaimText("Ostend Town fell 0-2 to Harlow Athletic at Mill Lane on Saturday.")
    assert relate(a, b).label == "agree"
    _, f = read_figures("Prices fell 1-3 percent in May.", None)
    assert all(x.family != "score" for x in f)


def test_a_bare_decimal_in_a_report_of_an_earthquake_is_its_magnitude() -> None:
    a = ClaimText("A magnitude 5.7 earthquake shook the Dalvik coast on Friday, the survey said.")
    b = ClaimText("The tremor that shook the Dalvik coast on Friday registered 5.7, the survey said.")
    assert relate(a, b).label == "agree"
    _, f = read_figures("The tremor that shook Dalvik registered 5.7.", None)
    assert [x.family for x in f] == ["measure:magnitude"]
    _, f = read_figures("The quake killed 6 people in Dalvik.", None)
    assert all(x.family == "count" for x in f)  # a whole number counts


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Gusts of 120 km/h hit the Marlow coast on Sunday.", "Gusts of 120 mph hit the Marlow coast."),
        ("Lows in Stenby fell to minus 12C on Monday night.", "Lows in Stenby fell to minus 12F on Monday."),
    ],
)
def test_one_number_written_in_two_units_is_two_values(a: str, b: str) -> None:
    """"120 km/h" and "120 mph" share the digits, not the value: the claims disagree."""
    assert relate(ClaimText(a, date="2024-01-15"), ClaimText(b, date="2024-01-15")).label == "conflict"


MONEY_MEASURES = [
    # What a sum measures decides, not its number: revenue is no profit, damage no aid, jobs cut no payroll.
    (
        "Corvane Foods reported quarterly revenue of $5.2 billion, the company said.",
        "Corvane Foods posted a quarterly net profit of $5.2 billion, the company said.",
        "different_quantity",
    ),
    (
        "Corvane Foods reported quarterly revenue of $5.2 billion, the company said.",
        "Corvane Foods said quarterly sales reached $4.1 billion.",
        "conflict",
    ),
    (
        "Brisk Telecom's net profit rose to 800 million euros last year.",
        "Brisk Telecom's annual net income was €800m.",
        "agree",
    ),
    (
        "Brisk Telecom's operating profit came to 800 million euros last year.",
        "Brisk Telecom made a net profit of 800 million euros last year.",
        "different_quantity",
    ),
    (
        "The hailstorm over Selmar caused an estimated $2 billion in damage.",
        "The government pledged $2 billion in aid after the hailstorm over Selmar.",
        "different_quantity",
    ),
    ("The Tarnow carmaker will cut 1,200 jobs.", "The Tarnow carmaker employs 1,200 people.",
     "different_quantity"),
]


@pytest.mark.parametrize(("a", "b", "label"), MONEY_MEASURES)
def test_sums_of_one_story_that_measure_different_things_are_different_quantities(
    a: str, b: str, label: str
) -> None:
    assert relate(ClaimText(a, date="2026-10-20"), ClaimText(b, date="2026-10-20")).label == label


def test_a_measure_of_money_governs_no_count() -> None:
    """ "The loss of 50 soldiers" counts soldiers; no net loss is meant."""
    _, f = read_figures("The regiment mourned the loss of 50 soldiers.", None)
    assert [x.q.measure for x in f] != ["loss"]
    _, f = read_figures("The bank booked a net loss of 300 million euros.", None)
    assert [x.q.measure for x in f] == ["loss"]


def test_a_later_toll_that_rose_on_its_own_day_updates_an_earlier_one() -> None:
    """The day a later report gives its risen toll is the day of the count, not of a second event."""
    a = ClaimText("Floods in the Corran hills have killed 9 people, rescuers said on Tuesday.",
                  date="2024-02-06")
    b = ClaimText("The toll from the Corran hills floods climbed to 16 on Friday.", date="2024-02-09")
    assert relate(a, b).label == "update"


def test_a_clash_the_classifier_read_as_an_update_it_cannot_be_is_a_conflict() -> None:
    """ "Rose to" on a rate says the world changed, not that a count was revised: two reports of one month's
    rate with other figures conflict, though both use revision wording."""
    a = ClaimText("Tarvia's inflation rate rose to 7.8% in March, the statistics office said on Thursday.")
    b = ClaimText("Inflation in Tarvia climbed to 6.9 percent in March, figures released on Thursday showed.")
    assert relate(a, b).label == "conflict"


@pytest.mark.parametrize(
    ("b", "label"),
    [
        ("Mayor Ines Kovar was re-elected after taking 52.4 percent of the ballots cast.", "agree"),
        ("Mayor Ines Kovar was re-elected after taking 58 percent of the ballots cast.", "conflict"),
    ],
)
def test_two_shares_of_one_whole_told_in_two_words_are_one_share(b: str, label: str) -> None:
    a = "Mayor Ines Kovar won re-election in Tarsk with 52.4% of the vote, the election board said."
    assert relate(ClaimText(a, date="2025-11-05"), ClaimText(b, date="2025-11-05")).label == label


def test_one_span_told_with_another_preposition_is_one_span() -> None:
    a = ClaimText("Storms killed 12 people in Varne over the weekend, police said.")
    b = ClaimText("Police said 15 people were killed in Varne at the weekend.")
    assert relate(a, b).label == "conflict"


def test_the_only_amounts_of_two_claims_that_name_both_parties_are_one_deals_price() -> None:
    a = ClaimText("Brisa Foods has agreed to buy rival Tollan Dairies for $2.4 billion in cash.")
    b = ClaimText("Tollan Dairies is to be acquired by Brisa Foods in a deal worth 3.1 billion dollars.")
    assert relate(a, b).label == "conflict"
    same = ClaimText("Tollan Dairies is to be acquired by Brisa Foods in a deal worth 2.4 billion dollars.")
    assert relate(a, same).label == "agree"


@pytest.mark.parametrize(
    ("a", "b", "label"),
    [
        # The only day each claim gives, in claims about the same named parties: the day of the event.
        (
            "The trawler Selka Rose sank off the Varn islands on October 3, the coastguard said.",
            "Coastguard officials said the Selka Rose went down near the Varn islands on October 4.",
            "conflict",
        ),
        (
            "The Orla-2 rocket lifted off from the Kessa spaceport at 06:40 local time.",
            "The launch of the Orla-2 from Kessa took place at 9.15 a.m. local time.",
            "conflict",
        ),
    ],
)
def test_the_only_days_of_claims_about_one_story_are_its_day(a: str, b: str, label: str) -> None:
    assert relate(ClaimText(a), ClaimText(b)).label == label


# The Darna reading: 40 killed on both sides is a whole, 27 IS fighters a part of it, 13 against at least 27
# fighters a clash of a part larger than its whole.
def test_the_darna_figures_keep_their_reading() -> None:
    whole = ClaimText(
        "At least 40 people were killed on both sides in the fighting in Darna.", date="2015-07-31"
    )
    part = ClaimText("The dead included at least 27 IS fighters, a local official said.", date="2015-07-31")
    few = ClaimText("Only 13 fighters were killed in Darna, the militia said.", date="2015-07-31")
    _, fp = read_figures(part.text, part.date)
    _, ff = read_figures(few.text, few.date)
    [pair] = [p for p in align(fp, ff) if p.a.family == "count"]
    assert pair.part_exceeds_whole and pair.clash
    assert relate(part, few).label == "conflict"
    assert relate(whole, part).label != "conflict"


def test_the_score_is_the_probability_of_the_label() -> None:
    j = relate(ClaimText("Police arrested 23 protesters."), ClaimText("Police arrested 23 protesters."))
    probs = dict(j.probabilities)
    assert set(probs) == set(LABELS)
    assert math.isclose(sum(probs.values()), 1.0, rel_tol=1e-9)
    assert j.score in (round(probs[j.label], 4), round(1 - probs["unrelated"], 4))


def test_the_shipped_model_reads_every_feature_the_code_computes() -> None:
    assert shipped().features == feature_names()
    v = view(ClaimText("Two were hurt."), ClaimText("Three were hurt."))
    assert set(features(v)) == set(feature_names())


def test_a_model_file_of_another_format_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ConfigError, match="retrain"):
        from_json(json.loads('{"format": "pickle"}'))


def test_the_synthetic_training_pairs_are_fixed_and_cover_every_label() -> None:
    from verifier.compare.synthetic import pairs

    made = pairs()
    assert made == pairs()  # the same seed writes the same pairs
    assert {label for _, _, label in made} == set(LABELS)


def test_a_figure_with_no_value_is_compared_without_error() -> None:
    # A code-like token ("O" followed by an Arabic-Indic digit) has no value: its interval is unbounded.
    j = relate(ClaimText("Unit O\u0661 moved."), ClaimText("Unit O\u0661 moved."))
    assert j.label in LABELS


# Revision wording in any tense makes a clash of one toll an update (LABELS.md), not a conflict.
REVISIONS = [
    ("The landslide killed 14 villagers.", "The toll from the landslide rises to 21 villagers."),
    ("The landslide killed 14 villagers.", "The landslide toll has reached 21 villagers, officials said."),
    ("The landslide killed 14 villagers.", "The number of villagers killed in the landslide climbed to 21."),
    # A revision that names what it raises before its new value ("raised the number ... to").
    (
        "The landslide killed 14 villagers.",
        "Officials raised the number of villagers killed in Monday's landslide to 21.",
    ),
]


@pytest.mark.parametrize(
    ("text", "revises"),
    [
        ("Rescuers raised the number of people missing after the mudslide to 40.", True),
        ("The fire has now burned 900 hectares, up from earlier estimates.", True),
        # The words of a gap cue stay in one sentence.
        ("Police raised the number of patrols. Officials said 40 people went to the rally.", False),
        ("Rescuers raised the number of dogs on the team.", False),
        ("Six more arrests overnight brought the total number of people held to 31.", True),
        ("Police are bringing the total of officers on patrol to 60.", True),
    ],
)
def test_revision_cues_may_name_what_they_revise_between_their_words(text: str, revises: bool) -> None:
    from verifier.compare.vocab import load

    assert (load().revision_cues.search(text) is not None) == revises


@pytest.mark.parametrize(("a", "b"), REVISIONS)
def test_revision_wording_in_any_tense_makes_an_update(a: str, b: str) -> None:
    assert relate(ClaimText(a, date="2022-06-03"), ClaimText(b, date="2022-06-03")).label == "update"


# "Revised" and "corrected" say a report's own figure changed, whatever it measures: a rate or a share is
# revised as a toll is ("rose to" on a rate says the world changed, and is no revision).
REPORT_REVISIONS = [
    (
        "Annual inflation in Morvia was 3.1% in June, a first estimate from the statistics office showed.",
        "The statistics office revised Morvia's June inflation rate down to 2.8%.",
        "2024-07-16",
    ),
    (
        "The yes side won 54.6% of the vote in the Callow referendum, early results showed.",
        "The electoral board corrected the yes vote in the Callow referendum to 53.9% of the vote in its"
        " final count.",
        "2024-07-04",
    ),
]


# A source that raises or cuts its own forecast or estimate revises a figure it gave, whatever it measures.
ESTIMATE_REVISIONS = [
    (
        "The Harrow port authority expects 3.4 million passengers this year.",
        "The Harrow port authority raised its passenger forecast for the year to 3.9 million.",
        "2024-09-10",
    ),
    (
        "Dessa's finance ministry sees the economy growing 2.4 percent next year.",
        "Dessa's finance ministry cut its growth forecast for next year to 1.7 percent.",
        "2024-10-01",
    ),
]


@pytest.mark.parametrize(
    ("text", "revises"),
    [
        ("The carmaker lowered its full-year sales outlook to 1.2 million vehicles.", True),
        ("The weather office downgraded its storm forecast on Friday.", True),
        ("The weather office cut staff after a wrong forecast.", True),  # within 12 words: read as one
        ("The weather office cut staff. Its forecast was for rain.", False),
        ("The council raised parking fees by 5%.", False),
    ],
)
def test_raising_or_cutting_a_forecast_is_report_revision_wording(text: str, revises: bool) -> None:
    from verifier.compare.vocab import load

    assert (load().report_revision_cues.search(text) is not None) == revises


@pytest.mark.parametrize(("a", "b", "later"), ESTIMATE_REVISIONS)
def test_a_revised_forecast_is_an_update(a: str, b: str, later: str) -> None:
    assert relate(ClaimText(a, date="2024-07-02"), ClaimText(b, date=later)).label == "update"


def test_people_charged_are_not_the_people_arrested() -> None:
    a = ClaimText("Police held 26 people in raids on a forged-ticket ring in Castlemere.", date="2024-05-02")
    b = ClaimText("Eleven people have been charged after the Castlemere ticket raids.", date="2024-05-04")
    assert relate(a, b).label == "different_quantity"
    c = ClaimText("Eleven people were convicted over the forged tickets of Castlemere.", date="2024-05-04")
    assert relate(a, c).label != "conflict"


@pytest.mark.parametrize(("a", "b", "later"), REPORT_REVISIONS)
def test_a_revised_rate_or_share_is_an_update(a: str, b: str, later: str) -> None:
    assert relate(ClaimText(a, date="2024-07-02"), ClaimText(b, date=later)).label == "update"


def test_a_later_report_with_fewer_still_trapped_is_an_update() -> None:
    """The trapped, like the missing, fall as rescues go on: fewer in a later report revise the count."""
    a = ClaimText("Thirty hikers were stranded by the avalanche, the park service said.", date="2024-01-10")
    b = ClaimText("The park service said 11 hikers were still stranded.", date="2024-01-11")
    assert relate(a, b).label == "update"
    assert relate(ClaimText(a.text, date=b.date), ClaimText(b.text, date=a.date)).label == "conflict"


def test_a_claim_that_gives_the_others_figure_as_where_its_own_started_revises_it() -> None:
    """ "140 arrested, up from 87" says the 87 was the count before: the pair is an update, with or without
    report dates, not an agreement on 87."""
    a = "Police said 87 people had been detained after the second night of unrest in Morvane."
    b = "Police in Morvane have now detained 140 people over the unrest, up from 87 on Sunday."
    for da, db in (("2025-06-15", "2025-06-17"), (None, None)):
        j = relate(ClaimText(a, date=da), ClaimText(b, date=db))
        assert j.label == "update", (da, j)
        assert "87" in j.explanation and "140" in j.explanation, j.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "About 6,000 people marched through Orsa on Saturday against the new road, police said.",
            "Police in Orsa raised their estimate of the march to 9,500 people, up from an initial 6,000.",
        ),
        (
            "Tamber Holdings reported a preliminary 2024 profit of 410 million euros.",
            "Tamber Holdings restated its 2024 profit at €362m, down from the 410 million euros at first.",
        ),
    ],
)
def test_the_value_a_claim_started_from_makes_it_an_update_of_a_claim_that_gives_it(a: str, b: str) -> None:
    assert relate(ClaimText(a), ClaimText(b)).label == "update"


def test_a_later_report_whose_open_figure_grew_is_an_update_and_names_both_figures() -> None:
    """LABELS.md: a clearly later report with a grown toll for the same incident is an update, even when
    both figures are lower bounds that could both be true ("at least 40", then "at least 61")."""
    a = ClaimText("A car bomb at the bus depot killed at least 40 people, medics said.", date="2021-03-02")
    b = ClaimText("The car bomb at the bus depot killed at least 61 people, medics said.", date="2021-03-03")
    j = relate(a, b)
    assert j.label == "update"
    assert "40" in j.explanation and "61" in j.explanation, j.explanation
    same_day = relate(a, ClaimText(b.text, date=a.date))
    assert same_day.label == "agree"


def test_a_later_report_of_a_larger_sum_or_rate_is_no_update_without_revision_wording() -> None:
    """A toll grows as reports come in; a budget passed on a day, or a month's rate, that both claims name
    does not: a later report that gives another value for it, with no word of a revision, contradicts the
    earlier one."""
    pairs = [
        (
            "Hollin city council approved a $2.3 billion budget for next year on Tuesday.",
            "On Tuesday Hollin's council adopted a $3.2 billion budget for next year.",
        ),
        (
            "Unemployment in Varrow stood at 4.1 percent in March, the statistics office said.",
            "The statistics office put Varrow's March unemployment rate at 5.4 percent.",
        ),
    ]
    for a, b in pairs:
        j = relate(ClaimText(a, date="2025-03-04"), ClaimText(b, date="2025-03-06"))
        assert j.label == "conflict", (a, j)


def test_a_later_report_of_a_price_that_moved_is_an_update() -> None:
    """A price or a level may move between two reports that name no common day or month for it."""
    a = ClaimText("A litre of petrol in Dunmore costs 1.72 euros, the motoring club said.", date="2025-03-04")
    b = ClaimText("A litre of petrol in Dunmore now costs 1.85 euros, the club said.", date="2025-03-25")
    assert relate(a, b).label == "update"


# Whole pairs about figures other than tolls, one incident each: the only two figures of one kind that
# count the same thing (their words say so) agree or clash, whatever the kind (LABELS.md: any one clash makes
# a conflict). The span of a campaign against one day of it is no such pair.
BEYOND_TOLLS = [
    ("The dock strike lasted 12 days.", "The dock strike lasted nine days, the union said.", "conflict"),
    (
        "About 300 firefighters fought the warehouse blaze.",
        "Some 150 firefighters fought the warehouse blaze.",
        "conflict",
    ),
    (
        "Inflation rose to 5.4% in March, the bureau said.",
        "Inflation rose to 6.1% in March, the bureau said.",
        "conflict",
    ),
    ("The ferry sank on November 18.", "The ferry sank on November 19, the coastguard said.", "conflict"),
    # Jobs cut are workers laid off: one count under two nouns (lexicon/en/groups.json, class "workers").
    (
        "The carmaker will cut 1,200 jobs, the union said.",
        "The carmaker will lay off 2,000 workers.",
        "conflict",
    ),
    (
        "Seismologists said the tremor measured 6.2 on the Richter scale.",
        "Seismologists said the magnitude-6.2 tremor woke the valley.",
        "agree",
    ),
]


@pytest.mark.parametrize(("a", "b", "label"), BEYOND_TOLLS, ids=[r[0][:30] for r in BEYOND_TOLLS])
def test_the_only_figures_of_one_kind_are_compared_whatever_they_measure(a: str, b: str, label: str) -> None:
    assert relate(ClaimText(a, date="2024-12-01"), ClaimText(b, date="2024-12-01")).label == label


def test_claims_that_name_other_kinds_of_event_are_about_other_incidents() -> None:
    """A bombing and a landslide on one day are two incidents, however alike the counts."""
    bomb = ClaimText("A bomb at the bus depot killed 14 people on Sunday.", date="2023-04-02")
    slide = ClaimText("A landslide buried 14 people in the hill villages on Sunday.", date="2023-04-02")
    assert relate(bomb, slide).label == "unrelated"


def test_clashing_figures_set_in_two_places_are_two_events() -> None:
    """Each claim sets its figure in a town the other never names: two incidents, not one disagreement."""
    a = ClaimText("Police said 4 people were arrested after the derby in Wexham.", date="2023-04-02")
    b = ClaimText("Police said 9 people were arrested after the derby in Corlby.", date="2023-04-02")
    j = relate(a, b)
    assert j.label == "unrelated"
    assert "Wexham" in j.explanation and "Corlby" in j.explanation


def test_claims_that_name_other_weekdays_for_their_events_are_about_other_incidents() -> None:
    monday = ClaimText("Shelling killed 9 people in the river town on Monday.", date="2019-05-13")
    thursday = ClaimText("Shelling killed 9 people in the river town on Thursday.", date="2019-05-16")
    assert relate(monday, thursday).label == "unrelated"


def test_the_day_a_source_spoke_is_no_day_of_the_event() -> None:
    """"Said on Monday" dates the statement: a report of Sunday's crush given on Monday names no other day
    for the crush, so it neither clashes on weekdays nor counts days apart."""
    sunday = ClaimText("Eleven fans were hurt in a crush at the stadium gates on Sunday.", date="2024-09-08")
    monday = ClaimText("Medics said on Monday that 19 fans had been hurt in the crush.", date="2024-09-09")
    told = ClaimText("The fire chief told reporters Monday that 19 fans were hurt.", date="2024-09-09")
    for later in (monday, told):
        e = view(sunday, later).evidence
        assert not e.weekday_clash
        assert e.stated_gap is None
    # The day of the event itself still counts, after a verb of saying or not.
    other = ClaimText("Medics said 19 fans were hurt in a crush at the gates on Monday.", date="2024-09-09")
    assert view(sunday, other).evidence.weekday_clash


PARTS_OF_PLACES = [
    ("Shells killed 9 people in the Bara district of Tarsa.", "Shells killed 21 people across Tarsa.", True),
    ("Raids hit Tarsa's northern suburbs overnight.", "Raids hit Tarsa overnight.", True),
    ("Raids hit the Old Mill neighbourhood overnight.", "Raids hit Tarsa overnight.", True),
    ("Raids hit the district of Tarsa overnight.", "Raids hit the district of Hemra overnight.", False),
]


@pytest.mark.parametrize(("a", "b", "apart"), PARTS_OF_PLACES, ids=[r[0][:30] for r in PARTS_OF_PLACES])
def test_one_claim_set_in_a_part_of_a_place_is_evidence(a: str, b: str, apart: bool) -> None:
    """One district against its whole city is another quantity (LABELS.md); the classifier sees when only
    one claim sets its figures in a part of a place."""
    assert view(ClaimText(a), ClaimText(b)).evidence.part_of_place is apart


# The act a date or a time is the date of: the word right before it or its preposition. Two claims that give
# one act two days cannot both be true; a date after a word that is itself a when ("today (3 June)") or
# after a word of no content ("said on Monday") dates no act.
DATED_ACTS = [
    (
        "The council vote on the new bridge will be held on 14 May, the mayor said.",
        "The mayor said the council vote on the new bridge will be held on 21 May.",
        "conflict",
    ),
    (
        "The harbour museum reopened on 3 April after the repairs.",
        "After the repairs, the harbour museum reopened on 9 April.",
        "conflict",
    ),
    (
        "The trade pact was signed on 3 March in the port city.",
        "The trade pact, signed in the port city on 8 March, takes effect next year.",
        "conflict",
    ),
    # Two words for one act ("opens", "starts"), one period written in two cases ("this year", "This year"):
    # the two days are the disagreement, not two events.
    (
        "The harbour festival opens on 3 June this year.",
        "This year the harbour festival starts on 10 June.",
        "conflict",
    ),
]


def test_the_days_claims_report_are_no_evidence_of_two_events_when_they_are_the_only_figures() -> None:
    def claim(text: str) -> ClaimText:
        return ClaimText(text, date="2025-03-01")

    dates_only = view(claim("The fair opens on 3 June."), claim("The fair opens on 10 June."))
    with_counts = view(claim("Floods killed 4 people on 3 June."), claim("Floods killed 9 on 10 June."))
    assert dates_only.evidence.stated_gap is None
    assert with_counts.evidence.stated_gap == 7


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The ferry service opens on 2 May.", "The ferry service will start on 2 May."),
        ("The final is scheduled for 8 pm.", "The final is set for 8 pm."),
        ("The talks ended on 4 April.", "The talks concluded on 4 April."),
    ],
)
def test_two_words_for_one_act_date_one_act(a: str, b: str) -> None:
    (fa,) = [f for f in read_figures(a, "2025-03-01")[1] if f.family in ("date", "time")]
    (fb,) = [f for f in read_figures(b, "2025-03-01")[1] if f.family in ("date", "time")]
    assert fa.act is not None and fa.act == fb.act


@pytest.mark.parametrize(("a", "b", "label"), DATED_ACTS, ids=[r[0][:30] for r in DATED_ACTS])
def test_two_days_for_one_dated_act_conflict(a: str, b: str, label: str) -> None:
    assert relate(ClaimText(a, date="2025-03-01"), ClaimText(b, date="2025-03-01")).label == label


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Shares were down 4% on Monday.", -1),
        ("Sales rose 4% in May.", 1),
        ("The trawler went down 7 miles off the cape.", 0),
        ("The balloon came down 3 km from the airfield.", 0),
    ],
)
def test_up_or_down_after_a_verb_of_motion_is_no_change(text: str, direction: int) -> None:
    _, figs = read_figures(text, None)
    assert [f.direction for f in figs] == [direction]


def test_a_change_up_against_the_same_change_down_is_a_conflict_named_with_its_direction() -> None:
    j = relate(
        ClaimText("Ticket sales rose 8% in the first week, the theatre said.", date="2025-03-01"),
        ClaimText("The theatre said ticket sales fell 8% in the first week.", date="2025-03-01"),
    )
    assert j.label == "conflict"
    assert "up 8" in j.explanation and "down 8" in j.explanation


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("The vote will be held on 14 May.", "held"),
        ("Polls close at 8 pm in the capital.", "close"),
        ("The company said today (3 June) that it had settled.", None),
        ("The minister said on 3 June that talks would resume.", None),
        ("The match kicks off Saturday at 3:30 pm.", None),
        ("The pact, signed in the port city on 8 March, holds.", "sign"),
        ("Nine were killed in Ashdale on 14 May.", "ashdal"),
    ],
)
def test_a_date_is_read_as_the_date_of_the_word_before_it(text: str, act: str | None) -> None:
    _, figures = read_figures(text, "2025-03-01")
    when = [f for f in figures if f.family in ("date", "time")]
    assert when and when[0].act == act


# Parts that add up exactly to the other claim's whole are one count told two ways; parts of two measures, or
# two figures of one group, are no sum.
SUMS = [
    (
        "The ferry had 212 passengers and 14 crew aboard when it ran aground.",
        "All 226 people aboard the ferry were rescued after it ran aground.",
        "agree",
    ),
    (
        "The clashes left 4 police officers and 9 protesters injured, the hospital said.",
        "The hospital said 13 people were injured in the clashes.",
        "agree",
    ),
]


@pytest.mark.parametrize(("a", "b", "label"), SUMS, ids=[r[0][:30] for r in SUMS])
def test_parts_that_add_up_to_the_whole_agree(a: str, b: str, label: str) -> None:
    j = relate(ClaimText(a, date="2025-06-10"), ClaimText(b, date="2025-06-10"))
    assert j.label == label
    assert "add up" in j.explanation or "agree" in j.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The blast killed 3 guards and wounded 11 workers.", "The blast wounded 14 people at the plant."),
        ("Rescuers freed 5 miners on Monday and 5 miners on Tuesday.", "Rescuers freed 10 miners."),
    ],
)
def test_parts_of_two_measures_or_of_one_group_make_no_sum(a: str, b: str) -> None:
    v = view(ClaimText(a, date="2025-06-10"), ClaimText(b, date="2025-06-10"))
    assert parts_making_whole(v) is None


# A group and its whole counted with one value for one measure are one count told at two levels of detail;
# a part that is smaller than its whole, or open ("at least"), stays another quantity of the incident.
RESTATED = [
    (
        "Police said between 30 and 35 people were detained outside the stadium.",
        "Police detained 32 fans outside the stadium.",
        "agree",
    ),
    (
        "The storm killed 9 people in the coastal villages, the governor said.",
        "Nine fishermen were killed by the storm in the coastal villages, the governor said.",
        "agree",
    ),
    # The whole may be a bound that holds the part.
    (
        "More than 300 people were rescued from the flooded estate.",
        "Boats rescued 340 residents from the flooded estate.",
        "agree",
    ),
]


@pytest.mark.parametrize(("a", "b", "label"), RESTATED, ids=[r[0][:30] for r in RESTATED])
def test_a_group_and_its_whole_with_one_value_agree(a: str, b: str, label: str) -> None:
    j = relate(ClaimText(a, date="2025-06-10"), ClaimText(b, date="2025-06-10"))
    assert j.label == label
    assert j.explanation.startswith("Figures agree")


def test_a_part_smaller_than_its_whole_is_not_a_restatement() -> None:
    v = view(
        ClaimText("The storm killed 9 people in the coastal villages.", date="2025-06-10"),
        ClaimText("Four fishermen were killed by the storm in the coastal villages.", date="2025-06-10"),
    )
    assert v.pairs and not any(p.restates for p in v.pairs)


@pytest.mark.parametrize(
    ("b", "label"),
    [
        ("Opened on Monday, the Calder reservoir has a capacity of 2,500,000 m³.", "agree"),
        ("The Calder reservoir holds about 88 million cubic feet of water, engineers said.", "agree"),
        ("The Calder reservoir holds 3.1 million m³ of water, engineers said.", "conflict"),
    ],
)
def test_volumes_compare_after_conversion(b: str, label: str) -> None:
    a = ClaimText("The new Calder reservoir can hold 2.5 million cubic metres of water, engineers said.")
    assert relate(a, ClaimText(b)).label == label


@pytest.mark.parametrize(
    ("a", "b", "label"),
    [
        # A length, a height, a depth and a distance are four measures, whatever their values.
        (
            "The new Orvell bridge is 2.4 km long, engineers said.",
            "The Orvell bridge's towers rise 160 metres above the river, engineers said.",
            "different_quantity",
        ),
        ("The new Orvell bridge is 2.4 km long.", "The Orvell bridge is 1.6 kilometres long.", "conflict"),
        ("The new Orvell bridge is 2.4 km long.", "The Orvell bridge is 2,400 metres long.", "agree"),
        (
            "The quake that shook Tarrin on Monday was 10 km deep, the survey said.",
            "The quake's epicentre was 35 km southwest of Tarrin, the survey said.",
            "different_quantity",
        ),
        (
            "The quake that shook Tarrin on Monday was 10 km deep, the survey said.",
            "The quake struck at a depth of 18 km, the survey said.",
            "conflict",
        ),
    ],
)
def test_lengths_of_different_dimensions_are_different_quantities(a: str, b: str, label: str) -> None:
    assert relate(ClaimText(a), ClaimText(b)).label == label


def test_a_date_put_back_is_an_update_and_a_code_in_a_name_is_no_figure() -> None:
    """A launch, a vote or a match postponed to another day revises the date; the "4" of "Kestrel-4" is part
    of a name, so the days the claims give are what they report, not two events' days."""
    a = ClaimText("The Kestrel-4 probe will launch from Dornby on 3 May, the agency said.", date="2025-03-01")
    later = ClaimText("The launch of the Kestrel-4 probe has been postponed to 10 May.", date="2025-03-20")
    assert relate(a, later).label == "update"
    same_day = ClaimText("The Kestrel-4 probe will lift off from Dornby on 10 May.", date="2025-03-01")
    assert relate(a, same_day).label == "conflict"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # A night covers two dates: "overnight" in Saturday's paper ran from Friday; "last night" into today.
        ("Rocket fire overnight killed 30 people in Tarsk.", {"2025-07-11", "2025-07-12"}),
        ("Rockets killed 30 people in Tarsk last night.", {"2025-07-11", "2025-07-12"}),
        ("Rockets killed 30 people in Tarsk on Friday.", {"2025-07-11"}),
        ("Rockets killed 30 people in Tarsk yesterday.", {"2025-07-11"}),
    ],
)
def test_a_night_names_both_dates_it_spans(text: str, days: set[str]) -> None:
    from verifier.compare.evidence import stated_days

    frames, _ = read_figures(text, "2025-07-12")
    assert {d.isoformat() for d in stated_days(frames, text)} == days
