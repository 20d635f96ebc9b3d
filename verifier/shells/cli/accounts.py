"""`verifier accounts`: who may sign in when the app is shared (`add`, and `check`, which `make run` runs
before starting the app)."""

from __future__ import annotations

import click

from verifier.shells.cli.common import echo, one_line_errors


@click.group()
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
    from verifier.io.auth import add_account

    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with one_line_errors():
        new = add_account(path, name, password)
    echo(f"{'Added' if new else 'Changed the password of'} {name.strip()} in {path}.")


@accounts.command(name="check")
@click.option("--address", default="127.0.0.1", show_default=True, help="The address the app will bind.")
@click.option("--share", default="", envvar="VERIFIER_SHARE", help="1: the app is shared (needs a login).")
@click.option("--file", "path", envvar="VERIFIER_ACCOUNTS", default="", help="The accounts file.")
def accounts_check(address: str, share: str, path: str) -> None:
    """Exit 2 with why when the app would serve others without a valid accounts file (`make run` runs this
    before starting the app)."""
    from verifier.io.auth import accounts_for_serving, share_requested

    with one_line_errors():
        found = accounts_for_serving(address, share_requested(share), path)
    if found is not None:
        echo(f"Login on: {len(found.users)} account(s) in {found.path}.")
