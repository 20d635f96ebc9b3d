"""Word lists for reading figures: measures, counted groups, speakers, time words, update wording.

Vocabulary is data: the lists live in JSON files per language (`en/calendar.json`, `measures.json`,
`groups.json`, `speech.json`, `places.json`, `time.json`, `updates.json`, `events.json`), read once when this
module is imported, so a reviewer can read (and extend) what the tool understands without reading regexes
or code. Every list is lower case; lookups lower-case the text first. The names below are the interface.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

LANGUAGE = "en"  # the only language that ships


def _load(topic: str) -> dict[str, Any]:
    data = resources.files(__name__).joinpath(LANGUAGE, f"{topic}.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(data)
    return loaded


def _by_word(groups: dict[str, list[str]]) -> dict[str, str]:
    """{"killed": ["dead", "died"]} -> {"dead": "killed", "died": "killed"}, in the file's order."""
    return {word: name for name, words in groups.items() for word in words}


_CALENDAR = _load("calendar")
_MEASURES = _load("measures")
_GROUPS = _load("groups")
_SPEECH = _load("speech")
_PLACES = _load("places")

# --- calendar -----
# The one month list and the one weekday list, in calendar order (Monday first, as `date.weekday()`).
WEEKDAYS: tuple[str, ...] = tuple(_CALENDAR["weekdays"])
MONTHS: tuple[str, ...] = tuple(_CALENDAR["months"])
# Short forms as sources write them ("Wed 05 Apr 2017", "Sept. 3, 2016"); each maps to its index in
# WEEKDAYS / MONTHS. Every date reader (verifier.core.dates, numbers, segment) takes its names from here.
WEEKDAY_ABBREVIATIONS: dict[str, int] = dict(_CALENDAR["weekday_abbreviations"])
MONTH_ABBREVIATIONS: dict[str, int] = dict(_CALENDAR["month_abbreviations"])

# --- measures -----
# Trigger phrase -> normalised measure. The regex built in quantities sorts alternatives longest first.
MEASURE_TRIGGERS: dict[str, str] = _by_word(_MEASURES["measure_triggers"])
# Verbs that count their measure only when no object noun follows ("lost 20 soldiers", not "lost power").
OBJECT_FREE_TRIGGERS: frozenset[str] = frozenset(_MEASURES["object_free_triggers"])
# Measures that describe a property of one thing (the same island has one population, the same quake one
# magnitude) rather than a count of victims: compared without looking at the counted group.
ATTRIBUTE_MEASURES: frozenset[str] = frozenset(_MEASURES["attribute_measures"])
# The attributes read off a scale, with the units they are read in: only these govern a measurement, and
# only in their own units (a population is counted, so "home to 120,000" never makes a magnitude a
# population; "12 km from where temperatures hit 41 degrees" is no temperature of 12).
MEASURED_ATTRIBUTES: dict[str, frozenset[str]] = {
    k: frozenset(v) for k, v in _MEASURES["measured_attributes"].items()
}
# Measures that grow as reports come in: a later report with a higher figure is an update, not a conflict.
# A crowd size or a length does not grow after the fact.
TOLL_MEASURES: frozenset[str] = frozenset(_MEASURES["toll_measures"])
# Counts that fall as a story develops: the missing are found (alive or dead), so a later, lower figure is an
# update, not a conflict.
FALLING_MEASURES: frozenset[str] = frozenset(_MEASURES["falling_measures"])
# Measures that count things, never people: damaged and destroyed buildings, vehicles, ships.
THING_MEASURES: frozenset[str] = frozenset(_MEASURES["thing_measures"])
# Measures of what befalls people or what people do (killed, shot, arrested, marched): never of a sum of
# money or of a figure in a unit of measurement.
PEOPLE_MEASURES: frozenset[str] = frozenset(_MEASURES["people_measures"])
# Measures of money (revenue, profit, loss): they govern sums and shares, never a count of people or things.
MONEY_MEASURES: frozenset[str] = frozenset(_MEASURES["money_measures"])
# Measures whose figure belongs to its clause's subject ("Harlow Bank cut 300 jobs"): not a toll of victims.
SUBJECT_MEASURES: frozenset[str] = frozenset(_MEASURES["subject_measures"])
# Casualties are killed + wounded: a casualty figure is a total of the two, never a rival of either.
MEASURE_PARENT: dict[str, str] = dict(_MEASURES["measure_parent"])

# --- counted groups -----
# Head word -> class. A class is the level at which two reports count "the same people".
GROUP_CLASS: dict[str, str] = _by_word(_GROUPS["group_class"])
# class -> the class that contains it. "IS fighters" within fighters within people.
GROUP_PARENT: dict[str, str] = dict(_GROUPS["group_parent"])
# Classes that stand for a whole toll ("13 people", "13 dead"). Civilians are not among them: they are a
# part of all the dead (LABELS.md: "civilians vs all people" is another quantity), so 8 civilians against at
# least 9 people is a part within its whole, and fighters are never counted among civilians.
BROAD_CLASSES: frozenset[str] = frozenset(_GROUPS["broad_classes"])
# Nationalities: a general demonym list (not the ones a test set happened to use), each its own side.
DEMONYMS: tuple[str, ...] = tuple(_GROUPS["demonyms"])
# Modifier -> side. Two figures for different sides never count the same people.
SIDES: dict[str, str] = {**_by_word(_GROUPS["sides"]), **{d: d for d in DEMONYMS}}
# Words that are never part of a counted-group phrase: where the phrase after a number stops.
# A verb ends the phrase too: "-ed" forms are told by their ending, the common irregular past forms
# ("300 firefighters fought", "the quake struck the island") are listed.
GROUP_STOP: frozenset[str] = (
    frozenset(_GROUPS["group_stop"]) | frozenset(_GROUPS["past_verbs"]) | frozenset(WEEKDAYS + MONTHS)
)
# Common irregular past forms (regular ones are told by "-ed").
PAST_VERBS: frozenset[str] = frozenset(_GROUPS["past_verbs"])
# Determiners and adjectives allowed between a number and its group that do not change who is counted.
GROUP_SKIP: frozenset[str] = frozenset(_GROUPS["group_skip"])

# --- attribution -----
SAY_VERBS: tuple[str, ...] = tuple(_SPEECH["say_verbs"])
SPEAKER_HEADS: tuple[str, ...] = tuple(_SPEECH["speaker_heads"])

# --- places -----
# Nouns before "of" that introduce a place name ("the town of Ariha", "Aleppo province" is read by "in").
PLACE_NOUNS: tuple[str, ...] = tuple(_PLACES["place_nouns"])
PLACE_HEADS: tuple[str, ...] = tuple(_PLACES["place_heads"])
# Nouns that set figures in a part of a place ("the Bara district of Tarsa", "Tarsa's eastern suburbs"): one
# district against its whole city is another quantity (LABELS.md), not a contradiction.
PART_OF_PLACE_NOUNS: tuple[str, ...] = tuple(_PLACES["part_of_place_nouns"])
# Capitalised words after "in" that do not name a place, or name too broad a one to tell events apart.
NOT_PLACE_WORDS: frozenset[str] = frozenset(DEMONYMS + WEEKDAYS + MONTHS) | frozenset(
    _PLACES["not_place_words"]
)

# --- time -----
# Relative day words -> offset in days from the article date.
RELATIVE_DAYS: dict[str, int] = dict(_load("time")["relative_days"])
NIGHT_OTHER_DAY: dict[str, int] = dict(_load("time")["night_other_day"])

# --- relations -----
# Wording that marks a figure as a revision of an earlier one.
UPDATE_CUES: tuple[str, ...] = tuple(_load("updates")["update_cues"])

# --- kinds of event -----
# Words that name how people were killed or hurt. Two claims that both name a kind of event, and no kind in
# common, are about different incidents ("air strikes" / "an execution"). Ambiguous words ("bombing",
# "bombardment", "attack", "gas" alone) name no kind.
EVENT_KINDS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _load("events")["event_kinds"].items()}
# Kind of event -> how an event's label names it ("Shelling", "Earthquake").
EVENT_KIND_LABELS: dict[str, str] = dict(_load("events")["kind_labels"])
# Nouns of the smaller events that follow an event ("aftershocks"): their magnitudes are not the event's.
AFTER_EVENTS: frozenset[str] = frozenset(_load("events")["after_events"])
