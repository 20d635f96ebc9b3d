"""Where time goes: cProfile of ingest (here) and of check (in each scale measurement, bench.scale)."""

from __future__ import annotations

import cProfile
import pstats
import shutil
import tempfile
from pathlib import Path
from typing import Any

from bench._common import timer

INGEST_PROFILE_ARTICLES = 60
SMOKE_INGEST_PROFILE_ARTICLES = 10


def _where(func: tuple[str, int, str]) -> str:
    filename, line, name = func
    path = Path(filename)
    parts = path.parts
    for anchor in ("verifier", "site-packages", "bench"):
        if anchor in parts:
            i = len(parts) - 1 - parts[::-1].index(anchor)
            rest = "/".join(parts[i + 1 :]) if anchor == "site-packages" else "/".join(parts[i:])
            return f"{rest}:{line}({name})"
    if filename == "~":
        return name  # a C builtin: "{method 'execute' of 'sqlite3.Cursor' objects}"
    return f"{path.name}:{line}({name})"


def top_functions(prof: cProfile.Profile, n: int = 12) -> list[dict[str, Any]]:
    """The n functions with the most own time (tottime), with their cumulative time and share of total."""
    stats = pstats.Stats(prof)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(tt for (_, _, tt, _, _) in raw.values()) or 1.0
    rows = sorted(raw.items(), key=lambda kv: -kv[1][2])[:n]
    return [
        {
            "function": _where(func),
            "calls": int(nc),
            "own_s": round(tt, 3),
            "cumulative_s": round(ct, 3),
            "own_share": round(tt / total, 3),
        }
        for func, (_, nc, tt, ct, _) in rows
    ]


def stage_shares(prof: cProfile.Profile, stages: dict[str, str]) -> dict[str, float]:
    """Cumulative time of named stages (function name substrings) as a share of the profiled total."""
    stats = pstats.Stats(prof)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(tt for (_, _, tt, _, _) in raw.values()) or 1.0
    out: dict[str, float] = {}
    for label, needle in stages.items():
        best = 0.0
        for func, (_, _, _, ct, _) in raw.items():
            if needle in _where(func):
                best = max(best, ct)
        out[label] = round(best / total, 3)
    return out


# Stages of ingest as they appear in the profile (cumulative time of the outermost matching function).
INGEST_STAGES = {
    "segment (split_claims)": "(split_claims)",
    "embed (model encode)": "embed.py",
    "store (SQLite writes)": "add_article_with_claims",
    "index add": "index.py",
    "index save": "save",
}


def ingest_profile(embedder: Any, articles: list[Any], smoke: bool) -> dict[str, Any]:
    """Profile `Workspace.ingest_articles` on the first FA-KES articles, fresh temporary workspace."""
    from verifier.core.settings import Settings
    from verifier.services.workspace import Workspace

    n = SMOKE_INGEST_PROFILE_ARTICLES if smoke else INGEST_PROFILE_ARTICLES
    folder = Path(tempfile.mkdtemp(prefix="verifier-bench-profile-"))
    try:
        ws = Workspace.open(Settings(workspace=folder), embedder)
        prof = cProfile.Profile()
        with timer() as t:
            prof.enable()
            report = ws.ingest_articles(articles[:n])
            prof.disable()
        ws.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "articles": report.articles_added,
        "claims": report.claims_added,
        "seconds_under_profiler": round(t[0], 2),
        "stage_shares": stage_shares(prof, INGEST_STAGES),
        "top_functions": top_functions(prof, 15),
    }
