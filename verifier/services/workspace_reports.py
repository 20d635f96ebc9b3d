"""What the workspace's steps report: an ingest (`IngestReport`), the records of unfinished work
(`Unfinished`), finishing it (`FinishReport`) and a doctor's check (`DoctorReport`). Values only, no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Protocol


class ScanSummary(Protocol):
    """What a finish report reads of the scan's report (`verifier.services.scan.ScanReport`, above)."""

    @property
    def claims_scanned(self) -> int: ...

    @property
    def flagged(self) -> int: ...

    @property
    def new(self) -> int: ...

    def summary(self) -> str: ...


@dataclass(frozen=True)
class IngestReport:
    articles_added: int = 0
    articles_skipped_existing: int = 0  # already in the store: idempotent re-ingest
    duplicates: int = 0  # inputs repeating another input's text in this run
    articles_without_claims: int = 0  # stored, but no sentence in them is a checkable claim
    claims_added: int = 0
    claims_embedded: int = 0  # distinct texts actually sent to the model
    skipped: tuple[tuple[str, str], ...] = ()  # (where, why) for inputs not imported
    new_claim_rowids: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0

    def after_reading(
        self, duplicates: int, skipped: Iterable[tuple[str, str]], warnings: Iterable[str]
    ) -> IngestReport:
        """This report with what reading the files found first: repeats, files skipped, warnings."""
        return replace(
            self,
            duplicates=self.duplicates + duplicates,
            skipped=tuple(skipped) + self.skipped,
            warnings=tuple(warnings) + self.warnings,
        )

    def summary(self) -> str:
        # The wording is matched by the app's and the browser tests: change them together.
        parts = [
            f"{self.articles_added} articles added",
            f"{self.claims_added} claims ({self.claims_embedded} texts embedded)",
        ]
        if self.articles_skipped_existing:
            parts.append(f"{self.articles_skipped_existing} already stored")
        if self.duplicates:
            parts.append(f"{self.duplicates} repeat another input's text")
        if self.articles_without_claims:
            parts.append(f"{self.articles_without_claims} without any claim")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        return ", ".join(parts)


@dataclass(frozen=True)
class DoctorReport:
    schema_version: int
    articles: int
    claims: int
    vectors: int  # after repairs
    model: str
    index_model: str | None  # as found on disk, None when there was no index
    missing_vectors: int  # claims found without a vector
    orphan_vectors: int  # vectors found without a claim
    rebuilt: bool
    problems: tuple[str, ...] = ()  # what was found wrong
    actions: tuple[str, ...] = ()  # what was done about it
    remaining: tuple[str, ...] = ()  # what is still wrong, with what to do
    deferred: tuple[str, ...] = ()  # work left on purpose (`ingest --no-scan`), with the command that does it

    @property
    def ok(self) -> bool:
        return not self.remaining

    def summary(self) -> str:
        lines = [
            f"schema version {self.schema_version}: {self.articles} articles, {self.claims} claims, "
            f"{self.vectors} vectors ({self.index_model or 'no index'}; this run uses {self.model})"
        ]
        lines += [f"found: {p}" for p in self.problems]
        lines += [f"done: {a}" for a in self.actions]
        lines += [f"still wrong: {r}" for r in self.remaining]
        lines += [f"waiting: {d}" for d in self.deferred]
        lines.append("OK: store and index agree" if self.ok else "NOT OK")
        return "\n".join(lines)


@dataclass(frozen=True)
class Unfinished:
    """What the records of the durable steps say is not done yet (verifier.services.workspace's docstring)."""

    index_behind: bool = False  # the saved index does not hold exactly the stored claims' vectors
    unscanned: int = 0  # claims the contradiction scan has not read
    events_stale: bool = False  # claims stored since the events were last grouped
    scan_deferred: bool = False  # `ingest --no-scan`: scan and grouping wait for `verifier scan`
    other_model: bool = False  # the index is another model's: only `doctor --rebuild` goes on from here

    @property
    def pending(self) -> bool:
        """Work a later command should finish now: not what was deferred, nothing on another model's index."""
        if self.other_model:
            return False
        return self.index_behind or (not self.scan_deferred and (self.unscanned > 0 or self.events_stale))

    def summary(self) -> str:
        """One line for a writer about to finish this work ("" when nothing is pending)."""
        if not self.pending:
            return ""
        parts = ["claims without vectors in the saved index"] if self.index_behind else []
        parts += [] if self.scan_deferred else self.describe()
        return f"Finishing what an interrupted run left: {', '.join(parts)}."

    def describe(self) -> list[str]:
        """The unfinished scan and grouping, one phrase each (the index has its own doctor lines)."""
        out = []
        if self.unscanned:
            out.append(f"{self.unscanned} claims not scanned for contradictions")
        if self.events_stale:
            out.append("the events do not include the latest claims")
        return out


@dataclass(frozen=True)
class FinishReport:
    """What `Workspace.finish` found unfinished and what it did about it."""

    found: Unfinished
    missing_vectors: int = 0  # claims embedded because the saved index lacked them
    orphan_vectors: int = 0  # vectors removed because their claims were gone
    scan: ScanSummary | None = None  # None: no scan was needed (or it was deferred)
    events: int | None = None  # how many events after regrouping; None: not regrouped

    @property
    def did_work(self) -> bool:
        return bool(self.missing_vectors or self.orphan_vectors or self.scan or self.events is not None)

    def actions(self) -> list[str]:
        out = []
        if self.missing_vectors:
            out.append(f"embedded {self.missing_vectors} claims without vectors")
        if self.orphan_vectors:
            out.append(f"removed {self.orphan_vectors} vectors of deleted claims")
        if self.scan is not None:
            out.append(
                f"scanned {self.scan.claims_scanned} claims ({self.scan.flagged} conflicts flagged, "
                f"{self.scan.new} new)"
            )
        if self.events is not None:
            out.append(f"grouped the articles into {self.events} events")
        return out

    def lines(self) -> list[str]:
        """What a run of the pipeline prints after the ingest summary (the scan's, then the grouping's)."""
        out = [self.scan.summary()] if self.scan is not None else []
        if self.events is not None:
            out.append(f"Grouped the articles into {self.events} events.")
        return out

    def summary(self) -> str:
        """One line for a command that finished an interrupted run's work ("" when nothing was left)."""
        done = self.actions()
        return f"Finished what an interrupted run left: {', '.join(done)}." if done else ""
