"""verifier in the browser: check a claim, review contradictions, compare sources, manage the library.

Layout only. Every decision (what is evidence, what conflicts, how text is escaped and highlighted) lives
in the package: `verifier.services.check`, `verifier.services.scan`, `verifier.services.events`,
`verifier.services.export` and `verifier.shells.ui`.
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

from verifier.compare import ClaimText, relate
from verifier.core.errors import VerifierError
from verifier.core.settings import Settings
from verifier.io.importers import ColumnMapping, read_text_article
from verifier.services.check import Scope, check_claim
from verifier.services.events import EventSummary, build_table, list_events
from verifier.services.export import export_bytes
from verifier.services.pipeline import INGEST, Ingested, IngestRun, PipelineReport, ingest_then_finish
from verifier.services.workspace import IngestReport, Workspace
from verifier.shells import ui, ui_audit, ui_auth, ui_data, ui_queue, ui_review

ARTICLES_PER_PAGE = 25
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
    """Run one ingest with a progress bar, then scan the new claims and regroup events."""
    return ingest_all(ws, [("the input", run)]).ingested[0].result()


def ingest_all(
    ws: Workspace, runs: list[tuple[str, IngestRun]], shown: Callable[[Ingested], None] | None = None
) -> PipelineReport:
    """Ingest every input with one progress bar, then scan the new claims and regroup events once
    (`verifier.services.pipeline`); `shown` is called with each input as soon as it is ingested."""
    bar = st.progress(0.0, text="Reading…")

    def progress(stage: str, done: int, total: int) -> None:
        if stage == INGEST:
            text = f"Ingesting: {done} of {total} articles" if total else "Reading…"
        elif total:
            text = f"Looking for contradictions: {done} of {total} claims"
        else:
            text = "Looking for contradictions with the stored claims…"
        bar.progress(done / total if total else 0.0, text=text)

    report = ingest_then_finish(ws, runs, progress=progress, keep_going=True, on_ingested=shown)
    bar.empty()
    if report.failure():
        st.warning(ui.md_escape(report.failure()))
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
        with st.expander("Filters: outlets, report dates, place"):
            outlets = st.multiselect(
                "Only these outlets",
                [s.source for s in ws.store.sources_with_counts() if s.source],
                key="check_sources",
            )
            since_col, until_col, place_col = st.columns(3)
            since = since_col.text_input("Reported from", placeholder="YYYY-MM-DD", key="check_since")
            until = until_col.text_input("Reported until", placeholder="YYYY-MM-DD", key="check_until")
            place = place_col.text_input("Article names the place", key="check_place")
        submitted = st.form_submit_button("Check", type="primary")
    if submitted:
        st.session_state.pop("check_result", None)
        with shown_errors():
            published = ui.optional_date(date)
            scope = Scope.create(outlets, ui.optional_date(since), ui.optional_date(until), place)
            workspace(model=True)
            with st.spinner("Checking against the library…"):
                st.session_state["check_result"] = check_claim(ws, claim, published=published, scope=scope)
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
        st.subheader(f"{title} ({len(items)})", anchor=ui.SECTION_ANCHORS[title.lower()])
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
    ui_queue.show_flash()
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
    status, source, measure, min_score, by = ui_queue.review_filters(ws)
    rows = everything if source is None else ws.store.list_contradictions(source=source)
    rows = ui_data.filter_pairs(rows, min_score)
    if measure:
        measures = ui_queue.measure_index(ws, len(everything))
        rows = [r for r in rows if measure in measures.get(r.id, ())]
    rows = ui_queue.review_group(ws, rows, by, len(everything))
    if status != "all":
        rows = [r for r in rows if r.status == status]
    if not rows:
        st.info("No flagged pair matches these filters.")
        return
    ui_queue.review_queue(ws, rows)


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
            st.html(ui_data.comparison_html(values, status))
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
    ui_queue.show_flash()
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
        names: dict[str, str] = {}  # the file written for each upload -> the upload's name
        runs: list[tuple[str, IngestRun]] = []
        for n, upload in enumerate(files):
            path = Path(folder) / ui_data.safe_upload_name(upload.name, n)
            path.write_bytes(upload.getvalue())
            names[str(path)] = upload.name
            runs.append((str(path), ingest_file(ws, path, mapping, default_source)))

        def shown(done: Ingested) -> None:
            name = names[done.name]
            if done.report is None:
                message = str(done.error).replace(done.name, name)
                errors.append(f"{name}: {ui_data.strip_folder(message, folder)}")
                return
            st.success(ui.md_escape(f"{name}: {done.report.summary()}"))
            for where, why in done.report.skipped[:20]:
                st.caption(ui.md_escape(f"skipped {ui_data.strip_folder(where, folder)}: {why}"))

        ingest_all(ws, runs, shown)
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
    cells = st.columns(6)
    for cell, field in zip(cells, ("text", "title", "source", "date", "url", "place"), strict=True):
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
            ui_queue.flash(f"Deleted the article and its {removed} claims.")
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
