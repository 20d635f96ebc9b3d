"""`verifier tune`: the judgement learns from a workspace's reviewers.

Confirmed pairs are conflicts; a dismissed pair is what its note says it is ("different incident: ..." is
unrelated, see `dismissal_reasons` in compare/lexicon_en.json), else the most probable label other than
conflict under the current model. The classifier is refitted on the shipped labelled feature rows plus these
pairs and saved in the workspace folder, which uses it from then on; `reset` goes back to the shipped model.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from verifier.compare import ClaimText, train
from verifier.compare.features import features, view
from verifier.compare.model import Model, load_file, shipped
from verifier.compare.vocab import load
from verifier.core.errors import InputError
from verifier.services.workspace_core import IndexedStore

log = logging.getLogger(__name__)

MODEL_NAME = "judgement_model.json"
# A reviewer's decision on the newsroom's own corpus weighs as much as this many public labelled pairs: it
# is about the outlets and the beat the workspace holds, and a handful of decisions must be able to move the
# model (with weight 1, ten reviews among 769 rows change no judgement). A knob: `verifier tune --weight`.
REVIEW_WEIGHT = 10.0


@dataclass(frozen=True)
class TuneReport:
    reviewed: int
    labels: dict[str, int]
    before: train.Report
    after: train.Report
    path: Path

    def summary(self) -> str:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(self.labels.items()))
        b, a = self.before, self.after
        return (
            f"Tuned on {self.reviewed} reviewed pairs ({counts}) plus {b.n} shipped labelled pairs.\n"
            f"Grouped 5-fold CV before: accuracy {b.accuracy:.3f}, macro-F1 {b.macro_f1:.3f} "
            "(shipped pairs, classifier alone).\n"
            f"Grouped 5-fold CV after:  accuracy {a.accuracy:.3f}, macro-F1 {a.macro_f1:.3f} "
            "(shipped pairs plus this workspace's).\n"
            f"This workspace now judges with {self.path}; `verifier tune --reset` goes back."
        )


def model_path(ws: IndexedStore) -> Path:
    return Path(ws.settings.workspace) / MODEL_NAME


def workspace_model(ws: IndexedStore) -> Model:
    """The workspace's tuned model when it has one, else the shipped one (read once per file version)."""
    path = model_path(ws)
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return shipped()
    return _load(str(path), stamp)


@lru_cache(maxsize=8)
def _load(path: str, stamp: int) -> Model:
    del stamp  # part of the cache key: a re-tuned file is read again
    return load_file(Path(path))


def _label(status: str, note: str, a: ClaimText, b: ClaimText) -> str:
    if status == "confirmed":
        return "conflict"
    low = note.strip().lower()
    for words, label in load().dismissal_reasons.items():
        if low.startswith(words):
            return label
    probs = shipped().proba(features(view(a, b)))
    return max((k for k in probs if k != "conflict"), key=lambda k: probs[k])


def reviewed_pairs(ws: IndexedStore, weight: float = REVIEW_WEIGHT) -> list[train.LabelledPair]:
    """The workspace's decided pairs as labelled pairs, grouped by the first article of each pair."""
    out = []
    for status in ("confirmed", "dismissed"):
        for c in ws.store.list_contradictions(status=status):
            (ca, aa), (cb, ab) = ws.store.get_claim(c.claim_a), ws.store.get_claim(c.claim_b)
            a = ClaimText.of(ca.text, aa)
            b = ClaimText.of(cb.text, ab)
            group = "workspace:" + min(aa.id, ab.id)
            out.append(train.LabelledPair(c.id, a, b, _label(status, c.note, a, b), group, weight))
    return out


def tune(ws: IndexedStore, weight: float = REVIEW_WEIGHT) -> TuneReport:
    reviewed = reviewed_pairs(ws, weight)
    if not reviewed:
        raise InputError(
            "no reviewed pairs in this workspace: confirm or dismiss flags first "
            "(`verifier review ID confirm|dismiss --note 'different incident'`)"
        )
    rows = train.shipped_rows()
    base = rows.pairs()
    before, _ = train.cross_validate(rows.x, base)
    x = np.vstack([rows.x, train.matrix(reviewed)])
    pairs = base + reviewed
    after, temperatures = train.cross_validate(x, pairs)
    model = train.with_temperatures(
        train.fit(x, pairs, trained_on="shipped pairs + workspace reviews"), temperatures
    )
    path = model_path(ws)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(model.to_json(), separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)
    log.info("tuned judgement written to %s", path)
    labels: dict[str, int] = {}
    for p in reviewed:
        labels[p.label] = labels.get(p.label, 0) + 1
    return TuneReport(len(reviewed), labels, before, after, path)


def reset(ws: IndexedStore) -> bool:
    """Back to the shipped model; True when a tuned one was removed."""
    path = model_path(ws)
    if path.exists():
        path.unlink()
        return True
    return False
