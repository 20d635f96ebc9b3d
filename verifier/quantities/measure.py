"""What a figure measures: the trigger word before or after it, and the event verb a date belongs to."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

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


# Read with `match(text, pos, endpos)`, so no `^`: `match` is anchored at `pos` already.
_LINK_BEFORE = re.compile(
    r"(?:\s*(?:of|at|to|the|a|an|is|was|are|were|reached|stood|stands|came|totall?ed|totals|amounted|rose|risen|rising|rises|climbed|climbing|fell|falling|dropped|put|placed|gave|with|by|some|"
    r"around|about|nearly|almost|least|more|than|over|up|as|many|no|fewer|under|just|only|roughly|"
    r"approximately|an\s+estimated|estimated|all|another|further|additional|from|[\w-]+\s+air\s+raids?|for)\b)*\s*$",
    re.IGNORECASE,
)


def _measure_for(ctx: _Ctx, start: int, end: int, group_end: int) -> tuple[int, int, str] | None:
    """The measure word governing a figure: a verb right before it ("killing 15"), else one after its
    group ("13 fighters were killed"), else a toll phrase before it ("put the death toll at 50").

    Each test is cheapest first (a word count by bisection before a pattern over the text between), and
    each pattern reads the text in place: a figure costs the same however long the sentence."""
    text = ctx.text
    # 1. Directly before: only linking words between ("killed at least", "death of", "toll at").
    n_before = bisect_right(ctx.trigger_ends, start)
    t = ctx.triggers[n_before - 1] if n_before else None
    if (
        t is not None
        and _words_between(ctx, t[1], start) <= 3
        and _LINK_BEFORE.match(text, t[1], start)
        and not _closes_previous(ctx, t, start)
        and not _own_participle(ctx, t, group_end)
    ):
        return t
    after = _measure_after(ctx, group_end)
    if after is not None:
        return after
    # 3. A measure inside the group phrase ("36 dead", "17 of the hijacked ships" when nothing else).
    i = bisect_left(ctx.trigger_starts, end)
    if i < len(ctx.triggers) and ctx.triggers[i][0] < group_end:
        return ctx.triggers[i]
    # 4. Further before, when nothing else stands between: "the death toll ... rose to 10".
    if (
        t is not None
        and _words_between(ctx, t[1], start) <= MEASURE_BEFORE_WINDOW
        and not _break_between(ctx, t[1], start)
        and not _number_between(ctx, t[1], start)
        and _TOLL_WORD.search(text, max(0, t[0] - _NUMBER_OF_REACH), start)
        and _TOLL_LINK.search(text, t[1], start)
    ):
        return t
    return None


def _measure_after(ctx: _Ctx, group_end: int) -> tuple[int, int, str] | None:
    """2. The first measure after the counted group, within the clause; a verb that governs a later
    number is not ours ("fired 300 shells into the city killing nine": killing belongs to nine)."""
    i = bisect_left(ctx.trigger_starts, group_end)
    if i == len(ctx.triggers):
        return None
    t = ctx.triggers[i]
    if (
        t in ctx.claimed
        or _words_between(ctx, group_end, t[0]) > MEASURE_AFTER_WINDOW
        or _break_between(ctx, group_end, t[0])
        or _number_between(ctx, group_end, t[0])
        or _RELATIVE.search(ctx.text, group_end, t[0])
    ):
        return None
    return t


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
        "trapped",
        "marched",
    }
)
_THING_CLASSES = frozenset({"ships", "buildings", "attacks"})


def _fits(measure: str, kind: str, head: str | None, unit: str | None = None) -> bool:
    """Whether a measure word can govern this figure: "arrested five buildings away" does not count
    arrests, and a magnitude or a length is never a toll."""
    if kind == "measure":
        return unit in lx.MEASURED_ATTRIBUTES.get(measure, ())
    if measure in lx.MEASURED_ATTRIBUTES and head is not None:
        return False  # "more than 30 aftershocks, the strongest of magnitude 4.1": a count of things
    if kind in ("money", "percent", "percentage_points") and measure in _PEOPLE_MEASURES:
        return kind != "money"
    if measure in lx.MONEY_MEASURES:
        return kind in ("money", "percent", "percentage_points")
    cls = lx.GROUP_CLASS.get(head or "")
    if measure in _PEOPLE_MEASURES and cls in _THING_CLASSES:
        return False
    return not (measure in lx.THING_MEASURES and cls is not None and cls not in _THING_CLASSES)


def _own_participle(ctx: _Ctx, t: tuple[int, int, str], group_end: int) -> bool:
    """Headline style, "Child killed two others injured": a participle right after the figure's group is
    its own measure, and the one before belongs to the words before it."""
    if ctx.text[t[0] : t[1]].lower().endswith("ing"):
        return False
    i = bisect_left(ctx.trigger_starts, group_end)
    if i == len(ctx.triggers):
        return False
    u = ctx.triggers[i]
    return _BLANK.fullmatch(ctx.text, group_end, u[0]) is not None and ctx.text[u[0] : u[1]].lower().endswith(
        ("ed", "dead", "hurt")
    )


_BLANK = re.compile(r"\s*")


def _closes_previous(ctx: _Ctx, t: tuple[int, int, str], start: int) -> bool:
    """Whether a participle right before a number belongs to the figure before it, as in headlines:
    "2 persons killed 13 injured" (killed is the 2's, not the 13's)."""
    if ctx.text[t[0] : t[1]].lower().endswith("ing"):
        return False
    i = bisect_right(ctx.sorted_count_ends, t[0])
    if not i:
        return False
    prev = ctx.sorted_count_ends[i - 1]
    return _words_between(ctx, prev, t[0]) <= 2 and not _CONJ.search(ctx.text[prev : t[0]])


_CONJ = re.compile(r"[,;:]|\b(?:and|or|but|while|when|after|as)\b", re.IGNORECASE)

# How far before its trigger a toll word may open the subject: "the number of people killed ... rose to 26"
# ("number of " and a group word).
_NUMBER_OF_REACH = 24
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
    """The act a date or time belongs to: the nearest event verb in the same clause, within 8 words.

    Only the nearest verb on each side can win: a farther one spans more words and every break the
    nearer one spans."""
    if ctx.event_verbs is None:  # found once per sentence, on its first date
        ctx.event_verbs = [
            (m.start(), m.end(), _EVENT_NORM.get(m.group().lower(), m.group().lower()))
            for m in _EVENT_VERB.finditer(ctx.text)
        ]
    verbs = ctx.event_verbs  # in text order, never overlapping (one pass of one pattern)
    i = bisect_right(verbs, start, key=lambda v: v[1])  # the verbs that end before the figure
    candidates: list[tuple[tuple[int, int, str], int, int]] = []
    if i:
        candidates.append((verbs[i - 1], verbs[i - 1][1], start))  # the nearest verb before
    j = i
    while j < len(verbs) and verbs[j][0] < end:  # overlapping the figure: never its verb
        j += 1
    if j < len(verbs):
        candidates.append((verbs[j], end, verbs[j][0]))  # the nearest verb after
    best: tuple[int, int, str] | None = None
    best_d = 10**9
    for v, a, b in candidates:
        if _break_between(ctx, a, b) or _words_between(ctx, a, b) > 8:
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
