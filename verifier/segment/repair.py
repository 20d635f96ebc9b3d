"""Repairs of blingfire's sentence boundaries on news text: wrong splits joined, missed ones cut, stray
closing quotes moved, over-long sentences cut at semicolons."""

from __future__ import annotations

import re

from verifier.segment.patterns import (
    _CLOSERS,
    _MONTH_RE,
    _NUMBER_ABBREVIATIONS,
    _RELATED_LINKS,
    _TIME_FOLLOWERS,
    _TITLE_ABBREVIATIONS,
    _WORD,
    MAX_CLAIM_CHARS,
    Span,
)


def _word_before(text: str, dot: int) -> str:
    """The word ending at index `dot` (exclusive), lower-cased, inner dots kept ("p.m", "u.s")."""
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    return text[i:dot].lower()


def _ends_with_abbreviation(text: str, start: int, end: int, which: frozenset[str]) -> bool:
    piece = text[start:end].rstrip()
    if not piece.endswith("."):
        return False
    word = _word_before(text, start + len(piece) - 1)
    return word.strip(".") in which


def _next_word(text: str, pos: int) -> str:
    m = _WORD.match(text, pos)
    return m.group(0) if m else ""


def _merge_wrong_splits(text: str, spans: list[Span]) -> list[Span]:
    """Join spans that blingfire cut after a title ("Lt. Col.") or before a reporting clause."""
    out: list[Span] = []
    for start, end in spans:
        if out:
            ps, pe = out[-1]
            nxt = _next_word(text, start)
            merge = _ends_with_abbreviation(text, ps, pe, _TITLE_ABBREVIATIONS) or (
                _ends_with_abbreviation(text, ps, pe, _NUMBER_ABBREVIATIONS) and nxt[:1].isdigit()
            )
            # '"It is over." he said.': a lower-case word cannot start a sentence (but "iPhone" can).
            if nxt and nxt[0].islower() and not any(c.isupper() for c in nxt):
                merge = True
            if merge:
                out[-1] = (ps, end)
                continue
        out.append((start, end))
    return out


# Boundaries blingfire misses, all checked at a sentence-final mark (`_extra_splits`):
# - ". 20 were hurt": a sentence that starts with a figure;
# - "died. Mrs. Jones survived": a title after a full stop, read as a continuation;
# - "died.The war": a missing space after a full stop (14 times in FA-KES, all real boundaries);
# - "at 3 p.m. Officials said": a time that ends the sentence.
# "Shelling kills 6 in old town AFP Sunday 3 Jul 2016 Shelling killed...": a headline, the agency and the
# dateline glued to the first sentence (124 times in FA-KES). The dateline becomes its own (dropped) unit.
_AGENCY_RE = r"(?:AFP|AP|Reuters|AA|SANA|TASS|Sputnik|Anadolu|DPA|UPI|IANS|ANI)"
_EMBEDDED_DATELINE = re.compile(
    rf"\s((?:{_AGENCY_RE}\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+\d{{1,2}}\s+"
    rf"(?i:{_MONTH_RE}),?\s+\d{{4}})\s+(?=[\"“A-Z])"
)
_DATE_PREPOSITIONS = frozenset("on since until till from by of before after between and to in at".split())
_END_MARK = re.compile(r"[.!?]([\"”’']?)(\s*)")
_TITLE_AHEAD = re.compile(r"(?:" + "|".join(sorted(_TITLE_ABBREVIATIONS)) + r")\.\s+[A-Z]", re.IGNORECASE)
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]+\b")


def _token_before(text: str, start: int, dot: int) -> str:
    """The whitespace-separated token ending just before index `dot`, without quotes or brackets."""
    piece = text[max(start, dot - 40) : dot]
    token = piece.rsplit(None, 1)[-1] if piece.strip() else ""
    return token.strip("\"'“”‘’()[]").lower()


def _missed_boundary(text: str, start: int, m: re.Match[str]) -> int | None:
    """Where to cut after the sentence-final mark matched by `m`, or None (see `_END_MARK`)."""
    mark, quote, space = m.start(), m.group(1), m.group(2)
    nxt = text[m.end()] if m.end() < len(text) else ""
    if not nxt or mark == start:
        return None
    if space and nxt.isupper() and text[max(start, mark - 3) : mark + 1].lower() in ("a.m.", "p.m."):
        following = _next_word(text, m.end())
        after = _next_word(text, m.end() + len(following) + 1)
        if following.lower() not in _TIME_FOLLOWERS and after.lower() != "time":
            return mark + 1
        return None
    before = text[max(start, mark - 3) : mark]
    candidate = (
        (space and nxt.isdigit() and (before[-1:].isalnum() or before[-1:] in "%)"))
        or (space and before[-2:].isalpha() and before[-2:].islower() and _TITLE_AHEAD.match(text, m.end()))
        or (
            not space
            and not quote
            and len(before) == 3
            and all(c.islower() or c.isdigit() for c in before)
            and _CAPITALISED_WORD.match(text, m.end())
        )
    )
    if not candidate:
        return None
    bare = _token_before(text, start, mark)
    if len(bare) < 2 or "." in bare or "/" in bare:  # "J.", "U.S.", "www.example"
        return None
    if bare in _NUMBER_ABBREVIATIONS or bare in _TITLE_ABBREVIATIONS:
        return None
    return mark + 1 + len(quote)


def _extra_splits(text: str, start: int, end: int) -> list[Span]:
    """Cut a span where blingfire missed a boundary (see `_END_MARK`)."""
    cuts = [cut for m in _END_MARK.finditer(text, start, end) if (cut := _missed_boundary(text, start, m))]
    related = _RELATED_LINKS.search(text, start, end)
    if related and related.start() > start:
        cuts.append(related.start())
    for m in _EMBEDDED_DATELINE.finditer(text, start, end):
        if _token_before(text, start, m.start() + 1) not in _DATE_PREPOSITIONS:
            cuts += [m.start(1), m.end(1)]
    if not cuts:
        return [(start, end)]
    out: list[Span] = []
    prev = start
    for cut in sorted(set(cuts)):
        if prev < cut < end:
            out.append((prev, cut))
            prev = cut
    out.append((prev, end))
    return out


def _closes_here(text: str, j: int, end: int) -> bool:
    """A quote or bracket at `j` that closes (what follows is space, another closer or the end)."""
    return j + 1 == end or text[j + 1] in _CLOSERS or text[j + 1].isspace()


def _move_stray_closers(text: str, spans: list[Span]) -> list[Span]:
    """'said "it is over.' + '" Then' -> the closing quote belongs to the sentence it closes."""
    out = list(spans)
    for i in range(1, len(out)):
        ps, pe = out[i - 1]
        s, e = out[i]
        j = s
        while j < e and text[j] in _CLOSERS and _closes_here(text, j, e):
            j += 1
        if j > s and text[pe - 1 : pe] in ".!?" + _CLOSERS and text[pe:s].strip() == "":
            out[i - 1] = (ps, j)
            out[i] = (j, e)
    return [(s, e) for s, e in out if s < e]


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_long(text: str, start: int, end: int) -> list[Span]:
    """A span over MAX_CLAIM_CHARS is cut after each semicolon (see MAX_CLAIM_CHARS)."""
    if end - start <= MAX_CLAIM_CHARS:
        return [(start, end)]
    out: list[Span] = []
    prev = start
    for m in re.finditer(r";\s+", text[start:end]):
        cut = start + m.start() + 1
        out.append((prev, cut))
        prev = cut
    out.append((prev, end))
    return out
