"""CSV files: comma, semicolon or tab separated, a header row, strict quoting."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from verifier.core.errors import InputError
from verifier.io.importers.base import ColumnMapping, Skipped, _Parsed
from verifier.io.importers.rows import _articles_from_rows, _resolve_columns, _Row


def _sniff_delimiter(text: str) -> str:
    """Comma, or the semicolon / tab that European spreadsheet exports use, judged from the header line."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    best = max((",", ";", "\t"), key=header.count)
    return best if header.count(best) > 0 else ","


def _read_csv(path: Path, text: str, mapping: ColumnMapping, default_source: str, max_bytes: int) -> _Parsed:
    # A single field may be as large as the file itself (one long article); C long caps the limit.
    csv.field_size_limit(max(csv.field_size_limit(), min(max_bytes, 2**31 - 1)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text), strict=True)
    try:
        records = list(reader)
    except csv.Error as exc:
        hint = (
            "a quoted field is never closed: check the quotes from that line on"
            if "unexpected end of data" in str(exc)
            else 'check the quotes on that line (a quote inside a field must be doubled: "")'
        )
        raise InputError(
            f"{path.name} is not valid CSV near line {reader.line_num} ({exc}); {hint}."
        ) from exc
    # Numbered as a spreadsheet shows them (the header is row 1); blank rows count but are ignored.
    numbered = [(n, r) for n, r in enumerate(records, start=1) if any(cell.strip() for cell in r)]
    if not numbered:
        raise InputError(f"{path.name} is empty; nothing to import.")
    header = [h.strip() for h in numbered[0][1]]
    columns = _resolve_columns(header, mapping, path.name)
    if len(numbered) == 1:
        raise InputError(f"{path.name} has a header but no rows; nothing to import.")
    rows: list[_Row] = []
    bad: list[Skipped] = []
    for number, record in numbered[1:]:
        where = f"{path.name}:{number}"
        if len(record) != len(header):
            bad.append(Skipped(where, f"{len(record)} fields where the header has {len(header)}"))
            continue
        rows.append(_Row(where, dict(zip(header, record, strict=True))))
    articles, skipped, notes = _articles_from_rows(rows, mapping, columns, default_source)
    return articles, bad + skipped, notes
