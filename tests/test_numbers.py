"""Number mentions: each row is a news-like sentence (written for these tests) and every mention in it.

A row lists mentions as (text, value, low, high, qualifier, kind, unit); the whole list must match, so a
spurious extra mention (a date read as a toll, "one of" read as a count) fails the row.
"""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.numbers import (
    ABOUT_TOLERANCE,
    KINDS,
    NEARLY_TOLERANCE,
    QUALIFIERS,
    NumberMention,
    find_numbers,
    parse_number,
)

INF = math.inf
A_LO, A_HI = 1 - ABOUT_TOLERANCE, 1 + ABOUT_TOLERANCE
N_LO = 1 - NEARLY_TOLERANCE

Row = tuple[str, float | None, float | None, float | None, str | None, str, str | None]

CASES: list[tuple[str, list[Row]]] = [
    # --- plain counts, FA-KES style (no commas) ---------------------------------------------------
    (
        "Shelling on the market killed 14 people including 3 children and wounded 40 others",
        [
            ("14", 14, 14, 14, None, "count", None),
            ("3", 3, 3, 3, None, "count", None),
            ("40", 40, 40, 40, None, "count", None),
        ],
    ),
    (
        "Rescuers pulled 9 survivors from the rubble of the bakery",
        [("9", 9, 9, 9, None, "count", None)],
    ),
    (
        "The monitor counted 312000 deaths since the uprising began.",
        [("312000", 312000, 312000, 312000, None, "count", None)],
    ),
    (
        "The agency registered 1,250,000 refugees in the camps.",
        [("1,250,000", 1250000, 1250000, 1250000, None, "count", None)],
    ),
    (
        "Well over 2 500 families fled the shelling.",  # a space as the thousands separator
        [("Well over 2 500", 2500, 2501, INF, "more_than", "count", None)],
    ),
    (
        "Page last modified Sep 082016 by the desk.",  # a day glued to its year in page furniture
        [("Sep 082016", None, None, None, None, "date", None)],
    ),
    (
        "A car bomb wounded 23.",
        [("23", 23, 23, 23, None, "count", None)],
    ),
    # --- number words ------------------------------------------------------------------------------
    (
        "Twenty-seven soldiers died when the convoy was ambushed.",
        [("Twenty-seven", 27, 27, 27, None, "count", None)],
    ),
    (
        "Officials said two hundred and fifty families had left the town.",
        [("two hundred and fifty", 250, 250, 250, None, "count", None)],
    ),
    (
        "A dozen trucks reached the besieged district on Friday.",
        [("A dozen", 12, 12, 12, None, "count", None)],
    ),
    (
        "Half a million people lost access to clean water.",
        [("Half a million", 500000, 500000, 500000, None, "count", None)],
    ),
    (
        "Thirty-five fighters and seven civilians were among the dead.",
        [
            ("Thirty-five", 35, 35, 35, None, "count", None),
            ("seven", 7, 7, 7, None, "count", None),
        ],
    ),
    (
        "One man was killed and four were hurt when the roof collapsed.",
        [("One", 1, 1, 1, None, "count", None), ("four", 4, 4, 4, None, "count", None)],
    ),
    (
        "Three thousand four hundred tents were delivered.",
        [("Three thousand four hundred", 3400, 3400, 3400, None, "count", None)],
    ),
    # --- "one" as a pronoun ------------------------------------------------------------------------
    ("It was one of the deadliest weeks of the war.", []),
    ("No one claimed responsibility for the blast.", []),
    ("The one who opened fire was never named.", []),
    (
        "One of the 12 hostages was freed.",
        [("12", 12, 12, 12, None, "count", None)],
    ),
    # --- qualifiers ----------------------------------------------------------------------------------
    (
        "At least 27 people were killed in the raid.",
        [("At least 27", 27, 27, INF, "at_least", "count", None)],
    ),
    (
        "More than 300 civilians have died in the offensive.",
        [("More than 300", 300, 301, INF, "more_than", "count", None)],
    ),
    (
        "Over 40 shells hit the neighbourhood overnight.",
        [("Over 40", 40, 41, INF, "more_than", "count", None)],
    ),
    (
        "Nearly 30 people were wounded.",
        [("Nearly 30", 30, 30 * N_LO, 29, "nearly", "count", None)],
    ),
    (
        "Almost 200 homes were flattened.",
        [("Almost 200", 200, 200 * N_LO, 199, "nearly", "count", None)],
    ),
    (
        "About 30 militants surrendered.",
        [("About 30", 30, 30 * A_LO, 30 * A_HI, "about", "count", None)],
    ),
    (
        "Around 1,500 families fled the fighting.",
        [("Around 1,500", 1500, 1500 * A_LO, 1500 * A_HI, "about", "count", None)],
    ),
    (
        "Some 20000 residents remain trapped.",
        [("Some 20000", 20000, 20000 * A_LO, 20000 * A_HI, "about", "count", None)],
    ),
    (
        "Roughly 60 trucks crossed; approximately 15 were turned back.",
        [
            ("Roughly 60", 60, 60 * A_LO, 60 * A_HI, "about", "count", None),
            ("approximately 15", 15, 15 * A_LO, 15 * A_HI, "about", "count", None),
        ],
    ),
    (
        "Up to 12 people may still be under the debris.",
        [("Up to 12", 12, 0, 12, "up_to", "count", None)],
    ),
    (
        "As many as 80 prisoners escaped.",
        [("As many as 80", 80, 0, 80, "up_to", "count", None)],
    ),
    (
        "No fewer than 19 medics were detained.",
        [("No fewer than 19", 19, 19, INF, "at_least", "count", None)],
    ),
    (
        "Fewer than 10 aid workers remain in the city.",
        [("Fewer than 10", 10, 0, 9, "fewer_than", "count", None)],
    ),
    (
        "Less than 5% of the wells still work.",
        [("Less than 5%", 5, 0, 5, "fewer_than", "percent", None)],
    ),
    (
        "At most 50 people could fit in the shelter.",
        [("At most 50", 50, 0, 50, "at_most", "count", None)],
    ),
    (
        "The ministry reported 1,000+ arrests.",
        [("1,000+", 1000, 1000, INF, "at_least", "count", None)],
    ),
    (
        "Police said 30 or more cars were torched.",
        [("30 or more", 30, 30, INF, "at_least", "count", None)],
    ),
    # --- ranges -----------------------------------------------------------------------------------
    (
        "Between 10 and 12 gunmen stormed the checkpoint.",
        [("Between 10 and 12", 11, 10, 12, "range", "count", None)],
    ),
    (
        "The blast killed 10-12 people, officials said.",
        [("10-12", 11, 10, 12, "range", "count", None)],
    ),
    (
        "Witnesses saw 15 to 20 armoured vehicles.",
        [("15 to 20", 17.5, 15, 20, "range", "count", None)],
    ),
    (
        "The siege had lasted for 10 or 12 days.",
        [("10 or 12 days", 11, 10, 12, "range", "duration", "days")],
    ),
    (
        "Five or six rockets landed near the school.",
        [("Five or six", 5.5, 5, 6, "range", "count", None)],
    ),
    (
        "Reconstruction will cost between $1.5 and $2 billion.",
        [("between $1.5 and $2 billion", 1.75e9, 1.5e9, 2e9, "range", "money", "USD")],
    ),
    (
        "Turnout was estimated at 40-45 percent.",
        [("40-45 percent", 42.5, 40, 45, "range", "percent", None)],
    ),
    (
        "Prices rose from 10 to 12 dollars a kilo.",
        [
            ("10", 10, 10, 10, None, "count", None),
            ("12 dollars", 12, 12, 12, None, "money", "USD"),
        ],
    ),
    # --- vague amounts ----------------------------------------------------------------------------
    (
        "Dozens were hurt and hundreds fled their homes.",
        [
            ("Dozens", None, 24, 99, "vague", "count", None),
            ("hundreds", None, 200, 999, "vague", "count", None),
        ],
    ),
    (
        "Thousands marched while tens of thousands watched on television.",
        [
            ("Thousands", None, 2000, 9999, "vague", "count", None),
            ("tens of thousands", None, 20000, 99999, "vague", "count", None),
        ],
    ),
    (
        "Scores of shops were looted and a handful of guards arrested.",
        [
            ("Scores", None, 40, 199, "vague", "count", None),
            ("a handful", None, 3, 6, "vague", "count", None),
        ],
    ),
    (
        "The town once had 2000 Christians but only a few hundred are left.",
        [
            ("2000", 2000, 2000, 2000, None, "count", None),
            ("a few hundred", None, 200, 500, "vague", "count", None),
        ],
    ),
    (
        "Several hundred detainees were released; millions remain displaced.",
        [
            ("Several hundred", None, 300, 900, "vague", "count", None),
            ("millions", None, 2e6, 9999999, "vague", "count", None),
        ],
    ),
    # --- percent and percentage points --------------------------------------------------------------
    (
        "Inflation reached 48 per cent in March, up 3 percentage points.",
        [
            ("48 per cent", 48, 48, 48, None, "percent", None),
            ("3 percentage points", 3, 3, 3, None, "percentage_points", None),
        ],
    ),
    (
        "The currency lost 12.5% of its value.",
        [("12.5%", 12.5, 12.5, 12.5, None, "percent", None)],
    ),
    (
        "About ten percent of the clinics reopened.",
        [("About ten percent", 10, 10 * A_LO, 10 * A_HI, "about", "percent", None)],
    ),
    (
        "Bus fares saw a 20% rise, then a 15-percent cut.",
        [
            ("20%", 20, 20, 20, None, "percent", None),
            ("15-percent", 15, 15, 15, None, "percent", None),
        ],
    ),
    (
        "The ruling party took 41pc of the vote, down 2.5 pct points.",
        [
            ("41pc", 41, 41, 41, None, "percent", None),
            ("2.5 pct points", 2.5, 2.5, 2.5, None, "percentage_points", None),
        ],
    ),
    (
        "Turnout was 7.2 per cent lower than the 7.2% of the last vote.",
        [
            ("7.2 per cent", 7.2, 7.2, 7.2, None, "percent", None),
            ("7.2%", 7.2, 7.2, 7.2, None, "percent", None),
        ],
    ),
    # --- money --------------------------------------------------------------------------------------
    (
        "The donors pledged $5m for the hospital.",
        [("$5m", 5e6, 5e6, 5e6, None, "money", "USD")],
    ),
    (
        "The EU promised €2.3 billion in aid and Britain £40 million.",
        [
            ("€2.3 billion", 2.3e9, 2.3e9, 2.3e9, None, "money", "EUR"),
            ("£40 million", 4e7, 4e7, 4e7, None, "money", "GBP"),
        ],
    ),
    (
        "A bag of bread now costs 500 Syrian pounds.",
        [("500 Syrian pounds", 500, 500, 500, None, "money", "SYP")],
    ),
    (
        "The fund is worth 3.2bn dollars.",
        [("3.2bn dollars", 3.2e9, 3.2e9, 3.2e9, None, "money", "USD")],
    ),
    # "m" before a currency word is million, the word an adjective in the singular; alone it is metres.
    (
        "The trust won a 1.2m pound grant and a 3m-euro loan for the 40m tower.",
        [
            ("1.2m pound", 1.2e6, 1.2e6, 1.2e6, None, "money", "GBP"),
            ("3m-euro", 3e6, 3e6, 3e6, None, "money", "EUR"),
            ("40m", 40, 40, 40, None, "measure", "m"),
        ],
    ),
    (
        "Smugglers charged US$ 4,000 per person.",
        [("US$ 4,000", 4000, 4000, 4000, None, "money", "USD")],
    ),
    (
        "The loan, worth more than $300 million, was approved.",
        [("more than $300 million", 3e8, 3e8, INF, "more_than", "money", "USD")],
    ),
    # Text converted without its currency signs: the currency's name or a lone "e" is glued on instead.
    (
        "The bank set aside euro30 billion, then another euro 4.5 billion.",
        [
            ("euro30 billion", 3e10, 3e10, 3e10, None, "money", "EUR"),
            ("euro 4.5 billion", 4.5e9, 4.5e9, 4.5e9, None, "money", "EUR"),
        ],
    ),
    (
        "The club paid e80 million for the striker and EUR12m for the keeper.",
        [
            ("e80 million", 8e7, 8e7, 8e7, None, "money", "EUR"),
            ("EUR12m", 1.2e7, 1.2e7, 1.2e7, None, "money", "EUR"),
        ],
    ),
    (
        "Lenders offered US$5 million, GBP 2.5bn followed, and the state added Rs 40 crore.",
        [
            ("US$5 million", 5e6, 5e6, 5e6, None, "money", "USD"),
            ("GBP 2.5bn", 2.5e9, 2.5e9, 2.5e9, None, "money", "GBP"),
            ("Rs 40 crore", 4e8, 4e8, 4e8, None, "money", "INR"),
        ],
    ),
    (
        "Trucks on the E40 and the e80 crawled; the euro 20 years on is still weak.",  # no scale: no money
        [
            ("E40", None, None, None, None, "code", None),
            ("e80", None, None, None, None, "code", None),
            ("20 years", 20, 20, 20, None, "duration", "years"),
        ],
    ),
    # --- dates and years: never tolls ------------------------------------------------------------
    (
        "The convoy was hit on July 31, 2015, near the border.",
        [("July 31, 2015", None, None, None, None, "date", None)],
    ),
    (
        "The truce started on 31 July, 2015.",
        [("31 July, 2015", None, None, None, None, "date", None)],
    ),
    (
        "A statement dated 2015-07-31 listed the names.",
        [("2015-07-31", None, None, None, None, "date", None)],
    ),
    (
        "Talks resume Jan. 5 in Geneva.",
        [("Jan. 5", None, None, None, None, "date", None)],
    ),
    (
        "Mon 12 Sep 2016 Eleven people were killed in the strike.",
        [
            ("12 Sep 2016", None, None, None, None, "date", None),
            ("Eleven", 11, 11, 11, None, "count", None),
        ],
    ),
    (
        "The war has displaced half the population since 2011.",
        [
            ("half", 0.5, 0.5, 0.5, None, "fraction", None),
            ("2011", 2011, 2011, 2011, None, "year", None),
        ],
    ),
    (
        "In 2015 the army retook the city.",
        [("2015", 2015, 2015, 2015, None, "year", None)],
    ),
    (
        "Protests began in mid-March 2011 in Daraa.",
        [("March 2011", None, None, None, None, "date", None)],
    ),
    (
        "The 2014 ceasefire collapsed after 3 weeks.",
        [
            ("2014", 2014, 2014, 2014, None, "year", None),
            ("3 weeks", 3, 3, 3, None, "duration", "weeks"),
        ],
    ),
    (
        "The economy shrank throughout the 1990s.",
        [("1990s", 1990, 1990, 1999, None, "year", None)],
    ),
    # --- times, ages, ordinals, durations --------------------------------------------------------------
    (
        "The explosion happened at 3 p.m. and a second one at 10:30.",
        [
            ("3 p.m.", None, None, None, None, "time", None),
            ("10:30", None, None, None, None, "time", None),
        ],
    ),
    (
        "A 33-year-old nurse and a boy aged 12 were among the victims.",
        [
            ("33-year-old", 33, 33, 33, None, "age", "years"),
            ("12", 12, 12, 12, None, "age", "years"),
        ],
    ),
    (
        "The painter died at the age of 91; a neighbour of 40 years found her.",
        [
            ("91", 91, 91, 91, None, "age", "years"),
            ("40 years", 40, 40, 40, None, "duration", "years"),
        ],
    ),
    # A duration in two units is one length of time, in the smaller unit.
    (
        "She swam it in 52 minutes 8 seconds; he served two years and three months.",
        [
            ("52 minutes 8 seconds", 3128, 3128, 3128, None, "duration", "seconds"),
            ("two years and three months", 27, 27, 27, None, "duration", "months"),
        ],
    ),
    # A clock-format time after a word that times a performance, or past 23 in its first part, is elapsed
    # time; a time of day stays one.
    (
        "Okafor won in a time of 27:05 and the relay team in 1:02:10, after the 18:30 start.",
        [
            ("27:05", 1625, 1625, 1625, None, "duration", "seconds"),
            ("1:02:10", 3730, 3730, 3730, None, "duration", "seconds"),
            ("18:30", None, None, None, None, "time", None),
        ],
    ),
    # "Died at 91" is the age at death; "died at 12 Carver Road" is an address.
    (
        "The jazz pianist dies at 91, and his brother died at 12 Carver Road in May.",
        [
            ("91", 91, 91, 91, None, "age", "years"),
            ("12", 12, 12, 12, None, "count", None),
        ],
    ),
    (
        "The sculptor, who was 64, left 3 unfinished works.",
        [
            ("64", 64, 64, 64, None, "age", "years"),
            ("3", 3, 3, 3, None, "count", None),
        ],
    ),
    # "Under the age of" and "over the age of" bound an age; the figure is no count of anyone.
    (
        "Nine pupils under the age of ten were hurt; the fund pays people over the age of 70.",
        [
            ("Nine", 9, 9, 9, None, "count", None),
            ("under the age of ten", 10, 0, 9, "fewer_than", "age", "years"),
            ("over the age of 70", 70, 71, INF, "more_than", "age", "years"),
        ],
    ),
    (
        "It was the third attack on the clinic this month.",
        [("third", 3, 3, 3, None, "ordinal", None)],
    ),
    (
        "Doctors marked the 21st day of the hunger strike.",
        [("21st", 21, 21, 21, None, "ordinal", None)],
    ),
    (
        "Fighting raged for 3 days before the truce.",
        [("3 days", 3, 3, 3, None, "duration", "days")],
    ),
    (
        "The siege lasted more than two years.",
        # Time is not counted one by one: past two years is any span longer than two years.
        [("more than two years", 2, 2, INF, "more_than", "duration", "years")],
    ),
    (
        "The strike lasted nearly two weeks.",
        [("nearly two weeks", 2, 1.7, 2, "nearly", "duration", "weeks")],
    ),
    (
        "He was sentenced to two and a half years in prison.",
        [("two and a half years", 2.5, 2.5, 2.5, None, "duration", "years")],
    ),
    # --- codes, phone numbers, measures -------------------------------------------------------------
    (
        "The council passed Resolution 2254 unanimously.",
        [("2254", 2254, 2254, 2254, None, "code", None)],
    ),
    (
        "Fighters from Brigade 93 entered the village.",
        [("93", 93, 93, 93, None, "code", None)],
    ),
    (
        "The decree No. 12 was published yesterday.",
        [("12", 12, 12, 12, None, "code", None)],
    ),
    (
        "An F-16 and two Su-24 jets flew over the area.",
        [
            ("F-16", None, None, None, None, "code", None),
            ("two", 2, 2, 2, None, "count", None),
            ("Su-24", None, None, None, None, "code", None),
        ],
    ),
    (
        "Investigators examined the wreck of flight MH17.",
        [("MH17", None, None, None, None, "code", None)],
    ),
    (
        "Readers can call +44 20 7946 0018 with tips.",
        [("+44 20 7946 0018", None, None, None, None, "phone", None)],
    ),
    (
        "A magnitude 6.1 earthquake shook the coast.",
        [("6.1", 6.1, 6.1, 6.1, None, "measure", "magnitude")],
    ),
    (
        "A 5.8-magnitude tremor followed.",
        [("5.8-magnitude", 5.8, 5.8, 5.8, None, "measure", "magnitude")],
    ),
    (
        "The rebels withdrew 20 km from the front line.",
        [("20 km", 20, 20, 20, None, "measure", "km")],
    ),
    (
        "Inspectors found 200 pounds of explosives and 3 tonnes of fertiliser.",
        [
            ("200 pounds", 200, 200, 200, None, "measure", "lb"),
            ("3 tonnes", 3, 3, 3, None, "measure", "t"),
        ],
    ),
    # --- fractions --------------------------------------------------------------------------------
    (
        "More than half of the hospitals are closed and two-thirds of schools damaged.",
        [
            ("More than half", 0.5, 0.5, 1.0, "more_than", "fraction", None),
            ("two-thirds", 2 / 3, 2 / 3, 2 / 3, None, "fraction", None),
        ],
    ),
    # --- comparison words, suffix qualifiers, two-sided bounds -----------------------------------------
    (
        "The death toll exceeded 100 by Sunday evening.",
        [("exceeded 100", 100, 101, INF, "more_than", "count", None)],
    ),
    (
        "Officials put the number at more than 10 and fewer than 40.",
        [("more than 10 and fewer than 40", 25, 11, 39, "range", "count", None)],
    ),
    (
        "Each convoy needs 200 or more lorries.",
        [("200 or more", 200, 200, INF, "at_least", "count", None)],
    ),
    (
        "Rescuers expect about 500 or more bodies under the rubble.",
        [("500 or more", 500, 500, INF, "at_least", "count", None)],
    ),
    (
        "The blast killed 30-odd soldiers.",
        [("30-odd", 30, 30 * A_LO, 30 * A_HI, "about", "count", None)],
    ),
    (
        "Exactly 12 ambulances were allowed through.",
        [("Exactly 12", 12, 12, 12, "exactly", "count", None)],
    ),
    (
        "The shelter can hold no more than 150 people.",
        [("no more than 150", 150, 0, 150, "at_most", "count", None)],
    ),
    # --- "from a to b": a range, unless a verb of change says before and after -------------------------
    (
        "The toll rose from 10 to 12 overnight.",
        [("10", 10, 10, 10, None, "count", None), ("12", 12, 12, 12, None, "count", None)],
    ),
    (
        "Estimates ran from 40 to 60 dead.",
        [("from 40 to 60", 50, 40, 60, "range", "count", None)],
    ),
    # --- scales carried across a range, dozens, capital M ---------------------------------------------
    (
        "Rebuilding the grid will take between 1.5 and 2 million dollars.",
        [("between 1.5 and 2 million dollars", 1.75e6, 1.5e6, 2e6, "range", "money", "USD")],
    ),
    (
        "The appeal seeks $5-6 billion.",
        [("$5-6 billion", 5.5e9, 5e9, 6e9, "range", "money", "USD")],
    ),
    (
        "Several dozen trucks and 3 dozen buses waited at the crossing.",
        [
            ("Several dozen", None, 36, 108, "vague", "count", None),
            ("3 dozen", 36, 36, 36, None, "count", None),
        ],
    ),
    (
        "The app reached 10M downloads.",
        [("10M", 1e7, 1e7, 1e7, None, "count", None)],
    ),
    (
        "More than a quarter of a million people signed.",
        [("More than a quarter of a million", 250000, 250001, INF, "more_than", "count", None)],
    ),
    # --- more dates and years ---------------------------------------------------------------------------
    (
        "13-12-2014 Clashes left 16 fighters dead.",
        [
            ("13-12-2014", None, None, None, None, "date", None),
            ("16", 16, 16, 16, None, "count", None),
        ],
    ),
    (
        "Updated 20.04.2017 with 9 more names.",
        [
            ("20.04.2017", None, None, None, None, "date", None),
            ("9", 9, 9, 9, None, "count", None),
        ],
    ),
    (
        "Attacks between 2011 and 2015 hit 60 schools.",
        [
            ("between 2011 and 2015", 2011, 2011, 2015, "range", "year", None),
            ("60", 60, 60, 60, None, "count", None),
        ],
    ),
    (
        "The club's 2015-16 season ended early.",
        [("2015-16", 2015, 2015, 2016, "range", "year", None)],
    ),
    (
        "The 9/11 attacks changed the region.",
        [("9/11", None, None, None, None, "date", None)],
    ),
    # Tokenised copy spaces its slashes: still one date, not two counts and a year.
    (
        "Posted 14 / 03 / 2019 with 6 photos.",
        [
            ("14 / 03 / 2019", None, None, None, None, "date", None),
            ("6", 6, 6, 6, None, "count", None),
        ],
    ),
    # A character lost in decoding glued to a figure: its value is not what was written.
    (
        "The ferry took 3\ufffd hours to cross.",
        [("3", 3, 3, 3, "vague", "count", None)],
    ),
    # --- times -----------------------------------------------------------------------------------------
    (
        "The jets struck at 1353 (1023 GMT) and again at 1:53 p. m. local time.",
        [
            ("1353", None, None, None, None, "time", None),
            ("1023 GMT", None, None, None, None, "time", "GMT"),
            ("1:53 p. m. local time", None, None, None, None, "time", "local"),
        ],
    ),
    # A time zone is the time's unit: 15:00 GMT and 15:00 EDT are different moments.
    (
        "Polls closed at 8:45 p.m. EDT, and the count began at 0100 GMT.",
        [
            ("8:45 p.m. EDT", None, None, None, None, "time", "EDT"),
            ("0100 GMT", None, None, None, None, "time", "GMT"),
        ],
    ),
    (
        "The ceasefire took hold at 14:00 local time (11:00 UTC+3) on the front.",
        [
            ("14:00 local time", None, None, None, None, "time", "local"),
            ("11:00 UTC+3", None, None, None, None, "time", "UTC+3"),
        ],
    ),
    (
        # A two-letter zone does not make a bare four-digit figure a time.
        "The launch slipped to 6 am (CET), and 1500 ET shares changed hands.",
        [
            ("6 am (CET)", None, None, None, None, "time", "CET"),
            ("1500", 1500, 1500, 1500, None, "count", None),
        ],
    ),
    # --- signs, temperatures, more units ---------------------------------------------------------------
    (
        "Temperatures of minus 17 degrees froze the tents.",
        [("minus 17 degrees", -17, -17, -17, None, "measure", "degrees")],
    ),
    (
        "Output shrank by -2.5% last year.",
        [("-2.5%", -2.5, -2.5, -2.5, None, "percent", None)],
    ),
    # A qualified negative figure: the interval keeps low <= high and is open below for an upper bound.
    (
        "Overnight lows of about -10 degrees are forecast for the valley.",
        [("about -10 degrees", -10, -11, -9, "about", "measure", "degrees")],
    ),
    (
        "Readings of fewer than -3 were logged twice.",
        [("fewer than -3", -3, -INF, -3, "fewer_than", "count", None)],
    ),
    (
        "Any index reading of more than -5 counts as stable.",
        [("more than -5", -5, -5, INF, "more_than", "count", None)],
    ),
    (
        "The thermometer showed nearly minus 20 degrees at dawn.",
        [("nearly minus 20 degrees", -20, -20, -20 * N_LO, "nearly", "measure", "degrees")],
    ),
    (
        "Growth could slow to as much as -1.5% next quarter.",
        [("as much as -1.5%", -1.5, -INF, -1.5, "up_to", "percent", None)],
    ),
    (
        "The boat was stopped 13 nautical miles off the coast.",
        [("13 nautical miles", 13, 13, 13, None, "measure", "nmi")],
    ),
    (
        "A 24- to 30-foot dhow capsized.",
        [("24- to 30-foot", 27, 24, 30, "range", "measure", "ft")],
    ),
    (
        "A helicopter dropped two barrels packed with explosives.",
        [("two", 2, 2, 2, None, "count", None)],
    ),
    (
        "Exports reached 2 million barrels per day.",
        [("2 million barrels per day", 2e6, 2e6, 2e6, None, "measure", "bpd")],
    ),
    # --- scores and win-loss records: a pair, never two counts or a range -----------------------------
    (
        "The visitors won 31-24 after a late field goal.",
        [("31-24", None, None, None, None, "score", None)],
    ),
    (
        "Her 36-3 record made her the favourite; the Hawks (11-4) wait.",
        [
            ("36-3", None, None, None, None, "score", None),
            ("11-4", None, None, None, None, "score", None),
        ],
    ),
    (
        "United beat them 3-1, and then defeated the Blue Sky Rovers 2–0 at home.",
        [
            ("3-1", None, None, None, None, "score", None),
            ("2–0", None, None, None, None, "score", None),
        ],
    ),
    (
        "They slipped to a 2-1 home defeat; a 3-0 away win followed. Then 10-12 home owners protested.",
        [
            ("2-1", None, None, None, None, "score", None),
            ("3-0", None, None, None, None, "score", None),
            ("10-12", 11, 10, 12, "range", "count", None),
        ],
    ),
    (
        "A 1-2 loss ended the run; they lost 17-31 a week later.",
        [
            ("1-2", None, None, None, None, "score", None),
            ("17-31", None, None, None, None, "score", None),
            ("a week", 1, 1, 1, None, "duration", "weeks"),
        ],
    ),
    # A cue word near a pair that counts things leaves the range alone; so does no cue at all.
    (
        "The coalition won 10-12 seats, polls suggest, and 10-12 people were hurt.",
        [
            ("10-12", 11, 10, 12, "range", "count", None),
            ("10-12", 11, 10, 12, "range", "count", None),
        ],
    ),
    (
        "The army lost 3-4 of its tanks and 8-10 km of ground in Homs (5-6 villages).",
        [
            ("3-4", 3.5, 3, 4, "range", "count", None),
            ("8-10 km", 9, 8, 10, "range", "measure", "km"),
            ("5-6", 5.5, 5, 6, "range", "count", None),
        ],
    ),
    (
        "They won the 2015-16 title; the final was on 2016-05-21 at 18:30.",
        [
            ("2015-16", 2015, 2015, 2016, "range", "year", None),
            ("2016-05-21", None, None, None, None, "date", None),
            ("18:30", None, None, None, None, "time", None),
        ],
    ),
    # --- not amounts: calibres, team names, decades, ordinals as fractions -------------------------
    (
        "Police found a .38 caliber pistol and a .357 revolver.",
        [
            (".38", 0.38, 0.38, 0.38, None, "code", None),
            (".357", 0.357, 0.357, 0.357, None, "code", None),
        ],
    ),
    (
        "The Under-17 squad played in mid-2015.",
        [
            ("17", 17, 17, 17, None, "code", None),
            ("2015", 2015, 2015, 2015, None, "year", None),
        ],
    ),
    (
        "A third of the wells are dry; the market was shelled for a third day.",
        [
            ("A third", 1 / 3, 1 / 3, 1 / 3, None, "fraction", None),
            ("third", 3, 3, 3, None, "ordinal", None),
        ],
    ),
    (
        "The report lists 14 victims at https://example.org/list?id=305&page=2 with photos.",
        [("14", 14, 14, 14, None, "count", None)],
    ),
    (
        "Curfew starts at 9pm; the wall is 8 m high.",
        [
            ("9pm", None, None, None, None, "time", None),
            ("8 m", 8, 8, 8, None, "measure", "m"),
        ],
    ),
    (
        "Some two hundred prisoners were swapped for 48 soldiers.",
        [
            ("Some two hundred", 200, 200 * A_LO, 200 * A_HI, "about", "count", None),
            ("48", 48, 48, 48, None, "count", None),
        ],
    ),
    (
        "Unemployment is put at 10%-12%, prices up 30 percent to 40 percent.",
        [
            ("10%-12%", 11, 10, 12, "range", "percent", None),
            ("30 percent to 40 percent", 35, 30, 40, "range", "percent", None),
        ],
    ),
    (
        "A one-year-old and a girl aged between 12 and 15 were hurt.",
        [
            ("one-year-old", 1, 1, 1, None, "age", "years"),
            ("between 12 and 15", 13.5, 12, 15, "range", "age", "years"),
        ],
    ),
    (
        "Bread sold for SYP 500 or 5,000 Syrian pounds on the black market.",
        [
            ("SYP 500", 500, 500, 500, None, "money", "SYP"),
            ("5,000 Syrian pounds", 5000, 5000, 5000, None, "money", "SYP"),
        ],
    ),
    ("They left one by one, and the winner was number one.", []),
    (
        "Farah Haddad, 66, of Homs was among the injured.",
        [("66", 66, 66, 66, None, "age", "years")],
    ),
    (
        "In Aleppo, 27, including children, were killed.",
        [("27", 27, 27, 27, None, "count", None)],
    ),
    (
        "Critics ranked the 2014 Oscars below the '09 show.",
        [
            ("2014", 2014, 2014, 2014, None, "year", None),
            ("'09", 2009, 2009, 2009, None, "year", None),
        ],
    ),
    (
        "Volunteers carried water 300 yards to the clinic.",
        [("300 yards", 300, 300, 300, None, "measure", "yd")],
    ),
    (
        "The siege left 2m people without bread and a 5m wall around the camp.",
        [("2m", 2e6, 2e6, 2e6, None, "count", None), ("5m", 5, 5, 5, None, "measure", "m")],
    ),
    (
        "One in five children is out of school and fewer than 1 in 10 clinics work.",
        [
            ("One in five", 0.2, 0.2, 0.2, None, "fraction", None),
            ("fewer than 1 in 10", 0.1, 0, 0.1, "fewer_than", "fraction", None),
        ],
    ),
    (
        "Nine out of 10 families skip meals; 3/4 of them have no fuel and shelling goes on 24/7.",
        [
            ("Nine out of 10", 0.9, 0.9, 0.9, None, "fraction", None),
            ("3/4", 0.75, 0.75, 0.75, None, "fraction", None),
            ("24/7", None, None, None, None, "code", None),
        ],
    ),
    (
        "Rebels killed 5 in 20 minutes; the P5+1 talks stalled.",
        [
            ("5", 5, 5, 5, None, "count", None),
            ("20 minutes", 20, 20, 20, None, "duration", "minutes"),
            ("P5+1", None, None, None, None, "code", None),
        ],
    ),
    (
        "The 2-1/2 year siege ended; the last 1/2 mile of road is mined.",
        [
            ("2-1/2 year", 2.5, 2.5, 2.5, None, "duration", "years"),
            ("1/2 mile", 0.5, 0.5, 0.5, None, "measure", "mi"),
        ],
    ),
    # --- nothing to find ------------------------------------------------------------------------------
    ("The minister denied the report.", []),
    ("Someone said anyone could leave.", []),
]


def _as_row(m: NumberMention) -> Row:
    return (m.text, m.value, m.low, m.high, m.qualifier, m.kind, m.unit)


def _approx_row(row: Row) -> tuple[object, ...]:
    return tuple(pytest.approx(x) if isinstance(x, (int, float)) and not math.isinf(x) else x for x in row)


@pytest.mark.parametrize("sentence,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_find_numbers_table(sentence: str, expected: list[Row]) -> None:
    got = [_as_row(m) for m in find_numbers(sentence)]
    assert got == [_approx_row(r) for r in expected]


@pytest.mark.parametrize("sentence,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_spans_are_exact(sentence: str, expected: list[Row]) -> None:
    for m in find_numbers(sentence):
        assert sentence[m.start : m.end] == m.text
        assert m.kind in KINDS
        assert m.qualifier is None or m.qualifier in QUALIFIERS
        if m.qualifier_span is not None:
            qs, qe = m.qualifier_span
            assert m.start <= qs < qe <= m.end


def test_qualifier_span_points_at_the_words() -> None:
    s = "Officials said at least 27 people died."
    (m,) = find_numbers(s)
    assert m.qualifier_span is not None
    assert s[m.qualifier_span[0] : m.qualifier_span[1]] == "at least"
    assert m.number_span is not None
    assert s[m.number_span[0] : m.number_span[1]] == "27"


def test_dates_carry_iso_forms() -> None:
    s = "Between July 31, 2015 and 5 Aug the town changed hands twice, the last time at 3 p.m."
    found = {m.text: m.iso for m in find_numbers(s)}
    assert found["July 31, 2015"] == "2015-07-31"
    assert found["5 Aug"] == "--08-05"
    assert found["3 p.m."] == "15:00"


@pytest.mark.parametrize(
    "sentence,iso",
    [
        ("The strike came at 1:53 p. m. local time.", "13:53"),
        ("Jets struck at 1353 (local time).", "13:53"),
        ("The raid began at 0830 GMT.", "08:30"),
        ("The market opened at 9:30 a.m. EST.", "09:30"),
        ("The shelling stopped at 1215 GMT.", "12:15"),
        ("Shops close at 12 a.m. now.", "00:00"),
        ("The raids began at around 800pm.", "20:00"),
        ("The summit opens 5 Aug.", "--08-05"),
        ("Posted 20.04.2017 by the agency.", "2017-04-20"),
        ("Protests began in March 2011.", "2011-03"),
    ],
)
def test_iso_forms(sentence: str, iso: str) -> None:
    (m,) = find_numbers(sentence)
    assert m.kind in ("date", "time")
    assert m.iso == iso


@pytest.mark.parametrize(
    "written", ["7.2%", "7.2 %", "7.2 per cent", "7.2 percent", "7.2-per-cent", "7.2 pct", "7.2pc"]
)
def test_every_spelling_of_percent_gives_the_same_figure(written: str) -> None:
    (m,) = find_numbers(f"Prices climbed {written} over the year.")
    assert (m.kind, m.value, m.low, m.high, m.unit) == ("percent", 7.2, 7.2, 7.2, None)
    assert m.text == written


@pytest.mark.parametrize(
    "written",
    ["euro30 billion", "euro 30 billion", "EUR30bn", "e30 billion", "€30 billion", "30 billion euros"],
)
def test_a_lost_euro_sign_reads_like_the_currency_word(written: str) -> None:
    (m,) = find_numbers(f"The plan will cost {written}, the ministry said.")
    assert (m.kind, m.value, m.low, m.high, m.unit) == ("money", 3e10, 3e10, 3e10, "EUR")
    assert m.text == written


@pytest.mark.parametrize(
    "sentence,pair",
    [
        ("The home side won 31-24.", "31-24"),
        ("They won 31 - 24 in the rain.", "31-24"),
        ("The score was 02-01 at the break.", "2-1"),
        ("The Sharks (9-7) host the Lions.", "9-7"),
        # A vote on what was voted on, however many words name it.
        ("The assembly passed the long-delayed coastal protection bill 131-87 on Friday.", "131-87"),
        ("Councillors rejected the motion 9-4.", "9-4"),
        # A pair joined by "to" after a result word; going down to a side.
        ("The Harriers beat the Ospreys 104 to 97 in overtime.", "104-97"),
        ("The amendment passed 61 to 38.", "61-38"),
        ("Wexley went down 0-2 to Brannock in the cup.", "0-2"),
    ],
)
def test_a_score_carries_its_pair_in_iso(sentence: str, pair: str) -> None:
    (m,) = find_numbers(sentence)
    assert (m.kind, m.iso, m.value) == ("score", pair, None)
    assert not m.is_figure


@pytest.mark.parametrize(
    "sentence",
    [
        "Fares rose from 12 to 15 euros.",  # no result word: a change
        "The club won 3 to 4 trophies a decade.",  # it counts things
        "Support fell 5 to 3 percent.",
    ],
)
def test_a_pair_joined_by_to_is_no_score_without_a_result(sentence: str) -> None:
    kinds = [found.kind for found in find_numbers(sentence)]
    assert "score" not in kinds


@pytest.mark.parametrize(
    "sentence",
    [
        "The council approved the plan for 10-12 homes.",  # a range of things, however voted
        "The budget grew 10-12 percent.",
        "The bill runs to 40-50 pages.",  # no vote: a range
    ],
)
def test_a_range_near_a_vote_word_stays_a_range(sentence: str) -> None:
    assert all(m.kind != "score" for m in find_numbers(sentence))


def test_number_span_leaves_out_sign_words_and_currency() -> None:
    s = "Losses reached about $4.5 billion and temperatures minus 20 degrees."
    money, temp = find_numbers(s)
    assert money.number_span is not None and s[money.number_span[0] : money.number_span[1]] == "4.5 billion"
    assert money.text == "about $4.5 billion"
    assert temp.value == -20 and temp.unit == "degrees"


def test_mentions_sorted_and_disjoint() -> None:
    s = "At least 5 died on 3 May 2016, 10-12 were hurt and about 40% of 2,000 homes burned for 3 days."
    found = find_numbers(s)
    assert [m.start for m in found] == sorted(m.start for m in found)
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start


PARSE_CASES: list[tuple[str, float | None]] = [
    ("twenty-seven", 27),
    ("Twenty-Seven", 27),
    ("two hundred and fifty", 250),
    ("one thousand and five", 1005),
    ("three million", 3e6),
    ("1,200", 1200),
    ("1200", 1200),
    ("12.5", 12.5),
    ("1.5 million", 1.5e6),
    ("3.2bn", 3.2e9),
    ("3.2 bn", 3.2e9),
    ("$5m", 5e6),
    ("10k", 1e4),
    ("a dozen", 12),
    ("two dozen", 24),
    ("half a million", 5e5),
    ("one and a half million", 1.5e6),
    ("a hundred", 100),
    ("one", 1),
    ("zero", 0),
    ("ninety-nine", 99),
    ("seventeen", 17),
    ("three hundred and two dozen", 324),
    ("3 dozen", 36),
    ("1,200,000", 1.2e6),
    ("€2.3 billion", 2.3e9),
    ("", None),
    ("hello", None),
    ("five and six", None),
    ("27 people", None),
    ("twenty twenty", None),
]


@pytest.mark.parametrize("text,expected", PARSE_CASES)
def test_parse_number(text: str, expected: float | None) -> None:
    got = parse_number(text)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected)


# Inputs that made an earlier version quadratic ("1" + 5,000 spaces took 4.7 s: two \\s* around an
# optional dash), plus long runs of every kind of token. At 10,000 characters a quadratic path takes
# tens of seconds, a linear one milliseconds; 2 s leaves room for a loaded CI machine. Inputs dense in
# mentions are ~5,000 characters: their cost is per mention, not per character.
PATHOLOGICAL = {
    "spaces after a number": "1" + " " * 10_000 + "1",
    "spaces after a word number": "one" + " " * 10_000 + "x",
    "spaces before and": "at least 5," + " " * 10_000 + "and fewer than 9",
    "spaces around a dash": "10" + " " * 5_000 + "-" + " " * 5_000 + "12",
    "digits": "7" * 10_000,
    "comma groups": ",".join(["123"] * 2_500),
    "number words": " ".join(["one"] * 1_200),
    "hundred and": " and ".join(["hundred"] * 700),
    "dashes": "-".join(["12"] * 1_600),
    "dots": ".".join(["1"] * 5_000),
    "plus signs": "+" * 10_000,
    "minus words": "minus " * 1_600 + "5",
    "qualifiers": "at least " * 1_100 + "5",
    "colons": "1:" * 2_500,
    "letters and digits": "a1" * 2_500,
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_inputs_stay_linear(text: str) -> None:
    t0 = time.perf_counter()
    found = find_numbers(text)
    assert time.perf_counter() - t0 < 2.0
    assert all(text[m.start : m.end] == m.text for m in found)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=5000))
def test_any_unicode_returns_valid_mentions_quickly(text: str) -> None:
    t0 = time.perf_counter()
    found = find_numbers(text)
    elapsed = time.perf_counter() - t0
    # A 5k-character string takes milliseconds; 2 s means a pathological (backtracking) path.
    assert elapsed < 2.0
    last_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= last_end
        last_end = m.end


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "at least",
                "more than",
                "between",
                "and",
                "to",
                "-",
                "or",
                "1,200",
                "27",
                "twenty",
                "-seven",
                "hundred",
                "million",
                "$",
                "%",
                "per cent",
                "July",
                "31",
                "2015",
                " ",
                ",",
                "one",
                "of",
                "+",
                "F-",
                "16",
                "dozens",
                "a",
                "half",
                "years",
                "old",
                "magnitude",
                ".",
                "5m",
                "9",
                "p.m.",
            ]
        ),
        max_size=400,
    )
)
def test_number_soup_is_bounded(parts: list[str]) -> None:
    text = " ".join(parts)
    t0 = time.perf_counter()
    found = find_numbers(text)
    assert time.perf_counter() - t0 < 2.0
    for m in found:
        assert text[m.start : m.end] == m.text


QUALIFIER_PHRASES = [
    "about", "around", "roughly", "some", "nearly", "almost", "close to", "at least", "no fewer than",
    "more than", "over", "above", "up to", "as many as", "at most", "no more than", "fewer than",
    "less than", "under", "below", "exactly", "approximately", "just under",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(QUALIFIER_PHRASES),
    st.sampled_from(["-", "minus ", "negative ", "−"]),
    st.one_of(st.integers(1, 100_000).map(str), st.decimals("0.01", "999", places=2).map(str)),
    st.sampled_from(["", " degrees", "%", " percent", " km", " people", " points"]),
)
def test_a_qualified_negative_number_gives_an_ordered_interval(
    qualifier: str, sign: str, number: str, unit: str
) -> None:
    text = f"The reading was {qualifier} {sign}{number}{unit} on Monday."
    found = [m for m in find_numbers(text) if m.low is not None and m.high is not None]
    assert found, text
    for m in found:
        assert m.low is not None and m.high is not None
        assert m.low <= m.high, (text, m)
    assert any(m.value is not None and m.value < 0 for m in found), text


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The stoppage lasted a week.", [("a week", 1, 1, 1, "duration", "weeks")]),
        ("Talks went on for nearly a fortnight.", [("nearly a fortnight", 2, 1.7, 2, "duration", "weeks")]),
        ("A foot of snow covered the pass.", [("A foot", 1, 1, 1, "measure", "ft")]),
        ("The camp is a mile away.", [("a mile", 1, 1, 1, "measure", "mi")]),
        ("Crews reached them within half an hour.", [("half an hour", 0.5, 0.5, 0.5, "duration", "hours")]),
        ("a week-long stoppage", [("a week", 1, 1, 1, "duration", "weeks")]),
        # Rates, ordinals and other senses of the unit words are no figure.
        ("Trains ran twice a day.", []),
        ("A second convoy left at dawn.", []),
        ("She holds a degree in law.", []),
        ("The herd had a foot-and-mouth scare.", []),
    ],
)
def test_one_unit_written_with_an_article(text: str, want: list[tuple[object, ...]]) -> None:
    got = [(m.text, m.value, m.low, m.high, m.kind, m.unit) for m in find_numbers(text)]
    assert got == want


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("The agency revised its estimate of third-quarter output up to 3.4 percent.", None),
        ("Output was revised up to 3.4%.", None),
        ("Up to 300 homes lost power.", "up_to"),
        ("The council revised the rules so that up to 300 people may attend.", "up_to"),
    ],
)
def test_up_after_a_verb_of_revising_is_its_direction(sentence: str, qualifier: str | None) -> None:
    """"Revised up to 3.4%" moved an estimate upwards to 3.4%; "up to 300" elsewhere is a bound."""
    figures = [m for m in find_numbers(sentence) if m.kind != "ordinal"]
    assert [m.qualifier for m in figures] == [qualifier]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        # Volumes, and units written with a superscript (a word character to a regular expression).
        ("The new tank holds 2.5 million cubic metres of gas.", 2_500_000, "m3"),
        ("The tank holds 2,500,000 m³ of gas.", 2_500_000, "m3"),
        ("Each flat has 64 m² of floor space.", 64, "m2"),
        ("The burned area grew to 31 km² overnight.", 31, "km2"),
        ("The pump moves 900 cubic feet of water a minute.", 900, "cu ft"),
    ],
)
def test_volumes_and_superscript_units_are_read(text: str, value: float, unit: str) -> None:
    found = [m for m in find_numbers(text) if m.kind == "measure"]
    assert [(m.value, m.unit) for m in found] == [(value, unit)]
