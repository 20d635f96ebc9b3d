"""How article and user text reaches the page: escaped HTML with highlighted figures, badges, cards.

The one rule that matters most: article and user text always goes through `html.escape` before it is
placed in HTML, and the only tags in the output are our own (`<mark>`, `<span>`, `<div>`, `<strong>`,
`<em>`, `<a>` for http(s) links). `st.html` sanitises with DOMPurify as well; the escaping here means a
`<script>` in an article is shown as the characters `<script>`, not silently dropped. Invisible format
characters (a right-to-left override, a zero-width space) are shown as a marker such as `[U+202E]`, so the
page shows the characters the figure reader read, in the order it read them.

Pure functions (no Streamlit), tested in milliseconds by tests/test_ui.py. Tables, paging and uploads
are in `verifier.shells.ui_data`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any, Protocol

from verifier.core.dates import normalise_date
from verifier.core.display import char_name, code_point, replace_invisible
from verifier.core.errors import InputError

# -- text ----------------------------------------------------------------------------------------------

# A marker stands out from the article text around it, and is clearly not part of a figure.
_INVISIBLE_STYLE = (
    "font-family:monospace;font-size:0.75em;color:#9a3412;background:#ffedd5;"
    "border:1px dashed #c2410c;border-radius:3px;padding:0 2px"
)


def _marker_html(char: str) -> str:
    name = escape(f"{char_name(char)}: an invisible character in the text", quote=True)
    return f'<span class="vf-invisible" style="{_INVISIBLE_STYLE}" title="{name}">{code_point(char)}</span>'


def text_to_html(text: str) -> str:
    """Article or user text as HTML: escaped, each invisible format character shown as a marker."""
    return replace_invisible(escape(text, quote=True), _marker_html)


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
    # Dark text on the light background, so the passage stays readable in a dark theme too.
    "passage": "background:#dbeafe;color:#0f172a;padding:1px 0;border-radius:3px",
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
        piece = text_to_html(text[lo:hi])
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
            text_to_html(article_text[:start])
            + f'<mark class="vf-passage" style="{ROLE_STYLES["passage"]}" title="the passage">{inner}</mark>'
            + text_to_html(article_text[end:])
        )
    else:
        body = text_to_html(article_text)
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
    parts = [f"<strong>{text_to_html(source or 'unknown source')}</strong>"]
    parts.append(escape(format_date(date), quote=True))
    if title:
        safe_url = url if is_http_url(url) else ""
        if safe_url:
            parts.append(
                f'<a href="{escape(safe_url, quote=True)}" target="_blank" rel="noopener noreferrer">'
                f"{text_to_html(title)}</a>"
            )
        else:
            parts.append(f"<em>{text_to_html(title)}</em>")
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
        f"{text_to_html(evidence.explanation)}</div></div>"
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
    return f'<div style="{style}">{text_to_html(text)}</div>'


# The Check page's section anchors: each count of the summary line links to the passages it counts.
SECTION_ANCHORS = {"conflicting": "conflicting", "corroborating": "corroborating", "related": "related"}


def summary_html(summary: str, corroborating: int, conflicting: int, related: int) -> str:
    """The line at the top of a check, with the three counts as badges linking to their sections."""
    counts = " ".join(
        f'<a href="#{SECTION_ANCHORS[name]}" style="text-decoration:none" '
        f'title="go to the {name} passages">{badge_html(badge)}</a>'
        for name, badge in (
            ("conflicting", Badge(f"{conflicting} conflicting", "#991b1b", "#fee2e2")),
            ("corroborating", Badge(f"{corroborating} corroborating", "#166534", "#dcfce7")),
            ("related", Badge(f"{related} related", "#334155", "#f1f5f9")),
        )
    )
    return (
        '<div class="vf-summary" style="font-size:1.1em;font-weight:600;margin-bottom:6px">'
        f"{text_to_html(summary)}</div><div>{counts}</div>"
    )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: str) -> str:
    """Text for a Streamlit label that renders Markdown (expander titles, captions): every Markdown
    character backslash-escaped and invisible characters written as `[U+....]`, so an article title is
    shown as written."""
    return _MD_SPECIAL.sub(r"\\\1", replace_invisible(text.replace("\n", " ")))


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


# The comparison as an HTML table: the first column (what is counted) stays put while the sources scroll
# sideways, every source column has one width, and a cell's figures, dates and attributions wrap inside it
# instead of stretching the table.
_COMPARE_CSS = (
    "<style>.vf-compare-wrap{overflow-x:auto;max-width:100%}"
    ".vf-compare{border-collapse:collapse;table-layout:fixed;font-size:0.9em}"
    ".vf-compare th,.vf-compare td{border:1px solid #e5e7eb;padding:4px 8px;vertical-align:top;"
    "width:14em;min-width:14em;white-space:normal;overflow-wrap:anywhere;text-align:left}"
    ".vf-compare th:first-child,.vf-compare td:first-child{position:sticky;left:0;background:#f9fafb;"
    "width:16em;min-width:16em;font-weight:600}</style>"
)


def table_html(values: Any, status: Any, styles: Mapping[str, str]) -> str:
    """A table of text cells (two aligned pandas frames: the text, and each cell's status) as escaped HTML:
    one fixed-width column per column, the cells styled by their status and wrapped."""
    head = "".join(f"<th>{escape(str(c), quote=True)}</th>" for c in values.columns)
    rows = []
    for label in values.index:
        cells = "".join(
            f'<td style="{styles.get(str(status.loc[label, c]), "")}">'
            f"{escape(str(values.loc[label, c]), quote=True)}</td>"
            for c in values.columns
        )
        rows.append(f"<tr><td>{escape(str(label), quote=True)}</td>{cells}</tr>")
    corner = escape(str(values.index.name or ""), quote=True)
    return (
        f'{_COMPARE_CSS}<div class="vf-compare-wrap"><table class="vf-compare">'
        f"<thead><tr><th>{corner}</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
