"""Closed by default, a login to share: the password hashes, the accounts file, when a login is needed,
the `verifier accounts` commands, `make run` refusing to share without accounts, and the app's login
(AppTest: with sharing on, every page shows only the login form until a user signs in, whose name is
then the reviewer of a decision)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from verifier.core.errors import ConfigError
from verifier.core.records import Article, Contradiction, pair_id
from verifier.core.settings import REVIEWER_ENV, STORE_ENV, WORKSPACE_ENV, Settings
from verifier.io import auth
from verifier.io.embed import FakeEmbedder
from verifier.io.store import open_store
from verifier.services.workspace import Workspace
from verifier.shells import ui_audit, ui_auth
from verifier.shells.cli import main

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
TIMEOUT = 120
PASSWORD = "correct horse battery"


# -- hashes -----------------------------------------------------------------------------------------------


def test_a_hash_is_salted_per_password_and_verifies_only_its_password() -> None:
    first, second = auth.hash_password(PASSWORD), auth.hash_password(PASSWORD)
    assert first != second  # a fresh salt each time
    assert PASSWORD not in first and first.startswith("scrypt$16384$8$1$")
    assert auth.verify_password(PASSWORD, first) and auth.verify_password(PASSWORD, second)
    assert not auth.verify_password(PASSWORD + " ", first)
    assert not auth.verify_password("", first)
    salt = bytes(range(16))
    assert auth.hash_password(PASSWORD, salt) == auth.hash_password(PASSWORD, salt)  # deterministic per salt


def test_a_short_password_or_a_foreign_hash_is_refused() -> None:
    with pytest.raises(ConfigError, match="at least 8"):
        auth.hash_password("short")
    for stored in ("plaintext", "md5$abc", "scrypt$16384$8$1$!!$!!", "scrypt$3$8$1$AAAA$AAAA"):
        with pytest.raises(ConfigError):
            auth.verify_password(PASSWORD, stored)


# -- the accounts file --------------------------------------------------------------------------------------


def test_accounts_are_added_replaced_and_signed_in_with(tmp_path: Path) -> None:
    path = tmp_path / "accounts.toml"
    assert auth.add_account(path, "amira", PASSWORD) is True
    assert auth.add_account(path, 'ben "the desk"', "another secret") is True
    assert auth.add_account(path, "amira", "a new password") is False  # replaced
    text = path.read_text("utf-8")
    assert PASSWORD not in text and "another secret" not in text and "a new password" not in text
    assert path.stat().st_mode & 0o777 == 0o600
    accounts = auth.load_accounts(path)
    assert set(accounts.users) == {"amira", 'ben "the desk"'}
    assert accounts.sign_in(" amira ", "a new password") == "amira"
    assert accounts.sign_in("amira", PASSWORD) is None  # the old password no longer works
    assert accounts.sign_in('ben "the desk"', "another secret") == 'ben "the desk"'
    assert accounts.sign_in("carol", "another secret") is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist: create it with `verifier accounts add NAME"),
        ("[users\n", "is not valid TOML"),
        ("", "has no users"),
        ('title = "x"\n', "only \\[users"),
        ('[users.amira]\npassword = "hunter22"\n', "user 'amira': a password entry is not a scrypt hash"),
        ('[users.amira]\nhash = "x"\n', "needs exactly one entry, password"),
        ('[users."  "]\npassword = "PLACEHOLDER"\n', "reviewer name is empty"),
    ],
)
def test_a_bad_accounts_file_is_a_clear_error(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "accounts.toml"
    if content is not None:
        path.write_text(content.replace("PLACEHOLDER", auth.hash_password(PASSWORD)), "utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        auth.load_accounts(path)
    assert str(path) in str(info.value)


# -- when a login is needed ---------------------------------------------------------------------------------


def test_a_login_is_needed_to_serve_anything_but_this_machine() -> None:
    for address in ("127.0.0.1", "localhost", "::1", "[::1]"):
        assert not auth.login_required(address, share=False, accounts_path="")
        assert auth.accounts_for_serving(address, False, None) is None
    for address in ("0.0.0.0", "::", "192.168.1.20", "", None):  # unset: streamlit listens everywhere
        assert auth.login_required(address, share=False, accounts_path="")
    assert auth.login_required("127.0.0.1", share=True, accounts_path="")
    assert auth.login_required("127.0.0.1", share=False, accounts_path="a.toml")
    with pytest.raises(ConfigError, match="without a login: the app would listen on 0.0.0.0"):
        auth.accounts_for_serving("0.0.0.0", False, "")
    with pytest.raises(ConfigError, match="sharing is on"):
        auth.accounts_for_serving("127.0.0.1", True, None)


def test_the_share_setting_reads_yes_or_no_and_refuses_anything_else() -> None:
    assert [auth.share_requested(v) for v in ("1", "true", "YES", "on")] == [True] * 4
    assert [auth.share_requested(v) for v in (None, "", "0", "false", "no", "off")] == [False] * 6
    with pytest.raises(ConfigError, match="VERIFIER_SHARE"):
        auth.share_requested("maybe")


# -- the CLI and make run -------------------------------------------------------------------------------


def test_accounts_add_prompts_and_stores_only_a_hash(tmp_path: Path) -> None:
    path = tmp_path / "accounts.toml"
    runner = CliRunner()
    result = runner.invoke(main, ["accounts", "add", "amira", "--file", str(path)], input=f"{PASSWORD}\n" * 2)
    assert result.exit_code == 0, result.output
    assert f"Added amira in {path}." in result.output
    assert PASSWORD not in path.read_text("utf-8")
    assert auth.load_accounts(path).sign_in("amira", PASSWORD) == "amira"
    short = runner.invoke(main, ["accounts", "add", "ben", "--file", str(path)], input="short\nshort\n")
    assert short.exit_code == 2 and "at least 8 characters" in short.output
    ok = runner.invoke(main, ["accounts", "check", "--address", "0.0.0.0", "--file", str(path)])
    assert ok.exit_code == 0 and "Login on: 1 account(s)" in ok.output
    refused = runner.invoke(main, ["accounts", "check", "--address", "0.0.0.0"], env={auth.ACCOUNTS_ENV: ""})
    assert refused.exit_code == 2 and "refusing to serve without a login" in refused.output


@pytest.mark.parametrize("args", [["ADDRESS=0.0.0.0"], ["SHARE=1"]])
def test_make_run_refuses_to_share_without_accounts_before_starting_anything(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(auth.ACCOUNTS_ENV, raising=False)
    workspace = tmp_path / "ws"
    result = subprocess.run(  # -o: never rebuild the virtualenv from a test
        ["make", "-s", "-o", ".venv/.installed-stamp", "run", f"WORKSPACE={workspace}", "PORT=1", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "refusing to serve without a login" in result.stderr
    assert not workspace.exists()  # nothing was ingested, no server started


# -- the app ----------------------------------------------------------------------------------------------


def _shared_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Settings, str]:
    settings = Settings(workspace=tmp_path / "ws")
    articles = [
        Article.create("A ferry capsized off Port Hale on Monday. Twelve passengers drowned.", source="Hale"),
        Article.create("A ferry sank near Port Hale on Monday. Nineteen passengers drowned.", source="Bay"),
    ]
    with Workspace.open(settings, FakeEmbedder()) as ws:
        ws.ingest_articles(articles)
        a = ws.store.claims_of_article(articles[0].id)[1]
        b = ws.store.claims_of_article(articles[1].id)[1]
        lo, hi = sorted((a.id, b.id))
        pid = pair_id(lo, hi)
        ws.store.upsert_contradictions([Contradiction(pid, lo, hi, "conflict", 0.8, "12 vs 19 drowned")])
    accounts = tmp_path / "accounts.toml"
    auth.add_account(accounts, "Amira <b>K</b>", PASSWORD)
    monkeypatch.setenv(WORKSPACE_ENV, str(settings.workspace))
    monkeypatch.delenv(STORE_ENV, raising=False)
    monkeypatch.setenv(REVIEWER_ENV, "server login")
    monkeypatch.setenv(auth.SHARE_ENV, "1")
    monkeypatch.setenv(auth.ACCOUNTS_ENV, str(accounts))
    monkeypatch.setattr(ui_auth, "DELAY_S", 0.0)
    return settings, pid


def _on_page(at: AppTest, url_path: str) -> AppTest:
    pages = {info.get("url_pathname"): h for h, info in at._registered_pages.items()}
    at._page_hash = pages[url_path]
    return at.run()


def _only_the_login(at: AppTest) -> None:
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Sign in"]
    assert [t.label for t in at.text_input] == ["Name", "Password"]
    assert not at.sidebar.text_input and not at.dataframe and not at.html and not at.metric
    assert [b.label for b in at.button] == ["Sign in"]  # the form's button only


def test_with_sharing_on_every_page_shows_only_the_login_until_a_user_signs_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, pid = _shared_app(tmp_path, monkeypatch)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    _only_the_login(at)
    for url_path in ("compare", "library", "contradictions"):  # the last one asked for opens
        _only_the_login(_on_page(at, url_path))

    at.text_input(key="login_name").input("Amira <b>K</b>")
    at.text_input(key="login_password").input("wrong password")
    at.button(key="FormSubmitter:login-Sign in").click().run()
    assert [e.value for e in at.error] == ["Wrong name or password."]
    _only_the_login(at)

    at.text_input(key="login_name").input("Amira <b>K</b>")
    at.text_input(key="login_password").input(PASSWORD)
    at.button(key="FormSubmitter:login-Sign in").click().run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Contradictions"]
    assert "login_password" not in at.session_state  # the password is not kept
    assert not at.sidebar.text_input  # no reviewer field: the signed-in name decides
    assert any("Signed in as Amira \\<b\\>K\\</b\\>" in c.value for c in at.sidebar.caption)  # escaped

    at.selectbox(key="f_status").select("all").run()
    at.button(key=f"confirm-{pid}").click().run()
    assert not at.exception and not at.error
    with open_store(settings.store_path) as store:
        assert store.get_contradiction(pid).reviewer == "Amira <b>K</b>"
        assert [e.reviewer for e in store.review_log(pair_id=pid)] == ["Amira <b>K</b>"]
    assert at.session_state[ui_audit.REVIEWER_KEY] == "Amira <b>K</b>"

    at.button(key="sign_out").click().run()
    _only_the_login(at)


def test_a_user_removed_from_the_accounts_file_is_signed_out_at_the_next_click(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _shared_app(tmp_path, monkeypatch)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.text_input(key="login_name").input("Amira <b>K</b>")
    at.text_input(key="login_password").input(PASSWORD)
    at.button(key="FormSubmitter:login-Sign in").click().run()
    assert [t.value for t in at.title] == ["Check a claim"]
    path = tmp_path / "accounts.toml"
    auth.write_accounts(path, {"ben": auth.hash_password("another secret")})  # the admin removes amira
    at.run()
    _only_the_login(at)


def test_the_app_refuses_to_serve_others_without_accounts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _shared_app(tmp_path, monkeypatch)
    monkeypatch.delenv(auth.ACCOUNTS_ENV)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert len(at.error) == 1
    assert "refusing to serve without a login: sharing is on" in re.sub(r"\\(.)", r"\1", at.error[0].value)
    assert not at.title and not at.text_input and not at.dataframe and not at.html


def test_on_this_machine_there_is_no_login_and_the_reviewer_field_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _shared_app(tmp_path, monkeypatch)
    monkeypatch.delenv(auth.ACCOUNTS_ENV)
    monkeypatch.delenv(auth.SHARE_ENV)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Check a claim"
    assert at.sidebar.text_input(key=ui_audit.REVIEWER_KEY).value == "server login"
