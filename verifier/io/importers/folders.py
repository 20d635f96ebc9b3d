"""One file by its type, a folder file by file, and `read_path` over both."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

from verifier.core.errors import InputError
from verifier.core.records import Article
from verifier.core.settings import DEFAULT_MAX_FILE_BYTES
from verifier.io.importers.base import (
    CSV_EXTENSIONS,
    HTML_EXTENSIONS,
    JSONL_EXTENSIONS,
    KNOWN_EXTENSIONS,
    TEXT_EXTENSIONS,
    ColumnMapping,
    ImportResult,
    Skipped,
    _Parsed,
    _read_bytes,
    decode,
)
from verifier.io.importers.csv_file import _read_csv
from verifier.io.importers.html_page import _read_html
from verifier.io.importers.json_file import _read_json, _read_jsonl
from verifier.io.importers.text_file import _read_text_file

log = logging.getLogger("verifier.io.importers")


def _read_file(path: Path, mapping: ColumnMapping, max_bytes: int, default_source: str) -> _Parsed:
    ext = path.suffix.lower()
    if ext not in KNOWN_EXTENSIONS:
        raise InputError(
            f"{path.name}: unknown file type {ext or '(no extension)'}; known: {', '.join(KNOWN_EXTENSIONS)}."
        )
    text = decode(_read_bytes(path, max_bytes), path.name)
    if ext in TEXT_EXTENSIONS:
        article, notes = _read_text_file(path, text, default_source)
        return [article], [], notes
    if ext in HTML_EXTENSIONS:
        article, notes = _read_html(path, text, default_source)
        return [article], [], notes
    if ext in CSV_EXTENSIONS:
        return _read_csv(path, text, mapping, default_source, max_bytes)
    if ext in JSONL_EXTENSIONS:
        return _read_jsonl(path, text, mapping, default_source)
    return _read_json(path, text, mapping, default_source)


# Files that document a corpus folder rather than hold an article (README.md, LICENSE, SOURCE.txt).
_DOC_STEMS = frozenset(
    {"readme", "license", "licence", "copying", "source", "changelog", "notice", "authors"}
)


def _is_documentation(name: str) -> bool:
    stem = re.split(r"[-_. ]", name.lower(), maxsplit=1)[0]
    return stem in _DOC_STEMS


def _walk(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """Files under `folder`, sorted, with a reason when one is not read. Links are not followed."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        keep = []
        for name in sorted(dirs):
            p = Path(root) / name
            if name.startswith("."):
                yield p, "hidden folder (not read)"
            elif p.is_symlink():
                yield p, "symbolic link to a folder (not followed: only the paths given are read)"
            else:
                keep.append(name)
        dirs[:] = keep
        for name in sorted(files):
            p = Path(root) / name
            if name.startswith("."):
                yield p, "hidden file"
            elif p.is_symlink():
                yield p, "symbolic link (not followed: only the paths given are read)"
            elif not p.is_file():
                yield p, "not a regular file (a pipe, socket or device)"
            elif _is_documentation(name):
                yield p, "documentation (README, LICENSE, SOURCE...), not an article"
            elif p.suffix.lower() not in KNOWN_EXTENSIONS:
                yield p, f"unknown file type {p.suffix or '(no extension)'}"
            else:
                yield p, None


def _in_folder(where: str, name: str, relative: str) -> str:
    """ "rows.csv:4" of the file at `relative` in a folder: "nested/rows.csv:4"."""
    return relative + where[len(name) :] if where.startswith(name) else where


def read_path(
    path: str | os.PathLike[str],
    mapping: ColumnMapping = ColumnMapping(),  # noqa: B008 - frozen, so a shared default is safe
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    default_source: str = "",
) -> ImportResult:
    """Every article in a file or a folder (recursive), parsed whole before returning.

    A file given directly fails with an InputError; inside a folder a failing file is skipped with the
    error as its reason (see the module docstring).
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or folder.")
    if not p.is_dir() and not p.is_file():  # a pipe or a device would block or never end
        raise InputError(f"{p}: not a regular file or folder.")
    articles: list[Article] = []
    skipped: list[Skipped] = []
    notes: list[str] = []
    if p.is_dir():
        for file, reason in _walk(p):
            where = str(file.relative_to(p))
            if reason is not None:
                skipped.append(Skipped(where, reason))
                continue
            try:
                a, s, n = _read_file(file, mapping, max_bytes, default_source)
            except InputError as exc:
                skipped.append(Skipped(where, str(exc)))
                continue
            articles.extend(a)
            # A row is named from the folder too: "nested/rows.csv:4", not a bare "rows.csv:4".
            skipped.extend(Skipped(_in_folder(x.where, file.name, where), x.reason) for x in s)
            notes.extend(n)
    else:
        articles, skipped, notes = _read_file(p, mapping, max_bytes, default_source)
    for note in notes:
        log.warning("%s", note)
    unique: list[Article] = []
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            continue
        seen.add(article.id)
        unique.append(article)
    return ImportResult(
        articles=tuple(unique),
        skipped=tuple(skipped),
        duplicates=len(articles) - len(unique),
        warnings=tuple(notes),
    )
