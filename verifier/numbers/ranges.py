"""The second figure of a number: ranges ("10 to 12", "10%-12%", "$5-6 billion") and ratios ("1 in 10")."""

from __future__ import annotations

import re

from verifier.numbers.parse import _Core, _core_from_match, _may_be_unit, _tidy
from verifier.numbers.patterns import _MASTER, _RANGE_SEP, _RATIO_SEP, _SUFFIX, _UNIT_NAMES, _UNIT_RE


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
