"""The stages that read and write outside the process: files (`importers`), the model (`embed`), the
vector index (`index`), the database (`store`), the writer lock (`lock`) and the accounts file (`auth`).
They do not import each other (the contracts in pyproject.toml); below them only the language data and
`verifier.core`."""

from __future__ import annotations
