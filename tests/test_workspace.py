"""The claim store pipeline: ingest, idempotence, embedding once, delete, search, crash recovery, doctor.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from verifier.core.errors import InputError, ModelMismatchError, NotFoundError
from verifier.core.records import Article
from verifier.core.settings import Settings
from verifier.io.embed import FakeEmbedder, SentenceTransformerEmbedder
from verifier.io.index import VectorIndex
from verifier.io.store import SCHEMA_VERSION
from verifier.services import workspace as workspace_mod
from verifier.services.workspace import MAX_K, MAX_QUERY_CHARS, Workspace

ARTICLES = [
    Article.create(
        "Gunmen killed 12 people near the harbour on Tuesday. Officials said 30 more were wounded.",
        source="Harbour Times", title="Harbour attack", published="2015-07-28",
    ),
    Article.create(
        "A hospital said 14 people died in the port attack. Rescue teams searched the docks overnight.",
        source="Coast Radio", title="Port attack toll", published="2015-07-29",
    ),
    Article.create(
        "The central bank raised its main interest rate to 4 percent. Markets had expected the move.",
        source="Money Daily", title="Rates up", published="2015-07-30",
    ),
    Article.create(
        "Heavy rain flooded 200 homes in the river valley. Two bridges were closed by the police.",
        source="Valley News", title="Floods", published="2015-08-01",
    ),
]
# A wire copy: another outlet runs the first sentence word for word.
WIRE = Article.create(
    "Gunmen killed 12 people near the harbour on Tuesday. The army sent two more units to the area.",
    source="Wire Service", title="Harbour attack (wire)", published="2015-07-28",
)


def stored_ids(ws: Workspace) -> tuple[list[int], list[int]]:
    return sorted(ws.store.all_claim_rowids()), sorted(ws.index.ids().tolist())


def test_ingest_stores_and_indexes_every_claim(workspace: Workspace, settings: Settings) -> None:
    seen: list[tuple[int, int]] = []
    report = workspace.ingest_articles(ARTICLES, progress=lambda done, total: seen.append((done, total)))
    assert (report.articles_added, report.claims_added, report.claims_embedded) == (4, 8, 8)
    assert seen[-1] == (4, 4)
    assert len(report.new_claim_rowids) == 8
    store_ids, index_ids = stored_ids(workspace)
    assert store_ids == index_ids == sorted(report.new_claim_rowids)
    assert settings.index_path.exists() and settings.store_path.exists()
    assert report.summary() == "4 articles added, 8 claims (8 texts embedded)"


def test_reingest_is_idempotent_and_embeds_nothing(workspace: Workspace, fake_embedder: FakeEmbedder) -> None:
    workspace.ingest_articles(ARTICLES)
    calls = len(fake_embedder.calls)
    again = workspace.ingest_articles([*ARTICLES, ARTICLES[0]])
    assert (again.articles_added, again.articles_skipped_existing, again.duplicates) == (0, 4, 1)
    assert (again.claims_added, again.claims_embedded) == (0, 0)
    assert len(fake_embedder.calls) == calls
    assert workspace.store.count_claims() == workspace.index.count == 8


def test_identical_sentences_are_embedded_once(workspace: Workspace, fake_embedder: FakeEmbedder) -> None:
    first = workspace.ingest_articles([ARTICLES[0], WIRE])
    assert (first.claims_added, first.claims_embedded) == (4, 3)  # the shared sentence once
    later = workspace.ingest_articles(
        [Article.create("Gunmen killed 12 people near the harbour on Tuesday.", source="Late Copy")]
    )
    assert (later.claims_added, later.claims_embedded) == (1, 0)  # reused from the index
    hits = workspace.search("Gunmen killed 12 people near the harbour on Tuesday.", k=3)
    assert {h.article.source for h in hits} == {"Harbour Times", "Wire Service", "Late Copy"}
    assert all(h.score == pytest.approx(1.0, abs=1e-5) for h in hits)


def test_search_returns_claims_with_their_articles(workspace: Workspace) -> None:
    workspace.ingest_articles(ARTICLES)
    hits = workspace.search("interest rate raised by the central bank", k=2)
    assert hits[0].claim.text == "The central bank raised its main interest rate to 4 percent."
    assert hits[0].article.source == "Money Daily"
    assert hits[0].score >= hits[1].score
    assert workspace.search("anything", k=MAX_K)[-1].score <= hits[1].score
    assert len(workspace.search("anything", k=MAX_K)) == 8


def test_search_on_an_empty_workspace_is_empty(workspace: Workspace) -> None:
    assert workspace.search("floods in the valley") == []


@pytest.mark.parametrize(
    ("text", "k", "message"),
    [
        ("", 10, "search text is empty"),
        ("   \n", 10, "search text is empty"),
        ("x" * (MAX_QUERY_CHARS + 1), 10, "not a whole document"),
        ("floods", 0, "k must be a whole number from 1 to 1000, not 0"),
        ("floods", MAX_K + 1, "not 1001"),
        ("floods", 2.5, "not 2.5"),
    ],
)
def test_bad_searches_are_refused(workspace: Workspace, text: str, k: int, message: str) -> None:
    with pytest.raises(InputError, match=message):
        workspace.search(text, k=k)


def test_delete_removes_claims_from_store_and_index(workspace: Workspace, settings: Settings) -> None:
    workspace.ingest_articles(ARTICLES)
    assert workspace.delete_article(ARTICLES[2].id) == 2
    assert workspace.store.count_articles() == 3
    assert all(h.article.id != ARTICLES[2].id for h in workspace.search("central bank interest rate", k=10))
    store_ids, index_ids = stored_ids(workspace)
    assert store_ids == index_ids and len(index_ids) == 6
    assert VectorIndex.load(settings.index_path).count == 6  # saved, not only in memory
    with pytest.raises(NotFoundError):
        workspace.delete_article(ARTICLES[2].id)


def test_neighbours_pair_stored_claims_above_a_floor(workspace: Workspace) -> None:
    workspace.ingest_articles([ARTICLES[0], WIRE, ARTICLES[3]])
    rowids = workspace.store.all_claim_rowids()
    pairs = list(workspace.neighbours(rowids, k=5, floor=0.99))
    harbour = set(rowids[:4])  # the harbour article and its wire copy, two claims each
    # only the word-for-word wire copy is that close, in both directions, never a claim with itself
    assert len(pairs) == 2
    assert all(a != b and a in harbour and b in harbour for a, b, _ in pairs)
    assert all(s >= 0.99 for _, _, s in pairs)
    assert len(list(workspace.neighbours(rowids, k=5, floor=-1.0))) == len(rowids) * 5


def test_a_crash_after_the_store_commit_is_repaired_on_reopen(
    settings: Settings, fake_embedder: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Workspace.open(settings, fake_embedder) as ws:
        ws.ingest_articles(ARTICLES[:2])

    def killed(self: VectorIndex, path: object) -> None:
        raise KeyboardInterrupt("killed before the index was saved")

    monkeypatch.setattr(VectorIndex, "save", killed)
    with Workspace.open(settings, fake_embedder) as ws, pytest.raises(KeyboardInterrupt):
        ws.ingest_articles(ARTICLES[2:])
    monkeypatch.undo()

    with Workspace.open(settings, fake_embedder, resume=False) as ws:
        assert ws.store.count_claims() == 8  # committed before the "kill"
        assert VectorIndex.load(settings.index_path).count == 4  # the saved index lags behind
        report = ws.doctor()
        assert (report.missing_vectors, report.orphan_vectors) == (4, 0)
        assert report.ok and report.vectors == report.claims == 8
        assert ws.doctor().problems == ()  # and stays repaired
        assert ws.search("central bank interest rate", k=1)[0].article.source == "Money Daily"


def test_an_interrupted_delete_leaves_orphans_that_are_removed(workspace: Workspace) -> None:
    workspace.ingest_articles(ARTICLES)
    workspace.store.delete_article(ARTICLES[1].id)  # store only, as if killed before the index save
    report = workspace.doctor()
    assert (report.orphan_vectors, report.missing_vectors, report.ok) == (2, 0, True)
    assert stored_ids(workspace)[0] == stored_ids(workspace)[1]


def test_the_index_repairs_itself_when_loaded(settings: Settings, fake_embedder: FakeEmbedder) -> None:
    with Workspace.open(settings, fake_embedder) as ws:
        ws.ingest_articles(ARTICLES)
    settings.index_path.unlink()
    with Workspace.open(settings, fake_embedder) as ws:
        assert ws.search("flooded homes in the valley", k=1)[0].article.source == "Valley News"
        assert ws.index.count == 8


KILL_SCRIPT = """
import os, signal, sys
from verifier.services import workspace as workspace_mod
from verifier.io.embed import FakeEmbedder
from verifier.io.index import VectorIndex
from verifier.core.records import Article
from verifier.core.settings import Settings
from verifier.services.workspace import Workspace

def die(self, path):
    os.kill(os.getpid(), signal.SIGKILL)  # the store has committed; the index never gets written

VectorIndex.save = die
ws = Workspace.open(Settings(workspace=sys.argv[1]), FakeEmbedder())
ws.ingest_articles(
    [Article.create(f"Storm number {i} hit the coast. It destroyed {i} boats.") for i in range(30)]
)
"""


def test_killed_mid_ingest_then_doctor(settings: Settings, fake_embedder: FakeEmbedder) -> None:
    with Workspace.open(settings, fake_embedder) as ws:
        ws.ingest_articles(ARTICLES)
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILL_SCRIPT), str(settings.workspace)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    with Workspace.open(settings, fake_embedder) as ws:
        assert ws.store.count_articles() == 34
        report = ws.doctor()
        assert report.missing_vectors == 60 and report.ok
        store_ids, index_ids = stored_ids(ws)
        assert store_ids == index_ids and len(index_ids) == 68
    assert not [p for p in os.listdir(settings.workspace) if p.endswith(".tmp")]


def test_an_index_from_another_model_is_refused_until_rebuilt(settings: Settings) -> None:
    with Workspace.open(settings, FakeEmbedder()) as ws:
        ws.ingest_articles(ARTICLES)
    other = FakeEmbedder(name="other-model")
    with Workspace.open(settings, other) as ws:
        with pytest.raises(ModelMismatchError, match="built with fake-token-hash .* uses other-model"):
            ws.search("floods")
        report = ws.doctor()
        assert not report.ok and "doctor --rebuild" in report.remaining[0]
        assert report.summary().endswith("NOT OK")
        rebuilt = ws.doctor(rebuild=True)
        assert rebuilt.ok and rebuilt.rebuilt and rebuilt.vectors == 8
        assert rebuilt.index_model == "fake-token-hash"
        assert ws.doctor().index_model == "other-model"
        assert ws.search("flooded homes in the valley", k=1)[0].article.source == "Valley News"
    with Workspace.open(settings, FakeEmbedder(dim=128)) as ws:
        with pytest.raises(ModelMismatchError, match="dim 128"):
            ws.search("floods")


def test_doctor_on_a_healthy_workspace(workspace: Workspace) -> None:
    workspace.ingest_articles(ARTICLES)
    workspace.finish()  # scanned and grouped, as `verifier ingest` does
    report = workspace.doctor()
    assert report.ok and report.problems == () and report.actions == ()
    counts = (report.schema_version, report.articles, report.claims, report.vectors)
    assert counts == (SCHEMA_VERSION, 4, 8, 8)
    assert report.index_model == report.model == "fake-token-hash"
    assert report.summary() == (
        f"schema version {SCHEMA_VERSION}: 4 articles, 8 claims, 8 vectors "
        "(fake-token-hash; this run uses fake-token-hash)\n"
        "OK: store and index agree"
    )


def test_listing_conflicts_does_not_load_the_model(settings: Settings) -> None:
    embedder = SentenceTransformerEmbedder()
    with Workspace.open(settings, embedder) as ws:
        assert ws.store.list_contradictions() == []
        assert ws.status()["claims"] == 0
    assert not embedder.loaded


def test_ingest_paths_reads_files_and_counts_duplicates(workspace: Workspace, tmp_path: Path) -> None:
    csv = tmp_path / "news.csv"
    story = '"Gunmen killed 12 people near the harbour on Tuesday. Officials said 30 were hurt."'
    csv.write_text(
        "text,source,date\n"
        f"{story},Harbour Times,2015-07-28\n"
        f"{story},Copy Desk,2015-07-28\n"
        '"Heavy rain flooded 200 homes in the river valley.",,2015-08-01\n'
    )
    report = workspace.ingest_paths([csv], default_source="Unknown Outlet")
    assert (report.articles_added, report.duplicates, report.claims_added) == (2, 1, 3)
    assert {a.source for a in workspace.store.list_articles()} == {"Harbour Times", "Unknown Outlet"}


def test_a_bad_file_stores_nothing(workspace: Workspace, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Heavy rain flooded 200 homes in the river valley on Sunday.\n")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary\xff" * 50)
    with pytest.raises(InputError):
        workspace.ingest_paths([good, bad])
    assert workspace.store.count_articles() == 0 and workspace.store.count_claims() == 0


# -- the real model -----------------------------------------------------------------------------------

NEWS = [
    "Gunmen killed 12 people near the harbour on Tuesday.",
    "The central bank raised its main interest rate to 4 percent.",
    "Heavy rain flooded 200 homes in the river valley.",
    "The football club sacked its coach after five straight defeats.",
    "A new vaccine cut hospital admissions by half in a trial of 3,000 adults.",
    "Parliament passed a law banning smoking in parks.",
    "Firefighters rescued 40 people from a burning hotel downtown.",
    "The airline cancelled 300 flights because of a pilots' strike.",
]


@pytest.mark.model
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Armed men shot dead a dozen people by the port", 0),
        ("Borrowing costs go up as the monetary authority hikes to 4%", 1),
        ("Floodwater swamped two hundred houses in the valley", 2),
        ("Hundreds of flights grounded as pilots walk out", 7),
        ("Rescuers saved dozens from a hotel fire in the city centre", 6),
    ],
)
def test_a_paraphrase_finds_its_sentence_first(model_workspace: Workspace, query: str, expected: int) -> None:
    model_workspace.ingest_articles(
        [Article.create(text, source=f"Outlet {i}") for i, text in enumerate(NEWS)]
    )
    hits = model_workspace.search(query, k=3)
    assert hits[0].claim.text == NEWS[expected]
    assert hits[0].score > hits[1].score
    assert 0.0 < hits[0].score <= 1.0 + 1e-6


@pytest.mark.model
def test_real_model_vectors_round_trip_through_the_index(model_workspace: Workspace) -> None:
    model_workspace.ingest_articles([Article.create(NEWS[0])])
    rowid = model_workspace.store.all_claim_rowids()[0]
    stored = model_workspace.vectors([rowid])[0]
    fresh = model_workspace.embedder.encode([NEWS[0]])[0]
    assert float(np.dot(stored, fresh)) == pytest.approx(1.0, abs=1e-5)


def test_an_article_without_claims_is_stored_and_reported(workspace: Workspace) -> None:
    report = workspace.ingest_articles([Article.create("2 min read", source="Harbour Times")])
    assert (report.articles_added, report.articles_without_claims, report.claims_added) == (1, 1, 0)
    assert report.summary() == "1 articles added, 0 claims (0 texts embedded), 1 without any claim"
    assert workspace.ingest_articles([Article.create("2 min read")]).articles_skipped_existing == 1


class FailingEmbedder(FakeEmbedder):
    """Works for `ok_calls` calls, then fails like a model running out of memory."""

    def __init__(self, ok_calls: int) -> None:
        super().__init__()
        self.ok_calls = ok_calls

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if len(self.calls) >= self.ok_calls:
            raise MemoryError("model failed")
        return super().encode(texts)


def test_a_model_failure_keeps_earlier_batches_consistent(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workspace_mod, "INGEST_BATCH_CLAIMS", 2)  # one article per batch
    with Workspace.open(settings, FailingEmbedder(ok_calls=2)) as ws, pytest.raises(MemoryError):
        ws.ingest_articles(ARTICLES)
    with Workspace.open(settings, FakeEmbedder()) as ws:
        assert ws.store.count_articles() == 2  # the two batches embedded before the failure
        assert VectorIndex.load(settings.index_path).count == 4  # and their vectors were saved
        # opening finished the scan and the grouping the failed run never reached, and doctor says so
        assert ws.doctor().problems == (
            "4 claims not scanned for contradictions", "the events do not include the latest claims"
        )
        assert ws.doctor().problems == ()


def test_a_second_process_sees_new_claims(settings: Settings) -> None:
    with Workspace.open(settings, FakeEmbedder()) as app, Workspace.open(settings, FakeEmbedder()) as cli:
        app.ingest_articles(ARTICLES[:1])
        assert app.search("central bank interest rate", k=1)[0].article.source == "Harbour Times"
        cli.ingest_articles(ARTICLES[1:])  # the CLI adds articles while the app has its index in memory
        assert app.search("central bank interest rate", k=1)[0].article.source == "Money Daily"
        app.delete_article(ARTICLES[2].id)
        assert cli.search("central bank interest rate", k=1)[0].article.source != "Money Daily"
        cli.finish()
        assert cli.doctor().problems == ()


def test_doctor_removes_leftovers_of_an_interrupted_save(workspace: Workspace, settings: Settings) -> None:
    workspace.ingest_articles(ARTICLES[:1])
    workspace.finish()
    (settings.workspace / ".claims.faiss.abc123.tmp").write_bytes(b"half an index")
    report = workspace.doctor()
    assert report.actions == ("removed 1 temporary files of an interrupted save",)
    assert not list(settings.workspace.glob("*.tmp")) and not list(settings.workspace.glob(".*.tmp"))


def test_a_long_ingest_saves_the_index_on_the_way(
    settings: Settings, fake_embedder: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workspace_mod, "INGEST_BATCH_CLAIMS", 2)  # one article per batch
    monkeypatch.setattr(workspace_mod, "INDEX_CHECKPOINT_SECONDS", 0.0)  # a checkpoint after each batch
    saved: list[int] = []
    real_save = VectorIndex.save

    def counting_save(self: VectorIndex, path: Path) -> object:
        saved.append(self.count)
        return real_save(self, path)

    monkeypatch.setattr(VectorIndex, "save", counting_save)
    with Workspace.open(settings, fake_embedder) as ws:
        ws.ingest_articles(ARTICLES)
    assert saved == [2, 4, 6, 8]


def test_doctor_reports_and_finishes_every_kind_of_unfinished_work(settings: Settings) -> None:
    with Workspace.open(settings, FakeEmbedder()) as ws:
        ws.ingest_articles(ARTICLES)  # stored and indexed, as if killed before the scan
    with Workspace.open(settings, FakeEmbedder(), resume=False) as ws:
        report = ws.doctor()
        assert report.ok
        assert report.problems == (
            "8 claims not scanned for contradictions", "the events do not include the latest claims"
        )
        assert report.actions[0].startswith("scanned 8 claims (")
        assert report.actions[1].startswith("grouped the articles into ")
        assert ws.doctor().problems == () and ws.unfinished().pending is False


def test_a_scan_deferred_by_no_scan_waits_for_verifier_scan(settings: Settings) -> None:
    with Workspace.open(settings, FakeEmbedder()) as ws:
        ws.ingest_articles(ARTICLES)
        assert ws.finish(scan=False).scan is None  # `ingest --no-scan`
    with Workspace.open(settings, FakeEmbedder()) as ws:  # a reader does not do deferred work
        assert ws.resumed is None and ws.store.count_unscanned() == 8
        report = ws.doctor()
        assert report.ok and report.problems == ()
        assert report.deferred == (
            "8 claims not scanned for contradictions and the events do not include the latest claims: "
            "ingested with --no-scan; `verifier scan` does both",
        )
        done = ws.finish(scan=True)  # `verifier scan`
        assert done.scan is not None and done.scan.claims_scanned == 8 and done.events is not None
        assert not ws.store.scan_deferred and not ws.unfinished().pending


def test_an_index_that_grows_past_flat_by_ingests_becomes_the_kind_its_size_calls_for(
    workspace: Workspace, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from verifier.io import index as index_mod

    monkeypatch.setattr(index_mod, "FLAT_MAX_VECTORS", 5)
    workspace.ingest_articles(ARTICLES[:2])  # 4 claims: Flat serves them
    assert workspace.index.index_type == "Flat"
    workspace.ingest_articles(ARTICLES[2:])  # 8 claims: past Flat's range
    assert workspace.index.index_type == "HNSW32"
    store_ids, index_ids = stored_ids(workspace)
    assert store_ids == index_ids
    assert index_mod.IndexMeta.read(index_mod.meta_path_for(settings.index_path)).index_type == "HNSW32"
    hit = workspace.search("Heavy rain flooded 200 homes in the river valley.", k=1)[0]
    assert hit.claim.text == "Heavy rain flooded 200 homes in the river valley."
    with Workspace.open(settings, embedder=FakeEmbedder()) as again:  # a later run reads the graph index
        assert again.index.index_type == "HNSW32" and again.doctor().ok
