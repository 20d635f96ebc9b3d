"""One frame per number mention, and one per negation ("no one was killed")."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from types import MappingProxyType
from typing import NamedTuple

from verifier import lexicon as lx
from verifier.quantities.attribution import _nearest_time, _scope_for
from verifier.quantities.context import _break_between, _Ctx, _words_between
from verifier.quantities.groups import _group_after
from verifier.quantities.measure import _event_verb, _fits, _measure_for
from verifier.quantities.patterns import (
    _CHANGED_FROM,
    _EARLIER,
    _EARLIER_HINT,
    _NONE_OF,
    _OTHER_WORD,
    _PART_AFTER,
    _PART_BEFORE,
    _PARTIAL_AFTER,
    _PARTIAL_BEFORE,
    _ROLE_HINT,
    _TOTAL,
)
from verifier.quantities.record import NON_COUNT_KINDS, Quantity, takes_measure

# "Twenty-seven of the dead were Islamic State fighters", "nine of those hurt were children".
_COUNTED_AFTER = re.compile(
    r"\s+of\s+(?:the|those)\s+(?:dead|victims|wounded|injured|hurt|killed|casualties)\s+(?:were|was)\s+"
    r"(?:all\s+)?",
    re.IGNORECASE,
)


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
    counted = _Counted(None, None, None, None, False, {})
    if kind not in NON_COUNT_KINDS:
        counted = _counted(ctx, start, end, kind, getattr(m, "unit", None))
        if kind == "score" and counted.measure in lx.TOLL_MEASURES:
            counted = counted._replace(measure=None)  # "lost 1-3 to Kestrel": a result, no one died
        if not takes_measure(kind, counted.measure):
            counted = counted._replace(measure=None)
    elif kind in ("date", "time"):
        counted = _dated(ctx, start, end)
    spans.update(counted.spans)
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
        measure=counted.measure,
        negated=counted.negated,
        group=counted.group,
        group_head=counted.head,
        attribution=ctx.attribution[2] if ctx.attribution else None,
        time=time[2] if time else None,
        time_resolved=time[3] if time else None,
        scope=scope[2] if scope else None,
        role=counted.role,
        spans=MappingProxyType(spans),
    )


class _Counted(NamedTuple):
    """What a figure counts: its group and head, its measure, its role, whether "none of" negates it."""

    group: str | None
    head: str | None
    measure: str | None
    role: str | None
    negated: bool
    spans: dict[str, tuple[int, int]]  # "group" and "measure", in that order


_NUMBER_OF = re.compile(r"\b(?:number|toll|tally|count)\s+of\s+(?=\w)", re.IGNORECASE)
# How far before the measure word "the number of" may open the subject ("number of displaced people ").
_NUMBER_OF_BEFORE = 40


def _number_of(ctx: _Ctx, trigger_start: int) -> tuple[str, str, int, int] | None:
    """The group of a subject "the number of <group> <measure>" that ends at the measure word."""
    found = None
    for m in _NUMBER_OF.finditer(ctx.text, max(0, trigger_start - _NUMBER_OF_BEFORE), trigger_start):
        found = m
    if found is None:
        return None
    g = _group_after(ctx, found.end() - 1)
    return g if g is not None and g[3] <= trigger_start else None


def _counted(ctx: _Ctx, start: int, end: int, kind: str, unit: str | None = None) -> _Counted:
    """The group, measure, role and negation of a count, percent, money or measure figure."""
    spans: dict[str, tuple[int, int]] = {}
    group = head = measure = role = None
    g = _group_after(ctx, end, share=kind == "percent")
    counted = _COUNTED_AFTER.match(ctx.text, end) if g is None else None
    if counted:
        # "27 of the dead were IS fighters": the group after "were" is who the part counts.
        g = _group_after(ctx, counted.end())
        if g is not None:
            role = "part"
    if g is not None:
        group, head, gs, ge = g
        spans["group"] = (gs, ge)
    group_end = spans.get("group", (end, end))[1]
    t = _measure_for(ctx, start, end, group_end)
    if t is not None and _fits(t[2], kind, head, unit):
        measure = t[2]
        spans["measure"] = (t[0], t[1])
        if g is None and t[1] <= start and (subject := _number_of(ctx, t[0])) is not None:
            # "The number of people killed ... rose to 26": the subject says who the figure counts.
            group, head, gs, ge = subject
            spans = {"group": (gs, ge), **spans}
        if measure == "treated" and _TREATED_FOR_INJURY.match(ctx.text, t[1]):
            measure = "wounded"  # "treated for burns": hurt, not merely seen by a doctor
    if role is None:  # a "part" is set with its group above: "27 of the dead were IS fighters"
        role = _role(ctx, start, end, group_end, group)
    before = ctx.text[max(0, start - 40) : start]
    negated = "none" in before.lower() and bool(_NONE_OF.search(before))
    return _Counted(group, head, measure, role, negated, spans)


def _role(ctx: _Ctx, start: int, end: int, group_end: int, group: str | None) -> str | None:
    """Part, partial, total or earlier toll, from the wording around the figure; None for most figures."""
    before = ctx.text[max(0, start - 40) : start]
    after = ctx.text[group_end : group_end + 24]
    wide = ctx.text[max(0, start - 70) : start]
    local = ctx.text[max(0, start - 40) : group_end + 30].lower()
    if not _ROLE_HINT.search(local):
        return None  # most figures: no part, total or earlier-toll wording nearby
    if (_EARLIER_HINT.search(wide) and _EARLIER.search(wide)) or _CHANGED_FROM.search(before):
        return "earlier"
    if (
        _PARTIAL_BEFORE.search(before)
        or _PARTIAL_AFTER.match(ctx.text[end : end + 24])
        or _OTHER_WORD.match(ctx.text[end : end + 12])
        or (group is not None and group.lower() in ("others", "other"))  # "injuring 9 others"
    ):
        return "partial"
    if _PART_BEFORE.search(before) or _PART_AFTER.match(after):
        return "part"
    if _TOTAL.search(ctx.text[end : group_end + 30]) or _TOTAL.search(before[-20:]):
        return "total"
    return None


def _dated(ctx: _Ctx, start: int, end: int) -> _Counted:
    """A date or time belongs to the event verb nearest it ("sunk on November 19"): kept as its measure so
    two dates for the same act can be compared, never as a toll."""
    t = None if _DATELINE.search(ctx.text[max(0, start - 40) : start]) else _event_verb(ctx, start, end)
    if t is None:
        return _Counted(None, None, None, None, False, {})
    return _Counted(None, None, t[2], None, False, {"measure": (t[0], t[1])})


_TREATED_FOR_INJURY = re.compile(
    r"\s+(?:in\s+hospital\s+)?for\s+(?:\w+\s+){0,2}?(?:burns|injuries|wounds|smoke\s+inhalation|fractures|shrapnel)\b",
    re.IGNORECASE,
)

# "Date of publication 4 October 2017", "Last updated 03.10.2017": when the page was written, not when
# anything happened; never compared as the date of an event.
_DATELINE = re.compile(
    r"\b(?:publication|published|publish\s+date|updated|modified|posted|dateline)\b(?:\s+(?:on|at))?\s*:?\s*$",
    re.IGNORECASE,
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
        # The first trigger after it, if near: a later one spans more words and every break this one does.
        i = bisect_left(ctx.trigger_starts, end)
        if i < len(ctx.triggers):
            ts, te, meas = ctx.triggers[i]
            if _words_between(ctx, end, ts) <= 4 and not _break_between(ctx, end, ts):
                measure = meas
                spans["measure"] = (ts, te)
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
