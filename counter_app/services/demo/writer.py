"""Writing demo rows: one transaction per chunk, queued for sync as the triggers would have.

Each chunk commits its rows, their outbox entries and the number counters together, so a
crash leaves whole chunks and a consistent database; a rerun simply adds more cases.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, text

from ...models import Base
from ...models.capture_mode import capture_mode, set_mode
from ..context import ServiceContext
from .ids import Stamps, outbox_change_id
from .rows import COLUMNS, Chunk


def queue_since(conn: Connection, table: str, rowid: int, stamp: int) -> None:
    """Queue rows bulk-inserted after ``rowid`` in the sync outbox, as the row triggers would
    have (one statement per table: SQLite does the work, not Python). The change ids grow,
    so the outbox's unique index is appended to, not rewritten at random."""
    conn.execute(text(
        "INSERT INTO sync_outbox (change_id, table_name, row_id, op, base, queued_at, attempts,"
        f" last_error) SELECT {outbox_change_id('stamp')}, :t, id, 'upsert', NULL,"
        " strftime('%Y-%m-%d %H:%M:%f', 'now', '+8 hours') || '000', 0, ''"
        f' FROM "{table}" WHERE rowid > :r ORDER BY rowid'
        " ON CONFLICT (table_name, row_id) DO NOTHING"), {"t": table, "r": rowid, "stamp": stamp})


def _insert(conn: Connection, table: str, rows: list[tuple[Any, ...]]) -> None:
    cols = COLUMNS[table]
    if conn.dialect.name != "sqlite":  # rows hold SQLite's text forms; fine for a demo server
        conn.execute(insert(Base.metadata.tables[table]),
                     [dict(zip(cols, r, strict=True)) for r in rows])
        return
    raw = conn.connection.driver_connection
    assert raw is not None
    # Straight to the DB-API: SQLAlchemy's per-row parameter processing would cost more
    # than SQLite's own work.
    raw.executemany(f'INSERT INTO "{table}" ({", ".join(cols)}) '
                    f'VALUES ({", ".join("?" * len(cols))})', rows)


def _insert_triggers(conn: Connection, tables: list[str]) -> list[tuple[str, str]]:
    """(name, sql) of the sync capture's INSERT triggers on ``tables`` (installed by sync/capture.py)."""
    names = [f"sync_{kind}_ins_{t}" for t in tables for kind in ("out", "jrn")]
    return [(n, q) for n, q in conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
        f"({', '.join('?' * len(names))})", tuple(names)).all()]


def write_chunk(ctx: ServiceContext, chunk: Chunk, stamps: Stamps) -> None:
    """Bulk rows bypass the per-row sync triggers and are queued in parent-first order, one
    statement per table.

    On SQLite the INSERT triggers are dropped and re-created inside the chunk's transaction:
    even with capture switched off, their WHEN clause and the statement journal they force
    cost more than the insert itself. DDL is transactional, so a crash rolls the drop back
    with the rows (and ``ensure_capture`` re-creates missing triggers on every open anyway).
    """
    tables = [t for t in COLUMNS if chunk.rows.get(t)]
    with ctx.db.engine.begin() as conn:
        sqlite = conn.dialect.name == "sqlite"
        triggers = _insert_triggers(conn, tables) if sqlite else []
        if sqlite:
            conn.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MB: index pages stay hot
            conn.exec_driver_sql("PRAGMA temp_store=MEMORY")  # statement journals: no temp file
            for name, _ in triggers:
                conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
        mode = capture_mode(conn)
        set_mode(conn, "bulk")
        for table in tables:
            rows = chunk.rows[table]
            before = conn.exec_driver_sql(f'SELECT coalesce(max(rowid), 0) FROM "{table}"').scalar()
            _insert(conn, table, rows)
            if mode == "terminal":
                queue_since(conn, table, int(before or 0), stamps())
        set_mode(conn, mode)
        for _, sql in triggers:
            conn.exec_driver_sql(sql)
        if chunk.counters:  # never lower a counter: the app may have numbered cases meanwhile
            conn.execute(text(
                "INSERT INTO number_counter (kind, day, last) VALUES (:k, :d, :n) "
                "ON CONFLICT (kind, day) DO UPDATE SET last = CASE WHEN excluded.last > "
                "number_counter.last THEN excluded.last ELSE number_counter.last END"),
                [{"k": k, "d": d, "n": n} for (k, d), n in chunk.counters.items()])
