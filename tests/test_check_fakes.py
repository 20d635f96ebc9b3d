"""Issue 11 on real news: `verifier check` on a FA-KES incident lists as corroborating or conflicting only
passages about that incident (docs/check_fakes.md has the five incidents read by hand).

Skipped when ../shared is not beside the repository. The claim is read from the data set at run time by
unit_id and offsets; the articles allowed are those we read as reporting the incident.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from verifier.core.records import content_hash, normalise_for_id
from verifier.shells.cli import main

FAKES = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes" / "FA-KES-Dataset.csv"

pytestmark = [
    pytest.mark.model,
    pytest.mark.slow,
    pytest.mark.skipif(not FAKES.exists(), reason=f"{FAKES} is not here (../shared missing)"),
]

# The air strikes on the market of Al-Shaara (Deir Ezzor province), 6 June 2016: the headline of row
# 1923848268, which names no town and no day. Before the check was tied to the incident it listed, beside
# the headline's own report, four passages about three strikes of other months as corroborating and a raid
# on Aleppo the day before as conflicting.
CLAIM = ("1923848268", 0, 57)
CLAIM_DATE = "2016-06-06"
# The rows that report this strike, read in full: the headline's own article and Al-Araby's report of the
# same day. Row 1923102956 looks back on it in one sentence six days later and is about another strike.
INCIDENT_ROWS = {"1923848268", "1923102957"}


def _rows() -> dict[str, dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with FAKES.open(encoding="utf-8", newline="") as fh:
        return {r["unit_id"]: r for r in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def fakes_workspace(fakes_ingested: tuple[Path, str]) -> Path:
    return fakes_ingested[0]  # one ingest per session, shared with tests/test_acceptance_fakes.py


def test_a_fakes_headline_is_backed_and_contradicted_only_by_its_incident(fakes_workspace: Path) -> None:
    rows = _rows()
    unit, start, end = CLAIM
    claim = rows[unit]["article_content"][start:end]
    article_of = {content_hash(normalise_for_id(r["article_content"])): u for u, r in rows.items()}
    allowed = {content_hash(normalise_for_id(rows[u]["article_content"])) for u in INCIDENT_ROWS}

    result = CliRunner().invoke(
        main, ["--workspace", str(fakes_workspace), "check", claim, "--date", CLAIM_DATE, "--json"]
    )
    assert result.exit_code == 0, result.output
    evidence = json.loads(result.output)["evidence"]
    listed = [e for e in evidence if e["relation"] in ("agree", "conflict")]

    assert listed, "the incident's own report should corroborate it"
    assert {article_of[e["article_id"]] for e in listed} <= INCIDENT_ROWS, [
        (article_of[e["article_id"]], e["relation"], e["date"]) for e in listed
    ]
    assert {e["article_id"] for e in listed} <= allowed
    # What was set apart is still shown, with its reason.
    set_apart = [e for e in evidence if "(not counted: " in e["explanation"]]
    assert any("days from the claim" in e["explanation"] for e in set_apart)
