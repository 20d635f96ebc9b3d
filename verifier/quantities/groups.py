"""The counted group after a number ("27 IS fighters") and how groups nest (parse_group, group_contains)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from verifier import lexicon as lx
from verifier.quantities.context import _Ctx
from verifier.quantities.patterns import _WORD

# Longest counted-group phrase, in words: "IS-held town civilians" is the longest we saw in news text.
GROUP_MAX_WORDS = 4
# Longest group word glued to its number by a hyphen that is read ("1000-member", "24-strong"; the longest
# word in FA-KES has 32 characters, a run of joined names): a run such as "1-a-1-a-..." would otherwise be
# read again, whole, for each of its numbers.
GLUED_WORD_MAX_CHARS = 64


def _group_after(ctx: _Ctx, end: int, share: bool = False) -> tuple[str, str, int, int] | None:
    """The noun phrase right after a number: "27 IS fighters were" -> ("IS fighters", "fighters"). A `share`
    (a percentage) names its whole after a bare "of" too: "45% of voters", "10 percent of households"."""
    text = ctx.text
    pos = end
    # "1000-member church", "24-strong crew": the group is glued to the number by a hyphen.
    if pos < len(text) and text[pos] == "-" and pos + 1 < len(text) and text[pos + 1].isalpha():
        m = _WORD.match(text, pos + 1, pos + 1 + GLUED_WORD_MAX_CHARS)
        if m:
            w = m.group().lower()
            return m.group(), _head(w), m.start(), m.end()
    # "17 of the hijacked ships": the group is the phrase after "of the".
    of = _OF_THE.match(text, pos) or (_OF.match(text, pos) if share else None)
    if of:
        pos = of.end()
    taken = _trimmed(text, _phrase_words(ctx, pos))
    if not taken:
        return None
    gs, ge = taken[0][0], taken[-1][1]
    # "175 members of the ISIS", "18 fighters of Daesh": the organisation says whose side they are on.
    if taken[-1][2] in lx.GROUP_CLASS:
        comp = _COMPLEMENT.match(text, ge) or _SIDE_OF.match(text, ge)
        if comp:
            ge = comp.end()
    written = text[gs:ge]
    if taken[-1][2] in lx.GROUP_SKIP and taken[-1][2] not in ("others",):
        return None
    return written, _head(taken[-1][2]), gs, ge


_Word = tuple[int, int, str]  # start, end, lower-cased word


def _phrase_words(ctx: _Ctx, pos: int) -> list[_Word]:
    """The words of the phrase starting at `pos`, up to GROUP_MAX_WORDS, before any trimming."""
    text = ctx.text
    first = bisect_left(ctx.word_starts, pos)
    words = ctx.words[first : first + GROUP_MAX_WORDS + 2]
    taken: list[_Word] = []
    prev_end = pos
    for ws, we, lw in words:
        # Punctuation or a line break ends the phrase; before its first word, one hyphen or spaces may
        # stand ("27 - IS fighters"). Read with a pattern from `prev_end`, not a copy of the gap: after a
        # number inside a long run ("1-1-1-...") the gap is the rest of the run.
        if not _SPACED_HYPHEN.fullmatch(text, prev_end, ws):
            break
        if taken and (ws - prev_end > 2 or text.find("-", prev_end, ws) != -1):
            break
        acronym = len(lw) > 1 and text[ws:we].isupper()  # "IS fighters", "SDF troops"
        if lw in lx.GROUP_SKIP and not taken:
            pass  # "five more civilians", "four other victims"
        elif lw in lx.MEASURE_TRIGGERS and lw.endswith("ed") and _next_is_head(ctx, we):
            pass  # a participle modifier: "355 damaged shops", "17 of the hijacked ships"
        elif (lw in lx.GROUP_STOP and not acronym) or _in_trigger(ctx, ws) or ctx.numbers.covers(ws):
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
    return taken


def _trimmed(text: str, taken: list[_Word]) -> list[_Word]:
    """The phrase without trailing names, up to its last known group head, without leading skip words."""
    # Drop trailing capitalised words after a lower-case head: "13 civilians Monday", "22 children UNICEF".
    while len(taken) > 1 and text[taken[-1][0]].isupper() and not text[taken[-2][0]].isupper():
        taken.pop()
    # Keep the phrase up to its last known group head when there is one.
    known = [i for i, t in enumerate(taken) if t[2] in lx.GROUP_CLASS]
    if known:
        taken = taken[: known[-1] + 1]
    while taken and taken[0][2] in lx.GROUP_SKIP and len(taken) > 1:
        taken.pop(0)
    return taken


_COMPLEMENT = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?(?-i:[A-Z][\w'’-]*)(?:\s+(?-i:[A-Z][\w'’-]*)){0,3}")


# "fighters on the Islamic State side", "soldiers on the government side": whose side they fought on.
_SIDE_OF = re.compile(r"\s+on\s+the\s+(?:[\w'’-]+\s+){1,3}side\b", re.IGNORECASE)

_SPACED_HYPHEN = re.compile(r" *-? *")

_OF_THE = re.compile(r"\s+of\s+(?:the|these|those|its|their)\s+", re.IGNORECASE)
_OF = re.compile(r"\s+of\s+(?=[a-z])")


def _next_is_plural(ctx: _Ctx, pos: int) -> bool:
    """Whether the word after `pos` looks like a plural noun ("fully loaded magazines")."""
    i = bisect_left(ctx.word_starts, pos)
    if i >= len(ctx.words):
        return False
    lw = ctx.words[i][2]
    return lw.endswith("s") and lw not in lx.GROUP_STOP and not ctx.text[pos : ctx.words[i][0]].strip()


def _in_trigger(ctx: _Ctx, pos: int) -> bool:
    return ctx.trigger_spans.covers(pos)


def _next_is_head(ctx: _Ctx, pos: int) -> bool:
    i = bisect_left(ctx.word_starts, pos)
    if i >= len(ctx.words):
        return False
    ws, _, lw = ctx.words[i]
    return lw in lx.GROUP_CLASS and _BLANK.fullmatch(ctx.text, pos, ws) is not None


# Only white space (read with a pattern from a position rather than a copy of the text).
_BLANK = re.compile(r"\s*")


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
    if not comp:
        base, on, comp = group.partition(" on the ")
        comp = comp.rsplit(" ", 1)[0] if on else ""  # "on the Islamic State side" -> "Islamic State"
    raw = base.split()
    words = [w.lower().strip(".,'’") for w in raw]
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
        found = lx.SIDES.get(two) or lx.SIDES.get(mods[i])
        if found is not None and (side is None or side in _DEMONYM_SIDES):
            side = found  # "Syrian government forces": the faction says more than the nationality
            if side not in _DEMONYM_SIDES:
                break
    if side is None or side in _DEMONYM_SIDES:
        # A head that names a side ("rebels", "insurgents") is that side, whatever its nationality says.
        own = lx.SIDES.get(head or "") or lx.SIDES.get((head or "").removesuffix("s"))
        if own is not None and own not in _DEMONYM_SIDES:
            side = own
    if cls == "fighters" and side is None:
        # "the coalition's fighters", "fighters on the army side": a possessor or a named side that is not
        # in the list is still a side of its own; two different ones never count the same people.
        owner = next((w for w in words[:-1] if w.endswith(("'s", "’s"))), None)
        if owner is not None:
            side = owner[:-2]
        elif " on the " in group and mods_extra:
            side = " ".join(mods_extra)
    elif cls != "fighters" and side in _DEMONYM_SIDES:
        side = None  # "Syrian civilians", "Iraqi children": a nationality is a side only for combatants
    return _Group(cls, head, side)


_DEMONYM_SIDES = frozenset(lx.DEMONYMS)


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
