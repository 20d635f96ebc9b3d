"""`relate`: read both claims' figures, align them, gather the incident evidence, let the classifier decide,
and say why."""

from __future__ import annotations

from verifier.compare.decision import basis, decide
from verifier.compare.explain import explain
from verifier.compare.features import features, view
from verifier.compare.model import Model, shipped
from verifier.compare.records import ClaimText, Judgement


def relate(a: ClaimText, b: ClaimText, model: Model | None = None) -> Judgement:
    """How two claims' figures relate: conflict, agree, different_quantity, update or unrelated. The score is
    the calibrated probability that the label is right (see decision.decide). `model` defaults to the
    shipped one (a workspace passes its tuned model, `verifier.services.tune.workspace_model`)."""
    v = view(a, b)
    probs = (model or shipped()).proba(features(v))
    label, score = decide(probs, v)
    on = basis(label, v)
    return Judgement(
        label=label,
        score=round(score, 4),
        explanation=explain(label, v, on),
        a_figures=v.frames_a,
        b_figures=v.frames_b,
        probabilities=tuple(sorted(probs.items(), key=lambda kv: -kv[1])),
        basis=(on.a.q, on.b.q) if on is not None else None,
    )
