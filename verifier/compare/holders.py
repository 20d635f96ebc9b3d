"""Whose figure it is: the name a figure belongs to when a name is the subject of its clause.

"Okafor finished the game with 31 points" gives Okafor's points; "Jenkins scored 24 points" gives Jenkins's.
Two claims that give two people's figures do not contradict each other, however alike their words. A
casualty figure is never held by its clause's subject ("Rebels killed 20 soldiers" counts the soldiers), and
a name followed by a verb of saying is a source, not a holder ("Okafor said 31 people came").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from verifier import lexicon as lx
from verifier.compare.text import _TOKEN, stem, words
from verifier.compare.vocab import load
from verifier.quantities import Quantity

# A sentence's first word is capitalised whatever it is ("Police", "Clashes", "Smith"): it is taken for a
# name only when it is rare as an English word (wordfreq Zipf below this; "Okafor" 2.6, "McDermott" 3.2,
# "Jenkins" 3.8, against "police" 5.3, "regime" 4.3, "rebels" 4.1). A common surname at the start of a
# sentence ("Smith", "Ford") is missed, never a common noun taken for a name.
FIRST_WORD_NAME_ZIPF = 4.0
# Auxiliaries that stand for the verb of a holder's clause ("Okafor has 31 points", "Lee was 3 under par").
_AUXILIARIES = frozenset({"has", "had", "have", "is", "was", "will"})
# Where a clause ends: a sentence's end (not a decimal point), a semicolon, a colon, a comma, a dash.
_BOUNDARY = re.compile(r"[.!?](?=\s|$)|[;:,]|\s[-–—]\s")
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def _first_word_is_name(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") < FIRST_WORD_NAME_ZIPF


def _is_verb(word: str) -> bool:
    if word in lx.SAY_VERBS:
        return False
    return word in _AUXILIARIES or word in lx.PAST_VERBS or (word.endswith("ed") and len(word) > 4)


@lru_cache(maxsize=8192)
def names_in(text: str) -> frozenset[str]:
    """Stems of every capitalised word of a text, its first word included."""
    return frozenset(stem(m.group()) for m in _TOKEN.finditer(text) if m.group()[0].isupper())


def holder(q: Quantity, text: str) -> str | None:
    """The stems of the name that is the subject of the figure's clause, space-joined, or None.

    The clause runs from the last boundary before the figure; it must open with a name (after "The" at
    most) followed by a verb, and hold no other name or verb of saying before the figure."""
    if q.measure is not None and q.measure not in lx.SUBJECT_MEASURES:
        return None  # a casualty or an act: its figure counts the people it befell
    start = q.span[0]
    cut = max((m.end() for m in _BOUNDARY.finditer(text, 0, start)), default=0)
    tokens = _past_descriptor(list(_TOKEN.finditer(text, cut, start)), text)
    run = []
    for t in tokens:
        if not t.group()[0].isupper():
            break
        run.append(t)
    if not run or len(run) == len(tokens):
        return None
    if len(run) == 1 and run[0].start() == _sentence_start(text, run[0].start()):
        if not _first_word_is_name(run[0].group()):
            return None
    rest = [t.group() for t in tokens[len(run) :]]
    if rest[0] in lx.SAY_VERBS:
        # "Pellam Auto said (that) it will recall 12,000 trucks": the "it" is the firm that spoke.
        after = rest[2:] if rest[1:2] == ["that"] else rest[1:]
        if after[:1] == ["it"] and len(after) > 1 and not any(w[0].isupper() for w in after):
            return " ".join(stem(t.group()) for t in run)
    if q.measure in lx.SUBJECT_MEASURES:
        # A firm that reports, posts or cuts its own figure holds it ("Kestrel Mining reported revenue of").
        if any(w[0].isupper() for w in rest):
            return None
    elif not _is_verb(rest[0]) or any(
        (w[0].isupper() and not _setting_word(rest, i)) or w in lx.SAY_VERBS
        for i, w in enumerate(rest[1:], 1)
    ):
        return None
    if run[-1].group().lower() in load().stopwords:  # "He", "They", "It"
        return None
    return " ".join(stem(t.group()) for t in run)


# Words before a capitalised word that make it a place or a day, not a second name in the holder's clause
# ("was elected mayor OF Quenfield ON Sunday", "won THE Mezzaro race").
_SETTING_BEFORE = frozenset({"of", "in", "at", "on", "the"})
# Words a clause may open with before its subject's name: an article, then a few words describing the name
# ("The chipmaker Sorell Semiconductors", "Former judge Pavel Ostrowski", "Green candidate Leona Farris").
_ARTICLES = frozenset({"The", "A", "An"})
_DESCRIPTOR_WORDS = 3


def _setting_word(rest: list[str], i: int) -> bool:
    return rest[i - 1].lower() in _SETTING_BEFORE or rest[i].lower() in load().time_words


def _past_descriptor(tokens: list[re.Match[str]], text: str) -> list[re.Match[str]]:
    """The clause's tokens from its subject's name on: past an article and up to three lowercase words that
    describe the name; a common capitalised word opening the sentence ("Former", "Green") describes too."""
    i = 0
    if i < len(tokens) and tokens[i].group() in _ARTICLES:
        i += 1
    elif (
        i < len(tokens)
        and tokens[i].group()[0].isupper()
        and tokens[i].start() == _sentence_start(text, tokens[i].start())
        and not _first_word_is_name(tokens[i].group())
    ):
        i += 1
    j = i
    while j < len(tokens) and j - i < _DESCRIPTOR_WORDS and tokens[j].group().islower():
        j += 1
    if j > i and j < len(tokens) and tokens[j].group()[0].isupper():
        return tokens[j:]
    return tokens[i:] if i and tokens[0].group() in _ARTICLES else tokens


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` begins: after the last sentence end before it, past any spaces and
    quotation marks."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    i = ends[-1] if ends else 0
    while i < pos and not text[i].isalnum():
        i += 1
    return i


def _rare(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") < FIRST_WORD_NAME_ZIPF


def apart(fa: str | None, fb: str | None, text_a: str, text_b: str) -> bool:
    """Two figures held by two names, neither of which the other claim names: two people's figures. Names
    that end alike ("Harlow Bank", "Ostend Bank") are two holders when each has a rare word of its own that
    the other claim never names; a title or a common word ("President", "Ridge") tells no one apart."""
    if fa is None or fb is None or fa == fb:
        return False
    ra, rb = fa.split(), fb.split()
    if ra[-1] != rb[-1]:
        return ra[-1] not in names_in(text_b) and rb[-1] not in names_in(text_a)
    own_a = {w for w in set(ra) - set(rb) if _rare(w)}
    own_b = {w for w in set(rb) - set(ra) if _rare(w)}
    return bool(own_a and own_b) and not own_a & names_in(text_b) and not own_b & names_in(text_a)


def strangers(pairs: Sequence[tuple[str | None, str | None]], text_a: str, text_b: str) -> bool:
    """Figures held by two names apart (`apart`) wherever both claims give a holder, in claims that share no
    name but a day or a month ("Avenor Airways cancelled 180 flights on Thursday" / "Skylance scrapped 65
    flights on Thursday"): the figures of two stories, not two quantities of one. Two players of one match
    share its teams' names."""
    held = [(fa, fb) for fa, fb in pairs if fa is not None and fb is not None]
    if not held or not all(apart(fa, fb, text_a, text_b) for fa, fb in held):
        return False
    days = {stem(w) for w in load().time_words}
    return not (words(text_a).names & words(text_b).names) - days
