"""The app's login, checked before any page renders (the one hook in app.py is `require_login`).

Serving this machine only (127.0.0.1, no accounts file), there is no login and the sidebar's reviewer
field says who decides. Serving others (verifier.io.auth.login_required), every page shows the login form
alone until a user of the accounts file signs in; the signed-in name is then the reviewer of every
decision, and the reviewer field is not shown. The session holds the name only, never the password.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import streamlit as st

from verifier.core.errors import ConfigError
from verifier.io.auth import Accounts, accounts_from_env
from verifier.shells import ui

USER_KEY = "signed_in_user"
FAILED_KEY = "failed_sign_ins"
# A wrong password waits this long per earlier failure of the session (at most MAX_DELAY_S): guessing
# through one tab is slow, and a user who mistyped waits a second.
DELAY_S = 1.0
MAX_DELAY_S = 5.0


def require_login(pages: Sequence[Any], reviewer_key: str) -> str | None:
    """The signed-in user's name (also put in the session state at `reviewer_key`, where decisions read
    the reviewer), None when no login is needed; otherwise only the login form (or why the app
    cannot serve) is drawn and the run stops."""
    try:
        accounts = accounts_from_env(st.get_option("server.address"))
    except ConfigError as exc:
        _locked(pages)
        st.error(ui.md_escape(f"The app is not served: {exc}"))
        st.stop()
    if accounts is None:
        return None
    user = st.session_state.get(USER_KEY)
    if user is None or user not in accounts.users:  # removed from the file since: signed out
        st.session_state.pop(USER_KEY, None)
        _locked(pages)
        login_form(accounts)
        st.stop()
    st.session_state[reviewer_key] = user
    st.sidebar.caption(ui.md_escape(f"Signed in as {user}: your decisions are recorded under this name."))
    if st.sidebar.button("Sign out", key="sign_out"):
        st.session_state.clear()
        st.rerun()
    return str(user)


def _locked(pages: Sequence[Any]) -> None:
    # The pages are registered (the address asked for opens after signing in) but neither listed nor run.
    st.navigation(list(pages), position="hidden")


def login_form(accounts: Accounts) -> None:
    st.title("Sign in")
    st.caption("This verifier is shared: sign in with the name and password your admin gave you.")
    with st.form("login", clear_on_submit=True):  # the password leaves the session state once submitted
        name = st.text_input("Name", key="login_name", autocomplete="username")
        password = st.text_input(
            "Password", type="password", key="login_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button("Sign in", type="primary")
    if not submitted:
        return
    user = accounts.sign_in(name, password)
    if user is None:
        failed = int(st.session_state.get(FAILED_KEY, 0)) + 1
        st.session_state[FAILED_KEY] = failed
        time.sleep(min(DELAY_S * failed, MAX_DELAY_S))
        st.error("Wrong name or password.")
        return
    st.session_state.pop(FAILED_KEY, None)
    st.session_state[USER_KEY] = user
    st.rerun()
