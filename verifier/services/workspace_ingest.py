"""The steps of an ingest, each returning what it did: which inputs are new (`triage`), the new articles split
into claims in batches (`batches`), a batch embedded, stored and indexed (`write_batch`), when to save the
index on the way (`Checkpoints`), the report (`ingest_report`); and reading files first (`read_inputs`).

`Workspace.ingest_articles` runs them under the writer lock. A batch is embedded before anything of it is
written, so a model failure stores nothing of that batch; what earlier batches stored stays, and reaches
the index file (the caller saves it in a `finally`).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from verifier.core.records import Article, Claim
from verifier.io.index import VectorIndex
from verifier.io.store import Store, crash_point
from verifier.services.workspace_reports import IngestReport

log = logging.getLogger(__name__)

Segmenter = Callable[[Article], list[Claim]]
Progress = Callable[[int, int], None]
# (index, [(text, text_hash)]) -> (vectors aligned with the texts, texts sent to the model)
VectorsFor = Callable[[VectorIndex, Sequence[tuple[str, str]]], tuple[np.ndarray, int]]
Batch = list[tuple[Article, list[Claim]]]


@dataclass(frozen=True)
class Triage:
    """Each input's fate before anything is split: `new[i]` for the first copy of an article not stored."""

    new: tuple[bool, ...]
    repeats: int  # inputs with the id of an earlier input of this run
    stored: int  # inputs already in the store


def triage(items: Sequence[Article], has_article: Callable[[str], bool]) -> Triage:
    seen: set[str] = set()
    new: list[bool] = []
    for article in items:
        new.append(article.id not in seen and not has_article(article.id))
        seen.add(article.id)
    repeats = len(items) - len(seen)
    return Triage(tuple(new), repeats, len(items) - repeats - sum(new))


def batches(
    items: Sequence[Article],
    new: Sequence[bool],
    segment: Segmenter,
    max_claims: int,
    progress: Progress | None = None,
) -> Iterator[Batch]:
    """The new articles with their claims, in input order, a batch as soon as it holds `max_claims` claims.
    `progress(done, total)` counts every input, reported once the batch holding it is written (the caller
    writes each batch before asking for the next)."""
    total = len(items)
    batch: Batch = []
    claims_in_batch = 0
    for done, (article, is_new) in enumerate(zip(items, new, strict=True), start=1):
        if is_new:
            claims = segment(article)
            if not claims:
                log.info("article %s (%s) has no sentence to check", article.id, article.title)
            batch.append((article, claims))
            claims_in_batch += len(claims)
            if claims_in_batch >= max_claims:
                yield batch
                batch, claims_in_batch = [], 0
        if progress is not None and (not batch or done == total):
            progress(done, total)
    if batch:
        yield batch
    if progress is not None and total:
        progress(total, total)


@dataclass(frozen=True)
class Written:
    """One batch stored and indexed."""

    added: int  # articles stored
    existing: int  # articles another writer stored meanwhile (left as they are)
    without_claims: int  # articles stored with no claim
    rowids: tuple[int, ...]  # the new claims
    embedded: int  # texts sent to the model


def write_batch(store: Store, index: VectorIndex, batch: Batch, vectors_for: VectorsFor) -> Written:
    """Embed the batch's claims (before any write: a model error stores nothing), store the articles with
    their claims in one transaction, add the vectors of the claims stored to `index` (not saved)."""
    texts = [(c.text, c.text_hash) for _, claims in batch for c in claims]
    vectors, embedded = vectors_for(index, texts)
    crash_point("embed")
    added = existing = 0
    rowids: list[int] = []
    keep: list[int] = []  # rows of `vectors` whose claims were stored
    offset = 0
    with store.transaction():
        for article, claims in batch:
            got = store.add_article_with_claims(article, claims)
            if claims and not got:
                existing += 1  # stored meanwhile by another writer
            else:
                added += 1
                rowids += got
                keep += range(offset, offset + len(claims))
            offset += len(claims)
    crash_point("store")  # committed; the index is saved later
    index.add(rowids, vectors[np.asarray(keep, dtype=np.intp)])
    without_claims = sum(1 for _, claims in batch if not claims)
    return Written(added, existing, without_claims, tuple(rowids), embedded)


@dataclass
class Checkpoints:
    """When to save the index during a long ingest: every `seconds`, if claims were added since the last
    save. `unsaved` is what a save at the end must still write."""

    seconds: float
    unsaved: int = 0
    last: float = field(default_factory=time.monotonic)

    def due(self, added: int) -> bool:
        """Count `added` claims; True when the index should be saved now (then call `saved`)."""
        self.unsaved += added
        return bool(self.unsaved) and time.monotonic() - self.last >= self.seconds

    def saved(self) -> None:
        self.unsaved = 0
        self.last = time.monotonic()


def ingest_report(found: Triage, written: Sequence[Written], seconds: float) -> IngestReport:
    return IngestReport(
        articles_added=sum(w.added for w in written),
        articles_skipped_existing=found.stored + sum(w.existing for w in written),
        duplicates=found.repeats,
        articles_without_claims=sum(w.without_claims for w in written),
        claims_added=sum(len(w.rowids) for w in written),
        claims_embedded=sum(w.embedded for w in written),
        new_claim_rowids=tuple(r for w in written for r in w.rowids),
        seconds=seconds,
    )


@dataclass(frozen=True)
class Reading:
    """What reading the given paths found: the articles, and what the report adds to the ingest's."""

    articles: tuple[Article, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()  # (where, why)
    warnings: tuple[str, ...] = ()
    duplicates: int = 0  # rows or files repeating another's text

    def into(self, report: IngestReport) -> IngestReport:
        """The ingest's report with what reading found first."""
        return report.after_reading(self.duplicates, self.skipped, self.warnings)


def read_inputs(
    paths: Iterable[str | os.PathLike[str]], mapping: Any, max_bytes: int, default_source: str
) -> Reading:
    """Read every path (files, folders) whole. A file given directly that cannot be read raises InputError;
    inside a folder, bad files are skipped and reported. `mapping`: an importers.ColumnMapping or None."""
    from verifier.io.importers import ColumnMapping, read_path

    articles: list[Article] = []
    skipped: list[tuple[str, str]] = []
    warnings: list[str] = []
    duplicates = 0
    for path in paths:
        result = read_path(path, mapping or ColumnMapping(), max_bytes, default_source)
        articles += result.articles
        skipped += [(s.where, s.reason) for s in result.skipped]
        warnings += result.warnings
        duplicates += result.duplicates
    return Reading(tuple(articles), tuple(skipped), tuple(warnings), duplicates)
