"""A check's evidence is tied to the claim's incident: reports days apart and clashes naming no common place
or day are shown as related, with the reason, not counted as corroborating or conflicting.

Every sentence, town and outlet here was written for these tests.
"""

from __future__ import annotations

import pytest

from verifier.compare import ClaimText, relate
from verifier.core.records import Article
from verifier.services.check import check_claim
from verifier.services.conflict_policy import SCAN_MAX_REPORT_DAYS, days_between, tied_to_one_incident
from verifier.services.workspace import Workspace

DAY = "2021-03-02"  # a Tuesday
VARNELL = "Shelling killed 9 people in Varnell, medics said."


@pytest.mark.parametrize(
    ("a", "b", "days"),
    [
        ("2021-03-02", "2021-03-05", 3),
        ("2021-03-05", "2021-03-02", 3),
        ("2021-03-02", "3/12/2021", 10),  # any form the importer reads
        ("2021-03-02", None, None),
        (None, None, None),
        ("2021-03-02", "not a date", None),
    ],
)
def test_days_between_two_report_dates(a: str | None, b: str | None, days: int | None) -> None:
    assert days_between(a, b) == days


@pytest.mark.parametrize(
    ("claim", "passage", "title", "article", "tied"),
    [
        # one place named by both
        (VARNELL, "Medics said 30 people were killed in Varnell.", "", "", True),
        # the claim names the passage's town without "in"; another spelling of it
        ("The Varnell shelling killed 9 people.", "Medics said 30 were killed in Varnell.", "", "", True),
        (VARNELL, "Medics said 30 people were killed in Varnel.", "", "", True),
        # two towns
        (VARNELL, "Medics said 30 people were killed in Ostrova.", "", "", False),
        # the passage's title places it
        (VARNELL, "Medics said 30 people were killed.", "Shelling in Varnell", "", True),
        # its article names the claim's town in the lead
        (
            VARNELL,
            "Medics said 30 people were killed in the shelling.",
            "",
            "The town of Varnell came under fire at dawn.",
            True,
        ),
        # its article is elsewhere, and neither names a day
        (
            VARNELL,
            "Medics said 30 people were killed in the shelling.",
            "",
            "Fighting went on near the border all night.",
            False,
        ),
        # one day stated by both
        (
            "Shelling killed 9 people in Varnell on Tuesday.",
            "Medics said 30 people were killed on Tuesday.",
            "",
            "",
            True,
        ),
        # the claim states no day; the passage's figures are of the day the claim was made
        (
            "Shelling killed 9 people, medics said.",
            "Shelling killed 30 people on Tuesday, medics said.",
            "",
            "",
            True,
        ),
        # ... or of the day before: the figures of another day's news
        (
            "Shelling killed 9 people, medics said.",
            "Shelling killed 30 people on Monday, medics said.",
            "",
            "",
            False,
        ),
        # no place, no day on either side: two figures of one beat
        (
            "Shelling killed 9 people, medics said.",
            "Medics said 30 people were killed by shelling.",
            "",
            "",
            False,
        ),
    ],
)
def test_a_clash_is_tied_to_one_incident_by_a_place_or_a_day(
    claim: str, passage: str, title: str, article: str, tied: bool
) -> None:
    mine = ClaimText(claim, "", DAY)
    theirs = ClaimText(passage, "Hill Post", DAY, setting=title, context=f"{article} {passage}".strip())
    assert tied_to_one_incident(mine, theirs, relate(mine, theirs)) is tied


def _report(text: str, source: str, published: str, title: str = "") -> Article:
    return Article.create(text, source=source, title=title or f"{source} report", published=published)


def test_a_report_days_apart_is_related_not_corroborating(workspace: Workspace) -> None:
    apart = SCAN_MAX_REPORT_DAYS + 7
    workspace.ingest_articles(
        [
            _report("Shelling killed 9 people in Varnell on Tuesday, medics said.", "North Post", DAY),
            _report(VARNELL, "Ridge Times", f"2021-03-{2 + apart:02d}"),
        ]
    )
    result = check_claim(workspace, VARNELL, floor=0.0, published=DAY)
    assert [e.source for e in result.corroborating] == ["North Post"]
    (later,) = [e for e in result.related if e.source == "Ridge Times"]
    assert later.relation == "similar"
    assert f"(not counted: reported {apart} days from the claim" in later.explanation
    assert result.summary.startswith("1 source corroborates")


def test_without_a_claim_date_reports_are_not_set_apart_by_their_date(workspace: Workspace) -> None:
    workspace.ingest_articles([_report(VARNELL, "Ridge Times", "2021-03-30")])
    result = check_claim(workspace, VARNELL, floor=0.0)
    assert [e.source for e in result.corroborating] == ["Ridge Times"]


def test_a_clash_tied_by_its_day_conflicts_and_an_untied_one_is_set_apart(workspace: Workspace) -> None:
    workspace.ingest_articles(
        [
            _report("Shelling killed 30 people on Tuesday, medics said.", "Hill Post", DAY),
            _report("Shelling killed 40 people on Monday, medics said.", "Plain Daily", DAY),
        ]
    )
    result = check_claim(workspace, "Shelling killed 9 people, medics said", floor=0.0, published=DAY)
    assert [e.source for e in result.conflicting] == ["Hill Post"]
    (untied,) = [e for e in result.related if e.source == "Plain Daily"]
    assert untied.relation == "similar"
    assert "(not counted: the two name no common place or day" in untied.explanation
    assert "1 conflicts: Hill Post says 30" in result.summary


def test_a_claim_that_names_no_place_or_day_is_tied_by_the_judgement_alone(workspace: Workspace) -> None:
    """A pasted sentence without date, place or day gives nothing to tie a passage by: its clash with a
    report of the same wording counts as a conflict, as the judgement reads it."""
    workspace.ingest_articles(
        [
            _report(
                "Nine hikers died when the Kestrel Ridge footbridge gave way, rescuers said.",
                "Hill Post",
                DAY,
            )
        ]
    )
    result = check_claim(
        workspace, "Fourteen hikers died when the Kestrel Ridge footbridge gave way", floor=0.0
    )
    assert [e.source for e in result.conflicting] == ["Hill Post"]
