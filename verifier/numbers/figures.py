"""A number read in its context: units, ranges, ratios, signs, years, ages and codes."""

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
    _may_be_code_cue,
    _may_be_unit,
    _tail,
    _tidy,
)
from verifier.numbers.patterns import (
    _AGE_LEFT,
    _APPOSITION_LEFT,
    _CALIBRE_RIGHT,
    _CHANGE_LEFT,
    _CODE_LEFT,
    _MAG_LEFT,
    _MASTER,
    _OR_EQUAL,
    _PLURAL_RIGHT,
    _POST_QUAL,
    _POST_QUAL_NAMES,
    _PRONOUN_LEFT,
    _PRONOUN_RIGHT,
    _RANGE_SEP,
    _RATIO_SEP,
    _SIGN_LEFT,
    _SUFFIX,
    _TEMPERATURE_LEFT,
    _UNIT_KIND,
    _UNIT_NAMES,
    _UNIT_RE,
    _YEAR_LEFT,
    _YEAR_RIGHT_COUNT,
)
from verifier.numbers.record import _FIGURE_KINDS, NumberMention, _mention
from verifier.numbers.scores import _score_mention
from verifier.numbers.vocab import _CURRENCY_SYMBOLS

_DIGIT_RUN = re.compile(r"(?:\s+\d+(?![\d,.]\d))+")


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
    # A sign: "minus 17 degrees", "-5.2%", "(-3)". A dash glued to a word ("Under-17") is no sign.
    sign = None
    if left and (left[-1] in "-−" or left.rstrip().lower().endswith(("minus", "negative"))):
        # searched in `text`, not in `left`: the character before a dash decides ("10%-12%" has no sign)
        sign = _SIGN_LEFT.search(text, max(left_lo, core.start - 12), core.start)
    if sign is not None:
        core.value = -core.value
        core.start = sign.start()
        left = left[: sign.start() - left_lo]
    raw_qual, qual_span = _left_qualifier(left, left_lo)
    if sign is None and raw_qual is None and (score := _score_mention(text, core, left)) is not None:
        return score, score.end  # "won 31-24": a pair, checked before a dash can make it a range

    # "one" as a pronoun: "one of the", "no one", "the one who".
    if (
        core.words
        and core.value == 1
        and text[core.start : core.end].lower() == "one"
        and raw_qual in (None, "between", "from")
        and text[core.end : core.end + 1] != "-"  # "a one-year-old", "the one-day truce"
        and (_PRONOUN_LEFT.search(left, _tail(left)) or _PRONOUN_RIGHT.match(text, core.end))
    ):
        return None, core.end

    if (
        raw_qual == "from"
        and qual_span
        and _CHANGE_LEFT.search(text, max(floor, qual_span[0] - 25), qual_span[0])
    ):
        raw_qual = "change"  # "rose from 10 to 12": a before and an after, not a range

    ratio = _ratio(text, core)
    if ratio is not None:  # "one in five children", "9 out of 10 families"
        v, r_end = ratio
        q = raw_qual if qual_span and raw_qual not in ("between", "from", "change") else None
        low, high = _interval(q, v, "fraction")
        start = qual_span[0] if q and qual_span else core.start
        mention = _mention(
            text, start, r_end, value=v, low=low, high=min(high, 1.0), qualifier=q, kind="fraction",
            qualifier_span=qual_span if q else None, number_span=(core.num_start, r_end),
        )  # fmt: skip
        return mention, r_end

    second = _range_second(text, core, raw_qual)
    rng_end = second.end if second else core.end
    unit_end = rng_end
    end = rng_end
    kind = "count"
    unit: str | None = None
    currency = core.currency or (second.currency if second else None)
    if currency:
        kind, unit = "money", currency

    # Right context: percent, percentage points, age, magnitude, currency / duration / measure words.
    sm = _SUFFIX.match(text, end)
    g = sm.lastgroup if sm else None
    if sm and g == "pp":
        kind, unit, end = "percentage_points", None, sm.end()
    elif sm and g == "pct" and kind != "money":
        kind, unit, end = "percent", None, sm.end()
    elif sm and g == "age":
        word = sm.group(0).lower()
        age_unit = next(u for u in ("year", "month", "week", "day") if u in word) + "s"
        kind, unit, end = "age", age_unit, sm.end()
    elif sm and g == "mag":
        kind, unit, end = "measure", "magnitude", sm.end()
    elif kind != "money" and _may_be_unit(text, end) and (um := _UNIT_RE.match(text, end)) and um.lastgroup:
        name = _UNIT_NAMES[um.lastgroup] or um.group(um.lastgroup).upper()
        unit_kind = _UNIT_KIND[um.lastgroup[0]]
        if name == "SYMBOL":
            name = _CURRENCY_SYMBOLS.get(um.group(um.lastgroup), name)
        # "five p" and "two m" are letters, not pence and metres
        if not (core.words and (um.group(um.lastgroup) in ("p", "m", "M"))):
            kind, unit, end = unit_kind, name, um.end()
    # A range written with its unit twice: "10%-12%", "30 percent to 40 percent", "5 km to 10 km".
    if second is None and end > unit_end and kind in _FIGURE_KINDS:
        second, end = _range_with_units(text, core, raw_qual, end, kind, unit)
        if second is not None:
            rng_end = second.end
    # Cues left of the qualifier: "aged between 12 and 15", "magnitude of about 6".
    cue_left = left[: qual_span[0] - left_lo] if qual_span else left
    cue_word = _last_word(cue_left)
    if kind == "count" and cue_word in _AGE_WORDS and _AGE_LEFT.search(cue_left, _tail(cue_left)):
        kind, unit = "age", "years"
    if kind == "count" and cue_word in _MAG_WORDS and _MAG_LEFT.search(cue_left, _tail(cue_left)):
        kind, unit = "measure", "magnitude"
    if kind == "count" and sign is not None and _TEMPERATURE_LEFT.search(left):
        kind, unit = "measure", "degrees"  # "temperatures fell to minus 20"
    if (
        kind == "duration"
        and raw_qual == "more_than"
        and qual_span
        and text[qual_span[0] : qual_span[1]].lower() == "over"
    ):
        raw_qual, qual_span = None, None  # "over three days" is mostly "during three days"

    digits4 = (
        core.digits is not None and not core.has_scale and len(core.digits) == 4 and core.digits.isdigit()
    )

    # Decades: "the 1990s".
    if (
        kind == "count"
        and digits4
        and second is None
        and text[end : end + 1] == "s"
        and not text[end + 1 : end + 2].isalnum()
    ):
        y = int(core.value)
        if 1800 <= y <= 2090 and y % 10 == 0:
            end += 1
            fy = float(y)
            return (
                _mention(text, core.start, end, value=fy, low=fy, high=fy + 9, qualifier=None, kind="year",
                         iso=str(y)),
                end,
            )  # fmt: skip

    plain = raw_qual in (None, "between", "from", "change")
    code_context = plain and _may_be_code_cue(left) and bool(_CODE_LEFT.search(left, _tail(left)))
    # "Under-17", "Route-66": a number glued by a hyphen to a word names something ("mid-2015" is a year).
    if plain and kind == "count" and left.endswith("-") and left[-2:-1].isalpha() and not digits4:
        code_context = True
    # Calibres: "a .357 revolver", "a .38 caliber pistol" name a weapon, they count nothing.
    if kind == "count" and (
        _CALIBRE_RIGHT.match(text, end)
        or ((core.digits or "").startswith(".") and left.endswith(("a ", "A ")))
    ):
        code_context = True
    if code_context and kind in ("count", "measure"):
        v = core.value
        # "Resolutions 2254 and 2268" are two codes, not a range
        resume = core.end
        if "URL" in left[-24:]:  # "URL 0 13": the counters after a link name are one code, not a count
            run = _DIGIT_RUN.match(text, resume)
            resume = run.end() if run else resume
        return _mention(text, core.start, resume, value=v, low=v, high=v, qualifier=None, kind="code"), resume

    if kind == "count" and digits4 and not currency:
        year = _year_mention(text, core, second, end, left, raw_qual, qual_span)
        if year is not None:
            return year, year.end
    # "'09", "the '90s": a year cut to two digits.
    if kind == "count" and second is None and core.digits and len(core.digits) == 2 and core.digits.isdigit():
        if left.endswith(("'", "’")) and (len(left) < 2 or not left[-2].isalnum()):
            y = int(core.digits)
            fy = float(y + (2000 if y <= 35 else 1900))
            end = core.end + (1 if text[core.end : core.end + 1] == "s" else 0)
            hi = fy + 9 if end > core.end else fy
            return _mention(text, core.start - 1, end, value=fy, low=fy, high=hi, qualifier=None, kind="year",
                            iso=str(int(fy)), number_span=(core.start, core.end)), end  # fmt: skip
    # "Capaldi, 55, said": an age in apposition after a name.
    if (
        kind == "count"
        and second is None
        and raw_qual is None
        and core.digits is not None
        and core.digits.isdigit()
        and 0 < core.value <= 120
        and text[end : end + 1] in (",", ")")
        and _APPOSITION_LEFT.search(left, _tail(left))
    ):
        kind, unit = "age", "years"

    # Digits glued to letters that are no known unit: "3D", "5G", "4x4".
    if kind == "count" and not core.words and text[end : end + 1].isalpha():
        return None, _skip_word(text, end)

    # Suffix qualifiers: "27+", "30 or more", "30-odd", "10 or fewer". They beat a vague "about" on the left.
    pq = _POST_QUAL.match(text, end) if second is None else None
    if pq is not None and raw_qual in (None, "about", "exactly", "between", "from", "change"):
        raw_qual = _POST_QUAL_NAMES[pq.lastgroup or "orso"]
        lead = len(pq.group(0)) - len(pq.group(0).lstrip())
        qual_span = (end + lead, pq.end())
        end = pq.end()
    elif raw_qual in ("more_than", "fewer_than") and (oe := _OR_EQUAL.match(text, end)) is not None:
        # "more than 5000 or equal to": the bound is closed
        raw_qual = "at_least" if raw_qual == "more_than" else "at_most"
        end = oe.end()

    start = core.start
    number_span = (core.num_start, rng_end)
    if second is not None:
        qualifier: str | None = "range"
        low, high = core.value, second.value
        value = _tidy((low + high) / 2)
        if raw_qual == "between" and qual_span:
            start = qual_span[0]
        elif raw_qual == "from" and qual_span:
            start = qual_span[0]
        else:
            qual_span = None
        return (
            _mention(text, start, end, value=value, low=low, high=high, qualifier=qualifier, kind=kind,
                     unit=unit, qualifier_span=qual_span, number_span=number_span),
            end,
        )  # fmt: skip
    if raw_qual in (None, "between", "from", "change"):
        raw_qual, qual_span = None, None
    qualifier = raw_qual
    if qual_span and qual_span[0] < start:
        start = qual_span[0]
    low, high = _interval(qualifier, core.value, kind)
    return (
        _mention(text, start, end, value=core.value, low=_tidy(low), high=_tidy(high), qualifier=qualifier,
                 kind=kind, unit=unit, qualifier_span=qual_span, number_span=number_span),
        end,
    )  # fmt: skip


def _ratio(text: str, core: _Core) -> tuple[float, int] | None:
    """ "1 in 10", "nine out of ten": (the share, where it ends); not "5 in 2015" or "5 in 20 minutes"."""
    rm = _RATIO_SEP.match(text, core.end)
    if rm is None or core.currency or core.value < 1 or not core.value.is_integer():
        return None
    m2 = _MASTER.match(text, rm.end())
    if m2 is None or m2.group("num") is None or m2.group("ords") or m2.group("cur"):
        return None
    c2 = _core_from_match(text, m2)
    if c2 is None or not core.value < c2.value <= 1000 or not c2.value.is_integer():
        return None
    if _may_be_unit(text, c2.end) and _UNIT_RE.match(text, c2.end):
        return None  # "5 in 20 minutes"
    return core.value / c2.value, c2.end


def _range_second(text: str, core: _Core, raw_qual: str | None, at: int | None = None) -> _Core | None:
    """The upper end of a range starting at `core` (separator at `at`, default: right after the number).

    On success `core` takes the range's scale and currency ("1.5 to 2 million", "$5-6 billion").
    """
    rs = _RANGE_SEP.match(text, core.end if at is None else at)
    if rs is None:
        return None
    word = (rs.group("word") or "").lower()
    dash = rs.group("dash") is not None
    if dash:
        ok = raw_qual != "change"
    elif word in ("to", "through"):
        ok = raw_qual not in ("change",)
    elif word == "and":
        ok = raw_qual == "between"
    else:  # "or"
        ok = True
    if not ok:
        return None
    m2 = _MASTER.match(text, rs.end())
    if m2 is None or m2.group("num") is None or m2.group("ords"):
        return None
    c2 = _core_from_match(text, m2)
    if c2 is None or (c2.currency is not None and core.currency not in (None, c2.currency)):
        return None
    if dash and core.words != c2.words:
        return None  # "twenty-5" is no range
    v1 = core.value
    if (
        dash
        and re.fullmatch(r"(?:18|19|20)\d\d", core.digits or "")
        and re.fullmatch(r"\d\d", c2.digits or "")
    ):
        c2.value += (v1 // 100) * 100  # "2015-16": the second year keeps the century of the first
    if c2.has_scale and not core.has_scale and v1 * c2.scale <= c2.value:
        v1 = _tidy(v1 * c2.scale)  # "between 1.5 and 2 million", "$5-6 billion"
    elif core.has_scale and c2.has_scale and core.scale != c2.scale and word == "or":
        return None  # "10 bln or 10 tln": two figures
    if not (c2.value > v1 or (c2.value == v1 and word == "and")):
        return None  # "fell 12 to 10", "it was 7-3 at the break" (a score with a cue is read before this)
    if word == "or" and c2.value >= 10 * max(v1, 1):
        return None  # "1 or 100" is an alternative, not a range
    core.value = v1
    core.currency = core.currency or c2.currency
    core.has_scale = core.has_scale or c2.has_scale
    return c2


def _range_with_units(
    text: str, core: _Core, raw_qual: str | None, end: int, kind: str, unit: str | None
) -> tuple[_Core | None, int]:
    """The second figure of "10%-12%" when it carries the same unit as the first; else (None, end)."""
    saved = (core.value, core.currency, core.has_scale)
    c2 = _range_second(text, core, raw_qual, at=end)
    if c2 is None:
        return None, end
    sm = _SUFFIX.match(text, c2.end)
    want = {"percent": "pct", "percentage_points": "pp"}.get(kind)
    if want is not None and sm is not None and sm.lastgroup == want:
        return c2, sm.end()
    um = _UNIT_RE.match(text, c2.end) if kind in ("money", "measure", "duration") else None
    if um and um.lastgroup and (_UNIT_NAMES[um.lastgroup] or um.group(um.lastgroup).upper()) == unit:
        return c2, um.end()
    if kind == "money" and c2.currency == unit:
        return c2, c2.end
    core.value, core.currency, core.has_scale = saved
    return None, end


def _year_mention(
    text: str,
    core: _Core,
    second: _Core | None,
    end: int,
    left: str,
    raw_qual: str | None,
    qual_span: tuple[int, int] | None,
) -> NumberMention | None:
    """A bare 1800-2099 figure after "in"/"since"/"the", or a bare 1900-2035 one with no count noun after."""
    y = int(core.value)
    plain = raw_qual in (None, "between", "from", "change")
    if not plain or _YEAR_RIGHT_COUNT.match(text, end):
        return None
    by_context = 1800 <= y <= 2099 and bool(_YEAR_LEFT.search(left, _tail(left)))
    standalone = 1900 <= y <= 2035 and not _PLURAL_RIGHT.match(text, end)
    if not (by_context or standalone):
        return None
    fy = float(y)
    if second is not None and second.digits and re.fullmatch(r"\d{2}|\d{4}", second.digits):
        if 1800 <= second.value <= 2099:
            start = qual_span[0] if raw_qual in ("between", "from") and qual_span else core.start
            span = qual_span if raw_qual in ("between", "from") else None
            return _mention(text, start, end, value=fy, low=fy, high=second.value, qualifier="range",
                            kind="year", qualifier_span=span, iso=str(y),
                            number_span=(core.start, end))  # fmt: skip
    end = core.end
    return _mention(text, core.start, end, value=fy, low=fy, high=fy, qualifier=None, kind="year", iso=str(y))


_WORD_CHARS = re.compile(r"\w*")


def _skip_word(text: str, pos: int) -> int:
    m = _WORD_CHARS.match(text, pos)
    return m.end() if m else pos + 1
