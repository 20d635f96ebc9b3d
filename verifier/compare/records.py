"""What the judgement takes and gives: a claim with its report metadata, and a judgement with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from verifier.core.records import Article
from verifier.quantities import Quantity

LABELS = ("conflict", "agree", "different_quantity", "update", "unrelated")


@dataclass(frozen=True)
class ClaimText:
    text: str
    source: str | None = None
    date: str | None = None  # ISO date of the report, when known
    # Words that say where the claim is set without being part of it (the article's title): read only for
    # place names, so that a sentence without a place under a title naming one is placed.
    setting: str = ""
    # The whole article the claim comes from, when known: read for what two reports share beyond their
    # sentences (compare/context.py). Empty for a pasted claim.
    context: str = ""

    @classmethod
    def of(cls, text: str, article: Article) -> ClaimText:
        """A stored claim as the judgement reads it: with its outlet, date, title and article."""
        return cls(text, article.source, article.published, setting=article.title or "", context=article.text)


@dataclass(frozen=True)
class Judgement:
    label: str  # one of LABELS
    score: float  # calibrated probability that the label is right, 0..1
    explanation: str  # one line naming the figures behind the decision
    a_figures: tuple[Quantity, ...] = field(default=(), compare=False)
    b_figures: tuple[Quantity, ...] = field(default=(), compare=False)
    probabilities: tuple[tuple[str, float], ...] = field(default=(), compare=False)
    # The two figures the label rests on (the clash of a conflict or an update, the agreeing pair of an
    # agreement), when there is one.
    basis: tuple[Quantity, Quantity] | None = field(default=None, compare=False)

    @property
    def flag(self) -> bool:
        return self.label == "conflict"
