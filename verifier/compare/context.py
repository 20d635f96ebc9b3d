"""What two claims' articles share: the evidence of one incident that a single sentence leaves out.

A claim is one sentence; the incident it reports is told by its whole article (the town in the lead, the
attack two paragraphs up). Two reports of one incident share rare words and names across their articles;
two reports of different incidents on one day share only the common vocabulary of the beat. These features
compare the articles (`ClaimText.context`), and each claim with the other's article.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from verifier.compare.records import ClaimText
from verifier.compare.text import rarity, stem, words
from verifier.compare.vocab import load
from verifier.core.dates import MENTIONED_YEAR

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# An article is read up to this length: the lead and the body that tells the incident; a long article's
# tail is background and related news, which would make any two long articles look alike.
MAX_CONTEXT_CHARS = 6000
# The number of rarest words of an article taken as its signature (its names, places, specific nouns).
SIGNATURE_SIZE = 25


@dataclass(frozen=True)
class Doc:
    weights: dict[str, float]  # stem -> log term frequency x rarity
    norm: float
    names: frozenset[str]  # stems of capitalised words not at a sentence start
    signature: frozenset[str]  # the SIGNATURE_SIZE rarest stems


@lru_cache(maxsize=4096)
def doc(text: str) -> Doc:
    stop = load().stopwords
    counts: Counter[str] = Counter()
    rare: dict[str, float] = {}
    names: set[str] = set()
    body = text[:MAX_CONTEXT_CHARS]
    for m in _TOKEN.finditer(body):
        raw = m.group()
        low = raw.lower()
        before = body[max(0, m.start() - 3) : m.start()].strip()
        starts = not before or before[-1] in '.!?"“'
        if low in stop or len(low) < 3:
            continue
        s = stem(low)
        counts[s] += 1
        rare[s] = max(rare.get(s, 0.0), rarity(low))
        if raw[0].isupper() and not starts:
            names.add(s)
    weights = {s: (1.0 + math.log(c)) * rare[s] for s, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in weights.values()))
    top = sorted(rare, key=lambda s: (-rare[s], s))[:SIGNATURE_SIZE]
    return Doc(weights, norm, frozenset(names), frozenset(top))


def _cosine(a: Doc, b: Doc) -> float:
    if not a.norm or not b.norm:
        return 0.0
    small, large = (a, b) if len(a.weights) <= len(b.weights) else (b, a)
    dot = sum(v * large.weights.get(k, 0.0) for k, v in small.weights.items())
    return dot / (a.norm * b.norm)


def _claim_in(claim: str, other: Doc) -> float:
    """Rarity-weighted share of a claim's content words that the other article uses."""
    w = words(claim)
    total = sum(w.rarity[s] for s in w.content)
    if not total:
        return 0.0
    return sum(w.rarity[s] for s in w.content if s in other.weights) / total


MISSING = -1.0
# The features when either claim comes without its article (a pasted claim, a `verifier pairs` line).
WITHOUT_CONTEXT: dict[str, float] = {
    "context_known": 0.0,
    "context_same": MISSING,
    "context_cosine": MISSING,
    "context_names_jaccard": MISSING,
    "context_signature_shared": MISSING,
    "claim_in_context_min": MISSING,
    "claim_in_context_max": MISSING,
    "context_years_shared": MISSING,
    "context_years_apart": MISSING,
}


def years_of(claim: ClaimText) -> frozenset[str]:
    """The years a claim's article is set in: those its text mentions (read as far as MAX_CONTEXT_CHARS)
    and its report's year. Two reports of one incident share one; two earthquakes on one island, years
    apart, each mention their own (the rule `verifier events` applies to undated articles)."""
    found = set(MENTIONED_YEAR.findall(claim.context[:MAX_CONTEXT_CHARS]))
    if claim.date and claim.date[:4].isdigit():
        found.add(claim.date[:4])
    return frozenset(found)


def context_features(a: ClaimText, b: ClaimText) -> dict[str, float]:
    """Article-level evidence; WITHOUT_CONTEXT where either claim comes without its article."""
    if not a.context or not b.context:
        return dict(WITHOUT_CONTEXT)
    da, db = doc(a.context), doc(b.context)
    names = da.names | db.names
    ina, inb = _claim_in(a.text, db), _claim_in(b.text, da)
    ya, yb = years_of(a), years_of(b)
    return {
        "context_known": 1.0,
        "context_same": float(a.context == b.context),
        "context_cosine": _cosine(da, db),
        "context_names_jaccard": len(da.names & db.names) / len(names) if names else 0.0,
        "context_signature_shared": len(da.signature & db.signature) / SIGNATURE_SIZE,
        "claim_in_context_min": min(ina, inb),
        "claim_in_context_max": max(ina, inb),
        "context_years_shared": float(bool(ya & yb)),
        "context_years_apart": float(bool(ya and yb and not ya & yb)),
    }
