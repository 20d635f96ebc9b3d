"""Split article text into sentences with exact character offsets, and keep the ones that are claims.

Boundaries come from blingfire's sentence model, run one text block at a time (blocks are lines, see
`_blocks`), then repaired with a few rules it gets wrong on news text: title abbreviations ("Lt. Col."),
a sentence that starts with a number ("13 died. 20 were hurt."), "3 p.m. Officials said", a reporting
clause after a quote ('"It is over." he said.'). Every span is an offset pair into the original text:
the text is never rewritten, so `article.text[c.start:c.end] == c.text` always holds.

`split_claims` then drops what no fact-checker would check (`drop_reason` says why): bylines, reading
times, bare dates and datelines, photo credits, page furniture ("Read more"), link lists to other
stories, menus, and fragments too short to assert anything. A dateline opening the article ("Wed 05 Apr
2017 ", "BEIRUT (Reuters) - ") is cut off the first claim by moving its start offset.

Modules: `patterns` (limits, abbreviations, date pieces) -> `repair` (boundary rules), `filters`
(`drop_reason`) -> this module (blingfire, blocks, `split_sentences`, `split_claims`).
"""

from __future__ import annotations

import ctypes
import logging
import re
from collections.abc import Iterator

import blingfire

from verifier.core.records import Article, Claim
from verifier.segment.filters import _trim_leading_dateline, drop_reason
from verifier.segment.patterns import MAX_CLAIM_CHARS, MIN_CLAIM_WORDS, SHORT_FRAGMENT_WORDS, Span
from verifier.segment.repair import (
    _extra_splits,
    _merge_wrong_splits,
    _move_stray_closers,
    _split_long,
    _strip,
)

log = logging.getLogger(__name__)

__all__ = [
    "MAX_CLAIM_CHARS",
    "MIN_CLAIM_WORDS",
    "SHORT_FRAGMENT_WORDS",
    "Span",
    "drop_reason",
    "split_claims",
    "split_sentences",
]

_UNSAFE = re.compile("[\x00\n\r\ud800-\udfff]")


def _safe_for_blingfire(block: str) -> str:
    """The same number of code points, without what the C library cannot take (NUL, lone surrogates).

    Newlines become spaces: `_blocks` has already decided which line breaks end a sentence.
    """
    return _UNSAFE.sub(" ", block)


def _sentence_offsets(safe: str) -> list[Span]:
    """blingfire's sentence spans as character offsets.

    blingfire's own wrapper maps UTF-8 byte offsets to characters with a Python loop over every byte
    (about 70% of segmentation time on FA-KES); this calls the same C function and maps offsets with one
    decode per sentence, or not at all for ASCII text. Falls back to the wrapper if its C entry point moves.
    """
    fn = getattr(getattr(blingfire, "blingfire", None), "TextToSentencesWithOffsets", None)
    if fn is None:
        return list(blingfire.text_to_sentences_and_offsets(safe)[1])
    data = safe.encode("utf-8")
    size = len(data) * 2  # what the wrapper allocates: the output can add a newline per sentence
    out = ctypes.create_string_buffer(size)
    starts = (ctypes.c_int32 * size)()
    ends = (ctypes.c_int32 * size)()
    n_out = fn(
        ctypes.c_char_p(data), ctypes.c_int(len(data)), ctypes.byref(out), ctypes.byref(starts),
        ctypes.byref(ends), ctypes.c_int(size),
    )  # fmt: skip
    if n_out == -1 or n_out > size:
        raise ValueError("blingfire could not split this block")
    count = out.value.count(b"\n") + 1
    byte_spans = [(starts[i], ends[i] + 1) for i in range(count)]  # blingfire's end offset is inclusive
    if len(data) == len(safe):  # ASCII: bytes are characters
        return byte_spans
    spans: list[Span] = []
    pos_byte = pos_char = 0
    for start, end in byte_spans:
        if not (pos_byte <= start < end <= len(data)):
            raise ValueError(f"impossible byte span {(start, end)}")
        pos_char += len(data[pos_byte:start].decode("utf-8"))
        span_chars = len(data[start:end].decode("utf-8"))
        spans.append((pos_char, pos_char + span_chars))
        pos_char += span_chars
        pos_byte = end
    return spans


def _blingfire_spans(block: str) -> list[Span]:
    """Sentence spans inside one block (offsets relative to the block), validated."""
    if not block.strip():
        return []
    try:
        offsets = _sentence_offsets(_safe_for_blingfire(block))
    except (AssertionError, UnicodeError, ValueError) as exc:  # blingfire's wrapper asserts on odd input
        log.warning("blingfire failed on a %d-character block (%s); keeping it as one unit", len(block), exc)
        return [(0, len(block))]
    spans: list[Span] = []
    last = 0
    for start, end in offsets:
        if not (last <= start < end <= len(block)):
            log.warning("blingfire gave an impossible span %s; keeping the block as one unit", (start, end))
            return [(0, len(block))]
        spans.append((start, end))
        last = end
    return spans or [(0, len(block))]


_LINE_CONTINUES = re.compile(r"[,;:(\[–—-]\s*$")


def _blocks(text: str) -> Iterator[Span]:
    """Lines of the text that stand alone: a headline, a dateline, an ECB+ sentence, a paragraph.

    A line break ends a unit unless the text was hard-wrapped: the next line starts in lower case or the
    line ends with a comma, colon, dash or open bracket. Blank lines always end a unit.
    """
    start = 0
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl == -1:
            break
        line = text[pos:nl]
        nxt_start = nl + 1
        nxt_end = text.find("\n", nxt_start)
        nxt = text[nxt_start : n if nxt_end == -1 else nxt_end]
        stripped_next = nxt.lstrip()
        joins = (
            line.strip() != ""
            and stripped_next != ""
            and (stripped_next[0].islower() or _LINE_CONTINUES.search(line) is not None)
        )
        if not joins:
            yield (start, nl)
            start = nl + 1
        pos = nl + 1
    yield (start, n)


def split_sentences(text: str) -> list[Span]:
    """Sentence spans `(start, end)` into `text`: stripped of surrounding whitespace, ordered, non-empty."""
    spans: list[Span] = []
    for bs, be in _blocks(text):
        block = text[bs:be]
        local = _blingfire_spans(block)
        pieces: list[Span] = []
        for s, e in _merge_wrong_splits(block, local):
            pieces.extend(_extra_splits(block, s, e))
        pieces = _move_stray_closers(block, pieces)
        for s, e in pieces:
            for ls, le in _split_long(block, s, e):
                a, b = _strip(text, bs + ls, bs + le)
                if a < b:
                    spans.append((a, b))
    return spans


def split_claims(article: Article) -> list[Claim]:
    """The article's sentences that a fact-checker could check, in order, with exact offsets."""
    text = article.text
    claims: list[Claim] = []
    for i, (start, end) in enumerate(split_sentences(text)):
        if i == 0 or text[:start].strip() == "":
            start = _trim_leading_dateline(text, start, end)
        unit = text[start:end]
        reason = drop_reason(unit)
        if reason is not None:
            log.debug("dropped (%s): %r", reason, unit[:80])
            continue
        claims.append(Claim.create(article.id, unit, start, end, position=len(claims)))
    return claims
