"""Who is counted: the casualty knowledge kept as constraints on top of the alignment. Killed is not
wounded; children are part of civilians, who are part of people; one side's dead are a part of a toll on
both sides."""

from __future__ import annotations

from verifier import lexicon as lx
from verifier.quantities import Quantity, parse_group

# Groups that are a part of any toll of people: never the whole of an unqualified toll.
NARROW_GROUPS = frozenset({"children", "women", "men", "medics", "journalists"})
# Measures of people (a toll without a counted group: "27 were killed"), not of things ("destroyed").
_PEOPLE_MEASURES = lx.TOLL_MEASURES - lx.THING_MEASURES


def _ancestors(cls: str) -> list[str]:
    out = [cls]
    while out[-1] in lx.GROUP_PARENT and lx.GROUP_PARENT[out[-1]] not in out:
        out.append(lx.GROUP_PARENT[out[-1]])
    return out


def _comparable_sides(a: str, b: str) -> bool:
    """Two nationalities, or two factions, are different people; a nationality and a faction may be one."""
    return (a in lx.DEMONYMS) == (b in lx.DEMONYMS)


def measure_relation(qa: Quantity, qb: Quantity) -> str:
    """same | part (one measure holds the other: the wounded among casualties) | other | unknown."""
    if qa.measure is None or qb.measure is None:
        return "unknown"
    if qa.measure == qb.measure:
        return "same"
    if lx.MEASURE_PARENT.get(qa.measure) == qb.measure or lx.MEASURE_PARENT.get(qb.measure) == qa.measure:
        return "part"
    return "other"


def group_relation(qa: Quantity, qb: Quantity) -> str:
    """same | a_in_b | b_in_a (a subgroup, or one side of the other's whole) | disjoint."""
    if qa.kind == qb.kind == "score":
        return "same"  # the noun after a score names the result ("a 3-1 win", "a 2-1 home defeat"), no group
    ga, gb = parse_group(qa.group), parse_group(qb.group)
    if ga.side and gb.side and ga.side != gb.side and _comparable_sides(ga.side, gb.side):
        return "disjoint"
    if ga.head is None or gb.head is None:
        named, named_q, bare_q = (gb, qb, qa) if ga.head is None else (ga, qa, qb)
        if named.cls in NARROW_GROUPS:
            return "b_in_a" if ga.head is None else "a_in_b"
        thing = named.cls is None or "people" not in _ancestors(named.cls)
        if thing and named_q.measure is None and bare_q.measure in _PEOPLE_MEASURES:
            # A toll without a group counts people; a figure of a thing no verb counts ("a five-storey
            # block", "four villages") is not that toll.
            return "disjoint"
        return "same"
    ca, cb = ga.cls, gb.cls
    if ca is None or cb is None:
        if qa.kind == qb.kind == "measure" and ca is None and cb is None:
            # A measurement's unit says what it measures; the noun after it only names the thing, in
            # whatever word the writer chose ("a 5.9-magnitude quake", "a 5.9-magnitude tremor").
            return "same"
        return "same" if ga.head == gb.head else "disjoint"
    if (ca in lx.BROAD_CLASSES and cb in lx.BROAD_CLASSES) or ca == cb:
        if bool(ga.side) == bool(gb.side):
            return "same"
        return "a_in_b" if ga.side else "b_in_a"  # one side's fighters are a part of all the fighters
    anc_a, anc_b = _ancestors(ca), _ancestors(cb)
    if cb in anc_a or (cb in lx.BROAD_CLASSES and "people" in anc_a):
        return "a_in_b"
    if ca in anc_b or (ca in lx.BROAD_CLASSES and "people" in anc_b):
        return "b_in_a"
    return "disjoint"
