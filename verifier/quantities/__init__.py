"""Quantity frames: every figure in a claim read like a careful fact-checker reads it.

A frame is one number mention (from `numbers.find_numbers`) plus what it measures ("killed", "wounded"),
who is counted ("IS fighters"), who says so ("medical officials said"), when ("on Thursday", resolved
against the article date), whether it is negated ("no one was killed"), whether it is explicitly a part or
a total ("among", "including", "on both sides") and whether the claim counts over a period ("since
Saturday", "in two days"). Every part carries a character span into the claim, for highlighting.

Pure regular expressions over the sentence, compiled once: no parser, so extraction never becomes the
bottleneck beside embedding (see bench/extraction_speed.py).

Modules, each importing only those before it: `record` (Quantity), `patterns`, `context` (per-sentence
words and triggers), `groups` (counted group, `parse_group`, `group_contains`), `measure`, `attribution`
(speaker, time, scope), `frames` (one frame per mention or negation), `parts` (measures
carried across a list, parts and totals), `pipeline` (`extract`).
"""

from __future__ import annotations

from verifier.core.dates import parse_date
from verifier.quantities.attribution import SCOPE_WINDOW
from verifier.quantities.groups import GROUP_MAX_WORDS, group_contains, parse_group
from verifier.quantities.measure import MEASURE_AFTER_WINDOW, MEASURE_BEFORE_WINDOW
from verifier.quantities.pipeline import (
    EXTRACT_CACHE_SIZE,
    MAX_EXTRACT_CHARS,
    MAX_EXTRACT_FIGURES,
    _extract_cached,
    extract,
)
from verifier.quantities.record import NON_COUNT_KINDS, Quantity

__all__ = [
    "EXTRACT_CACHE_SIZE",
    "GROUP_MAX_WORDS",
    "MEASURE_AFTER_WINDOW",
    "MAX_EXTRACT_CHARS",
    "MAX_EXTRACT_FIGURES",
    "MEASURE_BEFORE_WINDOW",
    "NON_COUNT_KINDS",
    "Quantity",
    "SCOPE_WINDOW",
    "_extract_cached",
    "extract",
    "group_contains",
    "parse_date",
    "parse_group",
]
