"""Words of a claim for comparing wording: tokens, Snowball stems, content words, names, character n-grams."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from verifier.compare.vocab import load

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word.lower()))


@dataclass(frozen=True)
class Words:
    content: frozenset[str]  # stems of the content words
    names: frozenset[str]  # stems of capitalised words that are not the first of the claim
    rarity: dict[str, float]  # stem -> how rare its word is in English (see `rarity`)


@lru_cache(maxsize=8192)
def words(text: str) -> Words:
    stop = load().stopwords
    content: set[str] = set()
    names: set[str] = set()
    rare: dict[str, float] = {}
    for i, m in enumerate(_TOKEN.finditer(text)):
        raw = m.group()
        low = raw.lower()
        if low in stop or len(low) < 2:
            continue
        s = stem(low)
        content.add(s)
        rare[s] = max(rare.get(s, 0.0), rarity(low))
        if i > 0 and raw[0].isupper():
            names.add(s)
    return Words(frozenset(content), frozenset(names), rare)


# Zipf frequency of the most common English words (wordfreq's scale: "the" is 7.7, a word met once in a
# million words is 3). Rarity is how far a word falls below this: shared rare words ("Darna", "shelling")
# say far more about one incident than shared common ones ("killed", "people").
COMMON_ZIPF = 7.0


@lru_cache(maxsize=65536)
def rarity(word: str) -> float:
    from wordfreq import zipf_frequency

    return max(0.0, COMMON_ZIPF - zipf_frequency(word, "en"))


def rare_overlap(a: Words, b: Words) -> tuple[float, float, float]:
    """(rarity-weighted Jaccard, rarity of the rarest shared word, rarity each claim has the other lacks)."""
    shared = a.content & b.content
    w = {**a.rarity, **b.rarity}
    union = sum(w[x] for x in a.content | b.content)
    jac = sum(w[x] for x in shared) / union if union else 0.0
    top = max((w[x] for x in shared), default=0.0)
    apart = min(sum(w[x] for x in a.content - b.content), sum(w[x] for x in b.content - a.content))
    return jac, top, apart


def normalised(text: str) -> str:
    """Lower case, one kind of quote and dash, single spaces: two copies of a wire sentence become equal."""
    return _SPACE.sub(" ", text.translate(_QUOTES).lower()).strip(" .")


def masked(text: str) -> str:
    """`normalised` with every run of digits replaced by '#': the wording around the figures."""
    return _DIGITS.sub("#", normalised(text))


def set_cosine(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def _grams(text: str, n: int = 3) -> Counter[str]:
    t = f" {masked(text)} "
    return Counter(t[i : i + n] for i in range(len(t) - n + 1))


def char_cosine(a: str, b: str) -> float:
    """Cosine of character trigram counts of the masked texts: robust to spelling and inflection."""
    ga, gb = _grams(a), _grams(b)
    if not ga or not gb:
        return 0.0
    dot = sum(v * gb.get(k, 0) for k, v in ga.items())
    return dot / math.sqrt(sum(v * v for v in ga.values()) * sum(v * v for v in gb.values()))
