"""The one conflict policy the check, the scan and the event table apply: which reports can disagree, and
which judgements are conflicts to show. Sentences written for these tests."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from verifier import check, scan
from verifier.conflict_policy import (
    SCAN_MAX_REPORT_DAYS,
    marked_label,
    quote_two_voices,
    reports_may_disagree,
    voice,
    worth_flagging,
)
from verifier.quantities import extract
from verifier.records import Article


@dataclass
class _Report:
    article: Article
    voice: str


def _article(published: str | None, text: str = "a report") -> Article:
    return Article.create(text + (published or ""), source="Outlet", published=published)


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Army officials said 27 fighters were killed.", "army officials"),
        ("At least 12 people died, police said.", "police"),
        ("Nine people were killed in the crash.", ""),  # the outlet's own statement: no voice
    ],
)
def test_voice_is_who_the_figures_come_from(text: str, who: str) -> None:
    assert voice(text, extract(text)) == who


@pytest.mark.parametrize(
    ("a", "b", "two"),
    [
        ("Army officials said 27 were killed.", "Hospital staff said 13 were killed.", True),
        # "officials" may be the "medical officials" of the next line: one voice
        ("Officials said at least 27 were killed.", "Medical officials said 13 were killed.", False),
        ("Nine people were killed in the crash.", "Hospital staff said 13 were killed.", False),
    ],
)
def test_two_voices_in_one_article(a: str, b: str, two: bool) -> None:
    assert quote_two_voices(a, b) is two


@pytest.mark.parametrize(
    ("first", "second", "may"),
    [
        ("2024-03-10", "2024-03-10", True),
        ("2024-03-10", f"2024-03-{10 + SCAN_MAX_REPORT_DAYS}", True),
        ("2024-03-10", f"2024-03-{11 + SCAN_MAX_REPORT_DAYS}", False),  # a later report: an update at most
        ("2024-03-10", None, True),  # undated: only meaning decides
    ],
)
def test_two_articles_may_disagree_when_published_days_apart_at_most(
    first: str, second: str | None, may: bool
) -> None:
    a, b = _Report(_article(first, "one"), ""), _Report(_article(second, "two"), "")
    assert reports_may_disagree(a, b) is may


@pytest.mark.parametrize(
    ("voice_a", "voice_b", "may"),
    [
        ("army officials", "hospital staff", True),
        ("officials", "medical officials", False),
        ("", "police", False),
    ],
)
def test_one_article_may_disagree_with_itself_only_in_two_voices(
    voice_a: str, voice_b: str, may: bool
) -> None:
    article = _article("2024-03-10")
    assert reports_may_disagree(_Report(article, voice_a), _Report(article, voice_b)) is may


def _judgement(label: str, a: str, b: str) -> SimpleNamespace:
    return SimpleNamespace(label=label, a_figures=tuple(extract(a)), b_figures=tuple(extract(b)), basis=None)


@pytest.mark.parametrize(
    ("label", "a", "b", "marked"),
    [
        ("conflict", "13 people were killed.", "27 people were killed.", "conflict"),
        # one figure restated with another qualifier
        ("conflict", "More than 19 civilians were killed.", "19 civilians were killed.", "other"),
        # no measure in common: a crowd against arrests
        ("conflict", "A crowd of 5,000 marched through the town.", "14 protesters were arrested.", "other"),
        ("update", "13 people were killed.", "27 people were killed.", "update"),
        ("agree", "13 people were killed.", "13 people died.", "agree"),
    ],
)
def test_the_table_marks_only_conflicts_the_scan_would_flag(label: str, a: str, b: str, marked: str) -> None:
    judgement = _judgement(label, a, b)
    assert marked_label(judgement) == marked
    assert worth_flagging(judgement) is (marked == "conflict")


def test_the_old_import_paths_give_the_policy() -> None:
    assert scan.worth_flagging is worth_flagging and scan.quote_two_voices is quote_two_voices
    assert check.share_measure.__module__ == "verifier.conflict_policy"
