"""Shared fixtures: embedders (the real bundled model, once per session; a fast fake) and workspaces."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports transformers: the model hub is unreachable here and must never be tried.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from verifier.embed import FakeEmbedder, SentenceTransformerEmbedder  # noqa: E402
from verifier.settings import Settings  # noqa: E402
from verifier.workspace import Workspace  # noqa: E402


@pytest.fixture(scope="session")
def model_embedder() -> SentenceTransformerEmbedder:
    """The real all-MiniLM-L6-v2, loaded once for the whole session. Mark its tests `@pytest.mark.model`."""
    embedder = SentenceTransformerEmbedder()
    embedder.warm_up()
    return embedder


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

from fixtures.postgres import PostgresUnavailable, fresh_schema, throwaway_server  # noqa: E402

STORE_ENGINES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """One PostgreSQL server for the session (started on first use, stopped at the end). Fails, never
    skips, when none can be had: the PostgreSQL half of the suite is part of the suite."""
    try:
        with throwaway_server() as url:
            yield url
    except PostgresUnavailable as exc:
        pytest.fail(f"no PostgreSQL server for the tests: {exc}", pytrace=False)


@pytest.fixture(params=STORE_ENGINES)
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a fresh store lives, once per engine: a SQLite path, or a postgresql:// URL of an empty
    schema on the session's server. Tests taking it run on both engines."""
    if request.param == "sqlite":
        yield str(tmp_path / "verifier.sqlite3")
        return
    server = request.getfixturevalue("postgres_server")
    with fresh_schema(server) as url:
        yield url
