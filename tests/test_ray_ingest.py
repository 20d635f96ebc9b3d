"""`--engine ray` against the single process, on a small FA-KES sample and a real local Ray: the same
articles, claims (ids, offsets, rowids), figures, vectors, flags and report; and what it says without Ray.

FA-KES rows are read from ../shared/data at test time (nothing of it is copied into the repository).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from verifier.core.errors import ConfigError, InputError, ModelMismatchError
from verifier.core.settings import Settings
from verifier.io.embed import FakeEmbedder, SentenceTransformerEmbedder
from verifier.io.importers import ColumnMapping
from verifier.quantities import extract
from verifier.services.workspace import Workspace
from verifier.shells import cli

ray = pytest.importorskip("ray", reason="the Ray engine's tests need the ray extra (in .[dev])")
from verifier.services.ray_ingest import RayOptions, ingest_with_ray  # noqa: E402

FAKES = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes" / "FA-KES-Dataset.csv"
MAPPING = ColumnMapping(text="article_content", title="article_title", source="source", date="date")
SAMPLE_ROWS = 16  # articles: two files of 8, with about 170 claims


def _fake_open(settings: Settings, need_model: bool = True, resume: bool = True) -> Workspace:
    return Workspace.open(settings, FakeEmbedder(), resume=resume)


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture
def sample(tmp_path: Path) -> list[Path]:
    """Two CSV files of FA-KES rows, plus the first row again (a repeat the report must count)."""
    if not FAKES.exists():
        pytest.fail(f"the FA-KES data set is missing at {FAKES} (../shared/data)")
    csv.field_size_limit(sys.maxsize)
    with FAKES.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = [row for _, row in zip(range(SAMPLE_ROWS), reader, strict=False)]
    half = SAMPLE_ROWS // 2
    paths = []
    for i, part in enumerate((rows[:half], rows[half:] + rows[:1])):
        path = tmp_path / f"part{i}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(part)
        paths.append(path)
    return paths


def _snapshot(ws: Workspace) -> dict[str, Any]:
    """Everything a user could see of an ingest: articles, claims with rowids, figures, vectors, flags."""
    claims = list(ws.store.iter_claims())
    published = {a.id: a.published for a in ws.store.list_articles()}
    return {
        "articles": ws.store.list_articles(),
        "claims": claims,
        "figures": [extract(c.text, published[c.article_id]) for _, c in claims],
        "vectors": ws.vectors([rowid for rowid, _ in claims]),
        "flags": [(c.id, c.relation, c.score, c.explanation) for c in ws.store.list_contradictions()],
        "events": ws.store.list_events(),
    }


def _assert_same(single: dict[str, Any], on_ray: dict[str, Any], exact_vectors: bool) -> None:
    assert on_ray["articles"] == single["articles"]
    assert on_ray["claims"] == single["claims"]
    assert on_ray["figures"] == single["figures"]
    if exact_vectors:
        assert np.array_equal(on_ray["vectors"], single["vectors"])
    else:  # torch: a text's vector may move in the last float bits with its batch-mates
        assert np.allclose(on_ray["vectors"], single["vectors"], atol=1e-5)
    assert on_ray["flags"] == single["flags"]
    assert on_ray["events"] == single["events"]


def _ingest_both(tmp_path: Path, paths: list[Path], embedder: Any, factory: Any) -> tuple[Any, ...]:
    with Workspace.open(Settings(workspace=tmp_path / "single"), embedder) as ws:
        single_report = ws.ingest_paths(paths, mapping=MAPPING)
        ws.finish()
        single = _snapshot(ws)
    with Workspace.open(Settings(workspace=tmp_path / "ray"), embedder) as ws:
        ray_report = ingest_with_ray(ws, paths, MAPPING, options=RayOptions(batch_size=3, actors=2),
                                     embedder_factory=factory)
        ws.finish()
        on_ray = _snapshot(ws)
    return single_report, single, ray_report, on_ray


def test_ray_ingest_gives_what_the_single_process_gives(
    local_ray: Any, sample: list[Path], tmp_path: Path
) -> None:
    single_report, single, ray_report, on_ray = _ingest_both(tmp_path, sample, FakeEmbedder(), FakeEmbedder)
    assert len(single["articles"]) == SAMPLE_ROWS and len(single["claims"]) > 100
    assert any(single["figures"]) and single["flags"]  # the sample has figures and flags to compare
    _assert_same(single, on_ray, exact_vectors=True)
    assert replace(ray_report, seconds=0.0) == replace(single_report, seconds=0.0)
    assert ray_report.duplicates == 1


def test_a_second_ray_ingest_stores_nothing_again(local_ray: Any, sample: list[Path], tmp_path: Path) -> None:
    with Workspace.open(Settings(workspace=tmp_path / "ws"), FakeEmbedder()) as ws:
        first = ingest_with_ray(ws, sample[:1], MAPPING, embedder_factory=FakeEmbedder)
        again = ingest_with_ray(ws, sample, MAPPING, embedder_factory=FakeEmbedder)
    assert first.articles_added == SAMPLE_ROWS // 2
    # the first file's articles are stored already; the second file's repeat of one is a repeat
    assert (again.articles_added, again.articles_skipped_existing, again.duplicates) == (8, 8, 1)


def test_a_file_ray_cannot_read_is_named(local_ray: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("title\nno text column here\n", encoding="utf-8")
    with Workspace.open(Settings(workspace=tmp_path / "ws"), FakeEmbedder()) as ws, pytest.raises(
        InputError, match="bad.csv has no column .article_content. for the text"
    ):
        ingest_with_ray(ws, [bad], MAPPING, embedder_factory=FakeEmbedder)
    with Workspace.open(Settings(workspace=tmp_path / "ws"), FakeEmbedder()) as ws:
        assert ws.store.count_articles() == 0


@pytest.mark.model
@pytest.mark.slow
def test_ray_ingest_with_the_real_model(
    local_ray: Any, sample: list[Path], tmp_path: Path, model_embedder: SentenceTransformerEmbedder
) -> None:
    _, single, _, on_ray = _ingest_both(tmp_path, sample[:1], model_embedder, SentenceTransformerEmbedder)
    _assert_same(single, on_ray, exact_vectors=False)


def test_bad_ray_options_are_refused() -> None:
    with pytest.raises(ConfigError, match="batch size"):
        RayOptions(batch_size=0)
    with pytest.raises(ConfigError, match="embedder actors"):
        RayOptions(actors=0)


def test_without_ray_the_engine_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # as if not installed: importing it raises ImportError
    monkeypatch.setattr(cli, "_open", _fake_open)
    article = tmp_path / "a.txt"
    article.write_text("The bridge reopened on Monday after 14 months of repairs.\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli.main, ["--workspace", str(tmp_path / "ws"), "ingest", str(article), "--engine", "ray"]
    )
    assert result.exit_code == 2
    assert result.output == (
        "Error: --engine ray needs Ray, which is not installed: pip install -e '.[ray]' "
        "(or pip install 'ray[data]>=2.9')\n"
    )


def test_actors_embedding_with_another_model_are_refused(
    local_ray: Any, sample: list[Path], tmp_path: Path
) -> None:
    def other() -> FakeEmbedder:
        return FakeEmbedder(name="another-model")

    with Workspace.open(Settings(workspace=tmp_path / "ws"), FakeEmbedder()) as ws:
        with pytest.raises(ModelMismatchError, match="the Ray actors embed with another-model"):
            ingest_with_ray(ws, sample[:1], MAPPING, embedder_factory=other)
        assert ws.store.count_articles() == 0  # refused before the first batch was stored
