"""How two claims' figures relate: conflict, agree, different_quantity, update or unrelated.

Figures are compared only when they count the same thing about the same event: same measure, compatible
counted group, same period, similar context. Qualifiers make intervals ("at least 27" agrees with 30 and
conflicts with 13). A later report (later date, or wording such as "rose to", "later said") with a higher
figure is an update. A part and a total (27 IS fighters within 40 killed on both sides), or a subgroup and
its group (5 children within 30 people), or two different periods are different quantities.

Works without a model: same-event evidence is lexical (shared content words and names, matching days and
dates). A caller that has an embedding cosine (the engine, from FAISS) passes it as `similarity`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from verifier import lexicon as lx
from verifier.numbers import parse_number
from verifier.quantities import Quantity, extract, parse_date, parse_group

LABELS = ("conflict", "agree", "different_quantity", "update", "unrelated")

# Context score (0..1) below which a pair with no comparable figures is called unrelated. Wording alone
# separates events poorly: on the 100 development pairs of ../shared/eval the lexical score of unrelated
# pairs has median 0.14 and that of same-event pairs 0.2 (figures, dates and days decide most pairs), so
# this only sends pairs that share almost no content word and no figure to "unrelated".
UNRELATED_BELOW = 0.16
# Wire reports of one event appear within days; two reports published further apart than this are about
# different events unless one counts over a period ("since", "so far") or names the other's date. On the
# development pairs every same-event pair but the cumulative tolls was published within 8 days.
MAX_SAME_EVENT_DAYS = 10
# A report that says its toll rose or was revised ("has risen to 52") may come weeks after the first: the
# tolls of one flood or earthquake are revised for about a month as the missing are found and the injured
# die. Such a pair stays comparable up to this gap, so a late revision reads as an update.
MAX_UPDATE_DAYS = 30
# An embedding cosine (all-MiniLM-L6-v2, from the engine) is mapped to 0..1 between these two points and
# the context score is the larger of it and the lexical score. Measured on the development pairs: the
# cosine of unrelated pairs has median 0.49 against 0.55 for same-event pairs, so it is a weak hint too;
# below 0.25 two news sentences are about different things.
EMBEDDING_FLOOR = 0.25
EMBEDDING_SPAN = 0.5


@dataclass(frozen=True)
class ClaimText:
    text: str
    source: str | None = None
    date: str | None = None  # ISO date of the report, when known
    # Words that say where the claim is set without being part of it (the article's title): read only for
    # place names, so that "At least 27 were among the dead" under "Clashes in Kesh Varan" is placed.
    setting: str = ""


@dataclass(frozen=True)
class Judgement:
    label: str  # one of LABELS
    score: float  # confidence in the label, 0..1
    explanation: str  # one line naming the figures
    a_figures: tuple[Quantity, ...] = field(default=(), compare=False)
    b_figures: tuple[Quantity, ...] = field(default=(), compare=False)

    @property
    def flag(self) -> bool:
        return self.label == "conflict"


# --- context: same event or not -----

_STOP = frozenset(
    """
    a an the and or but of in on at by for from to with without into onto over under near after before during
    since until as than that which who whom whose when where while because so if then also was were is are be
    been being have has had having will would could should may might can did do does said says say told
    reported according added including among between both each all most some many more less this these those
    there here it its their his her they them he she we our you your not no one two three four five six seven
    eight nine ten eleven twelve dozen dozens hundreds least about around nearly almost other others another
    new up out off down just only still very what later earlier early late per cent percent people person
    killed killing dead died death deaths wounded injured toll number total monday tuesday wednesday
    thursday friday saturday sunday today yesterday night morning evening afternoon day days week weeks
    year years month months local state official officials source sources media news agency report reports
    group city town area areas province region country government
    """.split()
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _stem(w: str) -> str:
    w = w.lower().strip("'’-")
    for suf in ("'s", "’s"):
        if w.endswith(suf):
            w = w[: -len(suf)]
    if len(w) > 5 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


@dataclass(frozen=True)
class _Words:
    content: frozenset[str]
    names: frozenset[str]


def _words(text: str) -> _Words:
    content: set[str] = set()
    names: set[str] = set()
    for i, m in enumerate(_TOKEN.finditer(text)):
        raw = m.group()
        low = raw.lower()
        if low in _STOP or len(low) < 3:
            continue
        st = _stem(raw)
        content.add(st)
        if raw[0].isupper() and i > 0 and low not in lx.MONTHS:
            names.add(st)
    return _Words(frozenset(content), frozenset(names))


def lexical_similarity(a: str, b: str) -> float:
    """Cosine of the two sets of content words (crudely stemmed), with shared names counted twice."""
    wa, wb = _words(a), _words(b)
    if not wa.content or not wb.content:
        return 0.0
    shared = len(wa.content & wb.content) + len(wa.names & wb.names)
    na = len(wa.content) + len(wa.names)
    nb = len(wb.content) + len(wb.names)
    return min(1.0, shared / math.sqrt(na * nb))


def context_score(a: ClaimText, b: ClaimText, similarity: float | None = None) -> float:
    """How likely the two claims describe the same event, 0..1 (lexical, plus the embedding when given)."""
    lex = lexical_similarity(a.text, b.text)
    if similarity is None:
        return lex
    emb = min(1.0, max(0.0, (similarity - EMBEDDING_FLOOR) / EMBEDDING_SPAN))
    return max(lex, emb)


# --- places -----

_NAME = r"[A-Z][\w-]*[a-z][\w-]*"  # a capitalised word ("Darna", "Al-Bab"), not an acronym ("IS")
_PLACE = re.compile(
    r"\b(?:(?i:in|on|near|outside|around|across)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?"
    r"|(?i:" + "|".join(lx.PLACE_NOUNS) + r")\s+of\s+)"
    r"(?P<name>" + _NAME + r"(?:\s+" + _NAME + r"){0,2})"
)
_CAPITALISED = re.compile(_NAME)


def _is_country(word: str) -> bool:
    """ "Syria", "Libya", "Iran": a country holds many events at once, so it never sets one apart."""
    return any(d.startswith(word[:-1]) for d in lx.DEMONYMS if len(word) >= 4)


def _name_words(name: str) -> list[str]:
    """The words of a name that can set a place apart, as written: not "Eastern", "Province" or "Syria"."""
    return [
        w
        for w in _CAPITALISED.findall(name)
        if len(w) >= 4 and w.lower() not in lx.NOT_PLACE_WORDS and not _is_country(w.lower())
    ]


def places(text: str) -> set[str]:
    """The place names a text sets its figures in: "in Darna", "near the Kesh Varan highlands", "the town of
    Ariha"; not months, weekdays, nationalities or armed groups ("in Islamic State hands")."""
    out: set[str] = set()
    for m in _PLACE.finditer(text):
        words = _name_words(m.group("name"))
        if words:
            out.add(" ".join(words))
    return out


def _same_word(a: str, b: str) -> bool:
    """One place word spelt two ways ("Darna"/"Derna") or with its adjective ("Syria"/"Syrian")."""
    if a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a))):
        return True
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 1


def _named_in(place: str, words: set[str]) -> bool:
    return any(_same_word(p.lower(), w) for p in place.split() for w in words)


def _different_places(a: ClaimText, b: ClaimText) -> tuple[str, str] | None:
    """Two places when each claim is set in a place the other never names (capitalised, anywhere in its text
    or setting): "in Darna" against "in the Kesh Varan highlands". A claim naming both a province and a
    town in it names both, so one naming only the province and the other only the town is the one
    case this reads wrongly; it is rare in wire copy, which names the town and its province together."""
    pa, pb = places(f"{a.text}\n{a.setting}"), places(f"{b.text}\n{b.setting}")
    if not pa or not pb:
        return None
    wa = {w.lower() for w in _name_words(f"{a.text}\n{a.setting}")}
    wb = {w.lower() for w in _name_words(f"{b.text}\n{b.setting}")}
    if any(_named_in(p, wb) for p in pa) or any(_named_in(p, wa) for p in pb):
        return None
    return ", ".join(sorted(pa)), ", ".join(sorted(pb))


# --- dates and days -----


def _date(s: str | None) -> dt.date | None:
    return parse_date(s)


_NIGHT = re.compile(r"night|overnight|yesterday", re.IGNORECASE)


_WEEKDAY_IN = re.compile(r"\b(" + "|".join(lx.WEEKDAYS) + r")\b", re.IGNORECASE)


def _event_days(figs: tuple[Quantity, ...]) -> dict[str, set[str]]:
    """Single days the claim's figures are tied to, by kind: {"weekday": {"friday"}} for "on Friday",
    {"date": {"2016-10-06"}} for "on October 6" (not "overnight", which straddles two days). Weekdays are
    compared by name: a source's article date is too often a few days off to resolve them reliably."""
    out: dict[str, set[str]] = {}
    for q in figs:
        if not q.time or _NIGHT.search(q.time) or q.kind in ("date", "year"):
            continue
        wd = _WEEKDAY_IN.search(q.time)
        if wd:
            out.setdefault("weekday", set()).add(wd.group(1).lower())
        elif q.time_resolved and len(q.time_resolved) == 10:
            out.setdefault("date", set()).add(q.time_resolved)
    return out


def _different_days(a: dict[str, set[str]], b: dict[str, set[str]]) -> tuple[str, str] | None:
    for kind in ("date", "weekday"):
        if a.get(kind) and b.get(kind) and not (a[kind] & b[kind]):
            return ", ".join(sorted(a[kind])), ", ".join(sorted(b[kind]))
    return None


# "In May more than 60 were killed": a month named on its own (no day after it, capitalised so the verb "may"
# is never read as one) puts the figure in that month, whatever the report's date.
_MONTH_REF = re.compile(
    r"\b(?i:in|during|throughout|through)\s+(?:early\s+|late\s+|mid-)?("
    + "|".join(m.capitalize() for m in lx.MONTHS)
    + r")\b(?!\s*\d)"
)


def _month_refs(text: str) -> set[str]:
    return {m.group(1).lower() for m in _MONTH_REF.finditer(text)}


def _different_months(a: str, b: str, da: dt.date | None, db: dt.date | None) -> tuple[str, str] | None:
    """One claim names a month its figure belongs to and the other is about another month (its own named
    month, else the month of its report)."""
    ra, rb = _month_refs(a), _month_refs(b)
    if not ra and not rb:
        return None
    ea = ra or ({lx.MONTHS[da.month - 1]} if da else set())
    eb = rb or ({lx.MONTHS[db.month - 1]} if db else set())
    if ea and eb and not (ea & eb):
        return ", ".join(sorted(ea)), ", ".join(sorted(eb))
    return None


def _mentions_date(figs: tuple[Quantity, ...], day: dt.date | None) -> bool:
    """Whether a claim names the other report's date ("an October 6 attack", "mid-August")."""
    if day is None:
        return False
    for q in figs:
        r = q.time_resolved
        if not r:
            continue
        if len(r) == 7 and r == day.isoformat()[:7]:
            return True
        d = _date(r)
        if d is not None and abs((d - day).days) <= 2:
            return True
    return False


_UPDATE_CUE = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in lx.UPDATE_CUES) + r")\b")


_EVENT_KIND = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for ws in lx.EVENT_KINDS.values()
        for w in sorted(ws, key=len, reverse=True)
    )
    + r")\b",
    re.IGNORECASE,
)
_KIND_OF = {" ".join(w.split()): k for k, ws in lx.EVENT_KINDS.items() for w in ws}


def event_kinds(text: str) -> frozenset[str]:
    """Kinds of event a claim names: {"air"} for "air strikes killed 12", {"quake"} for "the tremor"."""
    return frozenset(_KIND_OF[" ".join(m.group().lower().split())] for m in _EVENT_KIND.finditer(text))


def _has_update_cue(text: str) -> bool:
    low = " ".join(text.lower().split())
    return _UPDATE_CUE.search(low) is not None


# --- figure comparison -----


@dataclass(frozen=True)
class _Outcome:
    kind: str  # conflict | agree | update | part | period | group | measure
    qa: Quantity
    qb: Quantity
    note: str = ""


def _comparable_kind(qa: Quantity, qb: Quantity) -> bool:
    if not (qa.is_count and qb.is_count) or "measure" in (qa.kind, qb.kind):
        return False  # unit measures are compared in _measurements
    money = {qa.kind == "money", qb.kind == "money"}
    if money == {True, False}:
        return False
    if qa.kind in ("percent", "percentage_points") or qb.kind in ("percent", "percentage_points"):
        return qa.kind == qb.kind
    if qa.kind == "money" or qa.kind == "measure" or qb.kind == "measure":
        return (qa.unit or "").lower() == (qb.unit or "").lower()
    return True


def _group_relation(qa: Quantity, qb: Quantity) -> str:
    """same | a_in_b | b_in_a | sided (same class, one side named) | disjoint."""
    if qa.measure in lx.ATTRIBUTE_MEASURES:
        return "same"
    ga, gb = parse_group(qa.group), parse_group(qb.group)
    if ga.side and gb.side and ga.side != gb.side and _comparable_sides(ga.side, gb.side):
        return "disjoint"
    if ga.head is None or gb.head is None:
        # "killing 14": no group named, nothing says it is another one - unless the other names a subgroup
        # of people ("killed 15" / "five children").
        named = gb if ga.head is None else ga
        if named.cls in _NARROW:
            return "b_in_a" if ga.head is None else "a_in_b"
        return "same"
    ca, cb = ga.cls, gb.cls
    if ca is None or cb is None:  # a group we have no class for: only the same head word is the same group
        if ga.head and gb.head:
            return "same" if ga.head == gb.head else "disjoint"
        return "same"
    if ca in lx.BROAD_CLASSES and cb in lx.BROAD_CLASSES or ca == cb:
        if bool(ga.side) != bool(gb.side):
            return "sided"
        return "same"
    anc_a, anc_b = _ancestors(ca), _ancestors(cb)
    if cb in anc_a or (cb in lx.BROAD_CLASSES and "people" in anc_a):
        return "a_in_b"
    if ca in anc_b or (ca in lx.BROAD_CLASSES and "people" in anc_b):
        return "b_in_a"
    return "disjoint"


def _comparable_sides(a: str, b: str) -> bool:
    """Two nationalities, or two factions, are different people; a nationality and a faction may be the same
    ("Syrian forces" / "pro-regime forces")."""
    return (a in lx.DEMONYMS) == (b in lx.DEMONYMS)


# Groups that are a part of any toll of people: never the whole of an unqualified toll.
_NARROW = frozenset({"children", "women", "men", "teachers", "medics", "journalists"})


def _ancestors(cls: str) -> list[str]:
    out = [cls]
    while out[-1] in lx.GROUP_PARENT and lx.GROUP_PARENT[out[-1]] not in out:
        out.append(lx.GROUP_PARENT[out[-1]])
    return out


def _overlap(qa: Quantity, qb: Quantity) -> bool:
    return qa.low <= qb.high and qb.low <= qa.high


def _point(q: Quantity) -> float:
    if q.value is not None:
        return q.value
    return q.low if math.isinf(q.high) else (q.low + q.high) / 2


def _compare(
    qa: Quantity,
    qb: Quantity,
    later: str | None,
    days_apart: int | None = None,
    months: tuple[str, str] | None = None,
) -> _Outcome | None:
    """One figure of each claim. `later` is "a" or "b" when one report is known to be the later one;
    `days_apart` is the gap between the report dates; `months` the two months when the claims are about
    different ones ("In May ..." against a report of an attack in July)."""
    if not _comparable_kind(qa, qb):
        return None
    if qa.measure is None or qb.measure is None:
        return None
    if qa.measure != qb.measure:
        if lx.MEASURE_PARENT.get(qa.measure) == qb.measure or lx.MEASURE_PARENT.get(qb.measure) == qa.measure:
            return _Outcome("part", qa, qb, "casualties")
        return _Outcome("measure", qa, qb)
    rel = _group_relation(qa, qb)
    if rel == "disjoint":
        # "27 IS fighters killed" / "13 of the coalition's fighters killed": the same measure of two groups
        # that do not overlap. Nothing to compare, but a closer match than a figure of another measure.
        return _Outcome("group", qa, qb)
    if qa.negated != qb.negated:
        return _Outcome("conflict", qa, qb) if rel == "same" else None
    # The same figure restated ("more than 280,000 killed" with and without "since 2011", "five Syrian
    # forces" / "five pro-regime forces") is the same count, whatever else differs in the wording.
    restated = _point(qa) == _point(qb) and qa.qualifier != "vague"
    if months and not restated:
        return _Outcome("period", qa, qb, f"{months[0]} vs {months[1]}")
    if _period_differs(qa, qb, days_apart) and not restated:
        return _Outcome("period", qa, qb)
    if rel == "sided" and not restated:
        inner, outer = (qa, qb) if parse_group(qa.group).side else (qb, qa)
        if inner.low > outer.high and outer.role not in ("part", "partial"):
            return _Outcome("conflict", qa, qb, "part exceeds total")  # one side outnumbers all sides
        return _Outcome("part", qa, qb, "sides")
    if rel in ("a_in_b", "b_in_a"):
        inner, outer = (qa, qb) if rel == "a_in_b" else (qb, qa)
        if "partial" in (qa.role, qb.role):
            return _Outcome("part", qa, qb)
        if not (_overlap(inner, outer) and inner.role != "part" and outer.role != "total"):
            # A subgroup can never outnumber the group that holds it ("at least 27 IS fighters" / "13
            # fighters"), unless the larger group's figure is itself only a part ("13 of the fighters").
            if inner.low > outer.high and outer.role not in ("part", "partial"):
                return _Outcome("conflict", qa, qb, "part exceeds total")
            return _Outcome("part", qa, qb)
        # else: the same count named at two levels ("29 rebels" / "29 people"): compared as it is below
    if qa.role == qb.role == "partial" and qa.group_head and qa.group_head == qb.group_head:
        pass  # "two other rifles" / "three other rifles": the same remainder, compared as it is
    elif "partial" in (qa.role, qb.role) or ("total" in (qa.role, qb.role) and qa.role != qb.role):
        total, part = (qa, qb) if qa.role == "total" or qb.role == "partial" else (qb, qa)
        whole = part.role is None and not parse_group(part.group).side  # no part cue, no side
        revised = later is not None and len(later) == 1  # "has risen to 52" against "40 on both sides"
        if whole and revised:
            pass  # a whole toll of the same event: compared with the total below
        elif part.role != "partial" and part.low > total.high:
            return _Outcome("conflict", qa, qb, "" if whole else "part exceeds total")
        elif not whole:
            return _Outcome("part", qa, qb)
    if later and len(later) == 2 and _span_covers(qa, qb, days_apart):
        later = None  # the later report's span covers the earlier one: the same fighting, not a revision
    if later and (len(later) == 1 or qa.measure in lx.TOLL_MEASURES | lx.FALLING_MEASURES):
        # A later report with a higher toll revises the earlier one, even when "at least 12" allowed it; a
        # count of the missing falls as people are found.
        early, late = (qa, qb) if later[0] == "b" else (qb, qa)
        falls = qa.measure in lx.FALLING_MEASURES and _point(late) < _point(early)
        if _point(late) > _point(early) or falls:
            return _Outcome("update", qa, qb)
    if _overlap(qa, qb) or _restated_open(qa, qb) or _restated_open(qb, qa):
        return _Outcome("agree", qa, qb)
    return _Outcome("conflict", qa, qb)


def _restated_open(qa: Quantity, qb: Quantity) -> bool:
    """ "More than 19 civilians" and "19 civilians": reports round a count down to the figure they have and
    say "more than" or "over" about it, so a reader takes the bare N as the same figure. Only the exact N
    agrees ("more than 19" against 18 still conflicts); the tolerance is documented in docs/relations.md."""
    return qa.qualifier in _OPEN_ABOVE and qb.qualifier is None and qa.value == qb.value


# Qualifiers of an open lower bound (as normalised by verifier.numbers).
_OPEN_ABOVE = frozenset({"more_than"})  # "over N" is normalised to more_than


_RUNNING = re.compile(r"so\s+far|brought|bringing|brings", re.IGNORECASE)
_SINCE = re.compile(r"^since\s+", re.IGNORECASE)


def _period_differs(qa: Quantity, qb: Quantity, days_apart: int | None = None) -> bool:
    """One figure counts over a period ("since Saturday", "in two days") and the other does not, or both
    count since different starting points. A span of days ("over two days of fighting") that covers the
    other report's date counts the same fighting: the periods overlap, so they do not differ."""
    sa, sb = qa.scope, qb.scope
    # "so far" and "brought the toll to" restate a running total: comparable with any toll, and an update.
    if _RUNNING.search(sa or "") or _RUNNING.search(sb or ""):
        return False
    if bool(sa) != bool(sb):
        return not _span_covers(qa, qb, days_apart)
    if sa and sb and _SINCE.match(sa) and _SINCE.match(sb):
        return sa.lower() != sb.lower()
    return False


def _span_covers(qa: Quantity, qb: Quantity, days_apart: int | None) -> bool:
    """One figure counts over a span of days ("over two days of fighting") that covers the other report:
    the same fighting. Not when the other figure is pinned to a day of its own ("49 in two days" / "22 on
    Monday" are a total and a part of it), nor when it was reported on the span's first day (a report from
    the first of four nights counts one night)."""
    if bool(qa.scope) == bool(qb.scope):
        return False
    unscoped = qb if qa.scope else qa
    span = _span_days(qa.scope or qb.scope or "")
    return span is not None and days_apart is not None and days_apart < span and unscoped.time is None


_SPAN = re.compile(r"\b(?P<n>[\w-]+)\s+(?P<unit>day|night|week)s?\b", re.IGNORECASE)
_SPAN_UNIT_DAYS = {"day": 1, "night": 1, "week": 7}


def _span_days(scope: str) -> int | None:
    """Length in days of a scope such as "over two days" or "three nights of", when it says one."""
    m = _SPAN.search(scope)
    if m is None or _SINCE.match(scope):
        return None
    n = parse_number(m.group("n"))
    if n is None:
        return None
    return int(n) * _SPAN_UNIT_DAYS[m.group("unit").lower()]


# Length units to metres, for "a 10-metre dhow" / "a 30-foot dhow".
_TO_METRES = {
    "m": 1.0,
    "metre": 1.0,
    "meter": 1.0,
    "km": 1000.0,
    "ft": 0.3048,
    "foot": 0.3048,
    "feet": 0.3048,
    "mi": 1609.344,
    "mile": 1609.344,
    "miles": 1609.344,
    "nmi": 1852.0,
    "nautical miles": 1852.0,
    "cm": 0.01,
    "yd": 0.9144,
}


def _in_metres(q: Quantity) -> tuple[float, float] | None:
    f = _TO_METRES.get((q.unit or "").lower())
    if f is None:
        return None
    return q.low * f, q.high * f


def _measurements(fa: tuple[Quantity, ...], fb: tuple[Quantity, ...], aftershocks: bool) -> list[_Outcome]:
    """Unit measures of the same thing: the magnitude of one quake, the length of one boat (the word after
    the measure names the thing: "10-metre dhow" / "30-foot dhow")."""
    out: list[_Outcome] = []
    for qa in fa:
        for qb in fb:
            if qa.kind != "measure" or qb.kind != "measure":
                continue
            if qa.unit == qb.unit == "magnitude" and qa.value != qb.value and aftershocks:
                continue  # "followed by a 2.0-magnitude quake": another tremor
            if qa.unit == qb.unit == "magnitude" or (
                qa.unit == qb.unit and qa.measure == qb.measure and qa.measure in lx.ATTRIBUTE_MEASURES
            ):
                # One quake has one magnitude; one fire one outside temperature.
                out.append(_Outcome("agree" if _overlap(qa, qb) else "conflict", qa, qb, qa.measure or ""))
                continue
            ma, mb = _in_metres(qa), _in_metres(qb)
            if ma is None or mb is None:
                if qa.unit and qa.unit == qb.unit and qa.value == qb.value:
                    out.append(_Outcome("agree", qa, qb))
                continue
            # 5% slack: conversions and rounding ("13 nautical miles (about 24km)").
            same = ma[0] <= mb[1] * 1.05 and mb[0] <= ma[1] * 1.05
            if same:
                out.append(_Outcome("agree", qa, qb))
            elif qa.group_head and qa.group_head == qb.group_head:
                out.append(_Outcome("conflict", qa, qb, "length"))
    return out


_AFTERSHOCK = re.compile(
    r"aftershock|foreshock|followed\s+by|another\s+(?:quake|tremor)|second\s+(?:quake|tremor)", re.IGNORECASE
)


def _other_attributes(
    fa: tuple[Quantity, ...], fb: tuple[Quantity, ...], aftershocks: bool
) -> list[_Outcome]:
    """Dates and times of the same act ("sunk on November 19" / "sunk on November 18"), unit measures.
    `aftershocks`: a claim speaks of more than one tremor, so two magnitudes may be two quakes."""
    out: list[_Outcome] = _measurements(fa, fb, aftershocks)
    for qa in fa:
        for qb in fb:
            if qa.kind != qb.kind or qa.kind not in ("date", "time"):
                continue
            # The same clock time in both is a sign of agreement whatever the verb; a different date is a
            # conflict only for the same act ("sunk on November 19" / "sunk on November 18").
            if qa.kind == "date" and (not qa.measure or qa.measure != qb.measure):
                continue
            ia, ib = qa.iso or qa.text.lower(), qb.iso or qb.text.lower()
            if qa.kind == "date":
                # "--11-19" (no year) matches "2008-11-19": compare month and day.
                same = ia[-5:] == ib[-5:] if qa.iso and qb.iso else ia == ib
                out.append(_Outcome("agree" if same else "conflict", qa, qb, "date"))
            elif ia == ib:
                out.append(_Outcome("agree", qa, qb, "time"))
    return out


# --- the judgement -----


def relate(a: ClaimText, b: ClaimText, similarity: float | None = None) -> Judgement:
    """Judge how the figures of claim `b` relate to those of claim `a`."""
    fa = tuple(extract(a.text, a.date))
    fb = tuple(extract(b.text, b.date))
    ctx = context_score(a, b, similarity)
    da, db = _date(a.date), _date(b.date)

    def out(label: str, score: float, why: str) -> Judgement:
        return Judgement(label, round(max(0.0, min(1.0, score)), 3), why, fa, fb)

    gap = abs((da - db).days) if da and db else None
    # A figure counted over a period ("since March", "so far") may reach back to the other report; one
    # counted over a stated span ("over two days") reaches back only that far.
    scoped = any(q.scope and not (gap is not None and (_span_days(q.scope) or gap) < gap) for q in fa + fb)
    if (
        da
        and db
        and abs((da - db).days)
        > (MAX_UPDATE_DAYS if _has_update_cue(a.text) or _has_update_cue(b.text) else MAX_SAME_EVENT_DAYS)
        and not scoped
        and not _mentions_date(fa, db)
        and not _mentions_date(fb, da)
    ):
        return out(
            "unrelated",
            0.8,
            f"Reports {abs((da - db).days)} days apart ({a.date} vs {b.date}): different events",
        )
    # Places are read only when a date is missing (a claim typed into `check`): wire copy names one
    # offensive at several scales ("near Damascus", "in Eastern Ghouta", "the village of Taduf" in "Aleppo
    # province"), and on the development pairs the place rule on dated pairs sent 7 same-event pairs to
    # "unrelated" for 1 it got right; for dated pairs the report dates above decide.
    where = None if da and db else _different_places(a, b)
    if where:
        return out("unrelated", 0.7, f"Different places: {where[0]} vs {where[1]}")
    kinds_a, kinds_b = event_kinds(a.text), event_kinds(b.text)
    if kinds_a and kinds_b and not (kinds_a & kinds_b):
        return out(
            "unrelated",
            0.6,
            f"Different kinds of event: {', '.join(sorted(kinds_a))} vs {', '.join(sorted(kinds_b))}",
        )
    months = _different_months(a.text, b.text, da, db)
    days = _different_days(_event_days(fa), _event_days(fb))
    if days and not scoped:
        return out("unrelated", 0.7, f"Different days: {days[0]} vs {days[1]}")
    later = _later(a, b, da, db)
    outcomes: list[_Outcome] = []
    counts_a = [_event_time(q, a.text) for q in fa if q.is_count and q.measure and q.role != "earlier"]
    counts_b = [_event_time(q, b.text) for q in fb if q.is_count and q.measure and q.role != "earlier"]
    for qa in counts_a:
        for qb in counts_b:
            o = _compare(qa, qb, later, abs((da - db).days) if da and db else None, months)
            if o is not None:
                outcomes.append(o)
    outcomes.extend(_other_attributes(fa, fb, bool(_AFTERSHOCK.search(a.text) or _AFTERSHOCK.search(b.text))))
    outcomes = _explained(outcomes)
    if not any(o.kind in _FIGURE_EVIDENCE for o in outcomes):
        fallback = _only_figures(fa, fb, later)
        if fallback is not None:
            outcomes.append(fallback)
    # Without two figures of the same measure and group, only the wording says whether it is one event.
    if ctx < UNRELATED_BELOW and not any(o.kind in _FIGURE_EVIDENCE for o in outcomes):
        return out(
            "unrelated", 0.6 + (UNRELATED_BELOW - ctx), f"Little shared context (similarity {ctx:.2f})"
        )
    return _decide(outcomes, fa, fb, ctx, out)


_SAID_BEFORE = re.compile(r"\b(?:" + "|".join(lx.SAY_VERBS) + r")\s+$", re.IGNORECASE)


def _event_time(q: Quantity, text: str) -> Quantity:
    """ "Officials said on Thursday that 40 had died": the day dates the statement, not the deaths; the
    figure is compared as one without a day of its own."""
    t = q.spans.get("time")
    if t is None or not _SAID_BEFORE.search(text[max(0, t[0] - 20) : t[0]]):
        return q
    return Quantity(**{**q.__dict__, "time": None, "time_resolved": None})


def _explained(outcomes: list[_Outcome]) -> list[_Outcome]:
    """A claim can hold several tolls of one measure ("10 killed in the city and 82 in the suburbs"): a
    figure that agrees with (or is updated by) one figure of the other claim is not in conflict with the
    others. Conflicts stand only between figures neither of which has a match."""
    matched = {id(q) for o in outcomes if o.kind in ("agree", "update") for q in (o.qa, o.qb)}
    return [o for o in outcomes if o.kind != "conflict" or not ({id(o.qa), id(o.qb)} & matched)]


def _later(a: ClaimText, b: ClaimText, da: dt.date | None, db: dt.date | None) -> str | None:
    """Which report is the later one: "a"/"b" from wording ("rose to", "later said"), else "a@"/"b@" from
    the report dates, else None."""
    cue_a, cue_b = _has_update_cue(a.text), _has_update_cue(b.text)
    if cue_a != cue_b:
        return "a" if cue_a else "b"
    if da and db and da != db:
        return "a@" if da > db else "b@"
    return None


def _only_figures(fa: tuple[Quantity, ...], fb: tuple[Quantity, ...], later: str | None) -> _Outcome | None:
    """When neither claim names what it counts but each has exactly one count of the same thing
    ("at least three dozen people rampaged" / "40 or 50 of them"), compare those two."""

    def people(q: Quantity) -> bool:
        return q.group is None or parse_group(q.group).cls is not None

    ca = [q for q in fa if q.kind == "count" and not q.negated and people(q)]
    cb = [q for q in fb if q.kind == "count" and not q.negated and people(q)]
    if len(ca) != 1 or len(cb) != 1:
        return None
    qa, qb = ca[0], cb[0]
    if qa.measure and qb.measure and qa.measure != qb.measure:
        return None
    if qa.group and qb.group and _group_relation(qa, qb) != "same":
        return None
    qa2 = _with_measure(qa, qa.measure or qb.measure or "count")
    qb2 = _with_measure(qb, qa.measure or qb.measure or "count")
    o = _compare(qa2, qb2, later)
    if o is not None and o.kind == "group":
        return None
    if o is not None and o.kind == "conflict" and not (qa.measure or qb.measure):
        # Neither claim says what its figure counts: too little to flag a conflict on.
        return _Outcome("part", qa, qb, "unclear")
    return o


def _with_measure(q: Quantity, measure: str) -> Quantity:
    return Quantity(**{**q.__dict__, "measure": measure})


_FIGURE_EVIDENCE = frozenset({"conflict", "agree", "update", "part", "period"})


def _decide(
    outcomes: list[_Outcome],
    fa: tuple[Quantity, ...],
    fb: tuple[Quantity, ...],
    ctx: float,
    emit: Callable[[str, float, str], Judgement],
) -> Judgement:
    by_kind: dict[str, list[_Outcome]] = {}
    for o in outcomes:
        by_kind.setdefault(o.kind, []).append(o)
    certainty = min(1.0, 0.5 + ctx)
    if "conflict" in by_kind:
        o = by_kind["conflict"][0]
        if o.note == "date":
            return emit(
                "conflict", certainty, f"Dates conflict: {o.qa.measure} on {o.qa.text} vs {o.qb.text}"
            )
        extra = f" ({o.note})" if o.note and o.note not in ("temperature", "magnitude") else ""
        return emit("conflict", certainty, f"Figures conflict: {o.qa.describe()} vs {o.qb.describe()}{extra}")
    if "update" in by_kind:
        o = by_kind["update"][0]
        return emit(
            "update",
            certainty * 0.9,
            f"Later figure updates the earlier: {o.qa.describe()} vs {o.qb.describe()}",
        )
    if "agree" in by_kind:
        o = by_kind["agree"][0]
        return emit("agree", certainty, f"Figures agree: {o.qa.describe()} vs {o.qb.describe()}")
    if "part" in by_kind:
        o = by_kind["part"][0]
        return emit("different_quantity", certainty * 0.9, _part_explanation(o, fa, fb))
    if "period" in by_kind:
        o = by_kind["period"][0]
        if o.note:
            return emit("different_quantity", certainty * 0.85, f"Different months: {o.note}")
        return emit(
            "different_quantity",
            certainty * 0.85,
            f"Different periods: {o.qa.describe()} ({o.qa.scope or 'one day'}) vs {o.qb.describe()} "
            f"({o.qb.scope or 'one day'})",
        )
    if "group" in by_kind:
        # Explained on the figure of the claim's own measure ("13 fighters killed"), not on a figure of
        # another measure beside it in the passage ("20 others wounded").
        o = by_kind["group"][0]
        return emit(
            "different_quantity",
            certainty * 0.8,
            f"Different groups: {o.qa.describe()} vs {o.qb.describe()}",
        )
    if "measure" in by_kind:
        o = by_kind["measure"][0]
        return emit(
            "different_quantity",
            certainty * 0.8,
            f"Different measures: {o.qa.describe()} vs {o.qb.describe()}",
        )
    has_a = any(q.kind not in ("date", "year", "time") for q in fa)
    has_b = any(q.kind not in ("date", "year", "time") for q in fb)
    if has_a and has_b:
        return emit("different_quantity", 0.5, "Same context but no figures count the same thing")
    return emit("unrelated", 0.5, "No comparable figures")


def _part_explanation(o: _Outcome, fa: tuple[Quantity, ...], fb: tuple[Quantity, ...]) -> str:
    qa, qb = o.qa, o.qb
    if o.note == "unclear":
        return f"Figures differ but neither claim says what they count: {qa.describe()} vs {qb.describe()}"
    bigger, smaller = (qa, qb) if _point(qa) >= _point(qb) else (qb, qa)
    total = _point(bigger)
    # Do the parts on the smaller side's claim add up to the total?
    side = fa if smaller in fa else fb
    parts = [
        q
        for q in side
        if q.is_count and q.measure == smaller.measure and q is not bigger and q.role != "total"
    ]
    if len(parts) >= 2 and abs(sum(_point(q) for q in parts) - total) < 0.5:
        terms = " + ".join(_fmt(_point(q)) for q in parts)
        return f"Parts add up: {terms} = {_fmt(total)} ({bigger.describe()})"
    rest = total - _point(smaller)
    if rest > 0 and o.note != "casualties" and "vague" not in (qa.qualifier, qb.qualifier):
        return (
            f"Part and total: {smaller.describe()} within {bigger.describe()}; "
            f"the other {_fmt(rest)} add up to the total"
        )
    return f"Different quantities: {qa.describe()} vs {qb.describe()}"


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"
