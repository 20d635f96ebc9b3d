"""What every command of the console script shares: printing user text safely, our errors as one line and
exit status 2, the settings the group read, and the workspace to open."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

import click

from verifier.core.display import terminal_json, terminal_text
from verifier.core.errors import VerifierError
from verifier.core.settings import Settings

if TYPE_CHECKING:
    from verifier.services.workspace import Workspace


def echo(message: str = "", nl: bool = True, err: bool = False) -> None:
    """Print `message` with escape sequences and control characters taken out (stored article text can
    hold them) and invisible format characters shown as `[U+....]`: what is printed is what was read."""
    click.echo(terminal_text(message), nl=nl, err=err)


def echo_json(data: Any) -> None:
    """Print `data` as JSON that no terminal acts on (the same data: odd characters become \\u escapes)."""
    click.echo(terminal_json(json.dumps(data, ensure_ascii=False, indent=2)))


def fail(message: str) -> NoReturn:
    echo(f"Error: {message}", err=True)
    sys.exit(2)


@contextmanager
def one_line_errors() -> Iterator[None]:
    """Turn our own errors into a clear one-line message and exit status 2, never a traceback."""
    try:
        yield
    except VerifierError as exc:
        fail(str(exc))


def settings_of(ctx: click.Context) -> Settings:
    """The settings the `verifier` group read from its options and the environment."""
    obj: Settings = ctx.obj
    return obj


def open_workspace(settings: Settings, need_model: bool = True, resume: bool = True) -> Workspace:
    """The workspace, opened by `verifier.shells.cli._open`, looked up at each call: the one seam tests
    replace (with a workspace on the fake embedder)."""
    from verifier.shells import cli

    opened: Workspace = cli._open(settings, need_model=need_model, resume=resume)
    return opened
