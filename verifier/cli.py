"""The `verifier` console script: a thin shell over the package. Each command parses, calls, prints."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from verifier.errors import VerifierError
from verifier.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn our own errors into a clear one-line message and exit status 2, never a traceback."""
    try:
        yield
    except VerifierError as exc:
        _fail(str(exc))


def _settings(ctx: click.Context) -> Settings:
    obj: Settings = ctx.obj
    return obj


@click.group()
@click.option(
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory holding the store and the index (default: $VERIFIER_WORKSPACE or ./indexes).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log progress details.")
@click.version_option(package_name="verifier")
@click.pass_context
def main(ctx: click.Context, workspace: Path | None, verbose: bool) -> None:
    """Check claims, flag contradictions and compare sources across news articles."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")
    ctx.obj = Settings.from_env(workspace)


def _open(settings: Settings, need_model: bool = True) -> Any:
    from verifier.workspace import Workspace

    return Workspace.open(settings)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--text-column", default="text", show_default=True, help="Column/field holding the article text.")
@click.option("--title-column", default="title", show_default=True)
@click.option("--source-column", default="source", show_default=True)
@click.option("--date-column", default="date", show_default=True)
@click.option("--url-column", default="url", show_default=True)
@click.option("--source", "default_source", default="", help="Outlet name for files that do not say.")
@click.option("--max-file-mb", default=None, type=click.FloatRange(min=0.001), help="Refuse files larger than this.")
@click.option("--if-empty", is_flag=True, help="Do nothing when the workspace already holds articles.")
@click.option("--no-scan", is_flag=True, help="Skip the contradiction scan after ingest.")
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[Path, ...],
    text_column: str,
    title_column: str,
    source_column: str,
    date_column: str,
    url_column: str,
    default_source: str,
    max_file_mb: float | None,
    if_empty: bool,
    no_scan: bool,
) -> None:
    """Import articles from text, Markdown, HTML, CSV or JSONL files (or folders of them)."""
    from tqdm import tqdm

    from verifier.importers import ColumnMapping

    settings = _settings(ctx)
    mapping = ColumnMapping(
        text=text_column, title=title_column, source=source_column, date=date_column, url=url_column
    )
    max_bytes = int(max_file_mb * 1024 * 1024) if max_file_mb else settings.max_file_bytes
    with _errors(), _open(settings) as ws:
        if if_empty and ws.store.count_articles() > 0:
            click.echo(f"Workspace {settings.workspace} already holds {ws.store.count_articles()} articles.")
            return
        bar: Any = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = tqdm(total=total, unit="article", desc="ingest", file=sys.stderr, leave=False)
            bar.n = done
            bar.refresh()

        report = ws.ingest_paths(
            list(paths), mapping=mapping, max_bytes=max_bytes, default_source=default_source, progress=progress
        )
        if bar is not None:
            bar.close()
        click.echo(report.summary())
        if not no_scan and report.new_claim_rowids and hasattr(ws, "scan_new"):
            scan = ws.scan_new()
            click.echo(scan.summary())


@main.command()
@click.argument("text")
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 1000), help="How many claims.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def search(ctx: click.Context, text: str, k: int, as_json: bool) -> None:
    """The k stored claims most similar in meaning to TEXT."""
    with _errors(), _open(_settings(ctx)) as ws:
        hits = ws.search(text, k=k)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "text": h.claim.text,
                        "score": round(h.score, 4),
                        "source": h.article.source,
                        "date": h.article.published,
                        "title": h.article.title,
                        "article_id": h.article.id,
                        "claim_id": h.claim.id,
                    }
                    for h in hits
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not hits:
        click.echo("No claims stored yet: run `verifier ingest PATH` first.")
    for rank, h in enumerate(hits, 1):
        click.echo(f"{rank:>2}. {h.score:.3f}  {h.article.source or '?'}  {h.article.published or '-'}  {h.article.title}")
        click.echo(f"    {h.claim.text}")


@main.command()
@click.argument("article_id")
@click.pass_context
def delete(ctx: click.Context, article_id: str) -> None:
    """Delete an article, its claims and their vectors."""
    with _errors(), _open(_settings(ctx)) as ws:
        removed = ws.delete_article(article_id)
    click.echo(f"Deleted article {article_id} and {removed} claims.")


@main.command()
@click.option("--source", default=None, help="Only this outlet.")
@click.pass_context
def articles(ctx: click.Context, source: str | None) -> None:
    """List stored articles."""
    with _errors(), _open(_settings(ctx)) as ws:
        for a in ws.store.list_articles(source=source):
            click.echo(f"{a.id}  {a.source or '?':<20} {a.published or '-':<10}  {a.title}")


@main.command()
@click.option("--rebuild", is_flag=True, help="Rebuild the index from the store.")
@click.pass_context
def doctor(ctx: click.Context, rebuild: bool) -> None:
    """Check that the store and the index agree; repair what does not."""
    with _errors(), _open(_settings(ctx)) as ws:
        report = ws.doctor(rebuild=rebuild)
    click.echo(report.summary())


@main.command()
@click.argument("input_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None)
def pairs(input_path: Path, out_path: Path | None) -> None:
    """Judge claim pairs from JSONL (no workspace needed): one {id,label,flag,score,explanation} per line."""
    from verifier.pairs import run_pairs

    with _errors():
        with input_path.open(encoding="utf-8", errors="strict") as fh:
            rows = [json.dumps(r, ensure_ascii=False) for r in run_pairs(fh)]
    text = "\n".join(rows) + ("\n" if rows else "")
    if out_path:
        out_path.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {len(rows)} judgements to {out_path}")
    else:
        click.echo(text, nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
