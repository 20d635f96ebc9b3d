"""What counts as a conflict worth a fact-checker's time: the one policy the check, the scan and the event
table apply, so that `verifier check`, `verifier conflicts` and `verifier table` never disagree.

Three questions, in the order a pair meets them:
- can the two claims be compared at all (`has_count`, `share_measure`)?
- can the two reports disagree (`reports_may_disagree`: published within SCAN_MAX_REPORT_DAYS of each
  other, and within one article only when it quotes two voices)? A checked claim and a passage alike
  (`days_between`), and a checked claim's conflict only with a passage tied to its incident
  (`tied_to_one_incident`: one place or one day said by both).
- is the relation's judgement a conflict to show (`worth_flagging`: the relation says conflict, the
  figures say what they count, and one figure is not merely restated; `marked_label` for the table)?
  For the scan's queue also: are the two clashing figures rival counts of one incident
  (`verifier.services.rivals.rival_counts`: not two named sites, not a recalled earlier incident against a
  new one, not a total over a span, a series or several places against one of its parts)? Reports are dated by
  their own dateline first (`report_date`).

How flags are ordered once raised is the scan's business (`scan.rank_score`), not this module's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Protocol

from verifier import lexicon as lx
from verifier.compare import ClaimText
from verifier.compare.evidence import gather, places, stated_days
from verifier.core.dates import parse_date
from verifier.core.records import Article
from verifier.quantities import Quantity, extract

# Reports more than this many days apart are not candidates: news of one attack is published within
# days. On FA-KES, 38% of the cross-article conflicts the relation raised before this rule joined reports
# over a month apart, and none of the 30 we read that were more than 3 days apart was about one incident.
SCAN_MAX_REPORT_DAYS = 3

# Figures that say what they measure by their kind: a sum of money, a share, a measurement, a date or a time.
# Two of them aligned by the judgement are worth flagging without a named casualty measure.
SELF_DESCRIBING_KINDS = frozenset(
    {"money", "percent", "percentage_points", "measure", "date", "time", "score"}
)


def has_count(quantities: Iterable[Quantity]) -> bool:
    """True when a frame counts or amounts to something (not a date, year, age, time of day, ordinal)."""
    return any(q.is_count for q in quantities)


def share_measure(a: Iterable[Quantity], b: Iterable[Quantity]) -> bool:
    """True when both claims name one same measure (killed, wounded, magnitude, ...) for a figure.

    A conflict is only worth a fact-checker's time when both sides say what they count: on the demo
    corpus every "conflict" between figures of unstated measure (a crowd of 5,000 against 14 arrests,
    a city of 100,000 against dozens killed) was a false alarm.
    """
    ma = {q.measure for q in a if q.is_count and q.measure}
    return bool(ma & {q.measure for q in b if q.is_count and q.measure})


# -- can two reports disagree ----------------------------------------------------------------------

_NOT_A_VOICE = frozenset(
    "said says say told according to reported reports added claimed the a an in at of on from for by city "
    "town area local source sources".split()
)
_WORD = re.compile(r"[a-z]+")
_BEFORE_SAYS = re.compile(r"((?:[\w'’-]+\s+){1,5})(?:said|says|say|told|reported|claimed)\b", re.IGNORECASE)


class Reported(Protocol):
    """A claim as its article reports it: the article, and who the claim's figures come from (`voice`)."""

    @property
    def article(self) -> Article: ...

    @property
    def voice(self) -> str: ...


def voice(text: str, quantities: Iterable[Any]) -> str:
    """Who the claim's figures come from, as its content words ("medical officials", "they"); "" when
    the sentence attributes nothing (a headline, the outlet's own statement)."""
    who = next((q.attribution for q in quantities if q.is_count and q.attribution), None)
    if who is None:
        m = _BEFORE_SAYS.search(text)
        who = m.group(1) if m else ""
    return " ".join(w for w in _WORD.findall(who.lower()) if w not in _NOT_A_VOICE)


def voices_differ(a: str, b: str) -> bool:
    """Whether two voices (`voice`) are two different sources."""
    va, vb = set(a.split()), set(b.split())
    # "officials" may be the "medical officials" of the next line; "army officials" are not
    return bool(va and vb) and not (va <= vb or vb <= va)


def quote_two_voices(a: str, b: str) -> bool:
    """Whether two sentences of one article quote two different sources, by their text."""
    return voices_differ(voice(a, extract(a)), voice(b, extract(b)))


# The first characters of an article, where its own dateline stands ("Sunday 14 Aug 2016", "Date of
# publication 4 April 2017", "11.10.2017"): after the title and an agency name at most.
DATELINE_CHARS = 160
_MONTH_NAMES = "|".join(sorted({*lx.MONTHS, *lx.MONTH_ABBREVIATIONS}, key=len, reverse=True))
_DATELINE = re.compile(
    r"\b(?:\d{1,2}\s+(?:" + _MONTH_NAMES + r")\.?,?\s+\d{4}"
    r"|(?:" + _MONTH_NAMES + r")\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\.\d{1,2}\.\d{4})\b",
    re.IGNORECASE,
)


def report_date(article: Article) -> dt.date | None:
    """The day an article was published: the full date its own first lines give (its dateline), else the
    date it was imported with. Feeds and data sets misdate articles (on FA-KES, a piece whose dateline is 29
    October filed under 3 October, a September piece under the August attack it recalls); the article's own
    dateline is what its reporter wrote."""
    return _report_date(article.text[:DATELINE_CHARS], article.published)


# A scan asks for the dates of the same few thousand articles once per neighbour pair (16,582 times for
# 1,000 new claims at 100k claims): read each once.
@lru_cache(maxsize=65_536)
def _report_date(head: str, published: str | None) -> dt.date | None:
    m = _DATELINE.search(head)
    day = parse_date(m.group()) if m else None
    return day if day is not None else parse_date(published)


def days_apart(a: Article, b: Article) -> int:
    """Days between two reports' dates (`report_date`); 0 when either is undated (then only meaning
    decides)."""
    da, db = report_date(a), report_date(b)
    if da is None or db is None:
        return 0
    return abs((da - db).days)


def days_between(a: str | None, b: str | None) -> int | None:
    """Days between two report dates (ISO or any form `parse_date` reads); None when either is unknown."""
    da, db = parse_date(a), parse_date(b)
    if da is None or db is None:
        return None
    return abs((da - db).days)


_NAME = re.compile(r"[A-Z][\w-]*[a-z][\w-]*")  # a capitalised word, not an acronym
# From this length a shared beginning is one name spelt two ways or with a suffix ("Dernah"/"Derna");
# shorter names must match whole (as compare.evidence reads places).
_STEM_FROM = 5


def _names_a_place_of(text: str, other: str) -> bool:
    """Whether `text` names, as a word, a place that `other` sets figures in ("in Varnell", "the town of
    Varnell"); one letter may differ between spellings of one name ("Darna"/"Derna")."""
    words = {w.casefold() for w in _NAME.findall(text)}

    def same(a: str, b: str) -> bool:
        if a == b or (min(len(a), len(b)) >= _STEM_FROM and (a.startswith(b) or b.startswith(a))):
            return True
        return len(a) == len(b) >= _STEM_FROM and sum(x != y for x, y in zip(a, b, strict=True)) <= 1

    return any(same(p, w) for place in places(other) for p in place.casefold().split() for w in words)


def tied_to_one_incident(claim: ClaimText, passage: ClaimText, judgement: Any) -> bool:
    """Whether a checked claim and a passage say their figures are of one incident: they set them in one
    place (a place of the claim named by the passage, its title or its article, or one of theirs named by
    the claim), or on one day (both state it; or the claim states none and the passage's figures are of
    the day the claim was made).

    News of one beat (one war, one country) brings, on any day, many incidents of one kind with figures of
    one measure; two such figures that name no common place or day clash as often because they count two
    incidents. A clash that names neither stays visible, as related, with this reason. On FA-KES (the first
    sentence with a toll of each article, checked with its date: `python -m bench.check_fakes --probe`,
    docs/check_fakes.md), this rule set apart 13 clashes between articles at most SCAN_MAX_REPORT_DAYS
    apart; read one by one, 6 were two incidents (a bus bombing against a gas attack dated the same day,
    one front's toll against another front's), 4 one incident, 3 unclear. `judgement` is
    `relate(claim, passage)`: its frames carry the days each claim states.
    """
    evidence = gather(claim, passage, judgement.a_figures, judgement.b_figures)
    if evidence.places_shared or evidence.days_shared:
        return True
    # The claim's place may be named anywhere in the passage's article (its lead tells where "the town"
    # is); the passage's own place (its sentence, its title) may be named by the claim without "in" ("the
    # Brennock bridge"). Not the article's every place: a long article names many, some misread.
    own = f"{passage.text}\n{passage.setting}"
    if _names_a_place_of(f"{own}\n{passage.context}", claim.text) or _names_a_place_of(claim.text, own):
        return True
    made = parse_date(claim.date)
    if made is None or stated_days(judgement.a_figures):
        return False
    return made in stated_days(judgement.b_figures)


def reports_may_disagree(a: Reported, b: Reported) -> bool:
    """Whether two claims' reports can disagree at all.

    Two articles: only when published at most SCAN_MAX_REPORT_DAYS apart (reports days apart are compared
    as updates at most). One article: only when it quotes two different sources ("officials said at least
    27" / "medical officials said 13"). Otherwise its figures are parts, updates or other incidents of a
    round-up: on FA-KES, 1 of the 25 within-article flags among the top 50 we read was a real disagreement
    before this rule, and that one quoted two sources. A voice is only read within one article.
    """
    if a.article.id == b.article.id:
        return voices_differ(a.voice, b.voice)
    return days_apart(a.article, b.article) <= SCAN_MAX_REPORT_DAYS


# -- is the judgement a conflict to show -------------------------------------------------------------


def worth_flagging(judgement: Any) -> bool:
    """A conflict a fact-checker should see: the relation says conflict, both claims name one same
    measure (or the clashing figures are of a kind that says what it measures: money, percent, a
    measurement, a date, a time), and they do not merely restate one figure with another qualifier."""
    if judgement.label != "conflict":
        return False
    basis = getattr(judgement, "basis", None)
    described = basis is not None and basis[0].kind in SELF_DESCRIBING_KINDS
    return (described or share_measure(judgement.a_figures, judgement.b_figures)) and not restates(
        judgement.a_figures, judgement.b_figures
    )


def may_be_in_a_flag(quantities: Sequence[Quantity]) -> bool:
    """Whether a claim can be one side of a flag at all: `worth_flagging` needs a count that names its
    measure on both sides, or a clash of figures of a self-describing kind, and figures only clash within
    one family, so a claim has one or the other. The scan searches no neighbours for a claim without
    either, and sets no neighbour without either against a new claim."""
    return any(q.kind in SELF_DESCRIBING_KINDS or (q.is_count and q.measure) for q in quantities)


def may_be_worth_flagging(a: Sequence[Quantity], b: Sequence[Quantity]) -> bool:
    """What `worth_flagging` needs of the two claims' frames (`extract`), read before any judgement: one
    same measure on both sides, or a figure of a kind that says what it measures. A pair without either is
    never flagged whatever the relation says, so the scan does not judge it (at 1M claims, judging was
    most of the scan's time once the neighbours' figures were read lazily: docs/benchmarks.md)."""
    described = any(q.kind in SELF_DESCRIBING_KINDS for q in (*a, *b))
    return described or share_measure(a, b)


def restates(a: Sequence[Any], b: Sequence[Any]) -> bool:
    """True when, for every measure both claims count, each gives one figure and it is the same number
    ("more than 230,000 killed" / "230,000 deaths", "19 civilians" / "more than 19 civilians"): one figure
    restated, whatever the qualifier. On FA-KES these were 4 of the top 50 flags, none a real conflict."""
    by_measure_a: dict[str, list[float]] = {}
    by_measure_b: dict[str, list[float]] = {}
    for figures, out in ((a, by_measure_a), (b, by_measure_b)):
        for q in figures:
            if q.is_count and q.measure and q.value is not None:
                out.setdefault(q.measure, []).append(float(q.value))
    shared = by_measure_a.keys() & by_measure_b.keys()
    return bool(shared) and all(
        len(by_measure_a[m]) == len(by_measure_b[m]) == 1 and by_measure_a[m] == by_measure_b[m]
        for m in shared
    )


def marked_label(judgement: Any) -> str:
    """A judgement's label as the event table marks it: "conflict" only when `worth_flagging` (so the
    table and `verifier conflicts` agree), "other" for a conflict not worth flagging, else the label."""
    if worth_flagging(judgement):
        return "conflict"
    return "other" if judgement.label == "conflict" else str(judgement.label)
