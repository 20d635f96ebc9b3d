"""Tables of articles (CSV rows, JSON objects): the mapped columns and one article per row."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from verifier.core.dates import normalise_date
from verifier.core.errors import InputError
from verifier.core.records import Article
from verifier.io.importers.base import _OPTION_FOR, ColumnMapping, Skipped, _Parsed, source_from_url


@dataclass
class _Row:
    where: str
    values: dict[str, Any]


def _resolve_columns(columns: Iterable[str], mapping: ColumnMapping, name: str) -> dict[str, str | None]:
    """Mapped attribute -> actual column name (exact, then case-insensitive), or None if absent."""
    present = [c for c in columns if c is not None]
    by_lower = {c.strip().lower(): c for c in present}
    default = ColumnMapping()
    out: dict[str, str | None] = {}
    for f in fields(mapping):
        wanted: str = getattr(mapping, f.name)
        actual = wanted if wanted in present else by_lower.get(wanted.strip().lower())
        explicit = wanted != getattr(default, f.name)
        if actual is None and (f.name == "text" or explicit):
            shown = ", ".join(present) if present else "(none)"
            raise InputError(
                f"{name} has no column {wanted!r} for the {f.name}; its columns are: {shown}. "
                f"Choose one with {_OPTION_FOR[f.name]}."
            )
        out[f.name] = actual
    return out


def _as_text(value: Any) -> str | None:
    """Text of a field: a string, or a list of strings joined by newlines (one sentence a line, as ECB+)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(v.strip() for v in value if v.strip())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scalar(value: Any) -> str:
    """A metadata field as text: strings and numbers as they are; lists of strings joined; else empty."""
    text = _as_text(value) or ""
    return _SURROGATE.sub("\ufffd", text).strip()


def _articles_from_rows(
    rows: Iterable[_Row], mapping: ColumnMapping, columns: dict[str, str | None], default_source: str
) -> _Parsed:
    articles: list[Article] = []
    skipped: list[Skipped] = []
    notes: list[str] = []
    for row in rows:

        def get(attr: str, row: _Row = row) -> Any:
            col = columns[attr]
            return row.values.get(col) if col is not None else None

        text = _as_text(get("text"))
        if text is None:
            skipped.append(
                Skipped(row.where, f"{mapping.text!r} is not text (a {type(get('text')).__name__})")
            )
            continue
        if not text.strip():
            skipped.append(Skipped(row.where, f"empty text in column {mapping.text!r}"))
            continue
        if _SURROGATE.search(text):
            # JSON can escape half of an emoji ("\ud83d"); such text cannot be stored or hashed as UTF-8.
            text = _SURROGATE.sub("\ufffd", text)
            notes.append(f"{row.where}: invalid Unicode (a lone surrogate) replaced by U+FFFD")
        raw_date = _scalar(get("date"))
        published = normalise_date(raw_date) if raw_date else None
        if raw_date and published is None:
            notes.append(f"{row.where}: date {raw_date!r} not understood; stored without a date")
        url = _scalar(get("url"))
        source = _scalar(get("source")) or default_source or source_from_url(url)
        title = _scalar(get("title")).replace("\n", " ")
        place = _scalar(get("place"))
        articles.append(
            Article.create(text, source=source, title=title, url=url, published=published, place=place)
        )
    return articles, skipped, notes


def _table_articles(path: Path, objects: list[_Row], mapping: ColumnMapping, default_source: str) -> _Parsed:
    if not objects:
        raise InputError(f"{path.name} is empty; nothing to import.")
    keys: dict[str, None] = {}
    for obj in objects:
        keys.update(dict.fromkeys(obj.values))
    columns = _resolve_columns(keys, mapping, path.name)
    return _articles_from_rows(objects, mapping, columns, default_source)
