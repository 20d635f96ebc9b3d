"""Bulk ingest on Ray Data, for archives: `verifier ingest PATH... --engine ray [--address ...]`.

Ray Data reads the given paths (one task each), splits every new article into claims, and embeds them in
a pool of embedder actors (`RayOptions.actors`, `RayOptions.batch_size` articles per model call); the
driver streams the results, in input order, into the workspace's own ingest (`Workspace.precomputed`),
so the store, the index, their crash consistency, the reuse of stored vectors and the report are exactly
those of a single-process ingest. On one machine Ray runs locally (`ray.init()`); with `address` it joins
a cluster (README, "Archives on Ray").

Ray is an optional extra (`pip install -e '.[ray]'`); it is imported only when this engine runs.
Rows cross Ray as JSON text and float32 bytes, never pickled records.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from verifier.core import errors
from verifier.core.errors import ConfigError, ModelMismatchError, VerifierError
from verifier.core.records import Article, Claim
from verifier.core.settings import DEFAULT_EMBED_BATCH, Settings
from verifier.io.embed import Embedder, embedder_from_settings
from verifier.services.workspace import IngestReport, Progress, Workspace
from verifier.services.workspace_ingest import Reading

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install -e '.[ray]' (or pip install 'ray[data]>=2.9')"
# One embedder actor: on 2 cores a second model copy only competes with the first for the same cores (the
# model already uses both); on a cluster give one per node (or per GPU).
DEFAULT_ACTORS = 1
# Articles the driver asks for per streamed batch: enough to keep the actors busy while it writes.
STREAM_BATCH = 64
EmbedderFactory = Callable[[], Embedder]


@dataclass(frozen=True)
class RayOptions:
    """Where and how wide: `address` None starts (or joins) Ray on this machine; a ray:// or host:port
    address joins that cluster. `batch_size`: articles per model call in an actor (the model sees all their
    claims at once; Settings.embed_batch by default). `actors`: embedder actors in the pool."""

    address: str | None = None
    batch_size: int = DEFAULT_EMBED_BATCH
    actors: int = DEFAULT_ACTORS

    def __post_init__(self) -> None:
        if isinstance(self.batch_size, bool) or not isinstance(self.batch_size, int) or self.batch_size < 1:
            raise ConfigError(f"the Ray batch size must be a whole number of articles, 1 or more, not "
                              f"{self.batch_size!r}")
        if isinstance(self.actors, bool) or not isinstance(self.actors, int) or self.actors < 1:
            raise ConfigError(f"the number of embedder actors must be 1 or more, not {self.actors!r}")


def require_ray() -> Any:
    """The `ray` module, or ConfigError saying what to install."""
    try:
        import ray
        import ray.data  # noqa: F401  (the Data library is the part this engine needs)
    except ImportError:
        raise ConfigError(f"--engine ray needs Ray, which is not installed: {INSTALL_HINT}") from None
    return ray


# -- the stages (run in Ray workers; module-level so that workers import them by name) -------------------


def _article_json(article: Article) -> str:
    return json.dumps(asdict(article), ensure_ascii=False)


def _read_rows(
    row: dict[str, Any], mapping: Any, max_bytes: int, default_source: str
) -> list[dict[str, Any]]:
    """One given path -> a row per article, skipped file, warning, and its count of repeats."""
    from verifier.io.importers import read_path

    result = read_path(row["path"], mapping, max_bytes, default_source)
    out = [{"kind": "article", "payload": _article_json(a)} for a in result.articles]
    out += [{"kind": "skipped", "payload": json.dumps([s.where, s.reason])} for s in result.skipped]
    out += [{"kind": "warning", "payload": w} for w in result.warnings]
    out.append({"kind": "duplicates", "payload": str(result.duplicates)})
    return [dict(r, path_index=row["path_index"]) for r in out]


def _segment_batch(batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    from verifier.segment import split_claims

    claims = []
    for text in batch["article"]:
        found = split_claims(Article(**json.loads(text)))
        claims.append(json.dumps([asdict(c) for c in found], ensure_ascii=False))
    return {"article": batch["article"], "claims": np.array(claims, dtype=object)}


class _EmbedActor:
    """One model in one Ray worker: each batch's claims are embedded in one call."""

    def __init__(self, factory: EmbedderFactory) -> None:
        self.embedder = factory()

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        per_article = [[c["text"] for c in json.loads(text)] for text in batch["claims"]]
        flat = [t for texts in per_article for t in texts]
        vectors = self.embedder.encode(flat) if flat else np.zeros((0, self.embedder.dim), np.float32)
        out, start = [], 0
        for texts in per_article:
            out.append(np.ascontiguousarray(vectors[start : start + len(texts)], dtype=np.float32).tobytes())
            start += len(texts)
        return {
            "article": batch["article"], "claims": batch["claims"], "vectors": np.array(out, dtype=object),
            "model": np.array([self.embedder.name] * len(out), dtype=object),
        }


# -- the driver ------------------------------------------------------------------------------------------


@dataclass
class _Stream:
    """What the workspace's ingest asks for (an article's claims, a text's vector), pulled from Ray's
    stream as it comes: the ingest runs while later batches are still being embedded."""

    batches: Iterator[dict[str, Any]]
    name: str
    dim: int
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    vectors: dict[str, np.ndarray] = field(default_factory=dict)

    def _pull(self, done: Callable[[], bool]) -> None:
        while not done():
            try:
                batch = next(self.batches)
            except StopIteration:
                raise VerifierError("the Ray stream ended before every article came back") from None
            for model in set(batch["model"]):
                if model != self.name:
                    raise ModelMismatchError(
                        f"the Ray actors embed with {model}, this workspace's index holds {self.name}: "
                        "give the actors the workspace's embedder (VERIFIER_EMBEDDER)"
                    )
            for article_text, claims_text, blob in zip(
                batch["article"], batch["claims"], batch["vectors"], strict=True
            ):
                article_id = json.loads(article_text)["id"]
                claims = [Claim(**c) for c in json.loads(claims_text)]
                matrix = np.frombuffer(blob, dtype=np.float32).reshape(len(claims), self.dim)
                self.claims[article_id] = claims
                for claim, vector in zip(claims, matrix, strict=True):
                    self.vectors.setdefault(claim.text, vector)

    def segment(self, article: Article) -> list[Claim]:
        self._pull(lambda: article.id in self.claims)
        return self.claims.pop(article.id)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self._pull(lambda: all(t in self.vectors for t in texts))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.vectors[t] for t in texts]).astype(np.float32)


def _init(ray: Any, options: RayOptions) -> None:
    """Join the Ray given by `address` (or one already started in this process), else start a local one.
    Ray's own progress lines are quietened to warnings: the CLI shows its own progress bar."""
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    if ray.is_initialized():
        return
    try:
        if options.address:
            ray.init(address=options.address, log_to_driver=False, logging_level=logging.WARNING)
        else:
            ray.init(include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = options.address or "this machine"
        raise ConfigError(f"cannot start or join Ray at {where}: {exc}") from exc


def _default_factory(settings: Settings, embedder_name: str) -> EmbedderFactory:
    # The actors build the embedder the workspace chose (its index's, by name), from the same settings.
    def make() -> Embedder:
        return embedder_from_settings(settings, embedder_name)

    return make


def ingest_with_ray(
    ws: Workspace,
    paths: Sequence[str | os.PathLike[str]],
    mapping: Any = None,
    max_bytes: int | None = None,
    default_source: str = "",
    options: RayOptions | None = None,
    progress: Progress | None = None,
    embedder_factory: EmbedderFactory | None = None,
) -> IngestReport:
    """`Workspace.ingest_paths` with reading, splitting and embedding on Ray; the same report.

    `embedder_factory` builds the embedder inside each actor (default: the workspace's choice from its
    settings); it must make vectors under the workspace embedder's name (checked when writing)."""
    from verifier.io.importers import ColumnMapping

    ray = require_ray()
    options = options or RayOptions()
    _init(ray, options)
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    ray.data.DataContext.get_current().enable_progress_bars = False
    limit = ws.settings.max_file_bytes if max_bytes is None else max_bytes
    reading = _read(ray, paths, mapping or ColumnMapping(), limit, default_source)
    # only what the ingest will store goes to the model: new articles, each text once
    new: dict[str, Article] = {}
    for article in reading.articles:
        if article.id not in new and not ws.store.has_article(article.id):
            new[article.id] = article
    factory = embedder_factory or _default_factory(ws.settings, ws.embedder.name)
    stream = _embed(ray, list(new.values()), factory, options, ws.embedder)
    log.info("ray ingest: %d articles read, %d new, %d embedder actors", len(reading.articles), len(new),
             options.actors)
    try:
        with ws.precomputed(stream.segment, stream):
            report = ws.ingest_articles(reading.articles, progress)
    except Exception as exc:
        if type(exc).__module__.startswith("verifier"):
            raise
        raise _unwrap(exc) from exc
    return reading.into(report)


def _read(
    ray: Any, paths: Sequence[str | os.PathLike[str]], mapping: Any, limit: int, default_source: str
) -> Reading:
    """Every given path read in a Ray task of its own; the articles in the given order."""
    given = [{"path": os.fspath(p), "path_index": i} for i, p in enumerate(paths)]
    try:
        rows = ray.data.from_items(given).flat_map(
            _read_rows, fn_args=(mapping, limit, default_source)
        ).take_all()
    except Exception as exc:  # a task's InputError arrives wrapped by Ray: say what it said
        raise _unwrap(exc) from exc
    rows.sort(key=lambda r: r["path_index"])  # the given order (rows of one path keep theirs)
    skipped = (json.loads(r["payload"]) for r in rows if r["kind"] == "skipped")
    return Reading(
        articles=tuple(Article(**json.loads(r["payload"])) for r in rows if r["kind"] == "article"),
        skipped=tuple((str(where), str(why)) for where, why in skipped),
        warnings=tuple(r["payload"] for r in rows if r["kind"] == "warning"),
        duplicates=sum(int(r["payload"]) for r in rows if r["kind"] == "duplicates"),
    )


def _embed(
    ray: Any, articles: Sequence[Article], factory: EmbedderFactory, options: RayOptions, embedder: Embedder
) -> _Stream:
    """The articles split and embedded on Ray (an actor pool), streamed as the ingest asks for them."""
    embedded = (
        ray.data.from_items([{"article": _article_json(a)} for a in articles])
        .map_batches(_segment_batch, batch_size=options.batch_size, batch_format="numpy")
        .map_batches(
            _EmbedActor, fn_constructor_args=(factory,), batch_size=options.batch_size,
            batch_format="numpy", compute=ray.data.ActorPoolStrategy(size=options.actors),
        )
    )
    batches = embedded.iter_batches(batch_size=STREAM_BATCH, batch_format="numpy") if articles else ()
    return _Stream(iter(batches), embedder.name, embedder.dim)


def _unwrap(exc: BaseException) -> VerifierError:
    """Ray wraps an error raised in a task or actor (RayTaskError, with the original as `cause`); our own
    error is handed on with its message, anything else said in one line."""
    todo: list[BaseException] = [exc]
    seen: set[int] = set()
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, VerifierError) and type(current).__module__.startswith("verifier"):
            return current
        todo += [e for e in (getattr(current, "cause", None), current.__cause__, current.__context__)
                 if isinstance(e, BaseException)]
    # Ray Data hands a task's error back as text only (UserCodeException): find our error's line in it.
    found = _OUR_ERROR.findall(str(exc))
    if found:
        name, message = found[-1]
        kind = getattr(errors, name, VerifierError)
        return kind(message.strip()) if isinstance(kind, type) and issubclass(kind, VerifierError) \
            else VerifierError(message.strip())
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return VerifierError(f"the Ray ingest failed: {type(exc).__name__}: {first}")


_OUR_ERROR = re.compile(r"verifier\.core\.errors\.(\w+): (.+)")
