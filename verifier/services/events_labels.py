"""An event's label, from the names its articles share: "Darna · 2015-07-30 to 2015-08-02 · 6 articles,
6 sources". Names (capitalised words and runs of them) label an event; they do not group one: a names term
in the grouping's similarity could not be weighed on the FA-KES pairs (docs/incidents.md).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from verifier.compare.evidence import event_kinds
from verifier.core.records import Article
from verifier.lexicon import EVENT_KIND_LABELS, MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS

# The part of an article read for what happened: its title and lead, where news says it first (a kind named
# further down is often background: an earlier strike, last year's flood).
LEAD_CHARS = 600

# A run of capitalised words stays on one line: a title and the text's first line are not one name.
_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:[ \t]+(?:al-|el-|de[ \t]+|of[ \t]+)?[A-Z][\w'’-]*)*")
_NOT_NAMES = frozenset(
    """a an the in on at of for and but or if as by to from with after before during since while when
    it its this that these those there their they he she his her we our you i my
    mr mrs ms dr gen col maj capt sgt lt president minister
    demo text according officials official police medical local state group council news reuters
    afp ap update breaking photo video read more one two three four five six seven eight nine ten eleven
    twelve thirteen fifteen twenty thirty forty fifty hundred thousand dozens""".split()
) | frozenset((*WEEKDAYS, *MONTHS, *MONTH_ABBREVIATIONS))


def _not_a_name(word: str) -> bool:
    """A stopword, or one made of them with hyphens ("twenty-two")."""
    return word in _NOT_NAMES or all(part in _NOT_NAMES for part in word.split("-"))


def names_of(text: str) -> set[str]:
    """Capitalised words and runs of them ("Port Almere", "Shura Council"), lower-cased, minus stopwords.

    A single capitalised word at the start of a sentence or line is skipped: it is usually just a word.
    """
    out: set[str] = set()
    for m in _NAME.finditer(text):
        words = m.group(0).lower().split()
        first = m.start()
        while words and words[0] in _NOT_NAMES:  # "The Shura Council" -> "shura council"
            first += 1
            words.pop(0)
        while words and words[-1] in _NOT_NAMES and len(words) > 1 and words[-2] in _NOT_NAMES:
            words.pop()
        if not words:
            continue
        before = text[: m.start()].rstrip()
        if len(words) == 1 and first == m.start() and (not before or before[-1] in '.!?:"”\n'):
            continue
        if len(words) == 1 and (_not_a_name(words[0]) or len(words[0]) < 3):
            continue  # "U" of "U.S.", "Jun" of a dateline, "Twenty-two"
        out.add(" ".join(words))
        out.update(w for w in words if len(w) > 2 and w not in _NOT_NAMES)
    return out


def event_kind(members: Sequence[Article]) -> str | None:
    """What happened, when most of the articles say so in their title or lead: the kind of event named by
    the most of them, if at least half ("Shelling", "Earthquake"); None when they do not agree."""
    counts = Counter(k for a in members for k in event_kinds(f"{a.title}\n{a.text[:LEAD_CHARS]}"))
    if not counts:
        return None
    kind, n = max(sorted(counts.items()), key=lambda kv: kv[1])
    return EVENT_KIND_LABELS.get(kind) if 2 * n >= len(members) else None


def event_label(
    members: Sequence[Article], names: Sequence[set[str]], df: Counter[str], n_articles: int
) -> str:
    """A label such as "Clashes: Darna · 2015-07-30 to 2015-08-02 · 6 articles, 6 sources": what happened
    (event_kind), the names most of the articles share, weighted by rarity in the corpus ("Syria" names every
    FA-KES article and no event), when, and how many reports."""
    counts = Counter(x for ns in names for x in ns)
    in_titles = Counter(x for a in members for x in names_of(a.title))

    def weight(x: str) -> float:
        return counts[x] * math.log((1 + n_articles) / (1 + df[x]))

    ranked = sorted(counts, key=lambda x: (-round(weight(x), 6), -in_titles[x], -len(x.split()), x))
    top: list[str] = []
    for x in ranked[:12]:
        if counts[x] < max(1, (len(members) + 1) // 3) or weight(x) <= 0:
            continue
        # A word mostly written inside one run of names stands for the run: "Khan Sheikhoun", not "Khan".
        runs = [r for r in counts if len(r.split()) > 1 and x in r.split() and 2 * counts[r] >= counts[x]]
        x = max(runs, key=lambda r: (counts[r], -len(r)), default=x)
        if any(set(x.split()) <= set(t.split()) or set(t.split()) <= set(x.split()) for t in top):
            continue  # "almere" after "port almere"
        top.append(x)
        if len(top) == 2:
            break
    dates = sorted(a.published for a in members if a.published)
    when = dates[0][:10] if dates else "undated"
    if dates and dates[-1][:10] != when:
        when += f" to {dates[-1][:10]}"
    sources = {a.source for a in members if a.source}
    what = ", ".join(x.title() for x in top) or (members[0].title or "event")
    if (kind := event_kind(members)) is not None:
        what = f"{kind}: {what}"
    n_art, n_src = len(members), len(sources)
    return f"{what} · {when} · {n_art} article{'s' * (n_art != 1)}, {n_src} source{'s' * (n_src != 1)}"
