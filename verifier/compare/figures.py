"""A figure ready to compare: its family (what kind of value it is), its interval or key in normal units, and
the words that say what it measures.

Families: "count", "money:EUR", "percent", "percentage_points", "measure:length", "duration", "age",
"date", "year", "time", "ordinal", "score", "code". Two figures are compared only within one family; money is
compared within one currency, measurements after conversion to the dimension's base unit.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from verifier import lexicon as lx
from verifier.compare.holders import holder
from verifier.compare.text import _TOKEN, stem
from verifier.compare.vocab import load
from verifier.quantities import Quantity, extract

# Words either side of a number that say what it measures: "killed 27 IS fighters in Darna" reads
# {kill, IS, fighter, darna} for 27. Five words covers a verb, a modifier and a head noun on each side in
# news English; more pulls in the next clause.
CONTEXT_WINDOW = 5
# How far from its exact value a share written in words ("a third", "half", "two-thirds") may stand, as a
# share of it: a writer rounds a measured share to a simple fraction, so "a third" stands for 32-35%, "half"
# for 48-52%; 5% either side keeps the neighbouring fractions (a quarter, two-fifths) apart.
FRACTION_SPREAD = 0.05
# Kinds that name things rather than amounts: compared only for being the same string.
_CODE_KINDS = frozenset({"phone", "code", "id", "resolution"})


@dataclass(frozen=True)
class Figure:
    q: Quantity
    family: str
    low: float
    high: float
    key: str | None  # dates "--04-09", times "18:00", scores "31-24": compared as values, not intervals
    context: frozenset[str]  # stems of the words around the figure, its measure and group head
    # For a date, a time or a year: the stem of the word that names what it dates ("will be held on 14 May":
    # "held"), None when no content word stands right before it or its preposition.
    act: str | None = None
    # +1 for a change upwards ("rose 3%", "up 3%"), -1 downwards ("fell by 3%"), 0 for a level or unknown.
    direction: int = 0
    # The name whose figure it is, when a name is the subject of its clause ("Okafor finished with 31
    # points"): the stems of its words, space-joined (compare/holders.py).
    holder: str | None = None
    # For a length written as an adjective ("an 11-day strike", "a 40-km convoy"): the stem of the noun it
    # is the length of.
    of_noun: str | None = None
    # For a length: what it measures when a word next to it says so ("2 km long", "a depth of 10 km",
    # "40 km north of"): length, depth, height, width or distance (lexicon `dimensions`).
    dimension: str | None = None

    @property
    def point(self) -> float:
        if math.isinf(self.high):
            return self.low
        if math.isinf(self.low):
            return self.high
        return (self.low + self.high) / 2


def _family(q: Quantity) -> tuple[str, float] | None:
    """(family, factor to normal units) of a frame, or None for a figure that is not compared."""
    kind = q.kind
    units = lx.MEASURED_ATTRIBUTES.get(q.measure or "", frozenset())
    if kind == "count" and len(units) == 1 and q.group is None:
        # A bare number (one that counts no group: not "30 aftershocks") governed by an attribute read in
        # one unit is a measurement in it: "measured 6.2 on the Richter scale" is a magnitude of 6.2.
        q = replace(q, kind="measure", unit=next(iter(units)))
        kind = "measure"
    if kind == "fraction":  # "a third" is a share: compared with percentages ("33 percent")
        return "percent", 100.0
    if kind in ("count", "percent", "percentage_points", "age", "ordinal", "year"):
        return kind, 1.0
    if kind == "money":
        if q.unit == "pence":  # "185p" is £1.85: pence are hundredths of a pound
            return "money:GBP", 0.01
        return f"money:{q.unit or '?'}", 1.0
    vocab = load()
    unit = (q.unit or "").lower()
    if kind == "measure":
        dim = vocab.units.get(unit)
        return (f"measure:{dim[0]}", dim[1]) if dim else (f"measure:{unit or '?'}", 1.0)
    if kind == "duration":
        return "duration", vocab.durations.get(unit, 1.0)
    if kind in ("date", "time", "score"):
        return kind, 1.0
    if kind in _CODE_KINDS:
        return "code", 1.0
    return None


def _window(text: str, start: int, end: int) -> frozenset[str]:
    stop = load().stopwords
    left = [m.group() for m in _TOKEN.finditer(text, max(0, start - 60), start)][-CONTEXT_WINDOW:]
    right = [m.group() for m in _TOKEN.finditer(text, end, min(len(text), end + 60))][:CONTEXT_WINDOW]
    return frozenset(stem(w) for w in left + right if w.lower() not in stop and len(w) > 1)


# Kinds (and families: they share the names) of figures that say when.
WHEN = frozenset({"date", "time", "year"})


# How many lower-case words may stand between a verb and the preposition of its date: a prepositional
# phrase of a preposition, a determiner, an adjective and a noun ("signed in the port city on 8 March").
# A name stops the walk ("killed in Aleppo on 14 May" dates the killing in Aleppo, which another town's
# date does not contradict).
ACT_REACH = 4


def _is_verb(word: str) -> bool:
    return word in lx.PAST_VERBS or (word.endswith("ed") and len(word) > 4)


def _act(text: str, start: int) -> str | None:
    """The act a date or time is the date of: the word right before it, or before its preposition ("held on
    14 May", "the vote on 14 May", "polls close at 8 pm"), or a verb a few lower-case words before that in
    one phrase ("signed in the capital on 7 March"). A word of no content ("said on Monday", "was in 1987")
    names no act: the date may be the day of the statement; nor does a word that is itself a when ("today
    (14 October)", "Saturday at 3 pm")."""
    vocab = load()
    left = list(_TOKEN.finditer(text, max(0, start - 80), start))
    last = left[-1] if left else None
    if last is not None and last.group().lower() in vocab.time_prepositions:
        if not text[last.end() : start].strip():  # "on 14 May", not "on (14 May)"
            left.pop()
    if not left:
        return None
    word = left[-1].group().lower()
    if word in vocab.stopwords or len(word) < 3:
        return None
    if word in vocab.time_words or word in lx.MONTHS:  # "today (14 October)", "Saturday at 3 pm"
        return None
    if not _is_verb(word):
        for k in range(1, min(ACT_REACH, len(left) - 1) + 1):
            before, after = left[-1 - k], left[-k]
            if text[before.end() : after.start()].strip() or after.group()[0].isupper():
                break  # punctuation or a name between: another phrase
            if _is_verb(before.group().lower()):
                return _one_act(stem(before.group().lower()))
    return _one_act(stem(word))


def _one_act(s: str) -> str:
    """The act a stem names, whichever synonym the writer chose ("starting" and "opens" date one act)."""
    return load().acts.get(s, s)


def _direction(text: str, start: int) -> int:
    """Whether the figure is a change up (+1) or down (-1): a change word right before it, or before its
    "by" ("rose 3%", "fell by 3%", "down 3%"). "Rose to 4.5%" gives a level: 0."""
    vocab = load()
    left = [m.group().lower() for m in _TOKEN.finditer(text, max(0, start - 30), start)]
    if left and left[-1] == "by":
        left.pop()
    if not left:
        return 0
    word = left[-1]
    if len(left) > 1 and left[-2] in _MOTION_VERBS:
        return 0  # "the ferry went down 7.5 miles off the island": a phrasal verb, no change
    return 1 if word in vocab.rising_words else -1 if word in vocab.falling_words else 0


# Verbs that make "up" or "down" after them part of a phrasal verb ("went down", "came up"), not a change.
_MOTION_VERBS = frozenset("go goes going gone went come comes coming came".split())


_NUMBER_TEXT = re.compile(r"[\d.,:]+")


def _key(q: Quantity) -> str | None:
    if q.kind in ("date", "time", "year"):
        return q.iso or q.text.lower()
    if q.kind == "score":
        return q.iso or q.unit or "-".join(_NUMBER_TEXT.findall(q.text))
    if q.kind in _CODE_KINDS:
        return re.sub(r"\W", "", q.text.lower())
    return None


# Nouns of an earthquake (events.json's "quake" kind, its aftershocks aside) and the range of magnitudes.
_QUAKE_NOUNS = [w for w in lx.EVENT_KINDS["quake"] if w != "aftershock"]
_QUAKE = re.compile(r"\b(?:" + "|".join(_QUAKE_NOUNS) + r")s?\b", re.I)
_MAGNITUDES = (1.0, 10.0)


def _magnitude(q: Quantity, text: str) -> Quantity:
    """A bare figure with a decimal point (no group, measure or unit) in a claim about an earthquake is its
    magnitude: "the quake measured 6.4", "a 5.8 tremor". A whole number there ("the quake killed 6") is
    left alone."""
    if q.kind != "count" or q.group or q.measure or q.unit or q.low != q.high:
        return q
    if q.low.is_integer() or not _MAGNITUDES[0] <= q.low < _MAGNITUDES[1] or not _QUAKE.search(text):
        return q
    return replace(q, measure="magnitude")


def to_figure(q: Quantity, text: str) -> Figure | None:
    q = _magnitude(q, text)
    fam = _family(q)
    if fam is None:
        return None
    family, factor = fam
    if family == "score" and (
        _RECORD_BEFORE.search(text, 0, q.span[0]) or _RECORD_AFTER.match(text, q.span[1])
    ):
        # "Improved their record to 11-4": a season's wins and losses, never one game's score.
        family = "record"
    low, high = q.low, q.high
    if low > high:
        low, high = high, low
    if q.kind == "fraction" and low == high:
        # A share in words is rounded (FRACTION_SPREAD): "a third" stands for about 32-35%.
        low, high = low * (1 - FRACTION_SPREAD), high * (1 + FRACTION_SPREAD)
    if q.negated:
        low = high = 0.0
    start, end = q.span
    ctx = set(_window(text, start, end))
    for word in (q.measure, q.group_head):
        if word:
            ctx.add(stem(word))
    offset = load().offsets.get((q.unit or "").lower(), 0.0) if q.kind == "measure" else 0.0
    act = _act(text, start) if q.kind in WHEN else None
    direction = _direction(text, start) if q.kind not in (*WHEN, "score") else 0
    owner = holder(q, text) if q.kind not in WHEN else None
    low, high = low * factor + offset, high * factor + offset
    of_noun = _of_noun(q, text)
    dim = _dimension(text, start, end) if family == "measure:length" else None
    return Figure(q, family, low, high, _key(q), frozenset(ctx), act, direction, owner, of_noun, dim)


_OF_NOUN = re.compile(r"\s+of\s+([a-z]+)\b")
_DIMENSION_BEFORE = re.compile(r"\b([a-z]+)\s+of\s+$", re.IGNORECASE)


def _dimension(text: str, start: int, end: int) -> str | None:
    """The dimension a length's own words give: the word right after it, else the noun before its "of"."""
    dims = load().dimensions
    after = _NEXT_WORD.match(text, end)
    if after is not None and after.group(1) in dims:
        return dims[after.group(1)]
    before = _DIMENSION_BEFORE.search(text, max(0, start - 30), start)
    return dims.get(before.group(1).lower()) if before is not None else None


_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
# "Their record to 11-4", "a record of 9-2", "the record now stands at 12-3", "an 11-4 record": a tally.
_RECORD_BEFORE = re.compile(
    r"\brecord\s+(?:(?:now\s+)?(?:stands|is|was|moved|improved|fell|went|dropped|rose)(?:\s+(?:to|at))?|to|of|at)\s*$",
    re.IGNORECASE,
)
_RECORD_AFTER = re.compile(r"\s+record\b", re.IGNORECASE)
_PERIOD_AFTER = re.compile(r"[\s-]+([A-Za-z]+)\b")


def _names_period(q: Quantity, text: str) -> bool:
    """An ordinal that names a period or a stage ("third-quarter profit", "in the first half", "the second
    round"; lexicon `period_nouns`)."""
    if q.kind != "ordinal":
        return False
    m = _PERIOD_AFTER.match(text, q.span[1])
    return m is not None and m.group(1).lower() in load().period_nouns


def _of_noun(q: Quantity, text: str) -> str | None:
    """The noun a duration or a measurement qualifies when it is written as an adjective, joined by a
    hyphen ("an 11-day strike", "the three-week strike": "strike"), or names after "of" ("one day of
    shelling": "shell"), else None."""
    if q.kind not in ("duration", "measure"):
        return None
    if "-" not in q.text:
        of = _OF_NOUN.match(text, q.span[1])  # "one day of shelling", "3 km of road"
        return stem(of.group(1)) if of is not None and of.group(1) not in load().stopwords else None
    m = _NEXT_WORD.match(text, q.span[1])
    if m is None or m.group(1) in load().stopwords:
        return None
    return stem(m.group(1))


@lru_cache(maxsize=8192)
def read_figures(text: str, published: str | None) -> tuple[tuple[Quantity, ...], tuple[Figure, ...]]:
    """The claim's frames and the figures made from them (dates of publication included as dates)."""
    frames = tuple(extract(text, published))
    figs = tuple(f for q in frames if (f := to_figure(q, text)) is not None)
    periods = {id(f) for f in figs if _names_period(f.q, text)}
    if any(id(f) not in periods and f.family not in WHEN for f in figs):
        # Beside another figure, an ordinal that names a period is that figure's setting ("third-quarter
        # profit of $2bn"); alone, it is what the claim reports ("stopped him in the 6th round").
        figs = tuple(f for f in figs if id(f) not in periods)
    return frames, figs
