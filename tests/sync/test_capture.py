"""Change capture on a counter's SQLite: every write to a synced table is queued, in the same
transaction, however it is made; local-only tables never are."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text, update

from counter_app.models import (
    Department,
    IntakeDraft,
    NumberCounter,
    OutboxEntry,
    Setting,
    hall_now,
    new_id,
)
from counter_app.models.database import Database
from counter_app.models.migrate import upgrade
from counter_app.sync.capture import applying, capture_mode, ensure_capture, live_tables
from counter_app.sync.tables import LOCAL_ONLY, synced_tables

from .hallkit import blank_local_db


@pytest.fixture()
def local(tmp_path: Path, blank_db: Path) -> Iterator[Database]:
    (tmp_path / "c").mkdir()
    target = tmp_path / "c" / "counter.sqlite3"
    target.write_bytes(blank_db.read_bytes())
    db = Database(f"sqlite:///{target}")
    yield db
    db.dispose()


def outbox(db: Database) -> list[OutboxEntry]:
    with db.session() as s:
        return list(s.execute(select(OutboxEntry).order_by(OutboxEntry.seq)).scalars())


def dept(code: str = "D1") -> Department:
    return Department(code=code, name="部门")


def test_every_synced_table_has_triggers_and_local_tables_none(local: Database) -> None:
    with local.engine.connect() as conn:
        tables = live_tables(conn)
        triggers = conn.execute(text(
            "SELECT tbl_name, count(*) FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'sync_%' GROUP BY tbl_name")).all()
    assert set(tables) == {t.name for t in synced_tables()}
    assert dict(triggers) == {name: 6 for name in tables}
    assert not set(tables) & LOCAL_ONLY


def test_orm_insert_update_delete_each_queue_one_entry_per_row(local: Database) -> None:
    with local.transaction() as s:
        d = dept()
        s.add(d)
    [e] = outbox(local)
    assert (e.table_name, e.row_id, e.op, e.base) == ("department", d.id, "upsert", None)
    with local.transaction() as s:
        s.get(Department, d.id).name = "改名"  # type: ignore[union-attr]
    [e2] = outbox(local)
    # Coalesced: a new change id (the server must not take it for the old one), same place
    # in the queue (parents stay ahead of children), still "new on this PC" (no base).
    assert e2.seq == e.seq and e2.change_id != e.change_id and e2.base is None
    with local.transaction() as s:
        s.delete(s.get(Department, d.id))
    [e3] = outbox(local)
    assert e3.op == "delete" and e3.change_id != e2.change_id


def test_first_change_after_sync_keeps_the_agreed_row_as_base(local: Database) -> None:
    with local.transaction() as s:
        d = dept()
        s.add(d)
    with local.engine.begin() as conn:
        conn.execute(text("DELETE FROM sync_outbox"))  # as if the server had confirmed it
    with local.transaction() as s:
        s.get(Department, d.id).name = "第一次"  # type: ignore[union-attr]
    with local.transaction() as s:
        s.get(Department, d.id).name = "第二次"  # type: ignore[union-attr]
    [e] = outbox(local)
    base = json.loads(e.base or "{}")
    assert base["name"] == "部门" and base["code"] == "D1"


def test_core_bulk_insert_and_update_are_captured(local: Database) -> None:
    """The demo generator's path: insert(Model) executemany bypasses ORM events."""
    at = datetime(2026, 11, 23, 9, 0)
    rows = [{"id": new_id(), "code": f"B{i}", "name": "批量", "phone": "", "created_at": at,
             "updated_at": at, "origin_terminal": "01"} for i in range(500)]
    with local.engine.begin() as conn:
        conn.execute(insert(Department.__table__), rows)
        conn.execute(update(Department.__table__).values(name="全部改名"))
        conn.execute(text("UPDATE department SET phone = '1' WHERE code = 'B1'"))
    entries = outbox(local)
    assert len(entries) == 500
    assert {e.row_id for e in entries} == {r["id"] for r in rows}


def test_local_only_tables_are_never_queued(local: Database) -> None:
    with local.transaction() as s:
        s.add(Setting(key="x", value="1"))
        s.add(NumberCounter(kind="1", day="261123", last=5))
        s.add(IntakeDraft(staff_id="s", data="{}"))
    assert outbox(local) == []


def test_applying_pulled_rows_queues_nothing_and_restores_capture(local: Database) -> None:
    with local.engine.begin() as conn, applying(conn):
        conn.execute(insert(Department.__table__).values(
            id=new_id(), code="P1", name="拉取", phone="", created_at=hall_now(),
            updated_at=hall_now(), origin_terminal=""))
    assert outbox(local) == []
    with pytest.raises(RuntimeError), local.engine.begin() as conn, applying(conn):
        raise RuntimeError("crash half-way")
    with local.engine.connect() as conn:
        assert capture_mode(conn) == "terminal"
    with local.transaction() as s:
        s.add(dept("AFTER"))
    assert len(outbox(local)) == 1


def test_ensure_capture_repairs_dropped_triggers(local: Database) -> None:
    with local.engine.begin() as conn:
        assert ensure_capture(conn) is False  # already current
        conn.execute(text("DROP TRIGGER sync_out_ins_department"))  # e.g. a batch migration
        assert ensure_capture(conn) is True
    with local.transaction() as s:
        s.add(dept())
    assert len(outbox(local)) == 1


def test_rows_made_before_capture_existed_are_queued_by_the_migration(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(db, "0001")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO department (id, code, name, phone, created_at, "
                          "updated_at, origin_terminal) VALUES ('d-old', 'OLD', '旧部门', '', "
                          "'2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', '01')"))
    upgrade(db)
    assert [(e.table_name, e.row_id) for e in outbox(db)] == [("department", "d-old")]
    db.dispose()


def test_blank_template_is_a_fresh_terminal(tmp_path: Path) -> None:
    path = blank_local_db(tmp_path)
    db = Database(f"sqlite:///{path}")
    with db.engine.connect() as conn:
        assert capture_mode(conn) == "terminal"
    assert outbox(db) == []
    db.dispose()
