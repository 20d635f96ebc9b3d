"""The store on both engines (SQLite, PostgreSQL): schema versioned, idempotent articles, cascading
deletes, reviews that survive, reviewers and their append-only audit log. Tests taking `store` run once per
engine (`store_target` in conftest.py); the SQLite-only ones test what only a file has."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from verifier.core.errors import ConfigError, InputError, NotFoundError, StoreError
from verifier.core.records import Article, Claim, Contradiction, Event, pair_id
from verifier.core.settings import REVIEWER_ENV
from verifier.io.store import (
    APPLIED,
    CONFLICT,
    SCHEMA_VERSION,
    PostgresStore,
    ReviewConflictError,
    SourceCount,
    SqliteStore,
    Store,
    open_store,
)
from verifier.io.store.schema import migration

TEXT_A = "Gunmen killed 12 people near the harbour. Officials said 30 more were hurt."
TEXT_B = "The port attack left 14 dead, a hospital said. Rescue teams worked all night."


def article_with_claims(text: str, source: str, published: str | None = None) -> tuple[Article, list[Claim]]:
    art = Article.create(text, source=source, title=f"{source} report", published=published)
    claims = []
    start = 0
    for position, sentence in enumerate(text.split(". ")):
        sentence = sentence if sentence.endswith(".") else sentence + "."
        start = text.index(sentence, start)
        claims.append(Claim.create(art.id, sentence, start, start + len(sentence), position))
        start += len(sentence)
    return art, claims


@pytest.fixture
def store(store_target: str) -> Iterator[Store]:
    with open_store(store_target) as s:
        yield s


@pytest.fixture
def two_articles(store: Store) -> tuple[list[int], list[int]]:
    a = store.add_article_with_claims(*article_with_claims(TEXT_A, "Harbour Times", "2015-07-28"))
    b = store.add_article_with_claims(*article_with_claims(TEXT_B, "Coast Radio", "2015-07-29"))
    return a, b


def contradiction(a: Claim, b: Claim, score: float = 0.8, relation: str = "conflict") -> Contradiction:
    lo, hi = sorted((a.id, b.id))
    return Contradiction(pair_id(a.id, b.id), lo, hi, relation, score, "12 vs 14 killed")


def test_a_new_sqlite_store_has_schema_version_wal_and_foreign_keys(tmp_path: Path) -> None:
    with SqliteStore.open(tmp_path / "verifier.sqlite3") as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store._one("PRAGMA journal_mode") == ("wal",)
        assert store._one("PRAGMA foreign_keys") == (1,)
        assert store.integrity_problems() == []


def test_the_url_chooses_the_engine(store: Store, store_target: str) -> None:
    expected = PostgresStore if store_target.startswith("postgresql://") else SqliteStore
    assert isinstance(store, expected) and store.schema_version == SCHEMA_VERSION
    assert store.integrity_problems() == []


def test_reopening_does_not_migrate_again(store_target: str) -> None:
    open_store(store_target).close()
    with open_store(store_target) as again:
        assert again.migrate() == SCHEMA_VERSION


def test_a_store_from_a_newer_version_is_refused(store_target: str) -> None:
    with open_store(store_target) as s, s.transaction():
        s._exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 99, newer than this verifier"):
        open_store(store_target)


def _bare(target: str) -> SqliteStore | PostgresStore:
    """A connection to `target` that has not migrated anything (to write an old schema by hand)."""
    if target.startswith("postgresql://"):
        import psycopg

        return PostgresStore(psycopg.connect(target, autocommit=True), target)
    return SqliteStore(sqlite3.connect(target, isolation_level=None), Path(target))


def _v1_article(old: Store, art: Article, claims: list[Claim]) -> Claim:
    """An article and its claims as a version-1 store wrote them; returns the first claim."""
    with old.transaction():
        old._exec(
            "INSERT INTO articles(id, source, title, url, published, text, ingested_at) "
            "VALUES (?, ?, ?, '', NULL, ?, 'then')",
            (art.id, art.source, art.title, art.text),
        )
        for c in claims:
            old._exec(
                'INSERT INTO claims(id, article_id, text, start, "end", position, text_hash) '
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (c.id, c.article_id, c.text, c.start, c.end, c.position, c.text_hash),
            )
    return claims[0]


def test_a_version_2_store_gains_places_and_keeps_its_articles(store_target: str) -> None:
    old = _bare(store_target)
    with old.transaction():
        old._exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        for version in (1, 2):
            for statement in migration(version, old.engine):
                old._raw_statement(statement)
        old._exec("INSERT INTO meta(key, value) VALUES ('schema_version', '2')")
    art, claims_a = article_with_claims(TEXT_A, "Harbour Times")
    _v1_article(old, art, claims_a)  # articles as versions 1 and 2 wrote them: no place column
    old.close()
    with open_store(store_target) as store:
        assert store.migrate() == SCHEMA_VERSION
        assert store.get_article(art.id).place == ""
        placed, claims = article_with_claims(TEXT_B, "Coast Radio")
        store.add_article_with_claims(
            Article.create(placed.text, source="Coast Radio", place="Port Vell"), claims
        )
        places = {a.source: a.place for a in store.list_articles()}
        assert places == {"Harbour Times": "", "Coast Radio": "Port Vell"}


def test_a_version_1_store_is_migrated_and_keeps_its_decisions(store_target: str) -> None:
    old = _bare(store_target)
    with old.transaction():
        old._exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        for statement in migration(1, old.engine):
            old._raw_statement(statement)
        old._exec("INSERT INTO meta(key, value) VALUES ('schema_version', '1')")
    # rows written by version 1 (its tables for claims and pairs are unchanged; articles gained a place)
    ca = _v1_article(old, *article_with_claims(TEXT_A, "Harbour Times"))
    cb = _v1_article(old, *article_with_claims(TEXT_B, "Coast Radio"))
    row = contradiction(ca, cb)
    old.upsert_contradictions([row])
    with old.transaction():  # a decision as version 1 stored it: no reviewer, no revision
        old._exec(
            "INSERT INTO reviews(pair_id, status, note, reviewed_at) VALUES (?, 'confirmed', 'ok', 'then')",
            (row.id,),
        )
    assert old.schema_version == 1
    old.close()
    with open_store(store_target) as store:
        assert store.migrate() == SCHEMA_VERSION
        kept = store.get_contradiction(row.id)
        # the decision counts as the first revision, by nobody named; the log starts with the next one
        assert (kept.status, kept.note, kept.reviewer, kept.revision) == ("confirmed", "ok", "", 1)
        assert store.review_log() == []


def test_articles_and_claims_round_trip(store: Store, two_articles: tuple[list[int], list[int]]) -> None:
    rowids_a, rowids_b = two_articles
    assert len(rowids_a) == 2 and len(rowids_b) == 2
    art, claims = article_with_claims(TEXT_A, "Harbour Times", "2015-07-28")
    art_b, claims_b = article_with_claims(TEXT_B, "Coast Radio", "2015-07-29")
    assert store.get_article(art.id) == art
    assert store.claims_of_article(art.id) == claims
    # in the order asked, unknown rowids skipped
    found = store.get_claims_by_rowids([rowids_b[1], rowids_a[0], 999])
    assert found == [(claims_b[1], art_b), (claims[0], art)]
    assert store.claim_rowid(claims[1].id) == rowids_a[1]
    assert store.claim_ids([rowids_a[1]]) == {rowids_a[1]: claims[1].id}
    assert store.count_articles() == 2 and store.count_claims() == 4
    assert [a.source for a in store.list_articles()] == ["Harbour Times", "Coast Radio"]
    assert [a.source for a in store.list_articles(source="Coast Radio")] == ["Coast Radio"]
    assert store.sources_with_counts() == [
        SourceCount("Coast Radio", 1, 2),
        SourceCount("Harbour Times", 1, 2),
    ]
    assert [rowid for rowid, _ in store.iter_claims(batch=3)] == store.all_claim_rowids()


def test_the_same_article_is_stored_once(store: Store) -> None:
    art, claims = article_with_claims(TEXT_A, "Harbour Times")
    assert len(store.add_article_with_claims(art, claims)) == 2
    assert store.add_article_with_claims(art, claims) == []
    assert store.count_articles() == 1 and store.count_claims() == 2


def test_a_failed_transaction_stores_nothing(store: Store) -> None:
    art, claims = article_with_claims(TEXT_A, "Harbour Times")
    with pytest.raises(RuntimeError), store.transaction():
        store.add_article_with_claims(art, claims)
        raise RuntimeError("killed half-way")
    assert store.count_articles() == 0 and store.count_claims() == 0


def test_rowids_are_never_reused(store: Store) -> None:
    art, claims = article_with_claims(TEXT_A, "Harbour Times")
    first = store.add_article_with_claims(art, claims)
    store.delete_article(art.id)
    assert min(store.add_article_with_claims(art, claims)) > max(first)


def test_unknown_ids_raise_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no article with id 'nope'"):
        store.get_article("nope")
    with pytest.raises(NotFoundError):
        store.delete_article("nope")
    with pytest.raises(NotFoundError):
        store.claim_rowid("nope")
    with pytest.raises(NotFoundError, match="verifier conflicts"):
        store.get_contradiction("nope")
    with pytest.raises(NotFoundError):
        store.set_review("nope", "confirmed")
    with pytest.raises(NotFoundError):
        store.get_event("nope")


def test_contradictions_keep_the_review_when_rescanned(store: Store, two_articles: object) -> None:
    (a0, _), (b0, b1) = (
        store.claims_of_article(Article.create(TEXT_A).id),
        store.claims_of_article(Article.create(TEXT_B).id),
    )
    first = contradiction(a0, b0, score=0.7)
    assert store.upsert_contradictions([first, contradiction(a0, b1, score=0.9)]) == 2
    reviewed = store.set_review(first.id, "confirmed", "checked with the hospital")
    assert reviewed.status == "confirmed" and reviewed.reviewed_at is not None

    # a later scan finds the same pair (claims in the other order) with a new score
    assert store.upsert_contradictions([contradiction(b0, a0, score=0.95, relation="conflict")]) == 0
    again = store.get_contradiction(first.id)
    assert (again.score, again.status, again.note) == (0.95, "confirmed", "checked with the hospital")
    assert again.reviewed_at == reviewed.reviewed_at
    assert [c.score for c in store.list_contradictions()] == [0.95, 0.9]
    assert [c.id for c in store.list_contradictions(status="confirmed")] == [first.id]
    assert len(store.list_contradictions(status="new")) == 1
    assert len(store.list_contradictions(limit=1)) == 1
    assert len(store.list_contradictions(source="Coast Radio")) == 2
    assert store.list_contradictions(source="Nobody") == []


def test_stale_flags_are_deleted_but_decided_ones_stay(store: Store, two_articles: object) -> None:
    (a0, a1), (b0, b1) = (
        store.claims_of_article(Article.create(TEXT_A).id),
        store.claims_of_article(Article.create(TEXT_B).id),
    )
    rows = [contradiction(a0, b0), contradiction(a0, b1), contradiction(a1, b0)]
    store.upsert_contradictions(rows)
    store.set_review(rows[0].id, "dismissed", "different attacks")
    store.set_review(rows[1].id, "new")  # reopened: no decision to keep

    assert store.delete_contradictions([r.id for r in rows], keep_reviewed=True) == 2
    assert [c.id for c in store.list_contradictions()] == [rows[0].id]
    assert store.delete_contradictions([rows[0].id], keep_reviewed=False) == 1
    assert store.list_contradictions() == []


def test_a_bad_review_status_is_refused(store: Store, two_articles: object) -> None:
    a0 = store.claims_of_article(Article.create(TEXT_A).id)[0]
    b0 = store.claims_of_article(Article.create(TEXT_B).id)[0]
    row = contradiction(a0, b0)
    store.upsert_contradictions([row])
    with pytest.raises(InputError, match="use one of new, confirmed, dismissed"):
        store.set_review(row.id, "maybe")
    with pytest.raises(InputError):
        store.list_contradictions(status="maybe")
    with pytest.raises(ValueError, match="not the pair id"):
        store.upsert_contradictions([Contradiction("x", a0.id, b0.id, "conflict", 1.0, "")])


def test_a_decision_comes_back_when_a_deleted_article_is_ingested_again(
    store: Store, two_articles: object
) -> None:
    art_b, claims_b = article_with_claims(TEXT_B, "Coast Radio", "2015-07-29")
    a0 = store.claims_of_article(Article.create(TEXT_A).id)[0]
    row = contradiction(a0, claims_b[0])
    store.upsert_contradictions([row])
    store.set_review(row.id, "dismissed", "different attacks")
    assert len(store.delete_article(art_b.id)) == 2
    assert store.list_contradictions() == []  # the pair went with its claim
    store.add_article_with_claims(art_b, claims_b)
    store.upsert_contradictions([row])
    assert store.get_contradiction(row.id).status == "dismissed"


def test_scan_bookkeeping(store: Store, two_articles: tuple[list[int], list[int]]) -> None:
    a, b = two_articles
    assert store.unscanned_claim_rowids() == a + b
    store.mark_scanned(a)
    assert store.unscanned_claim_rowids() == b


def test_events_are_replaced_whole_and_follow_deletes(store: Store, two_articles: object) -> None:
    ids_a = tuple(c.id for c in store.claims_of_article(Article.create(TEXT_A).id))
    ids_b = tuple(c.id for c in store.claims_of_article(Article.create(TEXT_B).id))
    store.replace_events([Event("e1", "Harbour attack", ids_a + ids_b), Event("e2", "Other", ())])
    assert store.get_event("e1").claim_ids == ids_a + ids_b
    store.replace_events([Event("e3", "Harbour attack, 28 July", ids_b)])
    assert [e.id for e in store.list_events()] == ["e3"]
    store.delete_article(Article.create(TEXT_B).id)
    assert store.get_event("e3").claim_ids == ()


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "verifier.sqlite3"
    path.write_bytes(b"these are not the bytes of a database" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(path)


def test_an_unknown_store_scheme_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown store mysql://: give a postgresql://"):
        open_store("mysql://desk@localhost/checks")


def test_a_server_that_does_not_answer_is_named_without_its_password() -> None:
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError, match="cannot connect to the store") as caught:
        open_store(f"postgresql://desk:s3cret@127.0.0.1:{port}/checks")
    assert "s3cret" not in str(caught.value) and "desk:***@" in str(caught.value)
    assert "VERIFIER_STORE" in str(caught.value)


def test_the_steps_record_what_is_left(store: Store, two_articles: tuple[list[int], list[int]]) -> None:
    a, b = two_articles
    assert store.count_unscanned() == len(a + b) and store.events_stale()  # set with the claims
    store.mark_scanned(a + b)
    store.replace_events([Event("e1", "Harbour attack", tuple(c.id for _, c in store.iter_claims()))])
    assert store.count_unscanned() == 0 and not store.events_stale()  # cleared with the grouping
    store.add_article_with_claims(*article_with_claims("The ferry sank at dawn. Nine were saved.", "Wire"))
    assert store.count_unscanned() == 2 and store.events_stale()
    assert not store.scan_deferred
    store.scan_deferred = True
    assert store.scan_deferred


def test_a_store_without_events_but_with_claims_is_stale(store_target: str) -> None:
    # a store written before the marker existed, killed before its first grouping
    with open_store(store_target) as s:
        s.add_article_with_claims(*article_with_claims(TEXT_A, "Harbour Times"))
        s._set_meta_flag("events_stale", False)
        assert s.events_stale()


def test_opening_an_up_to_date_store_writes_nothing(tmp_path: Path) -> None:
    """A reader opens the store while a writer holds SQLite's write lock, and does not wait for it."""
    path = tmp_path / "verifier.sqlite3"
    open_store(path).close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a writer in the middle of a transaction
    try:
        with open_store(path) as reader:
            assert reader.schema_version == SCHEMA_VERSION and reader.count_articles() == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()


# -- reviewers and the audit log ---------------------------------------------------------------------


@pytest.fixture
def flagged(store: Store, two_articles: object) -> Contradiction:
    a0 = store.claims_of_article(Article.create(TEXT_A).id)[0]
    b0 = store.claims_of_article(Article.create(TEXT_B).id)[0]
    row = contradiction(a0, b0)
    store.upsert_contradictions([row])
    return store.get_contradiction(row.id)


def test_a_decision_records_who_and_when_and_is_logged(store: Store, flagged: Contradiction) -> None:
    assert (flagged.status, flagged.reviewer, flagged.revision) == ("new", "", 0)
    first = store.set_review(flagged.id, "confirmed", "the hospital agrees", reviewer="Amira")
    second = store.set_review(flagged.id, "dismissed", "two attacks", reviewer="Ben", expected_revision=1)
    assert (first.reviewer, first.revision, second.reviewer, second.revision) == ("Amira", 1, "Ben", 2)
    assert second.reviewed_at is not None and second.reviewed_at >= first.reviewed_at  # type: ignore[operator]
    log = store.review_log(pair_id=flagged.id)
    assert [(e.reviewer, e.old_status, e.new_status, e.note, e.outcome, e.revision) for e in log] == [
        ("Amira", "new", "confirmed", "the hospital agrees", APPLIED, 1),
        ("Ben", "confirmed", "dismissed", "two attacks", APPLIED, 2),
    ]
    assert [e.reviewer for e in store.review_log(reviewer="Ben")] == ["Ben"]
    assert [e.reviewer for e in store.review_log(limit=1)] == ["Ben"]  # the latest
    assert store.review_log(pair_id="nope") == []


def test_the_reviewer_defaults_to_the_environment(
    store: Store, flagged: Contradiction, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(REVIEWER_ENV, "night desk")
    assert store.set_review(flagged.id, "confirmed").reviewer == "night desk"
    monkeypatch.delenv(REVIEWER_ENV)
    import getpass

    assert store.set_review(flagged.id, "dismissed").reviewer == getpass.getuser()


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, "Ben\x1b[2J", "Ben\u200b"])
def test_a_bad_reviewer_name_is_refused_and_nothing_logged(
    store: Store, flagged: Contradiction, name: str
) -> None:
    with pytest.raises(ConfigError, match="reviewer name"):
        store.set_review(flagged.id, "confirmed", reviewer=name)
    assert store.get_contradiction(flagged.id).status == "new" and store.review_log() == []


def test_a_pair_decided_since_it_was_shown_is_refused_and_both_attempts_logged(
    store: Store, flagged: Contradiction
) -> None:
    shown = flagged.revision  # both reviewers are shown the new pair
    store.set_review(flagged.id, "confirmed", "same toll", reviewer="Amira", expected_revision=shown)
    with pytest.raises(ReviewConflictError) as caught:
        store.set_review(flagged.id, "dismissed", "not the same", reviewer="Ben", expected_revision=shown)
    message = str(caught.value)
    assert f"the pair {flagged.id} changed since it was shown (revision 0, now 1)" in message
    assert "confirmed by Amira" in message and f"verifier log --pair {flagged.id}" in message
    kept = store.get_contradiction(flagged.id)
    assert (kept.status, kept.reviewer, kept.note, kept.revision) == ("confirmed", "Amira", "same toll", 1)
    assert [(e.reviewer, e.new_status, e.outcome, e.revision) for e in store.review_log()] == [
        ("Amira", "confirmed", APPLIED, 1),
        ("Ben", "dismissed", CONFLICT, 0),
    ]


def test_the_audit_log_cannot_be_edited(store: Store, flagged: Contradiction) -> None:
    store.set_review(flagged.id, "confirmed", reviewer="Amira")
    for statement in ("UPDATE review_log SET reviewer = 'someone else'", "DELETE FROM review_log"):
        with pytest.raises(StoreError, match="append-only"), store.transaction():
            store._exec(statement)
    assert [e.reviewer for e in store.review_log()] == ["Amira"]


def test_two_connections_regrouping_at_once_both_succeed(store_target: str) -> None:
    """Two machines of a desk regroup the events at the same time, finding the same events (same ids)
    under other labels: each grouping lands whole, one after the other, never a duplicate-key error."""
    import threading

    with open_store(store_target) as setup:
        setup.add_article_with_claims(*article_with_claims(TEXT_A, "Harbour Times"))
        claim_ids = tuple(c.id for c in setup.claims_of_article(Article.create(TEXT_A).id))
    groupings = {
        name: [Event(f"e{i}", f"{name} {i}", claim_ids) for i in range(30)] for name in ("left", "right")
    }
    errors: list[BaseException] = []

    def regroup(name: str) -> None:
        try:
            with open_store(store_target) as s:
                for _ in range(10):
                    s.replace_events(groupings[name])
        except BaseException as exc:  # noqa: BLE001 - reported by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=regroup, args=(n,)) for n in groupings]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    with open_store(store_target) as s:
        labels = {e.label.split()[0] for e in s.list_events()}
        assert len(s.list_events()) == 30 and len(labels) == 1  # one grouping whole, not a mix
