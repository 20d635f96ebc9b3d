"""Shared fixtures: embedders (the real bundled model, once per session; a fast fake), workspaces, and stores
on both engines (a throwaway PostgreSQL server per session, tests/fixtures/postgres.py)."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Before anything imports transformers: the model hub is unreachable here and must never be tried.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from verifier.core.settings import Settings  # noqa: E402
from verifier.io.embed import FakeEmbedder, SentenceTransformerEmbedder  # noqa: E402
from verifier.services.workspace import Workspace  # noqa: E402


@pytest.fixture(scope="session")
def model_embedder() -> SentenceTransformerEmbedder:
    """The real all-MiniLM-L6-v2, loaded once for the whole session. Mark its tests `@pytest.mark.model`."""
    embedder = SentenceTransformerEmbedder()
    embedder.warm_up()
    return embedder


FAKES_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes" / "FA-KES-Dataset.csv"


@pytest.fixture(scope="session")
def fakes_ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """FA-KES ingested once per session as the README shows, without the scan (about 40 s with the real
    model): (the workspace, the ingest's output). Tests that use it only read it."""
    from click.testing import CliRunner

    from verifier.shells.cli import main

    if not FAKES_CSV.exists():
        pytest.skip(f"{FAKES_CSV} is not here (../shared missing)")
    ws = tmp_path_factory.mktemp("fakes") / "ws"
    result = CliRunner().invoke(
        main,
        [
            "--workspace", str(ws), "ingest", str(FAKES_CSV),
            "--text-column", "article_content", "--title-column", "article_title", "--no-scan",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return ws, result.output


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    """Deterministic bag-of-words vectors: plumbing tests in milliseconds."""
    return FakeEmbedder()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings pointing at a fresh workspace folder under tmp_path."""
    return Settings(workspace=tmp_path / "workspace")


@pytest.fixture
def workspace(settings: Settings, fake_embedder: FakeEmbedder) -> Iterator[Workspace]:
    """An empty workspace using the fake embedder."""
    with Workspace.open(settings, embedder=fake_embedder) as ws:
        yield ws


@pytest.fixture
def model_workspace(settings: Settings, model_embedder: SentenceTransformerEmbedder) -> Iterator[Workspace]:
    """An empty workspace using the real model (for `@pytest.mark.model` tests)."""
    with Workspace.open(settings, embedder=model_embedder) as ws:
        yield ws


# -- the store on both engines ---------------------------------------------------------------------

def _postgres_helpers() -> Any:
    """tests/fixtures/postgres.py, loaded by its path: `fixtures` is also the name of a PyPI package."""
    spec = importlib.util.spec_from_file_location(
        "verifier_tests_postgres", Path(__file__).parent / "fixtures" / "postgres.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_pg = _postgres_helpers()
STORE_ENGINES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """One PostgreSQL server for the session (started on first use, stopped at the end). Fails, never
    skips, when none can be had: the PostgreSQL half of the suite is part of the suite."""
    try:
        with _pg.throwaway_server() as url:
            yield url
    except _pg.PostgresUnavailable as exc:
        pytest.fail(f"no PostgreSQL server for the tests: {exc}", pytrace=False)


@pytest.fixture(params=STORE_ENGINES)
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a fresh store lives, once per engine: a SQLite path, or a postgresql:// URL of an empty
    schema on the session's server. Tests taking it run on both engines."""
    if request.param == "sqlite":
        yield str(tmp_path / "verifier.sqlite3")
        return
    server = request.getfixturevalue("postgres_server")
    with _pg.fresh_schema(server) as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A postgresql:// URL of an empty schema of its own on the session's server (PostgreSQL-only tests)."""
    with _pg.fresh_schema(postgres_server) as url:
        yield url
