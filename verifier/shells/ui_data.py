"""Data helpers for the Streamlit app: paging, uploads, library rows, the review queue, the comparison
table and its chart. Pure functions (no Streamlit), tested by tests/test_ui.py.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import PurePath
from typing import Any

import altair as alt
import pandas as pd

from verifier.lexicon import MEASURE_TRIGGERS
from verifier.quantities import extract
from verifier.services.check import quantity_spans
from verifier.shells.ui import STATUS_BADGES, table_html

# -- paging -------------------------------------------------------------------------------------------


def page_count(total: int, page_size: int) -> int:
    """Pages needed for `total` rows (at least 1, so an empty list still has a page to show)."""
    if page_size < 1:
        raise ValueError("page_size must be at least 1")
    return max(1, math.ceil(max(0, total) / page_size))


def page_offset(page: int, page_size: int, total: int) -> int:
    """The first row of 1-based `page`, clamped to the last page (rows may have been deleted meanwhile)."""
    page = min(max(1, page), page_count(total, page_size))
    return (page - 1) * page_size


# -- uploads ------------------------------------------------------------------------------------------

UPLOAD_TYPES = ("txt", "md", "markdown", "html", "htm", "csv", "jsonl", "ndjson")
TABLE_TYPES = ("csv", "jsonl", "ndjson")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def safe_upload_name(name: str, index: int) -> str:
    """A file name for an uploaded file inside our own temporary folder.

    Only the last path part is kept and reduced to letters, digits, dot, dash and underscore, prefixed by
    the upload's position so two uploads with the same name cannot overwrite each other. The extension is
    kept (lower-cased): it tells the importer how to read the file.
    """
    base = PurePath(name.replace("\\", "/")).name
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = _UNSAFE_NAME.sub("_", stem).strip("._") or "upload"
    ext = _UNSAFE_NAME.sub("", ext).lower()
    return f"{index:03d}-{stem[:80]}" + (f".{ext}" if ext else "")


def is_table_upload(name: str) -> bool:
    return name.rsplit(".", 1)[-1].lower() in TABLE_TYPES if "." in name else False


def strip_folder(message: str, folder: str) -> str:
    """An importer message about a file in our temporary folder, with the folder left out."""
    folder = folder.rstrip("/")
    return message.replace(folder + "/", "").replace(folder, "")


# Header of a CSV, keys of the first JSONL objects: enough to offer the columns for the mapping.
_SNIFF_BYTES = 64 * 1024
_SNIFF_JSON_LINES = 20


def table_columns(name: str, data: bytes) -> list[str]:
    """The column names of an uploaded CSV or JSONL file, read from its start; [] when not a table or
    unreadable (the importer then gives the real error with the file name)."""
    if not is_table_upload(name):
        return []
    head = data[:_SNIFF_BYTES].decode("utf-8-sig", errors="replace")
    if name.lower().endswith(".csv"):
        try:
            row = next(csv.reader(io.StringIO(head)), [])
        except csv.Error:
            return []
        return [c for c in dict.fromkeys(c.strip() for c in row) if c]
    keys: dict[str, None] = {}
    for line in head.splitlines()[:_SNIFF_JSON_LINES]:
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict):
            keys.update(dict.fromkeys(str(k) for k in obj))
    return list(keys)


def guess_column(columns: Sequence[str], field: str) -> str | None:
    """The column that most likely holds `field` (text, title, source, date, url, place), or None."""
    aliases = {
        "text": ("text", "body", "content", "article", "article_content", "story"),
        "title": ("title", "headline", "article_title"),
        "source": ("source", "outlet", "publisher", "site", "newspaper"),
        "date": ("date", "published", "date_published", "pub_date", "published_at"),
        "url": ("url", "link", "article_url", "href"),
        "place": ("place", "location", "city", "region", "governorate"),
    }[field]
    lowered = {c.lower(): c for c in columns}
    for alias in aliases:
        if alias in lowered:
            return lowered[alias]
    return None


# -- tables -------------------------------------------------------------------------------------------


def sources_frame(sources: Iterable[Any]) -> pd.DataFrame:
    """Outlets with their article and claim counts (`store.SourceCount` rows), biggest first."""
    rows = [
        {"source": s.source or "(no source)", "articles": s.articles, "claims": s.claims} for s in sources
    ]
    frame = pd.DataFrame(rows, columns=["source", "articles", "claims"])
    frame = frame.sort_values(["articles", "source"], ascending=[False, True], kind="stable")
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class ArticleRow:
    """What the library lists of an article: everything but its text (which can be long)."""

    id: str
    source: str
    title: str
    published: str | None
    url: str


def article_rows(articles: Iterable[Any]) -> list[ArticleRow]:
    """Articles as list rows, newest first (undated last), then by title."""
    rows = [ArticleRow(a.id, a.source, a.title, a.published, a.url) for a in articles]
    rows.sort(key=lambda r: r.title.lower())
    rows.sort(key=lambda r: r.published or "", reverse=True)
    return rows


def articles_frame(articles: Iterable[Any]) -> pd.DataFrame:
    """One row per article: date, title, source, URL, id (the text stays out of the page)."""
    rows = [
        {"date": a.published or "", "title": a.title, "source": a.source, "url": a.url, "id": a.id}
        for a in articles
    ]
    return pd.DataFrame(rows, columns=["date", "title", "source", "url", "id"])


# -- the review queue ---------------------------------------------------------------------------------

STATUS_FILTERS = ("new", "confirmed", "dismissed", "all")
# The measures the figure reader knows (lexicon.py): the options of the measure filter.
MEASURES = tuple(sorted(set(MEASURE_TRIGGERS.values())))


def status_counts(rows: Iterable[Any]) -> dict[str, int]:
    """How many flagged pairs are new, confirmed and dismissed (`store.Contradiction` rows)."""
    counts = dict.fromkeys(STATUS_BADGES, 0)
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return counts


def filter_pairs(
    rows: Iterable[Any], min_score: float = 0.0, claim_ids: Collection[str] | None = None
) -> list[Any]:
    """Pairs scoring at least `min_score` and, when `claim_ids` is given (one event's claims), touching it."""
    out = []
    for row in rows:
        if row.score < min_score:
            continue
        if claim_ids is not None and row.claim_a not in claim_ids and row.claim_b not in claim_ids:
            continue
        out.append(row)
    return out


def figure_measures(text: str, published: str | None) -> set[str]:
    """The measures of the counted figures in a claim ("killed", "wounded", "arrested", ...)."""
    return {q.measure for q in extract(text, published) if q.measure}


def pair_measures(text_a: str, date_a: str | None, text_b: str, date_b: str | None) -> tuple[str, ...]:
    """What a flagged pair disagrees about: the measures both claims count (all of either when none is
    shared, e.g. "killed" against "casualties"), sorted."""
    return _shared(figure_measures(text_a, date_a), figure_measures(text_b, date_b))


def _shared(a: set[str], b: set[str]) -> tuple[str, ...]:
    return tuple(sorted(a & b or a | b))


def pair_measure_index(
    rows: Iterable[Any], claims: dict[str, tuple[str, str | None]]
) -> dict[str, tuple[str, ...]]:
    """{pair id: measures} for flagged pairs, given {claim id: (text, published)}; each claim read once
    (a claim sits in several pairs). Pairs whose claims are missing are left out."""
    measures: dict[str, set[str]] = {}
    out: dict[str, tuple[str, ...]] = {}
    for row in rows:
        sides = []
        for cid in (row.claim_a, row.claim_b):
            if cid not in measures and cid in claims:
                measures[cid] = figure_measures(*claims[cid])
            sides.append(measures.get(cid))
        if sides[0] is not None and sides[1] is not None:
            out[row.id] = _shared(sides[0], sides[1])
    return out


def figure_spans(text: str, published: str | None) -> tuple[Any, ...]:
    """The highlight spans of every figure frame of a claim (as `check.Evidence.spans`)."""
    return quantity_spans(extract(text, published))


# -- the source-comparison table ----------------------------------------------------------------------

# Cell colours of the comparison table: the same palette as the relation badges.
CELL_STYLES: dict[str, str] = {
    "conflict": "background-color:#fee2e2;color:#7f1d1d",
    "update": "background-color:#fef3c7;color:#78350f",
    "agree": "background-color:#dcfce7;color:#14532d",
    "single": "",
    "": "",
}
CELL_LEGEND = (
    ("conflict", "conflicts with another source in this row"),
    ("update", "a later figure replacing an earlier one"),
    ("agree", "agrees with the other sources in this row"),
)


def _cell_text(cell: Any) -> str:
    bits = [cell.figure]
    extra = [x for x in (cell.date or "", cell.attribution) if x]
    if extra:
        bits.append(f"({', '.join(extra)})")
    return " ".join(bits)


def cell_status(cells: Sequence[Any], sources_in_row: int) -> str:
    """conflict, update, agree (another source reports it compatibly) or single (nobody else does)."""
    if any(c.conflict for c in cells):
        return "conflict"
    if any(c.update for c in cells):
        return "update"
    return "agree" if sources_in_row > 1 and cells else "single" if cells else ""


def comparison_frames(table: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The comparison table as two aligned frames: the figures as reported, and each cell's status.

    Rows are "measure — counted group", columns the sources (in the table's order); a cell holds each figure
    the source gave, in time order, with its date and attribution ("at least 27 (2015-07-30, officials)").
    """
    index = [row.label for row in table.rows]
    values = pd.DataFrame("", index=index, columns=list(table.sources), dtype=object)
    status = pd.DataFrame("", index=index, columns=list(table.sources), dtype=object)
    for row in table.rows:
        present = [s for s, cells in row.cells if cells]
        for source, cells in row.cells:
            values.loc[row.label, source] = "; ".join(_cell_text(c) for c in cells)
            status.loc[row.label, source] = cell_status(cells, len(present))
    values.index.name = "measure — who"
    return values, status


def comparison_html(values: pd.DataFrame, status: pd.DataFrame) -> str:
    """The comparison table as escaped HTML, cells coloured by their status (`ui.table_html`)."""
    return table_html(values, status, CELL_STYLES)


def legend_html() -> str:
    parts = []
    for status, meaning in CELL_LEGEND:
        style = CELL_STYLES[status]
        parts.append(
            f'<span style="{style};padding:1px 8px;border-radius:4px;margin-right:10px;font-size:0.85em">'
            f"{escape(meaning, quote=True)}</span>"
        )
    return "<div>" + "".join(parts) + "</div>"


def chart_frame(table: Any, row_label: str | None = None) -> pd.DataFrame:
    """One row per reported figure of one table row (all rows when None): what the chart plots.

    `value` is the figure's point value: the middle of a closed range, the bound of an open one
    ("at least 27" -> 27, "more than 20,000" -> 20000), so qualifiers stay visible in the tooltip.
    """
    records = []
    for row in table.rows:
        if row_label is not None and row.label != row_label:
            continue
        for source, cells in row.cells:
            for c in cells:
                value = _point_value(c.low, c.high)
                if value is None:
                    continue
                records.append(
                    {
                        "row": row.label,
                        "source": source,
                        "date": c.date or "",
                        "value": value,
                        "figure": c.figure,
                        "attribution": c.attribution,
                        "status": "conflict" if c.conflict else "update" if c.update else "",
                        "title": c.title,
                    }
                )
    frame = pd.DataFrame(
        records, columns=["row", "source", "date", "value", "figure", "attribution", "status", "title"]
    )
    frame["date"] = pd.to_datetime(frame["date"].str.slice(0, 10), errors="coerce", format="%Y-%m-%d")
    return frame.dropna(subset=["date"]).sort_values(["date", "source"], kind="stable").reset_index(drop=True)


def row_cells(table: Any, row_label: str) -> list[tuple[str, Any]]:
    """(source, cell) for every figure of one table row, in time order."""
    out = [
        (source, c)
        for row in table.rows
        if row.label == row_label
        for source, cells in row.cells
        for c in cells
    ]
    return sorted(out, key=lambda sc: (sc[1].date or "", sc[0]))


def _point_value(low: float, high: float) -> float | None:
    lo_ok, hi_ok = math.isfinite(low), math.isfinite(high)
    if lo_ok and hi_ok:
        return (low + high) / 2
    if lo_ok:
        return low
    if hi_ok:
        return high
    return None


# How each point of the chart is drawn: an update (a later figure replacing an earlier one) and a conflicting
# figure stand out from the others; the legend names them.
POINT_KINDS = {"update": "update", "conflict": "conflicts", "": "reported"}
_POINT_SHAPES = {"update": "triangle-up", "conflicts": "diamond", "reported": "circle"}


def figures_chart(frame: pd.DataFrame) -> alt.Chart:
    """Reported figures over time, one coloured line per source; updates and conflicting figures are
    marked by their shape (the legend says which); tooltips give the wording."""
    frame = frame.assign(kind=frame["status"].map(lambda s: POINT_KINDS.get(s, "reported")))
    base = alt.Chart(frame).encode(
        x=alt.X("date:T", title="date reported"),
        y=alt.Y("value:Q", title="figure"),
        color=alt.Color("source:N", title="source"),
        tooltip=[
            alt.Tooltip("source:N"),
            alt.Tooltip("date:T"),
            alt.Tooltip("figure:N", title="as reported"),
            alt.Tooltip("attribution:N"),
            alt.Tooltip("kind:N", title="point"),
            alt.Tooltip("row:N", title="measure"),
        ],
    )
    shapes = alt.Scale(domain=list(_POINT_SHAPES), range=list(_POINT_SHAPES.values()))
    points = base.mark_point(filled=True, size=110).encode(
        shape=alt.Shape("kind:N", title="point", scale=shapes)
    )
    lines = base.mark_line(opacity=0.5)
    return (lines + points).properties(height=320)
