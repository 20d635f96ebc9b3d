"""The corpus commands: `ingest` (files and folders into the workspace, then the scan and the grouping),
`search`, `delete`, `articles` and `doctor`."""

from __future__ import annotations

from pathlib import Path

import click

from verifier.shells.cli.common import echo, echo_json, one_line_errors, open_workspace, settings_of


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--text-column", default="text", show_default=True, help="Column/field holding the article text."
)
@click.option("--title-column", default="title", show_default=True)
@click.option("--source-column", default="source", show_default=True)
@click.option("--date-column", default="date", show_default=True)
@click.option("--url-column", default="url", show_default=True)
@click.option(
    "--place-column",
    default="place",
    show_default=True,
    help="Column/field naming where the article's incident happened (FA-KES: location).",
)
@click.option("--source", "default_source", default="", help="Outlet name for files that do not say.")
@click.option(
    "--max-file-mb", default=None, type=click.FloatRange(min=0.001), help="Refuse files larger than this."
)
@click.option("--if-empty", is_flag=True, help="Do nothing when the workspace already holds articles.")
@click.option("--no-scan", is_flag=True, help="Skip the contradiction scan after ingest.")
@click.option(
    "--engine",
    type=click.Choice(["single", "ray"]),
    default="single",
    show_default=True,
    help="ray: read, split and embed on Ray Data (an archive; needs pip install -e '.[ray]').",
)
@click.option("--address", default=None, help="--engine ray: the Ray cluster to join (default: a local Ray).")
@click.option(
    "--ray-actors",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="--engine ray: embedder actors (on a cluster, one per node).",
)
@click.option(
    "--ray-batch",
    default=None,
    type=click.IntRange(min=1),
    help="--engine ray: articles per model call in an actor (default: the embedding batch, 64).",
)
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[Path, ...],
    text_column: str,
    title_column: str,
    source_column: str,
    date_column: str,
    url_column: str,
    place_column: str,
    default_source: str,
    max_file_mb: float | None,
    if_empty: bool,
    no_scan: bool,
    engine: str,
    address: str | None,
    ray_actors: int,
    ray_batch: int | None,
) -> None:
    """Import articles from text, Markdown, HTML, CSV or JSONL files (or folders of them).

    Example: verifier ingest archive/ --engine ray --address ray://head:10001 --ray-actors 4
    """
    from verifier.io.importers import ColumnMapping
    from verifier.services.ray_ingest import RayOptions
    from verifier.shells.cli.ingesting import Inputs, ingest_and_finish

    settings = settings_of(ctx)
    mapping = ColumnMapping(
        text=text_column,
        title=title_column,
        source=source_column,
        date=date_column,
        url=url_column,
        place=place_column,
    )
    max_bytes = int(max_file_mb * 1024 * 1024) if max_file_mb else settings.max_file_bytes
    inputs = Inputs(paths, mapping, max_bytes, default_source)
    with one_line_errors(), open_workspace(settings, resume=False) as ws:
        if if_empty and ws.store.count_articles() > 0:
            echo(f"Workspace {settings.workspace} already holds {ws.store.count_articles()} articles.")
            return
        ray = RayOptions(address, ray_batch or settings.embed_batch, ray_actors) if engine == "ray" else None
        ingest_and_finish(ws, inputs, scan=not no_scan, ray=ray)


@click.command()
@click.argument("text")
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 1000), help="How many claims.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def search(ctx: click.Context, text: str, k: int, as_json: bool) -> None:
    """The k stored claims most similar in meaning to TEXT."""
    with one_line_errors(), open_workspace(settings_of(ctx)) as ws:
        hits = ws.search(text, k=k)
    if as_json:
        echo_json(
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
            ]
        )
        return
    if not hits:
        echo("No claims stored yet: run `verifier ingest PATH` first.")
    for rank, h in enumerate(hits, 1):
        a = h.article
        echo(f"{rank:>2}. {h.score:.3f}  {a.source or '?'}  {a.published or '-'}  {a.title}")
        echo(f"    {h.claim.text}")


@click.command()
@click.argument("article_id")
@click.pass_context
def delete(ctx: click.Context, article_id: str) -> None:
    """Delete an article, its claims and their vectors."""
    with one_line_errors(), open_workspace(settings_of(ctx)) as ws:
        removed = ws.delete_article(article_id)
    echo(f"Deleted article {article_id} and {removed} claims.")


@click.command()
@click.option("--source", default=None, help="Only this outlet.")
@click.pass_context
def articles(ctx: click.Context, source: str | None) -> None:
    """List stored articles."""
    with one_line_errors(), open_workspace(settings_of(ctx)) as ws:
        for a in ws.store.list_articles(source=source):
            echo(f"{a.id}  {a.source or '?':<20} {a.published or '-':<10}  {a.title}")


@click.command()
@click.option("--rebuild", is_flag=True, help="Rebuild the index from the store.")
@click.pass_context
def doctor(ctx: click.Context, rebuild: bool) -> None:
    """Check that the store and the index agree; repair what does not."""
    with one_line_errors(), open_workspace(settings_of(ctx)) as ws:
        report = ws.doctor(rebuild=rebuild)
    echo(report.summary())
