"""The workspace's writer lock: one writing process at a time (the app, a CLI ingest, a scan), across
processes, with a bounded wait; and, over a shared store (PostgreSQL), across machines.

`filelock` holds the lock (flock on POSIX, msvcrt on Windows; released by the OS when the holder dies, so a
killed ingest never leaves the workspace locked). Beside it the holder writes who it is (pid, command, since
when) so that a writer that gives up can say who it waited for and what to do.

A file lock covers one machine. Workspaces on several machines over one PostgreSQL store each have a folder
of their own (their index), so the store's own lock is taken too, after the folder's, within the same wait:
`SharedWriter`, a session advisory lock that the server releases when the holder's connection ends.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import sys
import time
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from filelock import FileLock, Timeout

from verifier.core.errors import StoreError

__all__ = ["LOCK_FILE", "HOLDER_FILE", "SharedWriter", "WorkspaceLock"]

log = logging.getLogger(__name__)

LOCK_FILE = ".lock"
HOLDER_FILE = ".lock.holder.json"
# How often a writer waiting for a shared store's lock asks again: a tenth of a second is nothing beside an
# ingest, and a few cheap queries a second are nothing to the server.
SHARED_POLL_S = 0.1


@runtime_checkable
class SharedWriter(Protocol):
    """A store that several machines write (PostgreSQL): it holds a writer lock of its own."""

    location: str

    def try_writer_lock(self, holder: str) -> bool: ...
    def release_writer_lock(self) -> None: ...
    def writer_lock_holder(self) -> str | None: ...


def _this_session() -> str:
    """Who we are, short enough for the server to keep whole: program, host, pid, since when (UTC)."""
    since = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%MZ")
    return f"verifier pid {os.getpid()} on {socket.gethostname()[:20]} since {since}"


def _this_process() -> dict[str, Any]:
    command = " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv and sys.argv[0] else "python"
    return {
        "pid": os.getpid(),
        "command": command,
        "since": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


class WorkspaceLock:
    """Exclusive across processes, not re-entrant (the workspace counts its own nesting)."""

    def __init__(self, folder: Path, timeout: float, shared: SharedWriter | None = None) -> None:
        self.folder = Path(folder)
        self.timeout = timeout
        self.shared = shared
        self._lock = FileLock(str(self.folder / LOCK_FILE), timeout=timeout)

    def acquire(self) -> None:
        """Wait up to `timeout` seconds in all; then StoreError naming the holder and what to do."""
        started = time.monotonic()
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreError(self._busy_message()) from None
        except OSError as exc:
            raise StoreError(f"cannot lock the workspace {self.folder}: {exc}") from exc
        self._write_holder()
        if self.shared is None:
            return
        me = _this_session()
        while not self.shared.try_writer_lock(me):
            if time.monotonic() - started >= self.timeout:
                self._release_folder()
                raise StoreError(self._shared_busy_message())
            time.sleep(SHARED_POLL_S)

    def try_acquire(self) -> bool:
        """Take the lock only if it is free now (readers finishing leftover work never wait)."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        except OSError as exc:
            raise StoreError(f"cannot lock the workspace {self.folder}: {exc}") from exc
        self._write_holder()
        if self.shared is not None and not self.shared.try_writer_lock(_this_session()):
            self._release_folder()
            return False
        return True

    def release(self) -> None:
        try:
            if self.shared is not None:
                self.shared.release_writer_lock()
        finally:
            self._release_folder()

    def _release_folder(self) -> None:
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

    def _shared_busy_message(self) -> str:
        assert self.shared is not None
        held_by = self.shared.writer_lock_holder() or "another session"
        return (
            f"the store {self.shared.location} is being written from another workspace, by {held_by}; "
            f"waited {self.timeout:g} s. Wait for it to finish and try again, or stop that process; to wait "
            "longer, set VERIFIER_LOCK_TIMEOUT (seconds)."
        )
