"""What is not a claim: bylines, reading times, bare dates, datelines, credits, page furniture, fragments."""

from __future__ import annotations

import re

from verifier.segment.patterns import (
    _DATE_CORE,
    _RELATED_LINKS,
    _STAMP_PREFIX,
    _TIME_RE,
    _WEEKDAY_RE,
    _WORD,
    MIN_CLAIM_WORDS,
    SHORT_FRAGMENT_WORDS,
)

# A unit that is nothing but a date (with weekday, time, "Updated"): no claim in it.
_BARE_DATE = re.compile(
    rf"{_STAMP_PREFIX}(?:{_WEEKDAY_RE}\s*)?(?:{_DATE_CORE})?(?:\s*,?\s*{_TIME_RE})?(?:\s*\|?\s*{_TIME_RE})?[.\s|]*",
    re.IGNORECASE,
)
# A date (and time) opening the first sentence of an article, followed by the headline: a dateline.
_LEADING_DATE = re.compile(
    rf"{_STAMP_PREFIX}{_DATE_CORE}(?:\s*,?\s*{_TIME_RE})?\s*[-–—|:,]?\s+(?=(?-i:[\"“'A-Z0-9]))", re.IGNORECASE
)
# "BEIRUT (Reuters) - " before the first sentence: a wire dateline, not part of the claim.
_WIRE_DATELINE = re.compile(r"[A-Z][A-Z .,'/-]{1,40}\s*\([A-Za-z .]{2,30}\)\s*[-–—:]+\s*(?=\S)")

_BYLINE = re.compile(
    r"[(\[]?\s*(?i:(?:additional\s+)?(?:reporting|writing|editing|compiled|contributing|reported|written|"
    r"edited|photos?|video)\s+)?(?i:by)\s+"
    r"(?:[A-Z][\w'’.-]*|de|al|van|von|bin|and|&|,|;|in|for|at|the|staff|writer|correspondent|"
    r"reporting|editing|writing|by|[A-Z][A-Za-z]+\s+News|\||-|–)"
    r"(?:\s+(?:[A-Z][\w'’.-]*|de|al|van|von|bin|and|&|,|;|in|for|at|the|staff|writer|correspondent|"
    r"reporting|editing|writing|by|\||-|–)|,|;)*\s*[)\]]?\.?",
)
_READ_TIME = re.compile(r"\d+\s*(?:-\s*)?(?:min(?:ute)?s?)\.?\s+read\.?", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"(?:advertisement|read more|share this( article| story)?|share|print|email|comments?|more on this story|"
    r"related(?: articles?| coverage| stories| content| topics| news)?|"
    r"read also|also read|see also|follow us(?: on [\w ]{1,30})?|sign up(?: for [\w ]{1,30})?|"
    r"sponsored|subscribe( now)?|click here|all rights reserved|©.*|copyright\b.*)\s*[:.!]?",
    re.IGNORECASE,
)
# "[Getty]", "(AFP)", "Photo: Reuters", "Getty Images / AFP" (only if the unit has no verb: drop_reason).
_CREDIT = re.compile(
    r"[\[(][^\[\]().!?]{1,60}[\])]"
    r"|(?:photo|image|picture|credit|source|file photo|video)s?\s*(?:credit)?\s*[:/-]\s*[^.!?]{1,60}"
    r"|(?:getty images|afp|reuters|ap|epa|anadolu agency)(?:\s*/\s*[\w .]+)*"
    # writer/editor credit lines of agencies: "R. Issa/ O. Said"
    r"|(?-i:[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,3}\s*/\s*[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,3})",
    re.IGNORECASE,
)

_COMMON_VERBS = frozenset(
    """
    is are was were be been being am has have had do does did says said say tells told reports reported
    dies died die dead kills killed kill wounds wounded injures injured hurt hit hits fled flee flees rose
    rise rises fell fall falls won win wins lost lose loses left leave leaves took take takes made make
    makes went go goes came come comes saw see sees gave give gives got get gets began begin begins held
    hold holds led lead leads met meet meets ran run runs sent send sends set sets shot shoot shoots spoke
    speak speaks stood stand stands struck strike strikes fought fight fights sank sink sinks blew blow
    blows broke break breaks will would can could may might must shall should remains remained seized
    done gone seen known found felt thought kept brought bought paid built sold spent caught became become
    becomes rose grew grow grows knew know knows meant mean means put puts read cut cuts let lets quit
    """.split()
)


def _words(unit: str) -> list[str]:
    return _WORD.findall(unit)


def drop_reason(unit: str) -> str | None:
    """Why a sentence is not a claim ("byline", "date", ...), or None to keep it.

    Exposed so tests and the ingest summary can say what was dropped and why.
    """
    s = unit.strip()
    if not s:
        return "empty"
    if not any(ch.isalnum() for ch in s):
        return "punctuation"
    if _BARE_DATE.fullmatch(s):
        return "date"
    if _READ_TIME.fullmatch(s):
        return "reading time"
    if _BOILERPLATE.fullmatch(s):
        return "page furniture"
    if _RELATED_LINKS.match(s):
        return "links to other stories"
    if s.count(" | ") >= 2:  # "World | Politics | Video": menu items, not prose
        return "navigation"
    if _BYLINE.fullmatch(s) and len(s) <= 120:
        return "byline"
    if _CREDIT.fullmatch(s) and len(_words(s)) <= 8 and not _looks_like_clause(_words(s)):
        return "credit"
    words = _words(s)
    if len(words) < MIN_CLAIM_WORDS:
        return "too short"
    if len(words) < SHORT_FRAGMENT_WORDS and not _looks_like_clause(words):
        return "fragment without a verb"
    return None


# "didn't", "we've", and "it's" (a pronoun's 's is "is"; a noun's is a possessive: "Syria's").
_CONTRACTED_VERB = re.compile(
    r"(?:n['’]t|['’](?:ve|re|m|ll|d)|^(?:it|that|he|she|there|here|what|who|where)['’]s)$"
)


def _looks_like_clause(words: list[str]) -> bool:
    """A verb, or a counted figure ("13 dead", "40 killed"), judged without a tagger.

    Verb-like: a common verb, an -ed form, a contraction ("didn't"), or a headline's present tense in
    the middle ("Singer enters rehab"; a final -s word is more often a plural: "World news").
    """
    lowered = [w.lower() for w in words]
    for i, w in enumerate(lowered):
        if i > 0 and words[i][:1].isupper():
            continue  # "M. al-Frieh/H. Said": a capitalised word after the first is a name
        if w in _COMMON_VERBS or (len(w) > 4 and w.endswith("ed")) or _CONTRACTED_VERB.search(w):
            return True
        if 0 < i < len(lowered) - 1 and len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            return True
    return any(w[:1].isdigit() and nxt[:1].isalpha() for w, nxt in zip(words, words[1:], strict=False))


def _trim_leading_dateline(text: str, start: int, end: int) -> int:
    """Skip "Wed 05 Apr 2017 " or "BEIRUT (Reuters) - " that opens the article's first sentence."""
    for pattern in (_LEADING_DATE, _WIRE_DATELINE):
        m = pattern.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
    return start
