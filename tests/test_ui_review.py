"""The review queue's pure parts (verifier.shells.ui_review): reasons in the note, groups with counts, several
decisions at once, the focused position, the legend. No Streamlit, no model."""

from __future__ import annotations

from dataclasses import dataclass, replace

from verifier.compare.vocab import load
from verifier.core.errors import ConfigError
from verifier.core.records import Article
from verifier.io.store import ReviewConflictError
from verifier.shells.ui_review import (
    REASONS,
    SCORE_SENTENCE,
    clamp,
    decide_many,
    group_pairs,
    groups_frame,
    legend_html,
    page_of,
    pair_places,
    reason_note,
    score_html,
    split_note,
)


@dataclass(frozen=True)
class Pair:
    id: str
    claim_a: str
    claim_b: str
    status: str = "new"
    revision: int = 0
    score: float = 0.9


@dataclass(frozen=True)
class ClaimStub:
    id: str


@dataclass(frozen=True)
class EventStub:
    id: str
    label: str
    claim_ids: tuple[str, ...]


def _article(source: str, title: str) -> Article:
    return Article.create(f"Text of {title}.", source=source, title=title, published="2024-03-08")


HERALD = _article("Kestrel Herald", "Pier fire leaves seven dead")
POST = _article("Wren Post", "Four die in pier blaze")
MIRROR = _article("Alder Mirror", "Pier fire: nine dead")
LATER = _article("Wren Post", "Pier fire toll revised")
CLAIMS = {
    "h1": (ClaimStub("h1"), HERALD), "p1": (ClaimStub("p1"), POST), "m1": (ClaimStub("m1"), MIRROR),
    "p2": (ClaimStub("p2"), LATER),
}
EVENTS = [
    EventStub("e-pier", "Pier fire · 2024-03-08", ("h1", "p1", "m1")),
    EventStub("e-x", "Other", ("p2",)),
]
ROWS = [
    Pair("ab", "h1", "p1"),
    Pair("ac", "h1", "m1", status="dismissed"),
    Pair("bc", "p1", "m1", status="confirmed"),
    Pair("hx", "h1", "p2"),
]


def test_reasons_start_the_note_where_tune_reads_them() -> None:
    assert reason_note("different incident", "the Tuesday fire") == "different incident: the Tuesday fire"
    assert reason_note("compatible figures", "") == "compatible figures"
    assert reason_note(None, " a note ") == "a note"
    assert reason_note("other", "") == "other"
    assert reason_note("other", "asked the desk") == "asked the desk"
    # Dismissing again with the same reason does not write it twice.
    assert reason_note("misread number", "misread number: 17 is a date") == "misread number: 17 is a date"
    assert split_note("different quantity: wounded") == ("different quantity", "wounded")
    assert split_note("Different incident") == ("different incident", "")
    assert split_note("checked by phone") == (None, "checked by phone")
    # The reasons tune learns from are in the judgement's vocabulary (misread number and other are not
    # a relation: tune falls back on the model's most likely label other than conflict).
    known = load().dismissal_reasons
    for reason in ("different incident", "different quantity", "compatible figures"):
        assert any(reason_note(reason, "x").lower().startswith(words) for words in known), reason


def test_pairs_grouped_by_incident_and_by_article_pair_with_counts() -> None:
    places = pair_places(ROWS, CLAIMS, EVENTS)
    assert places["ab"].incident == "e-pier" and places["ab"].incident_label == "Pier fire · 2024-03-08"
    assert places["hx"].incident == "e-pier+e-x"  # its claims sit in two incidents: both are named
    assert "Kestrel Herald «Pier fire leaves seven dead»" in places["ab"].articles_label

    by_incident = group_pairs(ROWS, places, "incident")
    assert [(g.key, g.size) for g in by_incident] == [("e-pier", 3), ("e-pier+e-x", 1)]
    assert by_incident[0].counts == {"new": 1, "confirmed": 1, "dismissed": 1}
    assert by_incident[0].option_label() == (
        "Pier fire · 2024-03-08 — 3 pairs: 1 new, 1 confirmed, 1 dismissed"
    )
    by_articles = group_pairs(ROWS, places, "article pair")
    # ab and hx are both Kestrel Herald against Wren Post, but with two Wren Post articles.
    assert len(by_articles) == 4 and all(g.size == 1 for g in by_articles)
    assert group_pairs(ROWS, places, "none") == []
    frame = groups_frame(by_incident, "incident")
    assert list(frame.columns) == ["incident", "pairs", "new", "confirmed", "dismissed"]
    assert frame.iloc[0].tolist() == ["Pier fire · 2024-03-08", 3, 1, 1, 1]


def test_pairs_of_one_article_pair_form_one_group() -> None:
    rows = [Pair("x1", "h1", "p1"), Pair("x2", "p1", "h1", status="confirmed")]
    groups = group_pairs(rows, pair_places(rows, CLAIMS, EVENTS), "article pair")
    assert [g.size for g in groups] == [2]
    assert groups[0].label == (
        "Kestrel Herald «Pier fire leaves seven dead» ↔ Wren Post «Four die in pier blaze»"
    )


def test_decide_many_dismisses_with_the_reason_and_names_the_refused() -> None:
    calls: list[tuple[str, str, str, int]] = []

    def decide(pid: str, decision: str, note: str, shown: int) -> None:
        if pid == "ac":
            raise ReviewConflictError("the pair ac changed since it was shown")
        calls.append((pid, decision, note, shown))

    pairs = [ROWS[0], ROWS[1], replace(ROWS[2], revision=3)]
    result = decide_many(decide, pairs, "dismiss", "different incident", "two fires", {"ab": 0})
    assert calls == [("ab", "dismiss", "different incident: two fires", 0),
                     ("bc", "dismiss", "different incident: two fires", 3)]
    assert result.decided == ("ab", "bc")
    assert result.refused == ("ac: the pair ac changed since it was shown",)
    assert result.summary() == "2 pairs dismissed. 1 not changed (below)."

    confirmed = decide_many(
        lambda *a: calls.append(a), [ROWS[0]], "confirm", "different incident", " ok ", {}
    )
    assert calls[-1] == ("ab", "confirm", "ok", 0)  # a confirmation carries no dismissal reason
    assert confirmed.summary() == "1 pair confirmed."


def test_decide_many_stops_at_a_missing_reviewer_name() -> None:
    def decide(pid: str, decision: str, note: str, shown: int) -> None:
        raise ConfigError("type your name in the Reviewer field")

    result = decide_many(decide, ROWS, "confirm", None, "", {})
    assert result.decided == () and len(result.refused) == 1


def test_focus_stays_in_the_queue_and_its_page_follows() -> None:
    assert clamp(5, 3) == 2 and clamp(-1, 3) == 0 and clamp(4, 0) == 0
    assert page_of(0, 20) == 1 and page_of(19, 20) == 1 and page_of(20, 20) == 2


def test_legend_and_score_say_what_they_mean() -> None:
    legend = legend_html()
    for words in ("new", "confirmed", "dismissed", "conflicts", "corroborates", "figure", "who says so"):
        assert words in legend
    assert SCORE_SENTENCE in legend and "probability" in SCORE_SENTENCE
    assert "Similarity" in legend_html(similarity=True) and "Similarity" not in legend
    assert "dismissed" not in legend_html(review=False)
    assert SCORE_SENTENCE not in legend_html(score=False)
    score = score_html(0.873)
    assert "score 0.87" in score and "probability the label is right" in score
    assert REASONS == (
        "different incident", "different quantity", "compatible figures", "misread number", "other"
    )
