"""Exports: flagged contradictions (or one event's comparison table) as CSV, XLSX, JSON or ClaimReview.

`export_bytes` / `export` choose the format; the rows and the spreadsheet files are `export_tables`
(CSV and XLSX cells made inert for a spreadsheet), the schema.org reviews `export_claimreview`, the flagged
pairs they start from `flagged`. Every name those modules offer callers is importable from here too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from verifier.core.errors import InputError
from verifier.services.export_claimreview import (
    AUTHOR_ENV,
    PUBLISHER_ENV,
    REVIEW_AUTHOR,
    VERDICTS,
    Byline,
    claim_review,
    claim_reviews,
    found_figures,
    publishable_pairs,
    rating_text,
    unreviewed_left_out,
)
from verifier.services.export_tables import (
    FORMULA_STARTS,
    NOT_FLAGGED,
    REVIEW_STATUS_WORDS,
    XLSX_MAX_CELL,
    csv_bytes,
    export_records,
    spreadsheet_cell,
    spreadsheet_records,
    table_records,
    xlsx_bytes,
)
from verifier.services.flagged import FlaggedPair, Side, flagged_pairs
from verifier.services.workspace_core import IndexedStore

__all__ = [
    "AUTHOR_ENV",
    "FORMATS",
    "FORMULA_STARTS",
    "NOT_FLAGGED",
    "PUBLISHER_ENV",
    "REVIEW_AUTHOR",
    "REVIEW_STATUS_WORDS",
    "VERDICTS",
    "XLSX_MAX_CELL",
    "Byline",
    "FlaggedPair",
    "Side",
    "claim_review",
    "claim_reviews",
    "export",
    "export_bytes",
    "flagged_pairs",
    "found_figures",
    "publishable_pairs",
    "rating_text",
    "spreadsheet_cell",
    "spreadsheet_records",
    "table_records",
    "unreviewed_left_out",
]

FORMATS = ("csv", "xlsx", "json", "claimreview")


def export_bytes(
    ws: IndexedStore,
    fmt: str,
    event_id: str | None = None,
    include_unreviewed: bool = False,
    byline: Byline | None = None,
) -> bytes:
    """The export as bytes (what the app offers for download).

    CSV, XLSX and JSON hold every flagged pair, or the table of `event_id`, each row marked with its review
    status. ClaimReview holds what `publishable_pairs` gives (`event_id` scopes it), signed by `byline`.
    """
    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "claimreview":
        reviews = claim_reviews(ws, include_unreviewed, event_id, byline)
        return json.dumps(reviews, ensure_ascii=False, indent=2).encode("utf-8")
    records = export_records(ws, event_id)
    if fmt == "csv":
        return csv_bytes(records)
    if fmt == "xlsx":
        return xlsx_bytes(records, "event" if event_id else "contradictions")
    return json.dumps(records, ensure_ascii=False, indent=2).encode("utf-8")


def export(
    ws: IndexedStore,
    fmt: str,
    out: str | Path | IO[bytes] | None = None,
    event_id: str | None = None,
    include_unreviewed: bool = False,
    byline: Byline | None = None,
) -> bytes:
    """Export as `export_bytes` does; write to `out` when given."""
    data = export_bytes(ws, fmt, event_id, include_unreviewed, byline)
    if isinstance(out, (str, Path)):
        try:
            Path(out).write_bytes(data)
        except OSError as exc:
            raise InputError(f"cannot write {out}: {exc}") from exc
    elif out is not None:
        out.write(data)
    return data
