"""Exports: flagged contradictions (or one event's comparison table) as CSV, XLSX, JSON or ClaimReview.

CSV and XLSX go through pandas (openpyxl writes the spreadsheet); JSON is the same records. Every row
carries its provenance (outlet, date, article title, URL, attribution) and its review status, so a
working file never loses where a figure came from or whether anyone has checked it.

ClaimReview is schema.org JSON-LD (https://schema.org/ClaimReview), which a newsroom CMS or a fact-check
aggregator publishes as it is. So it holds only the pairs a fact-checker confirmed, unless the caller asks
for the unreviewed flags too (`include_unreviewed`, labelled as not reviewed); dismissed pairs never. It
can be scoped to one event, and it is signed by $VERIFIER_PUBLISHER and $VERIFIER_AUTHOR (or a `Byline`).

CSV and XLSX cells are made inert for a spreadsheet: an outlet, title, URL, text or note that a spreadsheet
would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
apostrophe, as OWASP advises against CSV injection; a plain number such as `-10` is left as it is.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
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
PUBLISHER_ENV = "VERIFIER_PUBLISHER"  # the organisation that publishes the reviews (a newsroom)
AUTHOR_ENV = "VERIFIER_AUTHOR"  # the person who wrote them
# Who signs a review when neither is set: the tool's own name, so a review is never unsigned (the schema
# requires an author) and plainly not a newsroom's. A warning says which variable to set.
REVIEW_AUTHOR = "verifier"
# ClaimReview's reviewRating.alternateName opens with the verdict, by review status; the figures follow.
# An unreviewed flag is a machine's guess, and says so, for when a caller publishes one on purpose.
VERDICTS = {"confirmed": "Outlets disagree", "new": "Not yet reviewed: outlets may disagree"}
# How verifier.compare.explain words a conflict: "Figures conflict: 13 people killed vs 27 ... (at least)".
_CONFLICT_EXPLANATION = "Figures conflict: "
# One figure as Quantity.describe() writes it: the words, then its qualifier in brackets.
_DESCRIBED = re.compile(r"(?P<words>.*?)(?: \((?P<qualifier>[^()]+)\))?")
# Quantity.describe() gives a range ("10 to 12 killed") as its midpoint marked "(range)": "around 11".
_QUALIFIER_WORDS = {"range": "around"}
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


@dataclass(frozen=True)
class Byline:
    """Who signs a ClaimReview: the publishing organisation and the person who wrote it (either may be
    empty). `from_env` reads $VERIFIER_PUBLISHER and $VERIFIER_AUTHOR."""

    publisher: str = ""
    author: str = ""

    @classmethod
    def from_env(cls) -> Byline:
        return cls(os.environ.get(PUBLISHER_ENV, "").strip(), os.environ.get(AUTHOR_ENV, "").strip())

    def author_node(self) -> dict[str, str]:
        if self.author:
            return {"@type": "Person", "name": self.author}
        return {"@type": "Organization", "name": self.publisher or REVIEW_AUTHOR}

    def publisher_node(self) -> dict[str, str] | None:
        return {"@type": "Organization", "name": self.publisher} if self.publisher else None


def _attribution(text: str, date: str | None) -> str:
    """Who the claim quotes ("police said"): the first figure's attribution that the sentence names."""
    from verifier.quantities import extract

    return next((q.attribution for q in extract(text, date) if q.attribution), "")


def _flat(pair: FlaggedPair) -> dict[str, Any]:
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


def _review_status_by_claim(ws: Any) -> dict[str, str]:
    """Each claim in a stored pair, with the weightiest review status of its pairs (see _STATUS_ORDER)."""
    found: dict[str, str] = {}
    for c in ws.store.list_contradictions():
        for claim_id in (c.claim_a, c.claim_b):
            known = found.get(claim_id)
            if known is None or _STATUS_ORDER.index(c.status) < _STATUS_ORDER.index(known):
                found[claim_id] = c.status
    return found


def table_records(ws: Any, event_id: str) -> list[dict[str, Any]]:
    """The event's comparison table, one row per figure, with the article's URL and the review status
    of the pairs its claim is in ("not flagged" when none)."""
    from verifier.events import build_table

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


def _records(ws: Any, event_id: str | None) -> list[dict[str, Any]]:
    if event_id is not None:
        return table_records(ws, event_id)
    return [_flat(p) for p in flagged_pairs(ws)]


def _figure_words(described: str) -> str:
    """ "27 IS fighters killed (at least)" as a reader says it: "at least 27 IS fighters killed"."""
    m = _DESCRIBED.fullmatch(described.strip())
    if m is None or not m["qualifier"]:
        return described.strip()
    return f"{_QUALIFIER_WORDS.get(m['qualifier'], m['qualifier'])} {m['words']}"


def found_figures(explanation: str) -> str:
    """The conflicting figures of a stored explanation, shortest form: "13 people vs at least 27 IS
    fighters killed" (the words both sides end with are said once). Another wording is kept whole."""
    if not explanation.startswith(_CONFLICT_EXPLANATION):
        return explanation.strip()
    sides = explanation[len(_CONFLICT_EXPLANATION) :].split(" vs ")
    if len(sides) != 2:
        return explanation[len(_CONFLICT_EXPLANATION) :].strip()
    a, b = (_figure_words(s).split() for s in sides)
    shared = 0
    while shared < min(len(a), len(b)) - 1 and a[-1 - shared] == b[-1 - shared]:
        shared += 1
    if not shared:
        return f"{' '.join(a)} vs {' '.join(b)}"
    return f"{' '.join(a[:-shared])} vs {' '.join(b)}"


def rating_text(c: Contradiction) -> str:
    """What the review found, in a line: "Outlets disagree: 13 vs at least 27 killed"."""
    verdict = VERDICTS.get(c.status, VERDICTS["new"])
    figures = found_figures(c.explanation)
    return f"{verdict}: {figures}" if figures else verdict


def claim_review(
    pair: FlaggedPair, reviewed: str | None = None, byline: Byline | None = None
) -> dict[str, Any]:
    """One schema.org ClaimReview for claim `a` of the pair, its conflict with `b` in the review body."""
    c = pair.contradiction
    a, b = pair.a, pair.b
    byline = byline or Byline.from_env()
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
        "author": byline.author_node(),
        "datePublished": (c.reviewed_at or reviewed or _today())[:10],
        "reviewRating": {
            "@type": "Rating",
            "alternateName": rating_text(c),
            "ratingExplanation": c.explanation,
        },
        "reviewBody": f"{other} reports: {b.text}" + (f" Reviewer's note: {c.note}" if c.note else ""),
        "identifier": c.id,
    }
    publisher = byline.publisher_node()
    if publisher:
        review["publisher"] = publisher
    if b.url:
        review["isBasedOn"] = b.url
    return review


def _today() -> str:
    return datetime.now(timezone.utc).date().isoformat()


def publishable_pairs(
    ws: Any, include_unreviewed: bool = False, event_id: str | None = None
) -> list[FlaggedPair]:
    """The pairs a ClaimReview export holds: confirmed ones (and unreviewed ones with
    `include_unreviewed`), never dismissed ones; with `event_id`, only pairs with a claim in that event."""
    statuses = ("confirmed", "new") if include_unreviewed else ("confirmed",)
    pairs = [p for p in flagged_pairs(ws) if p.contradiction.status in statuses]
    if event_id is None:
        return pairs
    claims = set(ws.store.get_event(event_id).claim_ids)
    return [p for p in pairs if p.a.claim_id in claims or p.b.claim_id in claims]


def unreviewed_left_out(ws: Any, event_id: str | None = None) -> int:
    """How many unreviewed pairs a default ClaimReview export leaves out (the CLI says so)."""
    every = publishable_pairs(ws, include_unreviewed=True, event_id=event_id)
    return sum(p.contradiction.status == "new" for p in every)


def claim_reviews(
    ws: Any, include_unreviewed: bool = False, event_id: str | None = None, byline: Byline | None = None
) -> list[dict[str, Any]]:
    """ClaimReviews of `publishable_pairs`, signed by `byline` (default: from the environment).

    Unreviewed flags are left out by default: an aggregator publishes what it is given, and a flag is the
    tool's guess until a fact-checker confirms it.
    """
    byline = byline or Byline.from_env()
    if not (byline.publisher or byline.author):
        log.warning(
            "ClaimReviews signed %r: set %s (and %s) to sign them", REVIEW_AUTHOR, PUBLISHER_ENV, AUTHOR_ENV
        )
    return [claim_review(p, byline=byline) for p in publishable_pairs(ws, include_unreviewed, event_id)]


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


def export_bytes(
    ws: Any,
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
    records = _records(ws, event_id)
    if fmt == "csv":
        return _csv(records)
    if fmt == "xlsx":
        return _xlsx(records, "event" if event_id else "contradictions")
    return json.dumps(records, ensure_ascii=False, indent=2).encode("utf-8")


def export(
    ws: Any,
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
