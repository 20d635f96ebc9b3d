"""Plain text and markdown files (with `key: value` front matter), and pasted text."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from verifier.core.dates import normalise_date
from verifier.core.errors import InputError
from verifier.core.records import Article
from verifier.io.importers.base import MAX_TITLE_CHARS, source_from_url

log = logging.getLogger("verifier.io.importers")

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
    "place": "place",
    "location": "place",
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
        body,
        source=source,
        title=meta.get("title") or _headline(body),
        url=url,
        published=published,
        place=meta.get("place", ""),
    )
    return article, notes
