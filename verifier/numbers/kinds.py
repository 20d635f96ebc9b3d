"""Mentions that are not plain amounts: dates, times, vague amounts, slash fractions, ordinal words."""

from __future__ import annotations

import re

from verifier.numbers.parse import _interval, _left_qualifier, _left_window, _match_unit, _may_be_unit
from verifier.numbers.patterns import (
    _CURWORD_NAMES,
    _CURWORD_RE,
    _DURATION_NAMES,
    _DURATION_RE,
    _FRACTION_ORDINAL_RIGHT,
    _SECOND_LEFT,
    _UNIT_KIND,
    _UNIT_NAMES,
    _UNIT_RE,
    _ZONE_RIGHT,
)
from verifier.numbers.record import _VAGUE_MULTIPLES, VAGUE_RANGES, NumberMention, _mention
from verifier.numbers.vocab import _DENOMINATORS, _MONTHS, _ORDINALS, _SCALES, _SMALL, _TENS, _TIME_ZONES


def _date_mention(text: str, m: re.Match[str]) -> NumberMention | None:
    s, e = m.start(), m.end()
    iso: str | None = None
    if m.group("iso"):
        y, mo, d = (int(p) for p in m.group("iso").split("-"))
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        iso = f"{y:04d}-{mo:02d}-{d:02d}"
    elif m.group("sdate"):
        iso = None  # 5/7/2015 is May 7 or July 5 depending on the writer: kept as a date, not resolved
    elif m.group("ddot"):
        d, mo, y = (int(p) for p in re.split(r"[./-]", m.group("ddot")))
        iso = f"{y:04d}-{mo:02d}-{d:02d}"
    elif m.group("nine11"):
        iso = "2001-09-11"
    else:
        if m.group("mdate"):
            mon, day, year = m.group("mon1"), m.group("d1"), m.group("y1") or m.group("y1g")
        elif m.group("ddate"):
            mon, day, year = m.group("mon2"), m.group("d2"), m.group("y2")
        else:
            mon, day, year = m.group("mon3"), None, m.group("y3")
        month = _MONTHS[mon[:3].lower()]
        if day is not None and not 1 <= int(day) <= 31:
            return None
        if day is None:
            iso = f"{int(year):04d}-{month:02d}"
        elif year is None:
            iso = f"--{month:02d}-{int(day):02d}"
        else:
            iso = f"{int(year):04d}-{month:02d}-{int(day):02d}"
    return _mention(text, s, e, value=None, low=None, high=None, qualifier=None, kind="date", iso=iso)


_CLOCK = re.compile(r"(\d{1,2})(\d{2})(?!\d)|(\d{1,2})(?:[:.](\d{2}))?")


# A clock-format figure is an elapsed time, not a time of day, after a word that times a performance ("won
# in 2:03:59" with its seconds, "a time of 29:41", "clocked 9:58"), or when its first part is no hour of a
# day ("29:41").
_ELAPSED_LEFT = re.compile(r"(?i:\b(?:time\s+of|clocked|timed|record\s+of|best\s+of)\s+)$")
_ELAPSED_IN = re.compile(r"(?i:\bin\s+)$")  # "in 2:03:59": with seconds only ("in 10:30" may be an hour)
_ELAPSED = re.compile(r"(\d{1,2}):([0-5]\d)(?::([0-5]\d))?")


def _elapsed(text: str, m: re.Match[str]) -> NumberMention | None:
    """A race or a journey time written like a clock ("2:03:59", "29:41"), as a duration in seconds."""
    raw = m.group("time")
    em = _ELAPSED.fullmatch(raw)
    if em is None:
        return None
    first, second, third = int(em.group(1)), int(em.group(2)), em.group(3)
    left = max(0, m.start() - 14)
    cued = _ELAPSED_LEFT.search(text, left, m.start()) is not None or (
        third is not None and _ELAPSED_IN.search(text, left, m.start()) is not None
    )
    if not cued and first < 24:
        return None
    # H:MM:SS, or M:SS (a first part past 23 is minutes: "29:41"; a cued two-part time is minutes too).
    seconds = first * 3600 + second * 60 + int(third) if third else first * 60 + second
    v = float(seconds)
    return _mention(text, m.start(), m.end(), value=v, low=v, high=v, qualifier=None, kind="duration",
                    unit="seconds", number_span=(m.start(), m.end()))  # fmt: skip


def _time_mention(text: str, m: re.Match[str]) -> NumberMention:
    if (elapsed := _elapsed(text, m)) is not None:
        return elapsed
    raw = m.group("time")
    hm = _CLOCK.match(raw)
    iso = None
    if hm:
        if hm.group(1):
            hour, minute = int(hm.group(1)), int(hm.group(2))
        else:
            hour, minute = int(hm.group(3)), int(hm.group(4) or 0)
        low_raw = raw.lower()
        if re.search(r"p\.?\s?m", low_raw) and hour < 12:
            hour += 12
        if re.search(r"a\.?\s?m", low_raw) and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            iso = f"{hour:02d}:{minute:02d}"
    zone, end = _time_zone(text, m.end())
    return _mention(text, m.start(), end, value=None, low=None, high=None, qualifier=None, kind="time",
                    unit=zone, iso=iso, number_span=(m.start(), m.end()))  # fmt: skip


def _time_zone(text: str, pos: int) -> tuple[str | None, int]:
    """The time zone written right after a time ("GMT", "EDT", "(local time)", "UTC+3") and its end."""
    zm = _ZONE_RIGHT.match(text, pos)
    if zm is None:
        return None, pos
    zone = _TIME_ZONES[re.sub(r"\s+", " ", zm.group("zone"))]
    return zone + (zm.group("offset") or ""), zm.end()


def _vague_mention(text: str, m: re.Match[str], floor: int) -> NumberMention:
    s, e = m.start(), m.end()
    raw = re.sub(r"\s+", " ", m.group("vague").lower())
    if m.group("vmul"):
        mul = _VAGUE_MULTIPLES[re.sub(r"\s+", " ", m.group("vmul").lower())]
        scale = _SCALES[m.group("vsc").lower()]
        low, high = mul[0] * scale, mul[1] * scale
    else:
        low, high = VAGUE_RANGES[raw]
    kind, unit = "count", None
    cur = re.match(r"\s+of\s+", text[e : e + 8])
    if cur:
        found = _match_unit(_CURWORD_RE, _CURWORD_NAMES, text, e + cur.end())
        if found and found[0] not in ("cents", "pence"):
            kind, unit, e = "money", found[0], found[1]
    found_dur = _match_unit(_DURATION_RE, _DURATION_NAMES, text, e)
    if found_dur and kind == "count":
        kind, unit, e = "duration", found_dur[0], found_dur[1]
    return _mention(text, s, e, value=None, low=low, high=high, qualifier="vague", kind=kind, unit=unit,
                    qualifier_span=(s, m.end()), number_span=(s, m.end()))  # fmt: skip


def _slash_mention(text: str, m: re.Match[str]) -> tuple[NumberMention | None, int]:
    """ "3/4" (a fraction), "2-1/2 years" (a mixed number, with its unit), "24/7" (a phrase, not a share)."""
    num, den = (int(p) for p in m.group("sfrac").split("/"))
    whole = m.group("whole")
    if m.group("slash") == "24/7" or den == 0 or (whole and num >= den):
        return _mention(text, m.start(), m.end(), value=None, low=None, high=None, qualifier=None,
                        kind="code"), m.end()  # fmt: skip
    v = num / den + (int(whole) if whole else 0)
    kind, unit, end = ("count" if whole else "fraction"), None, m.end()
    if _may_be_unit(text, end) and (um := _UNIT_RE.match(text, end)) and um.lastgroup:
        unit = _UNIT_NAMES[um.lastgroup] or um.group(um.lastgroup).upper()
        kind, end = _UNIT_KIND[um.lastgroup[0]], um.end()
    mention = _mention(text, m.start(), end, value=v, low=v, high=v, qualifier=None, kind=kind, unit=unit,
                       number_span=(m.start(), m.end()))  # fmt: skip
    return mention, end


def _ordinal_word_mention(text: str, m: re.Match[str]) -> NumberMention | None:
    raw = m.group("ordw").lower()
    parts = re.split(r"[\s-]+", raw)
    value = float(sum(_TENS.get(p, 0) + _ORDINALS.get(p, 0) for p in parts))
    if parts == ["second"] and _SECOND_LEFT.search(text, max(0, m.start() - 12), m.start()):
        return None  # "a second", "per second", "30 second": the unit of time
    return _mention(
        text, m.start(), m.end(), value=value, low=value, high=value, qualifier=None, kind="ordinal"
    )


# "The first half", "the second half", "the final half": a period of a game or a year, not a share.
_PERIOD_HALF = re.compile(r"(?i:\b(?:first|second|opening|final|latter|former)[\s-]+)$")


def _fraction_mention(text: str, m: re.Match[str], floor: int) -> NumberMention | None:
    s, e = m.start(), m.end()
    if m.group("fhalf"):
        if _PERIOD_HALF.search(text, max(0, s - 12), s):
            return None
        value = 0.5
    else:
        num_word = m.group("fnum").lower()
        den_word = m.group("fden").lower()
        num = 1 if num_word in ("a", "an") else _SMALL[num_word]
        single = num_word in ("a", "an", "one") and den_word not in ("half", "halves")
        if single and _FRACTION_ORDINAL_RIGHT.match(text, e):
            # "a third day", "one fifth time": an ordinal, not a fraction
            start = m.start("fden")
            v = float(_ORDINALS.get(den_word, _DENOMINATORS[den_word]))
            return _mention(text, start, e, value=v, low=v, high=v, qualifier=None, kind="ordinal")
        value = num / _DENOMINATORS[den_word]
    left, left_lo = _left_window(text, s, floor)
    qualifier, qual_span = _left_qualifier(left, left_lo, text)
    if qualifier in ("between", "from"):
        qualifier, qual_span = None, None
    start = qual_span[0] if qual_span else s
    low, high = _interval(qualifier, value, "fraction")
    if qualifier in ("at_least", "more_than"):
        high = 1.0
    return _mention(text, start, e, value=value, low=low, high=high, qualifier=qualifier, kind="fraction",
                    qualifier_span=qual_span, number_span=(s, e))  # fmt: skip
