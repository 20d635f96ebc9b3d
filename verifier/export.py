"""Exports: flagged contradictions (or one event's comparison table) as CSV, XLSX, JSON or ClaimReview.

CSV and XLSX go through pandas (openpyxl writes the spreadsheet); JSON is the same records; ClaimReview
is schema.org JSON-LD (https://schema.org/ClaimReview) for the pairs a fact-checker flagged or confirmed,
so a newsroom CMS or a fact-check aggregator can read them. Dismissed pairs are never exported as reviews.

CSV and XLSX cells are made inert for a spreadsheet: an outlet, title, URL, text or note that a spreadsheet
would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
apostrophe, as OWASP advises against CSV injection; a plain number such as `-10` is left as it is.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from verifier.errors import InputError
from verifier.records import Article, Claim, Contradiction

log = logging.getLogger(__name__)

FORMATS = ("csv", "xlsx", "json", "claimreview")
REVIEW_AUTHOR = "verifier"
# ClaimReview's reviewRating.alternateName: the verdict in words, by review status.
VERDICTS = {"new": "Conflicting figures", "confirmed": "Confirmed conflict"}
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


@dataclass(frozen=True)
class Side:
    """One claim of a flagged pair, with what a reader needs to find it."""

    text: str
    source: str
    date: str | None
    title: str
    url: str
    article_id: str
    claim_id: str

    @classmethod
    def of(cls, claim: Claim, article: Article) -> Side:
        return cls(
            claim.text, article.source, article.published, article.title, article.url, article.id, claim.id
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "source": self.source,
            "date": self.date,
            "title": self.title,
            "url": self.url,
            "article_id": self.article_id,
            "claim_id": self.claim_id,
        }


@dataclass(frozen=True)
class FlaggedPair:
    """A stored contradiction with both claims resolved: what `verifier conflicts` lists."""

    contradiction: Contradiction
    a: Side
    b: Side

    @property
    def id(self) -> str:
        return self.contradiction.id

    def to_dict(self) -> dict[str, Any]:
        c = self.contradiction
        return {
            "id": c.id,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "relation": c.relation,
            "score": round(c.score, 4),
            "explanation": c.explanation,
            "status": c.status,
            "note": c.note,
            "reviewed_at": c.reviewed_at,
        }


def flagged_pairs(
    ws: Any, status: str | None = None, source: str | None = None, limit: int | None = None, **filters: Any
) -> list[FlaggedPair]:
    """Stored contradictions, best first, each with its two claims and articles.

    `filters` go to `Store.list_contradictions` as they are (paging: offset, min_score, claim_ids).
    """
    rows: list[Contradiction] = ws.store.list_contradictions(
        status=status, source=source, limit=limit, **filters
    )
    ids = {cid for c in rows for cid in (c.claim_a, c.claim_b)}
    rowids = ws.store.claim_rowids(ids)
    found = {
        claim.id: (claim, article) for claim, article in ws.store.get_claims_by_rowids(list(rowids.values()))
    }
    out: list[FlaggedPair] = []
    for c in rows:
        if c.claim_a in found and c.claim_b in found:
            out.append(FlaggedPair(c, Side.of(*found[c.claim_a]), Side.of(*found[c.claim_b])))
    return out


def _flat(pair: FlaggedPair) -> dict[str, Any]:
    d = pair.to_dict()
    row = {k: v for k, v in d.items() if k not in ("a", "b")}
    for side in ("a", "b"):
        for k, v in d[side].items():
            row[f"{side}_{k}"] = v
    return row


def _records(ws: Any, event_id: str | None) -> list[dict[str, Any]]:
    if event_id is not None:
        from verifier.events import build_table

        return build_table(ws, event_id).to_records()
    return [_flat(p) for p in flagged_pairs(ws)]


def claim_review(pair: FlaggedPair, reviewed: str | None = None) -> dict[str, Any]:
    """One schema.org ClaimReview for claim `a` of the pair, its conflict with `b` in the review body."""
    c = pair.contradiction
    a, b = pair.a, pair.b
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": a.title or a.text[:110]}
    if a.url:
        appearance["url"] = a.url
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": a.source or "unknown outlet"},
        "appearance": [appearance],
    }
    if a.date:
        item["datePublished"] = a.date
    other = f"{b.source or 'another outlet'}" + (f" ({b.date})" if b.date else "")
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": a.text,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": REVIEW_AUTHOR},
        "datePublished": (c.reviewed_at or reviewed or _today())[:10],
        "reviewRating": {
            "@type": "Rating",
            "alternateName": VERDICTS.get(c.status, VERDICTS["new"]),
            "ratingExplanation": c.explanation,
        },
        "reviewBody": f"{other} reports: {b.text}" + (f" Reviewer's note: {c.note}" if c.note else ""),
        "identifier": c.id,
    }
    if b.url:
        review["isBasedOn"] = b.url
    return review


def _today() -> str:
    return datetime.now(timezone.utc).date().isoformat()


def claim_reviews(ws: Any) -> list[dict[str, Any]]:
    """ClaimReviews for every flagged (new) or confirmed pair; dismissed pairs are left out."""
    pairs = [p for p in flagged_pairs(ws) if p.contradiction.status in VERDICTS]
    return [claim_review(p) for p in pairs]


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


def _csv(records: Sequence[dict[str, Any]]) -> bytes:
    # The csv module, not pandas: an empty export still gets its header and no index column.
    buf = io.StringIO()
    fields = list(dict.fromkeys(k for r in records for k in r)) or ["id"]
    writer = csv.DictWriter(buf, fieldnames=fields)
    writer.writeheader()
    writer.writerows(spreadsheet_records(records))
    return buf.getvalue().encode("utf-8")


def _xlsx(records: Sequence[dict[str, Any]], sheet: str) -> bytes:
    import pandas as pd

    rows = [{k: _xlsx_cell(v) for k, v in r.items()} for r in records]
    frame = pd.DataFrame.from_records(rows) if rows else pd.DataFrame({"id": []})
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet, index=False)
    return buf.getvalue()


def export_bytes(ws: Any, fmt: str, event_id: str | None = None) -> bytes:
    """The export as bytes (what the app offers for download)."""
    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "claimreview":
        if event_id is not None:
            raise InputError("ClaimReview exports flagged contradictions, not an event table: drop --event")
        return json.dumps(claim_reviews(ws), ensure_ascii=False, indent=2).encode("utf-8")
    records = _records(ws, event_id)
    if fmt == "csv":
        return _csv(records)
    if fmt == "xlsx":
        return _xlsx(records, "event" if event_id else "contradictions")
    return json.dumps(records, ensure_ascii=False, indent=2).encode("utf-8")


def export(
    ws: Any, fmt: str, out: str | Path | IO[bytes] | None = None, event_id: str | None = None
) -> bytes:
    """Export flagged contradictions (or the table of `event_id`) as `fmt`; write to `out` when given."""
    data = export_bytes(ws, fmt, event_id)
    if isinstance(out, (str, Path)):
        try:
            Path(out).write_bytes(data)
        except OSError as exc:
            raise InputError(f"cannot write {out}: {exc}") from exc
    elif out is not None:
        out.write(data)
    return data
