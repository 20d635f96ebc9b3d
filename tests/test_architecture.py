"""The import direction of docs/ARCHITECTURE.md is enforced: the contract holds on the tree, and a copy of
the package with one import going up (records importing the CLI) is refused, naming that import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed (dev extra)")


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports on the package under `root`, with the contract from `root`/pyproject.toml."""
    # `root` first on the path, so the copy is analysed and not the installed package
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def _copy_package(dest: Path) -> Path:
    shutil.copytree(ROOT / "verifier", dest / "verifier", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def test_the_tree_keeps_every_contract() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_import_going_up_breaks_the_layers(tmp_path: Path) -> None:
    root = _copy_package(tmp_path)
    records = root / "verifier" / "records.py"
    records.write_text(records.read_text(encoding="utf-8") + "\nfrom verifier import cli  # noqa\n")
    result = _lint_imports(root)
    assert result.returncode != 0
    assert "Imports go down" in result.stdout and "BROKEN" in result.stdout
    assert "verifier.records -> verifier.cli" in result.stdout


def test_a_module_without_a_layer_is_refused(tmp_path: Path) -> None:
    root = _copy_package(tmp_path)
    (root / "verifier" / "helpers.py").write_text('"""Somewhere outside the drawing."""\n')
    result = _lint_imports(root)
    assert result.returncode != 0
    assert "verifier.helpers" in result.stdout
