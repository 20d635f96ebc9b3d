"""A number read in its context: the steps from a `num` match to a mention (sign, qualifier, unit, range).

Ranges and ratios are read in `ranges`, years and codes in `years`.
"""

from __future__ import annotations

import re

from verifier.numbers.parse import (
    _AGE_WORDS,
    _MAG_WORDS,
    _Core,
    _core_from_match,
    _interval,
    _last_word,
    _left_qualifier,
    _left_window,
    _may_be_unit,
    _tail,
    _tidy,
)
from verifier.numbers.patterns import (
    _AGE_BOUND,
    _AGE_LEFT,
    _APPOSITION_LEFT,
    _CHANGE_LEFT,
    _MAG_LEFT,
    _OR_EQUAL,
    _POST_QUAL,
    _POST_QUAL_NAMES,
    _PRONOUN_LEFT,
    _PRONOUN_RIGHT,
    _SIGN_LEFT,
    _SUFFIX,
    _TEMPERATURE_LEFT,
    _UNIT_KIND,
    _UNIT_NAMES,
    _UNIT_RE,
)
from verifier.numbers.ranges import _range_second, _range_with_units, _ratio
from verifier.numbers.record import _FIGURE_KINDS, NumberMention, _mention
from verifier.numbers.scores import _score_mention
from verifier.numbers.vocab import _CURRENCY_SYMBOLS
from verifier.numbers.years import _year_or_code

_Span = tuple[int, int]


def _number_mention(text: str, m: re.Match[str], floor: int) -> tuple[NumberMention | None, int]:
    """A mention built around a `num` match, or (None, where to resume)."""
    core = _core_from_match(text, m)
    if core is None:
        return None, m.end()
    if core.ordinal:
        v = core.value
        return _mention(
            text, core.start, core.end, value=v, low=v, high=v, qualifier=None, kind="ordinal"
        ), core.end

    # Left context: qualifier ("at least"), code words ("Resolution"), "aged", "magnitude", "in" (years).
    left, left_lo = _left_window(text, core.start, floor)
    signed, left = _sign(text, core, left, left_lo)
    raw_qual, qual_span = _left_qualifier(left, left_lo, text)
    if not signed and raw_qual is None and (score := _score_mention(text, core, left)) is not None:
        return score, score.end  # "won 31-24": a pair, checked before a dash can make it a range
    if _is_pronoun_one(text, core, left, raw_qual):
        return None, core.end
    if (
        raw_qual == "from"
        and qual_span
        and _CHANGE_LEFT.search(text, max(floor, qual_span[0] - 25), qual_span[0])
    ):
        raw_qual = "change"  # "rose from 10 to 12": a before and an after, not a range
    ratio = _ratio_mention(text, core, raw_qual, qual_span)
    if ratio is not None:  # "one in five children", "9 out of 10 families"
        return ratio

    second = _range_second(text, core, raw_qual)
    rng_end = second.end if second else core.end
    currency = core.currency or (second.currency if second else None)
    kind, unit = ("money", currency) if currency else ("count", None)
    kind, unit, end = _right_unit(text, core, rng_end, kind, unit)
    # A range written with its unit twice: "10%-12%", "30 percent to 40 percent", "5 km to 10 km".
    if second is None and end > rng_end and kind in _FIGURE_KINDS:
        second, end = _range_with_units(text, core, raw_qual, end, kind, unit)
        if second is not None:
            rng_end = second.end
    kind, unit = _left_cues(left, left_lo, qual_span, kind, unit, signed, text[end : end + 2])
    if (
        kind == "duration"
        and raw_qual == "more_than"
        and qual_span
        and text[qual_span[0] : qual_span[1]].lower() == "over"
    ):
        raw_qual, qual_span = None, None  # "over three days" is mostly "during three days"

    named = _year_or_code(text, core, second, end, left, raw_qual, qual_span, kind, currency)
    if named is not None:
        return named
    if kind == "count" and _apposition_age(text, core, second, end, left, raw_qual):
        kind, unit = "age", "years"
    # Digits glued to letters that are no known unit: "3D", "5G", "4x4".
    if kind == "count" and not core.words and text[end : end + 1].isalpha():
        return None, _skip_word(text, end)
    raw_qual, qual_span, end = _suffix_qualifier(text, end, second, raw_qual, qual_span)
    return _built(text, core, second, (end, rng_end), kind, unit, raw_qual, qual_span)


def _sign(text: str, core: _Core, left: str, left_lo: int) -> tuple[bool, str]:
    """A sign: "minus 17 degrees", "-5.2%", "(-3)". A dash glued to a word ("Under-17") is no sign.

    With a sign `core` turns negative and starts at it, and the left context ends before it.
    """
    if not (left and (left[-1] in "-−" or left.rstrip().lower().endswith(("minus", "negative")))):
        return False, left
    # searched in `text`, not in `left`: the character before a dash decides ("10%-12%" has no sign)
    sign = _SIGN_LEFT.search(text, max(left_lo, core.start - 12), core.start)
    if sign is None:
        return False, left
    core.value = -core.value
    core.start = sign.start()
    return True, left[: sign.start() - left_lo]


def _is_pronoun_one(text: str, core: _Core, left: str, raw_qual: str | None) -> bool:
    """ "one" as a pronoun: "one of the", "no one", "the one who"."""
    return bool(
        core.words
        and core.value == 1
        and text[core.start : core.end].lower() == "one"
        and raw_qual in (None, "between", "from")
        and text[core.end : core.end + 1] != "-"  # "a one-year-old", "the one-day truce"
        and (_PRONOUN_LEFT.search(left, _tail(left)) or _PRONOUN_RIGHT.match(text, core.end))
    )


def _ratio_mention(
    text: str, core: _Core, raw_qual: str | None, qual_span: _Span | None
) -> tuple[NumberMention, int] | None:
    ratio = _ratio(text, core)
    if ratio is None:
        return None
    v, r_end = ratio
    q = raw_qual if qual_span and raw_qual not in ("between", "from", "change") else None
    low, high = _interval(q, v, "fraction")
    start = qual_span[0] if q and qual_span else core.start
    mention = _mention(
        text, start, r_end, value=v, low=low, high=min(high, 1.0), qualifier=q, kind="fraction",
        qualifier_span=qual_span if q else None, number_span=(core.num_start, r_end),
    )  # fmt: skip
    return mention, r_end


def _right_unit(text: str, core: _Core, end: int, kind: str, unit: str | None) -> tuple[str, str | None, int]:
    """Right context: percent, percentage points, age, magnitude, currency / duration / measure words."""
    sm = _SUFFIX.match(text, end)
    g = sm.lastgroup if sm else None
    if sm and g == "pp":
        return "percentage_points", None, sm.end()
    if sm and g == "pct" and kind != "money":
        return "percent", None, sm.end()
    if sm and g == "age":
        word = sm.group(0).lower()
        age_unit = next(u for u in ("year", "month", "week", "day") if u in word) + "s"
        return "age", age_unit, sm.end()
    if sm and g == "mag":
        return "measure", "magnitude", sm.end()
    if kind != "money" and _may_be_unit(text, end) and (um := _UNIT_RE.match(text, end)) and um.lastgroup:
        name = _UNIT_NAMES[um.lastgroup] or um.group(um.lastgroup).upper()
        unit_kind = _UNIT_KIND[um.lastgroup[0]]
        if name == "SYMBOL":
            name = _CURRENCY_SYMBOLS.get(um.group(um.lastgroup), name)
        # "five p" and "two m" are letters, not pence and metres
        if not (core.words and (um.group(um.lastgroup) in ("p", "m", "M"))):
            return unit_kind, name, um.end()
    return kind, unit, end


def _left_cues(
    left: str,
    left_lo: int,
    qual_span: _Span | None,
    kind: str,
    unit: str | None,
    signed: bool,
    after: str = "",
) -> tuple[str, str | None]:
    """Cues left of the qualifier: "aged between 12 and 15", "magnitude of about 6", "minus 20" (degrees).
    `after` is the text right after the figure: "died at 10 Downing Street" is an address, not an age."""
    if kind != "count":
        return kind, unit
    cue_left = left[: qual_span[0] - left_lo] if qual_span else left
    if qual_span and _AGE_BOUND.search(left, qual_span[0] - left_lo):
        return "age", "years"  # "under the age of eight": a bound on an age
    cue_word = _last_word(cue_left)
    if cue_word in _AGE_WORDS and _AGE_LEFT.search(cue_left, _tail(cue_left)):
        if cue_word != "at" or not after.strip()[:1].isupper():
            return "age", "years"
    if cue_word in _MAG_WORDS and _MAG_LEFT.search(cue_left, _tail(cue_left)):
        return "measure", "magnitude"
    if signed and _TEMPERATURE_LEFT.search(left):
        return "measure", "degrees"  # "temperatures fell to minus 20"
    return kind, unit


def _apposition_age(
    text: str, core: _Core, second: _Core | None, end: int, left: str, raw_qual: str | None
) -> bool:
    """ "Capaldi, 55, said": an age in apposition after a name."""
    return bool(
        second is None
        and raw_qual is None
        and core.digits is not None
        and core.digits.isdigit()
        and 0 < core.value <= 120
        and text[end : end + 1] in (",", ")")
        and _APPOSITION_LEFT.search(left, _tail(left))
    )


def _suffix_qualifier(
    text: str, end: int, second: _Core | None, raw_qual: str | None, qual_span: _Span | None
) -> tuple[str | None, _Span | None, int]:
    """Suffix qualifiers ("27+", "30 or more", "30-odd", "10 or fewer") beat a vague "about" on the left; a
    lost character after the figure makes it vague."""
    pq = _POST_QUAL.match(text, end) if second is None else None
    if pq is not None and raw_qual in (None, "about", "exactly", "between", "from", "change"):
        lead = len(pq.group(0)) - len(pq.group(0).lstrip())
        return _POST_QUAL_NAMES[pq.lastgroup or "orso"], (end + lead, pq.end()), pq.end()
    if raw_qual in ("more_than", "fewer_than") and (oe := _OR_EQUAL.match(text, end)) is not None:
        # "more than 5000 or equal to": the bound is closed
        return ("at_least" if raw_qual == "more_than" else "at_most"), qual_span, oe.end()
    if text[end : end + 1] == "\ufffd":
        # A character lost in decoding stands glued to the figure ("4\ufffd months" was "4½ months"): its
        # value is not what was written, so it is read as vague and never clashes.
        return "vague", qual_span, end
    return raw_qual, qual_span, end


def _built(
    text: str,
    core: _Core,
    second: _Core | None,
    ends: tuple[int, int],
    kind: str,
    unit: str | None,
    raw_qual: str | None,
    qual_span: _Span | None,
) -> tuple[NumberMention, int]:
    """The mention of a figure or a range; `ends` is (where the mention ends, where its number ends)."""
    end, rng_end = ends
    start = core.start
    number_span = (core.num_start, rng_end)
    if second is not None:
        low, high = core.value, second.value
        value = _tidy((low + high) / 2)
        if raw_qual in ("between", "from") and qual_span:
            start = qual_span[0]
        else:
            qual_span = None
        return (
            _mention(text, start, end, value=value, low=low, high=high, qualifier="range", kind=kind,
                     unit=unit, qualifier_span=qual_span, number_span=number_span),
            end,
        )  # fmt: skip
    if raw_qual in (None, "between", "from", "change"):
        raw_qual, qual_span = None, None
    if qual_span and qual_span[0] < start:
        start = qual_span[0]
    low, high = _interval(raw_qual, core.value, kind)
    return (
        _mention(text, start, end, value=core.value, low=_tidy(low), high=_tidy(high), qualifier=raw_qual,
                 kind=kind, unit=unit, qualifier_span=qual_span, number_span=number_span),
        end,
    )  # fmt: skip


_WORD_CHARS = re.compile(r"\w*")


def _skip_word(text: str, pos: int) -> int:
    m = _WORD_CHARS.match(text, pos)
    return m.end() if m else pos + 1
