"""What the tool reads in a figure: a table per part of a frame. Every sentence is written for these tests.

Each row is a sentence a wire report could contain and the exact frame(s) expected from it. The tables are
the documentation of what `verifier.quantities.extract` understands.
"""

from __future__ import annotations

import math

import pytest

from verifier.quantities import Quantity, extract, group_contains, parse_group


def view(q: Quantity) -> tuple[str, str | None, str | None]:
    return (q.text, q.measure, q.group)


def figures(text: str, published: str | None = None) -> list[Quantity]:
    return [q for q in extract(text, published) if q.is_count]


# --- measure and counted group ---

MEASURES = [
    # killed, in its many spellings
    ("At least 27 IS fighters were killed overnight.", [("At least 27", "killed", "IS fighters")]),
    (
        "Medical officials said 13 fighters were killed and 20 wounded.",
        [("13", "killed", "fighters"), ("20", "wounded", None)],
    ),
    ("Clashes that killed 40 militants on both sides ended at dawn.", [("40", "killed", "militants")]),
    ("The shelling killed 12 civilians in the old market.", [("12", "killed", "civilians")]),
    ("Five people died when the roof collapsed.", [("Five", "killed", "people")]),
    ("Nine people lost their lives in the flooding.", [("Nine", "killed", "people")]),
    ("The death toll rose to 31 on Tuesday evening.", [("31", "killed", None)]),
    ("Officials put the death toll from the landslide at 64.", [("64", "killed", None)]),
    (
        "The blast left 18 people dead and dozens hurt.",
        [("18", "killed", "people"), ("dozens", "wounded", None)],
    ),
    ("Rebel rockets claimed the lives of seven residents.", [("seven", "killed", "residents")]),
    ("A car bomb killed three soldiers near the checkpoint.", [("three", "killed", "soldiers")]),
    ("Gunmen shot dead four police officers at a roadblock.", [("four", "killed", "police officers")]),
    ("Two journalists were among the dead.", [("Two", "killed", "journalists")]),
    ("Eleven miners perished underground.", [("Eleven", "killed", "miners")]),
    ("The bombing raised the number of dead to 52.", [("52", "killed", None)]),
    ("There were 23 fatalities on the motorway this weekend.", [("23", "killed", None)]),
    # wounded, injured, hurt
    ("At least 60 people were wounded in the attack.", [("At least 60", "wounded", "people")]),
    ("The quake injured 140 villagers.", [("140", "wounded", "villagers")]),
    ("Another 35 were hurt in the stampede.", [("35", "wounded", None)]),
    ("Eight children suffered injuries from flying glass.", [("Eight", "wounded", "children")]),
    (
        "Rescuers said 15 people were injured, three of them seriously.",
        [("15", "wounded", "people"), ("three", "wounded", None)],
    ),
    # arrested, detained
    ("Police arrested 46 protesters outside the court.", [("46", "arrested", "protesters")]),
    ("Some 200 people were detained overnight.", [("Some 200", "arrested", "people")]),
    ("Over 50 arrests were made during the protests.", [("Over 50", "arrested", None)]),
    ("Officers took 12 suspects into custody.", [("12", "arrested", "suspects")]),
    # displaced, missing, evacuated, kidnapped, affected
    ("The fighting has displaced 30,000 families.", [("30,000", "displaced", "families")]),
    ("About 4,000 residents fled the town.", [("About 4,000", "displaced", "residents")]),
    ("Twelve fishermen are still missing.", [("Twelve", "missing", "fishermen")]),
    ("Authorities evacuated 2,500 people from the coast.", [("2,500", "evacuated", "people")]),
    ("Gunmen kidnapped 17 students from the dormitory.", [("17", "kidnapped", "students")]),
    ("Fighters abducted nine aid workers last month.", [("nine", "kidnapped", "aid workers")]),
    (
        "Thirty people suffered breathing difficulties after the gas attack.",
        [("Thirty", "affected", "people")],
    ),
    ("Doctors treated 16 patients for burns.", [("16", "treated", "patients")]),
    # held, hijacked, damaged, seized
    ("Pirates are holding about a dozen ships off the coast.", [("about a dozen", "held", "ships")]),
    ("This year pirates hijacked nearly 40 vessels.", [("nearly 40", "hijacked", "vessels")]),
    ("The storm damaged 300 homes along the river.", [("300", "damaged", "homes")]),
    # Destroyed is not damaged: damage reports count the two apart ("destroyed 40 and damaged 90 more").
    (
        "The blaze destroyed 40 barns and damaged 90 more.",
        [("40", "destroyed", "barns"), ("90", "damaged", None)],
    ),
    ("Inspectors counted 355 damaged shops in the old town.", [("355", "damaged", "damaged shops")]),
    (
        "Sailors seized seven rifles and two grenade launchers.",
        [("seven", "seized", "rifles"), ("two", "seized", "grenade launchers")],
    ),
    (
        "At least 27 IS fighters and 13 others were killed.",
        [("At least 27", "killed", "IS fighters"), ("13", "killed", "others")],
    ),
    (
        "Seven rifles, three pistols and 13 fully loaded magazines were found.",
        [
            ("Seven", "seized", "rifles"),
            ("three", "seized", "pistols"),
            ("13", "seized", "fully loaded magazines"),
        ],
    ),
    (
        "At least 20 people were killed including 13 civilians and 30 wounded.",
        [("At least 20", "killed", "people"), ("13", "killed", "civilians"), ("30", "wounded", None)],
    ),
    ("Police arrested the man five buildings away.", [("five", None, "buildings")]),
    ("Rocket shells killed and injured five civilians.", [("five", "casualties", "civilians")]),
    (
        "Fighting left 23 civilians - including nine children - dead.",
        [("23", "killed", "civilians"), ("nine", "killed", "children")],
    ),
    ("Child killed, two others injured in attack on the market.", [("two", "wounded", "others")]),
    (
        "Two people killed 13 injured in rocket attacks.",
        [("Two", "killed", "people"), ("13", "wounded", None)],
    ),
    # an -ing verb belongs to the number after it, not to the counted group before it
    (
        "Rebels fired 300 shells into the western districts killing nine civilians.",
        [("300", None, "shells"), ("nine", "killed", "civilians")],
    ),
    (
        "The strike destroyed a bakery, killing 14 and injuring about 50.",
        [("14", "killed", None), ("about 50", "wounded", None)],
    ),
    (
        "The barrage killed three people and wounded 9 others.",
        [("three", "killed", "people"), ("9", "wounded", "others")],
    ),
    # the measure carries over to an elided figure
    (
        "The raids killed 45 civilians in the city and 22 in the countryside.",
        [("45", "killed", "civilians"), ("22", "killed", None)],
    ),
    (
        "Six people were killed in the north and four in the south.",
        [("Six", "killed", "people"), ("four", "killed", None)],
    ),
    # casualty-free figures have no measure
    ("The convoy of 40 trucks reached the town.", [("40", None, "trucks")]),
    ("The council has 12 members.", [("12", None, "members")]),
    ("Around 130 people marched to the police station.", [("Around 130", "marched", "people")]),
    # attribute measures
    ("The island is home to 120,000 people.", [("120,000", "population", "people")]),
    ("The town has a population of 45,000.", [("45,000", "population", None)]),
    # A subject "the number of <group> <measure>" says what the figure it rises or stands at counts.
    (
        "The number of villagers killed by the mudslide in the upper valley rose to 31, rescuers said.",
        [("31", "killed", "villagers")],
    ),
    ("The number of students detained after the sit-in has risen to 17.", [("17", "arrested", "students")]),
    # "Lost" counts the dead only with no object after it; "a further" and "an additional" join the verb.
    ("The garrison lost 14 soldiers in the ambush.", [("14", "killed", "soldiers")]),
    ("Some 9,000 homes lost power overnight.", [("Some 9,000", None, "homes")]),
    ("Three climbers lost their lives on the ridge.", [("Three", "killed", "climbers")]),
    ("The flood damaged a further 40 homes.", [("40", "damaged", "homes")]),
    # Turnout is a measure of an election, and "rising to" links it to its figure.
    ("Turnout was 48% in the runoff.", [("48%", "turnout", None)]),
    ("With turnout rising to 52.5%, officials extended voting.", [("52.5%", "turnout", None)]),
    # An adverb after "were" is no counted group: "Nine of the hurt were still in hospital" counts the hurt.
    ("Nine of the injured were still in hospital on Sunday.", [("Nine", "wounded", None)]),
    (
        "Four hikers are still missing and 12 now homeless.",
        [("Four", "missing", "hikers"), ("12", "displaced", None)],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), MEASURES, ids=[s[:40] for s, _ in MEASURES])
def test_measure_and_group(sentence: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert [view(q) for q in figures(sentence)] == expected


# --- value intervals from qualifiers, ranges, vague amounts and formats ---

INTERVALS = [
    # (sentence, number as written, value, low, high)
    ("Exactly 27 people were killed.", "Exactly 27", 27, 27, 27),
    ("At least 27 people were killed.", "At least 27", 27, 27, math.inf),
    ("No fewer than 27 people were killed.", "No fewer than 27", 27, 27, math.inf),
    ("More than 300 people were wounded.", "More than 300", 300, 301, math.inf),
    ("Over 300 people were wounded.", "Over 300", 300, 301, math.inf),
    ("Nearly 30 people were killed.", "Nearly 30", 30, 25.5, 29),
    ("Almost 50 people were wounded.", "Almost 50", 50, 42.5, 49),
    ("Up to 40 people were killed.", "Up to 40", 40, 0, 40),
    ("As many as 40 people were killed.", "As many as 40", 40, 0, 40),
    ("Fewer than 20 people were hurt.", "Fewer than 20", 20, 0, 19),
    ("Between 10 and 12 people were killed.", "Between 10 and 12", 11, 10, 12),
    ("10-12 people were killed.", "10-12", 11, 10, 12),
    ("10 to 12 people were killed.", "10 to 12", 11, 10, 12),
    ("Twenty-seven people were killed.", "Twenty-seven", 27, 27, 27),
    ("A dozen people were killed.", "A dozen", 12, 12, 12),
    ("Two hundred and fifty people were displaced.", "Two hundred and fifty", 250, 250, 250),
    ("Some 1,200 families were displaced.", "Some 1,200", 1200, 1080, 1320),
    ("About 100 people were injured.", "About 100", 100, 90, 110),
    ("Around 100 people were injured.", "Around 100", 100, 90, 110),
]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "low", "high"), INTERVALS, ids=[r[1] for r in INTERVALS]
)
def test_interval(sentence: str, text: str, value: float, low: float, high: float) -> None:
    (q,) = figures(sentence)
    assert (q.text, q.value) == (text, value)
    assert q.low == pytest.approx(low)
    assert q.high == pytest.approx(high)


VAGUE = [
    # (sentence, number as written, lowest and highest plausible bounds)
    ("Dozens of people were wounded.", "Dozens", 24, 99),
    ("Hundreds of families were displaced.", "Hundreds", 200, 999),
    ("Scores of homes were damaged.", "Scores", 40, 199),
    ("A handful of soldiers were wounded.", "A handful", 2, 10),
]


@pytest.mark.parametrize(("sentence", "text", "low", "high"), VAGUE, ids=[r[1] for r in VAGUE])
def test_vague_amounts_are_bounded_intervals(sentence: str, text: str, low: float, high: float) -> None:
    (q,) = figures(sentence)
    assert q.text == text
    assert low <= q.low < q.high <= high


FORMATS = [
    # (sentence, kind, value, unit)
    ("The ministry said 1.5 million people had fled.", "count", 1_500_000, None),
    ("The fund lost 3.2bn dollars last year.", "money", 3_200_000_000, "USD"),
    ("Damage was estimated at $2 million.", "money", 2_000_000, "USD"),
    ("Rebuilding will cost 200 million euros.", "money", 200_000_000, "EUR"),
    ("Turnout fell to 45 percent.", "percent", 45, None),
    ("Turnout fell to 45% in the capital.", "percent", 45, None),
    ("Support dropped by 3 percentage points.", "percentage_points", 3, None),
    ("The dhow was 10 metres long.", "measure", 10, "m"),
    ("The quake had a magnitude of 6.1.", "measure", 6.1, "magnitude"),
    ("A 5.9-magnitude quake shook the region.", "measure", 5.9, "magnitude"),
]


@pytest.mark.parametrize(("sentence", "kind", "value", "unit"), FORMATS, ids=[r[0][:30] for r in FORMATS])
def test_number_formats_and_units(sentence: str, kind: str, value: float, unit: str | None) -> None:
    (q,) = figures(sentence)
    assert (q.kind, q.unit) == (kind, unit)
    assert q.value == pytest.approx(value)


# A measurement is governed only by an attribute read in its own units: a population is counted, and a
# temperature word near a distance does not make the distance a temperature.
MEASUREMENT_MEASURES = [
    ("A 6.4-magnitude tremor hit the port, home to 90,000 people.", "6.4-magnitude", "magnitude", None),
    ("The village lies 8 km from the crater, where temperatures reached 38 degrees.", "8 km", "km", None),
    (
        "The village lies 8 km from the crater, where temperatures reached 38 degrees.",
        "38 degrees",
        "degrees",
        "temperature",
    ),
    ("Seismologists put it at a magnitude of 5.7.", "5.7", "magnitude", "magnitude"),
    ("Dozens of aftershocks followed, the largest of magnitude 3.9.", "3.9", "magnitude", "magnitude"),
]


def test_a_count_of_things_is_no_magnitude() -> None:
    (q, _) = extract("They logged 25 aftershocks, the largest of magnitude 3.9.")
    assert (q.text, q.measure) == ("25", None)


@pytest.mark.parametrize(
    ("sentence", "text", "unit", "measure"), MEASUREMENT_MEASURES, ids=[r[1] for r in MEASUREMENT_MEASURES]
)
def test_a_measurement_takes_only_a_measure_of_its_units(
    sentence: str, text: str, unit: str, measure: str | None
) -> None:
    (q,) = [q for q in figures(sentence) if q.text == text]
    assert (q.unit, q.measure) == (unit, measure)


# --- negation ---

NEGATION = [
    ("No one was killed in the fire.", "killed"),
    ("Nobody was injured when the wall fell.", "wounded"),
    ("There were no casualties, the army said.", "casualties"),
    ("Police said there were no deaths.", "killed"),
    ("No injuries were reported after the tremor.", "wounded"),
    ("No civilians were hurt in the strike, the ministry said.", "wounded"),
]


@pytest.mark.parametrize(("sentence", "measure"), NEGATION, ids=[r[0][:30] for r in NEGATION])
def test_negation_is_a_zero_figure(sentence: str, measure: str) -> None:
    (q,) = extract(sentence)
    assert (q.negated, q.value, q.low, q.high, q.measure) == (True, 0, 0, 0, measure)


def test_none_of_the_negates_the_measure() -> None:
    (q,) = figures("None of the 20 passengers was hurt.")
    assert (q.value, q.measure, q.negated) == (20, "wounded", True)


def test_no_one_is_not_the_number_one() -> None:
    assert [q.value for q in extract("No one died, but one house burned down.")] == [0, 1]


# --- groups and their hierarchy ---

GROUPS = [
    # (sentence, group as written, normalised head)
    ("At least 27 IS fighters were killed.", "IS fighters", "fighters"),
    ("Sixty civilians were killed.", "civilians", "civilians"),
    ("Nine children were killed.", "children", "children"),
    ("Two persons were killed.", "persons", "people"),
    ("One child was killed.", "child", "children"),
    ("At least 19 regime soldiers were killed.", "regime soldiers", "soldiers"),
    ("At least 175 members of the ISIS were killed.", "members of the ISIS", "members"),
    ("Twenty-nine Syrian rebels were killed.", "Syrian rebels", "rebels"),
    ("The strike killed 18 jihadists.", "jihadists", "jihadists"),
    ("At least one Thai crew member was killed.", "Thai crew", "crew"),
    ("Four other victims died in hospital.", "victims", "victims"),
    ("At least 17 of the hijacked ships are still held.", "hijacked ships", "ships"),
    ("The church has 1000-member congregations.", "member", "member"),
    ("Five more civilians were killed later.", "civilians", "civilians"),
    # "N of the dead were X": the group after "were" is who the part counts
    ("Eighteen of the dead were Vostani border guards.", "Vostani border guards", "guards"),
    ("Nine of those hurt were children, the ministry said.", "children", "children"),
    # A percentage names its whole after "of", with or without an article.
    ("Marta Sollen took 45.3 percent of ballots cast.", "ballots", "ballots"),
    ("About 12% of households in the valley lost power.", "households", "households"),
]


@pytest.mark.parametrize(("sentence", "group", "head"), GROUPS, ids=[r[1] for r in GROUPS])
def test_group(sentence: str, group: str, head: str) -> None:
    q = figures(sentence)[0]
    assert (q.group, q.group_head) == (group, head)


CONTAINS = [
    ("fighters", "IS fighters", True),
    ("people", "fighters", True),
    ("people", "IS fighters", True),
    ("people", "civilians", True),
    ("people", "children", True),
    ("civilians", "children", True),
    ("civilians", "women", True),
    ("people", "people", True),
    ("militants", "IS fighters", True),
    ("IS fighters", "fighters", False),
    ("children", "people", False),
    ("civilians", "fighters", False),
    ("IS fighters", "regime soldiers", False),
    ("Kurdish fighters", "IS fighters", False),
    ("ships", "vessels", True),
    ("homes", "households", True),  # a household is counted by its home: "80,000 homes without power"
    ("aircraft", "jets", True),
    ("jets", "ships", False),
    ("ships", "people", False),
]


@pytest.mark.parametrize(("outer", "inner", "expected"), CONTAINS, ids=[f"{o}>{i}" for o, i, _ in CONTAINS])
def test_group_contains(outer: str, inner: str, expected: bool) -> None:
    assert group_contains(outer, inner) is expected


def test_sides_come_from_modifiers_and_complements() -> None:
    assert parse_group("IS fighters").side == "is"
    assert parse_group("members of the ISIS").side == "is"
    assert parse_group("regime forces").side == "government"
    assert parse_group("army troops").side == "government"
    assert parse_group("members of the Syrian Democratic Forces").side == "kurdish"
    assert parse_group("Syrian fighters").side == "syrian"  # a nationality is a side for combatants...
    assert parse_group("Syrian civilians").side is None  # ...never for civilians
    assert parse_group("Syrian government forces").side == "government"  # the faction wins
    assert parse_group("Syrian rebels").side == "rebel"  # a head that names a faction is that faction
    assert parse_group("insurgents").side == "rebel"
    assert parse_group("coalition's fighters").side == "coalition"
    assert parse_group("fighters on the Islamic State side").side == "is"
    assert parse_group("soldiers on the army side").side == "government"


# --- attribution ---

ATTRIBUTION = [
    ("Medical officials said 13 fighters were killed.", "Medical officials said"),
    ("According to the ministry, 40 people were killed.", "According to the ministry"),
    ("The council said in a statement that 9 were wounded.", "The council said in a statement"),
    ("Twelve were killed, the Observatory said.", "the Observatory said"),
    (
        "Twelve people were killed, said the Syrian Observatory for Human Rights.",
        "said the Syrian Observatory for Human Rights",
    ),
    (
        "Thirty people died according to a local civil defence official.",
        "according to a local civil defence official",
    ),
    ("Eight were killed on Monday a monitoring group said.", "a monitoring group said"),
    ("The Observatory later said that 31 people were killed.", "The Observatory later said"),
    ("State television reported that 5 soldiers were killed.", "State television reported"),
    ("Police told reporters that 20 people were arrested.", "Police told"),
    ("Six people died, the health director Ahmed Karim said.", "the health director Ahmed Karim said"),
    ("Three people were killed in the raid.", None),
]


@pytest.mark.parametrize(("sentence", "attribution"), ATTRIBUTION, ids=[r[0][:30] for r in ATTRIBUTION])
def test_attribution(sentence: str, attribution: str | None) -> None:
    q = figures(sentence)[0]
    assert q.attribution == attribution
    if attribution is not None:
        s, e = q.spans["attribution"]
        assert sentence[s:e] == attribution


# --- time, resolved against the article date ---

TIME = [
    # (sentence, article date, time as written, resolved). 2015-07-31 was a Friday.
    ("Officials said on Thursday that 40 were killed.", "2015-07-31", "on Thursday", "2015-07-30"),
    ("At least 27 fighters were killed the night before.", "2015-07-31", "the night before", "2015-07-30"),
    ("Five people were killed on Friday.", "2015-07-31", "on Friday", "2015-07-31"),
    ("Five people were killed on Monday.", "2015-07-31", "on Monday", "2015-07-27"),
    ("Monday's shelling killed five people.", "2015-07-31", "Monday", "2015-07-27"),
    ("Two soldiers were killed yesterday.", "2015-07-31", "yesterday", "2015-07-30"),
    ("Three people were killed today.", "2015-07-31", "today", "2015-07-31"),
    ("Twelve sailors died when the ship sank on November 19.", "2008-11-25", "on November 19", "2008-11-19"),
    ("On 6 October a bomb killed 29 people.", "2016-10-14", "On 6 October", "2016-10-06"),
    ("A mid-August attack killed 32 people.", "2016-10-06", "mid-August", "2016-08"),
    ("Early on Tuesday a shell killed four people.", "2016-10-19", "Early on Tuesday", "2016-10-18"),
    ("Five people were killed on Thursday.", None, "on Thursday", None),
    ("Five people were killed in the raid.", "2015-07-31", None, None),
]


@pytest.mark.parametrize(("sentence", "published", "time", "resolved"), TIME, ids=[r[0][:30] for r in TIME])
def test_time(sentence: str, published: str | None, time: str | None, resolved: str | None) -> None:
    q = [f for f in figures(sentence, published) if f.measure][0]
    assert (q.time, q.time_resolved) == (time, resolved)


# --- period (scope) and part/total roles ---

SCOPE = [
    ("Since Thursday the bombing has killed 44 civilians.", "Since Thursday"),
    ("Over 50 arrests were made over four nights of protest.", "over four nights"),
    ("The raids killed 49 people in two days.", "in two days"),
    ("Seven days of air strikes left more than 75 civilians dead.", "Seven days of"),
    ("So far 750 people have been killed in the campaign.", "So far"),
    ("The downing brought the toll for Russian troops to 18.", "brought the toll"),
    ("Fighting killed 71 civilians on Tuesday and Wednesday.", "Tuesday and Wednesday"),
    ("More than 100 civilians were killed in August shelling of the city.", "in August shelling"),
    ("Pirates have carried out around 100 attacks this year.", "this year"),
    ("Floods closed 40 roads over the weekend.", "over the weekend"),
    ("On Sunday alone, 23 roads were closed.", "On Sunday alone"),
    ("The shelling killed 15 people on Wednesday.", None),
]


@pytest.mark.parametrize(("sentence", "scope"), SCOPE, ids=[r[0][:30] for r in SCOPE])
def test_scope(sentence: str, scope: str | None) -> None:
    q = next(f for f in figures(sentence) if f.kind != "duration")
    assert q.scope == scope


def test_a_duration_is_not_its_own_period() -> None:
    """"went on for nine days" states the duration; it is no period some other count runs over, so two
    durations of one strike compare."""
    (q,) = extract("The walkout went on for nine days.")
    assert (q.kind, q.scope) == ("duration", None)


ROLES = [
    # (sentence, [(number, role)])
    ("Seven children were among 71 civilians killed.", [("Seven", "part"), ("71", None)]),
    ("The toll was 36 dead, among them 15 children.", [("36", None), ("15", "part")]),
    ("At least 12 civilians including four children were killed.", [("At least 12", None), ("four", "part")]),
    ("Fighting killed 40 militants on both sides.", [("40", "total")]),
    ("A total of 40 people were killed.", [("40", "total")]),
    ("Four other victims died in hospital.", [("Four", "partial")]),
    ("Five more civilians were killed in the town.", [("Five", "partial")]),
    ("Another 150 were wounded.", [("150", "partial")]),
    ("A further 30 homes were damaged.", [("30", "partial")]),
    # "Up from" / "down from" names the value a change started from: superseded by the claim itself.
    ("Turnout was 48%, up from 41% four years ago.", [("48%", None), ("41%", "earlier")]),
    ("An additional 12 people were hurt.", [("12", "partial")]),
    ("He treated 16 of 29 patients.", [("16", "partial"), ("29", None)]),
    ("Most of the victims - 14 - died in the strikes.", [("14", "partial")]),
    ("The raid killed 32 rebels, updating an earlier toll of 15.", [("32", None), ("15", "earlier")]),
    ("The initial figure of 12 dead was revised.", [("12", "earlier")]),
    # the group after "were" names who the part counts: a part with its group ("seven children were among")
    ("At least 14 of the dead were rebels.", [("At least 14", "part")]),
    ("Eleven of the injured were miners from Tarsk.", [("Eleven", "part")]),
    ("Some 30 of the dead were soldiers.", [("Some 30", "part")]),
    (
        "At least 20 people were killed including 13 civilians and 30 wounded.",
        [("At least 20", None), ("13", "part"), ("30", None)],
    ),
    ("Fifteen were wounded, four of them seriously.", [("Fifteen", None), ("four", "partial")]),
    # "others" after a count of another measure are people other than those: the whole of their own count.
    ("The mortar killed two guards and wounded 11 others.", [("two", None), ("11", None)]),
    ("Four miners died, 9 others injured in the blast.", [("Four", None), ("9", None)]),
    # after a count of the same measure, "others" are a further part of it
    ("The storm killed 3 in the port; four other victims died inland.", [("3", None), ("four", "partial")]),
]


@pytest.mark.parametrize(("sentence", "roles"), ROLES, ids=[r[0][:30] for r in ROLES])
def test_role(sentence: str, roles: list[tuple[str, str | None]]) -> None:
    assert [(q.text, q.role) for q in figures(sentence)] == roles


# --- numbers that are not counts are never tolls ---

NOT_COUNTS = [
    ("Security Council resolution 2254 was adopted in 2015.", {"code", "year"}),
    ("The 16-year-old was shot on Saturday.", {"age"}),
    ("The quake struck at 17:06 local time.", {"time"}),
    ("The 67th Precinct station was closed.", {"ordinal"}),
    ("The attack happened on November 19.", {"date"}),
    ("It was the third attack this month.", {"ordinal"}),
    ("The boy, aged 16, was shot after midnight.", {"age"}),
]


@pytest.mark.parametrize(("sentence", "kinds"), NOT_COUNTS, ids=[r[0][:30] for r in NOT_COUNTS])
def test_numbers_that_are_not_counts(sentence: str, kinds: set[str]) -> None:
    frames = extract(sentence)
    assert frames, "the number is still recognised"
    assert {q.kind for q in frames} <= kinds | {"count"} and kinds & {q.kind for q in frames}
    for q in frames:
        if q.kind in kinds:
            assert not q.is_count
            assert q.measure not in ("killed", "wounded")


# --- spans for highlighting ---

SPANS = [
    (
        "Medical officials said 13 fighters were killed on Thursday.",
        {
            "number": "13",
            "group": "fighters",
            "measure": "killed",
            "attribution": "Medical officials said",
            "time": "on Thursday",
        },
    ),
    (
        "At least 27 IS fighters were killed.",
        {"number": "At least 27", "group": "IS fighters", "measure": "killed"},
    ),
    (
        "Since Saturday at least 68 civilians have been killed.",
        {
            "number": "at least 68",
            "group": "civilians",
            "scope": "Since Saturday",
            "measure": "killed",
            "time": "Saturday",
        },
    ),
    ("The death toll rose to 10.", {"number": "10", "measure": "death toll"}),
    ("No one was killed.", {"number": "No one", "measure": "killed"}),
]


@pytest.mark.parametrize(("sentence", "parts"), SPANS, ids=[r[0][:30] for r in SPANS])
def test_spans_point_into_the_claim(sentence: str, parts: dict[str, str]) -> None:
    q = extract(sentence)[0]
    assert {k: sentence[s:e] for k, (s, e) in q.spans.items()} == parts


# --- edges ---


@pytest.mark.parametrize("text", ["", "   ", "No figures here at all.", "—", "\u200b"])
def test_text_without_figures_gives_no_frames(text: str) -> None:
    assert extract(text) == []


def test_frames_are_in_text_order_and_hashable() -> None:
    frames = extract("Twelve were killed and 30 wounded, and 5 are missing.")
    assert [q.measure for q in frames] == ["killed", "wounded", "missing"]
    assert len({*frames}) == 3


def test_describe_names_figure_group_measure_and_qualifier() -> None:
    (q,) = figures("At least 27 IS fighters were killed.")
    assert q.describe() == "27 IS fighters killed (at least)"


def test_describe_gives_a_range_as_both_its_ends() -> None:
    (q,) = figures("Between 20 and 25 people were arrested at the march.")
    assert q.describe() == "20 to 25 people arrested"


def test_bad_article_date_is_ignored() -> None:
    (q,) = figures("Five people were killed on Monday.", "not a date")
    assert (q.time, q.time_resolved) == ("on Monday", None)
