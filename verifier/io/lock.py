"""The workspace's writer lock: one writing process at a time (the app, a CLI ingest, a scan), across
processes, with a bounded wait.

`filelock` holds the lock (flock on POSIX, msvcrt on Windows; released by the OS when the holder dies, so a
killed ingest never leaves the workspace locked). Beside it the holder writes who it is (pid, command, since
when) so that a writer that gives up can say who it waited for and what to do.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from verifier.core.errors import StoreError

__all__ = ["LOCK_FILE", "HOLDER_FILE", "WorkspaceLock"]

log = logging.getLogger(__name__)

LOCK_FILE = ".lock"
HOLDER_FILE = ".lock.holder.json"


def _this_process() -> dict[str, Any]:
    command = " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv and sys.argv[0] else "python"
    return {
        "pid": os.getpid(),
        "command": command,
        "since": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


class WorkspaceLock:
    """Exclusive across processes, not re-entrant (the workspace counts its own nesting)."""

    def __init__(self, folder: Path, timeout: float) -> None:
        self.folder = Path(folder)
        self.timeout = timeout
        self._lock = FileLock(str(self.folder / LOCK_FILE), timeout=timeout)

    def acquire(self) -> None:
        """Wait up to `timeout` seconds; then StoreError naming the holder and what to do."""
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreError(self._busy_message()) from None
        except OSError as exc:
            raise StoreError(f"cannot lock the workspace {self.folder}: {exc}") from exc
        self._write_holder()

    def try_acquire(self) -> bool:
        """Take the lock only if it is free now (readers finishing leftover work never wait)."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        except OSError as exc:
            raise StoreError(f"cannot lock the workspace {self.folder}: {exc}") from exc
        self._write_holder()
        return True

    def release(self) -> None:
        try:
            (self.folder / HOLDER_FILE).unlink(missing_ok=True)
        finally:
            self._lock.release()

    def __enter__(self) -> WorkspaceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def holder(self) -> dict[str, Any] | None:
        """Who holds the lock, as it wrote itself down; None if unknown (an older version, a crash)."""
        try:
            data = json.loads((self.folder / HOLDER_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def _write_holder(self) -> None:
        """Written atomically (temp file + replace), so a waiting process never reads half of it."""
        tmp = self.folder / f"{HOLDER_FILE}.{os.getpid()}.tmp"
        try:
            tmp.write_text(json.dumps(_this_process()), encoding="utf-8")
            os.replace(tmp, self.folder / HOLDER_FILE)
        except OSError as exc:  # the lock is held all the same; only the message for waiters is poorer
            log.warning("could not record the workspace lock holder: %s", exc)

    def describe_holder(self) -> str:
        """'process 123 (`verifier ingest data`, since ...)', or 'another process' when unknown."""
        who = self.holder()
        if who is None:
            return "another process"
        return f"process {who.get('pid')} (`{who.get('command')}`, since {who.get('since')})"

    def _busy_message(self) -> str:
        held_by = self.describe_holder()
        return (
            f"the workspace {self.folder} is being written by {held_by}; waited {self.timeout:g} s. "
            "Wait for it to finish and try again, or stop that process; to wait longer, set "
            "VERIFIER_LOCK_TIMEOUT (seconds)."
        )
