"""The app's pure helpers (verifier.shells.ui, verifier.shells.ui_data): text reaches the page escaped,
highlights land on the right characters, tables and paging say what the pages show."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd
import pytest

from verifier.core.errors import InputError
from verifier.services.check import Evidence, Span
from verifier.services.events import Cell, ComparisonTable, Row
from verifier.shells import ui, ui_data

SCRIPT = "<script>alert('x')</script>"
IMG = "<img src=x onerror=alert(1)>"


def visible_text(html: str) -> str:
    """What a browser shows: tags dropped, entities decoded."""
    import html as html_lib

    return html_lib.unescape(re.sub(r"<[^>]+>", "", html))


def tags(html: str) -> set[str]:
    return {m.lower() for m in re.findall(r"<\s*/?\s*([a-zA-Z]+)", html)}


OUR_TAGS = {"mark", "div", "span", "strong", "em", "a"}


# -- escaping ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        SCRIPT,
        IMG,
        f"Officials said {SCRIPT} that 12 people died {IMG}.",
        '"><svg onload=alert(1)> 40 killed',
        "Tom & Jerry's <b>bold</b> claim",
        "javascript:alert(1)",
    ],
)
def test_passage_html_shows_markup_as_text_and_adds_no_tag(text: str) -> None:
    html = ui.passage_html(text, [Span(0, min(5, len(text)), "figure")])
    assert visible_text(html) == text
    assert tags(html) <= OUR_TAGS
    assert "<script" not in html and "<img" not in html and "<svg" not in html and "<b>" not in html


@pytest.mark.parametrize(
    ("text", "spans", "expected_marked"),
    [
        # (start, end, role) spans -> the texts inside <mark>, in order
        ("At least 27 IS fighters were killed", [(0, 11, "figure")], ["At least 27"]),
        ("13 killed and 20 wounded", [(0, 2, "figure"), (14, 16, "figure")], ["13", "20"]),
        ("13 killed", [(0, 2, "figure"), (3, 9, "measure")], ["13", "killed"]),
        # overlapping parts are cut at every boundary: the figure keeps its own style
        ("about 40 militants", [(0, 8, "figure"), (6, 18, "group")], ["about ", "40", " militants"]),
        # spans outside the text or empty are ignored; a span running past the end is cut at the end
        ("12 dead", [(0, 2, "figure"), (9, 50, "measure"), (3, 3, "time")], ["12"]),
        ("12 dead", [(3, 50, "measure")], ["dead"]),
        ("", [(0, 2, "figure")], []),
        ("<b>5</b> injured", [(3, 4, "figure")], ["5"]),
    ],
)
def test_render_marked_wraps_exactly_the_spans(text: str, spans: list, expected_marked: list[str]) -> None:
    html = ui.passage_html(text, [Span(s, e, r) for s, e, r in spans])
    marked = [visible_text(m) for m in re.findall(r"<mark[^>]*>(.*?)</mark>", html)]
    assert marked == expected_marked
    assert visible_text(html) == text


def test_figure_marks_look_different_from_context_marks() -> None:
    html = ui.passage_html("13 killed", [Span(0, 2, "figure"), Span(3, 9, "measure")])
    figure, measure = re.findall(r'<mark class="([^"]+)" style="([^"]+)"', html)
    assert figure[0] == "vf-figure" and "background:#fde68a" in figure[1]
    assert measure[0] == "vf-measure" and "border-bottom" in measure[1]


def test_article_context_marks_the_passage_and_its_figures_inside_the_article() -> None:
    article = f"Headline {SCRIPT}\n\nFirst line. Rescuers found 14 bodies on Monday. Last line."
    start = article.index("Rescuers")
    end = article.index("Monday.") + len("Monday.")
    passage = article[start:end]
    figure = passage.index("14")
    html = ui.article_context_html(article, start, end, [Span(figure, figure + 2, "figure")])
    assert visible_text(html) == article
    # One passage mark around the whole sentence, the figure marked inside it.
    outer = re.search(r'<mark class="vf-passage"[^>]*>(.*)</mark>', html)
    assert outer is not None and visible_text(outer.group(1)) == passage
    assert re.findall(r'<mark class="vf-figure"[^>]*>(.*?)</mark>', outer.group(1)) == ["14"]
    assert "<script" not in html
    assert "overflow-y:auto" in html  # a long article scrolls inside its box
    assert visible_text(ui.article_context_html(article, 5, 5)) == article  # no passage: plain text


def test_card_escapes_every_field_and_links_only_http_urls() -> None:
    evidence = Evidence(
        text=f"Police said 14 people died. {IMG}",
        source=f"Outlet {SCRIPT}",
        date="2024-06-03",
        title=f"Title {IMG}",
        article_id="a1",
        claim_id="c1",
        relation="conflict",
        score=0.9,
        similarity=0.734,
        explanation=f"14 vs 6 {SCRIPT}",
        spans=(Span(12, 14, "figure"),),
        url="javascript:alert(1)",
    )
    html = ui.evidence_card_html(evidence)
    assert tags(html) <= OUR_TAGS
    assert "href" not in html  # a javascript: URL is never made a link
    shown = visible_text(html)
    for field in (evidence.text, evidence.source, evidence.title, evidence.explanation):
        assert field in shown
    assert "similarity 0.73" in shown and "conflicts" in shown
    linked = ui.meta_line_html("Outlet", None, "A title", "https://example.org/a?b=1&c=2")
    assert 'href="https://example.org/a?b=1&amp;c=2"' in linked and 'rel="noopener noreferrer"' in linked
    assert "undated" in visible_text(linked)


@pytest.mark.parametrize(
    ("relation", "label"),
    [
        ("conflict", "conflicts"),
        ("agree", "corroborates"),
        ("update", "update"),
        ("different_quantity", "different quantity"),
        ("similar", "similar, no figures compared"),
        ("something_new", "something new"),
    ],
)
def test_relation_badges(relation: str, label: str) -> None:
    assert visible_text(ui.relation_badge(relation)) == label


def test_status_and_summary_badges() -> None:
    assert visible_text(ui.status_badge("confirmed")) == "confirmed"
    html = ui.summary_html(f"1 conflicts: {SCRIPT}", corroborating=2, conflicting=1, related=3)
    assert "<script" not in html
    assert visible_text(html).startswith(f"1 conflicts: {SCRIPT}")
    assert "1 conflicting" in visible_text(html) and "2 corroborating" in visible_text(html)
    # Each count links to the section holding the passages it counts (the Check page's anchors).
    assert [f"#{a}" for a in ui.SECTION_ANCHORS.values()] == re.findall(r'href="([^"]+)"', html)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain title", "plain title"),
        ("**bold** _it_", r"\*\*bold\*\* \_it\_"),
        ("[link](javascript:alert(1))", r"\[link\]\(javascript\:alert\(1\)\)"),
        ("line\nbreak", "line break"),
        (":red[alarm]", r"\:red\[alarm\]"),
    ],
)
def test_md_escape(text: str, expected: str) -> None:
    assert ui.md_escape(text) == expected


# -- invisible characters ----------------------------------------------------------------------------

# A right-to-left override around a figure: a browser would draw "27" where the text (and the figure reader)
# has 72. The page must show the characters as they were read.
RLO_CLAIM = "Shelling killed \u202e72\u202c civilians in Ardel on Tuesday, medics said."
INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\ufeff]")


def test_a_right_to_left_override_is_shown_and_the_figure_stays_72() -> None:
    html = ui.passage_html(RLO_CLAIM, ui_data.figure_spans(RLO_CLAIM, "2020-03-03"))
    assert not INVISIBLE.search(html)  # nothing left that reorders what the browser draws
    assert "killed [U+202E]72[U+202C] civilians" in visible_text(html)
    assert re.findall(r'<mark class="vf-figure"[^>]*>(.*?)</mark>', html) == ["72"]
    markers = re.findall(r'<span class="vf-invisible"[^>]*title="([^"]*)"[^>]*>(.*?)</span>', html)
    assert [(title.split(":")[0], shown) for title, shown in markers] == [
        ("RIGHT-TO-LEFT OVERRIDE", "[U+202E]"),
        ("POP DIRECTIONAL FORMATTING", "[U+202C]"),
    ]


def test_markers_keep_the_passage_highlight_on_its_characters() -> None:
    # Invisible characters before, inside and after the passage: the offsets are of the stored text.
    article = "Head\u200bline\n\nFirst\u2067 line. Crews pulled 3\u200d1 people out. Last\ufeff line."
    start = article.index("Crews")
    end = article.index("out.") + len("out.")
    figure = article[start:end].index("3")
    html = ui.article_context_html(article, start, end, [Span(figure, figure + 3, "figure")])
    outer = re.search(r'<mark class="vf-passage"[^>]*>(.*)</mark>', html)
    assert outer is not None and visible_text(outer.group(1)) == "Crews pulled 3[U+200D]1 people out."
    assert [visible_text(m) for m in re.findall(r'<mark class="vf-figure"[^>]*>(.*?)</mark>', html)] == [
        "3[U+200D]1"
    ]
    assert visible_text(html).startswith("Head[U+200B]line\n\nFirst[U+2067] line.")
    assert visible_text(html).endswith("Last[U+FEFF] line.")


def test_card_fields_show_invisible_characters_too() -> None:
    evidence = Evidence(
        text="Medics said 72 civilians died.",
        source="Ardel \u202eNews",
        date="2020-03-03",
        title="Toll \u2066rises\u2069",
        article_id="a1",
        claim_id="c1",
        relation="conflict",
        score=1.0,
        similarity=0.8,
        explanation="72 against \u200f27",
        spans=(),
        url="https://ardel.example/toll",
    )
    html = ui.evidence_card_html(evidence)
    assert not INVISIBLE.search(html)
    shown = visible_text(html)
    assert "Ardel [U+202E]News" in shown and "Toll [U+2066]rises[U+2069]" in shown
    assert "72 against [U+200F]27" in shown
    assert ui.md_escape("Toll \u202erises") == r"Toll \[U\+202E\]rises"


# -- paging and uploads -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "size", "pages"), [(0, 10, 1), (1, 10, 1), (10, 10, 1), (11, 10, 2), (100_000, 25, 4000)]
)
def test_page_count(total: int, size: int, pages: int) -> None:
    assert ui_data.page_count(total, size) == pages


@pytest.mark.parametrize(
    ("page", "total", "offset"), [(1, 95, 0), (2, 95, 10), (10, 95, 90), (11, 95, 90), (0, 95, 0), (3, 0, 0)]
)
def test_page_offset_clamps_to_the_last_page(page: int, total: int, offset: int) -> None:
    assert ui_data.page_offset(page, 10, total) == offset


@pytest.mark.parametrize(
    ("name", "index", "expected"),
    [
        ("report.csv", 0, "000-report.csv"),
        ("../../etc/passwd", 1, "001-passwd"),
        ("C:\\Users\\me\\notes.TXT", 2, "002-notes.txt"),
        ("my article (final).md", 3, "003-my_article_final.md"),
        (".hidden.jsonl", 4, "004-hidden.jsonl"),
        ("<script>.html", 5, "005-script.html"),
        ("", 6, "006-upload"),
    ],
)
def test_safe_upload_name(name: str, index: int, expected: str) -> None:
    assert ui_data.safe_upload_name(name, index) == expected


def test_strip_folder_hides_our_temporary_folder() -> None:
    msg = "/tmp/verifier-upload-abc/000-x.csv: the file is empty"
    assert ui_data.strip_folder(msg, "/tmp/verifier-upload-abc") == "000-x.csv: the file is empty"


@pytest.mark.parametrize(
    ("name", "data", "columns"),
    [
        ("a.csv", b"headline,body,outlet,when\nA,B,C,D\n", ["headline", "body", "outlet", "when"]),
        ("a.csv", b"\xef\xbb\xbftext,title\nx,y\n", ["text", "title"]),
        (
            "a.jsonl",
            b'{"text": "x", "src": "y"}\n{"date": "2020-01-01"}\nnot json\n',
            ["text", "src", "date"],
        ),
        ("a.txt", b"text,title\n", []),
        ("a.csv", b"", []),
    ],
)
def test_table_columns(name: str, data: bytes, columns: list[str]) -> None:
    assert ui_data.table_columns(name, data) == columns


@pytest.mark.parametrize(
    ("columns", "field", "guess"),
    [
        (["Headline", "Body", "Outlet"], "title", "Headline"),
        (["Headline", "Body", "Outlet"], "text", "Body"),
        (["Headline", "Body", "Outlet"], "source", "Outlet"),
        (["article_content", "date"], "text", "article_content"),
        (["a", "b"], "url", None),
        (["article_content", "location"], "place", "location"),
    ],
)
def test_guess_column(columns: list[str], field: str, guess: str | None) -> None:
    assert ui_data.guess_column(columns, field) == guess


# -- the review queue and tables ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Pair:
    claim_a: str
    claim_b: str
    score: float
    status: str = "new"


def test_status_counts_and_filters() -> None:
    rows = [_Pair("a", "b", 0.9), _Pair("c", "d", 0.5, "confirmed"), _Pair("a", "e", 0.2, "dismissed")]
    assert ui_data.status_counts(rows) == {"new": 1, "confirmed": 1, "dismissed": 1}
    assert ui_data.status_counts([]) == {"new": 0, "confirmed": 0, "dismissed": 0}
    assert [r.claim_b for r in ui_data.filter_pairs(rows, min_score=0.4)] == ["b", "d"]
    assert [r.claim_b for r in ui_data.filter_pairs(rows, claim_ids={"a"})] == ["b", "e"]
    assert ui_data.filter_pairs(rows, min_score=0.95) == []


@pytest.mark.parametrize(
    ("a", "b", "measures"),
    [
        ("At least 14 people were killed.", "Six people died in the collapse.", ("killed",)),
        ("Police arrested 14 people.", "Twenty-three people were arrested.", ("arrested",)),
        ("Eight were killed.", "Twenty were wounded.", ("killed", "wounded")),
    ],
)
def test_pair_measures(a: str, b: str, measures: tuple[str, ...]) -> None:
    assert ui_data.pair_measures(a, None, b, None) == measures


def _cell(
    figure: str,
    low: float,
    high: float,
    date: str,
    attribution: str = "",
    conflict: bool = False,
    update: bool = False,
) -> Cell:
    return Cell(
        figure=figure,
        low=low,
        high=high,
        date=date,
        event_date=None,
        attribution=attribution,
        claim_id="c",
        claim_text="t",
        article_id="a",
        title="title",
        conflict=conflict,
        update=update,
    )


def _table() -> ComparisonTable:
    killed = Row(
        "killed",
        "people",
        (
            (
                "Outlet A",
                (_cell("at least 14", 14, math.inf, "2024-06-03", attribution="police", conflict=True),),
            ),
            (
                "Outlet B",
                (
                    _cell("six", 6, 6, "2024-06-03", conflict=True),
                    _cell("19", 19, 19, "2024-06-05", update=True),
                ),
            ),
        ),
    )
    injured = Row("wounded", "people", (("Outlet A", (_cell("about 30", 25, 35, "2024-06-03"),)),))
    both = Row(
        "missing",
        "people",
        (
            ("Outlet A", (_cell("3", 3, 3, "2024-06-03"),)),
            ("Outlet B", (_cell("three", 3, 3, "2024-06-04"),)),
        ),
    )
    return ComparisonTable("e1", "Bridge collapse", ("Outlet A", "Outlet B"), (killed, injured, both))


def test_comparison_frames_hold_figures_and_statuses() -> None:
    values, status = ui_data.comparison_frames(_table())
    assert list(values.columns) == ["Outlet A", "Outlet B"]
    assert values.loc["killed — people", "Outlet A"] == "at least 14 (2024-06-03, police)"
    assert values.loc["killed — people", "Outlet B"] == "six (2024-06-03); 19 (2024-06-05)"
    assert values.loc["wounded — people", "Outlet B"] == ""
    assert status.loc["killed — people"].tolist() == ["conflict", "conflict"]
    assert status.loc["wounded — people"].tolist() == ["single", ""]
    assert status.loc["missing — people"].tolist() == ["agree", "agree"]
    html = ui_data.comparison_html(values, status)
    assert "#fee2e2" in html and "#dcfce7" in html  # conflict and agreement colours
    assert html.count("<th>") == 3 and "table-layout:fixed" in html and "overflow-wrap:anywhere" in html


def test_comparison_html_escapes_what_the_sources_wrote() -> None:
    import pandas as pd

    values = pd.DataFrame(
        {"<b>Outlet</b>": ['at least 4 (2024-06-03, "<script>x</script>")']}, index=["killed"]
    )
    status = pd.DataFrame({"<b>Outlet</b>": ["single"]}, index=["killed"])
    html = ui_data.comparison_html(values, status)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Outlet&lt;/b&gt;" in html


def test_cell_status_prefers_conflict_over_update() -> None:
    c = _cell("6", 6, 6, "2024-06-03", conflict=True, update=True)
    assert ui_data.cell_status([c], 2) == "conflict"
    assert ui_data.cell_status([_cell("6", 6, 6, "2024-06-03", update=True)], 2) == "update"


def test_row_cells_in_time_order() -> None:
    cells = ui_data.row_cells(_table(), "killed — people")
    assert [(source, c.figure) for source, c in cells] == [
        ("Outlet A", "at least 14"),
        ("Outlet B", "six"),
        ("Outlet B", "19"),
    ]
    assert ui_data.row_cells(_table(), "no such row") == []


@pytest.mark.parametrize(
    ("typed", "iso"),
    [("", None), ("  ", None), (None, None), ("2015-07-31", "2015-07-31"), (" 31 July 2015 ", "2015-07-31")],
)
def test_optional_date(typed: str | None, iso: str | None) -> None:
    assert ui.optional_date(typed) == iso


def test_optional_date_refuses_what_it_cannot_read() -> None:
    with pytest.raises(InputError, match="not understood; write it as YYYY-MM-DD"):
        ui.optional_date("last Thursday")


def test_chart_frame_points_per_source_in_time_order() -> None:
    frame = ui_data.chart_frame(_table(), "killed — people")
    assert frame[["source", "value", "figure"]].values.tolist() == [
        ["Outlet A", 14.0, "at least 14"],
        ["Outlet B", 6.0, "six"],
        ["Outlet B", 19.0, "19"],
    ]
    assert frame["date"].dtype.kind == "M"
    assert len(ui_data.chart_frame(_table())) == 6
    spec = ui_data.figures_chart(frame).to_dict()
    assert {layer["mark"]["type"] for layer in spec["layer"]} == {"line", "point"}
    point = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    assert point["encoding"]["shape"]["field"] == "kind"  # updates and conflicts are marked by shape
    assert point["encoding"]["shape"]["scale"]["domain"] == ["update", "conflicts", "reported"]


def test_article_rows_newest_first_without_text() -> None:
    from verifier.core.records import Article

    articles = [
        Article.create("One.", source="A", title="b old", published="2020-01-01"),
        Article.create("Two.", source="A", title="undated"),
        Article.create("Three.", source="A", title="Z new", published="2024-05-01"),
        Article.create("Four.", source="A", title="a new", published="2024-05-01"),
    ]
    rows = ui_data.article_rows(articles)
    assert [r.title for r in rows] == ["a new", "Z new", "b old", "undated"]
    assert not hasattr(rows[0], "text")
    assert ui_data.articles_frame(rows)["title"].tolist() == ["a new", "Z new", "b old", "undated"]


def test_sources_and_articles_frames() -> None:
    @dataclass
    class Source:
        source: str
        articles: int
        claims: int

    frame = ui_data.sources_frame([Source("B", 1, 5), Source("", 3, 9), Source("A", 1, 2)])
    assert frame.values.tolist() == [["(no source)", 3, 9], ["A", 1, 2], ["B", 1, 5]]
    assert isinstance(ui_data.articles_frame([]), pd.DataFrame)
    assert list(ui_data.articles_frame([]).columns) == ["date", "title", "source", "url", "id"]
