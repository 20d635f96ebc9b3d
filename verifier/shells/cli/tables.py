"""Comparing sources: `events` (articles grouped by what they report), `table` (one event's figures source
by source) and `export` (the flags or a table as CSV, XLSX, JSON or ClaimReview)."""

from __future__ import annotations

from pathlib import Path

import click

from verifier.shells.cli.common import echo, echo_json, fail, one_line_errors, open_workspace, settings_of


@click.command()
@click.option("--rebuild", is_flag=True, help="Group the articles again.")
@click.option("--all", "show_all", is_flag=True, help="Also list events reported by a single article.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: id, label and articles of each event.")
@click.pass_context
def events(ctx: click.Context, rebuild: bool, show_all: bool, as_json: bool) -> None:
    """List events: articles grouped by what they report.

    Example: verifier events --json --all
    """
    from verifier.services.events import list_events

    with one_line_errors(), open_workspace(settings_of(ctx)) as ws:
        found = list_events(ws, rebuild=rebuild)
    shown = [e for e in found if show_all or e.articles > 1]
    if as_json:
        echo_json([e.to_dict() for e in shown])
        return
    if not shown:
        echo(
            "No events reported by more than one article." if found else "No events: ingest articles first."
        )
    for e in shown:
        echo(f"{e.id}  {e.label}")
    hidden = len(found) - len(shown)
    if hidden:
        echo(f"({hidden} single-article events not shown: --all lists them)")


@click.command()
@click.argument("event_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def table(ctx: click.Context, event_id: str, as_json: bool) -> None:
    """Compare the figures of one event, source by source (EVENT is an id from `verifier events`)."""
    from verifier.services.events import build_table

    with one_line_errors(), open_workspace(settings_of(ctx)) as ws:
        t = build_table(ws, event_id)
    if as_json:
        echo_json(t.to_dict())
        return
    echo(t.label)
    for row in t.rows:
        echo(f"\n{row.label}" + ("   ** sources disagree **" if row.has_conflict else ""))
        for source, cells in row.cells:
            shown = "; ".join(
                f"{c.figure}{' (CONFLICT)' if c.conflict else ''}{' (update)' if c.update else ''}"
                f" [{c.date or '-'}{', ' + c.attribution if c.attribution else ''}]"
                for c in cells
            )
            echo(f"  {source:<22} {shown}")
    for note in t.notes:
        echo(f"\nNote: {note}")


@click.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json", "claimreview"]), required=True)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output; required for xlsx).",
)
@click.option(
    "--event",
    "event_id",
    default=None,
    help="Export this event's comparison table instead (ClaimReview: only this event's pairs).",
)
@click.option(
    "--include-unreviewed",
    is_flag=True,
    help="ClaimReview: also publish flags nobody has confirmed yet (labelled as not reviewed).",
)
@click.pass_context
def export(
    ctx: click.Context, fmt: str, out_path: Path | None, event_id: str | None, include_unreviewed: bool
) -> None:
    """Export flagged contradictions (or one event's table) as CSV, XLSX, JSON or ClaimReview JSON-LD.

    ClaimReview holds confirmed pairs only, signed by $VERIFIER_PUBLISHER and $VERIFIER_AUTHOR.
    Example: VERIFIER_PUBLISHER="Bay Fact Desk" verifier export --format claimreview --out reviews.json
    """
    from verifier.services.export import export_bytes, unreviewed_left_out

    if fmt == "xlsx" and out_path is None:
        fail("an XLSX file cannot go to the terminal: give --out FILE.xlsx")
    left_out = 0
    with one_line_errors(), open_workspace(settings_of(ctx)) as ws:
        data = export_bytes(ws, fmt, event_id=event_id, include_unreviewed=include_unreviewed)
        if fmt == "claimreview" and not include_unreviewed:
            left_out = unreviewed_left_out(ws, event_id)
    if out_path is None:
        # The export is data for a file or a pipe: printed as exported, byte for byte.
        click.echo(data.decode("utf-8"), nl=False)
    else:
        try:
            out_path.write_bytes(data)
        except OSError as exc:
            fail(f"cannot write {out_path}: {exc.strerror or exc}")
        echo(f"Wrote {out_path} ({len(data):,} bytes).")
    if left_out:
        # On stderr: the standard output may be the export itself, piped to a file.
        echo(
            f"Left out {left_out} unreviewed pair{'s' * (left_out != 1)}: confirm them with `verifier "
            "review`, or publish them as not reviewed with --include-unreviewed.",
            err=True,
        )
