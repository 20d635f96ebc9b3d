"""What is shown is what was read: invisible characters made visible, terminal controls taken out."""

from __future__ import annotations

import json

import pytest

from verifier.core.display import char_name, number, replace_invisible, terminal_json, terminal_text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("the toll rose to \u202e72\u202c", "the toll rose to [U+202E]72[U+202C]"),
        ("\u2067ninety\u2069 dead", "[U+2067]ninety[U+2069] dead"),
        ("left\u200emark and right\u200fmark", "left[U+200E]mark and right[U+200F]mark"),
        ("arabic letter mark\u061c here", "arabic letter mark[U+061C] here"),
        ("zero\u200bwidth", "zero[U+200B]width"),
        ("\ufeffbyte order mark", "[U+FEFF]byte order mark"),
        ("a tag character \U000e0041", "a tag character [U+E0041]"),
        ("Café in Zürich, 12 km", "Café in Zürich, 12 km"),  # letters outside ASCII are left alone
    ],
)
def test_invisible_characters_become_code_points(text: str, shown: str) -> None:
    assert replace_invisible(text) == shown


def test_a_marker_can_be_rendered_another_way() -> None:
    assert replace_invisible("x\u202ey", lambda c: f"<{char_name(c)}>") == "x<RIGHT-TO-LEFT OVERRIDE>y"


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("\x1b[1;31mred alert\x1b[0m", "red alert"),
        ("\x1b]0;new window title\x07the story", "the story"),
        ("\x1b]8;;https://evil.example\x1b\\link text\x1b]8;;\x1b\\", "link text"),
        ("\x9b2Jcleared by a C1 CSI", "cleared by a C1 CSI"),
        ("a stray \x1b]title runs to the line end\nnext line", "a stray \nnext line"),
        ("bell\x07 and backspace\x08 and NUL\x00", "bell and backspace and NUL"),
        ("12 dead\r99 dead", "12 dead99 dead"),  # the second figure cannot overwrite the first
        ("kept:\ttab and\nnewline", "kept:\ttab and\nnewline"),
        ("mixed \x1b[7m\u202e27\u202c\x1b[m", "mixed [U+202E]27[U+202C]"),
    ],
)
def test_terminal_text(text: str, printed: str) -> None:
    assert terminal_text(text) == printed


def test_terminal_json_is_the_same_data_without_raw_controls() -> None:
    data = {"text": "C1 \x9b31m, override \u202e72\u202c, tag \U000e0041, esc \x1b[0m, é"}
    printed = terminal_json(json.dumps(data, ensure_ascii=False))
    assert not any(c in printed for c in "\x1b\x9b\u202e\u202c\U000e0041")
    assert "é" in printed  # readable text stays readable
    assert json.loads(printed) == data


@pytest.mark.parametrize(
    ("value", "shown"), [(40.0, "40"), (6.1, "6.1"), (2_000_000.0, "2000000"), (None, "?")]
)
def test_one_formatter_writes_figures_as_a_reader_does(value: float | None, shown: str) -> None:
    assert number(value) == shown
