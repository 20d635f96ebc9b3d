"""Who says so, when, and over what period: attribution, time expressions and scopes. Article dates are
read by `verifier.core.dates.parse_date` (re-exported from `verifier.quantities`)."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right

from verifier import lexicon as lx
from verifier.quantities.context import _break_between, _Ctx, _norm_ws, _words_between
from verifier.quantities.patterns import _SCOPE, _SCOPE_WORDS, _SENT_BREAK, _TIME, _TIME_WORDS

# How far (in words) a period expression may sit from a figure and still qualify it: "Seven days of air
# strikes across the province had left more than 75 civilians dead" needs 8.
SCOPE_WINDOW = 12


def _month_index(name: str) -> int:
    return lx.MONTHS.index(name.lower()) + 1


_POSSESSIVE = re.compile(r"['’]s$")


def _time_matches(text: str, words: list[tuple[int, int, str]]) -> list[re.Match[str]]:
    """The time pattern, run only around the words that can anchor it (a weekday, a month, "yesterday"):
    a window of a few words each side instead of the whole sentence."""
    out: list[re.Match[str]] = []
    last_end = -1
    n = len(text)
    for ws, we, lw in words:
        if ws < last_end:
            continue
        lw = _POSSESSIVE.sub("", lw)  # "Monday's strikes"
        if lw not in _TIME_WORDS and not ("-" in lw and not _TIME_WORDS.isdisjoint(lw.split("-"))):
            continue
        pos = max(0, ws - _TIME_REACH, last_end)
        for m in _TIME.finditer(text, pos, min(n, we + _TIME_REACH)):
            if m.end() > ws and m.start() < we:
                out.append(m)
                last_end = m.end()
                break
    return out


# Characters a time expression reaches beyond its anchor word: "early on Tuesday", "November 19, 2008".
_TIME_REACH = 24


def _times(
    text: str, pub: dt.date | None, words: list[tuple[int, int, str]]
) -> list[tuple[int, int, str, str | None]]:
    out: list[tuple[int, int, str, str | None]] = []
    for m in _time_matches(text, words):
        resolved: str | None = None
        if m.group("wd"):
            if pub is not None:
                target = lx.WEEKDAYS.index(m.group("wd").lower())
                back = (pub.weekday() - target) % 7  # news reports the last such day, or today
                resolved = (pub - dt.timedelta(days=back)).isoformat()
        elif m.group("m1") or m.group("m2"):
            month = _month_index(m.group("m1") or m.group("m2"))
            day = int(m.group("d1") or m.group("d2"))
            year_s = m.group("y1") or m.group("y2")
            year = int(year_s) if year_s else (pub.year if pub else None)
            if year is not None and 1 <= day <= 31:
                if (
                    not year_s
                    and pub is not None
                    and (month, day) > (pub.month, pub.day)
                    and month - pub.month > 1
                ):
                    year -= 1  # "December 28" in a January article is last year's
                try:
                    resolved = dt.date(year, month, day).isoformat()
                except ValueError:
                    resolved = None
        elif m.group("m3"):
            if pub is not None:
                resolved = f"{pub.year:04d}-{_month_index(m.group('m3')):02d}"
        elif m.group("rel"):
            if pub is not None:
                off = lx.RELATIVE_DAYS.get(_norm_ws(m.group("rel").lower()), 0)
                resolved = (pub + dt.timedelta(days=off)).isoformat()
        out.append((m.start(), m.end(), m.group(), resolved))
    return out


def _nearest_time(ctx: _Ctx, start: int, end: int) -> tuple[int, int, str, str | None] | None:
    """The time expression holding the figure, else the nearest one. Times are in text order and never
    overlap, so only the last one starting at or before the figure, those starting inside it and the first
    one after it can win: the others are farther."""
    times = ctx.times
    i = max(0, bisect_right(times, start, key=lambda t: t[0]) - 1)
    j = bisect_left(times, end, key=lambda t: t[0]) + 1
    best = None
    best_d = 10**9
    for t in times[i:j]:
        if t[0] <= start < t[1]:  # the number is part of the date itself ("November 19")
            return t
        d = t[0] - end if t[0] >= end else start - t[1]
        if d < best_d:
            best, best_d = t, d
    return best


_SAY_SET = frozenset(lx.SAY_VERBS)
_SPEAKER_SET = frozenset(lx.SPEAKER_HEADS)
_SAY_ADVERBS = frozenset(
    {"also", "later", "earlier", "had", "has", "have", "previously", "reportedly", "then"}
)
_NAME_GLUE = frozenset({"for", "of", "and", "al", "bin", "abu", "de"})
_ACCORDING_STOP = frozenset(
    {"on", "in", "which", "who", "that", "and", "as", "after", "when", "while", "but", "to", "said", "says"}
)


def _has_upper(s: str) -> bool:
    return any(c.isupper() for c in s)


def _attribution(text: str, words: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """The first attribution of the sentence: "according to X", "X said", "said X"."""
    n = len(words)
    for i, (s, e, lw) in enumerate(words):
        if lw == "according" and i + 1 < n and words[i + 1][2] == "to":
            end = None
            for j in range(i + 2, min(n, i + 10)):
                if j > i + 2 and (
                    text[words[j - 1][1] : words[j][0]].strip() or words[j][2] in _ACCORDING_STOP
                ):
                    break
                end = words[j][1]
            if end is not None:
                return s, end, _norm_ws(text[s:end])
        if lw not in _SAY_SET:
            continue
        # "X (also) said": a speaker head before the verb, possibly followed by a name ("head Rami X said").
        j = i - 1
        while j >= 0 and words[j][2] in _SAY_ADVERBS:
            j -= 1
        names = 0
        while (
            j >= 0
            and names < 5
            and words[j][2] not in _SPEAKER_SET
            and (_has_upper(text[words[j][0] : words[j][1]]) or words[j][2] in _NAME_GLUE)
        ):
            j -= 1
            names += 1
        if j >= 0 and words[j][2] in _SPEAKER_SET and not _SENT_BREAK.search(text, words[j][1], s):
            begin = _speaker_start(text, words, j)
            end = e
            tail = _STATEMENT.match(text, e)
            if tail:
                end = tail.end()
            return begin, end, _norm_ws(text[begin:end])
        # "said the Syrian Observatory for Human Rights": a speaker head within 7 words after the verb.
        for k in range(i + 1, min(n, i + 8)):
            if text[words[k - 1][1] : words[k][0]].strip():
                break
            if words[k][2] in _SPEAKER_SET:
                end = words[k][1]
                m = _FOR_RIGHTS.match(text, end)
                if m:
                    end = m.end()
                return s, end, _norm_ws(text[s:end])
            if words[k][2] in lx.MEASURE_TRIGGERS or words[k][2] in ("that", "he", "she", "they", "it"):
                break
    return None


_STATEMENT = re.compile(r"\s+in\s+a\s+statement\b", re.IGNORECASE)
_FOR_RIGHTS = re.compile(r"\s+for\s+Human\s+Rights\b")


def _speaker_start(text: str, words: list[tuple[int, int, str]], head: int) -> int:
    """Where a speaker phrase begins, walking back from its head word: names and up to two lower-case
    modifiers, stopping after a determiner ("a monitoring group", "the Britain-based Observatory")."""
    begin = words[head][0]
    lower = 0
    for j in range(head - 1, max(-1, head - 7), -1):
        ws, we, lw = words[j]
        if text[we : words[j + 1][0]].strip():
            break
        if lw in ("the", "a", "an"):
            begin = ws
            break
        if lw in lx.GROUP_STOP or lw in lx.MEASURE_TRIGGERS or lw[0].isdigit():
            break
        if _has_upper(text[ws:we]):
            if lower:
                break
        else:
            lower += 1
            if lower > 2:
                break
        begin = ws
    return begin


def _scopes(text: str, words: list[tuple[int, int, str]], weekdays: bool) -> list[tuple[int, int, str]]:
    """Period expressions, found around their anchor words ("since", "days", a month) rather than by
    running the whole pattern over the sentence. Two weekday names need the pattern over the sentence."""
    if weekdays:
        return [(m.start(), m.end(), _norm_ws(m.group())) for m in _SCOPE.finditer(text)]
    out: list[tuple[int, int, str]] = []
    last_end = -1
    n = len(text)
    for ws, we, lw in words:
        if ws < last_end or lw not in _SCOPE_WORDS:
            continue
        for m in _SCOPE.finditer(text, max(0, ws - _SCOPE_REACH, last_end), min(n, we + _SCOPE_REACH)):
            if m.end() > ws and m.start() < we:
                out.append((m.start(), m.end(), _norm_ws(m.group())))
                last_end = m.end()
                break
    return out


# Characters a period expression reaches beyond its anchor word: "in the past two weeks", "brought the
# death toll".
_SCOPE_REACH = 40


def _scope_for(ctx: _Ctx, start: int, end: int) -> tuple[int, int, str] | None:
    """The period a figure counts over: the nearest period expression of its clause within SCOPE_WINDOW
    words ("in two days"), else the nearest running-total wording ("so far", "brought the toll to")."""
    best: dict[bool, tuple[int, tuple[int, int, str]]] = {}
    for sc in _scopes_near(ctx, start, end):
        a, b = (sc[1], start) if sc[1] <= start else (end, sc[0])
        if a > b:
            # The period phrase holds the figure: "went on for nine days" is the duration itself, not a
            # period some other count runs over.
            continue
        if _break_between(ctx, a, b):
            continue
        d = _words_between(ctx, a, b)
        running = bool(_RUNNING.match(sc[2]))
        if d <= SCOPE_WINDOW and (running not in best or d < best[running][0]):
            best[running] = (d, sc)
    if False in best:
        return best[False][1]
    if True in best:
        return best[True][1]
    return None


def _scopes_near(ctx: _Ctx, start: int, end: int) -> list[tuple[int, int, str]]:
    """The period expressions that can qualify a figure, in text order: walking out from the figure each
    way, a farther one spans more words and every break a nearer one spans, so the walk stops at the first
    that is past SCOPE_WINDOW words or a clause break."""
    scopes = ctx.scopes  # in text order, never overlapping
    i = bisect_right(scopes, start, key=lambda sc: sc[1])  # those ending at or before the figure
    k = i - 1
    while k >= 0 and _within(ctx, scopes[k][1], start):
        k -= 1
    j = i
    while j < len(scopes) and (scopes[j][0] < end or _within(ctx, end, scopes[j][0])):
        j += 1
    return scopes[k + 1 : j]


def _within(ctx: _Ctx, a: int, b: int) -> bool:
    return _words_between(ctx, a, b) <= SCOPE_WINDOW and not _break_between(ctx, a, b)


# Wording that restates a running total rather than naming a period.
_RUNNING = re.compile(r"so\s+far|brought|bringing|brings", re.IGNORECASE)
