"""What is found once per sentence (words, measure triggers) and shared by its figures."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

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
        free = lw in lx.OBJECT_FREE_TRIGGERS
        for phrase, measure in _PHRASES[lw]:
            k = len(phrase)
            if k == 1 and free and _object_follows(text, words, i):
                continue
            if i + k > n:
                continue
            if all(words[i + j][2] == phrase[j] for j in range(1, k)) and all(
                not text[words[i + j - 1][1] : words[i + j][0]].strip() for j in range(1, k)
            ):
                out.append((s, words[i + k - 1][1], measure))
                skip_to = i + k
                break
    return out


# What may follow a verb that takes no object for it to count its measure: a number ("lost 20 soldiers"), a
# preposition or a conjunction ("were lost in the storm", "lost at sea", "lost and 12 hurt").
_AFTER_OBJECT_FREE = frozenset(
    "in at on during when after before while as and or to from by since".split()
)
_NUMBER_WORDS = frozenset(
    "a an one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty dozens "
    "hundreds thousands scores several another".split()
)


def _object_follows(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """Whether a word other than a number, a preposition or a conjunction follows word `i` in its clause
    ("lost power", "lost their homes"): then the verb has an object and counts nothing of its measure."""
    if i + 1 >= len(words):
        return False
    s, _, nxt = words[i + 1]
    if text[words[i][1] : s].strip():  # punctuation between: the clause ended
        return False
    return not (nxt[0].isdigit() or nxt in _AFTER_OBJECT_FREE or nxt in _NUMBER_WORDS)


class _Spans:
    """Character spans sorted by start, asked "does one cover this position / start in this range" by
    bisection: a scan of every span for every figure made extraction quadratic in the figure count."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted((s, e) for s, e in spans)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []  # the furthest end among the spans up to each one (spans may overlap)
        for _, e in ordered:
            self.reach.append(max(e, self.reach[-1]) if self.reach else e)

    def covers(self, pos: int) -> bool:
        """Whether some span has start <= pos < end."""
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos

    def starts_in(self, a: int, b: int) -> bool:
        """Whether some span starts in [a, b)."""
        i = bisect_left(self.starts, a)
        return i < len(self.starts) and self.starts[i] < b


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

    # Indexes built on first use, so that each figure's questions cost a bisection, not a scan.
    @cached_property
    def breaks(self) -> list[tuple[int, int]]:
        """Clause breaks, in order; they never overlap (a break never starts inside another)."""
        return [(m.start(), m.end()) for m in _SENT_BREAK.finditer(self.text)]

    @cached_property
    def break_starts(self) -> list[int]:
        return [s for s, _ in self.breaks]

    @cached_property
    def numbers(self) -> _Spans:
        return _Spans(self.number_spans)

    @cached_property
    def trigger_spans(self) -> _Spans:
        return _Spans((s, e) for s, e, _ in self.triggers)

    @cached_property
    def trigger_starts(self) -> list[int]:
        return [t[0] for t in self.triggers]

    @cached_property
    def sorted_count_ends(self) -> list[int]:
        return sorted(self.count_ends)


def _norm_ws(s: str) -> str:
    return " ".join(s.split())


def _words_between(ctx: _Ctx, a: int, b: int) -> int:
    return bisect_left(ctx.word_starts, b) - bisect_left(ctx.word_starts, a)


def _break_between(ctx: _Ctx, a: int, b: int) -> bool:
    """Whether a clause break lies wholly inside [a, b): the same answer as searching text[a:b], found by
    bisection in the breaks of the sentence."""
    i = bisect_left(ctx.break_starts, a)
    return i < len(ctx.breaks) and ctx.breaks[i][1] <= b


def _number_between(ctx: _Ctx, a: int, b: int) -> bool:
    return ctx.numbers.starts_in(a, b)
