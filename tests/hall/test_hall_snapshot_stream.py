"""The streamed snapshot (``GET /v1/snapshot/stream``) on a real ``counter-server``: pieces
of bounded size that add up to the one-piece snapshot's rows, a PC that loses the service
half-way keeps nothing of it and starts over, and a PC facing a hall without the stream
takes the one-piece snapshot."""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

import pytest
from sqlalchemy import select, text

from counter_app.hall.snapshot import CHUNK_ROWS
from counter_app.hall.store import EMBEDDED
from counter_app.hallsync import config
from counter_app.hallsync import snapshot as snap
from counter_app.hallsync.engine import HallSync
from counter_app.models import CaseFile

from .bulk import fill
from .conftest import Staffed
from .kit import PC
from .kit import snapshot as rows_of
from .test_hall_scope import _holds_exactly, _other_item
from .test_hall_snapshot import _indexes_and_triggers, _pc_with_hook


def _filled(staffed: Staffed, mine: int, others: int) -> set[str]:
    """``mine`` cases of window A's item and ``others`` of another window's, written into the
    hall; the ids of window A's."""
    hall = staffed.server.hall()
    try:
        item2, _window2 = _other_item(hall, staffed.window, staffed.department)
        fill(hall, mine, staffed.item_code, terminal="07")
        if others:
            fill(hall, others, item2, terminal="08")
        with hall.db.session() as s:
            return set(s.execute(select(CaseFile.id).where(
                CaseFile.window_code == staffed.window)).scalars())
    finally:
        hall.db.dispose()


def _hall_rows(staffed: Staffed) -> dict[str, dict[str, dict]]:
    hall = staffed.server.hall()
    try:
        return rows_of(hall)
    finally:
        hall.db.dispose()


def _pieces(pc: PC, rows: int) -> list[dict[str, Any]]:
    c = pc.sync.client()
    return [json.loads(line) for line in c.stream_lines(f"{snap.STREAM_PATH}?rows={rows}", 60)
            if line]


def test_pieces_are_bounded_and_add_up_to_the_one_piece_snapshot(any_staffed: Staffed) -> None:
    """On the embedded SQLite and on PostgreSQL (its named cursor): a window's PC, a hall of
    other windows' cases too, pieces of at most 7 rows after the scope's filter."""
    staffed = any_staffed
    mine = _filled(staffed, 40, 25)
    new, steps = _pc_with_hook(staffed, "window-a2", staffed.window)
    lines = _pieces(new, 7)
    header, body, end = lines[0], lines[1:-1], lines[-1]
    assert header["format"] == snap.STREAM_FORMAT and header["last_seq"] > 0
    assert end == {"end": True, "rows": sum(len(p["rows"]) for p in body), "pieces": len(body)}
    assert all(1 <= len(p["rows"]) <= 7 for p in body), "no piece above the size asked for"
    case_pieces = [p for p in body if p["table"] == "case_file"]
    assert len(case_pieces) == 6, "40 cases of the window, 7 at a time: the hall's 25 others left out"

    one = snap.fetch(new.sync.client())
    assert one is not None and one["last_seq"] == header["last_seq"]
    streamed: dict[str, list[list[Any]]] = {}
    for p in body:
        assert p["columns"] == one["tables"][p["table"]]["columns"]
        streamed.setdefault(p["table"], []).extend(p["rows"])
    for name, got in one["tables"].items():
        rows = streamed.get(name, [])
        at = got["columns"].index("id")
        ids = [r[at] for r in rows]
        assert ids == sorted(ids), f"{name}: in id order across its pieces"
        assert sorted(map(json.dumps, rows)) == sorted(map(json.dumps, got["rows"])), \
            f"{name}: the streamed rows are the one-piece snapshot's"

    report = new.sync.run_once()
    assert report.ok, report.errors
    assert "snapshot.fetched" in steps and steps.count("snapshot.piece") > 1
    _holds_exactly(new, _hall_rows(staffed), mine, set())


def test_a_snapshot_cut_short_leaves_nothing_and_starts_over(
        staffed: Staffed, monkeypatch: pytest.MonkeyPatch) -> None:
    """The service killed while the PC takes its snapshot: the PC holds nothing of it (no
    half hall), keeps its pull position at 0 and its triggers and indexes, and the next
    round, with the service back, takes the whole snapshot again."""
    mine = _filled(staffed, 2000, 0)  # megabytes: far more than the sockets hold
    monkeypatch.setattr(snap, "PIECE_ROWS", 50)
    new, _steps = _pc_with_hook(staffed, "window-a2", staffed.window)
    schema = _indexes_and_triggers(new)
    held = rows_of(new.ctx)
    steps: list[str] = []
    kills: list[int] = []

    def killing(point: str) -> None:
        steps.append(point)
        if point == "snapshot.piece" and steps.count(point) == 3 and not kills:
            kills.append(1)
            staffed.server.kill()

    new.sync = HallSync(new.ctx.db, new.ctx.terminal, clock=new.ctx.clock, hook=killing)
    report = new.sync.run_once()
    assert not report.ok and "中断" in report.errors[0], report.errors
    assert "snapshot.fetched" not in steps
    before = steps.count("snapshot.piece")
    assert rows_of(new.ctx) == held, "not one row of the pieces already loaded stays"
    with new.ctx.db.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one() == 0
        pulled = conn.execute(text("SELECT value FROM setting WHERE key = :k"),
                              {"k": config.K_PULL}).scalar()
    assert int(pulled or 0) == 0, "no pull position: the next round takes the snapshot again"
    assert _indexes_and_triggers(new) == schema, "triggers and indexes as they were"

    staffed.server.start()
    steps.clear()
    report = new.sync.run_once()
    assert report.ok, report.errors
    assert "snapshot.fetched" in steps
    assert steps.count("snapshot.piece") > before, "the first try was cut short half-way"
    hall_rows = _hall_rows(staffed)
    _holds_exactly(new, hall_rows, mine, set())
    assert _indexes_and_triggers(new) == schema

    # Asked for more than its bound, the service still sends the materials in full pieces.
    materials = len(hall_rows["case_material"])
    assert materials > 5 * CHUNK_ROWS
    big = [p for p in _pieces(new, 10 * CHUNK_ROWS) if p.get("table") == "case_material"]
    assert len(big) == -(-materials // CHUNK_ROWS)
    assert all(len(p["rows"]) == CHUNK_ROWS for p in big[:-1])


def test_a_hall_without_the_stream_gives_its_one_piece_snapshot(
        staffed: Staffed, monkeypatch: pytest.MonkeyPatch) -> None:
    """A service of the version before answers the stream's address with 404: the PC takes
    ``/v1/snapshot`` instead, with the same rows."""
    mine = _filled(staffed, 12, 5)
    monkeypatch.setattr(snap, "STREAM_PATH", "/v1/snapshot/not-here")
    new, steps = _pc_with_hook(staffed, "window-a2", staffed.window)
    report = new.sync.run_once()
    assert report.ok, report.errors
    assert "snapshot.fetched" in steps and "snapshot.piece" not in steps
    assert steps.count("pull.fetched") == 1
    _holds_exactly(new, _hall_rows(staffed), mine, set())


def _checkpoint_blocked(staffed: Staffed) -> bool:
    """A full checkpoint of the hall's WAL cannot finish while a read transaction is open."""
    with sqlite3.connect(staffed.server.folder / EMBEDDED, timeout=0) as conn:
        return bool(conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0])


def test_a_pc_taking_its_snapshot_slowly_or_going_away_holds_up_nothing(staffed: Staffed) -> None:
    """The service reads the snapshot as the PC takes it, in a read transaction that takes no
    write lock: the hall writes meanwhile. The PC gone half-way, that read ends."""
    _filled(staffed, 1500, 0)  # pieces of one row: far more than the sockets hold
    new, _steps = _pc_with_hook(staffed, "window-a2", staffed.window)
    lines = new.sync.client().stream_lines(f"{snap.STREAM_PATH}?rows=1", 60)
    assert json.loads(next(lines))["format"] == snap.STREAM_FORMAT
    assert json.loads(next(lines))["rows"]  # one piece taken, thousands to come
    t0 = time.monotonic()
    staffed.server.add_staff("late", ["clerk"], window=staffed.window)  # a write on the hall
    assert time.monotonic() - t0 < 5, "the snapshot's read holds no write lock"
    assert _checkpoint_blocked(staffed), "the service's read is open while the PC takes it"
    lines.close()  # the PC goes away
    deadline = time.monotonic() + 10
    while _checkpoint_blocked(staffed):
        assert time.monotonic() < deadline, "the service's read outlived the PC's request"
        time.sleep(0.2)
    assert new.sync.run_once().ok  # and the service serves the next one whole
