"""The `verifier` console script: a thin shell over the package. Each command parses, calls, prints."""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from verifier.display import terminal_json, terminal_text
from verifier.errors import InputError, VerifierError
from verifier.settings import EMBEDDER_CHOICES, Settings

F = TypeVar("F", bound=Callable[..., Any])


def _echo(message: str = "", nl: bool = True, err: bool = False) -> None:
    """Print `message` with escape sequences and control characters taken out (stored article text can
    hold them) and invisible format characters shown as `[U+....]`: what is printed is what was read."""
    click.echo(terminal_text(message), nl=nl, err=err)


def _echo_json(data: Any) -> None:
    """Print `data` as JSON that no terminal acts on (the same data: odd characters become \\u escapes)."""
    click.echo(terminal_json(json.dumps(data, ensure_ascii=False, indent=2)))


def _fail(message: str) -> None:
    _echo(f"Error: {message}", err=True)
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


def _open(settings: Settings, need_model: bool = True, resume: bool = True) -> Any:
    """The workspace; `resume` finishes at once what an interrupted run left (ingest does it itself, after
    storing the rest, so that the scan sees every claim as a clean run's would)."""
    from verifier.workspace import Workspace

    return Workspace.open(settings, resume=resume)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--text-column", default="text", show_default=True, help="Column/field holding the article text."
)
@click.option("--title-column", default="title", show_default=True)
@click.option("--source-column", default="source", show_default=True)
@click.option("--date-column", default="date", show_default=True)
@click.option("--url-column", default="url", show_default=True)
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
    from tqdm import tqdm

    from verifier.importers import ColumnMapping

    settings = _settings(ctx)
    mapping = ColumnMapping(
        text=text_column, title=title_column, source=source_column, date=date_column, url=url_column
    )
    max_bytes = int(max_file_mb * 1024 * 1024) if max_file_mb else settings.max_file_bytes
    with _errors(), _open(settings, resume=False) as ws:
        if if_empty and ws.store.count_articles() > 0:
            _echo(f"Workspace {settings.workspace} already holds {ws.store.count_articles()} articles.")
            return
        bar: Any = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = tqdm(total=total, unit="article", desc="ingest", file=sys.stderr, leave=False)
            bar.n = done
            bar.refresh()

        with ws.writing():  # one writer from the first article to the grouping, or a clear message
            left = ws.unfinished().summary()
            if left:
                _echo(left)
            if engine == "ray":
                from verifier.ray_ingest import RayOptions, ingest_with_ray

                options = RayOptions(address, ray_batch or settings.embed_batch, ray_actors)
                report = ingest_with_ray(
                    ws, list(paths), mapping, max_bytes, default_source, options, progress=progress
                )
            else:
                report = ws.ingest_paths(
                    list(paths),
                    mapping=mapping,
                    max_bytes=max_bytes,
                    default_source=default_source,
                    progress=progress,
                )
            if bar is not None:
                bar.close()
            _echo(report.summary())
            for where, why in report.skipped:
                _echo(_skipped_line(paths, where, why))
            for line in ws.finish(scan=not no_scan).lines():
                _echo(line)


_ROW_NUMBER = re.compile(r":\d+$")


def _skipped_line(paths: tuple[Path, ...], where: str, why: str) -> str:
    """ "Skipped data/notes.xyz: unknown file type .xyz". A file inside the one folder given is named from
    that folder, as the user typed it; a reason that opens with the file's name does not repeat it."""
    if len(paths) == 1 and paths[0].is_dir():
        where = str(paths[0] / where)
    name = _ROW_NUMBER.sub("", Path(where).name)  # "rows.csv:4" is row 4 of rows.csv
    if name and why.startswith((f"{name} ", f"{name}:")):
        why = why[len(name) :].lstrip(" :")
    return f"Skipped {where}: {why}"


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
        _echo_json(
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
        _echo("No claims stored yet: run `verifier ingest PATH` first.")
    for rank, h in enumerate(hits, 1):
        a = h.article
        _echo(f"{rank:>2}. {h.score:.3f}  {a.source or '?'}  {a.published or '-'}  {a.title}")
        _echo(f"    {h.claim.text}")


@main.command()
@click.argument("article_id")
@click.pass_context
def delete(ctx: click.Context, article_id: str) -> None:
    """Delete an article, its claims and their vectors."""
    with _errors(), _open(_settings(ctx)) as ws:
        removed = ws.delete_article(article_id)
    _echo(f"Deleted article {article_id} and {removed} claims.")


@main.command()
@click.option("--source", default=None, help="Only this outlet.")
@click.pass_context
def articles(ctx: click.Context, source: str | None) -> None:
    """List stored articles."""
    with _errors(), _open(_settings(ctx)) as ws:
        for a in ws.store.list_articles(source=source):
            _echo(f"{a.id}  {a.source or '?':<20} {a.published or '-':<10}  {a.title}")


@main.command()
@click.option("--rebuild", is_flag=True, help="Rebuild the index from the store.")
@click.pass_context
def doctor(ctx: click.Context, rebuild: bool) -> None:
    """Check that the store and the index agree; repair what does not."""
    with _errors(), _open(_settings(ctx)) as ws:
        report = ws.doctor(rebuild=rebuild)
    _echo(report.summary())


@main.command()
@click.argument("input_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None)
def pairs(input_path: Path, out_path: Path | None) -> None:
    """Judge claim pairs from JSONL (no workspace needed): one {id,label,flag,score,explanation} per line.

    Example: verifier pairs pairs.jsonl --out judged.jsonl
    """
    from verifier.pairs import read_pairs

    with _errors():
        if out_path:
            _check_out(out_path)  # before the work, not after minutes of judging
        rows = [json.dumps(r, ensure_ascii=False) for r in read_pairs(input_path)]
    text = "\n".join(rows) + ("\n" if rows else "")
    if out_path:
        try:
            out_path.write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"cannot write {out_path} ({exc.strerror or exc}); choose another --out path.")
        _echo(f"Wrote {len(rows)} judgements to {out_path}")
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


@main.command()
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
    from verifier.check import Scope, check_claim
    from verifier.dates import normalise_date

    with _errors():
        day = normalise_date(published) if published else None
        if published and day is None:
            raise InputError(f"--date {published!r} is not a date; write it as 2024-03-12 or 12 March 2024")
        scope = Scope.create(sources, since, until, place)
    with _errors(), _open(_settings(ctx)) as ws:
        result = check_claim(ws, text, k=k, published=day, scope=scope)
    if as_json:
        _echo_json(result.to_dict())
        return
    _echo(result.summary)
    for warning in result.warnings:
        _echo(f"Note: {warning}")
    for title, items in (
        ("Conflicting", result.conflicting),
        ("Corroborating", result.corroborating),
        ("Related", result.related),
    ):
        if items:
            _echo(f"\n{title}:")
            for e in items:
                _echo(_evidence_line(e))


@main.command()
@click.option("--status", type=click.Choice(["new", "confirmed", "dismissed"]), default=None)
@click.option("--source", default=None, help="Only pairs with a claim from this outlet.")
@click.option("--limit", default=None, type=click.IntRange(min=1), help="At most this many pairs.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def conflicts(
    ctx: click.Context, status: str | None, source: str | None, limit: int | None, as_json: bool
) -> None:
    """List flagged contradictions, strongest first."""
    from verifier.export import flagged_pairs

    with _errors(), _open(_settings(ctx)) as ws:
        pairs = flagged_pairs(ws, status=status, source=source, limit=limit)
    if as_json:
        _echo_json([p.to_dict() for p in pairs])
        return
    if not pairs:
        _echo("No contradictions flagged.")
    for rank, p in enumerate(pairs, 1):
        c = p.contradiction
        # a decided pair shows who decided it and its revision (for `review --expect-revision`)
        decided = f" by {c.reviewer or '?'}, revision {c.revision}" if c.revision else ""
        _echo(f"{rank:>2}. {c.id}  {c.score:.2f}  [{c.status}{decided}]  {c.explanation}")
        _echo(f"    A  {p.a.source or '?'}  {p.a.date or '-'}: {p.a.text}")
        _echo(f"    B  {p.b.source or '?'}  {p.b.date or '-'}: {p.b.text}")


@main.command()
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
    from verifier.scan import DECISIONS

    with _errors(), _open(_settings(ctx)) as ws:
        c = ws.store.set_review(
            contradiction_id, DECISIONS[decision], note, reviewer=reviewer, expected_revision=expect_revision
        )
    _echo(f"{c.id}: {c.status}" + (f" ({c.note})" if c.note else ""))


@main.command(name="log")
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

    from verifier.store import CONFLICT, open_store

    settings = _settings(ctx)
    with _errors():
        if not settings.store_url and not settings.store_path.exists():
            raise InputError(f"no store in {settings.workspace}: run `verifier ingest PATH` first")
        with open_store(settings.store_target) as store:
            entries = store.review_log(pair_id=pair_id, reviewer=reviewer, limit=limit)
    if as_json:
        _echo_json([asdict(e) for e in entries])
        return
    if not entries:
        _echo("No review decisions logged" + (" for this selection." if pair_id or reviewer else " yet."))
    for e in entries:
        what = (
            f"REFUSED: shown revision {e.revision}, changed since" if e.outcome == CONFLICT
            else f"(revision {e.revision})"
        )
        _echo(
            f"{e.at}  {e.reviewer}  {e.pair_id}  {e.old_status} -> {e.new_status}  {what}"
            + (f"  {e.note}" if e.note else "")
        )


@main.command()
@click.option("--reset", is_flag=True, help="Go back to the shipped judgement model.")
@click.option(
    "--weight",
    default=None,
    type=click.FloatRange(min=0, min_open=True),
    help="How many public labelled pairs one review weighs (default: verifier.tune.REVIEW_WEIGHT).",
)
@click.option("--rescan", is_flag=True, help="Judge every stored claim again with the tuned model.")
@click.pass_context
def tune(ctx: click.Context, reset: bool, weight: float | None, rescan: bool) -> None:
    """Refit the judgement on the shipped labelled pairs plus this workspace's reviewed pairs.

    Example: verifier review 3f2a dismiss --note "different incident"; verifier tune --rescan
    """
    from verifier import tune as tuning
    from verifier.scan import rescan_all

    with _errors(), _open(_settings(ctx), need_model=rescan) as ws:
        if reset:
            removed = tuning.reset(ws)
            _echo("Back to the shipped judgement." if removed else "Already on the shipped judgement.")
        else:
            report = tuning.tune(ws, tuning.REVIEW_WEIGHT if weight is None else weight)
            _echo(report.summary())
        if rescan:
            _echo(rescan_all(ws).summary())


@main.command()
@click.option("--rescan", is_flag=True, help="Judge every stored claim again (decisions are kept).")
@click.pass_context
def scan(ctx: click.Context, rescan: bool) -> None:
    """Scan claims not yet scanned for contradictions (everything with --rescan), and regroup the events
    if claims came since they were grouped (after `ingest --no-scan` or an interrupted run)."""
    from verifier.scan import rescan_all, scan_new

    with _errors(), _open(_settings(ctx)) as ws, ws.writing():
        if rescan:
            _echo(rescan_all(ws).summary())
            return
        done = ws.finish(scan=True)
        _echo((done.scan or scan_new(ws)).summary())
        if done.events is not None:
            _echo(f"Grouped the articles into {done.events} events.")


@main.command()
@click.option("--rebuild", is_flag=True, help="Group the articles again.")
@click.option("--all", "show_all", is_flag=True, help="Also list events reported by a single article.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: id, label and articles of each event.")
@click.pass_context
def events(ctx: click.Context, rebuild: bool, show_all: bool, as_json: bool) -> None:
    """List events: articles grouped by what they report.

    Example: verifier events --json --all
    """
    from verifier.events import list_events

    with _errors(), _open(_settings(ctx)) as ws:
        found = list_events(ws, rebuild=rebuild)
    shown = [e for e in found if show_all or e.articles > 1]
    if as_json:
        _echo_json([e.to_dict() for e in shown])
        return
    if not shown:
        _echo(
            "No events reported by more than one article." if found else "No events: ingest articles first."
        )
    for e in shown:
        _echo(f"{e.id}  {e.label}")
    hidden = len(found) - len(shown)
    if hidden:
        _echo(f"({hidden} single-article events not shown: --all lists them)")


@main.command()
@click.argument("event_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def table(ctx: click.Context, event_id: str, as_json: bool) -> None:
    """Compare the figures of one event, source by source (EVENT is an id from `verifier events`)."""
    from verifier.events import build_table

    with _errors(), _open(_settings(ctx)) as ws:
        t = build_table(ws, event_id)
    if as_json:
        _echo_json(t.to_dict())
        return
    _echo(t.label)
    for row in t.rows:
        _echo(f"\n{row.label}" + ("   ** sources disagree **" if row.has_conflict else ""))
        for source, cells in row.cells:
            shown = "; ".join(
                f"{c.figure}{' (CONFLICT)' if c.conflict else ''}{' (update)' if c.update else ''}"
                f" [{c.date or '-'}{', ' + c.attribution if c.attribution else ''}]"
                for c in cells
            )
            _echo(f"  {source:<22} {shown}")
    for note in t.notes:
        _echo(f"\nNote: {note}")


@main.command()
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
    from verifier.export import export_bytes, unreviewed_left_out

    if fmt == "xlsx" and out_path is None:
        _fail("an XLSX file cannot go to the terminal: give --out FILE.xlsx")
    left_out = 0
    with _errors(), _open(_settings(ctx)) as ws:
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
            _fail(f"cannot write {out_path}: {exc.strerror or exc}")
        _echo(f"Wrote {out_path} ({len(data):,} bytes).")
    if left_out:
        # On stderr: the standard output may be the export itself, piped to a file.
        _echo(
            f"Left out {left_out} unreviewed pair{'s' * (left_out != 1)}: confirm them with `verifier "
            "review`, or publish them as not reviewed with --include-unreviewed.",
            err=True,
        )



@main.group()
def accounts() -> None:
    """Who may sign in when the app is shared (an accounts file of salted password hashes)."""


_ACCOUNTS_FILE = click.option(
    "--file", "path", envvar="VERIFIER_ACCOUNTS", required=True, type=click.Path(dir_okay=False),
    help="The accounts file (default: $VERIFIER_ACCOUNTS).",
)


@accounts.command(name="add")
@click.argument("name")
@_ACCOUNTS_FILE
def accounts_add(name: str, path: str) -> None:
    """Add NAME to the accounts file (creating it), or set a new password for NAME. The password is asked
    for (hidden, twice), never taken from the command line; only its salted scrypt hash is written."""
    from verifier.auth import add_account

    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with _errors():
        new = add_account(path, name, password)
    _echo(f"{'Added' if new else 'Changed the password of'} {name.strip()} in {path}.")


@accounts.command(name="check")
@click.option("--address", default="127.0.0.1", show_default=True, help="The address the app will bind.")
@click.option("--share", default="", envvar="VERIFIER_SHARE", help="1: the app is shared (needs a login).")
@click.option("--file", "path", envvar="VERIFIER_ACCOUNTS", default="", help="The accounts file.")
def accounts_check(address: str, share: str, path: str) -> None:
    """Exit 2 with why when the app would serve others without a valid accounts file (`make run` runs this
    before starting the app)."""
    from verifier.auth import accounts_for_serving, share_requested

    with _errors():
        found = accounts_for_serving(address, share_requested(share), path)
    if found is not None:
        _echo(f"Login on: {len(found.users)} account(s) in {found.path}.")

if __name__ == "__main__":  # pragma: no cover
    main()
