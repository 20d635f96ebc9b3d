"""Reviewing what the scan flags: `conflicts` (the flagged pairs), `review` (a decision), `log` (the audit
log), `tune` (refit the judgement on the reviews) and `scan`."""

from __future__ import annotations

import click

from verifier.core.errors import InputError
from verifier.shells.cli.common import echo, echo_json, one_line_errors, open_workspace, settings_of


@click.command()
@click.option("--status", type=click.Choice(["new", "confirmed", "dismissed"]), default=None)
@click.option("--source", default=None, help="Only pairs with a claim from this outlet.")
@click.option("--limit", default=None, type=click.IntRange(min=1), help="At most this many pairs.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def conflicts(
    ctx: click.Context, status: str | None, source: str | None, limit: int | None, as_json: bool
) -> None:
    """List flagged contradictions, strongest first."""
    from verifier.services.export import flagged_pairs

    with one_line_errors(), open_workspace(settings_of(ctx)) as ws:
        pairs = flagged_pairs(ws, status=status, source=source, limit=limit)
    if as_json:
        echo_json([p.to_dict() for p in pairs])
        return
    if not pairs:
        echo("No contradictions flagged.")
    for rank, p in enumerate(pairs, 1):
        c = p.contradiction
        # a decided pair shows who decided it and its revision (for `review --expect-revision`)
        decided = f" by {c.reviewer or '?'}, revision {c.revision}" if c.revision else ""
        echo(f"{rank:>2}. {c.id}  {c.score:.2f}  [{c.status}{decided}]  {c.explanation}")
        echo(f"    A  {p.a.source or '?'}  {p.a.date or '-'}: {p.a.text}")
        echo(f"    B  {p.b.source or '?'}  {p.b.date or '-'}: {p.b.text}")


@click.command()
@click.argument("contradiction_id")
@click.argument("decision", type=click.Choice(["confirm", "dismiss", "reopen"]))
@click.option("--note", default="", help="Why: kept with the decision.")
@click.option("--reviewer", default=None, help="Who decides (default: $VERIFIER_REVIEWER, else your login).")
@click.option(
    "--expect-revision",
    type=click.IntRange(min=0),
    default=None,
    help="The pair's revision when you read it (`verifier conflicts`, `verifier log --pair ID`): refused "
    "if someone decided since.",
)
@click.pass_context
def review(
    ctx: click.Context,
    contradiction_id: str,
    decision: str,
    note: str,
    reviewer: str | None,
    expect_revision: int | None,
) -> None:
    """Record a decision on a flagged pair: confirm, dismiss or reopen; logged with who and when.

    Example: verifier review 3f2a confirm --reviewer amira --expect-revision 0 --note "same toll"
    """
    from verifier.services.scan import DECISIONS

    with one_line_errors(), open_workspace(settings_of(ctx)) as ws:
        c = ws.store.set_review(
            contradiction_id, DECISIONS[decision], note, reviewer=reviewer, expected_revision=expect_revision
        )
    echo(f"{c.id}: {c.status}" + (f" ({c.note})" if c.note else ""))


@click.command(name="log")
@click.option("--pair", "pair_id", default=None, help="Only this flagged pair.")
@click.option("--reviewer", default=None, help="Only this reviewer's decisions.")
@click.option("--limit", default=None, type=click.IntRange(min=1), help="Only the latest N entries.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def log_(ctx: click.Context, pair_id: str | None, reviewer: str | None, limit: int | None,
         as_json: bool) -> None:
    """The audit log of review decisions, oldest first: who, when, old and new status, note; attempts
    refused because the pair had changed since it was shown are listed too.

    Example: verifier log --pair 3f2a
    """
    from dataclasses import asdict

    from verifier.io.store import CONFLICT, open_store

    settings = settings_of(ctx)
    with one_line_errors():
        if not settings.store_url and not settings.store_path.exists():
            raise InputError(f"no store in {settings.workspace}: run `verifier ingest PATH` first")
        with open_store(settings.store_target) as store:
            entries = store.review_log(pair_id=pair_id, reviewer=reviewer, limit=limit)
    if as_json:
        echo_json([asdict(e) for e in entries])
        return
    if not entries:
        echo("No review decisions logged" + (" for this selection." if pair_id or reviewer else " yet."))
    for e in entries:
        what = (
            f"REFUSED: shown revision {e.revision}, changed since" if e.outcome == CONFLICT
            else f"(revision {e.revision})"
        )
        echo(
            f"{e.at}  {e.reviewer}  {e.pair_id}  {e.old_status} -> {e.new_status}  {what}"
            + (f"  {e.note}" if e.note else "")
        )


@click.command()
@click.option("--reset", is_flag=True, help="Go back to the shipped judgement model.")
@click.option(
    "--weight",
    default=None,
    type=click.FloatRange(min=0, min_open=True),
    help="How many public labelled pairs one review weighs (default: verifier.services.tune.REVIEW_WEIGHT).",
)
@click.option("--rescan", is_flag=True, help="Judge every stored claim again with the tuned model.")
@click.pass_context
def tune(ctx: click.Context, reset: bool, weight: float | None, rescan: bool) -> None:
    """Refit the judgement on the shipped labelled pairs plus this workspace's reviewed pairs.

    Example: verifier review 3f2a dismiss --note "different incident"; verifier tune --rescan
    """
    from verifier.services import tune as tuning
    from verifier.services.scan import rescan_all

    with one_line_errors(), open_workspace(settings_of(ctx), need_model=rescan) as ws:
        if reset:
            removed = tuning.reset(ws)
            echo("Back to the shipped judgement." if removed else "Already on the shipped judgement.")
        else:
            report = tuning.tune(ws, tuning.REVIEW_WEIGHT if weight is None else weight)
            echo(report.summary())
        if rescan:
            echo(rescan_all(ws).summary())


@click.command()
@click.option("--rescan", is_flag=True, help="Judge every stored claim again (decisions are kept).")
@click.pass_context
def scan(ctx: click.Context, rescan: bool) -> None:
    """Scan claims not yet scanned for contradictions (everything with --rescan), and regroup the events
    if claims came since they were grouped (after `ingest --no-scan` or an interrupted run)."""
    from verifier.services.scan import rescan_all, scan_new

    with one_line_errors(), open_workspace(settings_of(ctx)) as ws, ws.writing():
        if rescan:
            echo(rescan_all(ws).summary())
            return
        done = ws.finish(scan=True)
        echo((done.scan or scan_new(ws)).summary())
        if done.events is not None:
            echo(f"Grouped the articles into {done.events} events.")
