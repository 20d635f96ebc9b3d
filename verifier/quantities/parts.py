"""Parts and totals within one claim: carry a measure or group over to figures that elide it."""

from __future__ import annotations

import re
from types import MappingProxyType

from verifier.quantities.context import _break_between, _Ctx, _words_between
from verifier.quantities.groups import parse_group
from verifier.quantities.patterns import _PART_BEFORE
from verifier.quantities.record import Quantity, takes_measure


def _link_parts(ctx: _Ctx, frames: list[Quantity]) -> list[Quantity]:
    """Carry a measure over to figures that elide it: "killed 45 in Aleppo and 22 in Idlib", "seven children
    were among 71 killed", "five were killed and one in Harasta"."""
    out: list[Quantity] = []
    near = _Near(frames)
    for i, q in enumerate(frames):
        if q.is_count and q.measure is None and not q.negated:
            donor = _donor(ctx, frames, i, near)
            if donor is not None and takes_measure(q.kind, donor.measure):
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
        if q.measure is not None or q.negated or not (nxt.measure and takes_measure(q.kind, nxt.measure)):
            continue
        e = q.spans.get("group", q.spans["number"])[1]
        if _LIST.fullmatch(ctx.text, e, nxt.spans["number"][0]):
            spans = dict(q.spans)
            if "measure" in nxt.spans:
                spans["measure"] = nxt.spans["measure"]
            out[i] = Quantity(**{**q.__dict__, "measure": nxt.measure, "spans": MappingProxyType(spans)})
    return _others_of_another_measure(ctx, out)


_OTHERS = frozenset({"others", "other"})


def _others_of_another_measure(ctx: _Ctx, frames: list[Quantity]) -> list[Quantity]:
    """"N others" after a count of another measure counts people other than those: "killed three civilians
    and wounded 12 others" gives all the wounded, not a further part of them (which "five were killed in
    Homs and seven others in Hama" is, where both figures count one measure)."""
    out = list(frames)
    last: Quantity | None = None
    for i, q in enumerate(frames):
        if not q.is_count:
            continue
        if (
            q.role == "partial"
            and (q.group or "").lower() in _OTHERS
            and last is not None
            and last.measure is not None
            and q.measure is not None
            and last.measure != q.measure
            and not _break_between(ctx, last.spans["number"][1], q.spans["number"][0])
        ):
            out[i] = Quantity(**{**q.__dict__, "role": None})
        if q.measure is not None:
            last = q
    return out


_LIST = re.compile(r"\s*(?:,|,?\s*(?:and|or|as\s+well\s+as))\s+", re.IGNORECASE)


class _Near:
    """For each frame, the nearest count with a measure before and after it, found in one pass each way: a
    donor is always one of these two (or the next frame), so no frame walks the whole list."""

    def __init__(self, frames: list[Quantity]) -> None:
        self.before: list[Quantity | None] = []
        last: Quantity | None = None
        for q in frames:
            self.before.append(last)
            if q.is_count and q.measure:
                last = q
        self.after: list[Quantity | None] = []
        last = None
        for q in reversed(frames):
            self.after.append(last)
            if q.is_count and q.measure:
                last = q
        self.after.reverse()


def _donor(ctx: _Ctx, frames: list[Quantity], i: int, near: _Near) -> Quantity | None:
    q = frames[i]
    s, e = q.spans["number"]
    before, after = near.before[i], near.after[i]
    # A part points at its total: after it for "7 children were among 71 killed", before it for "20 people
    # were killed including 13 civilians" and "a toll of 36 dead, among them 15 children".
    if q.role == "part":
        if _PART_BEFORE.search(ctx.text[max(0, s - 40) : s]):
            if before is None:
                return None
            return before if not _break_between(ctx, before.spans["number"][1], s) else None
        # A break before the nearest one is a break before every later one too.
        if after is not None and not _break_between(ctx, e, after.spans["number"][0]):
            return after
    # A total points at the part right after it ("12 civilians including four children were killed").
    if i + 1 < len(frames) and frames[i + 1].role == "part" and frames[i + 1].measure:
        nxt = frames[i + 1]
        if _words_between(ctx, e, nxt.spans["number"][0]) <= 4 and not _break_between(
            ctx, e, nxt.spans["number"][0]
        ):
            return nxt
    if before is not None:
        oe = before.spans["number"][1]
        if _words_between(ctx, oe, s) > 10 or _break_between(ctx, oe, s):
            return None
        if q.group is None or q.role == "part":
            return before
        if before.group is not None and parse_group(q.group).cls == parse_group(before.group).cls:
            return before
        return None
    # Coordination: "27 IS fighters and 13 others were killed" - the verb after the last conjunct.
    if i + 1 < len(frames) and frames[i + 1].measure and frames[i + 1].is_count:
        nxt = frames[i + 1]
        if _AND.fullmatch(ctx.text, q.spans.get("group", (e, e))[1], nxt.spans["number"][0]):
            return nxt
    return None


_AND = re.compile(r"\s*(?:,\s*)?(?:and|or|as\s+well\s+as)\s+", re.IGNORECASE)
