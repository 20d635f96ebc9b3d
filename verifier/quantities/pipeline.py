"""`extract`: from number mentions to linked frames, one sentence at a time, with a memo of recent ones."""

from __future__ import annotations

import logging
from bisect import bisect_right
from functools import lru_cache

from verifier.core.dates import parse_date
from verifier.numbers import find_numbers
from verifier.quantities.attribution import _attribution, _scopes, _times
from verifier.quantities.context import _Ctx, _find_triggers, _lower_words, _Spans, _words_between
from verifier.quantities.frames import _frame, _negated_frame, _num_start
from verifier.quantities.measure import _LINK_BEFORE
from verifier.quantities.parts import _link_parts
from verifier.quantities.patterns import _NEGATION, _NEGATION_HINT, _SCOPE_WORDS, _TIME_WORDS, _two_weekdays
from verifier.quantities.record import Quantity

log = logging.getLogger(__name__)

# Figures read from one text, at most (numbers and negations such as "no one"; the rest are dropped, with a
# warning). The 10,203 FA-KES sentences hold at most 10 figures; a text with hundreds is a table, a list or
# generated, and every figure costs a frame. `relate` compares at most compare.align.MAX_FIGURES of them.
MAX_EXTRACT_FIGURES = 500
# Characters read from one text, at most (the rest is not read, with a warning). The longest FA-KES
# sentence has 615 characters and the segmenter cuts claims at 1,000 where it can; a longer piece is a table
# or a run-on it kept whole. Reading numbers costs 40-80 us per figure (2 cores), so this bounds one text
# at about a second even when it is nothing but figures ("1-1-1-...").
MAX_EXTRACT_CHARS = 20_000


def extract(text: str, published: str | None = None) -> list[Quantity]:
    """Every figure of `text` as a frame, in text order. `published` (ISO date) resolves "on Thursday"."""
    return list(_extract_cached(text, published))


# The engine extracts a retrieved claim, then `relate` extracts it again, and one claim is compared with
# many: a small memo of recent sentences halves the work. Frames are immutable (spans are read-only).
EXTRACT_CACHE_SIZE = 4096


@lru_cache(maxsize=EXTRACT_CACHE_SIZE)
def _extract_cached(text: str, published: str | None) -> tuple[Quantity, ...]:
    return tuple(_extract(text, published))


def _sentence_vocab(words: list[tuple[int, int, str]]) -> set[str]:
    """The sentence's lower-case words, with the parts of hyphened ones ("Monday-and" in FA-KES text) and
    possessives without their "'s" ("Monday's shelling"): what the cheap gates look words up in."""
    vocab = {w[2] for w in words}
    vocab.update([p for w in vocab if "-" in w for p in w.split("-")])
    vocab.update([w[:-2] for w in vocab if w.endswith(("'s", "’s"))])
    return vocab


def _extract(text: str, published: str | None) -> list[Quantity]:
    if not text or not text.strip():
        return []
    text = _within_limit(text)
    negs = list(_NEGATION.finditer(text)) if _NEGATION_HINT.search(text) else []
    mentions = [m for m in find_numbers(text) if m.end > m.start]
    if negs:  # "no one": not the number one
        inside = _Spans((n.start(), n.end()) for n in negs)
        mentions = [m for m in mentions if not inside.covers(m.start)]
    if len(mentions) + len(negs) > MAX_EXTRACT_FIGURES:
        log.warning(
            "%d figures in a text of %d characters: reading the first %d",
            len(mentions) + len(negs),
            len(text),
            MAX_EXTRACT_FIGURES,
        )
        mentions, negs = mentions[:MAX_EXTRACT_FIGURES], negs[: max(0, MAX_EXTRACT_FIGURES - len(mentions))]
    if not mentions and not negs:
        return []
    pub = parse_date(published)
    words = _lower_words(text)
    low = text.lower()
    vocab = _sentence_vocab(words)
    ctx = _Ctx(
        text=text,
        words=words,
        word_starts=[w[0] for w in words],
        triggers=_find_triggers(text, words),
        times=_times(text, pub, words) if not _TIME_WORDS.isdisjoint(vocab) else [],
        attribution=_attribution(text, words),
        scopes=_scopes(text, words, _two_weekdays(vocab, low))
        if not _SCOPE_WORDS.isdisjoint(vocab) or _two_weekdays(vocab, low)
        else [],
        # Codes ("AK-47s") may be part of a counted group ("seven AK-47s"); other numbers end a phrase.
        number_spans=[(_num_start(m), m.end) for m in mentions if getattr(m, "kind", "") != "code"],
        count_ends=[m.end for m in mentions if m.kind == "count"],
    )
    ctx.trigger_ends = [t[1] for t in ctx.triggers]
    for s, _ in ctx.number_spans:
        n_before = bisect_right(ctx.trigger_ends, s)
        # Only an -ing verb reaches across a counted group to govern the next number ("fired 300 shells
        # into the city killing nine"); "set off to march the 20 blocks" still belongs to its subject.
        if n_before:
            t = ctx.triggers[n_before - 1]
            if (
                text[t[0] : t[1]].lower().endswith("ing")
                and _words_between(ctx, t[1], s) <= 3
                and _LINK_BEFORE.match(text, t[1], s)
            ):
                ctx.claimed.add(t)
    frames: list[Quantity] = []
    for m in mentions:
        frames.append(_frame(ctx, m))
    for n in negs:
        if ctx.numbers.covers(n.start()):
            continue
        frames.append(_negated_frame(ctx, n))
    frames.sort(key=lambda q: q.spans["number"][0])
    return _link_parts(ctx, frames)


# How far back from the limit a cut looks for white space, so that no number is cut in two ("1,234,567").
_CUT_BACK_CHARS = 200


def _within_limit(text: str) -> str:
    """The first MAX_EXTRACT_CHARS characters of `text`, cut at white space; spans stay offsets into it."""
    if len(text) <= MAX_EXTRACT_CHARS:
        return text
    space = text.rfind(" ", MAX_EXTRACT_CHARS - _CUT_BACK_CHARS, MAX_EXTRACT_CHARS)
    cut = space if space > 0 else MAX_EXTRACT_CHARS
    log.warning("a text of %d characters: reading figures in its first %d", len(text), cut)
    return text[:cut]
