"""Pure helpers for the Streamlit app: escaped HTML, badges, paging, upload names, data frames.

Nothing here imports Streamlit, so every rule about what reaches the page is tested in milliseconds
(tests/test_ui.py). The one rule that matters most: article and user text is always passed through
`html.escape` before it is placed in HTML, and the only tags in the output are our own (`<mark>`,
`<span>`, `<div>`). `st.html` sanitises with DOMPurify as well; the escaping here means a `<script>` in
an article is shown as the characters `<script>`, not silently dropped.
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
from typing import Any, Protocol

import altair as alt
import pandas as pd

from verifier.check import quantity_spans
from verifier.errors import InputError
from verifier.importers import normalise_date
from verifier.lexicon import MEASURE_TRIGGERS
from verifier.quantities import extract

# -- highlighting -------------------------------------------------------------------------------------


class SpanLike(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def role(self) -> str: ...


@dataclass(frozen=True)
class Mark:
    """A stretch of text to highlight: `text[start:end]`, styled by `kind` (a span role or "passage")."""

    start: int
    end: int
    kind: str


# What each part of a figure frame looks like. The figure itself is the loud one; the words saying what
# it counts are underlined, so a passage with three figures stays readable.
ROLE_STYLES: dict[str, str] = {
    "figure": "background:#fde68a;color:#3b2f00;font-weight:600;padding:0 2px;border-radius:3px",
    "measure": "background:transparent;color:inherit;border-bottom:2px solid #16a34a",
    "group": "background:transparent;color:inherit;border-bottom:2px solid #2563eb",
    "attribution": "background:transparent;color:inherit;border-bottom:2px dotted #7c3aed",
    "time": "background:transparent;color:inherit;border-bottom:2px dotted #64748b",
    "scope": "background:transparent;color:inherit;border-bottom:2px dotted #64748b",
    "passage": "background:#dbeafe;color:inherit;padding:1px 0;border-radius:3px",
}
# When parts overlap, the segment takes the style of the first role in this order.
_ROLE_PRIORITY = ("figure", "measure", "group", "attribution", "time", "scope", "passage")
_FALLBACK_STYLE = ROLE_STYLES["time"]

ROLE_LABELS = {
    "figure": "figure",
    "measure": "what is counted",
    "group": "who is counted",
    "attribution": "who says so",
    "time": "when",
    "scope": "period",
    "passage": "the passage",
}

_PASSAGE_BOX = "white-space:pre-wrap;line-height:1.6;overflow-wrap:anywhere"


def marks_from_spans(spans: Iterable[SpanLike], text_length: int, offset: int = 0) -> list[Mark]:
    """Marks for `spans` shifted by `offset` and clipped to the text; empty or outside spans are dropped."""
    marks: list[Mark] = []
    for span in spans:
        start = max(0, int(span.start) + offset)
        end = min(text_length, int(span.end) + offset)
        if start < end:
            marks.append(Mark(start, end, span.role))
    return marks


def _style_of(kinds: set[str]) -> tuple[str, str]:
    kind = next((k for k in _ROLE_PRIORITY if k in kinds), None)
    if kind is None:
        kind = sorted(kinds)[0]
    return kind, ROLE_STYLES.get(kind, _FALLBACK_STYLE)


def render_marked(text: str, marks: Iterable[Mark]) -> str:
    """`text` as escaped HTML with each mark wrapped in `<mark>`.

    Overlapping marks are cut at every boundary; each piece takes the style of its most important role,
    and its tooltip names all of them. Every piece of `text` goes through `html.escape`.
    """
    n = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in valid), *(m.end for m in valid)})
    out: list[str] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[lo:hi], quote=True)
        kinds = {m.kind for m in valid if m.start <= lo and hi <= m.end}
        if not kinds:
            out.append(piece)
            continue
        kind, style = _style_of(kinds)
        title = ", ".join(ROLE_LABELS.get(k, k) for k in sorted(kinds, key=_priority))
        out.append(
            f'<mark class="vf-{escape(kind, quote=True)}" style="{style}" '
            f'title="{escape(title, quote=True)}">{piece}</mark>'
        )
    return "".join(out)


def _priority(kind: str) -> int:
    return _ROLE_PRIORITY.index(kind) if kind in _ROLE_PRIORITY else len(_ROLE_PRIORITY)


def passage_html(text: str, spans: Iterable[SpanLike] = ()) -> str:
    """A claim or passage with its figures highlighted, line breaks kept."""
    body = render_marked(text, marks_from_spans(spans, len(text)))
    return f'<div class="vf-passage" style="{_PASSAGE_BOX}">{body}</div>'


def article_context_html(
    article_text: str, start: int, end: int, spans: Iterable[SpanLike] = (), max_height_px: int = 420
) -> str:
    """The whole article with the passage `article_text[start:end]` highlighted and its figures marked.

    `spans` are relative to the passage (as `check.Evidence.spans` are). The box scrolls, so a long article
    does not push the other evidence off the page.
    """
    n = len(article_text)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    if start < end:
        passage = article_text[start:end]
        inner = render_marked(passage, marks_from_spans(spans, len(passage)))
        body = (
            escape(article_text[:start], quote=True)
            + f'<mark class="vf-passage" style="{ROLE_STYLES["passage"]}" title="the passage">{inner}</mark>'
            + escape(article_text[end:], quote=True)
        )
    else:
        body = escape(article_text, quote=True)
    return (
        f'<div class="vf-article" style="{_PASSAGE_BOX};max-height:{int(max_height_px)}px;overflow-y:auto;'
        f'border:1px solid #e2e8f0;border-radius:6px;padding:10px 12px">{body}</div>'
    )


# -- badges -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Badge:
    label: str
    foreground: str
    background: str


# Relation labels from relation.relate / check.Evidence, as a fact-checker reads them.
RELATION_BADGES: dict[str, Badge] = {
    "conflict": Badge("conflicts", "#991b1b", "#fee2e2"),
    "agree": Badge("corroborates", "#166534", "#dcfce7"),
    "update": Badge("update", "#92400e", "#fef3c7"),
    "different_quantity": Badge("different quantity", "#3730a3", "#e0e7ff"),
    "similar": Badge("similar, no figures compared", "#334155", "#f1f5f9"),
    "unrelated": Badge("unrelated", "#475569", "#f1f5f9"),
}
STATUS_BADGES: dict[str, Badge] = {
    "new": Badge("new", "#1e40af", "#dbeafe"),
    "confirmed": Badge("confirmed", "#991b1b", "#fee2e2"),
    "dismissed": Badge("dismissed", "#475569", "#e2e8f0"),
}
_UNKNOWN = Badge("", "#334155", "#f1f5f9")


def badge_html(badge: Badge) -> str:
    return (
        f'<span class="vf-badge" style="display:inline-block;padding:1px 8px;border-radius:999px;'
        f'font-size:0.8em;font-weight:600;color:{badge.foreground};background:{badge.background}">'
        f"{escape(badge.label, quote=True)}</span>"
    )


def relation_badge(relation: str) -> str:
    badge = RELATION_BADGES.get(relation)
    return badge_html(badge or Badge(relation.replace("_", " "), _UNKNOWN.foreground, _UNKNOWN.background))


def status_badge(status: str) -> str:
    badge = STATUS_BADGES.get(status)
    return badge_html(badge or Badge(status, _UNKNOWN.foreground, _UNKNOWN.background))


# -- cards --------------------------------------------------------------------------------------------


def format_date(date: str | None) -> str:
    return date or "undated"


def meta_line_html(source: str, date: str | None, title: str = "", url: str = "") -> str:
    """ "Outlet · 2015-07-31 · Title", escaped; the title links to the article when its URL is http(s)."""
    parts = [f"<strong>{escape(source or 'unknown source', quote=True)}</strong>"]
    parts.append(escape(format_date(date), quote=True))
    if title:
        safe_url = url if is_http_url(url) else ""
        if safe_url:
            parts.append(
                f'<a href="{escape(safe_url, quote=True)}" target="_blank" rel="noopener noreferrer">'
                f"{escape(title, quote=True)}</a>"
            )
        else:
            parts.append(f"<em>{escape(title, quote=True)}</em>")
    return " · ".join(parts)


_HTTP = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


def is_http_url(url: str) -> bool:
    """Only http(s) links are made clickable: a `javascript:` URL from an import stays plain text."""
    return bool(url) and bool(_HTTP.match(url.strip()))


def evidence_card_html(evidence: Any) -> str:
    """One piece of evidence (a `check.Evidence`): who, when, how similar, the relation, the passage."""
    head = meta_line_html(evidence.source, evidence.date, evidence.title, getattr(evidence, "url", ""))
    return (
        '<div class="vf-card">'
        f'<div style="margin-bottom:4px">{relation_badge(evidence.relation)} '
        f'<span style="color:#475569;font-size:0.85em">similarity {evidence.similarity:.2f}</span></div>'
        f'<div style="font-size:0.9em;margin-bottom:6px">{head}</div>'
        f"{passage_html(evidence.text, evidence.spans)}"
        f'<div style="color:#475569;font-size:0.85em;margin-top:6px">'
        f"{escape(evidence.explanation, quote=True)}</div></div>"
    )


def claim_side_html(text: str, spans: Iterable[SpanLike], source: str, date: str | None, title: str,
                    url: str = "") -> str:
    """One side of a flagged pair: who and when above the sentence with its figures marked."""
    return (
        f'<div class="vf-claim"><div style="font-size:0.9em;margin-bottom:6px">'
        f"{meta_line_html(source, date, title, url)}</div>{passage_html(text, spans)}</div>"
    )


def text_html(text: str, muted: bool = False) -> str:
    """Plain text (a summary, an explanation, a title) as escaped HTML."""
    style = "color:#475569" if muted else ""
    return f'<div style="{style}">{escape(text, quote=True)}</div>'


def summary_html(summary: str, corroborating: int, conflicting: int, related: int) -> str:
    """The line at the top of a check, with the three counts as badges."""
    counts = " ".join(
        (
            badge_html(Badge(f"{conflicting} conflicting", "#991b1b", "#fee2e2")),
            badge_html(Badge(f"{corroborating} corroborating", "#166534", "#dcfce7")),
            badge_html(Badge(f"{related} related", "#334155", "#f1f5f9")),
        )
    )
    return (
        '<div class="vf-summary" style="font-size:1.1em;font-weight:600;margin-bottom:6px">'
        f"{escape(summary, quote=True)}</div><div>{counts}</div>"
    )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: str) -> str:
    """Text for a Streamlit label that renders Markdown (expander titles, captions): every Markdown
    character backslash-escaped, so an article title is shown as written."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def optional_date(value: str | None) -> str | None:
    """An ISO date from what a user typed, None when left empty; InputError when not understood."""
    if value is None or not value.strip():
        return None
    iso = normalise_date(value.strip())
    if iso is None:
        raise InputError(
            f"Date {value.strip()!r} is not understood; write it as YYYY-MM-DD (e.g. 2015-07-31)."
        )
    return iso


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
    """The column that most likely holds `field` (text, title, source, date, url), or None."""
    aliases = {
        "text": ("text", "body", "content", "article", "article_content", "story"),
        "title": ("title", "headline", "article_title"),
        "source": ("source", "outlet", "publisher", "site", "newspaper"),
        "date": ("date", "published", "date_published", "pub_date", "published_at"),
        "url": ("url", "link", "article_url", "href"),
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


def style_comparison(values: pd.DataFrame, status: pd.DataFrame) -> Any:
    """A pandas Styler colouring each cell by its status (st.dataframe renders the colours)."""
    return values.style.apply(lambda _: status.map(lambda s: CELL_STYLES.get(s, "")), axis=None)


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


def figures_chart(frame: pd.DataFrame) -> alt.Chart:
    """Reported figures over time, one coloured line of points per source; tooltips give the wording."""
    base = alt.Chart(frame).encode(
        x=alt.X("date:T", title="date reported"),
        y=alt.Y("value:Q", title="figure"),
        color=alt.Color("source:N", title="source"),
        tooltip=[
            alt.Tooltip("source:N"),
            alt.Tooltip("date:T"),
            alt.Tooltip("figure:N", title="as reported"),
            alt.Tooltip("attribution:N"),
            alt.Tooltip("row:N", title="measure"),
        ],
    )
    points = base.mark_point(filled=True, size=90)
    lines = base.mark_line(opacity=0.5)
    return (lines + points).properties(height=320)
