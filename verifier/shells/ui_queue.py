"""The review queue of the Contradictions page as Streamlit widgets: the filter bar, the group picker, the
focused pair with its keys, the bulk bar, the pair cards with their articles. What they compute (groups,
reasons, bulk decisions, the legend) is in `verifier.shells.ui_review`, pure and tested without a browser;
app.py lays out the page. Article text reaches the page through `verifier.shells.ui` (escaped there).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any, cast

import streamlit as st

from verifier.core.errors import VerifierError
from verifier.services.workspace import Workspace
from verifier.shells import ui, ui_audit, ui_data, ui_review

PAIRS_PER_PAGE = 20
FLASH_KEY = "flash"


@contextmanager
def shown_errors() -> Iterator[None]:
    """Our own errors become a red message, never a traceback (as app.py's)."""
    try:
        yield
    except VerifierError as exc:
        st.error(ui.md_escape(str(exc)))


def flash(message: str) -> None:
    """A message for the next run of the page (shown once, after an st.rerun)."""
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message)


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
    state = cast(MutableMapping[str, Any], st.session_state)
    shown = {r.id: ui_audit.shown_revision(state, r) for r in rows}
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
