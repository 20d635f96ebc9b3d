"""JSONL files (one article object a line) and JSON files (a list of them); `load_json` for other readers."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from verifier.core.errors import InputError
from verifier.io.importers.base import ColumnMapping, _Parsed
from verifier.io.importers.rows import _Row, _table_articles


def _json_error(path: Path, exc: json.JSONDecodeError, line: int | None = None) -> InputError:
    at = f"line {line}" if line is not None else f"line {exc.lineno}, column {exc.colno}"
    return InputError(f"{path.name} {at} is not valid JSON ({exc.msg}); fix or remove it and import again.")


def _load_json(path: Path, text: str, line: int | None = None) -> Any:
    """`json.loads`, every way it can fail as one InputError naming the file (and the JSONL line)."""
    try:
        return load_json(text, path.name + (f" line {line}" if line is not None else ""))
    except json.JSONDecodeError as exc:
        raise _json_error(path, exc, line) from exc


def load_json(text: str, where: str, noun: str = "article", again: str = "import again") -> Any:
    """`json.loads`, with the two failures Python reports as a traceback made one-line InputErrors naming
    `where` (a file, a file and line): nesting deeper than Python's recursion limit (the JSON reader recurses
    once per `[` or `{`; a `noun` needs two or three levels) and an integer longer than Python's limit on the
    digits of an int (4,300 by default, a guard against slow conversions: no `noun` field needs one).
    Syntax errors stay `json.JSONDecodeError`: the caller knows what its input should hold.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError as exc:
        a = "an" if noun[:1] in "aeiou" else "a"
        raise InputError(
            f"{where} is nested too deeply to read (more than about {sys.getrecursionlimit():,} levels of "
            f"[ or {{); {a} {noun} is an object of text fields: flatten it and {again}."
        ) from exc
    except ValueError as exc:  # only the int-digits limit: every syntax error is a JSONDecodeError
        raise InputError(
            f"{where} holds an integer of more than {sys.get_int_max_str_digits():,} digits; no {noun} "
            f"field needs one: write it as a quoted string or remove it, and {again}."
        ) from exc


def _read_jsonl(path: Path, text: str, mapping: ColumnMapping, default_source: str) -> _Parsed:
    objects: list[_Row] = []
    # split("\n"), not splitlines(): U+2028 and friends may sit unescaped inside a JSON string.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        value = _load_json(path, line, number)
        if not isinstance(value, dict):
            raise InputError(
                f"{path.name} line {number} is a JSON {type(value).__name__}, not an object "
                '({"text": ...}); each line must be one article.'
            )
        objects.append(_Row(f"{path.name}:{number}", value))
    return _table_articles(path, objects, mapping, default_source)


def _read_json(path: Path, text: str, mapping: ColumnMapping, default_source: str) -> _Parsed:
    value = _load_json(path, text)
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise InputError(f"{path.name} must hold a list of objects (one per article), like JSONL.")
    objects = [_Row(f"{path.name}:{i}", v) for i, v in enumerate(value, start=1)]  # 1-based item number
    return _table_articles(path, objects, mapping, default_source)
