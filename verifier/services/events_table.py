"""`build_table(ws, event_id)`: one event's figures laid out for comparison.

One row per (measure, counted group), groups that name the same people in two reports merged ("eight
workers" / "eight people"), one column per source (oldest report first), each cell the figure as
reported with its qualifier, date and attribution. Cells in a conflict are marked by the rules of
`verifier.services.conflict_policy` (the scan's rules, so the table and `verifier conflicts` agree), updates
are marked and ordered in time, and parts that add up to a total are noted. The values are in `events_rows`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations

from verifier.compare import ClaimText, relate
from verifier.core.display import number
from verifier.core.records import Article, Claim, Event
from verifier.lexicon import AFTER_EVENTS, ATTRIBUTE_MEASURES, THING_MEASURES, TOLL_MEASURES
from verifier.quantities import Quantity, extract, group_contains, parse_group
from verifier.services.conflict_policy import marked_label, reports_may_disagree
from verifier.services.conflict_policy import voice as voice_of
from verifier.services.events_rows import Cell, ComparisonTable, Row
from verifier.services.tune import workspace_model
from verifier.services.workspace_core import IndexedStore

# A toll without a counted group ("19 were killed", "Seven of the dead") counts people: its row is the
# people row, so that one toll is not split across two rows by wording.
_PEOPLE_MEASURES = TOLL_MEASURES - THING_MEASURES


def group_label(q: Quantity) -> str:
    """The row's counted group: its class ("fighters"), with the side when named, "(part)" for a part."""
    if q.measure in ATTRIBUTE_MEASURES:
        return ""  # a magnitude or a population measures the event itself: no counted group
    g = parse_group(q.group)
    base = (
        g.cls
        or g.head
        or ("people" if q.measure in _PEOPLE_MEASURES and q.kind == "count" else "unspecified")
    )
    if g.side:
        base = f"{base} ({g.side} side)"
    return f"{base} (part)" if q.role == "part" else base


@dataclass
class _Fig:
    q: Quantity
    claim: Claim
    article: Article
    source: str

    @cached_property
    def voice(self) -> str:
        """Who the claim quotes (`conflict_policy.voice`), read only when the policy asks for it."""
        return voice_of(self.claim.text, extract(self.claim.text))


def _figures(ws: IndexedStore, event: Event) -> list[_Fig]:
    rowids = list(ws.store.claim_rowids(event.claim_ids).values())
    figs: list[_Fig] = []
    for claim, article in ws.store.get_claims_by_rowids(sorted(rowids)):
        frames = extract(claim.text, article.published)
        for q in frames:
            # A figure its own claim supersedes ("up from 55%", "an earlier toll of 15") is no report of it.
            counted = q.is_count and q.measure and q.value is not None and q.role != "earlier"
            if counted and not _background(q, frames, claim, article):
                figs.append(_Fig(q, claim, article, article.source or article.title or article.id))
    return figs


# How far before a measurement the noun of a following event ("aftershocks") makes it that event's.
AFTER_EVENT_REACH = 60
_AFTER_EVENT = re.compile(
    r"\b(?:" + "|".join(sorted(AFTER_EVENTS, key=len, reverse=True)) + r")\b[^.;]*$", re.IGNORECASE
)
# How far before a figure a year sets it in its own time ("In 2009 a flood killed 14"; "since 1987, when
# 9 people died"): one clause of news copy.
BACKGROUND_YEAR_REACH = 60


def _background(q: Quantity, frames: list[Quantity], claim: Claim, article: Article) -> bool:
    """A figure of another event than the one the table compares: set in a year before the report's
    (history recalled for context: "the worst flood since 1987, when 9 people died"), or a measurement of an
    aftershock."""
    start = q.span[0]
    if q.measure in ATTRIBUTE_MEASURES and _AFTER_EVENT.search(
        claim.text, max(0, start - AFTER_EVENT_REACH), start
    ):
        return True  # "30 aftershocks, the strongest of magnitude 4.1": not the quake's magnitude
    published = (article.published or "")[:4]
    if not published.isdigit():
        return False
    for y in frames:
        if y.kind != "year" or y.value is None or y.value >= int(published):
            continue
        end = y.span[1]
        between = claim.text[end:start]
        if end <= start and len(between) <= BACKGROUND_YEAR_REACH and not any(c in ".;" for c in between):
            return True
    return False


def _dismissed_pairs(ws: IndexedStore, claim_ids: set[str]) -> set[frozenset[str]]:
    out: set[frozenset[str]] = set()
    for c in ws.store.list_contradictions(status="dismissed"):
        if c.claim_a in claim_ids and c.claim_b in claim_ids:
            out.add(frozenset((c.claim_a, c.claim_b)))
    return out


def _disjoint(a: Quantity, b: Quantity) -> bool:
    return a.high < b.low or b.high < a.low


def build_table(ws: IndexedStore, event_id: str) -> ComparisonTable:
    """The figures of one event by (measure, counted group) and source; conflicts marked."""
    event = ws.store.get_event(event_id)
    figs = _figures(ws, event)
    rows: dict[tuple[str, str], list[_Fig]] = {}
    for f in figs:
        rows.setdefault((f.q.measure or "", group_label(f.q)), []).append(f)
    rows = _merged(rows)
    sources = tuple(sorted({f.source for f in figs}, key=lambda s: (_first_date(figs, s), s)))
    index = {id(f): n for n, f in enumerate(figs)}
    row_of = {index[id(f)]: key for key, members in rows.items() for f in members}
    conflict, update = _marks(ws, figs, row_of)
    out_rows = [
        Row(measure, _as_written(group, members), _cells(members, sources, index, conflict, update))
        for (measure, group), members in rows.items()
    ]
    out_rows.sort(key=lambda r: (-len(r.cells), not r.has_conflict, r.measure, r.group))
    return ComparisonTable(event.id, event.label, sources, tuple(out_rows), tuple(_sum_notes(rows)))


def _merged(rows: dict[tuple[str, str], list[_Fig]]) -> dict[tuple[str, str], list[_Fig]]:
    """Rows of one measure whose groups name the same people told two ways ("eight workers" in one report,
    "eight people" in another) as one row, under the wider group. A report that gives a figure in both
    rows counts two groups (19 people, 7 children among them): those rows stay apart. Parts and sides
    keep their own rows."""
    out = dict(rows)
    keys = sorted(out, key=lambda k: (k[0], len(out[k])))
    for narrow in keys:
        measure, group = narrow
        if not group or "(" in group or narrow not in out:
            continue
        wider = [
            k
            for k in out
            if k[0] == measure and k != narrow and k[1] and "(" not in k[1] and group_contains(k[1], group)
        ]
        for k in wider:
            if not {f.article.id for f in out[k]} & {f.article.id for f in out[narrow]}:
                out[k] = out[k] + out.pop(narrow)
                break
    return out


def _marks(
    ws: IndexedStore, figs: list[_Fig], row_of: dict[int, tuple[str, str]]
) -> tuple[set[int], set[int]]:
    """(indexes of figures in a conflict, indexes of figures that update another). Conflicts are looked for
    across all rows of one measure: "13 people" (a whole toll) can contradict "at least 27 IS fighters" in
    the fighters row. Updates are marked within a row only (`row_of`: a figure's row, after merging), so a
    later "11 people" updates an earlier "eight workers" when the two are one row."""
    dismissed = _dismissed_pairs(ws, {f.claim.id for f in figs})
    label_of = _labeller(ws)
    conflict: set[int] = set()
    update: set[int] = set()
    by_measure: dict[str, list[int]] = {}
    for n, f in enumerate(figs):
        by_measure.setdefault(f.q.measure or "", []).append(n)
    for members_of_measure in by_measure.values():
        for i, j in combinations(members_of_measure, 2):
            x, y = figs[i], figs[j]
            if not _comparable(x, y) or frozenset((x.claim.id, y.claim.id)) in dismissed:
                continue
            lab = label_of(x, y)
            if lab == "conflict":
                conflict.update((i, j))
            elif lab == "update" and row_of.get(i) == row_of.get(j):
                update.add(j if (y.article.published or "") >= (x.article.published or "") else i)
    return conflict, update


def _comparable(x: _Fig, y: _Fig) -> bool:
    """Whether two figures of one measure are set against each other: two figures that cannot both be
    right, in two reports that may disagree (`conflict_policy.reports_may_disagree`)."""
    if x.claim.id == y.claim.id or not _disjoint(x.q, y.q):
        return False
    if x.source == y.source and x.article.id != y.article.id:
        return False  # an outlet's later article revises its own figure: shown in time order, not marked
    return reports_may_disagree(x, y)


def _labeller(ws: IndexedStore) -> Callable[[_Fig, _Fig], str]:
    """The table's label of a pair of figures' claims, judged once per pair with the workspace's model."""
    judgements: dict[tuple[str, str], str] = {}
    model = workspace_model(ws)

    def label_of(x: _Fig, y: _Fig) -> str:
        key = (x.claim.id, y.claim.id)
        if key not in judgements:
            j = relate(ClaimText.of(x.claim.text, x.article), ClaimText.of(y.claim.text, y.article), model)
            judgements[key] = judgements[(key[1], key[0])] = marked_label(j)
        return judgements[key]

    return label_of


def _cells(
    members: list[_Fig], sources: tuple[str, ...], index: dict[int, int], conflict: set[int], update: set[int]
) -> tuple[tuple[str, tuple[Cell, ...]], ...]:
    """One row's cells, source by source in the table's order, each source's figures in time order."""
    by_source: dict[str, list[Cell]] = {}
    for f in sorted(members, key=lambda m: (m.article.published or "", m.claim.start)):
        n = index[id(f)]
        by_source.setdefault(f.source, []).append(
            Cell(
                figure=f.q.text,
                low=f.q.low,
                high=f.q.high,
                date=f.article.published,
                event_date=f.q.time_resolved,
                attribution=f.q.attribution or "",
                claim_id=f.claim.id,
                claim_text=f.claim.text,
                article_id=f.article.id,
                title=f.article.title,
                conflict=n in conflict,
                update=n in update,
            )
        )
    return tuple((s, tuple(by_source[s])) for s in sources if s in by_source)


def _as_written(group: str, members: list[_Fig]) -> str:
    """The row's group in the sources' own word when they agree on one ("passengers", not its class)."""
    heads = Counter(parse_group(f.q.group).head for f in members if f.q.group)
    if len(heads) != 1:
        return group
    [head] = heads
    cls = parse_group(members[0].q.group).cls or ""
    return group.replace(cls, head or cls, 1) if cls and group.startswith(cls) else group


def _first_date(figs: list[_Fig], source: str) -> str:
    return min((f.article.published or "9999") for f in figs if f.source == source)


# Parts must add up exactly (integers as reported, no qualifier wider than the figure itself):
# "27 + 13 = 40" is a note worth making; "about 20 + nearly 30 = 50" is a coincidence.
_EXACT_QUALIFIERS = frozenset({None, "at least", "exactly"})


def _sum_notes(rows: dict[tuple[str, str], list[_Fig]]) -> list[str]:
    """Where two figures of one measure add up to a third of another group: "27 + 13 = 40"."""
    notes: list[str] = []
    seen: set[tuple[str, float, float, float]] = set()
    by_measure: dict[str, list[tuple[str, _Fig]]] = {}
    for (measure, group), members in rows.items():
        for f in members:
            if f.q.value is not None and f.q.value > 0 and f.q.qualifier in _EXACT_QUALIFIERS:
                by_measure.setdefault(measure, []).append((group, f))
    for measure, items in by_measure.items():
        keys = list(dict.fromkeys((group, float(f.q.value or 0)) for group, f in items))
        for (g1, v1), (g2, v2) in combinations(keys, 2):
            for g3, v3 in keys:
                # the total must be another group than the parts, unless all three share one group
                if v3 != v1 + v2 or (g3 in (g1, g2) and not g1 == g2 == g3):
                    continue
                lo, hi = sorted((v1, v2))
                key = (measure, lo, hi, v3)
                if key in seen:
                    continue
                seen.add(key)
                notes.append(
                    f"{measure}: {number(v1)} ({g1}) + {number(v2)} ({g2}) = {number(v3)} ({g3}): "
                    "the parts add up to the total"
                )
    return notes
