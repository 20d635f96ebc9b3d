"""Places: a name spelt two ways is one place, and alike tolls in two places are two incidents.

Readings of 2026-12-04, on our own sentences. Names taken from another alphabet are spelt in several ways
(a doubled letter, a vowel, "dj" for "j"); a fact-checker reads them as one town. Two claims whose own
sentences set their figures in two towns, each named by one claim alone, report two incidents even when the
tolls are alike: that a bombing killed seven in each town is a coincidence, not a corroboration.
"""

from __future__ import annotations

import pytest

from verifier.compare import ClaimText, relate
from verifier.compare.evidence import different_places

ONE_PLACE_SPELT_TWO_WAYS = [
    ("in the town of Tall Rifat", "in the town of Tal Rifaat"),
    ("in the village of Kafr Nabudah", "in the village of Kafr Naboudeh"),
    ("in the city of Dayr Hafir", "in the city of Deir Hafer"),
    ("near Jarabulus", "near Jarablus"),
]


@pytest.mark.parametrize(("a", "b"), ONE_PLACE_SPELT_TWO_WAYS)
def test_a_place_spelt_two_ways_is_one_place(a: str, b: str) -> None:
    ca = ClaimText(f"Shelling killed four people {a} on Friday, residents said.")
    cb = ClaimText(f"Four people died in shelling {b} on Friday.")
    assert different_places(ca, cb) is None


TWO_PLACES = [
    ("in the town of Marrak", "in the town of Sulvan"),
    ("in the northern port of Adrenna", "in the southern city of Kolbeth"),
    ("near Hollis Ford", "near Pemberton"),
    # A name before the noun of a spot.
    ("at Tarrow airport", "at Lindqvist airport"),
]


@pytest.mark.parametrize(("a", "b"), TWO_PLACES)
def test_two_places_are_two_places(a: str, b: str) -> None:
    ca = ClaimText(f"Shelling killed four people {a} on Friday, residents said.")
    cb = ClaimText(f"Four people died in shelling {b} on Friday.")
    assert different_places(ca, cb) is not None


def test_an_area_and_a_town_in_it_are_not_two_places() -> None:
    # A valley or a region may hold the other claim's town: it sets nothing apart.
    ca = ClaimText("A strong earthquake struck the Orrin valley on Thursday, killing two people.")
    cb = ClaimText("The earthquake that hit the area around Kessby on Thursday killed two people.")
    assert different_places(ca, cb) is None


ALIKE_TOLLS = [
    # Two strikes, two towns, one toll: two incidents.
    (
        "An air strike on the town of Marrak killed nine people on Tuesday, a monitoring group said.",
        "Nine people were killed when a drone struck the town of Sulvan on Tuesday, local officials said.",
        "unrelated",
    ),
    (
        "Flash floods swept through the village of Orvieno overnight, drowning six people.",
        "Six people drowned when flash floods hit the village of Castelmar overnight, rescuers said.",
        "unrelated",
    ),
    # The same town spelt two ways: one incident, one toll.
    (
        "An air strike on the town of Tall Rifat killed nine people on Tuesday, a monitoring group said.",
        "Nine people were killed in an air strike on the town of Tal Rifaat on Tuesday, officials said.",
        "agree",
    ),
    # One claim names no place: nothing sets the two apart.
    (
        "An air strike on the town of Marrak killed nine people on Tuesday, a monitoring group said.",
        "Tuesday's air strike killed nine people, local officials said.",
        "agree",
    ),
]


@pytest.mark.parametrize(("a", "b", "label"), ALIKE_TOLLS)
def test_alike_tolls_in_two_places_are_two_incidents(a: str, b: str, label: str) -> None:
    assert relate(ClaimText(a), ClaimText(b)).label == label


def test_different_figures_in_two_places_do_not_clash() -> None:
    a = ClaimText("A snowstorm forced the cancellation of 180 flights at Tarrow airport on Thursday.")
    b = ClaimText("Some 250 flights were cancelled at Lindqvist airport on Thursday as a snowstorm hit.")
    assert relate(a, b).label != "conflict"
    # The same airport's two counts of one day's cancellations do clash.
    c = ClaimText("Some 250 flights were cancelled at Tarrow airport on Thursday as a snowstorm hit.")
    assert relate(a, c).label == "conflict"
