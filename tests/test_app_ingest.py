"""The Library page's upload of several files, with AppTest (no browser) and the real model: one message per
file as before, the bad file's error beside the good files' messages, and one contradiction scan and one
regrouping of events for the whole upload, not one per file. Every sentence was written for this test."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from verifier.core.settings import WORKSPACE_ENV
from verifier.io.store import open_store
from verifier.services import events, scan

pytestmark = pytest.mark.model  # the app embeds with the real bundled model

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TIMEOUT = 180  # the first page of a session loads the model

UPLOADS = [
    (
        "mill.md",
        b"---\ntitle: Mill fire\nsource: Brook Chronicle\ndate: 2023-09-04\n---\n"
        b"DEMO TEXT for tests. A fire at the Larrow paper mill destroyed 3 warehouses on Sunday, "
        b"the fire service said.\n",
        "text/markdown",
    ),
    ("broken.txt", b"", "text/plain"),
    (
        "mill-update.md",
        b"---\ntitle: Mill fire update\nsource: Larrow Post\ndate: 2023-09-05\n---\n"
        b"DEMO TEXT for tests. Five warehouses burned down in the fire at the Larrow paper mill on Sunday, "
        b"the owners said.\n",
        "text/markdown",
    ),
    (
        "choir.md",
        b"---\ntitle: Choir tour\nsource: Brook Chronicle\ndate: 2023-10-01\n---\n"
        b"DEMO TEXT for tests. The Larrow youth choir will sing in 4 cities on its spring tour.\n",
        "text/markdown",
    ),
]


def _shown(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)  # the page's markdown escapes undone


def test_an_upload_of_several_files_is_scanned_and_grouped_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = tmp_path / "ws"
    monkeypatch.setenv(WORKSPACE_ENV, str(workspace))
    calls = {"scan": 0, "group": 0}
    real_scan, real_group = scan.scan_new, events.build_events

    def counting_scan(ws: Any, *args: Any, **kwargs: Any) -> Any:
        calls["scan"] += 1
        return real_scan(ws, *args, **kwargs)

    def counting_group(ws: Any, *args: Any, **kwargs: Any) -> Any:
        calls["group"] += 1
        return real_group(ws, *args, **kwargs)

    monkeypatch.setattr(scan, "scan_new", counting_scan)
    monkeypatch.setattr(events, "build_events", counting_group)

    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    pages = {info.get("url_pathname"): h for h, info in at._registered_pages.items()}
    at._page_hash = pages["library"]
    at.run()
    at.file_uploader(key="upload_files").set_value(UPLOADS).run()
    at.button(key="upload_go").click().run()
    assert not at.exception, at.exception

    successes = [_shown(s.value) for s in at.success]
    assert [s.split(":")[0] for s in successes] == ["mill.md", "mill-update.md", "choir.md"]
    assert all("1 articles added" in s for s in successes)
    assert [_shown(e.value).split(":")[0] for e in at.error] == ["broken.txt"]
    assert not at.warning, [w.value for w in at.warning]
    assert calls == {"scan": 1, "group": 1}
    with open_store(workspace / "verifier.sqlite3") as store:
        assert store.count_articles() == 3
        assert store.count_unscanned() == 0 and not store.events_stale()
