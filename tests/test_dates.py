"""The one date reader: every way an importer sees a date written gives its day; anything else is None."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from verifier.core.dates import normalise_date, parse_date
from verifier.io.importers import normalise_date as importer_normalise_date
from verifier.quantities import parse_date as quantities_parse_date
from verifier.services.pairs import run_pairs

# Each row: one way a source writes a day, and the day it means.
WRITTEN_DATES = [
    ("2016-03-09", dt.date(2016, 3, 9)),
    ("2016-03-09T14:05:00Z", dt.date(2016, 3, 9)),
    ("2016-03-09 14:05:00", dt.date(2016, 3, 9)),
    ("2016-03-09T23:30:00-05:00", dt.date(2016, 3, 9)),  # the day as written, not converted to UTC
    ("2016/03/09", dt.date(2016, 3, 9)),
    ("20160309", dt.date(2016, 3, 9)),
    ("3/9/2016", dt.date(2016, 3, 9)),  # month first, the FA-KES table's order
    ("03/09/2016", dt.date(2016, 3, 9)),
    ("3-9-2016", dt.date(2016, 3, 9)),
    ("25/3/2016", dt.date(2016, 3, 25)),  # day first only when the first number cannot be a month
    ("09.03.2016", dt.date(2016, 3, 9)),  # dots: day first, as European sources write it
    ("9 March 2016", dt.date(2016, 3, 9)),
    ("9 March, 2016", dt.date(2016, 3, 9)),
    ("09 Mar 2016", dt.date(2016, 3, 9)),
    ("March 9, 2016", dt.date(2016, 3, 9)),
    ("March 9 2016", dt.date(2016, 3, 9)),
    ("Mar 9 2016", dt.date(2016, 3, 9)),
    ("Mar. 9, 2016", dt.date(2016, 3, 9)),
    ("MARCH 9, 2016", dt.date(2016, 3, 9)),
    ("Sept. 14, 2016", dt.date(2016, 9, 14)),
    ("Sept 14 2016", dt.date(2016, 9, 14)),
    ("Sep 14, 2016", dt.date(2016, 9, 14)),
    ("March 9th, 2016", dt.date(2016, 3, 9)),
    ("the 1st of June 2016", None),  # "the" is no part of a date field
    ("1st June 2016", dt.date(2016, 6, 1)),
    ("Wed 09 Mar 2016", dt.date(2016, 3, 9)),
    ("Wednesday, 9 March 2016", dt.date(2016, 3, 9)),
    ("Wed, 09 Mar 2016 14:05:00 +0000", dt.date(2016, 3, 9)),  # RSS
    ("Thurs. March 10, 2016", dt.date(2016, 3, 10)),
    ("March 9, 2016 2:05 p.m. EST", dt.date(2016, 3, 9)),
    ("  2016-03-09  ", dt.date(2016, 3, 9)),
]

NOT_DATES = [
    "",
    "   ",
    "undated",
    "yesterday",
    "last Tuesday",
    "March 2016",  # no day
    "March 9",  # no year
    "9/3/16",  # a two-digit year: which century is a guess
    "2016",
    "Wednesday",
    "14:05",
    "13/13/2016",
    "2016-02-30",
    "2016-13-01",
    "31 February 2016",
    "Police say 2016 was calm",
    "12 killed near the border in 2016",
    "0999-01-01",
    "9 March 2016 " + "x" * 200,  # too long to be a date field
]


@pytest.mark.parametrize(("text", "day"), WRITTEN_DATES)
def test_every_written_form_gives_its_day(text: str, day: dt.date | None) -> None:
    assert parse_date(text) == day
    assert normalise_date(text) == (day.isoformat() if day else None)


@pytest.mark.parametrize("text", NOT_DATES)
def test_what_is_not_a_full_date_gives_none(text: str) -> None:
    assert parse_date(text) is None
    assert normalise_date(text) is None


@pytest.mark.parametrize("value", [None, 20160309, 3.5, True, b"2016-03-09", ["2016-03-09"]])
def test_values_that_are_not_text_never_raise(value: object) -> None:
    assert parse_date(value) in (None, dt.date(2016, 3, 9))


def test_date_objects_pass_through() -> None:
    assert parse_date(dt.date(2016, 3, 9)) == dt.date(2016, 3, 9)
    assert parse_date(dt.datetime(2016, 3, 9, 14, 5)) == dt.date(2016, 3, 9)


@pytest.mark.parametrize(("text", "day"), WRITTEN_DATES[:12])
def test_importers_frames_and_relation_read_dates_alike(text: str, day: dt.date | None) -> None:
    assert quantities_parse_date(text) == day
    assert importer_normalise_date(text) == (day.isoformat() if day else None)


# Pairs written for this test: the same two claims, reported days or weeks apart, so the report dates
# matter to the judgement. Dates in the second element are the same days written as sources write them.
_PAIRS = [
    ("The flood killed 12 people in the valley.", "The flood in the valley killed 19 people."),
    (
        "Two ferries sank on Monday, and 40 passengers died.",
        "Officials said 41 passengers died when the ferries sank.",
    ),
    ("The strike closed 300 schools, the union said.", "About 300 schools were shut by the strike."),
    ("Rebels shelled the market, killing eight.", "Eight people were killed when the market was shelled."),
]
_DAYS = [
    (("2016-03-09", "2016-03-10"), ("Wed 09 Mar 2016", "3/10/2016")),
    (("2016-09-14", "2016-11-02"), ("Sept. 14, 2016", "2016/11/02")),
    (("2017-04-05", "2017-04-05"), ("4/5/2017", "5 April 2017")),
    (("2015-07-31", "2015-08-29"), ("Jul 31 2015", "August 29, 2015")),
]


def _lines(dates: list[tuple[str, str] | None]) -> list[str]:
    lines = []
    for n, ((ta, tb), ds) in enumerate(zip(_PAIRS * 2, dates, strict=True)):
        a: dict[str, str] = {"text": ta, "source": "first.example"}
        b: dict[str, str] = {"text": tb, "source": "second.example"}
        if ds is not None:
            a["date"], b["date"] = ds
        lines.append(json.dumps({"id": n, "a": a, "b": b}))
    return lines


def _judged(dates: list[tuple[str, str] | None]) -> list[tuple[str, float, str]]:
    return [(r["label"], r["score"], r["explanation"]) for r in run_pairs(_lines(dates))]


def test_pairs_judge_written_dates_as_iso_dates() -> None:
    # each pair twice: once with its close dates, once with its far ones, so a date that is dropped shows
    iso = [d[0] for d in _DAYS] + [d[0] for d in reversed(_DAYS)]
    written = [d[1] for d in _DAYS] + [d[1] for d in reversed(_DAYS)]
    assert _judged(written) == _judged(iso)


def test_pairs_judgement_reads_the_dates() -> None:
    # the check above would pass if dates were ignored altogether; this one shows they are not
    iso = [d[0] for d in _DAYS] * 2
    undated: list[tuple[str, str] | None] = [None] * len(iso)
    assert _judged(iso) != _judged(undated)
