"""The contradiction scan: incremental, stored once per pair, decisions kept across re-scans and re-ingests.

Every sentence here was written for these tests (a fictional bus crash near "Marrow Bay", a fictional
battle in "Sarvo"). The demo-corpus test at the end uses the repository's own demo articles in data/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from verifier.core.errors import InputError, NotFoundError
from verifier.core.records import Article
from verifier.core.settings import Settings
from verifier.io.embed import SentenceTransformerEmbedder
from verifier.quantities import extract
from verifier.services.export import FlaggedPair, flagged_pairs
from verifier.services.scan import rescan_all, restates, review, scan_new
from verifier.services.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]

BAY_HERALD = Article.create(
    "A bus plunged off the coast road near Marrow Bay on Sunday night, killing 9 passengers, police said. "
    "Another 16 passengers were injured and taken to the county hospital.",
    source="Bay Herald",
    title="Nine dead in Marrow Bay bus crash",
    published="2021-06-07",
    url="https://test.example/bay-herald/bus-crash",
)
CAPITAL_DAILY = Article.create(
    "Twenty-two passengers were killed when a bus left the coast road near Marrow Bay on Sunday night, "
    "a regional official said. Rescue crews worked until dawn to reach the wreck on the rocks below.",
    source="Capital Daily",
    title="Bus crash near Marrow Bay",
    published="2021-06-07",
    url="https://test.example/capital-daily/bus-crash",
)
COAST_FM = Article.create(
    "Nine passengers died after a bus crashed off the coast road near Marrow Bay on Sunday night, police "
    "said. The driver was among the 16 people injured.",
    source="Coast FM",
    title="Marrow Bay crash kills nine",
    published="2021-06-07",
)
PELLOW_POST = Article.create(
    "The town council of Pellow approved a new library budget of 2 million dollars on Tuesday. "
    "Building work is due to start in the spring.",
    source="Pellow Post",
    title="Library budget approved",
    published="2021-06-08",
)
CRASH = [BAY_HERALD, CAPITAL_DAILY, COAST_FM, PELLOW_POST]
# Two figures for one toll a few lines apart in one article: a within-article conflict.
SARVO = Article.create(
    "Fighting in the hill town of Sarvo killed at least 30 rebels on Friday, army officials said. "
    "The army said its units had taken the old fort. "
    "Hospital staff in Sarvo said 12 rebels were killed in the fighting on Friday.",
    source="Frontier News",
    title="Army takes Sarvo fort",
    published="2021-09-11",
)


def texts(pair: FlaggedPair) -> set[str]:
    return {pair.a.text, pair.b.text}


def sources(pair: FlaggedPair) -> set[str]:
    return {pair.a.source, pair.b.source}


def test_scan_flags_outlets_that_disagree_and_not_those_that_agree(workspace: Workspace) -> None:
    workspace.ingest_articles(CRASH)
    report = scan_new(workspace)
    pairs = flagged_pairs(workspace)
    assert {frozenset(sources(p)) for p in pairs} == {
        frozenset({"Bay Herald", "Capital Daily"}),
        frozenset({"Coast FM", "Capital Daily"}),
    }
    assert all(p.contradiction.relation == "conflict" and p.contradiction.status == "new" for p in pairs)
    assert "22" in pairs[0].contradiction.explanation and "9" in pairs[0].contradiction.explanation
    assert (report.flagged, report.new) == (2, 2)
    assert report.claims_scanned == workspace.store.count_claims()
    assert report.summary().startswith(f"Scanned {report.claims_scanned} claims (")


def test_scan_flags_a_conflict_within_one_article(workspace: Workspace) -> None:
    workspace.ingest_articles([SARVO])
    scan_new(workspace)
    [pair] = flagged_pairs(workspace)
    assert pair.a.article_id == pair.b.article_id == SARVO.id
    assert {"at least 30" in t or "12 rebels" in t for t in texts(pair)} == {True}


def test_one_voice_in_one_article_is_not_a_conflict(workspace: Workspace) -> None:
    # A round-up: two incidents, two tolls, no second source quoted. Not a contradiction.
    roundup = Article.create(
        "Shelling killed 12 people in the north of Sarvo on Friday. "
        "In the south of the town, 3 people were killed when a rocket hit a market.",
        source="Frontier News",
        title="Sarvo round-up",
        published="2021-09-11",
    )
    workspace.ingest_articles([roundup])
    scan_new(workspace)
    assert flagged_pairs(workspace) == []


def test_reports_weeks_apart_are_not_compared(workspace: Workspace) -> None:
    later = Article.create(
        CAPITAL_DAILY.text,
        source="Capital Daily",
        title=CAPITAL_DAILY.title + " (archive)",
        published="2021-07-20",
    )
    workspace.ingest_articles([BAY_HERALD, later])
    scan_new(workspace)
    assert flagged_pairs(workspace) == []


def test_the_scan_reads_a_neighbours_figures_only_when_the_dates_allow_a_disagreement(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading figures is the scan's cost: a neighbour from a report weeks apart is dropped on its date
    alone, and its sentences are never read for figures (the new claims' own are)."""
    later = Article.create(
        CAPITAL_DAILY.text,
        source="Capital Daily",
        title=CAPITAL_DAILY.title + " (archive)",
        published="2021-07-20",
    )
    workspace.ingest_articles([later])
    scan_new(workspace)
    workspace.ingest_articles([BAY_HERALD])
    read: list[str] = []
    import verifier.services.scan as scan_module

    def counting(text: str, published: str | None = None) -> list[object]:
        read.append(text)
        return list(extract(text, published))

    monkeypatch.setattr(scan_module, "extract", counting)
    report = scan_new(workspace)
    assert report.claims_scanned == 2 and report.candidate_pairs == 0
    assert read and all(t in BAY_HERALD.text for t in read)


@pytest.mark.parametrize(
    "text",
    [
        # (the relation itself already sets the first two apart; rival_counts is a second guard for them)
        # a running total over a span, not a rival count of Sunday's crash
        "Since January 3, 22 passengers have been killed in crashes on the coast road near Marrow Bay, "
        "police said.",
        # an earlier crash recalled as background
        "On May 2, a bus crash on the coast road near Marrow Bay killed 22 passengers, police said.",
        # another incident than the article's lead
        "Another bus crash on the coast road near Marrow Bay killed 22 passengers on Sunday night.",
    ],
)
def test_totals_recalled_and_other_crashes_are_not_set_against_one_crash(
    workspace: Workspace, text: str
) -> None:
    other = Article.create(text, source="Capital Daily", title="Coast road deaths", published="2021-06-07")
    workspace.ingest_articles([BAY_HERALD, other])
    scan_new(workspace)
    assert flagged_pairs(workspace) == []


def test_reports_are_dated_by_their_own_dateline(workspace: Workspace) -> None:
    # filed under the crash's day, but its own dateline is six weeks later: a later report, not a rival
    later = Article.create(
        "20 July 2021 " + CAPITAL_DAILY.text,
        source="Capital Daily",
        title="Bus crash",
        published="2021-06-07",
    )
    workspace.ingest_articles([BAY_HERALD, later])
    scan_new(workspace)
    assert flagged_pairs(workspace) == []


def test_flags_between_outlets_rank_before_an_outlet_against_itself(workspace: Workspace) -> None:
    follow_up = Article.create(
        "Twenty passengers were killed when a bus left the coast road near Marrow Bay on Sunday night, "
        "a regional official said.",
        source="Capital Daily",
        title="Marrow Bay toll",
        published="2021-06-08",
    )
    workspace.ingest_articles([BAY_HERALD, CAPITAL_DAILY, follow_up])
    scan_new(workspace)
    found = flagged_pairs(workspace)
    assert [sorted(sources(p)) for p in found] == [["Bay Herald", "Capital Daily"], ["Capital Daily"]]
    assert found[0].contradiction.score > found[1].contradiction.score


def test_scan_is_incremental_and_never_duplicates(workspace: Workspace) -> None:
    workspace.ingest_articles([BAY_HERALD, PELLOW_POST])
    first = scan_new(workspace)
    assert first.flagged == 0
    again = scan_new(workspace)
    assert again.claims_scanned == 0  # nothing new: nothing judged

    workspace.ingest_articles([CAPITAL_DAILY])
    second = scan_new(workspace)
    assert second.claims_scanned == len(workspace.store.claims_of_article(CAPITAL_DAILY.id))
    assert (second.flagged, second.new) == (1, 1)

    full = rescan_all(workspace)
    assert (full.flagged, full.new) == (1, 0)
    assert workspace.store.count_contradictions() == 1


def test_review_decisions_survive_rescan_and_reingest(workspace: Workspace) -> None:
    workspace.ingest_articles(CRASH)
    scan_new(workspace)
    first, second = flagged_pairs(workspace)
    review(workspace, first.id, "confirm", note="checked with the county police")
    review(workspace, second.id, "dismiss")

    rescan_all(workspace)
    workspace.ingest_articles(CRASH)  # the same articles again: stored once
    scan_new(workspace)
    status = {p.id: (p.contradiction.status, p.contradiction.note) for p in flagged_pairs(workspace)}
    assert status == {first.id: ("confirmed", "checked with the county police"), second.id: ("dismissed", "")}

    # Deleted and ingested again: same claim ids, so the pair and its decision come back together.
    workspace.delete_article(CAPITAL_DAILY.id)
    assert flagged_pairs(workspace) == []
    workspace.ingest_articles([CAPITAL_DAILY])
    scan_new(workspace)
    status = {p.id: (p.contradiction.status, p.contradiction.note) for p in flagged_pairs(workspace)}
    assert status == {first.id: ("confirmed", "checked with the county police"), second.id: ("dismissed", "")}


@pytest.mark.parametrize(
    ("decision", "status"),
    [("confirm", "confirmed"), ("dismiss", "dismissed"), ("reopen", "new"), ("Confirmed", "confirmed")],
)
def test_review_decisions(workspace: Workspace, decision: str, status: str) -> None:
    workspace.ingest_articles([BAY_HERALD, CAPITAL_DAILY])
    scan_new(workspace)
    [pair] = flagged_pairs(workspace)
    decided = review(workspace, pair.id, decision, note="a note")
    assert (decided.status, decided.note) == (status, "a note")
    assert decided.reviewed_at is not None


def test_review_rejects_unknown_decisions_and_ids(workspace: Workspace) -> None:
    workspace.ingest_articles([BAY_HERALD, CAPITAL_DAILY])
    scan_new(workspace)
    [pair] = flagged_pairs(workspace)
    with pytest.raises(InputError, match="use confirm, dismiss or reopen"):
        review(workspace, pair.id, "maybe")
    with pytest.raises(NotFoundError, match="verifier conflicts"):
        review(workspace, "0000000000000000", "confirm")


def test_scan_of_an_empty_workspace(workspace: Workspace) -> None:
    report = scan_new(workspace)
    assert (report.claims_scanned, report.flagged) == (0, 0)


# -- the demo corpus, with the real model ----------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory, model_embedder: SentenceTransformerEmbedder
) -> Iterator[Workspace]:
    settings = Settings(workspace=tmp_path_factory.mktemp("demo"))
    with Workspace.open(settings, embedder=model_embedder) as ws:
        ws.ingest_paths([REPO / "data"])
        scan_new(ws)
        yield ws


def flagged_with(pairs: list[FlaggedPair], one: str, other: str) -> bool:
    return any(
        (one in p.a.text and other in p.b.text) or (one in p.b.text and other in p.a.text) for p in pairs
    )


@pytest.mark.model
@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("killed eight workers", "Fifteen workers died"),  # Port Almere fire
        pytest.param(
            "About 5,000 people marched",
            "More than 20,000 people",
            marks=pytest.mark.xfail(
                strict=True,
                reason="learned judgement, known gap: the two crowd estimates are not judged one incident",
            ),
        ),  # Astrava crowd, police vs organisers
        ("magnitude 5.8", "magnitude 6.4"),  # the quake: one quake has one magnitude
        ("Thirteen people were killed and 20 wounded", "40 militants from both sides"),  # Darna misreport
    ],
)
def test_demo_planted_conflicts_are_flagged(demo: Workspace, one: str, other: str) -> None:
    assert flagged_with(flagged_pairs(demo), one, other)


@pytest.mark.model
def test_demo_look_alike_events_are_never_flagged_against_each_other(demo: Workspace) -> None:
    # Bellhaven 2019, Orlen Ford 2021 and Kesh Varan 2018 read like the Port Almere, Velmora and Darna
    # reports but are other events: no flagged pair may join a distractor to another article.
    for p in flagged_pairs(demo):
        places = {p.a.date[:4] if p.a.date else "", p.b.date[:4] if p.b.date else ""}
        assert len(places) == 1, (p.a.text, p.b.text)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("More than 230,000 people have been killed since 2011.", "The war has killed 230,000 people.", True),
        ("Shelling killed 19 civilians on Sunday.", "More than 19 civilians were killed on Sunday.", True),
        (
            "Four civilians were killed and more than 70 wounded.",
            "Eight civilians were killed and 70 injured.",
            False,
        ),
        ("Nine passengers were killed.", "Twenty-two passengers were killed.", False),
    ],
)
def test_restated_figures_are_not_conflicts(a: str, b: str, same: bool) -> None:
    assert restates(extract(a), extract(b)) is same


# Figures that say what they measure by their kind are flagged without a casualty word.
SELF_DESCRIBED = [
    (
        "The council said the bridge repairs in Orvik would cost 12 million euros.",
        "The bridge repairs in Orvik will cost 19 million euros, the council said.",
    ),
    ("Turnout in the Harlow council vote was 61 percent.", "Turnout in the Harlow vote was 48 percent."),
]


@pytest.mark.parametrize(("one", "other"), SELF_DESCRIBED)
def test_money_and_percent_conflicts_are_flagged(workspace: Workspace, one: str, other: str) -> None:
    workspace.ingest_articles(
        [
            Article.create(one, source="Orvik Post", title="Council budget", published="2024-01-02"),
            Article.create(other, source="Harlow Herald", title="Council budget", published="2024-01-02"),
        ]
    )
    scan_new(workspace)
    [pair] = flagged_pairs(workspace)
    assert {pair.a.text, pair.b.text} == {one, other}
