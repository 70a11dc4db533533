"""Demo data of two data folders with different terminal codes sync into one server; today's
queue (its open desks are one PC's) is made by the first, the second is run with
--no-queue-today."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from counter_app.bootstrap import open_context
from counter_app.cli import commands_basic
from counter_app.cli.main import main
from counter_app.legacy_sync import SyncEngine
from counter_app.sync.server import init_server

MORNING = datetime(2026, 11, 23, 10, 40)  # a Monday in hall hours: today has a queue


def test_two_demo_folders_sync_into_one_shared_server(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real = commands_basic.open_context

    def at_morning(folder: Any, **kw: Any) -> Any:
        ctx = real(folder, **kw)
        ctx.clock = lambda: MORNING
        return ctx

    monkeypatch.setattr(commands_basic, "open_context", at_morning)
    server = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    init_server(server)
    folders = []
    for term, today in (("3", []), ("4", ["--no-queue-today"])):
        folder = tmp_path / f"pc{term}"
        assert main(["--data-dir", str(folder), "init", "--terminal", term]) == 0
        assert main(["--data-dir", str(folder), "demo-data", "--cases", "120", "--days", "3",
                     *today]) == 0
        folders.append(folder)
    for _ in range(2):  # the second round pulls what the other counter pushed
        for folder in folders:
            ctx = open_context(folder)
            engine = SyncEngine(ctx.db, server, ctx.terminal)
            report = engine.run_once()
            engine.close()
            ctx.db.dispose()
            assert report.ok, report.errors
    con = sqlite3.connect(tmp_path / "hall.sqlite3")
    numbers = [r[0] for r in con.execute("SELECT case_no FROM case_file")]
    conflicts = con.execute("SELECT COUNT(*) FROM sync_conflict").fetchone()[0]
    staff = con.execute("SELECT COUNT(*) FROM staff").fetchone()[0]
    desks = {r[0] for r in con.execute("SELECT terminal FROM queue_desk WHERE is_open")}
    today = con.execute("SELECT COUNT(*) FROM queue_ticket WHERE day = ?",
                        (MORNING.date().isoformat(),)).fetchone()[0]
    con.close()
    assert desks == {"03"} and today > 10
    assert len(numbers) == len(set(numbers)) == 240
    assert conflicts == 0
    local = sqlite3.connect(folders[0] / "counter.sqlite3")
    assert local.execute("SELECT COUNT(*) FROM case_file").fetchone()[0] == 240
    assert local.execute("SELECT COUNT(*) FROM staff").fetchone()[0] == staff
    assert local.execute("SELECT COUNT(*) FROM queue_ticket WHERE day = ?",
                         (MORNING.date().isoformat(),)).fetchone()[0] == today
    local.close()
