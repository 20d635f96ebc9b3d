"""The one reader for the dates sources write on their articles: importers, frames, the relation and the UI
all call `parse_date` (a `datetime.date`) or `normalise_date` (its ISO text).

Read by python-dateutil with month and weekday names from `verifier.lexicon`. A date needs a day, a month
and a four-digit year: "July 2015" or "31/7/15" is not a date an article can be placed on. Numbers
with slashes or dashes are month first ("4/5/2017" is April 5, as FA-KES and US exports write it), day
first only when the first number cannot be a month; numbers with dots are day first ("04.05.2017" is 4
May, as European sources write it).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateutil import parser as _dateutil

from verifier import lexicon as lx

__all__ = ["MAX_DATE_CHARS", "MENTIONED_YEAR", "normalise_date", "parse_date"]

# The longest date we read ("Wednesday, 30 September 2015 10:15:00 +0000") is under 50 characters; longer
# text (a headline tested for being a dateline) is not a date and is not handed to the parser.
MAX_DATE_CHARS = 64
# A year an article mentions, read as when what it tells happened ("in 2008", "the 1995 quake"): 1950-2039,
# the years of the events news reports, a range that keeps out most counts and codes.
MENTIONED_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-3]\d)\b")
# The years strptime("%Y") accepted before this module, kept so the ISO text always has four digits.
_MIN_YEAR, _MAX_YEAR = 1000, 9999
# Two defaults that differ in year, month and day: a part the text does not give shows as a difference.
_DEFAULTS = (dt.datetime(2001, 1, 1), dt.datetime(2002, 2, 2))

_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]|$)")  # "2015-07-31", "2015-07-31T08:15:00Z"
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)|^\d{8}$")  # "... 2015", "20150731"
_DOTTED = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.\d{4}\b")  # "31.07.2015": day first


def _names(full: tuple[str, ...], short: dict[str, int]) -> list[tuple[str, ...]]:
    """dateutil's table form: for each month (or weekday) in order, every name it goes by."""
    return [(name, *(abbr for abbr, i in short.items() if i == index)) for index, name in enumerate(full)]


class _LexiconNames(_dateutil.parserinfo):
    """dateutil's English, with the month and weekday names of `verifier.lexicon`."""

    MONTHS = _names(lx.MONTHS, lx.MONTH_ABBREVIATIONS)
    WEEKDAYS = _names(lx.WEEKDAYS, lx.WEEKDAY_ABBREVIATIONS)


_MONTH_FIRST = _LexiconNames(dayfirst=False)
_DAY_FIRST = _LexiconNames(dayfirst=True)


@lru_cache(maxsize=4096)
def _parse(text: str) -> dt.date | None:
    day = _read_iso(text) if _ISO_DATE.match(text) else _read_written(text)
    return day if day is not None and _MIN_YEAR <= day.year <= _MAX_YEAR else None


def _read_iso(text: str) -> dt.date | None:
    """The fast path: most dates are stored ISO, and the relation reads one per claim."""
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _read_written(text: str) -> dt.date | None:
    if not _FOUR_DIGIT_YEAR.search(text):
        return None
    info = _DAY_FIRST if _DOTTED.match(text) else _MONTH_FIRST
    try:
        # ignoretz: the date as the source wrote it; a zone name ("EDT") would only raise a warning.
        first, second = (_dateutil.parse(text, parserinfo=info, default=d, ignoretz=True) for d in _DEFAULTS)
    except (ValueError, OverflowError, TypeError):  # dateutil's ParserError is a ValueError
        return None
    return first.date() if first.date() == second.date() else None  # else no day, month or year written


def parse_date(text: object) -> dt.date | None:
    """The date in `text` ("2015-07-31", "Jul 31 2015", "Sept. 3, 2016", "2016/09/03", "Wed 05 Apr 2017",
    "4/5/2017", "31 July 2015", "2015-07-31T08:15:00Z"), or None when it is not a full date. Never raises."""
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    s = str(text).strip()
    if not s or len(s) > MAX_DATE_CHARS:
        return None
    return _parse(s)


def normalise_date(text: object) -> str | None:
    """`parse_date` as ISO text (YYYY-MM-DD), the form stored on an `Article`; None when not a date."""
    day = parse_date(text)
    return day.isoformat() if day is not None else None
