"""Quantity frames: every figure in a claim read like a careful fact-checker reads it.

A frame is one number mention (from `numbers.find_numbers`) plus what it measures ("killed", "wounded"),
who is counted ("IS fighters"), who says so ("medical officials said"), when ("on Thursday", resolved
against the article date), whether it is negated ("no one was killed"), whether it is explicitly a part or
a total ("among", "including", "on both sides") and whether the claim counts over a period ("since
Saturday", "in two days"). Every part carries a character span into the claim, for highlighting.

Pure regular expressions over the sentence, compiled once: no parser, so extraction never becomes the
bottleneck beside embedding (see bench/extraction_speed.py).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from verifier import lexicon as lx
from verifier.numbers import find_numbers

# Kinds of number that are never a count of anything: compared, if at all, only as what they are.
NON_COUNT_KINDS = frozenset(
    {"date", "year", "time", "age", "ordinal", "phone", "code", "duration", "resolution", "unit", "id"}
)

# How far (in words) a measure word may sit after the counted group and still govern the figure:
# "33 people, mostly women and children, were affected" needs 6, "60 mercenaries from the former Soviet
# Union, Tunisia and Egypt were killed" 9; more starts catching the next clause.
MEASURE_AFTER_WINDOW = 10
# How far before the number a measure verb may sit: "killing at least 15 people" needs 0 words between the
# verb and the qualifier; "placed the death toll from the air raids at 50" needs 6.
MEASURE_BEFORE_WINDOW = 10
# How far (in words) a period expression may sit from a figure and still qualify it: "Seven days of air
# strikes across the province had left more than 75 civilians dead" needs 8.
SCOPE_WINDOW = 12
# Longest counted-group phrase, in words: "IS-held town civilians" is the longest we saw in news text.
GROUP_MAX_WORDS = 4


@dataclass(frozen=True)
class Quantity:
    """One figure of a claim and everything that says what it counts."""

    text: str  # the number as written, with its qualifier ("at least 27")
    value: float | None  # point value (midpoint for ranges and vague amounts)
    low: float
    high: float  # math.inf when open ("more than 300")
    qualifier: str | None  # "at least", "nearly", "about", ... as normalised by numbers.py
    kind: str  # count, percent, money, measure, date, year, time, age, ordinal, ...
    unit: str | None
    iso: str | None = None  # dates "2015-07-31" / "--07-31", times "15:00" (from numbers.py)
    measure: str | None = None  # normalised: killed, wounded, arrested, displaced, ...
    negated: bool = False  # "no one was killed": the figure is zero
    group: str | None = None  # counted group as written: "IS fighters"
    group_head: str | None = None  # its normalised head: "fighters"
    attribution: str | None = None  # "medical officials said"
    time: str | None = None  # "on Thursday", "November 19"
    time_resolved: str | None = None  # ISO date (or YYYY-MM) resolved against the article date
    scope: str | None = None  # period the claim counts over: "since Saturday", "in two days"
    role: str | None = None  # "part" (among, including, N of the M, N more) or "total" (on both sides)
    spans: Mapping[str, tuple[int, int]] = field(default_factory=dict, hash=False, compare=False)

    @property
    def span(self) -> tuple[int, int]:
        return self.spans["number"]

    @property
    def is_count(self) -> bool:
        return self.kind not in NON_COUNT_KINDS

    def describe(self) -> str:
        """Short human form used in explanations: "27 IS fighters killed (at least)"."""
        num = _fmt(self.value) if self.value is not None and self.qualifier != "vague" else self.text
        parts = [num]
        if self.unit and self.kind in ("money", "measure", "percent"):
            parts.append(self.unit)
        if self.group:
            parts.append(self.group)
        if self.measure and self.measure != self.unit:
            parts.append(self.measure)
        s = " ".join(parts)
        if self.qualifier and self.qualifier != "vague":
            s += f" ({self.qualifier.replace('_', ' ')})"
        if self.negated:
            s = f"no {self.group or 'one'} {self.measure or ''}".strip()
        return s


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


# --- compiled patterns -----


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
    r"|\b(?:" + _WEEKDAY + r")\s+(?:and|to|through|until|-|–)\s+(?:on\s+)?(?:" + _WEEKDAY + r")\b",
    re.IGNORECASE,
)
_TOTAL = re.compile(
    r"\b(?:on\s+both\s+sides|in\s+total|a\s+total\s+of|overall|altogether|combined)\b", re.IGNORECASE
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
# "four other victims", "five more civilians", "another 150", "most of the victims - 14", "16 of 29 cases":
# an incomplete count, never the whole toll of its group.
_PARTIAL_BEFORE = re.compile(
    r"(?:\bmost\s+of\s+the\s+\w+|\bsome\s+of\s+the\s+\w+|\bhalf\s+of\s+the\s+\w+|\banother)"
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
# Substrings without which no role pattern can match (checked first: most figures have none).
_ROLE_HINT = re.compile(
    r"among|includ|whom|most|some of|half|another|other|more|further|additional| of |both|total|overall|"
    r"altogether|combined|earlier|initial|previous|first|original|preliminary|old "
)
_EARLIER_HINT = re.compile(r"earlier|initial|previous|first|original|old|preliminary", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:that|which|who|whose|when|after|because|while|as)\b", re.IGNORECASE)
_NONE_OF = re.compile(r"\bnone\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# Where a clause ends for the purpose of linking a figure to its words. Dashes are not breaks: news text uses
# them in pairs around an aside ("23 civilians - including nine children - dead").
_SENT_BREAK = re.compile(r"[.;:!?]\s|[(\[\"“”]")


def _lower_words(text: str) -> list[tuple[int, int, str]]:
    # str.lower() keeps offsets for the scripts news is written in; where it would not (a few ligatures,
    # dotted capital I), lower each word on its own so spans stay exact.
    low = text.lower()
    if len(low) != len(text):
        return [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(low)]


def _find_triggers(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Measure phrases as (start, end, measure). Hyphenated tokens are split ("injured-when" in FA-KES)."""
    out: list[tuple[int, int, str]] = []
    n = len(words)
    skip_to = 0
    for i in [i for i, w in enumerate(words) if w[2] in _PHRASES or "-" in w[2]]:
        if i < skip_to:
            continue
        s, e, lw = words[i]
        if lw not in _PHRASES:  # "injured-when", "Monday-and": look inside the hyphenated token
            for m in _ALPHA.finditer(lw):
                for phrase, measure in _PHRASES.get(m.group(), ()):
                    if len(phrase) == 1:
                        out.append((s + m.start(), s + m.end(), measure))
                        break
            continue
        for phrase, measure in _PHRASES[lw]:
            k = len(phrase)
            if i + k > n:
                continue
            if all(words[i + j][2] == phrase[j] for j in range(1, k)) and all(
                not text[words[i + j - 1][1] : words[i + j][0]].strip() for j in range(1, k)
            ):
                out.append((s, words[i + k - 1][1], measure))
                skip_to = i + k
                break
    return out


@dataclass
class _Ctx:
    """Everything found once per sentence and shared by its figures."""

    text: str
    words: list[tuple[int, int, str]]
    word_starts: list[int]
    triggers: list[tuple[int, int, str]]
    times: list[tuple[int, int, str, str | None]]
    attribution: tuple[int, int, str] | None
    scopes: list[tuple[int, int, str]]
    number_spans: list[tuple[int, int]]
    claimed: set[tuple[int, int, str]] = field(default_factory=set)
    count_ends: list[int] = field(default_factory=list)
    trigger_ends: list[int] = field(default_factory=list)
    event_verbs: list[tuple[int, int, str]] | None = None


def extract(text: str, published: str | None = None) -> list[Quantity]:
    """Every figure of `text` as a frame, in text order. `published` (ISO date) resolves "on Thursday"."""
    return list(_extract_cached(text, published))


# The engine extracts a retrieved claim, then `relate` extracts it again, and one claim is compared with
# many: a small memo of recent sentences halves the work. Frames are immutable (spans are read-only).
EXTRACT_CACHE_SIZE = 4096


@lru_cache(maxsize=EXTRACT_CACHE_SIZE)
def _extract_cached(text: str, published: str | None) -> tuple[Quantity, ...]:
    return tuple(_extract(text, published))


def _extract(text: str, published: str | None) -> list[Quantity]:
    if not text or not text.strip():
        return []
    negs = list(_NEGATION.finditer(text)) if _NEGATION_HINT.search(text) else []
    mentions = [m for m in find_numbers(text) if m.end > m.start]
    if negs:  # "no one": not the number one
        mentions = [m for m in mentions if not any(n.start() <= m.start < n.end() for n in negs)]
    if not mentions and not negs:
        return []
    pub = _parse_date(published)
    words = _lower_words(text)
    low = text.lower()
    vocab = {w[2] for w in words}
    vocab.update([p for w in vocab if "-" in w for p in w.split("-")])  # "Monday-and" in FA-KES text
    ctx = _Ctx(
        text=text,
        words=words,
        word_starts=[w[0] for w in words],
        triggers=_find_triggers(text, words),
        times=_times(text, pub, words) if not _TIME_WORDS.isdisjoint(vocab) else [],
        attribution=_attribution(text, words),
        scopes=_scopes(text, words, _two_weekdays(vocab, low))
        if not _SCOPE_WORDS.isdisjoint(vocab) or _two_weekdays(vocab, low)
        else [],
        # Codes ("AK-47s") may be part of a counted group ("seven AK-47s"); other numbers end a phrase.
        number_spans=[(_num_start(m), m.end) for m in mentions if getattr(m, "kind", "") != "code"],
        count_ends=[m.end for m in mentions if m.kind == "count"],
    )
    ctx.trigger_ends = [t[1] for t in ctx.triggers]
    for s, _ in ctx.number_spans:
        before = ctx.triggers[: bisect_right(ctx.trigger_ends, s)]
        # Only an -ing verb reaches across a counted group to govern the next number ("fired 300 shells
        # into the city killing nine"); "set off to march the 20 blocks" still belongs to its subject.
        if (
            before
            and text[before[-1][0] : before[-1][1]].lower().endswith("ing")
            and _LINK_BEFORE.match(text[before[-1][1] : s])
            and _words_between(ctx, before[-1][1], s) <= 3
        ):
            ctx.claimed.add(before[-1])
    frames: list[Quantity] = []
    for m in mentions:
        frames.append(_frame(ctx, m))
    for n in negs:
        if any(s <= n.start() < e for s, e in ctx.number_spans):
            continue
        frames.append(_negated_frame(ctx, n))
    frames.sort(key=lambda q: q.spans["number"][0])
    return _link_parts(ctx, frames)


def _norm_ws(s: str) -> str:
    return " ".join(s.split())


def _num_start(m: object) -> int:
    qs = getattr(m, "qualifier_span", None)
    start = int(getattr(m, "start", 0))
    if qs and qs[0] is not None and qs[0] < start:
        return int(qs[0])
    return start


def _frame(ctx: _Ctx, m: object) -> Quantity:
    start, end = _num_start(m), int(getattr(m, "end", 0))
    kind = str(getattr(m, "kind", "count") or "count")
    value = getattr(m, "value", None)
    low = getattr(m, "low", value if value is not None else 0.0)
    high = getattr(m, "high", value if value is not None else 0.0)
    spans: dict[str, tuple[int, int]] = {"number": (start, end)}
    group = head = measure = None
    role = None
    negated = False
    if kind not in NON_COUNT_KINDS:
        g = _group_after(ctx, end)
        if g is not None:
            group, head, gs, ge = g
            spans["group"] = (gs, ge)
        group_end = spans.get("group", (end, end))[1]
        t = _measure_for(ctx, start, end, group_end)
        if t is not None and _fits(t[2], kind, head):
            measure = t[2]
            spans["measure"] = (t[0], t[1])
        before = ctx.text[max(0, start - 40) : start]
        after = ctx.text[group_end : group_end + 24]
        wide = ctx.text[max(0, start - 70) : start]
        local = ctx.text[max(0, start - 40) : group_end + 30].lower()
        if not _ROLE_HINT.search(local):
            pass  # most figures: no part, total or earlier-toll wording nearby
        elif _EARLIER_HINT.search(wide) and _EARLIER.search(wide):
            role = "earlier"
        elif (
            _PARTIAL_BEFORE.search(before)
            or _PARTIAL_AFTER.match(ctx.text[end : end + 24])
            or _OTHER_WORD.match(ctx.text[end : end + 12])
            or (group is not None and group.lower() in ("others", "other"))  # "injuring 9 others"
        ):
            role = "partial"
        elif _PART_BEFORE.search(before) or _PART_AFTER.match(after):
            role = "part"
        elif _TOTAL.search(ctx.text[end : group_end + 30]) or _TOTAL.search(before[-20:]):
            role = "total"
        if "none" in before.lower() and _NONE_OF.search(before):
            negated = True
    elif kind in ("date", "time"):
        # A date or time belongs to the event verb nearest it ("sunk on November 19"): kept as its measure so
        # two dates for the same act can be compared, never as a toll.
        t = _event_verb(ctx, start, end)
        if t is not None:
            measure = t[2]
            spans["measure"] = (t[0], t[1])
    time = _nearest_time(ctx, start, end)
    if time is not None:
        spans["time"] = (time[0], time[1])
    if ctx.attribution is not None:
        spans["attribution"] = ctx.attribution[:2]
    scope = _scope_for(ctx, start, end)
    if scope is not None:
        spans["scope"] = scope[:2]
    return Quantity(
        text=ctx.text[start:end],
        value=_f(value),
        low=_bound(low, value, -math.inf),
        high=_bound(high, value, math.inf),
        qualifier=getattr(m, "qualifier", None),
        kind=kind,
        unit=getattr(m, "unit", None),
        iso=getattr(m, "iso", None),
        measure=measure,
        negated=negated,
        group=group,
        group_head=head,
        attribution=ctx.attribution[2] if ctx.attribution else None,
        time=time[2] if time else None,
        time_resolved=time[3] if time else None,
        scope=scope[2] if scope else None,
        role=role,
        spans=MappingProxyType(spans),
    )


def _bound(b: object, value: object, default: float) -> float:
    """An interval end: the mention's own, else its point value, else open (dates have neither)."""
    f = _f(b)
    if f is None:
        f = _f(value)
    return default if f is None else f


def _f(v: object) -> float | None:
    if v is None:
        return None
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _negated_frame(ctx: _Ctx, n: re.Match[str]) -> Quantity:
    start, end = n.start(), n.end()
    spans: dict[str, tuple[int, int]] = {"number": (start, end)}
    measure = None
    noun = (n.group("noun") or "").lower()
    if noun in ("casualties", "deaths", "injuries", "fatalities"):
        measure = lx.MEASURE_TRIGGERS.get(noun)
        spans["measure"] = (n.start("noun"), n.end("noun"))
    else:
        for ts, te, meas in ctx.triggers:
            if end <= ts and _words_between(ctx, end, ts) <= 4 and not _break_between(ctx.text, end, ts):
                measure = meas
                spans["measure"] = (ts, te)
                break
    group = head = None
    if noun in ("people", "civilians", "victims"):
        group = head = noun
        spans["group"] = (n.start("noun"), n.end("noun"))
    time = _nearest_time(ctx, start, end)
    if time is not None:
        spans["time"] = (time[0], time[1])
    if ctx.attribution is not None:
        spans["attribution"] = ctx.attribution[:2]
    return Quantity(
        text=n.group(),
        value=0.0,
        low=0.0,
        high=0.0,
        qualifier=None,
        kind="count",
        unit=None,
        measure=measure,
        negated=True,
        group=group,
        group_head=head,
        attribution=ctx.attribution[2] if ctx.attribution else None,
        time=time[2] if time else None,
        time_resolved=time[3] if time else None,
        scope=None,
        role=None,
        spans=MappingProxyType(spans),
    )


# --- counted group -----


def _group_after(ctx: _Ctx, end: int) -> tuple[str, str, int, int] | None:
    """The noun phrase right after a number: "27 IS fighters were" -> ("IS fighters", "fighters")."""
    text = ctx.text
    pos = end
    # "1000-member church", "24-strong crew": the group is glued to the number by a hyphen.
    if pos < len(text) and text[pos] == "-" and pos + 1 < len(text) and text[pos + 1].isalpha():
        m = _WORD.match(text, pos + 1)
        if m:
            w = m.group().lower()
            return m.group(), _head(w), m.start(), m.end()
    # "17 of the hijacked ships": the group is the phrase after "of the".
    of = _OF_THE.match(text, pos)
    if of:
        pos = of.end()
    first = bisect_left(ctx.word_starts, pos)
    words = ctx.words[first : first + GROUP_MAX_WORDS + 2]
    taken: list[tuple[int, int, str]] = []
    prev_end = pos
    for ws, we, lw in words:
        gap = text[prev_end:ws]
        if gap.strip(" ") or ws - prev_end > 2:  # punctuation or a line break ends the phrase
            if taken or gap.strip(" ") not in ("", "-"):
                break
        acronym = len(lw) > 1 and text[ws:we].isupper()  # "IS fighters", "SDF troops"
        if lw in lx.GROUP_SKIP and not taken:
            pass  # "five more civilians", "four other victims"
        elif lw in lx.MEASURE_TRIGGERS and lw.endswith("ed") and _next_is_head(ctx, we):
            pass  # a participle modifier: "355 damaged shops", "17 of the hijacked ships"
        elif (
            (lw in lx.GROUP_STOP and not acronym)
            or _in_trigger(ctx, ws)
            or any(s <= ws < e for s, e in ctx.number_spans)
        ):
            break
        if lw[0].isdigit():
            break
        if taken and lw.endswith("ed") and lw not in lx.GROUP_CLASS and not _next_is_plural(ctx, we):
            break  # a verb after the counted group: "40 trucks reached", "12 people fled"
        taken.append((ws, we, lw))
        prev_end = we
        if len(taken) >= GROUP_MAX_WORDS:
            break
        if lw in lx.GROUP_CLASS and not _next_is_head(ctx, we):  # "pirate boats": the head is the last
            break
    # Drop trailing capitalised words after a lower-case head: "13 civilians Monday", "22 children UNICEF".
    while len(taken) > 1 and text[taken[-1][0]].isupper() and not text[taken[-2][0]].isupper():
        taken.pop()
    # Keep the phrase up to its last known group head when there is one.
    known = [i for i, t in enumerate(taken) if t[2] in lx.GROUP_CLASS]
    if known:
        taken = taken[: known[-1] + 1]
    while taken and taken[0][2] in lx.GROUP_SKIP and len(taken) > 1:
        taken.pop(0)
    if not taken:
        return None
    gs, ge = taken[0][0], taken[-1][1]
    # "175 members of the ISIS", "18 fighters of Daesh": the organisation says whose side they are on.
    comp = _COMPLEMENT.match(text, ge)
    if comp and taken[-1][2] in lx.GROUP_CLASS:
        ge = comp.end()
    written = text[gs:ge]
    if taken[-1][2] in lx.GROUP_SKIP and taken[-1][2] not in ("others",):
        return None
    return written, _head(taken[-1][2]), gs, ge


_COMPLEMENT = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?(?-i:[A-Z][\w'’-]*)(?:\s+(?-i:[A-Z][\w'’-]*)){0,3}")


_OF_THE = re.compile(r"\s+of\s+(?:the|these|those|its|their)\s+", re.IGNORECASE)


def _next_is_plural(ctx: _Ctx, pos: int) -> bool:
    """Whether the word after `pos` looks like a plural noun ("fully loaded magazines")."""
    i = bisect_left(ctx.word_starts, pos)
    if i >= len(ctx.words):
        return False
    lw = ctx.words[i][2]
    return lw.endswith("s") and lw not in lx.GROUP_STOP and not ctx.text[pos : ctx.words[i][0]].strip()


def _in_trigger(ctx: _Ctx, pos: int) -> bool:
    return any(s <= pos < e for s, e, _ in ctx.triggers)


def _next_is_head(ctx: _Ctx, pos: int) -> bool:
    for ws, _, lw in ctx.words:
        if ws >= pos:
            return ctx.text[pos:ws].strip() == "" and lw in lx.GROUP_CLASS
    return False


def _head(word: str) -> str:
    w = word.lower().strip("'’")
    if w in ("person", "persons", "individuals"):
        return "people"
    if w in ("child",):
        return "children"
    if w in ("woman",):
        return "women"
    if w in ("man",):
        return "men"
    return w


@dataclass(frozen=True)
class _Group:
    cls: str | None
    head: str | None
    side: str | None


def parse_group(group: str | None) -> _Group:
    """Class, head and side of a written group: "IS fighters" -> fighters class, side "is"."""
    if not group:
        return _Group(None, None, None)
    base, _, comp = group.partition(" of ")
    if not comp:
        base, _, comp = group.partition(" from ")
    words = [w.lower().strip(".,'’") for w in base.split()]
    head = _head(words[-1]) if words else None
    mods_extra = [w.lower().strip(".,'’") for w in comp.split() if w.lower() != "the"]
    if head == "others":
        head = "people"
    if len(words) >= 2 and " ".join(words[-2:]) in lx.GROUP_CLASS:
        cls: str | None = lx.GROUP_CLASS[" ".join(words[-2:])]
    else:
        cls = lx.GROUP_CLASS.get(head or "")
        if cls is None and head and head.endswith("s") and head[:-1] in lx.GROUP_CLASS:
            cls = lx.GROUP_CLASS[head[:-1]]
        if cls is None and head and head + "s" in lx.GROUP_CLASS:
            cls = lx.GROUP_CLASS[head + "s"]
    side = None
    mods = words[:-1] + mods_extra
    for i in range(len(mods)):
        two = " ".join(mods[i : i + 2])
        if two in lx.SIDES:
            side = lx.SIDES[two]
            break
        if mods[i] in lx.SIDES:
            side = lx.SIDES[mods[i]]
            break
    if side is None and head in ("jihadists", "jihadist") and cls == "fighters":
        side = "is"
    return _Group(cls, head, side)


def _ancestors(cls: str | None) -> list[str]:
    out: list[str] = []
    while cls is not None and cls not in out:
        out.append(cls)
        cls = lx.GROUP_PARENT.get(cls)
    return out


def group_contains(outer: str, inner: str) -> bool:
    """Whether every member of `inner` is a member of `outer`: "fighters" contains "IS fighters" and
    "people" contains "civilians" and "children". A group contains itself."""
    o, i = parse_group(outer), parse_group(inner)
    if o.side is not None and o.side != i.side:
        return False
    if o.cls is None or i.cls is None:
        return o.head is not None and o.head == i.head
    return o.cls in _ancestors(i.cls)


# --- measure -----


def _words_between(ctx: _Ctx, a: int, b: int) -> int:
    return bisect_left(ctx.word_starts, b) - bisect_left(ctx.word_starts, a)


def _break_between(text: str, a: int, b: int) -> bool:
    return bool(_SENT_BREAK.search(text[a:b]))


def _number_between(ctx: _Ctx, a: int, b: int) -> bool:
    return any(a <= s < b for s, _ in ctx.number_spans)


_LINK_BEFORE = re.compile(
    r"^(?:\s*(?:of|at|to|the|a|an|is|was|are|were|reached|stood|stands|rose|risen|climbed|put|placed|gave|with|by|some|"
    r"around|about|nearly|almost|least|more|than|over|up|as|many|no|fewer|under|just|only|roughly|"
    r"approximately|an\s+estimated|estimated|all|another|from|[\w-]+\s+air\s+raids?|for)\b)*\s*$",
    re.IGNORECASE,
)


def _measure_for(ctx: _Ctx, start: int, end: int, group_end: int) -> tuple[int, int, str] | None:
    """The measure word governing a figure: a verb right before it ("killing 15"), else one after its
    group ("13 fighters were killed"), else a toll phrase before it ("put the death toll at 50")."""
    text = ctx.text
    # 1. Directly before: only linking words between ("killed at least", "death of", "toll at").
    before = ctx.triggers[: bisect_right(ctx.trigger_ends, start)]
    if before:
        t = before[-1]
        if (
            _LINK_BEFORE.match(text[t[1] : start])
            and _words_between(ctx, t[1], start) <= 3
            and not _closes_previous(ctx, t, start)
            and not _own_participle(ctx, t, group_end)
        ):
            return t
    # 2. After the counted group, within the clause; a verb that governs a later number is not ours
    # ("fired 300 shells into the city killing nine": killing belongs to nine).
    for t in ctx.triggers:
        if t[0] < group_end:
            continue
        if t in ctx.claimed:
            break
        if (
            _break_between(text, group_end, t[0])
            or _number_between(ctx, group_end, t[0])
            or _RELATIVE.search(text, group_end, t[0])
        ):
            break
        if _words_between(ctx, group_end, t[0]) > MEASURE_AFTER_WINDOW:
            break
        return t
    # 3. A measure inside the group phrase ("36 dead", "17 of the hijacked ships" when nothing else).
    for t in ctx.triggers:
        if end <= t[0] < group_end:
            return t
    # 4. Further before, when nothing else stands between: "the death toll ... rose to 10".
    if before:
        t = before[-1]
        if (
            _words_between(ctx, t[1], start) <= MEASURE_BEFORE_WINDOW
            and not _break_between(text, t[1], start)
            and not _number_between(ctx, t[1], start)
            and _TOLL_WORD.search(text, t[0], start)
            and _TOLL_LINK.search(text[t[1] : start])
        ):
            return t
    return None


# Measures that count people, and the classes of things that are never people.
_PEOPLE_MEASURES = frozenset(
    {
        "killed",
        "wounded",
        "casualties",
        "arrested",
        "displaced",
        "missing",
        "evacuated",
        "kidnapped",
        "affected",
        "treated",
        "rescued",
        "marched",
    }
)
_THING_CLASSES = frozenset({"ships", "buildings", "attacks"})


def _fits(measure: str, kind: str, head: str | None) -> bool:
    """Whether a measure word can govern this figure: "arrested five buildings away" does not count
    arrests, and a magnitude or a length is never a toll."""
    if kind == "measure":
        return measure in lx.ATTRIBUTE_MEASURES
    if kind in ("money", "percent", "percentage_points") and measure in _PEOPLE_MEASURES:
        return kind != "money"
    cls = lx.GROUP_CLASS.get(head or "")
    if measure in _PEOPLE_MEASURES and cls in _THING_CLASSES:
        return False
    return not (measure == "damaged" and cls is not None and cls not in _THING_CLASSES)


def _own_participle(ctx: _Ctx, t: tuple[int, int, str], group_end: int) -> bool:
    """Headline style, "Child killed two others injured": a participle right after the figure's group is
    its own measure, and the one before belongs to the words before it."""
    if ctx.text[t[0] : t[1]].lower().endswith("ing"):
        return False
    for u in ctx.triggers:
        if u[0] >= group_end:
            gap = ctx.text[group_end : u[0]]
            return not gap.strip() and ctx.text[u[0] : u[1]].lower().endswith(("ed", "dead", "hurt"))
    return False


def _closes_previous(ctx: _Ctx, t: tuple[int, int, str], start: int) -> bool:
    """Whether a participle right before a number belongs to the figure before it, as in headlines:
    "2 persons killed 13 injured" (killed is the 2's, not the 13's)."""
    if ctx.text[t[0] : t[1]].lower().endswith("ing"):
        return False
    prev = [e for e in ctx.count_ends if e <= t[0]]
    if not prev:
        return False
    between = ctx.text[prev[-1] : t[0]]
    return _words_between(ctx, prev[-1], t[0]) <= 2 and not _CONJ.search(between)


_CONJ = re.compile(r"[,;:]|\b(?:and|or|but|while|when|after|as)\b", re.IGNORECASE)

_TOLL_WORD = re.compile(
    r"\b(?:toll|tolls|number|figure|death|deaths|population|magnitude|temperatures?|casualties|damages?)\b",
    re.IGNORECASE,
)
_TOLL_LINK = re.compile(r"\b(?:at|to|of|reached|was|is|stood|stands|hit|passed|exceeded)\s*$", re.IGNORECASE)

_EVENT_VERB = re.compile(
    r"\b(?:sunk|sank|sinks|struck|strikes|hit|hits|jolted|shook|occurred|happened|began|started|attacked|"
    r"captured|seized|hijacked|arrested|killed|died|shot|crashed|exploded|erupted|landed|took\s+place)\b",
    re.IGNORECASE,
)


def _event_verb(ctx: _Ctx, start: int, end: int) -> tuple[int, int, str] | None:
    """The act a date or time belongs to: the nearest event verb in the same clause, within 8 words."""
    best: tuple[int, int, str] | None = None
    best_d = 10**9
    if ctx.event_verbs is None:  # found once per sentence, on its first date
        ctx.event_verbs = [
            (m.start(), m.end(), _EVENT_NORM.get(m.group().lower(), m.group().lower()))
            for m in _EVENT_VERB.finditer(ctx.text)
        ]
    for v in ctx.event_verbs:
        a, b = (v[1], start) if v[1] <= start else (end, v[0])
        if a > b or _break_between(ctx.text, a, b) or _words_between(ctx, a, b) > 8:
            continue
        if b - a < best_d:
            best, best_d = v, b - a
    return best


_EVENT_NORM = {
    "sank": "sunk",
    "sinks": "sunk",
    "strikes": "struck",
    "hit": "struck",
    "hits": "struck",
    "jolted": "struck",
    "shook": "struck",
    "happened": "occurred",
    "started": "began",
}


# --- time, attribution, scope -----


_SLASH_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_WORDY_DATE = re.compile(
    r"^(?:\w+,?\s+)?(?:(\d{1,2})\s+("
    + _MONTH
    + r")\.?,?\s+(\d{4})|("
    + _MONTH
    + r")\.?\s+(\d{1,2}),?\s+(\d{4}))\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)
def parse_date(s: str | None) -> dt.date | None:
    """An article date as given by a source: ISO "2016-11-28" (with or without a time), "11/28/2016" (US
    order, as FA-KES writes it; "28/11/2016" when the first number cannot be a month), "28 November
    2016", "November 28, 2016". None when it is none of these."""
    if not s:
        return None
    s = str(s).strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:
        m = _SLASH_DATE.match(s)
        if m:
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            return dt.date(y, a, b) if a <= 12 else dt.date(y, b, a)
        m = _WORDY_DATE.match(s)
        if m:
            if m.group(1):
                return dt.date(int(m.group(3)), _month_index(m.group(2)), int(m.group(1)))
            return dt.date(int(m.group(6)), _month_index(m.group(4)), int(m.group(5)))
    except ValueError:
        return None
    return None


_parse_date = parse_date


def _month_index(name: str) -> int:
    return lx.MONTHS.index(name.lower()) + 1


def _time_matches(text: str, words: list[tuple[int, int, str]]) -> list[re.Match[str]]:
    """The time pattern, run only around the words that can anchor it (a weekday, a month, "yesterday"):
    a window of a few words each side instead of the whole sentence."""
    out: list[re.Match[str]] = []
    last_end = -1
    n = len(text)
    for ws, we, lw in words:
        if ws < last_end:
            continue
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
    best = None
    best_d = 10**9
    for t in ctx.times:
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
    for sc in ctx.scopes:
        a, b = (sc[1], start) if sc[1] <= start else (end, sc[0])
        if a > b:
            d = 0
        elif _break_between(ctx.text, a, b):
            continue
        else:
            d = _words_between(ctx, a, b)
        running = bool(_RUNNING.match(sc[2]))
        if d <= SCOPE_WINDOW and (running not in best or d < best[running][0]):
            best[running] = (d, sc)
    if False in best:
        return best[False][1]
    if True in best:
        return best[True][1]
    return None


# Wording that restates a running total rather than naming a period.
_RUNNING = re.compile(r"so\s+far|brought|bringing|brings", re.IGNORECASE)


# --- parts and totals within one claim -----


def _link_parts(ctx: _Ctx, frames: list[Quantity]) -> list[Quantity]:
    """Carry a measure over to figures that elide it: "killed 45 in Aleppo and 22 in Idlib", "seven children
    were among 71 killed", "five were killed and one in Harasta"."""
    out: list[Quantity] = []
    for i, q in enumerate(frames):
        if q.is_count and q.measure is None and not q.negated:
            donor = _donor(ctx, frames, i)
            if donor is not None:
                spans = dict(q.spans)
                if "measure" in donor.spans:
                    spans["measure"] = donor.spans["measure"]
                role = "partial" if donor.role == "partial" and q.group is None else q.role
                q = Quantity(
                    **{**q.__dict__, "measure": donor.measure, "spans": MappingProxyType(spans), "role": role}
                )
        out.append(q)
    # Lists: "seven rifles, three pistols and 13 magazines were found" - the verb after the last item
    # counts every item; walk back from the end so the measure travels along the list.
    counts = [i for i, q in enumerate(out) if q.is_count]
    for k in range(len(counts) - 2, -1, -1):
        i, j = counts[k], counts[k + 1]
        q, nxt = out[i], out[j]
        if q.measure is not None or q.negated or nxt.measure is None:
            continue
        e = q.spans.get("group", q.spans["number"])[1]
        if _LIST.fullmatch(ctx.text[e : nxt.spans["number"][0]]):
            spans = dict(q.spans)
            if "measure" in nxt.spans:
                spans["measure"] = nxt.spans["measure"]
            out[i] = Quantity(**{**q.__dict__, "measure": nxt.measure, "spans": MappingProxyType(spans)})
    return out


_LIST = re.compile(r"\s*(?:,|,?\s*(?:and|or|as\s+well\s+as))\s+", re.IGNORECASE)


def _donor(ctx: _Ctx, frames: list[Quantity], i: int) -> Quantity | None:
    q = frames[i]
    s, e = q.spans["number"]
    # A part points at its total: after it for "7 children were among 71 killed", before it for "20 people
    # were killed including 13 civilians" and "a toll of 36 dead, among them 15 children".
    if q.role == "part":
        if _PART_BEFORE.search(ctx.text[max(0, s - 40) : s]):
            for other in reversed(frames[:i]):
                if other.is_count and other.measure:
                    return other if not _break_between(ctx.text, other.spans["number"][1], s) else None
            return None
        for other in frames[i + 1 :]:
            if other.is_count and other.measure and not _break_between(ctx.text, e, other.spans["number"][0]):
                return other
    # A total points at the part right after it ("12 civilians including four children were killed").
    if i + 1 < len(frames) and frames[i + 1].role == "part" and frames[i + 1].measure:
        nxt = frames[i + 1]
        if (
            not _break_between(ctx.text, e, nxt.spans["number"][0])
            and _words_between(ctx, e, nxt.spans["number"][0]) <= 4
        ):
            return nxt
    for other in reversed(frames[:i]):
        if not other.is_count or other.measure is None:
            continue
        os_, oe = other.spans["number"]
        if _break_between(ctx.text, oe, s) or _words_between(ctx, oe, s) > 10:
            return None
        if q.group is None or q.role == "part":
            return other
        if other.group is not None and parse_group(q.group).cls == parse_group(other.group).cls:
            return other
        return None
    # Coordination: "27 IS fighters and 13 others were killed" - the verb after the last conjunct.
    if i + 1 < len(frames) and frames[i + 1].measure and frames[i + 1].is_count:
        nxt = frames[i + 1]
        between = ctx.text[q.spans.get("group", (e, e))[1] : nxt.spans["number"][0]]
        if _AND.fullmatch(between):
            return nxt
    return None


_AND = re.compile(r"\s*(?:,\s*)?(?:and|or|as\s+well\s+as)\s+", re.IGNORECASE)
