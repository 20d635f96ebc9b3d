"""The decision table on top of the classifier's probabilities: the labelling conventions that are facts of
the task rather than patterns to learn.

- Unrelated or not first: the pair is about one incident when the classifier gives that at least even odds
  and the claims do not name other kinds of event or other weekdays for their events.
- One clash is enough (LABELS.md): when the classifier reads a pair as the same incident and quantity
  but the only figure of one named measure in each claim, of one group, cannot both be
  true ("6 killed, 32 wounded" / "6 killed, 30 wounded"), the pair is a conflict. "The only figure of that
  measure" keeps lists ("15 killed in Homs and 3 in Hama") out: there, which figure matches which is a guess.
  Without a measure word, the only figure of its kind (one duration, one count of firefighters) is that
  figure, when the words around the two figures say they count one thing.
- Conflict, agree and update compare figures: a pair with no two figures of one family is, at most, about
  another quantity of the same incident.
- A conflict needs a clash: two aligned figures of one span (no "since 1987" on one side only) that
  cannot both be true, neither of which the other claim repeats (lists in another order) nor is vague
  ("dozens"), in claims that do not set their events apart (other days, weekdays or kinds of event).
- A clash between claims that set their events apart (other days, weekdays, kinds of event or places) is
  two events counted, not one disagreement: unrelated (labelled pairs: the 4 set in places apart with a
  clash are all unrelated).
- A part larger than its whole (at least 27 IS fighters, 13 fighters killed) is a clash too.
- Parts that add up exactly to the other claim's whole ("150 passengers and 6 crew" / "all 156 on board")
  agree where the classifier reads only a part against its whole (compare/sums.py), as do a group and its
  whole counted with one value ("20 to 25 people arrested" / "22 protesters arrested", Aligned.restates).
- An update needs its evidence (LABELS.md): revision wording on a tally, or a report known to be later
  whose figure grew; a clash without it is a conflict, a clash with it an update, and the classifier's
  "update" without it gives way to the next label.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from verifier import lexicon as lx
from verifier.compare import holders, parties, scopes
from verifier.compare.align import Aligned, best_per_figure
from verifier.compare.comparators import compatible
from verifier.compare.features import STRONG_ALIGNMENT, PairView
from verifier.compare.figures import WHEN, Figure
from verifier.compare.sums import parts_making_whole
from verifier.compare.vocab import load
from verifier.quantities import Quantity


def _points(f: Figure) -> set[float]:
    """A point figure's value in normal units, signed when it is a change ("fell 3%" is -3, never a repeat
    of "rose 3%")."""
    return {(f.direction or 1) * f.point} if f.low == f.high else set()


def _written(f: Figure) -> set[tuple[float, str | None]]:
    """A point figure's value as written, with its unit."""
    if f.low != f.high or f.q.value is None:
        return set()
    return {((f.direction or 1) * f.q.value, f.q.unit)}


def _states(f: Figure, others: Sequence[Figure]) -> bool:
    """Another figure states this one's value: in normal units, or as written in the same unit or with a
    unit on one side only ("ran for 101" / "101 yards"), never in two units ("150 km/h" / "150 mph")."""
    mine = _written(f)
    return any(
        _points(f) & _points(g)
        or any(x == y and (u == w or None in (u, w)) for x, u in mine for y, w in _written(g))
        for g in others
    )


def _repeated(v: PairView) -> tuple[set[int], set[int]]:
    """The figures of each claim whose value the other claim states too (by id). A value the other claim
    gives as the one its figure changed from ("140 arrested, up from 87") is no repeat: that claim has
    moved on."""
    fa = [f for f in v.figures_a if f.q.role != "earlier"]
    fb = [f for f in v.figures_b if f.q.role != "earlier"]
    return {id(f) for f in v.figures_a if _states(f, fb)}, {id(f) for f in v.figures_b if _states(f, fa)}


def open_clashes(v: PairView) -> list[Aligned]:
    """Clashes of one span between figures neither of which the other claim repeats: in "sons aged 6 and
    16" against "sons aged 16 and 6", 6 against 16 clashes only because of the order of a list. A figure
    its own claim supersedes ("61%, up from 55%", "an earlier toll of 15") clashes with nothing."""
    rep_a, rep_b = _repeated(v)
    return [
        p
        for p in v.pairs
        if p.clash
        and not scopes.other_period(v, p)
        and not _loose(p)
        and not _names_apart(p)
        and p.a.q.role != "earlier" != p.b.q.role
        and not holders.apart(p.a.holder, p.b.holder, v.a.text, v.b.text)
        and id(p.a) not in rep_a
        and id(p.b) not in rep_b
    ]


def _names_apart(p: Aligned) -> bool:
    """Two codes with letters in them ("M4" and "A9", "MH17" and "MH370") name two things, two roads or two
    flights: they set the reports apart rather than contradict each other. A code of digits alone (a phone
    number) is a fact that can be misreported."""
    return p.a.family == "code" and any(c.isalpha() for c in (p.a.key or "") + (p.b.key or ""))


def _loose(p: Aligned) -> bool:
    """A vague quantity ("dozens", "several", "hundreds") is loose in news copy, often written beside the
    exact figure in the same article: it does not contradict a figure. (Labelled pairs: none of the 12
    whose only clashes involve one is a conflict.)"""
    return p.a.q.qualifier == "vague" or p.b.q.qualifier == "vague"


def _other_event(v: PairView, clash: Aligned | None = None) -> bool:
    """The claims set their events apart: both say on which day it happened and the days (or weekdays)
    differ, they name different kinds of event (a car bomb, an air strike), or each is set in a place the
    other never names. Two events, or one event and another day's total; their figures do not contradict
    each other. (Labelled pairs: of the 64 with two stated days apart, 26 with weekdays apart and 15 with
    kinds apart, none is a conflict; 84 unrelated. Of the 23 set in places apart, none is a conflict and 15
    are unrelated; all 4 of them with a clash are unrelated.)"""
    e = v.evidence
    if clash is not None and clash.a.family in WHEN:
        # When the clash is between the days themselves ("sank on November 18" / "on November 19"), the
        # days apart are the disagreement, not a sign of two events.
        return e.kinds_clash
    return (
        (e.stated_gap is not None and e.stated_gap >= 1)
        or e.weekday_clash
        or e.kinds_clash
        or e.places is not None
        or any(parties.other_matches(v.a, v.b, p) for p in v.pairs)
    )


def _named_measure(q: Quantity) -> str | None:
    """What a figure is said to measure: its measure word, else the attribute its unit is read in ("a
    5.9-magnitude quake" names a magnitude without the word governing it)."""
    if q.measure is not None or q.kind != "measure":
        return q.measure
    return next((m for m, units in lx.MEASURED_ATTRIBUTES.items() if q.unit in units), None)


# Figures that say when (figures.WHEN) say what they date only through their verb ("sank on November 18"):
# a dateline, the day of an announcement or a career year is no date of the act, so these count as the
# figure of one measure only when a verb names it.


def _what(f: Figure) -> str | None:
    """What a figure is the figure of, for "the only figure of one measure": its named measure, else its
    family ("the strike lasted 12 days" has one duration, "about 300 firefighters" one count of them)."""
    named = _named_measure(f.q)
    if f.family in WHEN:  # the day of the killing is not one more count of the killed
        if named is None and f.act is not None:  # "will be held on 14 May": the date of the holding
            return f"{f.family}:act:{f.act}"
        return None if named is None else f"{f.family}:{named}"
    if named is not None:
        return named
    return "family:" + f.family


def _measures(figures: Sequence[Figure]) -> Counter[str | None]:
    """How many figures of each measure a claim gives; a figure repeated (a headline and the lead of one
    report: "car bomb kills 20 ... killed 20 people") is one figure, and the value a figure changed from
    ("140, up from 87") is no figure of its own."""
    found = {(_what(f), f.family, f.low, f.high, f.key) for f in figures if f.q.role != "earlier"}
    return Counter(m for m, *_ in found)


def _one_thing(p: Aligned) -> bool:
    """The two figures say they count one thing: a measure word, else words around them that say so ("a
    two-week campaign" and "one day of killings" are two durations, not one measure)."""
    if p.a.of_noun is not None and p.a.of_noun == p.b.of_noun:
        return True  # "an 11-day strike" and "the three-week strike": two lengths of one strike
    if p.a.family == "percent" and p.a.q.group_head and p.b.q.group_head and p.groups == "same":
        return True  # "52.4% of the vote" and "58 percent of the ballots": shares of one whole
    return not (_what(p.a) or "family:").startswith("family:") or p.strength >= STRONG_ALIGNMENT


def _restated(v: PairView, other_than: Aligned) -> bool:
    """Another figure of another kind is the same in both claims ("1.3 kg" in each, "3 touchdowns" in
    each): the claims restate one report, so the only figures of a kind in each say the same thing. Not for
    scores and codes: "11-4" (a season's record) and "31-24" (a game's score) are both scores."""
    if other_than.a.family in ("score", "code"):
        return False
    return any(
        p.a.family != other_than.a.family
        and p.same_thing
        and p.a.low == p.a.high == p.b.low == p.b.high
        and p.a.q.qualifier is None
        and p.b.q.qualifier is None
        for p in v.pairs
    )


def clashing_pair(v: PairView) -> Aligned | None:
    """The clash between the only two figures of one named measure, if there is one."""
    count_a = _measures(v.figures_a)
    count_b = _measures(v.figures_b)
    for p in open_clashes(v):
        m = _what(p.a)
        if m is not None and m == _what(p.b) and p.groups == "same" and count_a[m] == count_b[m] == 1:
            # Without a measure word, the figures' own words must say they count one thing: "a two-week
            # campaign" and "one day of killings" are the only durations of two claims, but not one measure;
            # or the claims must restate one report, agreeing exactly on a figure of another kind.
            if _one_thing(p) or _restated(v, p) or parties.one_story(v.a, v.b, p):
                return p
        if p.part_exceeds_whole:  # "at least 27 IS fighters" against "13 fighters": whatever else is said
            return p
        if _one_event_when(v, p):
            return p
        if _counts_of_one_group(p) and _anchored(v, p):
            return p
    return None


def _one_event_when(v: PairView, p: Aligned) -> bool:
    """The only day (or time of day) each of two claims gives, in claims that report one event (they name
    the same parties and no other), is the day of that event: "sank off Ostrell on November 18" and "went
    down near Ostrell on November 19" disagree on it. Unless the verbs the days belong to say two acts
    ("arrested on Monday", "released on Tuesday")."""
    family = p.a.family
    if family not in ("date", "time"):
        return False
    if sum(f.family == family for f in v.figures_a) != 1 or sum(f.family == family for f in v.figures_b) != 1:
        return False
    if p.a.q.measure and p.b.q.measure and p.a.q.measure != p.b.q.measure:
        return False
    if p.a.act is None or p.b.act is None:
        return False  # "announced today (14 October)": the day of a statement, not of the event
    if p.a.act != p.b.act and _is_act(p.a.act) and _is_act(p.b.act):
        return False
    if not (v.a.text[: p.a.q.span[0]].strip() and v.b.text[: p.b.q.span[0]].strip()):
        return False  # a dateline opening a claim ("24 November 2016 Air strikes kill ...") dates the report
    return parties.same_parties(v.a, v.b)


def _is_act(s: str) -> bool:
    """A stem of a verb of the act vocabulary ("open", "sign", "launch"): two of those name two acts."""
    return s in load().acts.values()


def _plain_count(f: Figure) -> bool:
    """A count of a named group with no measure word and no part role: "312 passengers"."""
    q = f.q
    return f.family == "count" and q.measure is None and q.role is None and q.group_head is not None


def _counts_of_one_group(p: Aligned) -> bool:
    same_head = p.a.q.group_head == p.b.q.group_head
    return _plain_count(p.a) and _plain_count(p.b) and same_head and p.groups == "same"


def _anchored(v: PairView, p: Aligned) -> bool:
    """The group of `p` is counted once in each claim, and the claims count another group exactly alike
    ("312 passengers and 40 crew" / "280 passengers and 40 crew"): they restate one report, so the counts of
    the first group are one count told two ways. A figure of that group in another role ("another two
    touchdowns") makes the group's count no single figure."""
    head = p.a.q.group_head
    for figures in (v.figures_a, v.figures_b):
        if sum(1 for f in figures if f.q.group_head == head) != 1:
            return False
    return any(
        q is not p
        and _counts_of_one_group(q)
        and q.a.q.group_head != head
        and q.a.low == q.a.high == q.b.low == q.b.high
        and q.a.q.qualifier is None
        and q.b.q.qualifier is None
        for q in v.pairs
    )


# The first decision: the claims are about one incident when the classifier gives that at least even odds;
# then the figures decide among the four other labels. (Taking the argmax of the joint probabilities instead
# would call any pair "unrelated" whose figure probabilities are spread over several labels.)
SAME_INCIDENT_FROM = 0.5


def revised(v: PairView, p: Aligned) -> bool:
    """Update evidence (LABELS.md): revision wording, or a report known to be later with the larger figure
    (a smaller one for counts that fall as time passes: the missing are found)."""
    e = v.evidence
    gap = e.report_gap or 0
    # Revision wording revises a tally (a toll grows as reports come in); on a rate, a price or a
    # measurement "rose to" says the world changed ("unemployment rose to 5.4%"), and two reports of one
    # change with other figures conflict.
    tally = p.a.family in ("count", "fraction")
    wording = tally and ((e.revision_b and gap >= 0) or (e.revision_a and gap <= 0))
    # "Revised", "corrected": the report says its own figure changed, whatever the figure measures.
    wording = wording or (e.report_revised_b and gap >= 0) or (e.report_revised_a and gap <= 0)
    sign = -1 if p.a.q.measure in lx.FALLING_MEASURES else 1
    # A tally grows as reports come in, another figure may too, unless of a day or month both claims name.
    fixed = not tally and (e.days_shared or e.months_shared)
    grew = not fixed and gap != 0 and sign * (p.b.point - p.a.point) * gap > 0
    return wording or grew or _moved_on(v, p)


def _moved_on(v: PairView, p: Aligned) -> bool:
    """One claim gives the other's figure as the value its own changed from ("140 arrested, up from 87"
    against "87 arrested"): it revises that figure."""
    def started_at(f: Figure, others: Sequence[Figure]) -> bool:
        return any(o.q.role == "earlier" and o.family == f.family and compatible(f, o) for o in others)

    return started_at(p.a, v.figures_b) or started_at(p.b, v.figures_a)


def _cannot_agree(v: PairView) -> bool:
    """Agreement is compatible figures of one quantity (LABELS.md). Only figures two holders give alike
    ("Kestrel Mining" and "Falcon Ridge Mining" both earned $2 billion) are two firms' or two players'
    figures, no agreement about one; and when every aligned pair that could agree measures two things
    (revenue and profit, jobs cut and jobs held), none agrees."""
    agreeing = any(
        p.same_thing and p.compatible and not holders.apart(p.a.holder, p.b.holder, v.a.text, v.b.text)
        for p in v.pairs
    )
    return not agreeing and any((p.same_thing and p.compatible) or p.measures == "other" for p in v.pairs)


def _two_stories(label: str, v: PairView) -> bool:
    """Whether the label the figures chose is about two stories after all: figures set in two places, or
    held by two names, that nothing ties together."""
    e = v.evidence
    tied = any(p.same_thing and p.compatible for p in v.pairs)
    if e.places_said and (label == "agree" or (label == "conflict" and not e.part_of_place and not tied)):
        # Figures set in two places, each named by one claim alone ("the town of Qadira", "the town of
        # Bessan"), are two places' figures: alike, they are not one told twice; apart, they do not clash
        # unless one place may be a part of the other ("the Bara district") or another figure agrees and
        # ties them to one incident (one quake's toll told of "the Teral valley" and "around Hessvik").
        # (Labelled pairs whose sentences name places apart, spelling variants read as one: 12 of 15
        # unrelated, 2 different quantities, 1 agree; none of them judged a conflict.)
        return True
    if label in ("different_quantity", "agree") and holders.strangers(
        [(p.a.holder, p.b.holder) for p in v.pairs], v.a.text, v.b.text
    ):
        # Two names' figures in claims that share no name: two stories (two airlines' strikes, two towns'
        # mayors), not two quantities of one. Few labelled pairs have two holders apart: of the 2, the one
        # sharing no name is unrelated; tests/test_compare_holders.py holds sentences written for it.
        return True
    return False


def decide(probs: Mapping[str, float], v: PairView) -> tuple[str, float]:
    """The label and the probability that it is right. Where the table overrides the figures decision, the
    label is certain once the pair is about one incident, so its probability is that of one incident."""
    same = 1 - probs["unrelated"]
    e = v.evidence
    if same < SAME_INCIDENT_FROM or e.kinds_clash or e.weekday_clash:
        # Other kinds of event (a bombing, a landslide), or other weekdays for the events, are other
        # incidents: 13 of the 15 labelled pairs whose claims name kinds apart are unrelated, 21 of the 26
        # that name weekdays apart (grouped CV with the weekday rule: 0.810 / 0.614 against 0.808 / 0.610).
        return "unrelated", probs["unrelated"]
    # Conflict, agreement and update are all about two figures of one family (LABELS.md); with none aligned,
    # only another quantity or another incident is left.
    allowed = [k for k in probs if k != "unrelated"] if v.pairs else ["different_quantity"]
    clash = clashing_pair(v)
    if clash is not None and _other_event(v, clash):
        return "unrelated", probs["unrelated"]
    if clash is not None:
        return ("update" if revised(v, clash) else "conflict"), same
    clashes = open_clashes(v)
    if any(_moved_on(v, p) for p in clashes) and not _other_event(v):
        # One claim gives the other's figure as where its own count started ("12,000, up from 8,000").
        return "update", same
    if not any(revised(v, p) for p in v.pairs):
        # An update revises a figure (LABELS.md): without revision wording or a later report whose figure
        # moved, two figures of one report date are no update. (Grouped CV, macro-F1 0.589 -> 0.597
        # alone; update precision 0.40 -> 0.42 with articles, 0.45 -> 0.50 alone.)
        allowed = [k for k in allowed if k != "update"]
    if scopes.one_count_each(v):
        # One figure each, of one named measure and group, and nothing setting their scopes apart (a running
        # total against one attack, a district against its city): one quantity, not two. None of the 28
        # labelled pairs like this is a different quantity (17 agree, 4 conflict, 3 update, 4 unrelated).
        allowed = [k for k in allowed if k != "different_quantity"]
    # The classifier's first choice among the labels the pair can have: an update it cannot be is a clash.
    first = max(allowed or ["different_quantity"], key=lambda k: probs[k])
    said_one = any(_one_thing(p) or parties.one_story(v.a, v.b, p) for p in clashes)
    if _other_event(v) or not clashes or (first != "conflict" and not said_one):
        # A conflict needs two figures of one span that cannot both be true; without one, the next label.
        # A conflict the classifier did not put first needs figures that say they count one thing.
        allowed = [k for k in allowed if k != "conflict"]
    if _cannot_agree(v):
        allowed = [k for k in allowed if k != "agree"]
    label = max(allowed or ["different_quantity"], key=lambda k: probs[k])
    if _two_stories(label, v):
        return "unrelated", probs["unrelated"] + probs[label]
    if label == "different_quantity" and not clashes and (
        parts_making_whole(v) is not None or any(p.restates for p in best_per_figure(list(v.pairs)))
    ):
        # Parts that add up to the other claim's whole, or a group and its whole with one value, are the same
        # count told two ways (LABELS.md: a part and its compatible whole agree).
        return "agree", same
    return label, probs[label]


def basis(label: str, v: PairView) -> Aligned | None:
    """The aligned pair a label rests on: the clash of one span for a conflict or an update, the strongest
    agreeing pair for an agreement."""
    if label in ("conflict", "update"):
        return clashing_pair(v) or next(iter(open_clashes(v)), None)
    if label == "agree":
        return next((p for p in v.pairs if p.same_thing and p.compatible), None)
    return None
