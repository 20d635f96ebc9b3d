"""Importers: every format, its metadata, and a clear InputError for every kind of bad input.

Fixture files live in tests/fixtures/ and were written for these tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from verifier.core.errors import InputError
from verifier.io.importers import (
    ColumnMapping,
    Skipped,
    normalise_date,
    parse_front_matter,
    read_path,
    read_text_article,
    source_from_url,
)
from verifier.segment import split_claims

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).parents[2] / "shared" / "data"


# ------------------------------------------------------------------------------------ text / markdown


def test_markdown_front_matter_gives_metadata_and_plain_text() -> None:
    result = read_path(FIXTURES / "front_matter.md")
    (article,) = result.articles
    assert article.title == "Flood toll in Velport climbs to 19"
    assert article.source == "Harbour Gazette"
    assert article.published == "2024-03-12"
    assert article.url == "https://harbour.example/velport-flood"
    assert article.text.startswith("Flood toll in Velport climbs to 19\n")  # heading marker removed
    assert "**" not in article.text and "](" not in article.text and "---" not in article.text
    assert "four more bodies" in article.text and "civil defence said" in article.text
    # the byline at the end is not a claim
    assert [c.text for c in split_claims(article)][-1].endswith("the civil defence said.")


def test_plain_text_title_defaults_to_a_headline_first_line() -> None:
    (article,) = read_path(FIXTURES / "plain.txt", default_source="Desk upload").articles
    assert article.title == "Warehouse blaze kills eight workers"
    assert article.source == "Desk upload"
    assert article.published is None


def test_plain_text_without_a_headline_has_no_title() -> None:
    article = read_text_article("Eight workers died in the fire on Friday. Crews worked for six hours.")
    assert article.title == ""


@pytest.mark.parametrize(
    ("text", "meta", "body"),
    [
        ("---\ntitle: A\nsource: 'B'\n---\nBody.", {"title": "A", "source": "B"}, "Body."),
        (
            '---\r\ndate: "2015-07-31"\r\nurl: http://x.example/a\r\n---\r\nBody.',
            {"date": "2015-07-31", "url": "http://x.example/a"},
            "Body.",
        ),
        ("---\ntags: [a, b]\noutlet: Quay Weekly\n...\nBody.", {"source": "Quay Weekly"}, "Body."),
        ("No front matter.\n---\ntitle: x\n---", {}, "No front matter.\n---\ntitle: x\n---"),
        ("---\ntitle: never closed\nBody.", {}, "---\ntitle: never closed\nBody."),
    ],
)
def test_front_matter_parsing(text: str, meta: dict[str, str], body: str) -> None:
    assert parse_front_matter(text) == (meta, body)


def test_read_text_article_for_pasted_text() -> None:
    article = read_text_article(
        "Toll rises to 26\nRescuers found seven more bodies.",
        date="March 13, 2024",
        url="https://www.post.example/x",
    )
    assert article.title == "Toll rises to 26"
    assert article.published == "2024-03-13"
    assert article.source == "post.example"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": "   \n"}, "empty"),
        ({"text": "Some text.", "date": "next Tuesday-ish"}, "YYYY-MM-DD"),
        ({"text": "bad\x00bytes"}, "NUL"),
    ],
)
def test_read_text_article_rejects_bad_input(kwargs: dict[str, str], message: str) -> None:
    text = kwargs.pop("text")
    with pytest.raises(InputError, match=message):
        read_text_article(text, **kwargs)


# ---------------------------------------------------------------------------------------------- HTML


def test_html_text_and_metadata_without_scripts_or_navigation() -> None:
    (article,) = read_path(FIXTURES / "page.html").articles
    assert article.title == "Quake of magnitude 5.8 shakes the coast"
    assert article.source == "Coastal Ledger"
    assert article.published == "2022-11-03"
    assert article.url == "https://www.coastal-ledger.example/news/quake-58"
    assert "magnitude 5.8 struck off the northern coast" in article.text
    assert "INJECTED" not in article.text and "Home" not in article.text


def test_html_without_article_text_is_an_error() -> None:
    with pytest.raises(InputError, match="no article text"):
        read_path(FIXTURES / "no_text.html")


# ----------------------------------------------------------------------------------------------- CSV


def test_csv_with_default_column_names() -> None:
    result = read_path(FIXTURES / "default_columns.csv")
    assert [a.title for a in result.articles] == ["Arrests rise to 23", "Crowd estimates differ"]
    first, second = result.articles
    assert first.source == "Northern Post" and first.published == "2025-05-19"
    assert second.source == "levant-daily.example"  # no source column value: the URL's outlet
    assert second.published == "2025-05-18"
    assert result.skipped == (Skipped("default_columns.csv:4", "empty text in column 'text'"),)
    assert result.duplicates == 1  # row 5 repeats row 2's text


def test_csv_with_a_column_mapping_and_us_dates() -> None:
    mapping = ColumnMapping(text="body", title="headline", source="outlet", date="published")
    result = read_path(FIXTURES / "custom_columns.csv", mapping)
    assert [a.published for a in result.articles] == ["2016-03-07", "2015-07-31", "2015-07-31"]
    assert [a.source for a in result.articles] == ["Valley Times", "Plain Herald", "Valley Times"]
    assert result.articles[0].title == "Clinic hit in overnight shelling"


def test_a_place_column_is_read_and_a_missing_one_named(tmp_path: Path) -> None:
    table = tmp_path / "incidents.csv"
    table.write_text(
        "text,location\n"
        "\"A bus crash killed 9 people near the ridge road. Police closed the road.\",  Lower   Ridge \n"
        "\"Floods cut off three villages. Boats brought food.\",\n",
        encoding="utf-8",
    )
    result = read_path(table, ColumnMapping(place="location"))
    assert [a.place for a in result.articles] == ["Lower Ridge", ""]
    assert all(a.place == "" for a in read_path(table).articles)  # no "place" column: none read
    with pytest.raises(InputError, match="--place-column"):
        read_path(table, ColumnMapping(place="region"))


def test_csv_missing_text_column_names_the_columns_and_the_option() -> None:
    with pytest.raises(InputError) as err:
        read_path(FIXTURES / "custom_columns.csv")
    message = str(err.value)
    assert "custom_columns.csv has no column 'text'" in message
    assert "id, headline, body, outlet, published, label" in message
    assert "--text-column" in message


def test_csv_missing_explicitly_mapped_column_is_an_error() -> None:
    with pytest.raises(InputError, match="no column 'heading'.*--title-column"):
        read_path(FIXTURES / "custom_columns.csv", ColumnMapping(text="body", title="heading"))


def test_csv_unterminated_quote_is_an_error_not_a_swallowed_file() -> None:
    with pytest.raises(InputError, match=r"unterminated_quote.csv is not valid CSV near line \d+.*quote"):
        read_path(FIXTURES / "unterminated_quote.csv")


def test_csv_row_with_extra_fields_is_skipped_with_its_row() -> None:
    result = read_path(FIXTURES / "extra_field.csv")
    assert len(result.articles) == 1
    assert result.skipped == (Skipped("extra_field.csv:3", "3 fields where the header has 2"),)


def test_csv_with_a_header_only_is_an_error() -> None:
    with pytest.raises(InputError, match="header but no rows"):
        read_path(FIXTURES / "header_only.csv")


def test_csv_with_utf8_bom_finds_its_first_column() -> None:
    (article,) = read_path(FIXTURES / "utf8_bom.csv").articles
    assert article.text.startswith("Prices rose 3.5 percent")


def test_csv_field_larger_than_the_csv_module_default(tmp_path: Path) -> None:
    big = "The council met again. " * 8000  # about 180 KB in one field (the default limit is 128 KB)
    path = tmp_path / "big.csv"
    path.write_text(f'text\n"{big}"\n', encoding="utf-8")
    (article,) = read_path(path).articles
    assert len(article.text) == len(big)


# ------------------------------------------------------------------------------------------ JSON(L)


def test_jsonl_sentence_lists_become_one_line_each() -> None:
    mapping = ColumnMapping(text="sentences", title="doc", url="source_url")
    result = read_path(FIXTURES / "sentences.jsonl", mapping)
    first, second = result.articles
    assert first.text.split("\n")[:2] == ["Singer checks into rehab clinic", "May 03, 2013"]
    assert first.source == "example-times.com"
    assert first.title == "a1.xml"
    assert second.source == "" and second.url == ""  # no URL, no source: left unknown
    assert [c.text for c in split_claims(first)] == [
        "Singer checks into rehab clinic",
        "The singer entered a 90-day treatment programme on Thursday, her agent said.",
        "She had left a previous clinic after two days.",
    ]
    assert result.skipped == (Skipped("sentences.jsonl:4", "empty text in column 'sentences'"),)


def test_jsonl_malformed_line_fails_the_whole_file_with_its_line_number() -> None:
    with pytest.raises(InputError, match=r"bad_line.jsonl line 3 is not valid JSON"):
        read_path(FIXTURES / "bad_line.jsonl")


def test_jsonl_line_that_is_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "list.jsonl"
    path.write_text('{"text": "Fine line."}\n["not", "an", "object"]\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2 is a JSON list, not an object"):
        read_path(path)


def test_json_list_of_objects() -> None:
    result = read_path(FIXTURES / "articles.json")
    assert [a.published for a in result.articles] == ["2022-09-19", "2022-09-19"]
    assert result.articles[0].source == "Saltmarsh Echo"


def test_json_syntax_error() -> None:
    with pytest.raises(InputError, match=r"broken.json line 1, column \d+ is not valid JSON"):
        read_path(FIXTURES / "broken.json")


# ------------------------------------------------------------------------------------ bad files


# Bad files too big or too odd to keep in tests/fixtures/, written for the test (name -> bytes).
_DEEP = 100_000
_DEEP_FIELD = 50_000
_LONG_INT = 5_000  # over Python's default limit of 4,300 digits in an int
GENERATED = {
    "deep.json": b"[" * _DEEP + b"]" * _DEEP,
    "deep-field.jsonl": (
        b'{"text": "Nine people died in the storm.", "source": "Wire"}\n'
        b'{"text": "Ten more were missing.", "tags": ' + b"[" * _DEEP_FIELD + b"]" * _DEEP_FIELD + b"}\n"
    ),
    "long-int.json": b'[{"text": "Eleven homes burned down.", "views": ' + b"7" * _LONG_INT + b"}]",
    "long-int.jsonl": b'{"text": "Eleven homes burned down.", "views": ' + b"7" * _LONG_INT + b"}\n",
    "latin1.jsonl": '{"text": "Un caf\u00e9 a br\u00fbl\u00e9, deux bless\u00e9s."}\n'.encode("latin-1"),
    "latin1.csv": "text,source\nDeux bless\u00e9s \u00e0 Gen\u00e8ve,Le Journal\n".encode("latin-1"),
}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty.txt is empty; nothing to import"),
        ("blank.txt", "blank.txt is empty; nothing to import"),
        ("binary.txt", r"binary.txt looks like a binary file \(NUL byte at offset 7\)"),
        ("document.txt", "document.txt is a PDF"),
        ("latin1.txt", r"latin1.txt is not UTF-8 \(byte 0xe9 at offset 3, line 1\); re-save it as UTF-8"),
        ("deep.json", r"^deep.json is nested too deeply to read \(more than about [\d,]+ levels of \["),
        ("deep-field.jsonl", r"^deep-field.jsonl line 2 is nested too deeply to read"),
        ("long-int.json", r"^long-int.json holds an integer of more than 4,300 digits; .* quoted string"),
        ("long-int.jsonl", r"^long-int.jsonl line 1 holds an integer of more than 4,300 digits"),
        ("latin1.jsonl", r"^latin1.jsonl is not UTF-8 \(byte 0xe9 at offset 16, line 1\); re-save it as"),
        ("latin1.csv", r"^latin1.csv is not UTF-8 \(byte 0xe9 at offset 22, line 2\)"),
    ],
)
def test_unreadable_files_give_a_clear_error(name: str, message: str, tmp_path: Path) -> None:
    path = FIXTURES / name
    if name in GENERATED:
        path = tmp_path / name
        path.write_bytes(GENERATED[name])
    with pytest.raises(InputError, match=message) as caught:
        read_path(path)
    assert "\n" not in str(caught.value)  # one line


def test_utf16_with_bom_is_read() -> None:
    (article,) = read_path(FIXTURES / "utf16.txt").articles
    assert "1.92 euros" in article.text


def test_file_over_the_size_limit() -> None:
    with pytest.raises(InputError, match=r"page.html is 1.1 KB, over the 100 bytes limit; .*--max-file-mb"):
        read_path(FIXTURES / "page.html", max_bytes=100)


def test_size_limit_message_in_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * (3 * 1024 * 1024))
    with pytest.raises(
        InputError, match=r"big.txt is 3.0 MB, over the 2 MB limit; raise it with --max-file-mb"
    ):
        read_path(path, max_bytes=2 * 1024 * 1024)


def test_unknown_extension_and_missing_path() -> None:
    with pytest.raises(InputError, match=r"notes.xyz: unknown file type .xyz; known: .txt"):
        read_path(FIXTURES / "corpus" / "notes.xyz")
    with pytest.raises(InputError, match="no such file or folder"):
        read_path(FIXTURES / "does-not-exist.txt")


# ------------------------------------------------------------------------------------------ folders


def test_a_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_path(fifo)
    assert read_path(tmp_path).skipped == (
        Skipped("pipe.txt", "not a regular file (a pipe, socket or device)"),
    )


def test_folder_is_read_recursively_and_reports_what_it_skipped() -> None:
    result = read_path(FIXTURES / "corpus")
    assert [a.title for a in result.articles] == [
        "Ferry runs aground near harbour",
        "Harbour reopens after grounding",
    ]
    assert result.articles[1].source == "Quay Weekly" and result.articles[1].published == "2021-06-14"
    reasons = {s.where: s.reason for s in result.skipped}
    assert set(reasons) == {"README.md", "notes.xyz", os.path.join("nested", "broken.csv")}
    assert reasons["notes.xyz"] == "unknown file type .xyz"
    assert "not valid CSV" in reasons[os.path.join("nested", "broken.csv")]
    assert "documentation" in reasons["README.md"]


def test_folder_does_not_follow_links(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("A file outside the folder that must not be read.", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "link.txt").symlink_to(outside)
    (folder / "linked_dir").symlink_to(tmp_path)
    (folder / ".git").mkdir()
    (folder / ".git" / "x.txt").write_text("Hidden text that must not be read.", encoding="utf-8")
    result = read_path(folder)
    assert result.articles == ()
    reasons = {s.where: s.reason for s in result.skipped}
    assert set(reasons) == {".git", "linked_dir", "link.txt"}
    assert "symbolic link" in reasons["link.txt"] and "symbolic link" in reasons["linked_dir"]
    assert reasons[".git"] == "hidden folder (not read)"


def test_duplicates_across_files_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The bridge reopened on Monday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "The bridge  reopened\non Monday.\n", encoding="utf-8"
    )  # same text, re-wrapped
    result = read_path(tmp_path)
    assert len(result.articles) == 1 and result.duplicates == 1


# ---------------------------------------------------------------------------------- dates and sources


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("7/31/2015", "2015-07-31"),
        ("4/5/2017", "2017-04-05"),  # month first, as FA-KES writes it
        ("31/7/2015", "2015-07-31"),  # day first only when month first is impossible
        ("2015-07-31", "2015-07-31"),
        ("2015-07-31T08:15:00Z", "2015-07-31"),
        ("31 July 2015", "2015-07-31"),
        ("31 July, 2015", "2015-07-31"),
        ("July 31, 2015", "2015-07-31"),
        ("Jul 31 2015", "2015-07-31"),
        ("Sept. 30, 2015", "2015-09-30"),
        ("Wed 05 Apr 2017", "2017-04-05"),
        ("August 2nd, 2013", "2013-08-02"),
        ("", None),
        ("yesterday", None),
        ("13/13/2015", None),
    ],
)
def test_normalise_date(raw: str, iso: str | None) -> None:
    assert normalise_date(raw) == iso


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("http://articles.latimes.com/2013/may/03/local/x", "latimes.com"),
        ("https://www.bbc.co.uk/news/x", "bbc.co.uk"),
        ("http://someone.blogspot.nl/2012/x.html", "someone.blogspot.nl"),
        ("", ""),
        ("not a url", ""),
    ],
)
def test_source_from_url(url: str, source: str) -> None:
    assert source_from_url(url) == source


# ---------------------------------------------------------------------------------- shared datasets

FAKES = SHARED / "fakes" / "FA-KES-Dataset.csv"
ECBPLUS = SHARED / "ecbplus" / "ecbplus_docs.jsonl"


@pytest.mark.skipif(not FAKES.exists(), reason="needs ../shared/data (FA-KES)")
def test_fakes_imports_with_one_call() -> None:
    mapping = ColumnMapping(text="article_content", title="article_title", source="source", date="date")
    result = read_path(FAKES, mapping)
    assert len(result.articles) + result.duplicates == 804
    assert len(result.articles) == 789 and result.duplicates == 15
    assert result.skipped == () and result.warnings == ()
    assert all(a.published and a.source for a in result.articles)


@pytest.mark.skipif(not ECBPLUS.exists(), reason="needs ../shared/data (ECB+)")
def test_ecbplus_imports_with_one_call() -> None:
    result = read_path(ECBPLUS, ColumnMapping(text="sentences", title="doc", url="source_url"))
    assert len(result.articles) == 982 and result.skipped == ()
    with_url = [a for a in result.articles if a.url]
    assert with_url and all(a.source and "/" not in a.source for a in with_url)


# ------------------------------------------------------------------------------------------ odd rows


def test_csv_with_semicolons_from_a_european_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        'text;title\n"Fuel prices rose by 4,5 percent; officials blamed taxes.";Fuel\n', encoding="utf-8"
    )
    (article,) = read_path(path).articles
    assert article.text == "Fuel prices rose by 4,5 percent; officials blamed taxes."
    assert article.title == "Fuel"


def test_csv_text_after_a_closing_quote_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "stray.csv"
    path.write_text('text,title\n"The mayor said "no" twice.",Mayor\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"stray.csv is not valid CSV near line 2 .*must be doubled"):
        read_path(path)


def test_json_fields_of_odd_types(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text(
        '{"text": "A rescue boat saved 31 people \\ud83d at dawn.", "title": 42, "source": {"name": "x"}}\n'
        '{"text": {"nested": "object"}}\n',
        encoding="utf-8",
    )
    result = read_path(path)
    (article,) = result.articles
    assert article.text == "A rescue boat saved 31 people \ufffd at dawn."
    assert article.title == "42" and article.source == ""
    assert result.warnings == ("odd.jsonl:1: invalid Unicode (a lone surrogate) replaced by U+FFFD",)
    assert result.skipped == (Skipped("odd.jsonl:2", "'text' is not text (a dict)"),)


def test_unparseable_date_is_kept_as_unknown_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text('text,date\n"The pier collapsed in the storm.",sometime in spring\n', encoding="utf-8")
    result = read_path(path)
    assert result.articles[0].published is None
    assert result.warnings == ("d.csv:2: date 'sometime in spring' not understood; stored without a date",)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Ferry runs aground\n\nAll 212 passengers were taken ashore.", "Ferry runs aground"),
        ("31 July 2015\nFighters left the town at dawn.", ""),  # a dateline is not a headline
        ("All 212 passengers were taken ashore.\nThe ferry was towed away.", ""),  # a sentence
        ("Ferry runs aground", ""),  # nothing after it: the line is the article
    ],
)
def test_title_from_the_first_line(text: str, title: str) -> None:
    assert read_text_article(text).title == title


def test_front_matter_without_a_body_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "only_meta.md"
    path.write_text("---\ntitle: Nothing below\n---\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="only_meta.md has front matter but no article text"):
        read_path(path)


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them(tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text('text,title\n\n"The bridge reopened.",A\n\n,B\n', encoding="utf-8")
    result = read_path(path)
    assert result.skipped == (Skipped("gaps.csv:5", "empty text in column 'text'"),)


def test_jsonl_with_a_unicode_line_separator_inside_a_string(tmp_path: Path) -> None:
    path = tmp_path / "ls.jsonl"
    path.write_text('{"text": "First part\u2028second part of one article."}\r\n', encoding="utf-8")
    (article,) = read_path(path).articles
    assert article.text == "First part\u2028second part of one article."
