"""`verifier tune`: reviewers' decisions are labels; the refitted model judges similar pairs differently.

Every sentence was written for this test: short wire reports of attacks that a desk decided were always
different incidents (a monitor's daily round-up lists one attack per line).
"""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from verifier.compare import ClaimText, relate
from verifier.core.records import Article, Contradiction, pair_id
from verifier.services import tune as tuning
from verifier.services.workspace import Workspace
from verifier.shells.cli import main

DAY = "2024-03-01"
ATTACKS = [
    ("Shelling", 13, 20),
    ("A mortar attack", 7, 15),
    ("Rocket fire", 4, 11),
    ("An air strike", 9, 30),
    ("A car bomb", 6, 21),
    ("Sniper fire", 5, 12),
    ("A drone strike", 3, 17),
    ("Artillery fire", 8, 25),
]
# Not among the reviewed pairs: the same kind of report, other figures.
NEW = (
    ClaimText("Gunfire killed 10 civilians, the monitor said.", "Wire A", "2024-03-01"),
    ClaimText("Gunfire killed 26 civilians, the monitor said.", "Wire B", "2024-03-01"),
)


def _dismiss_all(ws: Workspace) -> None:
    for what, n, m in ATTACKS:
        a = Article.create(
            f"{what} killed {n} civilians, the monitor said.", source="Wire A", published="2024-03-01"
        )
        b = Article.create(
            f"{what} killed {m} civilians, the monitor said.", source="Wire B", published="2024-03-01"
        )
        ws.ingest_articles([a, b])
        ca, cb = sorted((ws.store.claims_of_article(a.id)[0].id, ws.store.claims_of_article(b.id)[0].id))
        pid = pair_id(ca, cb)
        ws.store.upsert_contradictions([Contradiction(pid, ca, cb, "conflict", 0.7, "Figures conflict")])
        ws.store.set_review(pid, "dismissed", "different incident: one line each of a round-up")


@pytest.mark.slow  # two grouped cross-validations and a refit: about a minute on 2 cores
def test_tuning_on_dismissed_pairs_changes_the_judgement_of_a_similar_pair(workspace: Workspace) -> None:
    assert relate(*NEW, tuning.workspace_model(workspace)).label == "conflict"
    _dismiss_all(workspace)
    report = tuning.tune(workspace)
    assert report.reviewed == len(ATTACKS) and report.labels == {"unrelated": len(ATTACKS)}
    assert 0 < report.before.accuracy <= 1 and report.after.n == report.before.n + len(ATTACKS)
    assert relate(*NEW, tuning.workspace_model(workspace)).label == "unrelated"
    assert tuning.reset(workspace)
    assert relate(*NEW, tuning.workspace_model(workspace)).label == "conflict"


def test_tune_without_reviews_says_what_to_do(workspace: Workspace, settings: Any) -> None:
    result = CliRunner().invoke(main, ["--workspace", str(settings.workspace), "tune"])
    assert result.exit_code == 2, result.output
    assert "no reviewed pairs" in result.output and "verifier review" in result.output
