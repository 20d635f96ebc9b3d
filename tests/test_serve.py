"""Closed by default: `make run` serves the app on this machine only, and the app offers no download that
skips the export's formula neutralising. The address and port are the operator's explicit choice."""

from __future__ import annotations

import itertools
import os
import shlex
import socket
import subprocess
from pathlib import Path

import pytest
import tomllib
from streamlit_app import free_port, stop, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
LISTEN = "0A"  # the state column of /proc/net/tcp for a listening socket


def make_run(*make_args: str) -> dict[str, tuple[dict[str, str], list[str]]]:
    """The commands of `make run` as make would run them (a dry run: nothing is started), by what they
    start ("verifier", "streamlit"): the environment each is given, and its argument list."""
    out = subprocess.run(
        ["make", "-s", "-n", "run", *make_args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    found: dict[str, tuple[dict[str, str], list[str]]] = {}
    for line in out.replace("\\\n", " ").splitlines():
        words = shlex.split(line)
        env = dict(w.split("=", 1) for w in itertools.takewhile(lambda w: "=" in w and w[0] != "-", words))
        argv = words[len(env) :]
        if len(argv) > 1 and Path(argv[0]).name in ("verifier", "streamlit") and argv[1] in ("ingest", "run"):
            found[Path(argv[0]).name] = (env, argv)
    return found


def streamlit_command(*make_args: str) -> list[str]:
    """The `streamlit run` line of `make run`."""
    return make_run(*make_args)["streamlit"][1]


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_make_run_binds_to_this_machine_unless_told_otherwise() -> None:
    command = streamlit_command()
    assert (option(command, "--server.address"), option(command, "--server.port")) == ("127.0.0.1", "8501")
    shared = streamlit_command("ADDRESS=0.0.0.0", "PORT=8080")
    assert (option(shared, "--server.address"), option(shared, "--server.port")) == ("0.0.0.0", "8080")


def test_make_run_passes_the_port_and_the_workspace_to_the_ingest_and_the_app() -> None:
    commands = make_run("PORT=8600", "WORKSPACE=/tmp/x")
    (ingest_env, ingest), (app_env, app) = commands["verifier"], commands["streamlit"]
    assert ingest[1:] == ["ingest", "data", "--if-empty"]
    assert ingest_env == {"VERIFIER_WORKSPACE": "/tmp/x"}
    assert app_env == {"VERIFIER_WORKSPACE": "/tmp/x", "VERIFIER_SHARE": "", "VERIFIER_ACCOUNTS": ""}
    assert option(app, "--server.port") == "8600"
    assert option(app, "--server.fileWatcherType") == "none"  # a quiet server log


def test_make_run_workspace_defaults_to_verifier_workspace_then_indexes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VERIFIER_WORKSPACE", raising=False)
    assert make_run()["streamlit"][0]["VERIFIER_WORKSPACE"] == "indexes"
    monkeypatch.setenv("VERIFIER_WORKSPACE", "/tmp/checks")
    assert make_run()["verifier"][0] == {"VERIFIER_WORKSPACE": "/tmp/checks"}
    assert make_run()["streamlit"][0]["VERIFIER_WORKSPACE"] == "/tmp/checks"


def test_make_run_is_unshared_by_default_and_passes_the_login_settings_to_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VERIFIER_ACCOUNTS", raising=False)
    env, command = make_run()["streamlit"]
    assert option(command, "--server.address") == "127.0.0.1"
    assert (env["VERIFIER_SHARE"], env["VERIFIER_ACCOUNTS"]) == ("", "")  # no login on this machine
    env = make_run("ADDRESS=0.0.0.0", "SHARE=1", "ACCOUNTS=/etc/verifier/accounts.toml")["streamlit"][0]
    assert (env["VERIFIER_SHARE"], env["VERIFIER_ACCOUNTS"]) == ("1", "/etc/verifier/accounts.toml")
    monkeypatch.setenv("VERIFIER_ACCOUNTS", "/srv/accounts.toml")
    assert make_run()["streamlit"][0]["VERIFIER_ACCOUNTS"] == "/srv/accounts.toml"


def test_streamlit_config_is_closed_and_offline_by_default() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["address"] == "127.0.0.1"  # `streamlit run app.py` by hand is closed too
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["disableDataExport"] is True  # the table toolbar's raw CSV download is off


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on `port` (IPv4 and IPv6), from /proc/net."""
    found: set[str] = set()
    for table in ("tcp", "tcp6"):
        lines = Path(f"/proc/net/{table}").read_text().splitlines()[1:]
        for fields in (line.split() for line in lines):
            address, hex_port = fields[1].split(":")
            if fields[3] == LISTEN and int(hex_port, 16) == port:
                raw = bytes.fromhex(address)
                if table == "tcp":
                    found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
                else:  # four little-endian 32-bit words
                    words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
                    found.add(socket.inet_ntop(socket.AF_INET6, words))
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net to see the socket")
def test_the_app_started_by_make_run_listens_on_127_0_0_1_only(tmp_path: Path) -> None:
    port = free_port()
    make_env, command = make_run(f"PORT={port}", f"WORKSPACE={tmp_path / 'ws'}")["streamlit"]
    env = dict(os.environ, **make_env, HF_HUB_OFFLINE="1")
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", proc)
        assert listening_addresses(port) == {"127.0.0.1"}
    finally:
        stop(proc)
