"""Judging claims: `check` (one claim against the stored articles) and `pairs` (claim pairs from a file, no
workspace needed)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from verifier.core.display import terminal_json
from verifier.core.errors import InputError
from verifier.shells.cli.common import echo, echo_json, fail, one_line_errors, open_workspace, settings_of


@click.command()
@click.argument("input_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None)
def pairs(input_path: Path, out_path: Path | None) -> None:
    """Judge claim pairs from JSONL (no workspace needed): one {id,label,flag,score,explanation} per line.

    Example: verifier pairs pairs.jsonl --out judged.jsonl
    """
    from verifier.services.pairs import read_pairs

    with one_line_errors():
        if out_path:
            _check_out(out_path)  # before the work, not after minutes of judging
        rows = [json.dumps(r, ensure_ascii=False) for r in read_pairs(input_path)]
    text = "\n".join(rows) + ("\n" if rows else "")
    if out_path:
        try:
            out_path.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {out_path} ({exc.strerror or exc}); choose another --out path.")
        echo(f"Wrote {len(rows)} judgements to {out_path}")
    else:
        click.echo(terminal_json(text), nl=False)


def _check_out(out_path: Path) -> None:
    """A missing folder is named, not created: a typo in --out should not leave a new tree behind."""
    folder = out_path.parent
    if folder.exists() and not folder.is_dir():
        raise InputError(f"--out folder {folder} is a file, not a folder; choose another path.")
    if not folder.is_dir():
        raise InputError(
            f"--out folder {folder} does not exist; create it first (mkdir -p {folder}) or choose another "
            "path."
        )
    if not os.access(folder, os.W_OK) or (out_path.exists() and not os.access(out_path, os.W_OK)):
        raise InputError(f"cannot write {out_path} (permission denied); choose another --out path.")


def _evidence_line(e: Any) -> str:
    return (
        f"  [{e.relation}] {e.similarity:.2f}  {e.source or '?'}  {e.date or '-'}  {e.title}\n    {e.text}\n"
        f"    {e.explanation}"
    )


@click.command()
@click.argument("text")
@click.option("--k", default=20, show_default=True, type=click.IntRange(1, 1000), help="Claims to retrieve.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--date", "published", default=None, help="When the claim was made (tells an update).")
@click.option("--source", "sources", multiple=True, help="Only passages from this outlet (repeatable).")
@click.option("--since", default=None, help="Only passages reported on or after this date.")
@click.option("--until", default=None, help="Only passages reported on or before this date.")
@click.option("--place", default=None, help="Only passages from articles that name this place.")
@click.pass_context
def check(
    ctx: click.Context,
    text: str,
    k: int,
    as_json: bool,
    published: str | None,
    sources: tuple[str, ...],
    since: str | None,
    until: str | None,
    place: str | None,
) -> None:
    """Check a claim: corroborating, conflicting and related evidence from the stored articles.

    Example: verifier check "At least 27 fighters were killed in Darna" --date 2015-07-31 --since 2015-07-29
    """
    from verifier.core.dates import normalise_date
    from verifier.services.check import Scope, check_claim

    with one_line_errors():
        day = normalise_date(published) if published else None
        if published and day is None:
            raise InputError(f"--date {published!r} is not a date; write it as 2024-03-12 or 12 March 2024")
        scope = Scope.create(sources, since, until, place)
    with one_line_errors(), open_workspace(settings_of(ctx)) as ws:
        result = check_claim(ws, text, k=k, published=day, scope=scope)
    if as_json:
        echo_json(result.to_dict())
        return
    echo(result.summary)
    for warning in result.warnings:
        echo(f"Note: {warning}")
    for title, items in (
        ("Conflicting", result.conflicting),
        ("Corroborating", result.corroborating),
        ("Related", result.related),
    ):
        if items:
            echo(f"\n{title}:")
            for e in items:
                echo(_evidence_line(e))
