"""What is found once per sentence (words, measure triggers) and shared by its figures."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from verifier import lexicon as lx
from verifier.quantities.patterns import _ALPHA, _PHRASES, _SENT_BREAK, _WORD


def _lower_words(text: str) -> list[tuple[int, int, str]]:
    # str.lower() keeps offsets for the scripts news is written in; where it would not (a few ligatures,
    # dotted capital I), lower each word on its own so spans stay exact.
    low = text.lower()
    if len(low) != len(text):
        return [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(low)]


_MONTH_NAMES = frozenset(lx.MONTHS)


def _find_triggers(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Measure phrases as (start, end, measure). Hyphenated tokens are split ("injured-when" in FA-KES)."""
    out: list[tuple[int, int, str]] = []
    n = len(words)
    skip_to = 0
    for i in [i for i, w in enumerate(words) if w[2] in _PHRASES or "-" in w[2]]:
        if i < skip_to:
            continue
        s, e, lw = words[i]
        if lw in _MONTH_NAMES and text[s].isupper():
            continue  # "in March": the month, not the verb "march"
        if lw not in _PHRASES:  # "injured-when", "Monday-and": look inside the hyphenated token
            for m in _ALPHA.finditer(lw):
                for phrase, measure in _PHRASES.get(m.group(), ()):
                    if len(phrase) == 1:
                        out.append((s + m.start(), s + m.end(), measure))
                        break
            continue
        for phrase, measure in _PHRASES[lw]:
            k = len(phrase)
            if i + k > n:
                continue
            if all(words[i + j][2] == phrase[j] for j in range(1, k)) and all(
                not text[words[i + j - 1][1] : words[i + j][0]].strip() for j in range(1, k)
            ):
                out.append((s, words[i + k - 1][1], measure))
                skip_to = i + k
                break
    return out


@dataclass
class _Ctx:
    """Everything found once per sentence and shared by its figures."""

    text: str
    words: list[tuple[int, int, str]]
    word_starts: list[int]
    triggers: list[tuple[int, int, str]]
    times: list[tuple[int, int, str, str | None]]
    attribution: tuple[int, int, str] | None
    scopes: list[tuple[int, int, str]]
    number_spans: list[tuple[int, int]]
    claimed: set[tuple[int, int, str]] = field(default_factory=set)
    count_ends: list[int] = field(default_factory=list)
    trigger_ends: list[int] = field(default_factory=list)
    event_verbs: list[tuple[int, int, str]] | None = None


def _norm_ws(s: str) -> str:
    return " ".join(s.split())


def _words_between(ctx: _Ctx, a: int, b: int) -> int:
    return bisect_left(ctx.word_starts, b) - bisect_left(ctx.word_starts, a)


def _break_between(text: str, a: int, b: int) -> bool:
    return bool(_SENT_BREAK.search(text[a:b]))


def _number_between(ctx: _Ctx, a: int, b: int) -> bool:
    return any(a <= s < b for s, _ in ctx.number_spans)
