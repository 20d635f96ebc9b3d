"""Compiled patterns and word sets the frame readers share: triggers, time, scope, negation, roles."""

from __future__ import annotations

import re
from collections.abc import Iterable

from verifier import lexicon as lx


def _alternation(phrases: Iterable[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True))


_WORD = re.compile(r"\w[\w'’-]*(?:\.\w+)*")
# Trigger phrases by first word, longest first: matched over word tokens (a dictionary lookup per word is
# ~10x faster than one regex alternation of 200 phrases).
_PHRASES: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _p, _m in sorted(lx.MEASURE_TRIGGERS.items(), key=lambda kv: -len(kv[0].split())):
    _PHRASES.setdefault(_p.split()[0], []).append((tuple(_p.split()), _m))
_ALPHA = re.compile(r"[^\W\d_]+")
# Words without which no time or period expression can match: a set lookup per sentence is far cheaper
# than running the full patterns, and most sentences have neither.
_TIME_WORDS = frozenset(
    (*lx.WEEKDAYS, *lx.MONTHS, "today", "yesterday", "tonight", "overnight", "night", "morning", "before")
)  # "mid-August" is anchored by its month
_SCOPE_WORDS = frozenset(
    (
        "since",
        "far",
        "cumulative",
        "brought",
        "bringing",
        "brings",
        "began",
        "days",
        "nights",
        "weeks",
        "months",
        "years",
        "week",
        "month",
        "year",
        "weekend",
        "alone",
        *lx.MONTHS,
    )
)


def _two_weekdays(vocab: set[str], low: str) -> bool:
    return sum(1 for d in lx.WEEKDAYS if d in vocab) >= 2 or sum(low.count(d) for d in lx.WEEKDAYS) >= 2


_WEEKDAY = "|".join(lx.WEEKDAYS)
_MONTH = "|".join(lx.MONTHS)
_TIME = re.compile(
    r"\b(?:(?:early|late)\s+)?(?:on\s+)?(?:(?:early|late)\s+)?(?P<wd>" + _WEEKDAY + r")(?:\s+(?:morning|"
    r"afternoon|evening|night))?\b"
    r"|\b(?:on\s+)?(?P<m1>" + _MONTH + r")\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{4}))?\b"
    r"|\b(?:on\s+)?(?:the\s+)?(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>" + _MONTH + r")"
    r"(?:,?\s+(?P<y2>\d{4}))?\b"
    r"|\b(?P<mid>mid|early|late)-(?P<m3>" + _MONTH + r")\b"
    r"|\b(?P<rel>" + _alternation(lx.RELATIVE_DAYS) + r")\b",
    re.IGNORECASE,
)
_SCOPE = re.compile(
    r"\bsince\s+(?:the\s+)?(?:mid-)?[\w-]+(?:\s+\d{1,2}\b)?"
    r"|\bso\s+far\b|\bcumulative\b"
    r"|\b(?:in|over|during|within|across|for)\s+(?:the\s+)?(?:(?:past|last|previous|recent)\s+)?"
    r"(?:[\w-]+\s+)?(?:days|nights|weeks|months|years|week|month|year)\b"
    r"|\b[\w-]+\s+(?:days|nights|weeks|months)\s+of\b"
    r"|\b(?:this|last)\s+(?:year|month|week)\b"
    r"|\bin\s+(?:"
    + _MONTH
    + r")\s+(?:shelling|attacks|strikes|air\s*strikes|raids|fighting|violence|bombing|"
    r"bombardment|clashes|alone)\b"
    r"|\b(?:brought|bringing|brings)\s+(?:to\s+\d|the\s+(?:death\s+)?toll\b)"
    r"|\bbegan\s+(?:on\s+)?(?:" + _WEEKDAY + r")\s+and\s+continued\b"
    r"|\b(?:" + _WEEKDAY + r")\s+(?:and|to|through|until|-|–)\s+(?:on\s+)?(?:" + _WEEKDAY + r")\b"
    # A weekend is a span of two days; "on Saturday alone" is one day of a longer count.
    r"|\b(?:over|during|at|across|on)\s+the\s+(?:long\s+)?weekend\b|\b(?:this|last)\s+weekend\b"
    r"|\b(?:on\s+)?(?:" + _WEEKDAY + r"|today|yesterday)\s+alone\b",
    re.IGNORECASE,
)
_TOTAL = re.compile(
    r"\b(?:(?:on|from|of)\s+(?:both|all)\s+sides|in\s+total|a\s+total\s+of|overall|altogether|combined)\b",
    re.IGNORECASE,
)
_NEGATION_HINT = re.compile(r"\bno|\bnone|\bnot\s+a", re.IGNORECASE)
_NEGATION = re.compile(
    r"\b(?P<neg>no\s+one|nobody|no-one|none(?!\s+of\b)|not\s+a\s+single\s+(?:person|one)"
    r"|no\s+(?:(?:reports?\s+of\s+)?(?:immediate\s+)?)(?P<noun>casualties|deaths|injuries|fatalities|victims|"
    r"people|civilians|one))\b",
    re.IGNORECASE,
)
# "among them 15 children", "including 22 children", "7 children were among 71": a complete count of a
# subgroup inside a total given in the same claim.
_PART_BEFORE = re.compile(
    r"(?:\bamong\s+(?:them|whom|those|the\s+dead|the\s+victims)|\bincluding|\bof\s+whom)\s*[-–—,:]?\s*$",
    re.IGNORECASE,
)
_PART_AFTER = re.compile(r"^\s*(?:were|was|are)?\s*among\b", re.IGNORECASE)
# "four other victims", "five more civilians", "another 150", "a further 30", "most of the victims - 14",
# "16 of 29 cases":
# an incomplete count, never the whole toll of its group.
_PARTIAL_BEFORE = re.compile(
    r"(?:\bmost\s+of\s+the\s+\w+|\bsome\s+of\s+the\s+\w+|\bhalf\s+of\s+the\s+\w+|\banother"
    r"|\ba\s+further|\ban\s+additional)"
    r"\s*[-–—,:]?\s*$",
    re.IGNORECASE,
)
_PARTIAL_AFTER = re.compile(
    r"^\s+of\s+(?:(?:the\s+|them\b|those\b|these\b)?\s*\d|them\b|whom\b|those\b|the\s+(?:dead|victims|"
    r"wounded|injured|killed|casualties)\b)",
    re.IGNORECASE,
)
_OTHER_WORD = re.compile(r"^\s+(?:more|other|further|additional)\b(?!\s+than)", re.IGNORECASE)
# "updating an earlier toll of 15": a figure the claim itself says is superseded.
_EARLIER = re.compile(
    r"\b(?:earlier|initial|previous|first|original|old|preliminary)\s+(?:death\s+)?(?:toll|figure|count|"
    r"estimate|tally|report)(?:\s+\w+){0,4}?\s+(?:of|at|was|had\s+been)\s*$",
    re.IGNORECASE,
)
# "Turnout was 61%, up from 55%": the value a change started from, superseded by the claim's own figure.
_CHANGED_FROM = re.compile(
    r"\b(?:up|down)\s+from\s+(?:(?:the|an?|its|their)\s+)?"
    r"(?:(?:initial|earlier|previous|first|original|preliminary|provisional)\s+)?$",
    re.IGNORECASE,
)
# Substrings without which no role pattern can match (checked first: most figures have none).
_ROLE_HINT = re.compile(
    r"among|includ|whom|most|some of|half|another|other|more|further|additional| of |both|total|overall|"
    r" from |"
    r"altogether|combined|earlier|initial|previous|first|original|preliminary|old "
)
_EARLIER_HINT = re.compile(r"earlier|initial|previous|first|original|old|preliminary", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:that|which|who|whose|when|after|because|while|as)\b", re.IGNORECASE)
_NONE_OF = re.compile(r"\bnone\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# Where a clause ends for the purpose of linking a figure to its words. Dashes are not breaks: news text uses
# them in pairs around an aside ("23 civilians - including nine children - dead").
_SENT_BREAK = re.compile(r"[.;:!?]\s|[(\[\"“”]")
