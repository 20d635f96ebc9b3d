"""Evidence that two claims are about one incident, and which report is the later one: report dates,
stated days and dates, places, kinds of event, revision and cumulative wording."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from verifier import lexicon as lx
from verifier.compare.records import ClaimText
from verifier.compare.vocab import load
from verifier.quantities import Quantity, parse_date

_NAME = r"[A-Z][\w-]*[a-z][\w-]*"  # a capitalised word ("Darna", "Al-Bab"), not an acronym ("IS")
# "in Darna", "the town of Ariha"; or a name before a noun of a spot ("at Velmora airport").
_PLACE = re.compile(
    r"\b(?:(?i:in|near|outside|around|across)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?"
    r"|(?i:" + "|".join(lx.PLACE_NOUNS) + r")\s+of\s+)"
    r"(?P<name>" + _NAME + r"(?:\s+" + _NAME + r"){0,2})"
    r"|\b(?P<head_name>" + _NAME + r"(?:\s+" + _NAME + r"){0,2})\s+(?:" + "|".join(lx.PLACE_HEADS) + r")\b"
)
_CAPITALISED = re.compile(_NAME)
_PART_NOUN = "(?i:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in lx.PART_OF_PLACE_NOUNS) + ")"
# "the district of Tarsa", "Tarsa's eastern suburbs", "the Bara district": figures set in a part of a place.
_PART_OF_PLACE = re.compile(
    r"\b" + _PART_NOUN + r"\s+of\s+(?:the\s+)?" + _NAME
    + r"|" + _NAME + r"(?:'s|’s)\s+(?:[a-z]+\s+)?" + _PART_NOUN + r"\b"
    + r"|\b(?i:the\s+)" + _NAME + r"(?:\s+" + _NAME + r")?\s+" + _PART_NOUN + r"\b"
)
_MONTH_REF = re.compile(
    r"\b(?i:in|during|throughout|through)\s+(?:early\s+|late\s+|mid-)?("
    + "|".join(m.capitalize() for m in lx.MONTHS)
    + r")\b(?!\s*\d)"
)
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


@lru_cache(maxsize=8192)
def _is_country(word: str) -> bool:
    """A country holds many incidents at once, so it never sets one apart."""
    return len(word) >= 4 and any(d.startswith(word[:-1]) for d in lx.DEMONYMS)


def _name_words(name: str) -> list[str]:
    return [
        w
        for w in _CAPITALISED.findall(name)
        if len(w) >= 4 and w.lower() not in lx.NOT_PLACE_WORDS and not _is_country(w.lower())
    ]


def places(text: str) -> set[str]:
    """Place names a text sets its figures in ("in Darna", "the town of Ariha"); not countries."""
    found = (m.group("name") or m.group("head_name") for m in _PLACE.finditer(text))
    return {" ".join(w) for name in found if (w := _name_words(name))}


# Transliterated names vary by a letter or two ("Darna"/"Derna", "Raqa"/"Raqqa", "Hassajik"/"Hassadjek"):
# words this long may differ by this many edits, doubled letters read once, and still be one name.
_SPELLING_EDITS = ((7, 2), (4, 1))


def _edits(a: str, b: str) -> int:
    """Levenshtein distance: letters inserted, deleted or replaced to make `a` into `b`."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def _same_word(a: str, b: str) -> bool:
    """One place word spelt two ways ("Darna"/"Derna", "Raqa"/"Raqqa") or with its adjective
    ("Syria"/"Syrian")."""
    if a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a))):
        return True
    a, b = re.sub(r"(.)\1+", r"\1", a), re.sub(r"(.)\1+", r"\1", b)
    shorter = min(len(a), len(b))
    limit = next((n for length, n in _SPELLING_EDITS if shorter >= length), 0)
    return abs(len(a) - len(b)) <= limit and _edits(a, b) <= limit


def different_places(a: ClaimText, b: ClaimText, sentences: bool = False) -> tuple[str, str] | None:
    """Two places when each claim is set in a place the other never names; with `sentences`, the places
    the claims' own sentences name (an article's title may head a round-up of several incidents)."""
    ta, tb = f"{a.text}\n{a.setting}", f"{b.text}\n{b.setting}"
    pa, pb = (places(a.text), places(b.text)) if sentences else (places(ta), places(tb))
    if not pa or not pb:
        return None
    wa = {w.lower() for w in _name_words(ta)}
    wb = {w.lower() for w in _name_words(tb)}

    def named(place: str, ws: set[str]) -> bool:
        return any(_same_word(p.lower(), w) for p in place.split() for w in ws)

    if any(named(p, wb) for p in pa) or any(named(p, wa) for p in pb):
        return None
    return ", ".join(sorted(pa)), ", ".join(sorted(pb))


def _shared_place(a: ClaimText, b: ClaimText) -> bool:
    pa = places(f"{a.text}\n{a.setting}")
    pb = places(f"{b.text}\n{b.setting}")
    return any(_same_word(x.lower(), y.lower()) for p in pa for q in pb for x in p.split() for y in q.split())


def event_kinds(text: str) -> frozenset[str]:
    """Kinds of event a claim names: {"air"} for "air strikes killed 12", {"quake"} for "the tremor"."""
    return frozenset(_KIND_OF[" ".join(m.group().lower().split())] for m in _EVENT_KIND.finditer(text))


# The day a report's source spoke ("the sheriff said on Wednesday", "officials told reporters Monday"): it
# dates the statement, not the event, so it neither sets two events apart nor ties them together.
_SPEECH_DAY = re.compile(
    r"\b(?:" + "|".join(lx.SAY_VERBS) + r")\s+(?:(?:to\s+)?reporters\s+|in\s+a\s+statement\s+)?"
    r"(?:late\s+|early\s+)?(?:on\s+)?(?:last\s+)?$",
    re.IGNORECASE,
)


def speech_day(text: str, start: int) -> bool:
    """Whether the day written at `start` is the day a source said something ("said on Monday")."""
    return _SPEECH_DAY.search(text[max(0, start - 60) : start]) is not None


def weekdays(text: str) -> frozenset[str]:
    """The weekdays a claim names for what happened, not for when someone spoke of it."""
    low = text.lower()
    return frozenset(
        d
        for d in load().weekdays
        if any(not speech_day(text, m.start()) for m in re.finditer(rf"\b{d}\b", low))
    )


# A month named anywhere but in a date ("the March rate", "in March", not "March 14").
_MONTH_NAME = re.compile(r"\b(" + "|".join(m.capitalize() for m in lx.MONTHS) + r")\b(?!\s*\d)")


def months_named(text: str) -> frozenset[str]:
    """Every month the claim names outside a date; `months` keeps those a figure is set in ("in March")."""
    return frozenset(m.group(1).lower() for m in _MONTH_NAME.finditer(text))


def months(text: str) -> frozenset[str]:
    return frozenset(m.group(1).lower() for m in _MONTH_REF.finditer(text))


def stated_days(frames: tuple[Quantity, ...], text: str | None = None) -> frozenset[dt.date]:
    """Full dates the claim names or resolves ("on October 6", "on Thursday" against the report date); with
    the claim's `text`, not the days its sources spoke ("said on Monday")."""
    out: set[dt.date] = set()
    for q in frames:
        said = text is not None and "time" in q.spans and speech_day(text, q.spans["time"][0])
        own = q.iso if q.kind == "date" and not (text is not None and speech_day(text, q.span[0])) else None
        for i, iso in enumerate((None if said else q.time_resolved, own)):
            if iso and len(iso) == 10 and (d := parse_date(iso)) is not None:
                out.add(d)
                if i == 0 and (other := lx.NIGHT_OTHER_DAY.get((q.time or "").lower())):
                    out.add(d + dt.timedelta(days=other))  # the day its time words name: a night spans two
    return frozenset(out)


@dataclass(frozen=True)
class Evidence:
    report_gap: int | None  # days between the report dates, b minus a
    stated_gap: int | None  # smallest gap in days between the dates the two claims name
    weekday_clash: bool  # both name weekdays, none in common
    month_clash: bool  # both name a month their figures belong to, none in common
    places: tuple[str, str] | None  # each set in a place the other never names
    places_said: bool  # each sentence itself sets its figures in a place the other claim never names
    places_shared: bool  # both set their figures in one named place
    days_shared: bool  # both name one weekday or one date
    months_shared: bool  # both name one month
    kinds_shared: int
    kinds_clash: bool  # both name kinds of event, none in common
    part_of_place: bool  # one claim sets its figures in a part of a place ("the Bara district"), one not
    revision_a: bool
    revision_b: bool
    report_revised_a: bool  # "revised", "corrected": the claim's report changes an earlier figure of its own
    report_revised_b: bool
    cumulative_a: bool
    cumulative_b: bool
    same_source: bool


def _gap(da: frozenset[dt.date], db: frozenset[dt.date]) -> int | None:
    if not da or not db:
        return None
    return min(abs((x - y).days) for x in da for y in db)


def gather(a: ClaimText, b: ClaimText, fa: tuple[Quantity, ...], fb: tuple[Quantity, ...]) -> Evidence:
    ra, rb = parse_date(a.date), parse_date(b.date)
    wa, wb = weekdays(a.text), weekdays(b.text)
    ma, mb = months(a.text), months(b.text)
    ka, kb = event_kinds(a.text), event_kinds(b.text)
    vocab = load()
    report_gap = (rb - ra).days if ra and rb else None
    revision = tuple(vocab.revision_cues.search(c.text) is not None for c in (a, b))
    cumulative = tuple(vocab.cumulative_cues.search(c.text) is not None for c in (a, b))
    report_revised = tuple(vocab.report_revision_cues.search(c.text) is not None for c in (a, b))
    # A later report that revises or runs on a count ("the toll rose to 27 on Wednesday", "now stands at
    # 340") names the day of its count: its days apart from the earlier report's are no second event.
    later = None if not report_gap else int(report_gap > 0)
    counts_on = later is not None and (revision[later] or cumulative[later])
    stated_gap = None if counts_on else _gap(stated_days(fa, a.text), stated_days(fb, b.text))
    return Evidence(
        report_gap=report_gap,
        stated_gap=stated_gap,
        weekday_clash=bool(wa and wb and not wa & wb) and not counts_on,
        month_clash=bool(ma and mb and not ma & mb),
        places=different_places(a, b),
        places_said=different_places(a, b, sentences=True) is not None,
        places_shared=_shared_place(a, b),
        days_shared=bool(wa & wb) or (stated_gap == 0),
        months_shared=bool(months_named(a.text) & months_named(b.text)),
        kinds_shared=len(ka & kb),
        kinds_clash=bool(ka and kb and not ka & kb),
        part_of_place=(_PART_OF_PLACE.search(a.text) is None) != (_PART_OF_PLACE.search(b.text) is None),
        revision_a=revision[0],
        revision_b=revision[1],
        report_revised_a=report_revised[0],
        report_revised_b=report_revised[1],
        cumulative_a=cumulative[0],
        cumulative_b=cumulative[1],
        same_source=bool(a.source and b.source and a.source.lower() == b.source.lower()),
    )
