"""What a figure measures: the trigger word before or after it, and the event verb a date belongs to."""

from __future__ import annotations

import re
from bisect import bisect_right

from verifier import lexicon as lx
from verifier.quantities.context import _break_between, _Ctx, _number_between, _words_between
from verifier.quantities.patterns import _RELATIVE

# How far (in words) a measure word may sit after the counted group and still govern the figure:
# "33 people, mostly women and children, were affected" needs 6, "60 mercenaries from the former Soviet
# Union, Tunisia and Egypt were killed" 9; more starts catching the next clause.
MEASURE_AFTER_WINDOW = 10
# How far before the number a measure verb may sit: "killing at least 15 people" needs 0 words between the
# verb and the qualifier; "placed the death toll from the air raids at 50" needs 6.
MEASURE_BEFORE_WINDOW = 10


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
