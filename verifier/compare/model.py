"""The shipped classifier: gradient-boosted trees stored as JSON (no pickle), evaluated in pure Python.

Two decisions, each a booster: whether the two claims are about one incident, and, if they are, what their
figures say. The file holds the feature names in order and, per booster, its labels, learning rate, every
tree (per boosting stage, one regression tree per label) as parallel arrays, and a temperature fitted on
held-out folds so that its probabilities are calibrated.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from verifier.core.errors import ConfigError

MODEL_FILE = "judgement_model.json"


@dataclass(frozen=True)
class Tree:
    left: tuple[int, ...]
    right: tuple[int, ...]
    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    value: tuple[float, ...]


@dataclass(frozen=True)
class _Flat:
    """A booster's trees as flat arrays (node i of tree t at offset[t] + i), built once per booster."""

    offset: np.ndarray
    left: np.ndarray
    right: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    value: np.ndarray
    depth: int

    @staticmethod
    def of(stages: tuple[tuple[Tree, ...], ...]) -> _Flat:
        trees = [t for stage in stages for t in stage]
        sizes = [len(t.left) for t in trees]
        offset = np.cumsum([0, *sizes[:-1]]).astype(np.int64)

        def cat(attr: str) -> np.ndarray:
            return np.concatenate([np.asarray(getattr(t, attr)) for t in trees])

        return _Flat(
            offset,
            cat("left").astype(np.int64),
            cat("right").astype(np.int64),
            cat("feature").astype(np.int64),
            cat("threshold").astype(np.float64),
            cat("value").astype(np.float64),
            max(_depth(t) for t in trees),
        )


def _depth(t: Tree, node: int = 0) -> int:
    if t.left[node] == -1:
        return 0
    return 1 + max(_depth(t, t.left[node]), _depth(t, t.right[node]))


@dataclass(frozen=True)
class Booster:
    """Boosted trees for one decision: with one label, a binary model (probability by the sigmoid of the
    raw score), with several, one tree per label and stage (probabilities by the softmax)."""

    labels: tuple[str, ...]
    learning_rate: float
    stages: tuple[tuple[Tree, ...], ...]  # stages[i][k]: the tree of label k at stage i
    temperature: float = 1.0
    _flat: _Flat | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.stages:
            object.__setattr__(self, "_flat", _Flat.of(self.stages))

    def raw(self, x: Sequence[float]) -> list[float]:
        """The raw score per label: every tree walked at once, one level per step (numpy)."""
        f = self._flat
        if f is None:
            return []
        xs = np.asarray(x, dtype=np.float64)
        node = np.zeros(len(f.offset), dtype=np.int64)
        for _ in range(f.depth):
            at = f.offset + node
            leaf = f.left[at] == -1
            step = np.where(xs[f.feature[at]] <= f.threshold[at], f.left[at], f.right[at])
            node = np.where(leaf, node, step)
        values = f.value[f.offset + node].reshape(len(self.stages), -1)
        return (self.learning_rate * values.sum(axis=0)).tolist()

    def proba(self, x: Sequence[float]) -> dict[str, float]:
        raw = [r / self.temperature for r in self.raw(x)]
        if len(raw) == 1:  # binary: P(labels[0])
            p = 1 / (1 + math.exp(-max(-50.0, min(50.0, raw[0]))))
            return {self.labels[0]: p}
        top = max(raw)
        exp = [math.exp(r - top) for r in raw]
        total = sum(exp)
        return {lab: e / total for lab, e in zip(self.labels, exp, strict=True)}

    def to_json(self) -> dict[str, object]:
        return {
            "labels": list(self.labels),
            "learning_rate": self.learning_rate,
            "temperature": self.temperature,
            "stages": [
                [[t.left, t.right, t.feature, [round(v, 6) for v in t.threshold], t.value] for t in stage]
                for stage in self.stages
            ],
        }


@dataclass(frozen=True)
class Model:
    """Two decisions: are the claims about one incident (`incident`, P(same)), and if so what do their
    figures say (`figures`: conflict, agree, different_quantity, update). When both claims come with their
    articles, `incident_articles` (fitted on the same pairs with their articles) decides the first."""

    features: tuple[str, ...]
    incident: Booster
    figures: Booster
    trained_on: str = ""
    incident_articles: Booster | None = None

    def incident_for(self, feats: Mapping[str, float]) -> Booster:
        """The incident booster for a pair: the article one when both claims have their articles."""
        if self.incident_articles is not None and feats.get(ARTICLES_KNOWN, 0.0) == 1.0:
            return self.incident_articles
        return self.incident

    def proba(self, feats: Mapping[str, float]) -> dict[str, float]:
        x = [float(feats.get(name, 0.0)) for name in self.features]
        same = self.incident_for(feats).proba(x)["same"]
        out = {lab: same * p for lab, p in self.figures.proba(x).items()}
        out["unrelated"] = 1 - same
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "features": list(self.features),
            "trained_on": self.trained_on,
            "incident": self.incident.to_json(),
            "figures": self.figures.to_json(),
            **(
                {"incident_articles": self.incident_articles.to_json()}
                if self.incident_articles is not None
                else {}
            ),
        }


FORMAT = "verifier-judgement-3"
# Files of the previous format (no article booster) still load: workspaces tuned before it keep working.
READABLE_FORMATS = ("verifier-judgement-2", FORMAT)
# The feature that says both claims came with their articles (compare/context.py).
ARTICLES_KNOWN = "context_known"


def _booster(obj: Mapping[str, object]) -> Booster:
    stages = tuple(
        tuple(
            Tree(
                tuple(t[0]),
                tuple(t[1]),
                tuple(t[2]),
                tuple(float(v) for v in t[3]),
                tuple(float(v) for v in t[4]),
            )
            for t in stage
        )
        for stage in obj["stages"]  # type: ignore[attr-defined]
    )
    return Booster(
        labels=tuple(obj["labels"]),  # type: ignore[arg-type]
        learning_rate=float(obj["learning_rate"]),  # type: ignore[arg-type]
        stages=stages,
        temperature=float(obj.get("temperature", 1.0)),  # type: ignore[arg-type]
    )


def from_json(obj: Mapping[str, object]) -> Model:
    if obj.get("format") not in READABLE_FORMATS:
        raise ConfigError(f"the judgement model file is not a {FORMAT} file; retrain it with `verifier tune`")
    articles = obj.get("incident_articles")
    return Model(
        features=tuple(obj["features"]),  # type: ignore[arg-type]
        incident=_booster(obj["incident"]),  # type: ignore[arg-type]
        figures=_booster(obj["figures"]),  # type: ignore[arg-type]
        trained_on=str(obj.get("trained_on", "")),
        incident_articles=_booster(articles) if isinstance(articles, dict) else None,
    )


def load_file(path: Path) -> Model:
    try:
        return from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise ConfigError(f"cannot read the judgement model {path}: {exc}") from None


@lru_cache(maxsize=1)
def shipped() -> Model:
    """The model that ships inside the package (trained by scripts/train_judgement.py)."""
    return from_json(json.loads(resources.files("verifier.compare").joinpath(MODEL_FILE).read_text()))
