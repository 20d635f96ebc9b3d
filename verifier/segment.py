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
"""

from __future__ import annotations

import ctypes
import logging
import re
from collections.abc import Iterator

import blingfire

from verifier import lexicon as lx
from verifier.records import Article, Claim

log = logging.getLogger(__name__)

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
# A unit that is nothing but a date (with weekday, time, "Updated"): no claim in it.
_BARE_DATE = re.compile(
    rf"{_STAMP_PREFIX}(?:{_WEEKDAY_RE}\s*)?(?:{_DATE_CORE})?(?:\s*,?\s*{_TIME_RE})?(?:\s*\|?\s*{_TIME_RE})?[.\s|]*",
    re.IGNORECASE,
)
# A date (and time) opening the first sentence of an article, followed by the headline: a dateline.
_LEADING_DATE = re.compile(
    rf"{_STAMP_PREFIX}{_DATE_CORE}(?:\s*,?\s*{_TIME_RE})?\s*[-–—|:,]?\s+(?=(?-i:[\"“'A-Z0-9]))", re.IGNORECASE
)
# "BEIRUT (Reuters) - " before the first sentence: a wire dateline, not part of the claim.
_WIRE_DATELINE = re.compile(r"[A-Z][A-Z .,'/-]{1,40}\s*\([A-Za-z .]{2,30}\)\s*[-–—:]+\s*(?=\S)")

_BYLINE = re.compile(
    r"[(\[]?\s*(?i:(?:additional\s+)?(?:reporting|writing|editing|compiled|contributing|reported|written|"
    r"edited|photos?|video)\s+)?(?i:by)\s+"
    r"(?:[A-Z][\w'’.-]*|de|al|van|von|bin|and|&|,|;|in|for|at|the|staff|writer|correspondent|"
    r"reporting|editing|writing|by|[A-Z][A-Za-z]+\s+News|\||-|–)"
    r"(?:\s+(?:[A-Z][\w'’.-]*|de|al|van|von|bin|and|&|,|;|in|for|at|the|staff|writer|correspondent|"
    r"reporting|editing|writing|by|\||-|–)|,|;)*\s*[)\]]?\.?",
)
_READ_TIME = re.compile(r"\d+\s*(?:-\s*)?(?:min(?:ute)?s?)\.?\s+read\.?", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"(?:advertisement|read more|share this( article| story)?|share|print|email|comments?|more on this story|"
    r"related(?: articles?| coverage| stories| content| topics| news)?|"
    r"read also|also read|see also|follow us(?: on [\w ]{1,30})?|sign up(?: for [\w ]{1,30})?|"
    r"sponsored|subscribe( now)?|click here|all rights reserved|©.*|copyright\b.*)\s*[:.!]?",
    re.IGNORECASE,
)
# "[Getty]", "(AFP)", "Photo: Reuters", "Getty Images / AFP" (only if the unit has no verb: drop_reason).
_CREDIT = re.compile(
    r"[\[(][^\[\]().!?]{1,60}[\])]"
    r"|(?:photo|image|picture|credit|source|file photo|video)s?\s*(?:credit)?\s*[:/-]\s*[^.!?]{1,60}"
    r"|(?:getty images|afp|reuters|ap|epa|anadolu agency)(?:\s*/\s*[\w .]+)*"
    # writer/editor credit lines of agencies: "R. Issa/ O. Said"
    r"|(?-i:[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,3}\s*/\s*[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,3})",
    re.IGNORECASE,
)

_WORD = re.compile(r"[\w'’-]+")
_COMMON_VERBS = frozenset(
    """
    is are was were be been being am has have had do does did says said say tells told reports reported
    dies died die dead kills killed kill wounds wounded injures injured hurt hit hits fled flee flees rose
    rise rises fell fall falls won win wins lost lose loses left leave leaves took take takes made make
    makes went go goes came come comes saw see sees gave give gives got get gets began begin begins held
    hold holds led lead leads met meet meets ran run runs sent send sends set sets shot shoot shoots spoke
    speak speaks stood stand stands struck strike strikes fought fight fights sank sink sinks blew blow
    blows broke break breaks will would can could may might must shall should remains remained seized
    done gone seen known found felt thought kept brought bought paid built sold spent caught became become
    becomes rose grew grow grows knew know knows meant mean means put puts read cut cuts let lets quit
    """.split()
)


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
# A list of links to other stories glued to the last sentence: "... 25 Related Storm kills 3 ...",
# "Source Wire Related News Port closes ...". Their headlines are other articles' claims, never this one's.
_RELATED_LINKS = re.compile(
    r"(?:\.\.\.\s+\d+\s+(?:Topic|Related)\b|(?:Source\s+[^.]{2,40}?\s+)?Related\s+(?:News|Articles|Stories|Coverage)\b)"
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


def _words(unit: str) -> list[str]:
    return _WORD.findall(unit)


def drop_reason(unit: str) -> str | None:
    """Why a sentence is not a claim ("byline", "date", ...), or None to keep it.

    Exposed so tests and the ingest summary can say what was dropped and why.
    """
    s = unit.strip()
    if not s:
        return "empty"
    if not any(ch.isalnum() for ch in s):
        return "punctuation"
    if _BARE_DATE.fullmatch(s):
        return "date"
    if _READ_TIME.fullmatch(s):
        return "reading time"
    if _BOILERPLATE.fullmatch(s):
        return "page furniture"
    if _RELATED_LINKS.match(s):
        return "links to other stories"
    if s.count(" | ") >= 2:  # "World | Politics | Video": menu items, not prose
        return "navigation"
    if _BYLINE.fullmatch(s) and len(s) <= 120:
        return "byline"
    if _CREDIT.fullmatch(s) and len(_words(s)) <= 8 and not _looks_like_clause(_words(s)):
        return "credit"
    words = _words(s)
    if len(words) < MIN_CLAIM_WORDS:
        return "too short"
    if len(words) < SHORT_FRAGMENT_WORDS and not _looks_like_clause(words):
        return "fragment without a verb"
    return None


# "didn't", "we've", and "it's" (a pronoun's 's is "is"; a noun's is a possessive: "Syria's").
_CONTRACTED_VERB = re.compile(
    r"(?:n['’]t|['’](?:ve|re|m|ll|d)|^(?:it|that|he|she|there|here|what|who|where)['’]s)$"
)


def _looks_like_clause(words: list[str]) -> bool:
    """A verb, or a counted figure ("13 dead", "40 killed"), judged without a tagger.

    Verb-like: a common verb, an -ed form, a contraction ("didn't"), or a headline's present tense in
    the middle ("Singer enters rehab"; a final -s word is more often a plural: "World news").
    """
    lowered = [w.lower() for w in words]
    for i, w in enumerate(lowered):
        if i > 0 and words[i][:1].isupper():
            continue  # "M. al-Frieh/H. Said": a capitalised word after the first is a name
        if w in _COMMON_VERBS or (len(w) > 4 and w.endswith("ed")) or _CONTRACTED_VERB.search(w):
            return True
        if 0 < i < len(lowered) - 1 and len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            return True
    return any(w[:1].isdigit() and nxt[:1].isalpha() for w, nxt in zip(words, words[1:], strict=False))


def _trim_leading_dateline(text: str, start: int, end: int) -> int:
    """Skip "Wed 05 Apr 2017 " or "BEIRUT (Reuters) - " that opens the article's first sentence."""
    for pattern in (_LEADING_DATE, _WIRE_DATELINE):
        m = pattern.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
    return start


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
