"""Exports read back: CSV and XLSX through pandas, JSON, and ClaimReview JSON-LD against its JSON Schema."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
from test_events import crash_event
from test_scan import CRASH

from verifier.errors import InputError
from verifier.export import FORMATS, claim_reviews, export, export_bytes, flagged_pairs
from verifier.scan import review, scan_new
from verifier.workspace import Workspace

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "claimreview.schema.json").read_text("utf-8"))


@pytest.fixture
def flagged(workspace: Workspace) -> Workspace:
    """The bus-crash articles scanned: two flagged pairs (Capital Daily's 22 against 9 twice)."""
    workspace.ingest_articles(CRASH)
    scan_new(workspace)
    assert len(flagged_pairs(workspace)) == 2
    return workspace


PAIR_COLUMNS = {
    "id", "relation", "score", "explanation", "status", "note", "reviewed_at",
    "a_text", "a_source", "a_date", "a_title", "a_url", "a_article_id", "a_claim_id",
    "b_text", "b_source", "b_date", "b_title", "b_url", "b_article_id", "b_claim_id",
}  # fmt: skip


def test_csv_reads_back_through_pandas(flagged: Workspace) -> None:
    frame = pd.read_csv(io.BytesIO(export_bytes(flagged, "csv")))
    assert set(frame.columns) == PAIR_COLUMNS
    assert len(frame) == 2
    assert set(frame["a_source"]) | set(frame["b_source"]) == {"Bay Herald", "Capital Daily", "Coast FM"}
    assert set(frame["status"]) == {"new"}


def test_xlsx_reads_back_through_pandas(flagged: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "pairs.xlsx"
    export(flagged, "xlsx", out)
    frame = pd.read_excel(out, sheet_name="contradictions")
    assert set(frame.columns) == PAIR_COLUMNS
    assert sorted(frame["id"]) == sorted(p.id for p in flagged_pairs(flagged))


def test_json_reads_back(flagged: Workspace) -> None:
    buf = io.BytesIO()
    export(flagged, "json", buf)
    rows = json.loads(buf.getvalue())
    assert [r["id"] for r in rows] == [p.id for p in flagged_pairs(flagged)]
    assert all(r["relation"] == "conflict" for r in rows)


def test_claimreview_validates_and_follows_review_decisions(flagged: Workspace) -> None:
    first, second = flagged_pairs(flagged)
    review(flagged, first.id, "confirm", note="the county police confirmed nine dead")
    review(flagged, second.id, "dismiss")
    reviews = json.loads(export_bytes(flagged, "claimreview"))
    jsonschema.validate(reviews, SCHEMA)
    assert len(reviews) == 1  # the dismissed pair is not published as a review
    [cr] = reviews
    assert cr["@type"] == "ClaimReview" and cr["identifier"] == first.id
    assert cr["claimReviewed"] == first.a.text
    assert cr["itemReviewed"]["author"] == {"@type": "Organization", "name": first.a.source}
    assert cr["itemReviewed"]["datePublished"] == "2021-06-07"
    assert cr["reviewRating"]["alternateName"] == "Confirmed conflict"
    assert cr["author"]["name"] == "verifier"
    assert "the county police confirmed nine dead" in cr["reviewBody"]


def test_claimreview_of_unreviewed_pairs_says_conflicting_figures(flagged: Workspace) -> None:
    reviews = claim_reviews(flagged)
    jsonschema.validate(reviews, SCHEMA)
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["Conflicting figures"] * 2
    with_url = [r for r in reviews if "url" in r["itemReviewed"]["appearance"][0]]
    assert with_url and all(
        a["url"].startswith("https://test.example/")
        for r in with_url
        for a in r["itemReviewed"]["appearance"]
    )


def test_the_schema_rejects_a_review_without_its_claim(flagged: Workspace) -> None:
    [broken, *_] = claim_reviews(flagged)
    del broken["claimReviewed"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([broken], SCHEMA)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_event_table_exports(workspace: Workspace, fmt: str) -> None:
    event = crash_event(workspace)
    data = export_bytes(workspace, fmt, event_id=event.id)
    if fmt == "csv":
        frame = pd.read_csv(io.BytesIO(data))
    elif fmt == "xlsx":
        frame = pd.read_excel(io.BytesIO(data), sheet_name="event")
    else:
        frame = pd.DataFrame(json.loads(data))
    assert {"measure", "group", "source", "figure", "date", "attribution", "conflict"} <= set(frame.columns)
    killed = frame[frame["measure"] == "killed"]
    assert set(killed["figure"]) == {"9", "Twenty-two", "Nine"}


def test_empty_exports_still_have_a_header(workspace: Workspace) -> None:
    assert export_bytes(workspace, "csv") == b"id\r\n"
    assert json.loads(export_bytes(workspace, "json")) == []
    assert json.loads(export_bytes(workspace, "claimreview")) == []


def test_unknown_format_and_claimreview_of_an_event_are_refused(flagged: Workspace) -> None:
    with pytest.raises(InputError, match="use one of csv, xlsx, json, claimreview"):
        export_bytes(flagged, "pdf")
    with pytest.raises(InputError, match="drop --event"):
        export_bytes(flagged, "claimreview", event_id="x")
    assert FORMATS == ("csv", "xlsx", "json", "claimreview")
