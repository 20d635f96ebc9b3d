"""The comparison table of one event, as values: a `Cell` per figure as a source reported it, a `Row` per
(measure, counted group) with each source's cells in time order, the `ComparisonTable` with its notes.
`to_dict` is the JSON of `verifier table --json`; `to_records` the flat rows of the CSV and XLSX exports.
`events_table.build_table` fills them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Cell:
    """One figure as a source reported it."""

    figure: str  # as written, with its qualifier: "at least 27"
    low: float
    high: float
    date: str | None  # the report's date
    event_date: str | None  # the day the figure is about, when the sentence says ("on Wednesday night")
    attribution: str
    claim_id: str
    claim_text: str
    article_id: str
    title: str
    conflict: bool = False  # incompatible with another source's figure in the same row
    update: bool = False  # a later figure that replaces an earlier one
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "figure": self.figure,
            "low": None if math.isinf(self.low) else self.low,
            "high": None if math.isinf(self.high) else self.high,
            "date": self.date,
            "event_date": self.event_date,
            "attribution": self.attribution,
            "conflict": self.conflict,
            "update": self.update,
            "note": self.note,
            "claim_id": self.claim_id,
            "claim_text": self.claim_text,
            "article_id": self.article_id,
            "title": self.title,
        }


@dataclass(frozen=True)
class Row:
    """One (measure, counted group): each source's figures for it, in time order."""

    measure: str
    group: str
    cells: tuple[tuple[str, tuple[Cell, ...]], ...]  # (source, cells) in column order

    @property
    def label(self) -> str:
        return f"{self.measure} — {self.group}" if self.group else self.measure

    def cells_of(self, source: str) -> tuple[Cell, ...]:
        return dict(self.cells).get(source, ())

    @property
    def has_conflict(self) -> bool:
        return any(c.conflict for _, cells in self.cells for c in cells)


@dataclass(frozen=True)
class ComparisonTable:
    event_id: str
    label: str
    sources: tuple[str, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = field(default=())

    def to_records(self) -> list[dict[str, Any]]:
        """One flat record per cell: what CSV and spreadsheet exports hold."""
        out: list[dict[str, Any]] = []
        for row in self.rows:
            for source, cells in row.cells:
                for c in cells:
                    out.append(
                        {
                            "event_id": self.event_id,
                            "event": self.label,
                            "measure": row.measure,
                            "group": row.group,
                            "source": source,
                            **c.to_dict(),
                        }
                    )
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "label": self.label,
            "sources": list(self.sources),
            "rows": [
                {
                    "measure": r.measure,
                    "group": r.group,
                    "cells": {s: [c.to_dict() for c in cells] for s, cells in r.cells},
                }
                for r in self.rows
            ],
            "notes": list(self.notes),
        }
