"""Are two clashing figures rival counts of one incident? The queue's last question (`scan` asks it after
`conflict_policy.worth_flagging`): not two named sites, not a recalled earlier incident against a new one,
not a total over a span, a series or several places against one of its parts, not a sentence that says it
counts another incident."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from verifier import lexicon as lx
from verifier.compare import ClaimText
from verifier.compare.evidence import months
from verifier.core.dates import parse_date
from verifier.services.conflict_policy import SCAN_MAX_REPORT_DAYS

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
