"""The `verifier` console script: a thin shell over the package. Each command parses, calls, prints.

This module builds the group (its options, the settings) and adds the commands, one module per group of
them: `corpus` (ingest, search, delete, articles, doctor), `claims` (check, pairs), `reviews` (conflicts,
review, log, tune, scan), `tables` (events, table, export) and `accounts`, over `common` (printing, errors,
the workspace). `_open` is the one place a command's workspace comes from; tests replace it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import click

from verifier.core.settings import EMBEDDER_CHOICES, Settings
from verifier.shells.cli import accounts, claims, corpus, reviews, tables

if TYPE_CHECKING:
    from verifier.services.workspace import Workspace


@click.group()
@click.option(
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory holding the store and the index (default: $VERIFIER_WORKSPACE or ./indexes).",
)
@click.option(
    "--store",
    default=None,
    metavar="URL",
    help="A shared PostgreSQL store, postgresql://user@host/db (default: $VERIFIER_STORE, else the SQLite "
    "file in the workspace, which then holds only this machine's index).",
)
@click.option(
    "--embedder",
    type=click.Choice(EMBEDDER_CHOICES),
    default=None,
    help="How the model runs: onnx-int8 (int8, fast), torch (float32), or auto: the one that built the "
    "workspace's index, else onnx-int8 (default: $VERIFIER_EMBEDDER, else auto).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log progress details.")
@click.version_option(package_name="verifier")
@click.pass_context
def main(
    ctx: click.Context, workspace: Path | None, store: str | None, embedder: str | None, verbose: bool
) -> None:
    """Check claims, flag contradictions and compare sources across news articles."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )
    chosen = {"embedder": embedder} if embedder else {}
    ctx.obj = Settings.from_env(workspace, store=store, **chosen)


def _open(settings: Settings, need_model: bool = True, resume: bool = True) -> Workspace:
    """The workspace; `resume` finishes at once what an interrupted run left (ingest does it itself, after
    storing the rest, so that the scan sees every claim as a clean run's would)."""
    from verifier.services.workspace import Workspace

    return Workspace.open(settings, resume=resume)


for _command in (
    corpus.ingest, corpus.search, corpus.delete, corpus.articles, corpus.doctor,
    claims.pairs, claims.check,
    reviews.conflicts, reviews.review, reviews.log_, reviews.tune, reviews.scan,
    tables.events, tables.table, tables.export,
    accounts.accounts,
):  # fmt: skip
    main.add_command(_command)
