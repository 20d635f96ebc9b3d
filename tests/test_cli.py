"""The `verifier` commands of the engine (check, conflicts, review, events, table, export), through CliRunner.

The workspace uses the fake embedder (milliseconds); the real model is exercised in test_check/test_scan.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner, Result
from test_events import crash_event
from test_scan import CRASH

from verifier.core.records import Article
from verifier.core.settings import Settings
from verifier.io.embed import FakeEmbedder
from verifier.services.export import flagged_pairs
from verifier.services.workspace import Workspace
from verifier.shells import cli


def write_markdown(folder: Path, articles: list[Article]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, a in enumerate(articles):
        front = f"---\ntitle: {a.title}\nsource: {a.source}\ndate: {a.published}\n"
        front += f"url: {a.url}\n---\n" if a.url else "---\n"
        (folder / f"{i:02d}.md").write_text(front + a.text + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """invoke("conflicts", "--json") against a workspace in tmp_path that uses the fake embedder."""
    embedder = FakeEmbedder()
    monkeypatch.setattr(
        cli,
        "_open",
        lambda settings, need_model=True, resume=True: Workspace.open(settings, embedder, resume=resume),
    )
    workspace = tmp_path / "ws"

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli.main, ["--workspace", str(workspace), *args], catch_exceptions=False)

    invoke.workspace = workspace  # type: ignore[attr-defined]
    return invoke


@pytest.fixture
def ingested(run: Any, tmp_path: Path) -> Any:
    result = run("ingest", str(write_markdown(tmp_path / "articles", CRASH)))
    assert result.exit_code == 0, result.output
    return run


def pairs(run: Any) -> list[Any]:
    with Workspace.open(Settings(workspace=run.workspace), FakeEmbedder()) as ws:
        return flagged_pairs(ws)


def test_ingest_scans_and_groups_events(run: Any, tmp_path: Path) -> None:
    result = run("ingest", str(write_markdown(tmp_path / "articles", CRASH)))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()  # the progress bar goes to stderr
    assert lines[-2].startswith("Scanned 8 claims (") and "2 conflicts flagged (2 new)" in lines[-2]
    # The three Marrow Bay reports are one incident (grouped by their words, not the fake vectors).
    assert lines[-1] == "Grouped the articles into 2 events."


def test_ingest_names_every_skipped_file_and_why(run: Any, tmp_path: Path) -> None:
    folder = write_markdown(tmp_path / "articles", CRASH[:1])
    (folder / "README.md").write_text("How these files were collected.\n", encoding="utf-8")
    (folder / "bad.jsonl").write_text('{"text": \n', encoding="utf-8")
    (folder / "notes.xyz").write_text("scratch\n", encoding="utf-8")
    (folder / "nested").mkdir()
    (folder / "nested" / "rows.csv").write_text("title,text\nA,The ferry sank.\nB,\n", encoding="utf-8")
    result = run("ingest", "--no-scan", str(folder))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].endswith(", 4 skipped")
    assert lines[1:] == [
        f"Skipped {folder / 'README.md'}: documentation (README, LICENSE, SOURCE...), not an article",
        f"Skipped {folder / 'bad.jsonl'}: line 1 is not valid JSON (Expecting value); fix or remove it and "
        "import again.",
        f"Skipped {folder / 'notes.xyz'}: unknown file type .xyz",
        f"Skipped {folder / 'nested' / 'rows.csv'}:3: empty text in column 'text'",
    ]


def test_ingest_no_scan(run: Any, tmp_path: Path) -> None:
    result = run("ingest", "--no-scan", str(write_markdown(tmp_path / "articles", CRASH)))
    assert "Scanned" not in result.output
    assert run("conflicts").output == "No contradictions flagged.\n"


def test_conflicts_lists_pairs_strongest_first(ingested: Any) -> None:
    found = pairs(ingested)
    expected = []
    for rank, p in enumerate(found, 1):
        c = p.contradiction
        expected += [
            f"{rank:>2}. {c.id}  {c.score:.2f}  [new]  {c.explanation}",
            f"    A  {p.a.source}  {p.a.date}: {p.a.text}",
            f"    B  {p.b.source}  {p.b.date}: {p.b.text}",
        ]
    assert ingested("conflicts").output.splitlines() == expected


def test_conflicts_json_shape_and_filters(ingested: Any) -> None:
    rows = json.loads(ingested("conflicts", "--json").output)
    assert len(rows) == 2
    assert set(rows[0]) >= {"id", "a", "b", "relation", "score", "explanation", "status"}
    assert set(rows[0]["a"]) >= {"text", "source", "date", "article_id"}
    assert json.loads(ingested("conflicts", "--json", "--source", "Pellow Post").output) == []
    assert len(json.loads(ingested("conflicts", "--json", "--source", "Coast FM").output)) == 1
    assert json.loads(ingested("conflicts", "--json", "--status", "confirmed").output) == []


def test_review_records_a_decision(ingested: Any) -> None:
    first = pairs(ingested)[0]
    result = ingested("review", first.id, "confirm", "--note", "police confirmed 9")
    assert (result.exit_code, result.output) == (0, f"{first.id}: confirmed (police confirmed 9)\n")
    rows = json.loads(ingested("conflicts", "--json", "--status", "confirmed").output)
    assert [(r["id"], r["note"]) for r in rows] == [(first.id, "police confirmed 9")]
    assert ingested("review", first.id, "reopen").output == f"{first.id}: new\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("review", "0000000000000000", "confirm"), "Error: no contradiction with id '0000000000000000'"),
        (("check", "   "), "Error: the claim is empty: type the sentence you want to check"),
        (("check", "x" * 60_000), "Error: the claim is 60,000 characters long"),
        (("table", "nope"), "Error: no event with id 'nope': `verifier events` lists them"),
        (
            ("export", "--format", "xlsx"),
            "Error: an XLSX file cannot go to the terminal: give --out FILE.xlsx",
        ),
        (("export", "--format", "claimreview", "--event", "e1"), "Error: no event with id 'e1'"),
    ],
)
def test_errors_are_one_clear_line_with_status_2(ingested: Any, args: tuple[str, ...], message: str) -> None:
    result = CliRunner().invoke(cli.main, ["--workspace", str(ingested.workspace), *args])
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert len(result.output.splitlines()) == 1 and "Traceback" not in result.output


def test_review_refuses_unknown_decisions(ingested: Any) -> None:
    result = CliRunner().invoke(cli.main, ["--workspace", str(ingested.workspace), "review", "x", "maybe"])
    assert result.exit_code == 2 and "'maybe' is not one of 'confirm', 'dismiss', 'reopen'" in result.output


def test_check_prints_summary_and_evidence(ingested: Any) -> None:
    result = ingested("check", "Nine passengers were killed when a bus crashed near Marrow Bay")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("2 sources corroborate; 1 conflicts: Capital Daily says Twenty-two")
    assert "Conflicting:" in lines and "Corroborating:" in lines


def test_check_json(ingested: Any) -> None:
    data = json.loads(ingested("check", "Nine passengers were killed near Marrow Bay", "--json").output)
    assert data["summary"].startswith("2 sources corroborate; 1 conflicts")
    keys = {
        "text",
        "source",
        "date",
        "article_id",
        "claim_id",
        "relation",
        "score",
        "similarity",
        "explanation",
        "spans",
    }
    assert all(keys <= set(e) for e in data["evidence"])


def test_a_table_place_column_is_kept_shown_and_filtered_on(run: Any, tmp_path: Path) -> None:
    """`--place-column` stores each row's place; conflicts and check show it, `check --place` admits the
    articles filed under it even when their text never names it."""
    rows = pd.DataFrame(
        {
            "text": [a.text for a in CRASH],
            "source": [a.source for a in CRASH],
            "date": [a.published for a in CRASH],
            "location": ["Ostra County"] * (len(CRASH) - 1) + ["Vell"],
        }
    )
    table = tmp_path / "rows.csv"
    rows.to_csv(table, index=False)
    assert run("ingest", str(table), "--place-column", "location").exit_code == 0
    flags = json.loads(run("conflicts", "--json").output)
    assert flags and all(side["place"] == "Ostra County" for f in flags for side in (f["a"], f["b"]))
    claim = "Nine passengers were killed near Marrow Bay"
    everywhere = json.loads(run("check", claim, "--json").output)["evidence"]
    placed = json.loads(run("check", claim, "--json", "--place", "ostra county").output)["evidence"]
    assert placed and {e["place"] for e in placed} == {"Ostra County"}
    assert len(placed) <= len(everywhere)
    missing = run("ingest", str(table), "--place-column", "region")
    assert missing.exit_code != 0 and "--place-column" in missing.output


def test_events_lists_one_event_per_line(ingested: Any) -> None:
    lines = ingested("events", "--all").output.splitlines()
    assert len(lines) == 2  # the three Marrow Bay reports, and the fourth article alone
    assert all(len(line.split("  ", 1)[0]) == 12 and " · 2021-06-0" in line for line in lines)
    shown = ingested("events").output.splitlines()
    assert len(shown) == 2 and shown[0].endswith("  Crash: Marrow Bay · 2021-06-07 · 3 articles, 3 sources")
    assert shown[1] == "(1 single-article events not shown: --all lists them)"


def test_table(ingested: Any) -> None:
    with Workspace.open(Settings(workspace=ingested.workspace), FakeEmbedder()) as ws:
        crash_event(ws)
    lines = ingested("table", "crash").output.splitlines()
    assert lines[:5] == [
        "Marrow Bay bus crash",
        "",
        "killed — passengers   ** sources disagree **",
        "  Bay Herald             9 (CONFLICT) [2021-06-07, police said]",
        "  Capital Daily          Twenty-two (CONFLICT) [2021-06-07, a regional official said]",
    ]
    data = json.loads(ingested("table", "crash", "--json").output)
    assert data["sources"] == ["Bay Herald", "Capital Daily", "Coast FM"]


def test_export_writes_files_that_read_back(ingested: Any, tmp_path: Path) -> None:
    out = tmp_path / "pairs.xlsx"
    result = ingested("export", "--format", "xlsx", "--out", str(out))
    assert result.output == f"Wrote {out} ({out.stat().st_size:,} bytes).\n"
    assert len(pd.read_excel(out)) == 2
    csv_text = ingested("export", "--format", "csv").output
    assert csv_text.splitlines()[0].startswith("id,relation,score,explanation,review_status")


def test_claimreview_export_publishes_confirmed_pairs_and_says_what_it_left_out(
    ingested: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VERIFIER_PUBLISHER", "Marrow Bay Fact Desk")
    result = ingested("export", "--format", "claimreview")
    assert json.loads(result.stdout) == []  # the two flags are unreviewed
    assert result.stderr == (
        "Left out 2 unreviewed pairs: confirm them with `verifier review`, or publish them as not reviewed "
        "with --include-unreviewed.\n"
    )
    with Workspace.open(Settings(workspace=ingested.workspace), FakeEmbedder()) as ws:
        crash_event(ws)
    first = pairs(ingested)[0]
    ingested("review", first.id, "confirm")
    [confirmed] = json.loads(ingested("export", "--format", "claimreview", "--event", "crash").stdout)
    assert confirmed["identifier"] == first.id
    assert confirmed["publisher"] == {"@type": "Organization", "name": "Marrow Bay Fact Desk"}
    assert confirmed["reviewRating"]["alternateName"].startswith("Outlets disagree: ")
    every = ingested("export", "--format", "claimreview", "--include-unreviewed")
    assert [r["@type"] for r in json.loads(every.stdout)] == ["ClaimReview", "ClaimReview"]
    assert every.stderr == ""


# Article text with terminal controls in it: clear the screen, turn the text red, retitle the window,
# a one-byte C1 CSI, a hidden hyperlink in the title and a carriage return that would overwrite the line.
ESCAPING = Article.create(
    "\x1b[2J\x1b[31mFourteen miners were trapped\x1b[0m in the Orrin pit on Monday, the mine operator "
    "said.\x1b]0;owned\x07 Rescuers reached \x9b1mthe shaft\r by night.",
    source="Valley \x1b[5mWire",
    title="\x1b]8;;https://evil.example\x07Orrin pit collapse\x1b]8;;\x07",
    published="2022-02-14",
)
TERMINAL_CONTROLS = ("\x1b", "\x9b", "\x07", "\r")


def store(run: Any, articles: list[Article]) -> None:
    with Workspace.open(Settings(workspace=run.workspace), FakeEmbedder()) as ws:
        ws.ingest_articles(articles)


@pytest.mark.parametrize("command", ["search", "check"])
def test_printed_text_holds_no_terminal_controls(run: Any, command: str) -> None:
    store(run, [ESCAPING])
    result = run(command, "Fourteen miners were trapped in the Orrin pit")
    assert result.exit_code == 0, result.output
    assert not [c for c in TERMINAL_CONTROLS if c in result.output]
    assert "Fourteen miners were trapped in the Orrin pit" in result.output
    assert "Valley Wire" in result.output
    if command == "search":
        assert "Orrin pit collapse" in result.output


def test_json_output_is_terminal_safe_and_keeps_the_stored_text(run: Any) -> None:
    store(run, [ESCAPING])
    result = run("search", "Fourteen miners were trapped in the Orrin pit", "--json")
    assert not [c for c in TERMINAL_CONTROLS if c in result.output]
    hits = json.loads(result.output)
    assert {h["title"] for h in hits} == {ESCAPING.title}
    assert any("\x9b1mthe shaft" in h["text"] for h in hits)  # the data itself is as stored


def test_invisible_characters_are_printed_as_code_points(run: Any) -> None:
    spoofed = Article.create(
        "Flooding in Tamsin displaced \u202e72\u202c families, the\u200b council said on Sunday.",
        source="Tamsin Courier",
        title="Tamsin floods",
        published="2023-05-07",
    )
    store(run, [spoofed])
    output = run("search", "Flooding in Tamsin displaced families").output
    assert "displaced [U+202E]72[U+202C] families, the[U+200B] council" in output
    assert "\u202e" not in output and "\u200b" not in output


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "deep.json is nested too deeply to read"),
        (
            "deep.jsonl",
            b'{"text": "Six boats sank.", "meta": ' + b"[" * 50_000 + b"]" * 50_000 + b"}\n",
            "deep.jsonl line 1 is nested too deeply to read",
        ),
        ("big.json", b'[{"text": "Six boats sank.", "n": ' + b"1" * 5_000 + b"}]", "more than 4,300 digits"),
        ("accents.jsonl", '{"text": "Six bateaux coul\u00e9s."}\n'.encode("latin-1"), "is not UTF-8"),
    ],
)
def test_bad_input_files_are_one_line_with_status_2(
    run: Any, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run("ingest", str(path))
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and message in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_events_json_lists_every_event_with_its_articles(ingested: Any) -> None:
    events = json.loads(ingested("events", "--json", "--all").output)
    assert len(events) == 2
    for e in events:
        assert set(e) == {"id", "label", "articles"}
        assert e["articles"] and all(
            set(a) == {"article_id", "title", "source", "date"} for a in e["articles"]
        )
    titles = {a["title"] for e in events for a in e["articles"]}
    assert "Nine dead in Marrow Bay bus crash" in titles
    (bay,) = json.loads(ingested("events", "--json").output)  # the one event of two articles or more
    assert len(bay["articles"]) == 3


def test_check_keeps_only_the_outlets_asked_for(ingested: Any) -> None:
    query = "Nine passengers were killed near Marrow Bay"
    data = json.loads(ingested("check", query, "--json", "--source", "Capital Daily").output)
    assert data["evidence"] and {e["source"] for e in data["evidence"]} == {"Capital Daily"}


def test_check_reads_only_the_date_range_asked_for(ingested: Any) -> None:
    query = "Nine passengers were killed near Marrow Bay"
    everything = json.loads(ingested("check", query, "--json").output)["evidence"]
    assert everything and {e["date"] for e in everything} == {"2021-06-07"}
    that_day = json.loads(
        ingested("check", query, "--json", "--since", "7 June 2021", "--until", "2021-06-07").output
    )
    assert that_day["evidence"] == everything
    after = json.loads(ingested("check", query, "--json", "--since", "2021-06-08").output)
    assert after["evidence"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "the day before"), "--date 'the day before' is not a date"),
        (("--since", "soon"), "--since 'soon' is not a date"),
        (
            ("--since", "2021-06-09", "--until", "2021-06-01"),
            "--since 2021-06-09 is after --until 2021-06-01",
        ),
    ],
)
def test_check_refuses_a_date_it_cannot_read(ingested: Any, args: tuple[str, ...], message: str) -> None:
    result = CliRunner().invoke(
        cli.main, ["--workspace", str(ingested.workspace), "check", "Nine were killed.", *args]
    )
    assert result.exit_code == 2 and message in result.output


def test_check_keeps_only_articles_that_name_the_place(ingested: Any) -> None:
    query = "Nine passengers were killed near Marrow Bay"
    everything = json.loads(ingested("check", query, "--json").output)["evidence"]
    there = json.loads(ingested("check", query, "--json", "--place", "marrow bay").output)["evidence"]
    elsewhere = json.loads(ingested("check", query, "--json", "--place", "Quillon Bay").output)["evidence"]
    assert there == everything and everything
    assert elsewhere == []
