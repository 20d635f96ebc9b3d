"""Benchmarks of verifier (`make bench`): retrieval quality, relation quality, speed and scale.

Not part of the package: these scripts read the shared data sets beside the repository
(`../shared/data`, `../shared/eval`) and write `docs/benchmarks.md` and `docs/benchmarks.json`.
"""
