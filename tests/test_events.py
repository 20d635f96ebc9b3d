"""Events (articles grouped by what they report) and the source-comparison table of one event.

Sentences were written for these tests; the model tests read the repository's demo articles (data/).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from test_scan import BAY_HERALD, CAPITAL_DAILY, COAST_FM, CRASH

from verifier.core.errors import NotFoundError
from verifier.core.records import Article, Event
from verifier.core.settings import Settings
from verifier.io.embed import SentenceTransformerEmbedder
from verifier.services.events import (
    DATE_FAR_PENALTY,
    article_similarity,
    build_events,
    build_table,
    cluster,
    cluster_similarity,
    lexical_similarity,
    list_events,
    names_of,
    year_penalty,
)
from verifier.services.events_labels import event_kind, event_label
from verifier.services.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]


def crash_event(ws: Workspace) -> Event:
    ws.ingest_articles(CRASH)
    claim_ids = tuple(
        c.id for a in (BAY_HERALD, CAPITAL_DAILY, COAST_FM) for c in ws.store.claims_of_article(a.id)
    )
    event = Event("crash", "Marrow Bay bus crash", claim_ids)
    ws.store.replace_events([event])
    return event


def test_table_has_a_row_per_measure_and_group_and_a_column_per_source(workspace: Workspace) -> None:
    table = build_table(workspace, crash_event(workspace).id)
    assert table.sources == ("Bay Herald", "Capital Daily", "Coast FM")
    killed = next(r for r in table.rows if r.measure == "killed")
    assert killed.group == "passengers"
    assert [c.figure for c in killed.cells_of("Bay Herald")] == ["9"]
    assert [c.figure for c in killed.cells_of("Capital Daily")] == ["Twenty-two"]
    assert [c.figure for c in killed.cells_of("Coast FM")] == ["Nine"]
    assert killed.has_conflict
    assert [c.conflict for _, cells in killed.cells for c in cells] == [True, True, True]
    cell = killed.cells_of("Capital Daily")[0]
    assert (cell.date, cell.attribution) == ("2021-06-07", "a regional official said")
    wounded = [r for r in table.rows if r.measure == "wounded"]
    assert not any(r.has_conflict for r in wounded)
    assert {(s, c.figure) for r in wounded for s, cells in r.cells for c in cells} == {
        ("Bay Herald", "16"),
        ("Coast FM", "16"),
    }


def test_table_records_are_one_flat_row_per_cell(workspace: Workspace) -> None:
    table = build_table(workspace, crash_event(workspace).id)
    records = table.to_records()
    assert len(records) == sum(len(cells) for r in table.rows for _, cells in r.cells)
    assert set(records[0]) >= {
        "event_id",
        "measure",
        "group",
        "source",
        "figure",
        "date",
        "attribution",
        "conflict",
    }
    assert table.to_dict()["sources"] == ["Bay Herald", "Capital Daily", "Coast FM"]


def test_parts_that_add_up_are_noted(workspace: Workspace) -> None:
    article = Article.create(
        "Officials said 40 soldiers were killed in the two assaults on the border post on Monday. "
        "The first assault killed 25 soldiers and the second killed 15 soldiers, the officials said.",
        source="Border Times",
        title="Border post attacked twice",
        published="2020-02-03",
    )
    workspace.ingest_articles([article])
    event = Event("border", "Border post", tuple(c.id for c in workspace.store.claims_of_article(article.id)))
    workspace.store.replace_events([event])
    notes = build_table(workspace, "border").notes
    assert any("25" in n and "15" in n and "= 40" in n and "add up" in n for n in notes), notes


def _event_of(ws: Workspace, articles: list[Article]) -> str:
    ws.ingest_articles(articles)
    ids = tuple(c.id for a in articles for c in ws.store.claims_of_article(a.id))
    ws.store.replace_events([Event("fire", "Depot fire", ids)])
    return "fire"


def _rows(ws: Workspace, event_id: str) -> dict[tuple[str, str], int]:
    return {(r.measure, r.group): len(r.cells) for r in build_table(ws, event_id).rows}


def test_one_count_named_by_two_groups_in_two_reports_is_one_row(workspace: Workspace) -> None:
    a = Article.create("The depot fire killed 6 workers.", source="Tarn Post", published="2021-05-07")
    b = Article.create("Six people died in Friday's depot fire.", source="Vale News", published="2021-05-07")
    rows = _rows(workspace, _event_of(workspace, [a, b]))
    assert rows.get(("killed", "people")) == 2 and ("killed", "workers") not in rows, rows


def test_a_later_toll_under_the_other_group_word_of_a_merged_row_is_marked_an_update(
    workspace: Workspace,
) -> None:
    a = Article.create(
        "The depot fire in Tarnby killed 6 workers on Friday, police said.",
        source="Tarn Post",
        published="2021-05-07",
    )
    b = Article.create(
        "The death toll from Friday's depot fire in Tarnby has risen to 9 people, police said.",
        source="Vale News",
        published="2021-05-09",
    )
    table = build_table(workspace, _event_of(workspace, [a, b]))
    [row] = [r for r in table.rows if r.measure == "killed"]
    marks = {c.figure: c.update for _, cells in row.cells for c in cells}
    assert marks == {"6": False, "9": True}, marks


def test_groups_one_report_counts_apart_keep_their_rows(workspace: Workspace) -> None:
    a = Article.create("The depot fire killed 6 workers.", source="Tarn Post", published="2021-05-07")
    b = Article.create(
        "The depot fire killed 9 people on Friday. The blaze killed 6 workers inside the depot.",
        source="Vale News",
        published="2021-05-07",
    )
    rows = _rows(workspace, _event_of(workspace, [a, b]))
    assert ("killed", "people") in rows and ("killed", "workers") in rows, rows


def test_figures_of_other_events_recalled_for_context_stay_out_of_the_table(workspace: Workspace) -> None:
    a = Article.create(
        "The depot fire killed 6 workers. It was the worst fire in the port since 1994, when 11 people died. "
        "The tremor that followed measured magnitude 3.1; of 4 aftershocks the strongest had magnitude 2.2.",
        source="Tarn Post",
        published="2021-05-07",
    )
    table = build_table(workspace, _event_of(workspace, [a]))
    shown = {c.figure for r in table.rows for _, cells in r.cells for c in cells}
    assert {"6", "3.1"} <= shown and not {"11", "2.2"} & shown, shown


def test_unknown_event_is_a_clear_error(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError, match="verifier events"):
        build_table(workspace, "nope")


def test_list_events_groups_when_nothing_is_stored(workspace: Workspace) -> None:
    assert list_events(workspace) == []
    workspace.ingest_articles(CRASH)
    events = list_events(workspace)
    assert sum(e.articles for e in events) == len(CRASH)
    assert events == sorted(events, key=lambda e: (-e.articles, -len(e.sources), e.label))


def test_cluster_keeps_look_alike_reports_apart_when_dates_are_far() -> None:
    base = np.ones((1, 8), dtype=np.float32) / np.sqrt(8)
    vectors = np.repeat(base, 4, axis=0)  # four articles that read exactly alike
    dates = [dt.date(2021, 6, 7), dt.date(2021, 6, 8), dt.date(2019, 2, 14), None]
    labels = cluster(vectors, dates, threshold=0.2)
    assert labels[0] == labels[1] == labels[3]  # an undated article joins by meaning alone
    assert labels[2] != labels[0]  # two years apart: another event of the same kind


# Written for these tests: two reports of one mine collapse, one of another mine accident eleven years
# earlier, and an unrelated report.
COLLAPSE_A = "A tunnel collapsed at the Dorrow Creek mine in 2012, trapping eleven miners underground."
COLLAPSE_B = "Rescuers reached the eleven miners trapped by the Dorrow Creek tunnel collapse of 2012."
COLLAPSE_OLD = "Eleven miners were trapped in 2001 when a tunnel flooded at the Harlan Ridge colliery."
HARVEST = "Farmers in the valley brought in a record wheat harvest after a mild spring."


@pytest.mark.parametrize(
    ("texts", "dates", "penalised"),
    [
        ([COLLAPSE_A, COLLAPSE_OLD], [None, None], True),  # undated, years with nothing in common
        ([COLLAPSE_A, COLLAPSE_B], [None, None], False),  # undated, one year shared
        ([COLLAPSE_A, HARVEST], [None, None], False),  # one names no year: nothing to go by
        ([COLLAPSE_A, COLLAPSE_OLD], [dt.date(2012, 5, 1), None], False),  # a published date says more
        (["Counted 1200 votes.", "Counted 3400 votes."], [None, None], False),  # counts are not years
    ],
)
def test_year_penalty(texts: list[str], dates: list[dt.date | None], penalised: bool) -> None:
    got = year_penalty(texts, dates)
    assert got[0, 1] == got[1, 0] == (DATE_FAR_PENALTY if penalised else 0.0)
    assert got[0, 0] == got[1, 1] == 0.0


def test_undated_reports_of_one_incident_group_and_the_same_kind_years_earlier_stays_apart() -> None:
    texts = [COLLAPSE_A, COLLAPSE_B, COLLAPSE_OLD, HARVEST]
    labels = cluster_similarity(article_similarity(texts, [None] * 4))
    assert labels[0] == labels[1]
    assert len({labels[0], labels[2], labels[3]}) == 3
    by_words_alone = cluster_similarity(lexical_similarity(texts))
    assert by_words_alone[2] == by_words_alone[0]  # the years told them apart


def test_lexical_similarity_of_texts_without_words_is_only_each_with_itself() -> None:
    assert lexical_similarity(["the and of", "it is"]).tolist() == [[1.0, 0.0], [0.0, 1.0]]
    assert lexical_similarity(["the and of", "wheat harvest"]).tolist() == [[1.0, 0.0], [0.0, 1.0]]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("A bus crashed near Marrow Bay on Sunday.", {"marrow bay", "marrow", "bay"}),
        ("Police said nine people died. Rescue crews came.", set()),  # sentence-initial words are words
        ("The Shura Council said on Thursday.", {"shura council", "shura"}),
        # a title and the first line of the text are not one name; a number word is not a name
        ("Crash near Lorn Quay\nThirty-one passengers were hurt.", {"lorn quay", "lorn", "quay"}),
        ("Officials said Twenty-two people were hurt.", set()),
    ],
)
def test_names_of(text: str, names: set[str]) -> None:
    assert names_of(text) == names


# -- the demo corpus with the real model ---------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory, model_embedder: SentenceTransformerEmbedder
) -> Iterator[Workspace]:
    settings = Settings(workspace=tmp_path_factory.mktemp("demo-events"))
    with Workspace.open(settings, embedder=model_embedder) as ws:
        ws.ingest_paths([REPO / "data"])
        build_events(ws)
        yield ws


def event_articles(ws: Workspace, event_id: str) -> set[str]:
    event = ws.store.get_event(event_id)
    rowids = list(ws.store.claim_rowids(event.claim_ids).values())
    return {a.title for _, a in ws.store.get_claims_by_rowids(rowids)}


@pytest.mark.model
def test_demo_events_group_each_story_and_keep_distractors_apart(demo: Workspace) -> None:
    events = list_events(demo)
    sizes = sorted((e.articles for e in events), reverse=True)
    assert sizes == [6, 4, 3, 3, 2, 2, 1, 1, 1]  # data/README.md: six stories and three look-alikes
    darna = events[0]
    assert darna.label.startswith("Clashes: Darna") and "2015-07-30 to 2015-08-02" in darna.label
    assert len(darna.sources) == 6
    assert not any("Kesh Varan" in t for t in event_articles(demo, darna.id))


@pytest.mark.model
def test_demo_darna_table_shows_the_figures_by_source(demo: Workspace) -> None:
    darna = list_events(demo)[0]
    table = build_table(demo, darna.id)
    assert {"Northern Wire", "Levant Monitor", "Ridgeline Courier", "Coastal Tribune"} <= set(table.sources)
    killed = [r for r in table.rows if r.measure == "killed"]
    figures = {c.figure for r in killed for _, cells in r.cells for c in cells}
    assert {"40", "About 40", "Nearly 50", "Thirteen"} <= figures
    ridgeline = [c for r in killed for c in r.cells_of("Ridgeline Courier")]
    assert [c.attribution for c in ridgeline] == ["medical officials said"]


@pytest.mark.model
def test_demo_darna_table_marks_the_misreported_toll(demo: Workspace) -> None:
    table = build_table(demo, list_events(demo)[0].id)
    ridgeline = [c for r in table.rows if r.measure == "killed" for c in r.cells_of("Ridgeline Courier")]
    assert [c.conflict for c in ridgeline] == [True]


@pytest.mark.model
def test_demo_quake_table_marks_the_two_magnitudes(demo: Workspace) -> None:
    quake = next(e for e in list_events(demo) if "Hessvik" in e.label or "Teral" in e.label)
    table = build_table(demo, quake.id)
    magnitude = next(r for r in table.rows if r.measure == "magnitude")
    assert magnitude.label == "magnitude" and magnitude.has_conflict
    marked = {(s, c.figure) for s, cells in magnitude.cells for c in cells if c.conflict}
    assert marked == {("Daily Meridian", "5.8"), ("Saltmarsh Gazette", "6.4")}


def _report(title: str, lead: str) -> Article:
    return Article.create(lead, source="Test Wire", title=title, published="2024-02-01")


def test_an_event_label_says_what_happened_when_most_reports_agree() -> None:
    """The kind of event named in the titles and leads of at least half of the reports labels the event;
    reports that name different kinds, or none, give no kind."""
    shelled = [
        _report("Shelling hits market in Orvel", "Mortar rounds hit the market in Orvel on Monday."),
        _report("Orvel market shelled", "Shells fell on the crowded market, killing four."),
        _report("Four dead in Orvel", "Four shoppers died in Orvel on Monday, medics said."),
    ]
    assert event_kind(shelled) == "Shelling"
    mixed = [
        _report("Quake shakes Orvel", "An earthquake shook Orvel at dawn."),
        _report("Fire in Orvel", "A blaze gutted a warehouse in Orvel."),
        _report("Floods in Orvel", "Flooding cut the main road to Orvel."),
    ]
    assert event_kind(mixed) is None
    assert event_kind([_report("Orvel council meets", "The council met on Monday.")]) is None


def test_a_label_names_a_run_of_names_whole_and_once() -> None:
    """"Tel Varra" is written as one name in every report: the label gives it whole, not "Tel, Varra", and a
    part of a run already named ("Varra") is not named again."""
    members = [
        _report(f"Siege of Tel Varra, day {n}", f"Fighting went on around Tel Varra and the Ostrel dam, {n}.")
        for n in (1, 2, 3)
    ]
    names = [names_of(a.title + "\n" + a.text) for a in members]
    df = Counter(x for ns in names for x in ns)
    label = event_label(members, names, df, n_articles=50)
    what = label.split(" · ")[0]
    assert "Tel Varra" in what and "Tel, Varra" not in what and what.count("Varra") == 1
