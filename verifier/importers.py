"""Read articles from files and folders: text/markdown (+ front matter), HTML, CSV, JSONL/JSON.

Policy, chosen for a fact-checker who must trust what was stored:
- A file is read and parsed whole before anything is returned, so a caller stores all of it or none of it.
- What makes a whole file unreadable is an `InputError` naming the file and the fix: empty, binary, not
  UTF-8, over the size limit, malformed CSV quoting, a JSON syntax error (with its line), a missing column.
  We do not guess another encoding: a wrong guess turns names into mojibake that would then be searched,
  quoted and compared; the user re-saves the file once instead.
- A row that is readable but carries no article (empty text, wrong number of CSV fields) is skipped and
  reported in `ImportResult.skipped` with its file:row, because one bad row should not block 800 good ones.
- In a folder, a file that fails is skipped with its error message; a file given by name fails loudly.
- Rows whose text repeats an earlier row's text are counted in `duplicates` and returned once.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import sys
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from verifier.dates import normalise_date
from verifier.errors import InputError
from verifier.records import Article
from verifier.settings import DEFAULT_MAX_FILE_BYTES

log = logging.getLogger(__name__)

TEXT_EXTENSIONS = (".txt", ".md", ".markdown")
HTML_EXTENSIONS = (".html", ".htm")
CSV_EXTENSIONS = (".csv",)
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
JSON_EXTENSIONS = (".json",)
KNOWN_EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + CSV_EXTENSIONS + JSONL_EXTENSIONS + JSON_EXTENSIONS

# A first line longer than this is a paragraph, not a headline (news headlines stay under ~150 characters).
MAX_TITLE_CHARS = 200

# trafilatura falls back to menu text ("Home") when a page has no article; less than one sentence of main
# text means the page is navigation, a paywall stub or a script-built page, not an article.
MIN_HTML_WORDS = 8

# The CLI option that changes each mapped column, named in error messages.
_OPTION_FOR = {
    "text": "--text-column",
    "title": "--title-column",
    "source": "--source-column",
    "date": "--date-column",
    "url": "--url-column",
}


@dataclass(frozen=True)
class ColumnMapping:
    """Which CSV column / JSON field holds each article attribute."""

    text: str = "text"
    title: str = "title"
    source: str = "source"
    date: str = "date"
    url: str = "url"


@dataclass(frozen=True)
class Skipped:
    """Something not imported, and why. `where` is "file" or "file:row"."""

    where: str
    reason: str


@dataclass(frozen=True)
class ImportResult:
    """What one path gave: distinct articles in input order, what was skipped and why, repeats, warnings."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()
    duplicates: int = 0  # rows whose text repeats an earlier row's text in the same input
    warnings: tuple[str, ...] = field(default=())  # imported, but something was not understood (a date)


# ------------------------------------------------------------------------------------------- sources

_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "gob", "or", "ne"})
# Blog hosts: each subdomain is its own outlet ("x.blogspot.com" is not "blogspot.com").
_HOSTING = frozenset({"blogspot", "wordpress", "tumblr", "substack", "livejournal", "typepad"})


def source_from_url(url: str) -> str:
    """The outlet's domain from an article URL: "http://articles.latimes.com/..." -> "latimes.com"."""
    host = (urlsplit(url.strip()).hostname or "") if url else ""
    labels = [label for label in host.lower().split(".") if label]
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return host
    keep = 2
    if len(labels) >= 3 and (
        (labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2) or labels[-2] in _HOSTING  # bbc.co.uk
    ):
        keep = 3
    return ".".join(labels[-keep:])


# ------------------------------------------------------------------------------------- reading bytes


def _size(n: int) -> str:
    """A file size as a person reads it: "25.0 MB", "3.2 KB", "100 bytes"."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    return f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} bytes"


def _limit(n: int) -> str:
    """The limit as the user set it with --max-file-mb: "20 MB", "0.5 MB"."""
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 / 100 else f"{n} bytes"


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc}).") from exc
    if size > max_bytes:
        raise InputError(
            f"{path.name} is {_size(size)}, over the {_limit(max_bytes)} limit; "
            "raise it with --max-file-mb or split the file."
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc}).") from exc
    if len(data) > max_bytes:  # grew while we looked
        raise InputError(f"{path.name} is over the {_limit(max_bytes)} limit; raise it with --max-file-mb.")
    return data


_MAGIC = (
    (b"%PDF", "a PDF; export its text (or save the page as HTML) first"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .zip?); save it as text, CSV or JSONL first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3", "an SQLite database"),
)


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (with or without BOM; UTF-16 with a BOM) or an InputError saying what to do."""
    if not data.strip():
        raise InputError(f"{name} is empty; nothing to import.")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name} is {what}; it cannot be imported as is.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name} starts like UTF-16 but is not valid UTF-16; re-save it as UTF-8."
            ) from exc
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(
            f"{name} looks like a binary file (NUL byte at offset {nul}), not text; give a .txt, .md, .html, "
            ".csv, .jsonl or .json file (UTF-16 text without a byte-order mark: re-save it as UTF-8)."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{name} is not UTF-8 (byte 0x{bad:02x} at offset {exc.start}, line {line}); re-save it as UTF-8 "
            "(in Excel: Save As > CSV UTF-8; in an editor: Save with encoding UTF-8)."
        ) from exc
    if not text.strip():
        raise InputError(f"{name} is empty; nothing to import.")
    return text


# ------------------------------------------------------------------------------------ text / markdown

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_KEYS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "publisher": "source",
    "date": "date",
    "published": "date",
    "url": "url",
    "link": "url",
}


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple `key: value` lines between `---` lines at the top; returns (fields, body). No YAML needed."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in _FRONT_KEYS:
            log.debug("front matter line ignored: %r", line)
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta[_FRONT_KEYS[key]] = value
    return meta, text[m.end() :]


_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(md: str) -> str:
    """Plain text from the markdown we expect in articles: headings, links, bold. Sentences are kept."""
    text = _MD_HEADING.sub(r"\1", md)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(r"\2", text)


def _headline(text: str) -> str:
    """The first line, when it reads like a headline: short, no final period, followed by more text."""
    stripped = text.strip()
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    if not rest.strip() or not first or len(first) > MAX_TITLE_CHARS:
        return ""
    if first.endswith((".", ",", ";", ":")) or normalise_date(first) is not None:  # a sentence, a dateline
        return ""
    return first


def read_text_article(
    text: str, *, source: str = "", title: str = "", date: str | None = None, url: str = ""
) -> Article:
    """An article from pasted text (the app's paste box). The title defaults to a headline-like first line."""
    if not text or not text.strip():
        raise InputError("The text is empty; paste an article or a few sentences.")
    if "\x00" in text:
        raise InputError("The text contains NUL characters (binary data?); paste plain text.")
    published = normalise_date(date) if date else None
    if date and date.strip() and published is None:
        raise InputError(f"Date {date!r} is not understood; write it as YYYY-MM-DD (e.g. 2015-07-31).")
    if not source and url:
        source = source_from_url(url)
    return Article.create(text, source=source, title=title or _headline(text), url=url, published=published)


def _read_text_file(path: Path, text: str, default_source: str) -> tuple[Article, list[str]]:
    meta, body = parse_front_matter(text)
    if path.suffix.lower() in (".md", ".markdown"):
        body = markdown_to_text(body)
    if not body.strip():
        raise InputError(f"{path.name} has front matter but no article text.")
    notes = []
    published = normalise_date(meta.get("date"))
    if meta.get("date") and published is None:
        notes.append(
            f"{path.name}: date {meta['date']!r} not understood (use YYYY-MM-DD); stored without a date"
        )
    url = meta.get("url", "")
    source = meta.get("source") or default_source or source_from_url(url)
    article = Article.create(
        body, source=source, title=meta.get("title") or _headline(body), url=url, published=published
    )
    return article, notes


# ---------------------------------------------------------------------------------------------- HTML


def _read_html(path: Path, html: str, default_source: str) -> tuple[Article, list[str]]:
    """Main text and metadata by trafilatura: a parser only (lxml); no script runs, nothing is fetched."""
    import trafilatura  # a heavy import, only needed for HTML

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # trafilatura's FutureWarnings about lxml truth-testing
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, as_dict=True)
    data: dict[str, Any] = doc if isinstance(doc, dict) else {}
    text = (data.get("text") or "").strip()
    if len(text.split()) < MIN_HTML_WORDS:
        raise InputError(
            f"{path.name}: no article text found in this HTML page (only navigation or scripts?); "
            "save the article itself, or paste its text."
        )
    url = data.get("url") or ""
    source = data.get("sitename") or default_source or source_from_url(url) or (data.get("hostname") or "")
    published = normalise_date(data.get("date"))
    return Article.create(
        text, source=source, title=data.get("title") or "", url=url, published=published
    ), []


# ------------------------------------------------------------------------------------ tables (CSV/JSON)


# What one file yields: articles, rows skipped with a reason, warnings.
_Parsed = tuple[list[Article], list[Skipped], list[str]]


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
        articles.append(Article.create(text, source=source, title=title, url=url, published=published))
    return articles, skipped, notes


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


def _table_articles(path: Path, objects: list[_Row], mapping: ColumnMapping, default_source: str) -> _Parsed:
    if not objects:
        raise InputError(f"{path.name} is empty; nothing to import.")
    keys: dict[str, None] = {}
    for obj in objects:
        keys.update(dict.fromkeys(obj.values))
    columns = _resolve_columns(keys, mapping, path.name)
    return _articles_from_rows(objects, mapping, columns, default_source)


# ------------------------------------------------------------------------------------------ dispatch


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


__all__ = [
    "ColumnMapping",
    "ImportResult",
    "KNOWN_EXTENSIONS",
    "Skipped",
    "decode",
    "normalise_date",
    "parse_front_matter",
    "read_path",
    "read_text_article",
    "source_from_url",
]
