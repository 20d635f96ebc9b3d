"""Figures that name a time or a thing rather than count: decades, years, two-digit years, codes, calibres."""

from __future__ import annotations

import re

from verifier.numbers.parse import _Core, _may_be_code_cue, _tail
from verifier.numbers.patterns import _CALIBRE_RIGHT, _CODE_LEFT, _PLURAL_RIGHT, _YEAR_LEFT, _YEAR_RIGHT_COUNT
from verifier.numbers.record import NumberMention, _mention

_DIGIT_RUN = re.compile(r"(?:\s+\d+(?![\d,.]\d))+")


def _year_or_code(
    text: str,
    core: _Core,
    second: _Core | None,
    end: int,
    left: str,
    raw_qual: str | None,
    qual_span: tuple[int, int] | None,
    kind: str,
    currency: str | None,
) -> tuple[NumberMention, int] | None:
    """The mention and where to resume when the figure is a decade, a year or a code; else None."""
    digits4 = (
        core.digits is not None and not core.has_scale and len(core.digits) == 4 and core.digits.isdigit()
    )
    if kind == "count" and digits4 and second is None and (decade := _decade(text, core, end)) is not None:
        return decade, decade.end
    if kind in ("count", "measure") and _is_code(text, core, end, left, raw_qual, kind, digits4):
        return _code(text, core, left)
    if kind != "count":
        return None
    if digits4 and not currency:
        year = _year_mention(text, core, second, end, left, raw_qual, qual_span)
        if year is not None:
            return year, year.end
    if second is None:
        return _short_year(text, core, left)
    return None


def _decade(text: str, core: _Core, end: int) -> NumberMention | None:
    """Decades: "the 1990s"."""
    if text[end : end + 1] != "s" or text[end + 1 : end + 2].isalnum():
        return None
    y = int(core.value)
    if not (1800 <= y <= 2090 and y % 10 == 0):
        return None
    fy = float(y)
    return _mention(text, core.start, end + 1, value=fy, low=fy, high=fy + 9, qualifier=None, kind="year",
                    iso=str(y))  # fmt: skip


def _is_code(
    text: str, core: _Core, end: int, left: str, raw_qual: str | None, kind: str, digits4: bool
) -> bool:
    """A number that names something: "Resolution 2254", "Under-17", "a .357 revolver"."""
    plain = raw_qual in (None, "between", "from", "change")
    if plain and _may_be_code_cue(left) and _CODE_LEFT.search(left, _tail(left)):
        return True
    # "Under-17", "Route-66": a number glued by a hyphen to a word names something ("mid-2015" is a year).
    if plain and kind == "count" and left.endswith("-") and left[-2:-1].isalpha() and not digits4:
        return True
    # Calibres: "a .357 revolver", "a .38 caliber pistol" name a weapon, they count nothing.
    return kind == "count" and bool(
        _CALIBRE_RIGHT.match(text, end)
        or ((core.digits or "").startswith(".") and left.endswith(("a ", "A ")))
    )


def _code(text: str, core: _Core, left: str) -> tuple[NumberMention, int]:
    v = core.value
    # "Resolutions 2254 and 2268" are two codes, not a range
    resume = core.end
    if "URL" in left[-24:]:  # "URL 0 13": the counters after a link name are one code, not a count
        run = _DIGIT_RUN.match(text, resume)
        resume = run.end() if run else resume
    return _mention(text, core.start, resume, value=v, low=v, high=v, qualifier=None, kind="code"), resume


def _short_year(text: str, core: _Core, left: str) -> tuple[NumberMention, int] | None:
    """ "'09", "the '90s": a year cut to two digits."""
    if not (core.digits and len(core.digits) == 2 and core.digits.isdigit()):
        return None
    if not (left.endswith(("'", "’")) and (len(left) < 2 or not left[-2].isalnum())):
        return None
    y = int(core.digits)
    fy = float(y + (2000 if y <= 35 else 1900))
    end = core.end + (1 if text[core.end : core.end + 1] == "s" else 0)
    hi = fy + 9 if end > core.end else fy
    return _mention(text, core.start - 1, end, value=fy, low=fy, high=hi, qualifier=None, kind="year",
                    iso=str(int(fy)), number_span=(core.start, core.end)), end  # fmt: skip


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
