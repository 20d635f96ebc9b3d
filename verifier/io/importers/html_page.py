"""HTML pages: the article's main text and metadata by trafilatura."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from verifier.core.dates import normalise_date
from verifier.core.errors import InputError
from verifier.core.records import Article
from verifier.io.importers.base import MIN_HTML_WORDS, source_from_url


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
