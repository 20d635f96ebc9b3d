"""The `pairs` batch command: judge claim pairs from JSONL, no workspace and no model needed.

Input lines: {"id": ..., "a": {"text": ..., "source": ..., "date": ...}, "b": {...}}; any "label" field is
ignored. A side may also carry its article's "title" and full text ("article"): with both articles the
incident is judged from them too, as for claims of a workspace.
Output: {"id", "label", "flag", "score", "explanation"}, flag true exactly when label is "conflict".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from verifier.compare import ClaimText, relate
from verifier.core.errors import InputError
from verifier.io.importers import decode, load_json


def _claim(obj: Any, side: str, lineno: int) -> ClaimText:
    if not isinstance(obj, dict):
        raise InputError(
            f'line {lineno}: "{side}" must be an object with a "text" field, e.g. '
            f'{{"{side}": {{"text": "..."}}}}'
        )
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f'line {lineno}: "{side}.text" is missing or empty; every claim needs its text')
    source = obj.get("source")
    date = obj.get("date")
    for key in ("title", "article"):
        if obj.get(key) is not None and not isinstance(obj.get(key), str):
            raise InputError(f'line {lineno}: "{side}.{key}" must be a string (the article\'s {key})')
    return ClaimText(
        text=text,
        source=str(source) if source not in (None, "") else None,
        date=str(date) if date not in (None, "") else None,
        setting=obj.get("title") or "",
        context=obj.get("article") or "",
    )


def parse_pair(line: str, lineno: int) -> tuple[Any, ClaimText, ClaimText]:
    """One input line -> (id, claim a, claim b). Raises InputError naming the line."""
    try:
        obj = load_json(line, f"line {lineno}", noun="pair", again="run again")
    except json.JSONDecodeError as exc:
        raise InputError(
            f"line {lineno}: not valid JSON ({exc.msg} at column {exc.colno}); "
            "each line must be one JSON object"
        ) from None
    if not isinstance(obj, dict):
        raise InputError(f'line {lineno}: expected a JSON object with "a" and "b", got {type(obj).__name__}')
    for side in ("a", "b"):
        if side not in obj:
            raise InputError(f'line {lineno}: missing "{side}"; each line needs "a" and "b" claims')
    return obj.get("id", lineno), _claim(obj["a"], "a", lineno), _claim(obj["b"], "b", lineno)


def read_pairs(path: Path) -> Iterator[dict[str, Any]]:
    """Judge every pair of a JSONL file. Text that is not UTF-8 (a latin-1 export) is an InputError naming
    the byte and line, before any pair is judged: a guessed encoding would compare mojibake."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc}).") from exc
    if not data.strip():
        return iter(())
    # split("\n"), not splitlines(): U+2028 and friends may sit unescaped inside a JSON string.
    return run_pairs(decode(data, path.name).split("\n"))


def run_pairs(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Judge every pair, lazily, in input order. Blank lines are skipped; line numbers count from 1."""
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        pid, a, b = parse_pair(line, lineno)
        j = relate(a, b)
        yield {
            "id": pid,
            "label": j.label,
            "flag": j.label == "conflict",
            "score": j.score,
            "explanation": j.explanation,
        }
