"""Scores and win-loss records: "won 31-24", "a 36-3 record", "the Colts (11-4)", "beat them 3-1", and
tallies written out: "by 218 votes to 212".

A hyphenated pair of small numbers is a range ("10-12 people") unless a result says otherwise: a cue word
on its left or right (the tables in `vocab`), or brackets right after a capitalised team name. A score is
one mention of kind "score" whose `iso` is the pair as written ("31-24"), so two can be compared as pairs.
"""

from __future__ import annotations

import re

from verifier.numbers.parse import _Core, _may_be_unit
from verifier.numbers.patterns import (
    _CLAUSE_END,
    _PLURAL_RIGHT,
    _SCORE_FIRST,
    _SCORE_NEXT_WORD,
    _SCORE_PAIR,
    _SCORE_WORD,
    _TALLY_PAIR,
    _TEAM_BRACKET_LEFT,
    _TO_PAIR,
    _UNIT_RE,
    _YEAR_RIGHT_COUNT,
)
from verifier.numbers.record import NumberMention, _mention
from verifier.numbers.vocab import (
    _SCORE_CUE_REACH,
    _SCORE_FALL_CUES,
    _SCORE_LEFT_CUES,
    _SCORE_RIGHT_CUES,
    _VOTE_OBJECTS,
    _VOTE_VERBS,
)


def _score_mention(text: str, core: _Core, left: str) -> NumberMention | None:
    """The score starting at `core` (a bare number with no qualifier or sign), or None."""
    if core.currency or core.words or core.has_scale or not core.digits:
        return None
    if not _SCORE_FIRST.fullmatch(core.digits):
        return None
    tally = _TALLY_PAIR.match(text, core.end)
    # "by 218 votes to 212": the words say it is a tally, no cue needed; a tally gives the larger side
    # first, so "rose 5 points to 70" (a level after a change) is none.
    if tally is not None and int(tally.group("b")) <= int(core.digits):
        iso = f"{int(core.digits)}-{int(tally.group('b'))}"
        return _mention(text, core.start, tally.end(), value=None, low=None, high=None, qualifier=None,
                        kind="score", iso=iso, number_span=(core.num_start, tally.end()))  # fmt: skip
    written = _TO_PAIR.match(text, core.end)
    if (
        written is not None
        and int(written.group("b")) <= int(core.digits)
        and _cue_left(left)
        and not _counts_something(text, written.end())
    ):
        # "beat the Stags 98 to 91", "the bill passed 218 to 212": a result word before a pair joined by
        # "to", the winner's side first; without one, "5 to 3" is a range or a change.
        iso = f"{int(core.digits)}-{int(written.group('b'))}"
        return _mention(text, core.start, written.end(), value=None, low=None, high=None, qualifier=None,
                        kind="score", iso=iso, number_span=(core.num_start, written.end()))  # fmt: skip
    pair = _SCORE_PAIR.match(text, core.end)
    if pair is None:
        return None
    end = pair.end()
    bracketed = text[end : end + 1] == ")" and bool(_TEAM_BRACKET_LEFT.search(left))
    voted = _vote_on(text[max(0, core.start - _VOTE_REACH) : core.start])
    cued = _cue_left(left) or _cue_right(text, end) or _fell_to(left, text, end) or voted
    if not (bracketed or cued):
        return None
    if _counts_something(text, end):
        return None  # "won 10-12 seats", "lost 3-4 of their tanks": a range of things
    iso = f"{int(core.digits)}-{int(pair.group('b'))}"
    return _mention(text, core.start, end, value=None, low=None, high=None, qualifier=None, kind="score",
                    iso=iso, number_span=(core.num_start, end))  # fmt: skip


def _cue_left(left: str) -> bool:
    """A result word among the last words of the clause before the number."""
    clause = _CLAUSE_END.match(left)
    words = _SCORE_WORD.findall(left, clause.end() if clause else 0)
    return any(w.lower() in _SCORE_LEFT_CUES for w in words[-(_SCORE_CUE_REACH + 1) :])


# How far back the verb of a vote may stand: a bill is often named in many words.
_VOTE_REACH = 120


def _vote_on(left: str) -> bool:
    """The pair right after what was voted on, in a clause whose verb passes or rejects it: "passed the
    contested water privatisation bill 221-190"."""
    clause = _CLAUSE_END.match(left)
    words = [w.lower() for w in _SCORE_WORD.findall(left, clause.end() if clause else 0)]
    return bool(words) and words[-1] in _VOTE_OBJECTS and any(w in _VOTE_VERBS for w in words[:-1])


_TO_SIDE = re.compile(r"\s+(?:to|against)\s+(?:the\s+)?[A-Z]")


def _fell_to(left: str, text: str, end: int) -> bool:
    """A verb of going down right before the pair and the side it went down to right after it: "fell 1-3
    to Harbor City"."""
    words = _SCORE_WORD.findall(left[-20:])
    return bool(words) and words[-1].lower() in _SCORE_FALL_CUES and _TO_SIDE.match(text, end) is not None


def _cue_right(text: str, end: int) -> bool:
    """A result word right after the pair, or after one word that says where or how ("a 2-1 home defeat",
    "a 3-0 away win", "a 1-0 extra-time victory")."""
    first = _next_word(text, end)
    if first in _SCORE_RIGHT_CUES:
        return True
    m = _SCORE_NEXT_WORD.match(text, end)
    return first in _SCORE_MANNER and m is not None and _next_word(text, m.end()) in _SCORE_RIGHT_CUES


# Words between a score and its result word: where or how it was won ("a 2-1 home defeat").
_SCORE_MANNER = frozenset("home away narrow shock comfortable surprise famous".split())


def _next_word(text: str, pos: int) -> str:
    m = _SCORE_NEXT_WORD.match(text, pos)
    return m.group(1).lower() if m else ""


def _counts_something(text: str, end: int) -> bool:
    """A unit, a count noun or a plural noun right after the pair: it counts things, it is no score."""
    if _next_word(text, end) in _SCORE_RIGHT_CUES:
        return False
    if _YEAR_RIGHT_COUNT.match(text, end) or _PLURAL_RIGHT.match(text, end):
        return True
    return _may_be_unit(text, end) and _UNIT_RE.match(text, end) is not None
