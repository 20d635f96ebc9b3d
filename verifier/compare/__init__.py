"""The judgement: how two claims' figures relate.

Layers, each importing only those before it: `vocab` (the lexicon file) -> `records` (ClaimText, Judgement)
-> `text` (words, stems, similarity) -> `figures` (a comparable figure per frame, by family) ->
`comparators` (one per family) -> `groups` (casualty constraints) -> `align` (which figures measure the same
thing) -> `evidence` (same incident? which report is later?) -> `features` (the named vector) -> `model` (JSON
trees, no pickle) -> `explain` -> `relate`. `train` fits and cross-validates (scikit-learn), for
scripts/train_judgement.py and `verifier tune`.
"""

from __future__ import annotations

from verifier.compare.records import LABELS, ClaimText, Judgement
from verifier.compare.relate import relate

__all__ = ["LABELS", "ClaimText", "Judgement", "relate"]
