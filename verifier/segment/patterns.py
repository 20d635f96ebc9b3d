"""What the segmenter's steps share: the span type, the claim limits, abbreviations, date pieces, words."""

from __future__ import annotations

import re

from verifier import lexicon as lx

Span = tuple[int, int]

# all-MiniLM-L6-v2 reads at most 256 word pieces (about 1,000-1,200 characters of English news); text past
# that is invisible to search, so a longer "sentence" (FA-KES run-ons, tables, lists) is cut at semicolons.
# Pieces still longer than this are kept whole: cutting mid-clause would invent sentences nobody wrote.
MAX_CLAIM_CHARS = 1000

# A single word ("Advertisement", "Syria", "Share") is never a claim; the shortest checkable sentences have
# two ("13 died.", "Assad resigned.").
MIN_CLAIM_WORDS = 2

# Fragments shorter than this many words must show a verb or a counted figure ("13 dead") to be kept:
# navigation and section labels ("Middle East news", "Related coverage") are one to three words long.
SHORT_FRAGMENT_WORDS = 4

# Titles and other abbreviations that do not end a sentence when a name or number follows.
_TITLE_ABBREVIATIONS = frozenset(
    """
    adm brig capt cmdr col cpl det dr gen gov hon insp lt maj messrs mr mrs ms mt ft pres prof pvt rep
    rev sen sgt st supt
    """.split()
)
# Abbreviations that are followed by a number: "No. 12", "Jan. 5", "Vol. 2", "approx. 20".
_NUMBER_ABBREVIATIONS = frozenset(
    """
    no nos art vol fig figs p pp para sec ch approx est ca vs v ref tel op incl excl
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
# Words after "3 p.m." that continue the same sentence rather than start a new one.
_TIME_FOLLOWERS = frozenset(
    (*lx.WEEKDAYS, *lx.WEEKDAY_ABBREVIATIONS, *lx.MONTHS, *lx.MONTH_ABBREVIATIONS)
) | frozenset("gmt utc et est edt ct cst cdt pt pst pdt cet cest bst eet eest local".split())

_CLOSERS = "\"'”’»)]"

_WEEKDAY_RE = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?"
_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# "at 0914", "10:30 GMT", "3 p.m.": a bare number is not a time.
_TIME_RE = (
    r"(?:at\s+\d{3,4}|(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|gmt|utc|[a-z]{2,4}t))?"
    r"|(?:at\s+)?\d{1,2}\s*[ap]\.?m\.?)"
)
_DATE_CORE = (
    rf"(?:{_WEEKDAY_RE}\s+)?(?:"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_RE},?\s+\d{{4}}"  # 31 July, 2015 / 05 Apr 2017
    rf"|{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # July 31, 2015
    rf"|{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?"  # July 31
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"  # 2015-07-31
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}"  # 7/31/2015
    rf")"
)
_STAMP_PREFIX = (
    r"(?:(?:updated|published|posted|last\s+updated|first\s+published)(?:\s+on)?:?\s+"
    r"|(?:afp|ap|reuters|aa|sana|tass|sputnik|anadolu|dpa|upi|ians|ani)\s+)?"
)

# A list of links to other stories glued to the last sentence: "... 25 Related Storm kills 3 ...",
# "Source Wire Related News Port closes ...". Their headlines are other articles' claims, never this one's.
_RELATED_LINKS = re.compile(
    r"(?:\.\.\.\s+\d+\s+(?:Topic|Related)\b|(?:Source\s+[^.]{2,40}?\s+)?Related\s+(?:News|Articles|Stories|Coverage)\b)"
)

_WORD = re.compile(r"[\w'’-]+")
