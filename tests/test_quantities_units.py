"""A sum of money or a figure in a unit never counts people: readings of 2026-12-04, on our own sentences.

A casualty word near a distance or a weight ("the missing hikers ... 15 miles away") says who the sentence is
about, not what the distance measures; the length stays a length and compares with other lengths.
"""

from __future__ import annotations

import pytest

from verifier.compare import ClaimText, relate
from verifier.quantities import extract

UNIT_FIGURES = [
    ("The three missing climbers were found 12 miles from the summit hut.", "mi"),
    ("Police said the two arrested men had carried 40 kg of explosives across the border.", "kg"),
    ("Seven people were killed and the flood water rose 2 metres in the old town.", "m"),
    # Money: a fund for the regions hit by the storm counts no one hit.
    ("The cabinet set aside $2.5 billion for the coastal towns hit by the storm.", "USD"),
    ("Police said the three arrested men had laundered 4 million euros.", "EUR"),
]


@pytest.mark.parametrize(("text", "unit"), UNIT_FIGURES)
def test_a_measurement_takes_no_casualty_measure(text: str, unit: str) -> None:
    (q,) = [q for q in extract(text) if q.unit == unit]
    assert q.measure is None


def test_the_people_keep_their_measure() -> None:
    text = "The three missing climbers were found 12 miles from the summit hut."
    counts = [q for q in extract(text) if q.unit is None]
    assert [q.measure for q in counts] == ["missing"]


def test_a_distance_in_miles_and_one_in_kilometres_conflict() -> None:
    a = ClaimText("The two missing climbers were found about 12 miles from the summit hut on Monday.")
    b = ClaimText("Rescuers found the two climbers some 12 kilometres from the summit hut on Monday.")
    assert relate(a, b).label == "conflict"
