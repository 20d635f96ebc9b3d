"""What the app needs for several reviewers at once: the reviewer's name (a sidebar field kept for the
browser tab), the revision each pair card was shown at (the optimistic check), a decision made with both,
and the audit log as a table. Pure functions over the store, tested without Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from typing import Any

import pandas as pd

from verifier.core.errors import ConfigError, InputError
from verifier.core.records import Contradiction
from verifier.core.settings import default_reviewer
from verifier.io.store import CONFLICT, AuditEntry
from verifier.services.scan import DECISIONS
from verifier.services.workspace_core import IndexedStore

# The session-state key of the sidebar's reviewer field: Streamlit keeps it for the tab's session.
REVIEWER_KEY = "reviewer"
# Entries the audit view shows (the latest); `verifier log` lists them all.
AUDIT_ROWS = 200
AUDIT_COLUMNS = ("When (UTC)", "Reviewer", "Pair", "From", "To", "Outcome", "Note")


def reviewer_default() -> str:
    """What the field holds before the reviewer types: $VERIFIER_REVIEWER, else the server's login."""
    return default_reviewer()


def shown_revision(state: MutableMapping[str, Any], pair: Contradiction) -> int:
    """The revision of `pair` as the card showed it at the previous run of the page (the one the reviewer
    was looking at when clicking), and remember this run's for the next click. Streamlit reruns the page
    on a click and reads the pair afresh, so the fresh revision alone would never see another's decision."""
    key = f"shown-revision-{pair.id}"
    shown = int(state.get(key, pair.revision))
    state[key] = pair.revision
    return shown


def decide(
    ws: IndexedStore, pair_id: str, decision: str, note: str, reviewer: str, shown: int
) -> Contradiction:
    """confirm, dismiss or reopen `pair_id` as `reviewer`, refused (ReviewConflictError, logged) if the pair
    was decided by someone else since it was shown at revision `shown`."""
    status = DECISIONS.get(decision.strip().lower())
    if status is None:
        raise InputError(f"unknown decision {decision!r}: use confirm, dismiss or reopen")
    if not reviewer or not reviewer.strip():
        raise ConfigError("type your name in the Reviewer field (in the sidebar) before deciding")
    result: Contradiction = ws.store.set_review(
        pair_id, status, note, reviewer=reviewer, expected_revision=shown
    )
    return result


def audit_frame(entries: Iterable[AuditEntry]) -> pd.DataFrame:
    """The audit log as the app's table, latest first; a refused attempt says so."""
    rows = [
        (
            e.at.replace("T", " ").replace("+00:00", ""),
            e.reviewer,
            e.pair_id,
            e.old_status,
            e.new_status,
            f"refused: changed since revision {e.revision}" if e.outcome == CONFLICT
            else f"revision {e.revision}",
            e.note,
        )
        for e in entries
    ]
    return pd.DataFrame(rows[::-1], columns=list(AUDIT_COLUMNS))
