"""The `pairs` batch command's engine: JSONL in, one judgement per line out, clear errors."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from verifier.core.errors import InputError
from verifier.services.pairs import run_pairs
from verifier.shells import cli


def line(pid: object, a: str, b: str, **extra: object) -> str:
    return json.dumps({"id": pid, "a": {"text": a}, "b": {"text": b}, **extra})


def test_one_output_per_pair_in_order_with_the_documented_fields() -> None:
    rows = list(
        run_pairs(
            [
                line(
                    "p1",
                    "Shelling of the market killed 13 civilians.",
                    "Shelling of the market killed 20 civilians.",
                ),
                line(
                    "p2",
                    "At least 70 people were injured in the riots.",
                    "About 100 people were injured in the riots.",
                ),
            ]
        )
    )
    assert [r["id"] for r in rows] == ["p1", "p2"]
    assert [r["label"] for r in rows] == ["conflict", "agree"]
    assert all(set(r) == {"id", "label", "flag", "score", "explanation"} for r in rows)
    assert rows[0]["explanation"] == "Figures conflict: 13 civilians killed vs 20 civilians killed"


@pytest.mark.xfail(
    strict=True,
    reason=(
        "learned judgement (verifier/compare), known gap: short sentences without a shared name get "
        "P(same incident) < 0.5, so a stated revision (rose to) reads as unrelated"
    ),
)
def test_flag_is_true_exactly_for_conflicts() -> None:
    rows = list(
        run_pairs(
            [
                line(1, "Shelling killed 13 civilians.", "Shelling killed 20 civilians."),
                line(2, "The quake killed three people.", "The toll from the quake rose to 10."),
                line(3, "Floods displaced 300 families.", "The bank raised rates by 3 percentage points."),
            ]
        )
    )
    assert [(r["label"], r["flag"]) for r in rows] == [
        ("conflict", True),
        ("update", False),
        ("unrelated", False),
    ]


def test_input_label_is_ignored_and_source_and_date_are_used() -> None:
    obj = {
        "id": "x",
        "label": "agree",
        "flag": False,
        "a": {"text": "The floods killed 52 people.", "source": "wire", "date": "2020-05-02"},
        "b": {"text": "The floods killed 80 people.", "source": "paper", "date": "2020-05-04"},
    }
    (row,) = run_pairs([json.dumps(obj)])
    assert row["label"] == "update"  # a later report with a higher toll; the input's "agree" is not read


def test_a_side_may_carry_its_article_which_the_incident_decision_reads() -> None:
    a = {"text": "Eleven people died in the floods.", "title": "Floods in the Veltrava valley"}
    b = {"text": "Officials said eleven had died."}
    same = {"article": "Floods swept the Veltrava valley near Ostrel; eleven died, the governor said."}
    other = {"article": "A warehouse fire in Dunmarrow killed workers; smoke closed the port motorway."}
    art_a = {"article": "Flash floods in the Veltrava valley around Ostrel left eleven people dead."}
    rows = list(
        run_pairs(
            [
                json.dumps({"id": "one", "a": a | art_a, "b": b | same}),
                json.dumps({"id": "apart", "a": a | art_a, "b": b | other}),
            ]
        )
    )
    assert [r["id"] for r in rows] == ["one", "apart"]
    assert rows[0]["label"] == "agree"
    assert rows[1]["label"] != "agree" or rows[1]["score"] < rows[0]["score"]


def test_blank_lines_are_skipped_and_ids_default_to_line_numbers() -> None:
    text = "\n" + json.dumps({"a": {"text": "5 killed."}, "b": {"text": "6 killed."}}) + "\n\n"
    (row,) = run_pairs(text.splitlines())
    assert row["id"] == 2


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", "line 2: not valid JSON"),
        ("[1, 2]", "line 2: expected a JSON object"),
        (json.dumps({"id": 1, "a": {"text": "x"}}), 'line 2: missing "b"'),
        (
            json.dumps({"id": 1, "a": {"text": "x"}, "b": {"text": ""}}),
            'line 2: "b.text" is missing or empty',
        ),
        (json.dumps({"id": 1, "a": {"source": "x"}, "b": {"text": "y"}}), 'line 2: "a.text" is missing'),
        (json.dumps({"id": 1, "a": "just a string", "b": {"text": "y"}}), 'line 2: "a" must be an object'),
        (
            json.dumps({"id": 1, "a": {"text": "x", "article": 3}, "b": {"text": "y"}}),
            'line 2: "a.article" must be a string',
        ),
    ],
)
def test_malformed_lines_raise_input_error_naming_the_line(bad: str, message: str) -> None:
    good = line(1, "Five killed.", "Six killed.")
    with pytest.raises(InputError) as err:
        list(run_pairs([good, bad]))
    assert str(err.value).startswith(message)


def test_thousands_of_pairs_need_no_workspace_and_stream() -> None:
    pair = line(
        0,
        "The raid killed 13 civilians on Monday, the monitor said.",
        "Monday's raid killed 20 civilians, officials said.",
    )
    it = run_pairs(pair for _ in range(2000))
    first = next(it)  # lazy: the first judgement comes before the rest are read
    assert first["label"] == "conflict"
    t0 = time.perf_counter()
    assert sum(1 for _ in it) == 1999
    assert time.perf_counter() - t0 < 60  # generous bound on a shared machine; timings live in bench/


# ------------------------------------------------------------------------------------- the CLI command

GOOD = line(1, "Shelling killed 13 civilians.", "Shelling killed 20 civilians.") + "\n"
LATIN1 = '{"id": 1, "a": {"text": "Six bateaux coul\u00e9s."}, "b": {"text": "Sept."}}\n'.encode("latin-1")
DEEP = b"[" * 50_000 + b"]" * 50_000


def run_pairs_cli(*args: str) -> Result:
    return CliRunner().invoke(cli.main, ["pairs", *args], catch_exceptions=False)


def assert_one_line_error(result: Result, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: ") and message in result.output, result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            LATIN1,
            "pairs.jsonl is not UTF-8 (byte 0xe9 at offset 41, line 1); re-save it as UTF-8",
        ),
        (
            GOOD.encode() + b'{"id": 2, "a": {"text": "x", "meta": ' + DEEP + b"}}\n",
            "line 2 is nested too deeply to read",
        ),
        (
            GOOD.encode() + b'{"id": ' + b"7" * 5_000 + b', "a": {"text": "x"}, "b": {"text": "y"}}\n',
            "line 2 holds an integer of more than 4,300 digits",
        ),
        (GOOD.encode() + b"{not json\n", "line 2: not valid JSON"),
    ],
)
def test_bad_pairs_files_are_one_line_with_status_2(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_bytes(content)
    assert_one_line_error(run_pairs_cli(str(path)), message)


def test_out_into_a_missing_folder_says_so_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "no" / "such" / "judged.jsonl"
    result = run_pairs_cli(str(path), "--out", str(out))
    assert_one_line_error(result, f"--out folder {out.parent} does not exist; create it first")
    assert not (tmp_path / "no").exists()


def test_out_under_a_file_says_it_is_not_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text(GOOD, encoding="utf-8")
    result = run_pairs_cli(str(path), "--out", str(path / "judged.jsonl"))
    assert_one_line_error(result, f"--out folder {path} is a file, not a folder")


def test_out_that_cannot_be_written_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text(GOOD, encoding="utf-8")

    def refuse(*_: object, **__: object) -> None:  # root may write anywhere: the refusal is simulated
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "write_text", refuse)
    result = run_pairs_cli(str(path), "--out", str(tmp_path / "judged.jsonl"))
    assert_one_line_error(result, f"cannot write {tmp_path / 'judged.jsonl'} (Permission denied)")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_out_into_a_read_only_folder_is_refused_before_judging(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text(GOOD, encoding="utf-8")
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    result = run_pairs_cli(str(path), "--out", str(folder / "judged.jsonl"))
    assert_one_line_error(result, "(permission denied); choose another --out path")


def test_out_writes_one_judgement_per_line(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text(GOOD + "\n" + GOOD.replace('"id": 1', '"id": 2'), encoding="utf-8")
    out = tmp_path / "judged.jsonl"
    result = run_pairs_cli(str(path), "--out", str(out))
    assert result.exit_code == 0 and result.output == f"Wrote 2 judgements to {out}\n"
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == [1, 2]
