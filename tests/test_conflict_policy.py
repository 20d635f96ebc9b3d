"""The one conflict policy the check, the scan and the event table apply: which reports can disagree, and
which judgements are conflicts to show. Sentences written for these tests."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from verifier.compare import ClaimText, relate
from verifier.core.records import Article
from verifier.quantities import extract
from verifier.services import check, scan
from verifier.services.conflict_policy import (
    SCAN_MAX_REPORT_DAYS,
    days_apart,
    marked_label,
    may_be_in_a_flag,
    may_be_worth_flagging,
    quote_two_voices,
    report_date,
    reports_may_disagree,
    voice,
    worth_flagging,
)
from verifier.services.rivals import (
    counts_another_incident,
    different_sites,
    is_aggregate,
    recalls_earlier,
    rival_counts,
)


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
    assert check.share_measure.__module__ == "verifier.services.conflict_policy"


# -- rival counts of one incident (the scan's queue) -------------------------------------------------


def _frames(text: str, date: str) -> SimpleNamespace:
    return SimpleNamespace(basis=None, a_figures=tuple(extract(text, date)), b_figures=())


@pytest.mark.parametrize(
    ("text", "date", "recalled"),
    [
        ("On March 4, shelling of the Pellan market killed nine people.", "2021-03-20", True),
        ("In January more than 40 people were killed by raids on the town.", "2021-03-20", True),
        ("Shelling of the Pellan market killed nine people on Thursday.", "2021-03-20", False),
        ("Shelling of the Pellan market killed nine people on March 19.", "2021-03-20", False),
        ("In March more than 40 people were killed by raids on the town.", "2021-03-20", False),
        ("At least 80 people have been killed since March 2 in the town.", "2021-03-20", False),
    ],
)
def test_a_figure_dated_before_the_report_days_recalls_an_earlier_incident(
    text: str, date: str, recalled: bool
) -> None:
    assert recalls_earlier(text, _frames(text, date).a_figures, date) is recalled


@pytest.mark.parametrize(
    ("text", "aggregate"),
    [
        ("At least 80 people have been killed since March 2 in the town.", True),
        ("Since Jan. 9, at least 212 civilians have been killed in the province.", True),
        ("Some 90 fighters were killed in a series of raids over the past 48 hours.", True),
        ("Rescuers said 31 people died in strikes on the city since dawn.", True),
        ("A car bomb killed 12 people in the Pellan market on Friday.", False),
        ("It was the deadliest bombing since the war began, with 12 people killed.", False),
        ("At least 54 aid workers have been killed on duty since the conflict began.", True),
        ("The monitor said 213 civilians have been killed in the city since the truce collapsed.", True),
        ("A total of 12 people were killed in the blast, rescuers said.", False),
    ],
)
def test_a_total_over_a_span_or_a_series_is_an_aggregate(text: str, aggregate: bool) -> None:
    figures = [q for q in extract(text, "2021-03-20") if q.is_count]
    assert is_aggregate(text, figures) is aggregate


@pytest.mark.parametrize(
    ("a", "b", "rivals"),
    [
        # one incident, two counts: a queue entry
        (
            "A car bomb killed 12 people in Pellan on Friday.",
            "A car bomb killed 17 people in Pellan on Friday.",
            True,
        ),
        # a running total against one day's toll
        (
            "At least 80 people have been killed in Pellan since March 2.",
            "A car bomb killed 17 people in Pellan on Friday.",
            False,
        ),
        # an earlier incident recalled as background against the day's news
        (
            "On March 4, a car bomb killed nine people in Pellan.",
            "A car bomb killed 17 people in Pellan on Friday.",
            False,
        ),
        # two running totals may still disagree
        (
            "At least 80 people have been killed in Pellan since March 2.",
            "At least 95 people have been killed in Pellan since March 2.",
            True,
        ),
    ],
)
def test_rival_counts_sets_totals_and_recalled_incidents_apart(a: str, b: str, rivals: bool) -> None:
    date = "2021-03-20"
    judgement = SimpleNamespace(
        basis=None, a_figures=tuple(extract(a, date)), b_figures=tuple(extract(b, date))
    )
    assert rival_counts(ClaimText(a, date=date), ClaimText(b, date=date), judgement) is rivals


@pytest.mark.parametrize(
    ("text", "aggregate"),
    [
        ("Shelling killed six people and wounded 30 in Tarsa, Velm and Oskar, the agency said.", True),
        ("Raids on Tarsa and Velm killed 14 civilians, a monitor said.", False),  # "on": the targets
        ("Attacks in Tarsa and its countryside Velm Oskar and Brill wounded 25 people.", True),
        ("A car bomb in Tarsa killed 12 people on Friday, rescuers said.", False),
        ("A car bomb in Deir al-Mora killed 12 people on Friday.", False),
    ],
)
def test_a_figure_set_in_a_list_of_places_is_an_aggregate(text: str, aggregate: bool) -> None:
    figures = [q for q in extract(text, "2021-03-20") if q.is_count]
    assert is_aggregate(text, figures) is aggregate


@pytest.mark.parametrize(
    ("text", "another"),
    [
        ("Another air strike hit a village to the east, killing seven people.", True),
        ("In another attack, gunmen killed three soldiers near the border.", True),
        ("A bus on the coast road was also hit, leaving five dead.", True),
        ("Four people were killed and another 12 wounded in the blast.", False),
        ("The strike killed nine people, the second such attack this month.", False),
    ],
)
def test_a_sentence_can_say_it_counts_another_incident(text: str, another: bool) -> None:
    assert counts_another_incident(text) is another


def test_another_incident_is_no_rival_of_the_lead_incident() -> None:
    date = "2021-03-20"
    a = "A car bomb killed 12 people in Pellan on Friday."
    b = "Another car bomb killed 17 people on the ring road on Friday."
    judgement = SimpleNamespace(
        basis=None, a_figures=tuple(extract(a, date)), b_figures=tuple(extract(b, date))
    )
    assert not rival_counts(ClaimText(a, date=date), ClaimText(b, date=date), judgement)


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        ("Sunday 14 Aug 2016 Warplanes struck the town of Pellan again.", "2016-08-20", "2016-08-14"),
        ("Posted 4 April 2017. Twelve people died in the Pellan shelling.", "2017-04-02", "2017-04-04"),
        ("Pellan blast kills 12 AFP Wednesday 29 Oct 2014 A bomb exploded.", "2014-10-03", "2014-10-29"),
        ("April 11 2017 Ministers met in Velm to discuss the truce.", "2017-04-04", "2017-04-11"),
        ("11.10.2017 At least nine people were killed in Pellan.", "2017-10-01", "2017-10-11"),
        ("A bomb killed 12 people in Pellan on Friday.", "2016-08-20", "2016-08-20"),  # no dateline
    ],
)
def test_an_article_is_dated_by_its_own_dateline_first(text: str, published: str, day: str) -> None:
    assert str(report_date(Article.create(text, source="Outlet", published=published))) == day


def test_two_reports_whose_datelines_are_weeks_apart_are_not_compared() -> None:
    early = Article.create(
        "2 Sept 2016 A car bomb killed 12 people in Pellan.", source="A", published="2016-09-02"
    )
    late = Article.create("September 25 2016 Pellan a month on.", source="B", published="2016-09-03")
    assert days_apart(early, late) == 23
    assert not reports_may_disagree(_Report(early, ""), _Report(late, ""))


@pytest.mark.parametrize(
    ("a", "b", "different"),
    [
        # a round-up: each attack its own district
        (
            "Rockets hit the al-Varo neighbourhood of Tarsa, wounding three people.",
            "Shells fell on the Nile Gate neighbourhood in Tarsa, wounding four people.",
            True,
        ),
        (
            "Mortars struck Hadra village, wounding one person.",
            "Shells hit the town of Beln, wounding two.",
            True,
        ),
        (
            "Shells hit the Kesra area of Tarsa, wounding seven.",
            "Mortars struck Hadra village, wounding one.",
            True,
        ),
        # one district named by both
        (
            "Rockets hit the al-Varo neighbourhood of Tarsa, wounding three people.",
            "Four people were wounded when rockets struck al-Varo in Tarsa.",
            False,
        ),
        # only one side names a site: nothing is said of the other's
        (
            "Rockets hit the al-Varo neighbourhood of Tarsa, wounding three people.",
            "Rockets hit a neighbourhood of the city of Tarsa, wounding four people.",
            False,
        ),
        # a city holds many sites; naming two cities' neighbourhoods is for the other rules
        (
            "Shelling killed 12 people in the city of Tarsa.",
            "Shelling killed 9 people in the city of Velm.",
            False,
        ),
    ],
)
def test_two_named_sites_are_two_incidents(a: str, b: str, different: bool) -> None:
    assert different_sites(a, b) is different


@pytest.mark.parametrize(
    ("a", "b", "may"),
    [
        # one measure on both sides: may be flagged
        ("Floods killed 14 people in the valley.", "The floods in the valley killed 20.", True),
        # money says what it measures, whatever the other side counts
        ("The bridge cost $4 million to repair.", "Repairs to the bridge came to $9 million.", True),
        # two counts of different measures: never a flag, so never judged
        ("Floods killed 14 people in the valley.", "Some 300 homes in the valley were flooded.", False),
        # a count of unstated measure against a casualty count
        ("A crowd of 5,000 gathered in the square.", "Police arrested 14 people in the square.", False),
    ],
)
def test_the_scan_judges_only_pairs_that_could_be_flagged(a: str, b: str, may: bool) -> None:
    qa, qb = extract(a), extract(b)
    assert may_be_worth_flagging(qa, qb) is may
    if not may:  # the necessary condition holds: what the scan skips, worth_flagging would refuse
        judgement = relate(ClaimText(a), ClaimText(b))
        assert not worth_flagging(judgement)


@pytest.mark.parametrize(
    ("text", "may"),
    [
        ("Floods killed 14 people in the valley.", True),  # a count that names its measure
        ("The repairs came to $9 million.", True),  # money says what it is
        ("Turnout rose to 61 percent.", True),
        ("Two cars and a van were parked outside.", False),  # counts that name no measure
        ("The valley has three villages.", False),
    ],
)
def test_a_claim_is_searched_only_when_it_could_be_one_side_of_a_flag(text: str, may: bool) -> None:
    assert may_be_in_a_flag(extract(text)) is may
