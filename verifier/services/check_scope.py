"""Which stored articles a check reads: outlets, a report date range and a place (`verifier check --source
--since --until --place`, the app's filters, `check_claim(..., scope=...)`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from verifier.core.dates import normalise_date
from verifier.core.errors import InputError


@dataclass(frozen=True)
class Scope:
    """Which stored articles a check reads: outlets (any of), a report date range (inclusive, ISO dates)
    and a place the article names or is filed under (its place column). Empty fields admit everything."""

    sources: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    place: str | None = None

    @classmethod
    def create(
        cls,
        sources: Sequence[str] = (),
        since: str | None = None,
        until: str | None = None,
        place: str | None = None,
    ) -> Scope:
        """A scope from user input: dates in any form the importer reads, checked here with a clear error."""
        bounds = []
        for name, value in (("since", since), ("until", until)):
            day = normalise_date(value) if value else None
            if value and day is None:
                raise InputError(f"--{name} {value!r} is not a date; write it as 2024-03-12 or 12 March 2024")
            bounds.append(day)
        if bounds[0] and bounds[1] and bounds[0] > bounds[1]:
            raise InputError(f"--since {bounds[0]} is after --until {bounds[1]}: no article can match")
        return cls(tuple(s for s in sources if s), bounds[0], bounds[1], (place or "").strip() or None)

    def admits(self, article: Any) -> bool:
        if self.sources and article.source.casefold() not in {s.casefold() for s in self.sources}:
            return False
        if (self.since or self.until) and not article.published:
            return False  # a date range cannot admit an undated report
        if (self.since and article.published < self.since) or (self.until and article.published > self.until):
            return False
        named = f"{article.place}\n{article.title}\n{article.text}".casefold()
        return not self.place or self.place.casefold() in named
