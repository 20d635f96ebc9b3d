"""Held-out pairs: written in our own words before the 06:00 relation fixes and never tuned on.

The rules in relation.py and quantities/ were not changed to make any row here pass. A row the rules get
wrong stays in the table, marked xfail with the reason, so the table keeps measuring generalisation
(the accuracy is reported in docs/relations.md).
"""

from __future__ import annotations

import pytest

from verifier.relation import ClaimText, relate

# (a text, a date, b text, b date, expected label)
HELD_OUT: list[tuple[str, str | None, str, str | None, str]] = [
    # --- conflict ---
    (
        "A bus plunged into a ravine near the mountain pass, killing 22 passengers, police said.",
        "2019-05-02",
        "Police said 31 passengers died when the bus left the road near the mountain pass.",
        "2019-05-02",
        "conflict",
    ),
    (
        "At least 45 rebel fighters were killed in the assault on the hill town, a monitor said.",
        "2017-03-08",
        "Hospital staff said 18 fighters were killed in the assault on the hill town.",
        "2017-03-08",
        "conflict",
    ),
    (
        "The ferry was carrying 140 passengers when it capsized off the island.",
        "2018-09-20",
        "The ferry that capsized off the island had 95 passengers on board.",
        "2018-09-20",
        "conflict",
    ),
    (
        "Nearly 70 soldiers died in two days of clashes around the airbase.",
        "2016-02-11",
        "Officials said 35 soldiers from both armies had been killed in the clashes around the airbase.",
        "2016-02-10",
        "conflict",
    ),
    (
        "Seven miners were killed in the gas explosion at the colliery on Tuesday.",
        "2020-01-15",
        "Tuesday's gas explosion at the colliery killed 12 miners.",
        "2020-01-15",
        "conflict",
    ),
    (
        "The earthquake measured magnitude 6.1, the geological survey said.",
        "2021-07-04",
        "The geological survey put the earthquake at magnitude 7.0.",
        "2021-07-04",
        "conflict",
    ),
    (
        "Organisers said 50,000 people joined the march through the capital.",
        "2019-10-12",
        "Police said 8,000 people joined the march through the capital.",
        "2019-10-12",
        "conflict",
    ),
    # --- agree ---
    (
        "The landslide buried 14 homes and killed nine villagers.",
        "2022-08-01",
        "Nine villagers died when the landslide buried their homes.",
        "2022-08-01",
        "agree",
    ),
    (
        "At least 30 people were injured in the stampede at the stadium.",
        "2023-04-09",
        "The stampede at the stadium left 34 people injured.",
        "2023-04-09",
        "agree",
    ),
    (
        "More than 40 civilians were killed in the shelling of the old quarter.",
        "2016-12-02",
        "The shelling of the old quarter killed 40 civilians.",
        "2016-12-02",
        "agree",
    ),
    (
        "Twelve Iraqi soldiers were killed at the checkpoint.",
        "2015-06-06",
        "A suicide attack at the checkpoint killed 12 Iraqi soldiers.",
        "2015-06-06",
        "agree",
    ),
    (
        "The government approved a relief package of $4.5 million for the storm victims.",
        "2020-11-03",
        "A $4.5m relief package for the storm victims was approved by the government.",
        "2020-11-03",
        "agree",
    ),
    (
        "Around 200 families were displaced by the fighting in the border villages.",
        "2017-05-21",
        "The fighting in the border villages displaced about 200 families.",
        "2017-05-21",
        "agree",
    ),
    # --- update ---
    (
        "At least 8 people were killed when the apartment block collapsed.",
        "2018-02-05",
        "The death toll from the apartment block collapse has risen to 17.",
        "2018-02-07",
        "update",
    ),
    (
        "About 40 climbers were missing after the avalanche on the glacier.",
        "2019-01-10",
        "Between 5 and 7 climbers were still missing after the avalanche on the glacier.",
        "2019-01-12",
        "update",
    ),
    (
        "Police arrested 11 people during the riot in the port district.",
        "2021-06-14",
        "The number of people arrested over the riot in the port district rose to 30.",
        "2021-06-16",
        "update",
    ),
    (
        "Twenty people were killed in the cholera outbreak in the camp.",
        "2017-07-01",
        "The cholera outbreak in the camp has now killed 48 people, health officials said.",
        "2017-07-09",
        "update",
    ),
    (
        "The floods forced 3,000 residents from their homes.",
        "2019-03-18",
        "The number of residents forced from their homes by the floods climbed to 7,500.",
        "2019-03-20",
        "update",
    ),
    (
        "The toll from the mine collapse stood at 6 on Friday.",
        "2020-10-02",
        "The toll from the mine collapse rose to 11 on Sunday.",
        "2020-10-04",
        "update",
    ),
    # --- different_quantity ---
    (
        "The bombing killed 16 people and wounded 44 others.",
        "2016-08-22",
        "At least 44 people were wounded in the bombing.",
        "2016-08-22",
        "agree",
    ),
    (
        "The bombing of the bus station killed 16 people.",
        "2016-08-22",
        "The bombing of the bus station wounded 44 people.",
        "2016-08-22",
        "different_quantity",
    ),
    (
        "Five of the dead were police officers.",
        "2018-03-03",
        "The attack on the police station killed 14 people.",
        "2018-03-03",
        "different_quantity",
    ),
    (
        "Nine of the Turkish soldiers were killed in the ambush.",
        "2017-11-11",
        "Twenty Kurdish fighters were killed in the ambush.",
        "2017-11-11",
        "different_quantity",
    ),
    (
        "The rebels lost 21 fighters in the battle for the bridge.",
        "2016-04-17",
        "The army lost 9 soldiers in the battle for the bridge.",
        "2016-04-17",
        "different_quantity",
    ),
    (
        "Turnout in the referendum was 58 per cent.",
        "2020-09-28",
        "The proposal won 64 per cent of the vote in the referendum.",
        "2020-09-28",
        "different_quantity",
    ),
    (
        "The storm damaged more than 600 houses in the coastal district.",
        "2021-10-30",
        "The storm left 4,000 people in the coastal district without power.",
        "2021-10-30",
        "different_quantity",
    ),
    (
        "Eighteen fighters on the government side died in the fighting for the hill.",
        "2016-06-02",
        "At least 30 fighters on the opposition side were killed in the fighting for the hill.",
        "2016-06-02",
        "different_quantity",
    ),
    # --- unrelated ---
    (
        "A fire at a textile factory in the capital killed 11 workers in 2014.",
        "2014-06-01",
        "A fire at a furniture factory on the coast killed 19 workers in 2019.",
        "2019-09-12",
        "unrelated",
    ),
    (
        "Heavy rain caused a bridge to collapse, killing four motorists.",
        "2020-05-05",
        "The central bank raised its interest rate by 2 percentage points.",
        "2020-05-05",
        "unrelated",
    ),
    (
        "Gunmen killed six shepherds in the northern hills.",
        "2018-12-01",
        "An air strike on a wedding party in the southern plain killed 27 guests.",
        "2018-12-01",
        "unrelated",
    ),
    (
        "The marathon drew 12,000 runners this year.",
        "2022-04-24",
        "Twelve people were killed when a truck hit a crowd at the market.",
        "2022-04-24",
        "unrelated",
    ),
    (
        "In March more than 90 civilians were killed in raids on the province.",
        "2016-06-20",
        "A raid on a school in the province killed 14 civilians on 22 June.",
        "2016-06-23",
        "unrelated",
    ),
    (
        "The hospital has 250 beds and treated 3,000 patients last year.",
        "2019-02-02",
        "A cyclone killed 80 people in the delta.",
        "2019-02-02",
        "unrelated",
    ),
]

# Rows the rules get wrong; filled in after the fixes, never fixed by tuning (index -> reason).
# First run (before the 06:00 fixes): 23 of 34 right. After them: 27 of 34.
KNOWN_FAILURES: dict[int, str] = {
    2: "'was carrying 140 passengers' / 'had 95 passengers on board': no measure word, no conflict flagged",
    11: "'$4.5 million' / '$4.5m' relief package: money with no measure verb is not compared",
    18: "'stood at 6 on Friday' / 'rose to 11 on Sunday': different weekdays win over the update wording",
    19: "'16 people and wounded 44 others': 'others' is read as a different group from 'people'",
    22: "'Turkish soldiers' / 'Kurdish fighters': a nationality against a faction is taken as maybe the same "
    "side (so 'Syrian forces' can match 'pro-regime forces'), which lets these two conflict",
    23: "'the rebels lost 21 fighters' / 'the army lost 9 soldiers': the side is the subject, not a modifier",
    31: "'In March ... 90 killed' / a raid on 22 June: different_quantity (other months), not unrelated",
}


def _params() -> list[object]:
    out: list[object] = []
    for i, row in enumerate(HELD_OUT):
        marks = [pytest.mark.xfail(reason=KNOWN_FAILURES[i], strict=True)] if i in KNOWN_FAILURES else []
        out.append(pytest.param(*row, marks=marks, id=f"heldout-{i}-{row[4]}"))
    return out


@pytest.mark.parametrize(("a", "a_date", "b", "b_date", "label"), _params())
def test_held_out(a: str, a_date: str | None, b: str, b_date: str | None, label: str) -> None:
    j = relate(ClaimText(a, date=a_date), ClaimText(b, date=b_date))
    assert j.label == label, j.explanation


def test_held_out_covers_every_label() -> None:
    labels = {row[4] for row in HELD_OUT}
    assert labels == {"conflict", "agree", "different_quantity", "update", "unrelated"}
    assert len(HELD_OUT) >= 30
