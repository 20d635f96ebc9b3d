"""Training pairs we write ourselves, from templates and invented names (`synthetic_en.json`).

The labelled real pairs hold 39 conflicts and 26 updates, few of them short and clean; these pairs state
the labelling conventions of ../shared/eval/LABELS.md on plain sentences (a copy agrees; one incident
reported with two figures conflicts; a later report with revision wording updates; killed against
wounded, or a part against its whole, is a different quantity; another place or another week is another
incident). They are added to the training folds only: every quality figure is measured on real held-out
pairs.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from importlib import resources
from typing import Any

from verifier.compare.records import ClaimText

# One synthetic pair weighs this much against one real labelled pair: enough to teach the conventions on
# clean sentences, little enough that real pairs decide wherever they disagree (a fifth of the weight of a
# real pair; 300 synthetic pairs then weigh as 60 real ones among 769).
SYNTHETIC_WEIGHT = 0.2
SYNTHETIC_PAIRS = 300
_DAY0 = dt.date(2031, 3, 2)

_NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()


def _vocab() -> dict[str, Any]:
    return json.loads(resources.files("verifier.compare").joinpath("synthetic_en.json").read_text())


def _num(rng: random.Random, n: int) -> str:
    return _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) and rng.random() < 0.4 else str(n)


def _report(rng: random.Random, inc: dict[str, str], place: str, n: int, group: str, speaker: str) -> str:
    forms = [
        f"{inc['verb']} in {place}, killing {_num(rng, n)} {group}, {speaker}.",
        f"The {inc['noun']} in {place} killed {_num(rng, n)} {group}, {speaker}.",
        f"{_num(rng, n).capitalize()} {group} died in the {inc['noun']} in {place}, {speaker}.",
        f"At the scene of the {inc['noun']} in {place}, {speaker} that {_num(rng, n)} {group} were killed.",
    ]
    return rng.choice(forms)


# Follow-up reports often drop the place and the outlet's date line ("The toll rose to 19."): this share of
# the synthetic claims loses its place name and this share its report date.
NO_PLACE_SHARE = 0.3
NO_DATE_SHARE = 0.2
# The share of unrelated synthetic pairs that report an incident of the same kind with the same toll, in
# another place.
ALIKE_ELSEWHERE_SHARE = 0.5


def _claim(
    rng: random.Random, text: str, v: dict[str, Any], day: dt.date, keep_place: bool = False
) -> ClaimText:
    """A claim of an outlet; unless `keep_place` (the place is what sets an unrelated pair apart), it may
    lose its place name."""
    if not keep_place and rng.random() < NO_PLACE_SHARE:
        for place in v["places"]:
            text = text.replace(f" in {place}", "")
    date = None if rng.random() < NO_DATE_SHARE else day.isoformat()
    return ClaimText(text, rng.choice(v["outlets"]), date)


def _one(rng: random.Random, v: dict[str, Any], label: str) -> tuple[ClaimText, ClaimText]:
    inc = rng.choice(v["incidents"])
    place, other = rng.sample(v["places"], 2)
    group = rng.choice(v["groups"])
    n = rng.randint(3, 60)
    day = _DAY0 + dt.timedelta(days=rng.randint(0, 900))
    say = lambda: rng.choice(v["speakers"])  # noqa: E731
    a = _claim(rng, _report(rng, inc, place, n, group, say()), v, day, keep_place=label == "unrelated")
    makers: dict[str, Callable[[], ClaimText]] = {
        "agree": lambda: _claim(rng, _report(rng, inc, place, n, group, say()), v, day),
        "conflict": lambda: _claim(
            rng, _report(rng, inc, place, n + rng.randint(4, 30), group, say()), v, day
        ),
        "update": lambda: _claim(
            rng,
            rng.choice(v["revisions"]).format(m=n + rng.randint(3, 30))
            + f" after the {inc['noun']} in {place}.",
            v,
            day + dt.timedelta(days=rng.randint(1, 3)),
        ),
        "different_quantity": lambda: _claim(
            rng,
            f"Another {_num(rng, rng.randint(2, 90))} {group} were wounded in the {inc['noun']} in {place}.",
            v,
            day,
        ),
        # Another incident elsewhere; half the time one of the same kind with the same toll, as two
        # crashes or two floods of one day can be: the place, not the figure, tells them apart.
        "unrelated": lambda: _claim(
            rng,
            _report(rng, inc, other, n, group, say())
            if rng.random() < ALIKE_ELSEWHERE_SHARE
            else _report(rng, rng.choice(v["incidents"]), other, rng.randint(2, 60), group, say()),
            v,
            day + dt.timedelta(days=rng.choice([0, 1, 20, 45, 200])),
            keep_place=True,
        ),
    }
    return a, makers[label]()


def _amount(rng: random.Random, v: dict[str, Any], label: str) -> tuple[ClaimText, ClaimText]:
    t = rng.choice(v["amounts"])
    place = rng.choice(v["places"])
    n = rng.randint(5, 90)
    day = _DAY0 + dt.timedelta(days=rng.randint(0, 900))
    m = n if label == "agree" else n + rng.randint(5, 40)
    a = _claim(rng, f"{t['a'].format(n=n)} in {place}.", v, day)
    b = _claim(rng, f"{t['b'].format(n=m)} in {place}.", v, day)
    return a, b


def _measures_apart(rng: random.Random, v: dict[str, Any]) -> tuple[ClaimText, ClaimText]:
    """One story's two figures of different measures (revenue and profit, damage and aid, jobs cut and
    jobs held), half the time with the same value: what a figure measures decides, not its number."""
    t = rng.choice(v["measures_apart"])
    place = rng.choice(v["places"])
    n = rng.randint(5, 90)
    m = n if rng.random() < 0.5 else n + rng.randint(5, 40)
    day = _DAY0 + dt.timedelta(days=rng.randint(0, 900))
    return _claim(rng, f"{t['a'].format(n=n)} in {place}.", v, day), _claim(
        rng, f"{t['b'].format(m=m)} in {place}.", v, day
    )


def _estimate(rng: random.Random, v: dict[str, Any]) -> tuple[ClaimText, ClaimText]:
    """A source's own forecast or estimate, then its revised figure in a later report: an update whatever it
    measures (a growth rate, a cost, a number of passengers), up or down as its verb says. The reports are
    1-3 days apart, as the other synthetic updates: 7-60 days taught the incident decision that reports
    weeks apart tell one incident (grouped CV alone, mean of three seeds, 0.775 -> 0.765)."""
    t = rng.choice(v["estimate_revisions"])
    n = rng.randint(10, 90)
    m = n - rng.randint(2, 9) if t.get("down") else n + rng.randint(2, 9)
    day = _DAY0 + dt.timedelta(days=rng.randint(0, 900))
    later = day + dt.timedelta(days=rng.randint(1, 3))
    a = ClaimText(f"{t['a'].format(n=n)}.", rng.choice(v["outlets"]), day.isoformat())
    return a, ClaimText(f"{t['b'].format(m=m)}.", rng.choice(v["outlets"]), later.isoformat())


def _other_topic(rng: random.Random, v: dict[str, Any]) -> tuple[ClaimText, ClaimText]:
    """An incident report against a sentence about money or a vote elsewhere: nothing in common."""
    inc = rng.choice(v["incidents"])
    place, other = rng.sample(v["places"], 2)
    day = _DAY0 + dt.timedelta(days=rng.randint(0, 900))
    text = _report(rng, inc, place, rng.randint(2, 60), rng.choice(v["groups"]), "officials said")
    a = _claim(rng, text, v, day)
    t = rng.choice(v["amounts"])
    b = ClaimText(f"{t['a'].format(n=rng.randint(2, 90))} in {other}.", rng.choice(v["outlets"]), a.date)
    return a, b


def pairs(n: int = SYNTHETIC_PAIRS, seed: int = 0) -> list[tuple[ClaimText, ClaimText, str]]:
    """`n` labelled pairs, the same for the same seed."""
    rng = random.Random(seed)
    v = _vocab()
    share = {"agree": 0.25, "conflict": 0.25, "update": 0.15, "different_quantity": 0.15, "unrelated": 0.2}
    out: list[tuple[ClaimText, ClaimText, str]] = []
    for label, part in share.items():
        for i in range(round(n * part)):
            if label in ("agree", "conflict") and i % 5 == 0:
                a, b = _amount(rng, v, label)
            elif label == "update" and i % 3 == 0:
                a, b = _estimate(rng, v)
            elif label == "different_quantity" and i % 3 == 0:
                a, b = _measures_apart(rng, v)
            elif label == "unrelated" and i % 4 == 0:
                a, b = _other_topic(rng, v)
            else:
                a, b = _one(rng, v, label)
            out.append((a, b, label) if rng.random() < 0.5 else (b, a, label))
    return out
