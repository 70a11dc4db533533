"""models/writes.py: every committed write on the engine is told with its tables (ORM, Core
and raw SQL alike, as the services and both sync engines write); a rollback or a read tells
nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert, select, text

from counter_app.bootstrap import open_database
from counter_app.models import Setting
from counter_app.models.writes import watch_writes, written_table
from counter_app.services.settings import set_setting


def test_commits_are_told_with_their_tables(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    told: list[frozenset[str]] = []
    watch_writes(db.engine, told.append)
    try:
        with db.transaction() as s:  # the ORM, as a service writes
            set_setting(s, "watch.a", "1")
        with db.engine.begin() as conn:  # Core, as a sync pull applies a page
            conn.execute(insert(Setting).values(key="watch.b", value="2"))
        with db.engine.begin() as conn:  # raw SQL, as the hall sync stamps its place
            conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('watch.c', '3') "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        assert told == [frozenset({"setting"})] * 3
        with db.session() as s:
            s.execute(select(Setting)).all()
        with db.read() as conn:
            conn.execute(text("SELECT count(*) FROM setting")).scalar()
        with pytest.raises(ValueError), db.transaction() as s:
            set_setting(s, "watch.d", "4")
            raise ValueError("rolled back")
        assert len(told) == 3, "a read or a rollback tells nothing"
    finally:
        db.dispose()


def test_the_statements_that_write() -> None:
    assert written_table('INSERT INTO "case_file" (id) VALUES (?)') == "case_file"
    assert written_table("insert or replace into setting values (?, ?)") == "setting"
    assert written_table("UPDATE queue_ticket SET status=? WHERE id=?") == "queue_ticket"
    assert written_table("DELETE FROM sync_op WHERE seq <= ?") == "sync_op"
    assert written_table("SELECT * FROM case_file") is None
    assert written_table("BEGIN IMMEDIATE") is None


def test_a_watcher_told_of_a_commit_sees_its_rows(tmp_path: Path) -> None:
    """The tell comes after the database committed: a screen that reads at once on another
    connection (the lane, while the sync thread wrote) sees the new rows, not the old state."""
    db = open_database(tmp_path)
    seen: list[int] = []

    def tell(_tables: frozenset[str]) -> None:
        import sqlite3

        other = sqlite3.connect(db.engine.url.database or "")
        try:
            seen.append(other.execute("SELECT count(*) FROM setting WHERE key LIKE 'seen.%'")
                        .fetchone()[0])
        finally:
            other.close()

    watch_writes(db.engine, tell)
    try:
        for n in range(3):
            with db.engine.begin() as conn:
                conn.execute(insert(Setting).values(key=f"seen.{n}", value="x"))
        assert seen == [1, 2, 3]
    finally:
        db.dispose()
