"""The jobs over a workspace, what the shells call: ingest and finish (`pipeline`, `workspace`), check a claim
(`check`), scan for contradictions (`scan`), group events (`events`), export (`export`), tune (`tune`).
Over the stages (`verifier.io`, `verifier.compare`, `verifier.segment`, ...); never a shell."""

from __future__ import annotations
