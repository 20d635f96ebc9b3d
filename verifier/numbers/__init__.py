"""Every number mention in English news text, read the way a careful fact-checker reads it.

`find_numbers(text)` returns one `NumberMention` per figure: its exact span (qualifier + number + unit),
a point value, an interval (`low`, `high`) that says what the words commit the writer to, a normalised
qualifier, and a kind. The kind is what keeps a date, an age or a resolution number from ever being
compared with a death toll: only `NumberMention.is_figure` mentions (count, percent, percentage points,
money, measure, fraction) are amounts.

Regex-based on purpose: patterns compiled once at import, a cheap trigger scan that runs the master
pattern only where a digit, a currency sign or a number word starts, anchored sub-patterns for the
context on either side, and no nested unbounded repetition, so any input (including adversarial
Unicode) is scanned in time linear in its length.

Conventions (tests/test_numbers.py is the executable version of this list):

- Exact figure: `low == high == value`.
- `at_least N` ("at least", "no fewer than", "N or more", "N+") -> [N, inf).
- `more_than N` ("more than", "over", "exceeded", ">") -> [N+1, inf) for whole counts, [N, inf)
  otherwise: the open bound is closed one step inside, a tenth of a percent never decides a conflict.
- `fewer_than N` -> [0, N-1] for whole counts, [0, N] otherwise; `at_most N`, `up_to N` -> [0, N].
- `nearly N` -> [N * (1 - NEARLY_TOLERANCE), N-1] for whole counts (N otherwise): "nearly 30" is not 30.
- `about N` ("about", "around", "some", "roughly", "N or so", "N-odd") -> N * (1 -/+ ABOUT_TOLERANCE).
- `range` -> [a, b], value the midpoint: "between 10 and 12", "10-12", "10 to 12", "10 or 12",
  "from 40 to 60", "10%-12%", "$5-6 billion" (the scale and currency of one end carry to the other),
  and a lower plus an upper bound joined by "and" ("more than 10 and fewer than 40" -> [11, 39]).
  "rose from 10 to 12" is two figures, not a range (a verb of change comes before "from").
- `vague` ("dozens", "hundreds", "scores of", "a handful", "several", "a few hundred") -> the interval
  in VAGUE_RANGES, value None: a vague amount has no point value worth comparing.
- A sign ("minus 17", "-2.5%", "negative 5 percent") makes the value negative.
- Shares are fractions: "a third", "two-thirds", "3/4", "one in five", "9 out of 10" (value 0.9);
  "2-1/2 years" is a mixed number (2.5, with its unit).
- `number_span` is the number alone (no qualifier, sign word, currency or unit); `iso` holds the
  normalised form of dates ("2015-07-31", "--07-31" without year, "2011-03" for a month), times
  ("15:00", its zone in `unit`: "GMT", "EDT", "local"), years ("2015") and scores ("31-24"). Dates,
  times and scores carry `value=None`.
- A hyphenated pair is a score, not a range, only with a result word near it ("won", "beat", "record",
  ...) or in brackets after a capitalised name ("the Colts (11-4)"); "10-12 people" stays a range.
- A currency name where its sign was lost is money: "euro30 billion", "e80 million", "Rs 40 crore".
- A qualified negative figure keeps low <= high: "about -10" is [-11, -9], "fewer than -3" is
  (-inf, -3], "more than -5" is [-5, inf).
- Pronoun "one" ("one of the", "no one", "the one who") is no mention; neither are digits glued to
  letters that are no known unit ("3D", "5G") or numbers inside URLs.

Modules, each importing only those before it: `record` (NumberMention, kinds, qualifiers, tolerances),
`vocab` (word tables), `patterns` (the regex catalogue), `parse` (the number itself and its left
qualifier), `kinds` (dates, times, vague amounts, fractions, ordinal words), `scores` (a pair of numbers
that is a result: "won 31-24", "a 36-3 record"), `figures` (a number in its context: units, ranges, years,
ages, codes), `scan` (`find_numbers`, `parse_number`).
"""

from __future__ import annotations

from verifier.numbers.record import (
    ABOUT_TOLERANCE,
    KINDS,
    NEARLY_TOLERANCE,
    QUALIFIERS,
    VAGUE_RANGES,
    Kind,
    NumberMention,
    Qualifier,
)
from verifier.numbers.scan import find_numbers, parse_number

__all__ = [
    "ABOUT_TOLERANCE",
    "KINDS",
    "Kind",
    "NEARLY_TOLERANCE",
    "NumberMention",
    "QUALIFIERS",
    "Qualifier",
    "VAGUE_RANGES",
    "find_numbers",
    "parse_number",
]
