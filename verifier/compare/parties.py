"""Who a story is about: the names two claims share, and whether a score is of one match.

Two claims that name the same two parties, and neither a party the other lacks, tell one story: their only
score is one match's, their only price one deal's. Two scores whose own clauses name other sides ("beat the
Chiefs 20-13" / "a 31-24 win over the Jaguars") are two matches, whatever else the claims share.
"""

from __future__ import annotations

import re

from verifier import lexicon as lx
from verifier.compare import holders
from verifier.compare.align import Aligned
from verifier.compare.figures import Figure
from verifier.compare.records import ClaimText
from verifier.compare.text import stem
from verifier.compare.vocab import load

# Two claims tell one story when they name its two parties: two names in common.
MATCH_NAMES = 2

_TIME_NAMES = frozenset(stem(w) for w in (*lx.WEEKDAYS, *lx.MONTHS))
_RECORD = frozenset({"record", "season"})
# Where a score's clause ends: a sentence's end, a semicolon, a colon, a comma, a dash.
_CLAUSE_END = re.compile(r"[.!?](?=\s|$)|[;:,]|\s[-–—]\s")


def names(text: str) -> frozenset[str]:
    """The stems of a claim's capitalised words, its first included, without words of no content or of
    time ("The", "Monday")."""
    skip = load().stopwords | _TIME_NAMES
    return frozenset(n for n in holders.names_in(text) if n not in skip)


def same_parties(a: ClaimText, b: ClaimText) -> bool:
    """The claims name two parties in common, and not each a party the other lacks: "Colts beat Jaguars"
    and "Colts beat Chiefs" are two stories."""
    na, nb = names(a.text), names(b.text)
    return len(na & nb) >= MATCH_NAMES and not (na - nb and nb - na)


def is_record(p: Aligned) -> bool:
    """"Improved their record to 11-4": a season's tally, not a match's score."""
    return bool(_RECORD & (p.a.context | p.b.context))


def one_story(a: ClaimText, b: ClaimText, p: Aligned) -> bool:
    """The only scores, amounts of money or measurements of two claims that name the same two parties are
    the figure of one story: the score of one match ("Kestrel beat Dunmore 3-1", "Dunmore's 2-1 win over
    Kestrel"), the price of one deal ("Kestrel will buy Marrowby for $2.4bn", "Marrowby is to be acquired
    by Kestrel for 3.1 billion dollars")."""
    family = p.a.family
    if not (family == "score" or family.startswith(("money:", "measure:"))):
        return False
    if family == "score" and is_record(p):
        return False
    return same_parties(a, b) or (family == "score" and one_pairing(a, b, p))


def _clause_names(text: str, f: Figure) -> frozenset[str]:
    start, end = f.q.span
    cut = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    stop = next((m.start() for m in _CLAUSE_END.finditer(text, end)), len(text))
    return names(text[cut:stop])


def one_pairing(a: ClaimText, b: ClaimText, p: Aligned) -> bool:
    """Two scores whose own clauses share two names are of one pairing, one match, whatever else either
    claim names (a ground, a nickname, a scorer): "the Falcons beat the Owls 3-1" and "Falcons edged Owls
    2-1 at Quarry Lane"."""
    if p.a.family != "score" or is_record(p):
        return False
    return len(_clause_names(a.text, p.a) & _clause_names(b.text, p.b)) >= MATCH_NAMES


def other_matches(a: ClaimText, b: ClaimText, p: Aligned) -> bool:
    """Two match scores whose own clauses each name a side the other claim never names: "Colts beat Chiefs
    20-13" and "Colts clinch berth with 31-24 victory against Jaguars" are two games. A name of the other
    claim anywhere in it (a scorer, a ground) is no other side."""
    if p.a.family != "score" or is_record(p) or one_pairing(a, b, p):
        return False
    all_a, all_b = names(a.text), names(b.text)
    return bool(_clause_names(a.text, p.a) - all_b) and bool(_clause_names(b.text, p.b) - all_a)
