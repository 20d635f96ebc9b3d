"""The judgement's vocabulary, loaded from `lexicon_en.json` beside this module: adding a cue or a unit is
adding data, not code."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import snowballstemmer


@dataclass(frozen=True)
class Vocab:
    stopwords: frozenset[str]
    revision_cues: re.Pattern[str]
    report_revision_cues: re.Pattern[str]  # "revised", "corrected": a report's figure changed, of any kind
    cumulative_cues: re.Pattern[str]
    weekdays: tuple[str, ...]
    time_zones: dict[str, int]  # zone -> minutes east of UTC
    units: dict[str, tuple[str, float]]  # unit -> (dimension, factor to the dimension's base unit)
    offsets: dict[str, float]  # unit -> what to add after the factor (°F to °C: x * 5/9 - 160/9)
    durations: dict[str, float]  # unit -> seconds
    period_nouns: frozenset[str]  # "third-QUARTER profit": an ordinal before one names a period, no figure
    dimensions: dict[str, str]  # "long" -> "length", "deep" -> "depth": what a length measures
    dismissal_reasons: dict[str, str]  # words opening a dismissal note -> the label they give the pair
    time_prepositions: frozenset[str]  # "held ON 14 May": the word before one names the act dated
    time_words: frozenset[str]  # "today", "morning": a when, not an act (weekdays and months too)
    acts: dict[str, str]  # stem of a word naming an act -> the stem of the first word of its synonyms
    rising_words: frozenset[str]  # "rose 3%": the figure is a change upwards
    falling_words: frozenset[str]  # "fell 3%": a change downwards


# "..." in a cue stands for up to 12 words of one sentence between its parts ("raised the number ... to":
# "raised the number of people hurt in the attack to 64").
_GAP = r"(?:\s+[^\s.;!?]+){0,12}?\s+"


def _phrases(items: list[str], pairs: tuple[list[str], list[str]] | None = None) -> re.Pattern[str]:
    """One pattern for the phrases (" ... " is a gap of up to 12 words) and, with `pairs`, any word of the
    first list followed by any of the second within such a gap."""
    escaped = (re.escape(p).replace(r"\ \.\.\.\ ", _GAP).replace(r"\ ", r"\s+") for p in items)
    alts = sorted(escaped, key=len, reverse=True)
    if pairs is not None:
        first, second = ("|".join(sorted(map(re.escape, words), key=len, reverse=True)) for words in pairs)
        alts.append(f"(?:{first}){_GAP}(?:{second})")
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=4)
def load(language: str = "en") -> Vocab:
    """The vocabulary of one language (only English ships)."""
    raw = json.loads(resources.files("verifier.compare").joinpath(f"lexicon_{language}.json").read_text())
    units = {k: (str(v[0]), float(v[1])) for k, v in raw["units"].items() if not k.startswith("_")}
    return Vocab(
        stopwords=frozenset(raw["stopwords"]),
        revision_cues=_phrases(raw["revision_cues"]),
        report_revision_cues=_phrases(
            raw["report_revision_cues"], (raw["estimate_revising_verbs"], raw["estimate_nouns"])
        ),
        cumulative_cues=_phrases(raw["cumulative_cues"]),
        weekdays=tuple(raw["weekdays"]),
        time_zones={k: int(v) for k, v in raw["time_zones"].items()},
        units=units,
        offsets={k: float(v[2]) for k, v in raw["units"].items() if not k.startswith("_") and len(v) > 2},
        durations={k: float(v) for k, v in raw["durations"].items()},
        period_nouns=frozenset(raw["period_nouns"]),
        dimensions={str(k): str(v) for k, v in raw["dimensions"].items()},
        dismissal_reasons={str(k): str(v) for k, v in raw["dismissal_reasons"].items()},
        time_prepositions=frozenset(raw["time_prepositions"]),
        rising_words=frozenset(raw["rising_words"]),
        falling_words=frozenset(raw["falling_words"]),
        time_words=frozenset(raw["time_words"]) | frozenset(w.lower() for w in raw["weekdays"]),
        acts=_acts(raw["act_synonyms"]),
    )


def _acts(groups: list[list[str]]) -> dict[str, str]:
    """Each word's stem -> its act's stem (the stemmer of compare.text, which imports this module)."""
    st = snowballstemmer.stemmer("english")
    return {st.stemWord(w): st.stemWord(g[0]) for g in groups for w in g}
