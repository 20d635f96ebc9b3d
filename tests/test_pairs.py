"""The `pairs` batch command's engine: JSONL in, one judgement per line out, clear errors."""

from __future__ import annotations

import json
import time

import pytest

from verifier.errors import InputError
from verifier.pairs import run_pairs


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


@pytest.mark.xfail(
    strict=True,
    reason=(
        "learned judgement (verifier/compare), known gap: two one-clause reports worded alike two "
        "days apart are judged unrelated, not an update"
    ),
)
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
