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
  (`rival_counts`: not two named sites, not a recalled earlier incident against a new one, not a total
  over a span, a series or several places against one of its parts)? Reports are dated by their own
  dateline first (`report_date`).

How flags are ordered once raised is the scan's business (`scan.rank_score`), not this module's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from verifier import lexicon as lx
from verifier.compare import ClaimText
from verifier.compare.evidence import gather, months, places, stated_days
from verifier.dates import parse_date
from verifier.quantities import Quantity, extract
from verifier.records import Article

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
    m = _DATELINE.search(article.text[:DATELINE_CHARS])
    day = parse_date(m.group()) if m else None
    return day if day is not None else parse_date(article.published)


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


# -- are the two clashing figures rival counts of one incident ---------------------------------------

# Words that make a figure a total over a span of time or a series of incidents, beyond what the
# extractor reads as a figure's own scope ("since dawn"): "over the past 24 hours", "a series of strikes",
# a sentence opening "Since Sept. 19, ...".
# Not "a total of" / "in total" / "overall": those sum the parts of one incident as often as of several.
_AGGREGATE_CUES = re.compile(
    r"\b(?:over|in|during|for)\s+the\s+(?:past|last)\b|\ba\s+(?:series|wave|string|spate)\s+of\b"
    r"|\b(?:this|last)\s+(?:year|month|week)\b|\bin\s+recent\s+(?:days|weeks|months)\b|\bcumulative\b"
    # "since" a point in time (a date, "dawn", "the start of ..."), not "the worst attack since the war"
    r"|\bsince\s+(?:(?:the\s+)?(?:start|beginning|dawn|morning)\b|[A-Z][a-z]*\.?\s*\d|\d)",
    re.IGNORECASE,
)


# Several places joined in one list after "in" ("in Tarsa, Velm and Oskar", "in Tarsa and its countryside,
# Velm and Oskar"): a figure set in them all is a total over several places, so over several incidents.
_PLACE_TOKEN = r"(?:[a-z]{1,3}-)?[A-Z][\w-]*[a-z][\w-]*"
_PLACE_LIST = re.compile(
    r"\b(?:in|across)\s+(?:the\s+)?(?P<run>"
    + _PLACE_TOKEN
    + r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+(?:and\s+)?its\s+countryside\s*,?\s*|\s+)"
    + _PLACE_TOKEN
    + r")+)"
)
# "Another strike ...", "in another raid", "a bus was also hit": the sentence counts an incident beside the
# one its article leads with, so its figure is not that incident's, nor a rival of another report's count.
# "Another" must name an event ("another air strike"): "and another 20 wounded" counts people of one.
_EVENT_NOUNS = sorted(
    {w for ws in lx.EVENT_KINDS.values() for w in ws}
    | {
        "strike",
        "strikes",
        "attack",
        "attacks",
        "raid",
        "raids",
        "bombing",
        "bombings",
        "blast",
        "blasts",
        "explosion",
        "explosions",
        "incident",
        "massacre",
        "bomb",
    },
    key=len,
    reverse=True,
)
_ANOTHER = re.compile(
    r"\banother\s+(?:[\w-]+\s+){0,2}?(?:"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _EVENT_NOUNS)
    + r")\b|\balso\s+(?:been\s+)?(?:hit|struck|targeted|shelled|bombed)\b",
    re.IGNORECASE,
)


def _lists_places(text: str) -> bool:
    """Whether a sentence sets its figures in a list of two or more places joined by a comma or "and"."""
    for m in _PLACE_LIST.finditer(text):
        run = m.group("run")
        names = [w for w in re.findall(_PLACE_TOKEN, run) if w.lower() not in lx.NOT_PLACE_WORDS]
        if len(names) >= 2 and ("," in run or re.search(r"\band\b", run)):
            return True
    return False


def counts_another_incident(text: str) -> bool:
    """Whether a sentence introduces its figure as another incident than its article's lead ("another
    strike", "in another raid", "was also hit")."""
    return _ANOTHER.search(text) is not None


# A figure's scope is a span of time when it names a point or a length of time ("since Saturday", "since
# 19 September", "in two days"), not an event ("since the war": "the deadliest since the war" is one day's).
_SPAN_SCOPE = re.compile(
    r"\d|\b(?:dawn|morning|start|beginning|hours?|days?|weeks?|months?|years?|"
    + "|".join(lx.MONTHS)
    + r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)


_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)
_PERFECT = re.compile(r"\b(?:have|has)\s+(?:been\s+)?[a-z]+(?:ed|en|wn|ied)\b", re.IGNORECASE)


def _basis(judgement: Any) -> tuple[Sequence[Any], Sequence[Any]]:
    """The figures a judgement's label rests on: its basis pair when it has one, else every count."""
    basis = getattr(judgement, "basis", None)
    if basis is not None:
        return (basis[0],), (basis[1],)
    return (
        [q for q in judgement.a_figures if q.is_count],
        [q for q in judgement.b_figures if q.is_count],
    )


def is_aggregate(text: str, figures: Sequence[Any]) -> bool:
    """Whether a claim's figures total a span of time, a series of incidents or several places: a figure
    has its own time scope ("since dawn", "since 19 September"); its sentence counts over a span or a
    series ("over the past 24 hours", "a series of raids", "this year"), counts with "since" and a present
    perfect ("have been killed since the truce collapsed": a running total), or sets its figures in a list
    of places ("in Tarsa, Velm and Oskar"). Such a total holds the day's incident among others, so it is no
    rival count of that one incident, whichever is larger."""
    scopes = [q.scope for q in figures if getattr(q, "scope", None)]
    if any(_SPAN_SCOPE.search(s) for s in scopes):
        return True
    # "since the war" with a present perfect ("have been killed since the war") is a running total;
    # without one ("the deadliest since the war began") it only ranks one incident
    if (any(s.lower().startswith("since") for s in scopes) or _SINCE.search(text)) and _PERFECT.search(text):
        return True
    return _AGGREGATE_CUES.search(text) is not None or _lists_places(text)


def recalls_earlier(text: str, figures: Sequence[Any], report_date: str | None) -> bool:
    """Whether a claim's figures are of an incident before the report's days: each resolves to a day
    given as a calendar date more than SCAN_MAX_REPORT_DAYS before the report ("on October 13" in a piece
    of 27 October), or the
    sentence sets them in a named month other than the report's ("in May" in a July piece). A report
    recalls earlier incidents as background; their figures are not the news of its day. A figure with a
    scope ("since 19 September") is a running total, not a recalled incident (`is_aggregate`)."""
    made = parse_date(report_date)
    if made is None:
        return False
    if any(getattr(q, "scope", None) for q in figures):
        return False
    # Only a calendar date can point further back: a weekday ("on Thursday") names a day of the report's
    # week, which a CSV date a few days off the text would push past the limit.
    days = [
        d
        for q in figures
        if any(c.isdigit() for c in getattr(q, "time", None) or "")
        and (d := parse_date(getattr(q, "time_resolved", None) or "")) is not None
    ]
    if days and all((made - d).days > SCAN_MAX_REPORT_DAYS for d in days):
        return True
    named = months(text)
    return bool(named) and made.strftime("%B").lower() not in named


# The nouns of a site inside a city or a province: a town, a village, a district, a neighbourhood, a camp,
# an area ("the Kesra area").
# Not "city", "province" or "region": those hold many sites, and two sites of one city are two incidents.
_SITE_NOUNS = "|".join(
    re.escape(w).replace(r"\ ", r"\s+")
    for w in sorted(
        {*lx.PART_OF_PLACE_NOUNS, *lx.PLACE_NOUNS, "villages", "towns", "camp", "area"}
        - {"city", "province", "region", "capital", "outskirts", "countryside", "old city"},
        key=len,
        reverse=True,
    )
)
_SITE_NAME = rf"{_PLACE_TOKEN}(?:\s+(?:and\s+)?{_PLACE_TOKEN}){{0,2}}"
# "the Bara neighbourhood", "al-Bara district", "Hadar village", "the town of Bara", "the villages of X and Y"
_NAMED_SITE = re.compile(
    rf"(?P<before>{_SITE_NAME})\s+(?i:{_SITE_NOUNS})\b"
    rf"|\b(?i:{_SITE_NOUNS})\s+of\s+(?:the\s+)?(?P<after>{_SITE_NAME})"
)


def named_sites(text: str) -> set[str]:
    """The names a sentence gives to the towns, villages, districts, neighbourhoods or camps it names ("the
    Bara neighbourhood", "the town of Oskar", "Hadar village"), lower case, one per name."""
    out: set[str] = set()
    for m in _NAMED_SITE.finditer(text):
        for name in re.split(r"\s+and\s+", m.group("before") or m.group("after")):
            words = [w for w in name.split() if w.lower() not in lx.NOT_PLACE_WORDS]
            if words:
                out.add(" ".join(words).lower())
    return out


def different_sites(a: str, b: str) -> bool:
    """Whether two sentences each name the sites (towns, villages, districts, neighbourhoods) of their
    figures and neither names a site of the other: two sites, so two incidents. On one day of one war
    many places are hit; daily round-ups give each attack its own paragraph and its own district, and two
    of their tolls are different incidents however alike their words."""
    sa, sb = named_sites(a), named_sites(b)
    if not sa or not sb:
        return False
    low_a, low_b = a.lower(), b.lower()
    return not any(re.search(rf"\b{re.escape(x)}\b", low_b) for x in sa) and not any(
        re.search(rf"\b{re.escape(x)}\b", low_a) for x in sb
    )


def rival_counts(a: ClaimText, b: ClaimText, judgement: Any) -> bool:
    """Whether the two figures a conflict rests on can be rival counts of one incident, by what each
    claim says of its own figure: not when the two name different sites (`different_sites`), nor when
    exactly one introduces another incident than its article's lead (`counts_another_incident`), recalls an
    earlier incident (`recalls_earlier`) or is a total over a span, a series or several places
    (`is_aggregate`). Two recalled figures, or two totals, may still count one thing. On the FA-KES queue
    (docs/queue_fakes.md) these were false flags of round-ups, of an earlier incident told as background and
    of running totals against one day."""
    fa, fb = _basis(judgement)
    if different_sites(a.text, b.text):
        return False
    if counts_another_incident(a.text) != counts_another_incident(b.text):
        return False
    if recalls_earlier(a.text, fa, a.date) != recalls_earlier(b.text, fb, b.date):
        return False
    return is_aggregate(a.text, fa) == is_aggregate(b.text, fb)
