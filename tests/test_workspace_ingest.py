"""The ingest's steps (verifier.services.workspace_ingest) on their own: which inputs are new, how the new
articles are cut into batches and when the progress is told. Every sentence was written for these tests."""

from __future__ import annotations

import pytest

from verifier.core.records import Article, Claim
from verifier.services.workspace_ingest import batches, triage

A, B, C = (
    Article.create(f"The {name} bridge carried {n} cars a day.", source="Test Desk", title=name)
    for name, n in (("north", 200), ("south", 300), ("east", 400))
)


@pytest.mark.parametrize(
    ("items", "stored", "new", "repeats", "already"),
    [
        ((A, B, C), set(), (True, True, True), 0, 0),
        ((A, A, B), set(), (True, False, True), 1, 0),
        ((A, B, A), {B.id}, (True, False, False), 1, 1),
        ((B, B, B), {B.id}, (False, False, False), 2, 1),  # stored, then repeats of it
        ((), set(), (), 0, 0),
    ],
)
def test_triage(
    items: tuple[Article, ...], stored: set[str], new: tuple[bool, ...], repeats: int, already: int
) -> None:
    asked: list[str] = []

    def has_article(article_id: str) -> bool:
        asked.append(article_id)
        return article_id in stored

    found = triage(items, has_article)
    assert (found.new, found.repeats, found.stored) == (new, repeats, already)
    assert len(asked) == len(set(asked))  # the store is asked once per id


def _two_claims(article: Article) -> list[Claim]:
    half = len(article.text) // 2
    return [
        Claim.create(article.id, article.text[:half], 0, half, 0),
        Claim.create(article.id, article.text[half:], half, len(article.text), 1),
    ]


def test_batches_fill_up_to_the_claim_limit_and_progress_follows_each_written_batch() -> None:
    told: list[tuple[int, int]] = []
    items = [A, B, A, C]
    pending = batches(items, [True, True, False, True], _two_claims, 4, lambda d, t: told.append((d, t)))
    first = next(pending)
    assert [a.id for a, _ in first] == [A.id, B.id] and told == []  # told only once the batch is written
    last = next(pending)
    assert told == [(2, 4), (3, 4), (4, 4)]  # the repeat passes at once; the last input even if unwritten
    assert [a.id for a, _ in last] == [C.id]
    assert next(pending, None) is None and told[-1] == (4, 4)
