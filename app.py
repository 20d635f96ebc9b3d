"""verifier in the browser: check a claim, review contradictions, compare sources, manage the library.

Layout only. Every decision (what is evidence, what conflicts, how text is escaped and highlighted) lives
in the package: `verifier.check`, `verifier.scan`, `verifier.events`, `verifier.export` and `verifier.ui`.
Text from articles and users reaches the page through `st.html(ui....)` (escaped there), `st.dataframe`,
widget values or `ui.md_escape`, never as raw HTML.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import streamlit as st

from verifier import ui, ui_audit, ui_auth, ui_data, ui_review
from verifier.check import check_claim
from verifier.compare import ClaimText, relate
from verifier.errors import VerifierError
from verifier.events import EventSummary, build_events, build_table, list_events
from verifier.export import export_bytes
from verifier.importers import ColumnMapping, read_text_article
from verifier.scan import scan_new
from verifier.settings import Settings
from verifier.workspace import IngestReport, Workspace

ARTICLES_PER_PAGE = 25
PAIRS_PER_PAGE = 20
NO_COLUMN = "(none)"
EMPTY_LIBRARY = (
    "Nothing ingested yet: add articles on the **Library** page (paste one or upload files), "
    "or run `verifier ingest data` for the demo corpus."
)


# -- resources ----------------------------------------------------------------------------------------


@st.cache_resource(show_spinner="Opening the workspace…")
def _open_workspace(path: str) -> Workspace:
    # Keyed by the path: one Workspace (store, index, model) per process and workspace, shared by sessions.
    return Workspace.open(Settings.from_env(path))


def _warm_up(embedder: Any) -> None:
    """What a first check would otherwise load: the model, then the judgement's word data and patterns
    (~2 s on a first check, measured 2026-12-02), on two sentences written for this."""
    warm_up = getattr(embedder, "warm_up", None)
    if callable(warm_up):
        warm_up()
    relate(ClaimText("Six people were killed in the fire."), ClaimText("Nine people died in the fire."))


@st.cache_resource(show_spinner=False)
def _warm_up_in_background(path: str) -> threading.Thread:
    # Started by the first page load of the process: the model loads while the page is read and filled in.
    embedder = _open_workspace(path).embedder
    thread = threading.Thread(target=_warm_up, args=(embedder,), daemon=True, name="warm-up")
    thread.start()
    return thread


@st.cache_resource(show_spinner="Loading the language model (once)…")
def _warm_model(path: str) -> bool:
    _warm_up_in_background(path).join()  # usually long done; the spinner shows only after half a second
    embedder = _open_workspace(path).embedder
    warm_up = getattr(embedder, "warm_up", None)
    if callable(warm_up):
        warm_up()  # raises here, on the page, what the background load may have failed with
    return True


def workspace(model: bool = False) -> Workspace | None:
    """The shared workspace (with the model loaded when `model`); None after showing why it cannot open."""
    path = str(Settings.from_env().workspace)
    try:
        ws = _open_workspace(path)
        if model:
            _warm_model(path)
    except VerifierError as exc:
        st.error(ui.md_escape(f"The workspace {path} cannot be opened: {exc}"))
        return None
    return ws


@contextmanager
def shown_errors() -> Iterator[None]:
    """Our own errors become a red message (what was wrong, what to do), never a traceback."""
    try:
        yield
    except VerifierError as exc:
        st.error(ui.md_escape(str(exc)))


Progress = Callable[[int, int], None]


def ingest_with_progress(ws: Workspace, run: Callable[[Progress], IngestReport]) -> IngestReport:
    """Run an ingest with a progress bar, then scan the new claims and regroup events."""
    bar = st.progress(0.0, text="Reading…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0, text=f"Ingesting: {done} of {total} articles")

    def scanning(done: int, total: int) -> None:
        share = done / total if total else 1.0
        bar.progress(share, text=f"Looking for contradictions: {done} of {total} claims")

    report = run(progress)
    if report.new_claim_rowids:
        bar.progress(0.0, text="Looking for contradictions with the stored claims…")
        scan_new(ws, progress=scanning)
        try:
            build_events(ws)
        except VerifierError as exc:
            st.warning(f"Events were not regrouped: {ui.md_escape(str(exc))}")
    bar.empty()
    return report


@st.cache_data(max_entries=16, show_spinner="Grouping the articles into events…")
def _events(_ws: Workspace, path: str, articles: int, claims: int) -> tuple[list[EventSummary], str]:
    # Keyed by the counts, so an ingest or a delete (which regroup events) is seen at the next rerun,
    # while paging and filtering do not re-read every event's claims. A refusal is cached too: grouping
    # a corpus too big for it fails only after reading every claim.
    try:
        return list_events(_ws), ""
    except VerifierError as exc:
        return [], str(exc)


def cached_events(ws: Workspace) -> list[EventSummary]:
    """Every event, largest first (grouped now if none is stored)."""
    store = ws.store
    events, error = _events(ws, str(ws.settings.workspace), store.count_articles(), store.count_claims())
    if error:
        st.warning(ui.md_escape(f"Events are not available: {error}"))
    return events


def shared_events(ws: Workspace) -> list[EventSummary]:
    """Events reported by more than one article: the ones worth comparing."""
    return [e for e in cached_events(ws) if e.articles > 1]


def sidebar_status(ws: Workspace) -> None:
    status = ws.status()
    st.sidebar.caption(
        f"Workspace {ui.md_escape(str(status['workspace']))} · {status['articles']} articles · "
        f"{status['claims']} claims · {status['contradictions']} flagged pairs"
    )


# -- 1. Check a claim ---------------------------------------------------------------------------------


def check_page() -> None:
    st.title("Check a claim")
    ws = workspace()
    if ws is None:
        return
    if ws.store.count_claims() == 0:
        st.info(EMPTY_LIBRARY)
        return
    with st.form("check"):
        left, right = st.columns([5, 1])
        claim = left.text_area(
            "Claim to check",
            placeholder="At least 27 IS fighters were killed in Darna",
            height=100,
            key="claim_text",
        )
        date = right.text_input(
            "Date of the claim",
            placeholder="YYYY-MM-DD",
            key="claim_date",
            help="Optional. When the claim was made: a later, higher toll is then read as an update.",
        )
        submitted = st.form_submit_button("Check", type="primary")
    if submitted:
        st.session_state.pop("check_result", None)
        with shown_errors():
            published = ui.optional_date(date)
            workspace(model=True)
            with st.spinner("Checking against the library…"):
                st.session_state["check_result"] = check_claim(ws, claim, published=published)
    result = st.session_state.get("check_result")
    if result is None:
        return
    counts = len(result.corroborating), len(result.conflicting), len(result.related)
    st.html(ui.summary_html(result.summary, *counts))
    st.html(ui.passage_html(result.claim, result.claim_spans))
    st.html(ui_review.legend_html(review=False, similarity=True, score=False))
    for warning in result.warnings:
        st.warning(ui.md_escape(warning))
    groups = (
        ("Conflicting", result.conflicting, "No source conflicts with the figures of this claim."),
        ("Corroborating", result.corroborating, "No source reports the same figures."),
        ("Related", result.related, "No related passages."),
    )
    for title, items, empty in groups:
        st.subheader(f"{title} ({len(items)})")
        if not items:
            st.caption(empty)
        for i, evidence in enumerate(items):
            evidence_card(ws, evidence, key=f"{title}-{i}-{evidence.claim_id}")


def evidence_card(ws: Workspace, evidence: Any, key: str) -> None:
    with st.container(border=True):
        st.html(ui.evidence_card_html(evidence))
        if st.toggle("Show the passage in the full article", key=f"ctx-{key}"):
            with shown_errors():
                claim, article = ws.store.get_claim(evidence.claim_id)
                st.html(ui.article_context_html(article.text, claim.start, claim.end, evidence.spans))


# -- 2. Contradictions ----------------------------------------------------------------------------------


def contradictions_page() -> None:
    st.title("Contradictions")
    ws = workspace()
    if ws is None:
        return
    if ws.store.count_claims() == 0:
        st.info(EMPTY_LIBRARY)
        return
    show_flash()
    everything = ws.store.list_contradictions()  # small rows (ids, score, status): claims load per page
    counts = ui_data.status_counts(everything)
    for cell, status in zip(st.columns(3), ("new", "confirmed", "dismissed"), strict=True):
        cell.metric(f"{status.capitalize()}", counts[status])
    st.html(ui_review.legend_html())
    with st.expander("Audit log: who decided what"):
        log = ws.store.review_log(limit=ui_audit.AUDIT_ROWS)
        st.dataframe(ui_audit.audit_frame(log), hide_index=True, width="stretch")
    if not everything:
        st.info("No contradictions flagged yet: they are found when articles are added.")
        return
    status, source, measure, min_score, by = review_filters(ws)
    rows = everything if source is None else ws.store.list_contradictions(source=source)
    rows = ui_data.filter_pairs(rows, min_score)
    if measure:
        measures = measure_index(ws, len(everything))
        rows = [r for r in rows if measure in measures.get(r.id, ())]
    rows = review_group(ws, rows, by, len(everything))
    if status != "all":
        rows = [r for r in rows if r.status == status]
    if not rows:
        st.info("No flagged pair matches these filters.")
        return
    review_queue(ws, rows)


def review_filters(ws: Workspace) -> tuple[str, str | None, str | None, float, str]:
    """The filter bar: status, source, measure, minimum score, and what the queue is grouped by."""
    cols = st.columns([1, 1.4, 1, 1.2, 2])
    status = cols[0].selectbox("Status", ui_data.STATUS_FILTERS, key="f_status")
    sources = [s.source for s in ws.store.sources_with_counts() if s.source]
    source = cols[1].selectbox("Source", [None, *sources], format_func=lambda s: s or "all", key="f_source")
    measure = cols[2].selectbox(
        "Measure", [None, *ui_data.MEASURES], format_func=lambda m: m or "all", key="f_measure"
    )
    min_score = cols[3].slider(
        "Minimum score", 0.0, 1.0, 0.0, 0.05, key="f_score", help=ui_review.SCORE_SENTENCE
    )
    by = cols[4].segmented_control(
        "Group by", ui_review.GROUP_BY, default="incident", required=True, key="f_group_by"
    )
    return status, source, measure, float(min_score), str(by or "none")


def review_group(ws: Workspace, rows: list[Any], by: str, pairs: int) -> list[Any]:
    """The group picker (each group with its counts) and the rows of the group picked (all: every row)."""
    if by == "none":
        return rows
    groups = ui_review.group_pairs(rows, pair_places(ws, pairs), by)
    by_key = {g.key: g for g in groups}
    noun = "incidents" if by == "incident" else "article pairs"
    left, right = st.columns([3, 1])
    picked = left.selectbox(
        "Group", [None, *by_key], key=f"f_group_{by.replace(' ', '_')}",
        format_func=lambda k: by_key[k].option_label() if k in by_key else f"all {len(groups)} {noun}",
    )
    with right.popover(f"{len(groups)} {noun} with their counts"):
        st.dataframe(ui_review.groups_frame(groups, by), hide_index=True, width="stretch")
    if picked is None or picked not in by_key:
        return rows
    wanted = set(by_key[picked].pair_ids)
    return [r for r in rows if r.id in wanted]


def claims_by_id(ws: Workspace, claim_ids: set[str]) -> dict[str, tuple[Any, Any]]:
    """{claim id: (claim, article)}, read in a few batched queries."""
    rowids = ws.store.claim_rowids(claim_ids)
    found = ws.store.get_claims_by_rowids(list(rowids.values()))
    return {claim.id: (claim, article) for claim, article in found}


@st.cache_data(max_entries=4, show_spinner="Reading the figures of every flagged pair (once)…")
def _measure_index(_ws: Workspace, path: str, pairs: int, claims: int) -> dict[str, tuple[str, ...]]:
    # Keyed by the workspace and its counts: recomputed after an ingest, a delete or a re-scan.
    rows = _ws.store.list_contradictions()
    found = claims_by_id(_ws, {cid for r in rows for cid in (r.claim_a, r.claim_b)})
    texts = {cid: (claim.text, article.published) for cid, (claim, article) in found.items()}
    return ui_data.pair_measure_index(rows, texts)


def measure_index(ws: Workspace, pairs: int) -> dict[str, tuple[str, ...]]:
    return _measure_index(ws, str(ws.settings.workspace), pairs, ws.store.count_claims())


@st.cache_data(max_entries=4, show_spinner="Grouping the flagged pairs by incident and articles (once)…")
def _pair_places(
    _ws: Workspace, path: str, pairs: int, articles: int, claims: int
) -> dict[str, ui_review.Place]:
    # Keyed by the workspace and its counts: recomputed after an ingest, a delete or a re-scan.
    rows = _ws.store.list_contradictions()
    found = claims_by_id(_ws, {cid for r in rows for cid in (r.claim_a, r.claim_b)})
    return ui_review.pair_places(rows, found, _ws.store.list_events())


def pair_places(ws: Workspace, pairs: int) -> dict[str, ui_review.Place]:
    store = ws.store
    return _pair_places(ws, str(ws.settings.workspace), pairs, store.count_articles(), store.count_claims())


FOCUS_KEY = "review_focus"


def move_focus(index: int, total: int) -> None:
    """Next / previous (buttons and keys N, P): the focused pair moves, and the page follows it."""
    st.session_state[FOCUS_KEY] = ui_review.clamp(index, total)
    st.session_state["pairs_page"] = ui_review.page_of(st.session_state[FOCUS_KEY], PAIRS_PER_PAGE)


def focus_page(total: int) -> None:
    """A page picked by hand: the focus goes to its first pair."""
    first = (st.session_state["pairs_page"] - 1) * PAIRS_PER_PAGE
    st.session_state[FOCUS_KEY] = ui_review.clamp(first, total)


def select_all(pair_ids: list[str], value: bool) -> None:
    for pid in pair_ids:
        st.session_state[f"sel-{pid}"] = value


def review_queue(ws: Workspace, rows: list[Any]) -> None:
    """The pairs of the filters: the one under the keyboard, several at once, a page of cards."""
    # What each card showed at the previous run, i.e. what the reviewer saw when clicking.
    shown = {r.id: ui_audit.shown_revision(st.session_state, r) for r in rows}
    focus = ui_review.clamp(st.session_state.get(FOCUS_KEY, 0), len(rows))
    st.session_state[FOCUS_KEY] = focus
    pages = ui_data.page_count(len(rows), PAIRS_PER_PAGE)
    if pages > 1:
        st.session_state["pairs_page"] = ui_review.page_of(focus, PAIRS_PER_PAGE)
    keys = ui_review.SHORTCUTS
    bar = st.columns([3, 1, 1])
    bar[0].caption(
        f"{len(rows)} pairs, best first. Reviewing pair {focus + 1}: keys {keys['confirm']} confirm, "
        f"{keys['dismiss']} dismiss, {keys['next']} next, {keys['previous']} previous."
    )
    bar[1].button("Previous", key="focus_prev", shortcut=keys["previous"], on_click=move_focus,
                  args=(focus - 1, len(rows)), disabled=focus == 0, width="stretch")
    bar[2].button("Next", key="focus_next", shortcut=keys["next"], on_click=move_focus,
                  args=(focus + 1, len(rows)), disabled=focus >= len(rows) - 1, width="stretch")
    if pages > 1:
        st.pagination(pages, key="pairs_page", on_change=focus_page, args=(len(rows),))
    offset = ui_data.page_offset(ui_review.page_of(focus, PAIRS_PER_PAGE), PAIRS_PER_PAGE, len(rows))
    page_rows = rows[offset : offset + PAIRS_PER_PAGE]
    bulk_bar(ws, rows, page_rows, shown)
    claims = claims_by_id(ws, {cid for r in page_rows for cid in (r.claim_a, r.claim_b)})
    for i, row in enumerate(page_rows):
        if row.claim_a in claims and row.claim_b in claims:
            pair_card(ws, (row, claims[row.claim_a], claims[row.claim_b]), shown[row.id], offset + i == focus)


def bulk_bar(ws: Workspace, rows: list[Any], page_rows: list[Any], shown: dict[str, int]) -> None:
    """Tick pairs (or all of a page), then confirm or dismiss them at once with a reason and a note."""
    selected = [r for r in rows if st.session_state.get(f"sel-{r.id}")]
    with st.container(border=True):
        cols = st.columns([1.6, 3, 1.4, 1])
        reason = cols[0].selectbox("Reason for dismissing", ui_review.REASONS, index=None,
                                   placeholder="pick a reason", key="bulk_reason")
        note = cols[1].text_input("Note for the selected pairs", key="bulk_note", placeholder="optional")
        page_ids = [r.id for r in page_rows]
        cols[2].button("Select this page", key="sel_page", on_click=select_all, args=(page_ids, True),
                       width="stretch")
        cols[3].button("Clear", key="sel_clear", on_click=select_all, args=([r.id for r in rows], False),
                       disabled=not selected, width="stretch")
        cells = st.columns([1, 1, 2])
        for decision, cell in (("confirm", cells[0]), ("dismiss", cells[1])):
            label = f"{decision.capitalize()} selected ({len(selected)})"
            if cell.button(label, key=f"bulk_{decision}", disabled=not selected, width="stretch"):
                result = ui_review.decide_many(
                    as_reviewer(ws), selected, decision, reason, note, shown
                )
                select_all(list(result.decided), False)
                flash(result.summary())
                for message in result.refused:
                    st.session_state.setdefault("flash_errors", []).append(message)
                st.rerun()
        for message in st.session_state.pop("flash_errors", []):
            st.error(ui.md_escape(message))


def as_reviewer(ws: Workspace) -> Callable[[str, str, str, int], Any]:
    """A decision made as the sidebar's reviewer: (pair id, decision, note, shown revision)."""
    who = st.session_state.get(ui_audit.REVIEWER_KEY, "")
    return lambda pid, decision, note, shown: ui_audit.decide(ws, pid, decision, note, who, shown)


def pair_card(ws: Workspace, pair: Any, shown: int, focused: bool = False) -> None:
    c, (a, art_a), (b, art_b) = pair
    with st.container(border=True, key=f"pair-{c.id}" + ("-focus" if focused else "")):
        head, pick = st.columns([6, 1])
        marker = '<strong style="color:#1d4ed8">▶ reviewing</strong> ' if focused else ""
        head.html(
            f"<div>{marker}{ui.status_badge(c.status)} {ui.relation_badge(c.relation)} "
            f"{ui_review.score_html(c.score)}</div>"
        )
        pick.checkbox("Select", key=f"sel-{c.id}")
        left, right = st.columns(2)
        for col, side, claim, article in ((left, "a", a, art_a), (right, "b", b, art_b)):
            with col:
                spans = ui_data.figure_spans(claim.text, article.published)
                st.html(
                    ui.claim_side_html(
                        claim.text, spans, article.source, article.published, article.title, article.url,
                    )
                )
                label = f"Open the {article.source or 'source'} article"
                if st.toggle(ui.md_escape(label), key=f"open-{side}-{c.id}"):
                    st.html(ui.article_context_html(article.text, claim.start, claim.end, spans))
        st.html(ui.text_html(c.explanation, muted=True))
        if c.note or c.reviewed_at:
            by = f" by {c.reviewer}" if c.reviewer else ""
            st.html(ui.text_html(f"Note ({c.status}{by}, {c.reviewed_at or ''}): {c.note}", muted=True))
        reason_now, free = ui_review.split_note(c.note)
        fields = st.columns([1.5, 4])
        reason = fields[0].selectbox(
            "Reason", ui_review.REASONS, key=f"reason-{c.id}", placeholder="for a dismissal",
            index=ui_review.REASONS.index(reason_now) if reason_now else None,
        )
        note = fields[1].text_input("Note", value=free, key=f"note-{c.id}", placeholder="Why? (optional)")
        buttons = st.columns([1, 1, 1, 3])
        actions = (("confirm", "Confirm"), ("dismiss", "Dismiss"), ("reopen", "Reopen"))
        for cell, (decision, label) in zip(buttons, actions, strict=False):
            if decision == "reopen" and c.status == "new":
                continue
            key = ui_review.SHORTCUTS.get(decision) if focused else None
            if cell.button(label, key=f"{decision}-{c.id}", shortcut=key):
                with shown_errors():
                    text = ui_review.reason_note(reason, note) if decision == "dismiss" else note
                    as_reviewer(ws)(c.id, decision, text, shown)
                    flash(f"Pair {decision}ed." if decision != "dismiss" else "Pair dismissed.")
                    st.rerun()


def flash(message: str) -> None:
    st.session_state["flash"] = message


def show_flash() -> None:
    message = st.session_state.pop("flash", None)
    if message:
        st.success(message)


# -- 3. Compare sources ---------------------------------------------------------------------------------


def compare_page() -> None:
    st.title("Compare sources")
    ws = workspace()
    if ws is None:
        return
    if ws.store.count_claims() == 0:
        st.info(EMPTY_LIBRARY)
        return
    with shown_errors():
        every = cached_events(ws)
        events = [e for e in every if e.articles > 1] or every
        if not events:
            st.info("No events yet: events are grouped when articles are added.")
            return
        labels = {e.id: e.label for e in events}
        event_id = st.selectbox("Event", list(labels), format_func=lambda e: labels[e], key="cmp_event")
        table = build_table(ws, event_id)
        if not table.rows:
            st.info("The articles of this event give no figures to compare.")
        else:
            values, status = ui_data.comparison_frames(table)
            st.html(ui_data.legend_html())
            st.dataframe(ui_data.style_comparison(values, status), width="stretch")
            for note in table.notes:
                st.caption(ui.md_escape(note))
            rows = [r.label for r in table.rows]
            row = st.selectbox("Figures over time for", rows, key="cmp_row")
            frame = ui_data.chart_frame(table, row)
            if frame.empty:
                st.caption("No dated figures to plot for this row.")
            else:
                st.altair_chart(ui_data.figures_chart(frame), width="stretch")
            with st.expander("The sentences behind these figures"):
                for source, cell in ui_data.row_cells(table, row):
                    st.html(
                        ui.claim_side_html(
                            cell.claim_text, ui_data.figure_spans(cell.claim_text, cell.date), source,
                            cell.date, cell.title,
                        )
                    )
        st.subheader("Download")
        cols = st.columns(4)
        downloads = (
            ("CSV", "csv", "text/csv", event_id),
            ("Excel", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", event_id),
            ("JSON", "json", "application/json", event_id),
            ("ClaimReview", "claimreview", "application/ld+json", None),
        )
        for cell, (label, fmt, mime, scope) in zip(cols, downloads, strict=True):
            ext = "json" if fmt == "claimreview" else fmt
            name = f"event-{event_id}.{ext}" if scope else "claimreview.json"
            cell.download_button(
                label, data=export_later(ws, fmt, scope), file_name=name, mime=mime,
                key=f"dl-{fmt}", on_click="ignore",
            )
        st.caption(
            "CSV, Excel and JSON hold this event's table; ClaimReview, confirmed pairs of all events."
        )


def export_later(ws: Workspace, fmt: str, event_id: str | None) -> Callable[[], bytes]:
    """The export, built only when the button is pressed (ClaimReview reads every flagged pair)."""
    return lambda: export_bytes(ws, fmt, event_id)


# -- 4. Library -----------------------------------------------------------------------------------------


def library_page() -> None:
    st.title("Library")
    ws = workspace()
    if ws is None:
        return
    show_flash()
    paste, upload, browse = st.tabs(["Paste an article", "Upload files", "Sources and articles"])
    with paste:
        paste_form(ws)
    with upload:
        upload_form(ws)
    with browse:
        browse_library(ws)


def paste_form(ws: Workspace) -> None:
    with st.form("paste", clear_on_submit=False):
        text = st.text_area("Article text", height=220, key="paste_text")
        left, right = st.columns(2)
        source = left.text_input("Source (outlet)", key="paste_source")
        title = right.text_input("Title (default: the first line)", key="paste_title")
        date = left.text_input("Date (YYYY-MM-DD)", key="paste_date")
        url = right.text_input("URL", key="paste_url")
        submitted = st.form_submit_button("Add to the library", type="primary")
    if not submitted:
        return
    with shown_errors():
        article = read_text_article(text, source=source, title=title, date=date or None, url=url)
        workspace(model=True)
        report = ingest_with_progress(ws, lambda progress: ws.ingest_articles([article], progress=progress))
        if report.articles_added:
            st.success(f"Added to the library ({report.claims_added} claims):")
            st.html(ui.meta_line_html(article.source, article.published, article.title, article.url))
        else:
            st.info("This article is already in the library.")


def upload_form(ws: Workspace) -> None:
    files = st.file_uploader(
        "Text, Markdown, HTML, CSV or JSONL files",
        type=list(ui_data.UPLOAD_TYPES),
        accept_multiple_files=True,
        key="upload_files",
    )
    files = list(files or [])
    tables = [f for f in files if ui_data.is_table_upload(f.name)]
    mapping = ColumnMapping()
    if tables:
        mapping = column_mapping(tables)
    default_source = st.text_input("Outlet for files that do not name one", key="upload_source")
    if not st.button(f"Ingest {len(files)} file(s)", disabled=not files, key="upload_go"):
        return
    workspace(model=True)
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="verifier-upload-") as folder:
        for n, upload in enumerate(files):
            path = Path(folder) / ui_data.safe_upload_name(upload.name, n)
            path.write_bytes(upload.getvalue())
            try:
                report = ingest_with_progress(ws, ingest_file(ws, path, mapping, default_source))
            except VerifierError as exc:
                message = str(exc).replace(str(path), upload.name)
                errors.append(f"{upload.name}: {ui_data.strip_folder(message, folder)}")
                continue
            st.success(ui.md_escape(f"{upload.name}: {report.summary()}"))
            for where, why in report.skipped[:20]:
                st.caption(ui.md_escape(f"skipped {ui_data.strip_folder(where, folder)}: {why}"))
    for error in errors:
        st.error(ui.md_escape(error))


def ingest_file(
    ws: Workspace, path: Path, mapping: ColumnMapping, default_source: str
) -> Callable[[Progress], IngestReport]:
    return lambda progress: ws.ingest_paths(
        [path], mapping=mapping, default_source=default_source, progress=progress
    )


def column_mapping(tables: list[Any]) -> ColumnMapping:
    """Selectboxes for the columns of uploaded tables, preset to the likeliest column for each field."""
    columns: list[str] = []
    for upload in tables:
        columns += [c for c in ui_data.table_columns(upload.name, upload.getvalue()) if c not in columns]
    st.markdown("**Columns of the table files**")
    if not columns:
        st.caption("No columns found at the start of the table files; the defaults are used.")
        return ColumnMapping()
    chosen: dict[str, str] = {}
    cells = st.columns(5)
    for cell, field in zip(cells, ("text", "title", "source", "date", "url"), strict=True):
        options = columns if field == "text" else [NO_COLUMN, *columns]
        guess = ui_data.guess_column(columns, field)
        index = options.index(guess) if guess in options else 0
        picked = cell.selectbox(field.capitalize(), options, index=index, key=f"map_{field}")
        # Unmapped: the default name, which the importer treats as optional when the file lacks it.
        chosen[field] = getattr(ColumnMapping(), field) if picked == NO_COLUMN else picked
    return ColumnMapping(**chosen)


@st.cache_data(max_entries=32, show_spinner=False)
def _article_rows(
    _ws: Workspace, path: str, source: str, articles: int, claims: int
) -> list[ui_data.ArticleRow]:
    # Keyed by the counts: paging through a source re-reads nothing until an ingest or a delete.
    return ui_data.article_rows(_ws.store.list_articles(source))


def article_rows(ws: Workspace, source: str) -> list[ui_data.ArticleRow]:
    """The articles of one outlet, newest first, without their text."""
    store = ws.store
    return _article_rows(ws, str(ws.settings.workspace), source, store.count_articles(), store.count_claims())


def browse_library(ws: Workspace) -> None:
    sources = ws.store.sources_with_counts()
    if not sources:
        st.info(EMPTY_LIBRARY)
        return
    st.dataframe(ui_data.sources_frame(sources), hide_index=True, width="stretch")
    names = [s.source for s in sources]
    labels = {s.source: f"{s.source or '(no source)'} — {s.articles} articles" for s in sources}
    source = st.selectbox("Articles of", names, format_func=lambda s: labels[s], key="lib_source")
    total = next(s.articles for s in sources if s.source == source)
    pages = ui_data.page_count(total, ARTICLES_PER_PAGE)
    page = st.pagination(pages, key="lib_page") if pages > 1 else 1
    offset = ui_data.page_offset(page, ARTICLES_PER_PAGE, total)
    articles = article_rows(ws, source)[offset : offset + ARTICLES_PER_PAGE]
    st.dataframe(ui_data.articles_frame(articles), hide_index=True, width="stretch")
    if not articles:
        return
    by_id = {a.id: a for a in articles}
    chosen = st.selectbox(
        "Article to delete",
        list(by_id),
        format_func=lambda i: f"{by_id[i].published or 'undated'} · {by_id[i].title or i}",
        key="lib_delete_pick",
    )
    sure = st.checkbox(
        "Delete it with its claims and flagged pairs (reviews come back if it is added again)",
        key="lib_delete_sure",
    )
    if st.button("Delete this article", key="lib_delete", disabled=not sure):
        with shown_errors():
            removed = ws.delete_article(chosen)
            flash(f"Deleted the article and its {removed} claims.")
            st.rerun()


# -- navigation -----------------------------------------------------------------------------------------


def main() -> None:
    # An emoji favicon is drawn in the page; a ":material/...:" one is fetched from fonts.gstatic.com, and
    # the tool runs offline. (The navigation icons use Streamlit's bundled Material Symbols font.)
    st.set_page_config(page_title="verifier", page_icon="🔎", layout="wide")
    pages = [
        st.Page(check_page, title="Check a claim", icon=":material/fact_check:", url_path="check",
                default=True),
        st.Page(contradictions_page, title="Contradictions", icon=":material/compare_arrows:",
                url_path="contradictions"),
        st.Page(compare_page, title="Compare sources", icon=":material/table_chart:", url_path="compare"),
        st.Page(library_page, title="Library", icon=":material/library_books:", url_path="library"),
    ]
    # Serving others: only the login form until a user signs in, whose name is then the reviewer.
    signed_in = ui_auth.require_login(pages, ui_audit.REVIEWER_KEY)
    page = st.navigation(pages)
    if signed_in is None:
        st.sidebar.text_input(
            "Reviewer", value=ui_audit.reviewer_default(), key=ui_audit.REVIEWER_KEY,
            help="Recorded with each decision you make in this tab (the audit log on Contradictions).",
        )
    ws = workspace()
    if ws is not None:
        _warm_up_in_background(str(Settings.from_env().workspace))
        sidebar_status(ws)
    page.run()


if __name__ == "__main__":
    main()
