"""Sentence splitting with exact offsets, and the rules that decide what is a claim.

All sentences here are written for these tests (none is copied from a dataset).
"""

from __future__ import annotations

import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import segment
from verifier.core.records import Article
from verifier.segment import MAX_CLAIM_CHARS, drop_reason, split_claims, split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def claims(text: str) -> list[str]:
    return [c.text for c in split_claims(Article.create(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviations that do not end a sentence
        (
            "The U.S. said 13 soldiers died. Officials in the U.S. disagreed.",
            ["The U.S. said 13 soldiers died.", "Officials in the U.S. disagreed."],
        ),
        (
            "Gen. Omar Salem spoke first. Lt. Col. Hadi Nour said 40 had died.",
            ["Gen. Omar Salem spoke first.", "Lt. Col. Hadi Nour said 40 had died."],
        ),
        (
            "Dr. Amal Haddad met Sen. Roy Black. Prof. Lee did not attend.",
            ["Dr. Amal Haddad met Sen. Roy Black.", "Prof. Lee did not attend."],
        ),
        (
            "Inspectors checked gate No. 12 twice. It was locked.",
            ["Inspectors checked gate No. 12 twice.", "It was locked."],
        ),
        (
            "The convoy left at 3 p.m. on Friday. A second one left at 9 a.m.",
            ["The convoy left at 3 p.m. on Friday.", "A second one left at 9 a.m."],
        ),
        (
            "The shelling stopped at 3 p.m. Residents then came out.",
            ["The shelling stopped at 3 p.m.", "Residents then came out."],
        ),
        (
            "Talks resume at 4 p.m. Friday in the capital.",
            ["Talks resume at 4 p.m. Friday in the capital."],
        ),
        (
            "On Jan. 5 the rate rose to 3.5 percent. On Feb. 2 it fell to 3.1.",
            ["On Jan. 5 the rate rose to 3.5 percent.", "On Feb. 2 it fell to 3.1."],
        ),
        (
            "Russia began strikes on Sept. 30 of that year. The vote was 52 vs. 48.",
            ["Russia began strikes on Sept. 30 of that year.", "The vote was 52 vs. 48."],
        ),
        (
            "Mr. Salem, 52, died. Mrs. Nour, 48, survived.",
            ["Mr. Salem, 52, died.", "Mrs. Nour, 48, survived."],
        ),
        (
            "The blast killed 12 people, incl. 3 children. Police held 2 men.",
            ["The blast killed 12 people, incl. 3 children.", "Police held 2 men."],
        ),
        (
            "He works for the U.N. in Geneva. He left in May.",
            ["He works for the U.N. in Geneva.", "He left in May."],
        ),
        # a missing space after the full stop
        ("The count rose to 400.The war goes on.", ["The count rose to 400.", "The war goes on."]),
        ("Officials said.Rescuers kept digging.", ["Officials said.", "Rescuers kept digging."]),
        # sentences that start with a figure
        ("13 died. 20 were hurt.", ["13 died.", "20 were hurt."]),
        (
            "The toll reached 40. 27 of them were fighters.",
            ["The toll reached 40.", "27 of them were fighters."],
        ),
        # quotes
        (
            'He said: "The toll is 40." Others disagreed.',
            ['He said: "The toll is 40."', "Others disagreed."],
        ),
        (
            "She said: “We counted 52 bodies.” The army gave no figure.",
            ["She said: “We counted 52 bodies.”", "The army gave no figure."],
        ),
        (
            '"We will not leave." he told reporters. Then he left.',
            ['"We will not leave." he told reporters.', "Then he left."],
        ),
        (
            'The toll is 40. "It is far higher," a doctor said.',
            ["The toll is 40.", '"It is far higher," a doctor said.'],
        ),
        # headlines and lines
        (
            "Toll in port fire rises to 15\nFifteen people are now known to have died.",
            ["Toll in port fire rises to 15", "Fifteen people are now known to have died."],
        ),
        (
            "Para one has one sentence.\n\nPara two has another one.",
            ["Para one has one sentence.", "Para two has another one."],
        ),
        # hard-wrapped text: a line break inside a sentence is not a boundary
        (
            "The ministry said at least 19 people\nhad died in the floods and\nmany more were missing.",
            ["The ministry said at least 19 people\nhad died in the floods and\nmany more were missing."],
        ),
        (
            "In the capital,\nPolice held 40 people.",
            ["In the capital,\nPolice held 40 people."],
        ),
        # text without commas (as in FA-KES): still split on full stops only
        (
            "Militants killed 13 fighters and wounded 20 the army said on Friday. Residents fled the town.",
            [
                "Militants killed 13 fighters and wounded 20 the army said on Friday.",
                "Residents fled the town.",
            ],
        ),
        # non-ASCII text: offsets are characters, not bytes
        (
            "Café owners in Zürich counted 4 closures 😀. Straße 5 reopened.",
            ["Café owners in Zürich counted 4 closures 😀.", "Straße 5 reopened."],
        ),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("unit", "reason"),
    [
        # dropped: not a claim
        ("By Jane Doe", "byline"),
        ("By Jane Doe and Omar Haddad, Staff Writers", "byline"),
        ("Reporting by Lina Saad in Beirut", "byline"),
        ("(Reporting by Lina Saad; Editing by Tom Hart)", "byline"),
        ("2 min read", "reading time"),
        ("5 minute read", "reading time"),
        ("31 July, 2015", "date"),
        ("Wed 05 Apr 2017", "date"),
        ("July 31, 2015", "date"),
        ("Updated: Friday, May 3, 2013, 9:56 AM", "date"),
        ("2015-07-31", "date"),
        ("[Getty]", "credit"),
        ("(AFP)", "credit"),
        ("Photo: Reuters", "credit"),
        ("Rana Issa/ Omar Said", "credit"),  # agency credit line: writer/editor
        ("M. Haddad/H. Said", "credit"),
        ("Advertisement", "page furniture"),
        ("Read more", "page furniture"),
        ("Read Also", "page furniture"),
        ("Related News Bridge reopens after repairs Storm hits the coast", "links to other stories"),
        ("Source Wire and agencies Related News Port closes for a week", "links to other stories"),
        ("World | Politics | Video Mayor quits after 3 years", "navigation"),
        ("Follow us on Instagram.", "page furniture"),
        ("", "empty"),
        ("...", "punctuation"),
        ("Syria", "too short"),
        ("Middle East news", "fragment without a verb"),
        ("Jane Doe", "fragment without a verb"),
        # kept: something a fact-checker could check, however short
        ("13 died.", None),
        ("Assad resigned.", None),
        ("13 dead", None),
        ("She was hurt.", None),
        ("I didn't.", None),
        ("It's freezing.", None),
        ("Syria's war", "fragment without a verb"),
        ("By Friday, 40 people had died.", None),
        ("By noon the death toll had reached 52.", None),
        ("31 July 2015 was the deadliest day of the month.", None),
        ("(The toll was later revised to 31.)", None),
        ("Toll in port fire rises to 15", None),
    ],
)
def test_drop_and_keep_rules(unit: str, reason: str | None) -> None:
    assert drop_reason(unit) == reason


def test_claims_drop_bylines_dates_and_credits_but_keep_facts() -> None:
    text = (
        "Port fire kills eight\n"
        "By Jane Doe\n"
        "2 min read\n"
        "31 July, 2015\n"
        "[Getty]\n"
        "\n"
        "Eight workers died in the fire. 13 died.\n"
    )
    assert claims(text) == ["Port fire kills eight", "Eight workers died in the fire.", "13 died."]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # a dateline glued to the headline, as FA-KES writes them
        (
            "Wed 05 Apr 2017 Clinic shelled in the north. More text follows here.",
            "Clinic shelled in the north.",
        ),
        ("Fri 07 Apr 2017 at 0914 Governor says strike killed 6. Text.", "Governor says strike killed 6."),
        ("12 February 2015 Shelling kills 9 in the suburbs. Text.", "Shelling kills 9 in the suburbs."),
        ("BEIRUT (Reuters) - At least 40 people died on Friday.", "At least 40 people died on Friday."),
        # a headline with agency and dateline glued to the first sentence, as FA-KES has them
        (
            "Shelling kills 6 in the old town AFP Sunday 3 Jul 2016 Shelling killed six people.",
            "Shelling kills 6 in the old town",
        ),
        # a date that is the subject of the sentence stays
        ("31 July 2015 was the deadliest day. Text.", "31 July 2015 was the deadliest day."),
    ],
)
def test_leading_dateline_is_not_part_of_the_first_claim(text: str, first: str) -> None:
    article = Article.create(text)
    claim = split_claims(article)[0]
    assert claim.text == first
    assert article.text[claim.start : claim.end] == first


def test_links_to_other_stories_are_cut_from_the_last_sentence() -> None:
    text = "The council approved the budget on Monday. ... 25 Related Storm kills 3 in the north Port reopens"
    assert claims(text) == ["The council approved the budget on Monday."]


def test_dateline_inside_the_text_is_cut_out() -> None:
    text = "Shelling kills 6 in the old town AFP Sunday 3 Jul 2016 Shelling killed six people on Sunday."
    assert claims(text) == ["Shelling kills 6 in the old town", "Shelling killed six people on Sunday."]
    # after a preposition the date belongs to the sentence
    text = "The army said on Friday 15 Jul 2016 Fighters entered the town."
    assert claims(text) == [text]


def test_positions_count_kept_claims_and_offsets_slice_back() -> None:
    text = "By Jane Doe\n\n  The dam burst at 6 a.m.  Water reached 2.5 metres.\n[Getty]\nNo one died.  "
    article = Article.create(text)
    got = split_claims(article)
    assert [c.position for c in got] == [0, 1, 2]
    for c in got:
        assert article.text[c.start : c.end] == c.text == c.text.strip()
        assert c.article_id == article.id


def test_newline_joined_sentences_each_stay_a_claim() -> None:
    """ECB+ stores a list of sentences; the importer joins them with newlines."""
    text = "Singer enters rehab\nMay 03, 2013\nShe began a 90-day stay on Thursday.\nher agent confirmed it"
    assert claims(text) == [
        "Singer enters rehab",
        "She began a 90-day stay on Thursday.\nher agent confirmed it",
    ]


def test_long_sentence_is_cut_at_semicolons() -> None:
    clause = "the committee reviewed the figures from every district in the region again "
    parts = [(clause * 3).strip() + str(i) for i in range(6)]
    text = "; ".join(parts) + "."
    assert len(text) > MAX_CLAIM_CHARS
    got = claims(text)
    assert len(got) == 6
    assert all(len(c) <= MAX_CLAIM_CHARS for c in got)
    assert got[0].endswith(";")


def test_long_sentence_without_semicolons_is_kept_whole() -> None:
    text = ("the army said the convoy of trucks reached the town " * 30).strip() + "."
    assert len(text) > MAX_CLAIM_CHARS
    assert claims(text) == [text]


def test_blingfire_failure_keeps_the_block_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_: str) -> list[tuple[int, int]]:
        raise AssertionError("1 != 2")

    monkeypatch.setattr(segment, "_sentence_offsets", broken)
    assert sentences("Two sentences here. Only one unit comes back.") == [
        "Two sentences here. Only one unit comes back."
    ]


def test_impossible_span_from_blingfire_keeps_the_block_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segment, "_sentence_offsets", lambda s: [(0, 999)])
    assert sentences("Short text. Another.") == ["Short text. Another."]


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII text. Two sentences.",
        "Café owners in Zürich counted 4 closures 😀. Straße 5 reopened. Ünal said “no.” Done.",
        "Ελλάδα: 12 νεκροί. Σεισμός 5,8 βαθμών.",
    ],
)
def test_fast_offsets_match_blingfire_wrapper(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = segment._sentence_offsets(text)
    assert fast == segment.blingfire.text_to_sentences_and_offsets(text)[1]
    # without the C entry point, the public wrapper is used, with the same result
    stub = types.SimpleNamespace(
        text_to_sentences_and_offsets=segment.blingfire.text_to_sentences_and_offsets
    )
    monkeypatch.setattr(segment, "blingfire", stub)
    assert segment._sentence_offsets(text) == fast


_PIECES = st.sampled_from(
    list("ab .!?\"'”“‘’\n\t\r\x00 ,;:0123456789ABCXé😀()[]-\u00a0\u2028")
    + [
        "U.S.",
        "Dr.",
        "p.m.",
        " 3.5 ",
        "Jan. 5",
        "\n\n",
        "Wed 05 Apr 2017 ",
        "By Jane Doe\n",
        "13 died. ",
        "\ud800",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join) | st.text(max_size=300))
def test_every_span_slices_back_to_its_claim(text: str) -> None:
    last = 0
    for start, end in split_sentences(text):
        assert last <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        last = end
    article = Article(id="a", text=text)  # not create(): lone surrogates cannot be hashed, but can be split
    for i, claim in enumerate(split_claims(article)):
        assert article.text[claim.start : claim.end] == claim.text
        assert claim.text == claim.text.strip() and claim.text
        assert claim.position == i
