"""Reads never hold the write lock: a lookup at the counter must not wait behind a writer,
nor make the sync worker's write wait behind it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import event, select, text

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


def test_the_sync_engines_pure_reads_run_while_another_program_writes(tmp_path: Path) -> None:
    """``status`` (every 5 s), the push's batch read and the retry's look at rejected rows
    take no write lock: they answer at once while a ledger import holds the database."""
    from counter_app.legacy_sync.engine import SyncEngine, SyncReport

    db: Database = open_database(tmp_path)
    engine = SyncEngine(db, "postgresql://nobody@127.0.0.1:1/none", "01")
    # Every new connection gets a busy timeout of 0: a read that wanted the write lock
    # would fail at once (SQLITE_BUSY) instead of waiting 10 s.
    event.listen(db.engine, "connect", lambda dbapi, _rec: dbapi.execute("PRAGMA busy_timeout=0"))
    db.engine.dispose()
    writer = sqlite3.connect(tmp_path / DB_FILENAME, timeout=0, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another program writing, holding the lock
        status = engine.status()
        assert status.waiting == 0 and status.local_conflicts == 0
        assert engine._read(0) == []
        report = SyncReport()
        engine._retry_rejected(report)  # nothing rejected: it only looked
        assert report.pulled == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        engine.close()
        db.dispose()
