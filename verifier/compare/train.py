"""Fitting the judgement from labelled pairs, and measuring it honestly: grouped k-fold cross-validation
(groups = incidents, so one incident never sits on both sides of a split), held-out folds only.

scikit-learn is used here only; the fitted trees are exported to the JSON format of `model.py`.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from verifier.compare.context import WITHOUT_CONTEXT
from verifier.compare.decision import decide
from verifier.compare.features import feature_names, features, view
from verifier.compare.model import ARTICLES_KNOWN, Booster, Model, Tree
from verifier.compare.records import LABELS, ClaimText
from verifier.compare.synthetic import SYNTHETIC_WEIGHT
from verifier.compare.synthetic import pairs as synthetic_pairs
from verifier.core.errors import ConfigError

# Boosting settings, chosen by grouped 5-fold cross-validation over the labelled pairs (docs/relations.md):
# stumps of depth 2 with a small learning rate generalised across incidents at least as well as depth 3-4
# (macro-F1 0.50 against 0.47-0.51, within the noise of the folds) and keep the shipped file small.
N_STAGES = 300
MAX_DEPTH = 2
LEARNING_RATE = 0.05
SUBSAMPLE = 0.8
# Rare labels (conflicts are 7% of the same-incident pairs) get more weight in the figures decision: the
# inverse label frequency to this power. 1 weighs every label equally overall; in grouped CV 1 gave a higher
# macro-F1 than 0.5 (0.513 against 0.502), at the same accuracy.
CLASS_WEIGHT_POWER = 1.0
# A label the annotator marked low-confidence counts this much.
LOW_CONFIDENCE_WEIGHT = 0.5


@dataclass(frozen=True)
class LabelledPair:
    id: str
    a: ClaimText
    b: ClaimText
    label: str
    group: str  # the incident (or event cluster) the pair belongs to
    weight: float = 1.0


@dataclass(frozen=True)
class Report:
    """Held-out figures of a grouped cross-validation."""

    n: int
    accuracy: float
    macro_f1: float
    per_label: dict[str, tuple[float, float, float, int]]  # label -> precision, recall, F1, support
    confusion: list[list[int]]  # rows gold, columns predicted, in LABELS order
    predictions: dict[str, str] = field(default_factory=dict)  # pair id -> held-out label
    scores: dict[str, float] = field(default_factory=dict)  # pair id -> held-out score of that label


def matrix(pairs: Sequence[LabelledPair]) -> np.ndarray:
    names = feature_names()
    rows = [features(view(p.a, p.b)) for p in pairs]
    return np.array([[r[n] for n in names] for r in rows], dtype=np.float64)


# The incident decision reads only evidence for or against one incident, never whether the figures clash:
# conflicts are rare in labelled data, so a model that saw clashes would learn "different figures, different
# incident" and never find a conflict. These feature prefixes are withheld from it.
CLASH_FEATURES = (
    "table_",
    "clash",
    "strong_clashes",
    "part_exceeds",
    "top_gap",
    "top_compatible",
    "top_log_ratio",
    "top_grew",
)
SAME = "same"
FIGURE_LABELS = tuple(lab for lab in LABELS if lab != "unrelated")


def without_context(x: np.ndarray) -> np.ndarray:
    """`x` as it would read had the claims come without their articles."""
    out = x.copy()
    for i, name in enumerate(feature_names()):
        if name in WITHOUT_CONTEXT:
            out[:, i] = WITHOUT_CONTEXT[name]
    return out


def _weights(labels: Sequence[str], base: Sequence[float]) -> np.ndarray:
    counts = Counter(labels)
    top = max(counts.values())
    return np.array(
        [w * (top / counts[lab]) ** CLASS_WEIGHT_POWER for lab, w in zip(labels, base, strict=True)]
    )


def incident_view(x: np.ndarray) -> np.ndarray:
    """`x` with the clash features zeroed (constant columns are never split on)."""
    out = x.copy()
    for i, name in enumerate(feature_names()):
        if name.startswith(CLASH_FEATURES):
            out[:, i] = 0.0
    return out


def _export(clf: object, labels: tuple[str, ...]) -> Booster:
    stages = []
    for row in clf.estimators_:  # type: ignore[attr-defined]
        trees = []
        for est in row:
            t = est.tree_
            trees.append(
                Tree(
                    left=tuple(int(v) for v in t.children_left),
                    right=tuple(int(v) for v in t.children_right),
                    feature=tuple(max(0, int(v)) for v in t.feature),
                    threshold=tuple(float(v) for v in t.threshold),
                    value=tuple(float(v) for v in t.value[:, 0, 0]),
                )
            )
        stages.append(tuple(trees))
    return Booster(labels, LEARNING_RATE, tuple(stages), 1.0)


def _boost(x: np.ndarray, y: np.ndarray, w: np.ndarray, labels: tuple[str, ...], seed: int) -> Booster:
    from sklearn.ensemble import GradientBoostingClassifier

    clf = GradientBoostingClassifier(
        n_estimators=N_STAGES,
        max_depth=MAX_DEPTH,
        learning_rate=LEARNING_RATE,
        subsample=SUBSAMPLE,
        init="zero",
        random_state=seed,
    )
    clf.fit(x, y, sample_weight=w)
    return _export(clf, labels)


def synthetic() -> tuple[np.ndarray, list[LabelledPair]]:
    """The pairs of `synthetic.py` as feature rows, each its own group, at SYNTHETIC_WEIGHT."""
    made = [
        LabelledPair(f"synthetic-{i}", a, b, label, f"synthetic-{i}", SYNTHETIC_WEIGHT)
        for i, (a, b, label) in enumerate(synthetic_pairs())
    ]
    return matrix(made), made


def fit(
    x: np.ndarray,
    pairs: Sequence[LabelledPair],
    trained_on: str = "",
    seed: int = 0,
    extra: tuple[np.ndarray, Sequence[LabelledPair]] | None = None,
) -> Model:
    """Both boosters on the feature matrix `x` (rows aligned with `pairs`), plus `extra` training rows (the
    synthetic pairs) when given. The incident decision is fitted twice: on the pairs as they read without
    the claims' articles (pasted claims, `verifier pairs` lines), and on the pairs with their articles (claims
    of a workspace); the figures decision reads no article."""
    known = x[:, feature_names().index(ARTICLES_KNOWN)] == 1.0
    with_articles = x[known]
    articles_pairs = [p for p, k in zip(pairs, known, strict=True) if k]
    x = without_context(x)
    if extra is not None and len(extra[1]):
        x = np.vstack([x, extra[0]])
        pairs = [*pairs, *extra[1]]
    labels = [p.label for p in pairs]
    base = [p.weight for p in pairs]
    missing = set(LABELS) - set(labels)
    if missing:  # every label must be seen for the exported model to score all five
        raise ValueError(f"no labelled pair for {', '.join(sorted(missing))}")
    same = np.array([int(lab != "unrelated") for lab in labels])
    incident = _boost(incident_view(x), same, np.array(base), (SAME,), seed)
    idx = [i for i, lab in enumerate(labels) if lab != "unrelated"]
    ys = np.array([FIGURE_LABELS.index(labels[i]) for i in idx])
    w = _weights([labels[i] for i in idx], [base[i] for i in idx])
    figures = _boost(x[idx], ys, w, FIGURE_LABELS, seed)
    incident_articles = None
    if len(articles_pairs) and len({p.label == "unrelated" for p in articles_pairs}) == 2:
        same_a = np.array([int(p.label != "unrelated") for p in articles_pairs])
        w_a = np.array([p.weight for p in articles_pairs])
        incident_articles = _boost(incident_view(with_articles), same_a, w_a, (SAME,), seed)
    return Model(feature_names(), incident, figures, trained_on, incident_articles)


def _nll(raw: np.ndarray, y: np.ndarray, t: float) -> float:
    z = raw / t
    if z.shape[1] == 1:  # binary
        p = 1 / (1 + np.exp(-np.clip(z[:, 0], -50, 50)))
        p = np.where(y == 1, p, 1 - p)
        return float(-np.log(np.clip(p, 1e-12, 1)).mean())
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-logp[np.arange(len(y)), y].mean())


def fit_temperature(raw: np.ndarray, y: np.ndarray) -> float:
    """The temperature that makes held-out probabilities calibrated (least log loss)."""
    grid = [0.5 + 0.1 * i for i in range(46)]
    return min(grid, key=lambda t: _nll(raw, y, t))


def cross_validate(
    x: np.ndarray,
    pairs: Sequence[LabelledPair],
    folds: int = 5,
    extra: tuple[np.ndarray, Sequence[LabelledPair]] | None = None,
    articles: bool = True,
) -> tuple[Report, tuple[float, float, float]]:
    """Grouped k-fold: every pair is judged by a model that saw no pair of its group. `extra` rows join every
    training fold and are never scored. With `articles` false the held-out pairs are judged as if they came
    without their articles (as `verifier pairs` lines and pasted claims do). Returns the report and the two
    temperatures fitted on the held-out raw scores (incident, figures, incident with articles)."""
    from sklearn.model_selection import GroupKFold

    y = np.array([LABELS.index(p.label) for p in pairs])
    groups = np.array([p.group for p in pairs])
    raw_inc = np.zeros((len(pairs), 1))
    raw_art = np.zeros((len(pairs), 1))
    has_art = np.zeros(len(pairs), dtype=bool)
    raw_fig = np.zeros((len(pairs), len(FIGURE_LABELS)))
    pred = np.zeros(len(pairs), dtype=int)
    score = np.zeros(len(pairs))
    bare = without_context(x)
    judged = x if articles else bare
    known = feature_names().index(ARTICLES_KNOWN)
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(x, y, groups):
        model = fit(x[train_idx], [pairs[i] for i in train_idx], extra=extra)
        for i in test_idx:
            row = judged[i].tolist()
            feats = dict(zip(model.features, row, strict=True))
            # Both incident boosters score every held-out pair they can read, whatever `articles` says,
            # so that both temperatures are always fitted on held-out scores.
            raw_inc[i] = model.incident.raw(bare[i].tolist())
            if model.incident_articles is not None and x[i, known] == 1.0:
                raw_art[i] = model.incident_articles.raw(x[i].tolist())
                has_art[i] = True
            raw_fig[i] = model.figures.raw(row)
            probs = model.proba(feats)
            if pairs[i].a.text:  # the decision table reads the text; shipped feature rows have none
                label, score[i] = decide(probs, view(pairs[i].a, pairs[i].b))
            else:
                label = max(probs, key=lambda k: probs[k])
                score[i] = probs[label]
            pred[i] = LABELS.index(label)
    same = (y != LABELS.index("unrelated")).astype(int)
    idx = np.where(same == 1)[0]
    yf = np.array([FIGURE_LABELS.index(LABELS[v]) for v in y[idx]])
    temps = (
        fit_temperature(raw_inc, same),
        fit_temperature(raw_fig[idx], yf),
        fit_temperature(raw_art[has_art], same[has_art]) if has_art.any() else 1.0,
    )
    return report(y, pred, [p.id for p in pairs], score), temps


def report(y: np.ndarray, pred: np.ndarray, ids: Sequence[str], score: np.ndarray | None = None) -> Report:
    k = len(LABELS)
    conf = [[int(((y == g) & (pred == p)).sum()) for p in range(k)] for g in range(k)]
    per: dict[str, tuple[float, float, float, int]] = {}
    for i, lab in enumerate(LABELS):
        tp = conf[i][i]
        col = sum(conf[g][i] for g in range(k))
        row = sum(conf[i])
        prec = tp / col if col else 0.0
        rec = tp / row if row else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = (prec, rec, f1, row)
    macro = sum(v[2] for v in per.values() if v[3]) / max(1, sum(1 for v in per.values() if v[3]))
    acc = float((y == pred).mean()) if len(y) else math.nan
    scores = {} if score is None else {i: float(v) for i, v in zip(ids, score.tolist(), strict=True)}
    return Report(
        len(y), acc, macro, per, conf, {i: LABELS[p] for i, p in zip(ids, pred.tolist(), strict=True)}, scores
    )


def with_temperatures(model: Model, temperatures: tuple[float, float, float]) -> Model:
    from dataclasses import replace

    arts = model.incident_articles
    return replace(
        model,
        incident=replace(model.incident, temperature=temperatures[0]),
        figures=replace(model.figures, temperature=temperatures[1]),
        incident_articles=replace(arts, temperature=temperatures[2]) if arts is not None else None,
    )


LABELLED_FEATURES_FILE = "labelled_features.json"


@dataclass(frozen=True)
class FeatureRows:
    """Labelled pairs as feature rows only (no text): what `verifier tune` refits on beside a workspace's
    reviewed pairs. The shipped file holds the rows of the public labelled pairs (numbers, not sentences)."""

    features: tuple[str, ...]
    x: np.ndarray
    labels: tuple[str, ...]
    groups: tuple[str, ...]
    weights: tuple[float, ...]

    def pairs(self) -> list[LabelledPair]:
        """Stand-in pairs carrying label, group and weight (their text is not shipped)."""
        empty = ClaimText("")
        return [
            LabelledPair(f"row-{i}", empty, empty, lab, grp, w)
            for i, (lab, grp, w) in enumerate(zip(self.labels, self.groups, self.weights, strict=True))
        ]


def write_labelled_features(x: np.ndarray, pairs: Sequence[LabelledPair]) -> Path:
    path = Path(__file__).with_name(LABELLED_FEATURES_FILE)
    obj = {
        "features": list(feature_names()),
        "rows": [[round(float(v), 6) for v in row] for row in x],
        "labels": [p.label for p in pairs],
        "groups": [p.group for p in pairs],
        "weights": [p.weight for p in pairs],
    }
    path.write_text(json.dumps(obj, separators=(",", ":")), encoding="utf-8")
    return path


def shipped_rows() -> FeatureRows:
    raw = json.loads(resources.files("verifier.compare").joinpath(LABELLED_FEATURES_FILE).read_text())
    if tuple(raw["features"]) != feature_names():
        raise ConfigError("the shipped labelled features do not match this version's features; retrain")
    return FeatureRows(
        tuple(raw["features"]),
        np.array(raw["rows"], dtype=np.float64),
        tuple(raw["labels"]),
        tuple(raw["groups"]),
        tuple(float(w) for w in raw["weights"]),
    )
