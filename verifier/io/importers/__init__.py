"""Read articles from files and folders: text/markdown (+ front matter), HTML, CSV, JSONL/JSON.

Policy, chosen for a fact-checker who must trust what was stored:
- A file is read and parsed whole before anything is returned, so a caller stores all of it or none of it.
- What makes a whole file unreadable is an `InputError` naming the file and the fix: empty, binary, not
  UTF-8, over the size limit, malformed CSV quoting, a JSON syntax error (with its line), a missing column.
  We do not guess another encoding: a wrong guess turns names into mojibake that would then be searched,
  quoted and compared; the user re-saves the file once instead.
- A row that is readable but carries no article (empty text, wrong number of CSV fields) is skipped and
  reported in `ImportResult.skipped` with its file:row, because one bad row should not block 800 good ones.
- In a folder, a file that fails is skipped with its error message; a file given by name fails loudly.
- Rows whose text repeats an earlier row's text are counted in `duplicates` and returned once.

Modules: `base` (file types, results, bytes and decoding) -> `text_file`, `html_page`, `rows` -> `csv_file`,
`json_file` -> `folders` (`read_path`).
"""

from __future__ import annotations

from verifier.core.dates import normalise_date
from verifier.io.importers.base import (
    KNOWN_EXTENSIONS,
    ColumnMapping,
    ImportResult,
    Skipped,
    decode,
    source_from_url,
)
from verifier.io.importers.folders import read_path
from verifier.io.importers.json_file import load_json
from verifier.io.importers.text_file import markdown_to_text, parse_front_matter, read_text_article

__all__ = [
    "ColumnMapping",
    "ImportResult",
    "KNOWN_EXTENSIONS",
    "Skipped",
    "decode",
    "load_json",
    "markdown_to_text",
    "normalise_date",
    "parse_front_matter",
    "read_path",
    "read_text_article",
    "source_from_url",
]
