"""Flagged pairs, the reviewers' decisions with their append-only audit log, and events.

Decisions live in their own table keyed by the pair id, with no foreign key: deleting an article drops
its claims and their contradictions, but if the same article is ingested again (same text, same ids)
the pair and the fact-checker's decision come back together.

Several reviewers at once. Each decision raises the pair's `revision`; a reviewer who passes the revision
they were shown (`expected_revision`) is refused with ReviewConflictError if someone decided since, and
the refused attempt is logged beside the decision that won, so the log holds every attempt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from verifier.core.errors import InputError, NotFoundError, StoreError
from verifier.core.records import REVIEW_STATUSES, Contradiction, Event, pair_id
from verifier.core.settings import check_reviewer, default_reviewer
from verifier.io.store.claims import ClaimsMixin
from verifier.io.store.core import EVENTS_STALE, JOB_EVENTS, chunks, crash_point, marks, now

APPLIED = "applied"
CONFLICT = "conflict"

_CONTRA_SELECT = """
    SELECT x.id, x.claim_a, x.claim_b, x.relation, x.score, x.explanation,
           COALESCE(r.status, 'new'), COALESCE(r.note, ''), r.reviewed_at, x.created_at,
           COALESCE(r.reviewer, ''), COALESCE(r.revision, 0)
    FROM contradictions x LEFT JOIN reviews r ON r.pair_id = x.id
"""
_LOG_COLS = "id, pair_id, reviewer, at, old_status, new_status, note, outcome, revision"


class ReviewConflictError(StoreError):
    """The pair was decided by someone else after it was shown: nothing was changed."""


@dataclass(frozen=True)
class AuditEntry:
    """One attempt to decide a pair: applied, or refused because the pair had changed (conflict)."""

    id: int
    pair_id: str
    reviewer: str
    at: str  # ISO time, UTC
    old_status: str
    new_status: str
    note: str
    outcome: str  # APPLIED or CONFLICT
    revision: int  # applied: the revision this made; conflict: the revision the reviewer was shown


def _contradiction(row: Sequence[Any]) -> Contradiction:
    return Contradiction(
        id=row[0], claim_a=row[1], claim_b=row[2], relation=row[3], score=float(row[4]),
        explanation=row[5], status=row[6], note=row[7], reviewed_at=row[8], created_at=row[9],
        reviewer=row[10], revision=int(row[11]),
    )


def check_status(status: str) -> None:
    if status not in REVIEW_STATUSES:
        raise InputError(f"unknown review status {status!r}: use one of {', '.join(REVIEW_STATUSES)}")


class ReviewsMixin(ClaimsMixin):
    def upsert_contradictions(self, rows: Iterable[Contradiction]) -> int:
        """Insert new pairs; for a stored pair update relation, score and explanation only.

        The review (status, note, time) is never touched here: a re-scan cannot undo a decision.
        Returns how many pairs were new.
        """
        added = 0
        stamp = now()
        with self.transaction():
            for c in rows:
                a, b = sorted((c.claim_a, c.claim_b))
                if c.id != pair_id(a, b):
                    raise ValueError(f"contradiction id {c.id} is not the pair id of {a} and {b}")
                cur = self._exec(
                    "INSERT INTO contradictions(id, claim_a, claim_b, relation, score, explanation, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                    (c.id, a, b, c.relation, float(c.score), c.explanation, c.created_at or stamp, stamp),
                )
                if cur.rowcount:
                    added += 1
                else:
                    self._exec(
                        "UPDATE contradictions SET relation = ?, score = ?, explanation = ?, updated_at = ? "
                        "WHERE id = ?",
                        (c.relation, float(c.score), c.explanation, stamp, c.id),
                    )
        return added

    def delete_contradictions(self, ids: Iterable[str], keep_reviewed: bool = True) -> int:
        """Drop flagged pairs (a re-scan no longer finds them); with `keep_reviewed`, a pair someone has
        confirmed or dismissed stays, so no decision is ever lost. Returns how many were deleted."""
        deleted = 0
        keep = (
            " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.pair_id = contradictions.id "
            "AND r.status IN ('confirmed', 'dismissed'))" if keep_reviewed else ""
        )
        with self.transaction():
            for chunk in chunks(list(ids)):
                cur = self._exec(f"DELETE FROM contradictions WHERE id IN ({marks(len(chunk))}){keep}", chunk)
                deleted += cur.rowcount
        return deleted

    def list_contradictions(
        self, status: str | None = None, source: str | None = None, limit: int | None = None
    ) -> list[Contradiction]:
        """Pairs by score, highest first; `source` keeps pairs where either claim comes from it."""
        where: list[str] = []
        params: list[object] = []
        if status is not None:
            check_status(status)
            where.append("COALESCE(r.status, 'new') = ?")
            params.append(status)
        if source is not None:
            where.append(
                "EXISTS (SELECT 1 FROM claims c JOIN articles a ON a.id = c.article_id "
                "WHERE c.id IN (x.claim_a, x.claim_b) AND a.source = ?)"
            )
            params.append(source)
        sql = _CONTRA_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY x.score DESC, x.id"
        if limit is not None:
            if limit < 0:
                raise InputError(f"limit must be 0 or more, not {limit}")
            sql += " LIMIT ?"
            params.append(limit)
        return [_contradiction(r) for r in self._all(sql, params)]

    def count_contradictions(self) -> int:
        return self._count("SELECT COUNT(*) FROM contradictions")

    def get_contradiction(self, pair_id: str) -> Contradiction:
        row = self._one(_CONTRA_SELECT + " WHERE x.id = ?", (pair_id,))
        if row is None:
            raise NotFoundError(f"no contradiction with id {pair_id!r}: `verifier conflicts` lists them")
        return _contradiction(row)

    def set_review(
        self,
        pair_id: str,
        status: str,
        note: str = "",
        reviewer: str | None = None,
        expected_revision: int | None = None,
    ) -> Contradiction:
        """Record a decision (status in new/confirmed/dismissed) with who made it and when, and log it.

        `reviewer` defaults to $VERIFIER_REVIEWER, else the OS user. With `expected_revision` (the
        `Contradiction.revision` the reviewer was shown), a pair decided since is not changed: the attempt
        is logged as a conflict and ReviewConflictError says who decided it meanwhile.
        """
        check_status(status)
        who = check_reviewer(default_reviewer() if reviewer is None else reviewer)
        for _ in range(2):  # a first decision raced by another first decision reads the pair again
            with self.transaction():
                self.get_contradiction(pair_id)
                row = self._one(
                    f"SELECT status, revision FROM reviews WHERE pair_id = ?{self._for_update()}", (pair_id,)
                )
                old, revision = (row[0], int(row[1])) if row else ("new", 0)
                stamp = now()
                if expected_revision is not None and expected_revision != revision:
                    self._log(pair_id, who, stamp, old, status, note, CONFLICT, expected_revision)
                    break
                if row is None:
                    cur = self._exec(
                        "INSERT INTO reviews(pair_id, status, note, reviewed_at, reviewer, revision) "
                        "VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT(pair_id) DO NOTHING",
                        (pair_id, status, note, stamp, who),
                    )
                    if cur.rowcount == 0:
                        continue  # another reviewer's first decision committed in between
                else:
                    self._exec(
                        "UPDATE reviews SET status = ?, note = ?, reviewed_at = ?, reviewer = ?, "
                        "revision = ? WHERE pair_id = ?",
                        (status, note, stamp, who, revision + 1, pair_id),
                    )
                self._log(pair_id, who, stamp, old, status, note, APPLIED, revision + 1)
                return self.get_contradiction(pair_id)
        else:
            raise StoreError(f"could not record the decision on {pair_id}: other reviewers kept deciding it")
        raise ReviewConflictError(self._conflict_message(pair_id, expected_revision or 0))

    def _conflict_message(self, pid: str, shown: int) -> str:
        now_c = self.get_contradiction(pid)
        by = f" by {now_c.reviewer} at {now_c.reviewed_at}" if now_c.reviewer else ""
        return (
            f"the pair {pid} changed since it was shown (revision {shown}, now {now_c.revision}): it is "
            f"{now_c.status}{by}. Nothing was changed; your attempt is in the log. Look at it again "
            f"(`verifier log --pair {pid}`) and decide again if you still disagree."
        )

    def _log(self, pid: str, who: str, at: str, old: str, new: str, note: str, outcome: str,
             revision: int) -> None:
        self._exec(
            "INSERT INTO review_log(pair_id, reviewer, at, old_status, new_status, note, outcome, revision) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (pid, who, at, old, new, note, outcome, revision),
        )

    def review_log(
        self, pair_id: str | None = None, reviewer: str | None = None, limit: int | None = None
    ) -> list[AuditEntry]:
        """Every attempt to decide a pair, oldest first; narrowed to one pair and/or one reviewer.
        `limit` keeps the latest entries."""
        where: list[str] = []
        params: list[object] = []
        if pair_id is not None:
            where.append("pair_id = ?")
            params.append(pair_id)
        if reviewer is not None:
            where.append("reviewer = ?")
            params.append(reviewer)
        sql = f"SELECT {_LOG_COLS} FROM review_log" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY id DESC"
        if limit is not None:
            if limit < 1:
                raise InputError(f"limit must be 1 or more, not {limit}")
            sql += " LIMIT ?"
            params.append(limit)
        rows = self._all(sql, params)
        return [
            AuditEntry(id=int(r[0]), pair_id=r[1], reviewer=r[2], at=r[3], old_status=r[4], new_status=r[5],
                       note=r[6], outcome=r[7], revision=int(r[8]))
            for r in reversed(rows)
        ]

    # -- events -------------------------------------------------------------------------------------

    def replace_events(self, events: Iterable[Event]) -> None:
        """Replace every stored event with these (the grouping is recomputed as a whole); the events are
        no longer stale (`events_stale`) once this commits."""
        crash_point("events")
        with self.transaction():
            # two machines of a desk regrouping at once: one after the other, never both ids inserted
            self._serialise(JOB_EVENTS)
            self._set_meta_flag(EVENTS_STALE, False)
            self._exec("DELETE FROM events")
            for ev in events:
                self._exec("INSERT INTO events(id, label) VALUES (?, ?)", (ev.id, ev.label))
                for cid in dict.fromkeys(ev.claim_ids):
                    self._exec("INSERT INTO event_claims(event_id, claim_id) VALUES (?, ?)", (ev.id, cid))

    def events_stale(self) -> bool:
        """True when claims were stored after the last grouping (set in the same transaction as the
        claims, cleared with the new grouping), or claims exist and no grouping does (a store written
        before this marker)."""
        if self._meta_flag(EVENTS_STALE):
            return True
        return self.has_claims() and self._one("SELECT 1 FROM events LIMIT 1") is None

    def list_events(self) -> list[Event]:
        members: dict[str, list[str]] = {}
        for eid, cid in self._all(
            "SELECT ec.event_id, ec.claim_id FROM event_claims ec JOIN claims c ON c.id = ec.claim_id "
            "ORDER BY ec.event_id, c.rowid"
        ):
            members.setdefault(eid, []).append(cid)
        return [
            Event(id=eid, label=label, claim_ids=tuple(members.get(eid, ())))
            for eid, label in self._all("SELECT id, label FROM events ORDER BY label, id")
        ]

    def get_event(self, event_id: str) -> Event:
        row = self._one("SELECT id, label FROM events WHERE id = ?", (event_id,))
        if row is None:
            raise NotFoundError(f"no event with id {event_id!r}: `verifier events` lists them")
        cids = [r[0] for r in self._all(
            "SELECT ec.claim_id FROM event_claims ec JOIN claims c ON c.id = ec.claim_id "
            "WHERE ec.event_id = ? ORDER BY c.rowid", (event_id,)
        )]
        return Event(id=row[0], label=row[1], claim_ids=tuple(cids))
