"""The rows of the CSV, XLSX and JSON exports, and the spreadsheet files themselves.

Every row carries its provenance (outlet, date, article title, URL, attribution) and its review status,
so a working file never loses where a figure came from or whether anyone has checked it: a flagged pair
is one row (`pair_record`), an event's comparison table one row per figure (`table_records`).

CSV and XLSX cells are made inert for a spreadsheet: an outlet, title, URL, text or note that a spreadsheet
would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
apostrophe, as OWASP advises against CSV injection; a plain number such as `-10` is left as it is. The CSV
is written by the csv module, the XLSX through pandas (openpyxl writes the spreadsheet).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

from verifier.services.flagged import FlaggedPair, flagged_pairs
from verifier.services.workspace_core import IndexedStore

# The review status in a reader's words: "new" is the store's word for a flag nobody has looked at.
REVIEW_STATUS_WORDS = {"new": "unreviewed", "confirmed": "confirmed", "dismissed": "dismissed"}
NOT_FLAGGED = "not flagged"  # a table figure that no stored pair involves
# A table figure in several pairs shows the weightiest decision: a confirmed conflict must not hide
# behind a dismissal of another pair, and an open flag is still open.
_STATUS_ORDER = ("confirmed", "new", "dismissed")
# Spreadsheet cells hold at most 32,767 characters (Excel's limit); a claim is far shorter, an
# explanation too, but a pasted article in a note is not.
XLSX_MAX_CELL = 32_767
# What makes Excel, LibreOffice Calc or Google Sheets read a cell as a formula (OWASP, "CSV Injection"):
# tab and carriage return too, which some import dialogs strip before reading what follows.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A signed plain number ("-10", "+3", "1,200.5") is read as a number, never run: it stays as it is.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")
# XML 1.0 cannot hold these control characters: openpyxl refuses a cell that has one.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _attribution(text: str, date: str | None) -> str:
    """Who the claim quotes ("police said"): the first figure's attribution that the sentence names."""
    from verifier.quantities import extract

    return next((q.attribution for q in extract(text, date) if q.attribution), "")


def pair_record(pair: FlaggedPair) -> dict[str, Any]:
    """One spreadsheet row of a pair: its review status in words, then each side with its attribution."""
    d = pair.to_dict()
    row: dict[str, Any] = {}
    for k, v in d.items():
        if k == "status":
            row["review_status"] = REVIEW_STATUS_WORDS.get(v, v)
        elif k not in ("a", "b"):
            row[k] = v
    for side in ("a", "b"):
        for k, v in d[side].items():
            row[f"{side}_{k}"] = v
        row[f"{side}_attribution"] = _attribution(d[side]["text"], d[side]["date"])
    return row


def _review_status_by_claim(ws: IndexedStore) -> dict[str, str]:
    """Each claim in a stored pair, with the weightiest review status of its pairs (see _STATUS_ORDER)."""
    found: dict[str, str] = {}
    for c in ws.store.list_contradictions():
        for claim_id in (c.claim_a, c.claim_b):
            known = found.get(claim_id)
            if known is None or _STATUS_ORDER.index(c.status) < _STATUS_ORDER.index(known):
                found[claim_id] = c.status
    return found


def table_records(ws: IndexedStore, event_id: str) -> list[dict[str, Any]]:
    """The event's comparison table, one row per figure, with the article's URL and the review status
    of the pairs its claim is in ("not flagged" when none)."""
    from verifier.services.events_table import build_table

    records = build_table(ws, event_id).to_records()
    rowids = ws.store.claim_rowids({r["claim_id"] for r in records})
    urls = {a.id: a.url for _, a in ws.store.get_claims_by_rowids(list(rowids.values()))}
    statuses = _review_status_by_claim(ws)
    return [
        {
            **r,
            "url": urls.get(r["article_id"], ""),
            "review_status": REVIEW_STATUS_WORDS.get(statuses.get(r["claim_id"], ""), NOT_FLAGGED),
        }
        for r in records
    ]


def export_records(ws: IndexedStore, event_id: str | None = None) -> list[dict[str, Any]]:
    """The rows of a CSV, XLSX or JSON export: every flagged pair, or the table of `event_id`."""
    if event_id is not None:
        return table_records(ws, event_id)
    return [pair_record(p) for p in flagged_pairs(ws)]


def spreadsheet_cell(value: Any) -> Any:
    """`value` as a spreadsheet keeps it inert: text a spreadsheet would run as a formula gets a leading
    apostrophe (shown, so a reader sees the cell was neutralised); numbers and other text are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def spreadsheet_records(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every cell of `records` through `spreadsheet_cell`: what the CSV export writes."""
    return [{k: spreadsheet_cell(v) for k, v in r.items()} for r in records]


def _xlsx_cell(value: Any) -> Any:
    # Characters XML cannot hold go first, so none of them can hide a formula from `spreadsheet_cell`.
    if not isinstance(value, str):
        return value
    return spreadsheet_cell(_XML_ILLEGAL.sub("", value))[:XLSX_MAX_CELL]


def csv_bytes(records: Sequence[dict[str, Any]]) -> bytes:
    """`records` as a UTF-8 CSV file, every cell inert (`spreadsheet_records`), one column per key."""
    # The csv module, not pandas: an empty export still gets its header and no index column.
    buf = io.StringIO()
    fields = list(dict.fromkeys(k for r in records for k in r)) or ["id"]
    writer = csv.DictWriter(buf, fieldnames=fields)
    writer.writeheader()
    writer.writerows(spreadsheet_records(records))
    return buf.getvalue().encode("utf-8")


def xlsx_bytes(records: Sequence[dict[str, Any]], sheet: str) -> bytes:
    """`records` as an XLSX workbook of one sheet named `sheet`, each cell inert and within Excel's limit."""
    import pandas as pd

    rows = [{k: _xlsx_cell(v) for k, v in r.items()} for r in records]
    frame = pd.DataFrame.from_records(rows) if rows else pd.DataFrame({"id": []})
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet, index=False)
    return buf.getvalue()
