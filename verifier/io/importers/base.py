"""What every reader shares: file types, results, reading and decoding bytes, the outlet of a URL."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from verifier.core.errors import InputError
from verifier.core.records import Article

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
    "place": "--place-column",
}


@dataclass(frozen=True)
class ColumnMapping:
    """Which CSV column / JSON field holds each article attribute."""

    text: str = "text"
    title: str = "title"
    source: str = "source"
    date: str = "date"
    url: str = "url"
    place: str = "place"  # FA-KES: "location"


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


# What one file yields: articles, rows skipped with a reason, warnings.
_Parsed = tuple[list[Article], list[Skipped], list[str]]


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
