"""`python -m bench.run_all --smoke` runs every benchmark part end to end and writes a valid report.

Structure only: timings belong in the benchmark itself, never in a test. The fake embedder keeps this
under a minute; `make bench` runs the same code with the real model at full size.
"""

from __future__ import annotations

import json

import pytest

from bench import run_all
from bench._common import DATA, EVAL

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (DATA.exists() and EVAL.exists()), reason="needs ../shared beside the repository"),
]


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    out = tmp_path_factory.mktemp("bench")
    code = run_all.main(["--smoke", "--embedder", "fake", "--out-dir", str(out)])
    report = json.loads((out / "benchmarks.json").read_text(encoding="utf-8"))
    assert code == 0, report.get("errors")
    return report, (out / "benchmarks.md").read_text(encoding="utf-8")


def _unit(x: float) -> bool:
    return 0.0 <= x <= 1.0


def test_every_part_ran_without_error(smoke: tuple[dict, str]) -> None:
    report, _ = smoke
    assert report["errors"] == {}
    for part in ("retrieval", "relation", "misjudged", "scale", "profile"):
        assert report[part], part
    assert report["meta"]["smoke"] is True
    assert report["meta"]["machine"]["nproc"] >= 1


def test_retrieval_figures_have_the_promised_shape(smoke: tuple[dict, str]) -> None:
    report, _ = smoke
    for split in report["retrieval"]["sts_b"]["splits"].values():
        assert split["pairs"] > 0 and -100 <= split["spearman"] <= 100
    ecb = report["retrieval"]["ecb_plus"]
    assert ecb["queries"] > 0
    assert set(ecb["methods"]) == {"dense", "bm25", "hybrid_rrf"}
    for metrics in ecb["methods"].values():
        assert {"recall@1", "recall@5", "recall@10", "mrr@100"} <= set(metrics)
        assert all(_unit(v) for v in metrics.values())
        assert metrics["recall@1"] <= metrics["recall@5"] <= metrics["recall@10"]


def test_relation_quality_has_verifier_and_baseline_with_confusion(smoke: tuple[dict, str]) -> None:
    report, _ = smoke
    rel = report["relation"]
    names = [s["name"] for s in rel["systems"]]
    assert any(n.startswith("verifier") for n in names) and any(n.startswith("baseline") for n in names)
    for system in rel["systems"]:
        assert set(system["per_label"]) == set(rel["labels"])
        matrix = system["confusion"]["matrix"]
        assert sum(map(sum, matrix)) == rel["pairs"]
    assert "_wrong" not in rel  # no pair text is written out
    mis = report["misjudged"]
    assert sum(c["count"] for c in mis["classes"]) == mis["wrong"]


def test_scale_reports_latency_index_recall_scan_and_memory_per_size(smoke: tuple[dict, str]) -> None:
    report, _ = smoke
    scale = report["scale"]
    assert scale["ingest"]["claims"] > 0 and scale["ingest"]["ratio_wall"] > 0
    assert len(scale["sizes"]) >= 2
    for key, size in scale["sizes"].items():
        assert "error" not in size, size.get("error")
        assert size["size"] == int(key) == size["real_claims"] + size["synthetic_claims"]
        assert size["index_type"]
        assert _unit(size["recall@10_vs_exact"])
        assert size["check"]["p50_ms"] <= size["check"]["p95_ms"] <= size["check"]["p99_ms"]
        assert size["scan"]["claims_scanned"] > 0 and size["scan"]["seconds_per_1000_new_claims"] >= 0
        assert size["memory"]["peak_rss_mb"] > 0
        assert size["check_profile"] and size["scan_profile"]


def test_markdown_holds_every_section_and_the_same_figures(smoke: tuple[dict, str]) -> None:
    report, md = smoke
    for heading in (
        "## Machine",
        "## Headline",
        "## 1. Retrieval",
        "## 2. Relation",
        "## 3. Speed",
        "## 4. Where",
    ):
        assert heading in md
    for key in report["scale"]["sizes"]:
        assert f"| {int(key):,} |" in md
    assert str(report["retrieval"]["ecb_plus"]["methods"]["bm25"]["recall@10"]) in md


def test_no_pair_text_reaches_the_report(smoke: tuple[dict, str]) -> None:
    from bench import eval_pairs
    from bench._relation import PAIRS

    report, md = smoke
    blob = json.dumps(report)
    pairs = eval_pairs.load_pairs(EVAL / PAIRS, EVAL / "resolve_pairs.py")
    wrong_ids = {i for c in report["misjudged"]["classes"] for i in c["ids"]}
    texts = [p[side]["text"] for p in pairs if p["id"] in wrong_ids for side in ("a", "b")]
    assert texts
    assert not [t for t in texts if t in blob or t in md]
