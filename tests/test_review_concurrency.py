"""Two reviewers in two processes decide the same 200 pairs at once, on SQLite and on PostgreSQL: no
decision is lost, every attempt is in the audit log, and each refused one was reported to its reviewer."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from verifier.core.records import Article, Claim, Contradiction, pair_id
from verifier.io.store import APPLIED, CONFLICT, Store, open_store

PAIRS = 200
REVIEWER = Path(__file__).parent / "fixtures" / "reviewer.py"
# Each reviewer decides 200 pairs in well under this; it only bounds a hang.
RUN_TIMEOUT_S = 300


def _two_hundred_pairs(store: Store) -> list[str]:
    """Two articles of 15 sentences each, every cross pair flagged: 225 pairs, the first 200 kept."""
    claims: list[list[Claim]] = []
    for outlet in ("Bay Courier", "Valley Wire"):
        sentences = [f"{outlet} counted {n} boats in the harbour on day {n}." for n in range(1, 16)]
        text = " ".join(sentences)
        article = Article.create(text, source=outlet)
        found, start = [], 0
        for position, sentence in enumerate(sentences):
            start = text.index(sentence, start)
            found.append(Claim.create(article.id, sentence, start, start + len(sentence), position))
        store.add_article_with_claims(article, found)
        claims.append(found)
    rows = []
    for a in claims[0]:
        for b in claims[1]:
            lo, hi = sorted((a.id, b.id))
            rows.append(Contradiction(pair_id(lo, hi), lo, hi, "conflict", 0.5, "boats differ"))
    rows = sorted(rows, key=lambda r: r.id)[:PAIRS]
    store.upsert_contradictions(rows)
    return [r.id for r in rows]


def _run_both(target: str, mode: str) -> dict[str, dict[str, list[str]]]:
    procs = {
        name: subprocess.Popen(
            [sys.executable, str(REVIEWER), target, name, status, mode],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        for name, status in (("amira", "confirmed"), ("ben", "dismissed"))
    }
    try:
        for proc in procs.values():  # both have read the queue before either decides
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        for proc in procs.values():
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = {}
        for name, proc in procs.items():
            out, _ = proc.communicate(timeout=RUN_TIMEOUT_S)
            assert proc.returncode == 0
            results[name] = json.loads(out.strip().splitlines()[-1])
        return results
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()


@pytest.mark.parametrize("mode", ["shown-once", "read-each"])
def test_two_reviewers_deciding_the_same_pairs_lose_nothing(store_target: str, mode: str) -> None:
    with open_store(store_target) as store:
        ids = _two_hundred_pairs(store)
    results = _run_both(store_target, mode)
    with open_store(store_target) as store:
        log = store.review_log()
        final = {c.id: c for c in store.list_contradictions()}

    # every attempt was answered, and the log holds each one exactly as its reviewer was told
    for name, got in results.items():
        assert sorted(got["applied"] + got["refused"]) == sorted(ids)
        assert sorted(e.pair_id for e in log if e.reviewer == name and e.outcome == APPLIED) == sorted(
            got["applied"]
        )
        assert sorted(e.pair_id for e in log if e.reviewer == name and e.outcome == CONFLICT) == sorted(
            got["refused"]
        )
    assert len(log) == 2 * PAIRS

    # per pair: the applied changes chain (each starts from the status the previous one left), and the
    # stored decision is the last of them: no decision was overwritten unseen
    by_pair = defaultdict(list)
    for entry in log:
        by_pair[entry.pair_id].append(entry)
    for pid in ids:
        applied = [e for e in by_pair[pid] if e.outcome == APPLIED]
        assert applied, pid
        assert [e.old_status for e in applied] == ["new"] + [e.new_status for e in applied[:-1]]
        assert [e.revision for e in applied] == list(range(1, len(applied) + 1))
        stored = final[pid]
        assert (stored.status, stored.reviewer, stored.revision) == (
            applied[-1].new_status, applied[-1].reviewer, len(applied)
        )

    if mode == "shown-once":
        # both were shown revision 0 of every pair: exactly one decision per pair wins, the other is refused
        assert len(results["amira"]["applied"]) + len(results["ben"]["applied"]) == PAIRS
        assert all(len(by_pair[pid]) == 2 and {e.outcome for e in by_pair[pid]} == {APPLIED, CONFLICT}
                   for pid in ids)
