"""What counts as a conflict worth a fact-checker's time: the one policy the check, the scan and the event
table apply, so that `verifier check`, `verifier conflicts` and `verifier table` never disagree.

Three questions, in the order a pair meets them:
- can the two claims be compared at all (`has_count`, `share_measure`)?
- can the two reports disagree (`reports_may_disagree`: published within SCAN_MAX_REPORT_DAYS of each
  other, and within one article only when it quotes two voices)?
- is the relation's judgement a conflict to show (`worth_flagging`: the relation says conflict, the
  figures say what they count, and one figure is not merely restated; `marked_label` for the table)?

How flags are ordered once raised is the scan's business (`scan.rank_score`), not this module's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

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


def days_apart(a: Article, b: Article) -> int:
    """Days between two reports' dates; 0 when either is undated (then only meaning decides)."""
    da, db = parse_date(a.published), parse_date(b.published)
    if da is None or db is None:
        return 0
    return abs((da - db).days)


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
