"""Reads never hold the write lock: a lookup at the counter must not wait behind a writer,
nor make the sync worker's write wait behind it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import select, text

from counter_app.bootstrap import open_database
from counter_app.models import CaseFile
from counter_app.models.database import DB_FILENAME, Database


def _writer_can_start(path: Path) -> bool:
    con = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        con.close()


def test_read_session_and_read_connection_leave_the_write_lock_free(tmp_path: Path) -> None:
    db: Database = open_database(tmp_path)
    path = tmp_path / DB_FILENAME
    try:
        with db.session() as s:
            s.execute(select(CaseFile.id).limit(1)).all()
            assert s.in_transaction()
            assert _writer_can_start(path)
        with db.read() as conn:
            conn.execute(select(CaseFile.id).limit(1)).all()
            assert conn.in_transaction()
            assert _writer_can_start(path)
        with db.transaction() as s:
            s.execute(text("SELECT 1"))
            assert not _writer_can_start(path)  # writers still take the lock up front
    finally:
        db.dispose()
