"""The terminal's half of a push: read a batch from the outbox, and after the server has
committed it, remove exactly those entries.

A crash anywhere between the server's commit and the local delete leaves the entries in
the outbox; the next round sends them again and the server ignores their change ids.
Entries are deleted by ``change_id``: a row changed again while its batch was in flight
got a fresh change id, so it stays queued, rebased on what the server now holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Table, delete, func, select, update

from ..ids.canon import canon_row
from ..models import OutboxEntry
from ..sync.bulk import chunks
from ..sync.errors import SyncError
from ..sync.tables import from_json, table_map, to_json
from .apply import ApplyResult, Change

_OB = OutboxEntry.__table__


def waiting(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(_OB)).scalar_one()


def _converter(table: Table, column: str) -> Callable[[Any], Any] | None:
    typ = table.c[column].type
    if isinstance(typ, DateTime):
        return datetime.fromisoformat
    if isinstance(typ, Date):
        return date.fromisoformat
    if isinstance(typ, Boolean):
        return bool
    return None


def _fetchall(conn: Connection, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """Straight from the sqlite3 cursor, inside the connection's open transaction."""
    cur = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]  # an open connection has its DBAPI one
    try:
        return cur.execute(sql, params).fetchall()
    finally:
        cur.close()


def local_rows(conn: Connection, table: Table, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Rows by id, read raw and converted per column type: several times faster than the
    ORM result machinery for the thousands of rows of a batch."""
    cols = list(table.c.keys())
    convs = [(i, f) for i, c in enumerate(cols) if (f := _converter(table, c)) is not None]
    names = ", ".join(f'"{c}"' for c in cols)
    out: dict[str, dict[str, Any]] = {}
    for part in chunks(ids):
        sql = f'SELECT {names} FROM "{table.name}" WHERE id IN ({", ".join("?" * len(part))})'
        for raw in _fetchall(conn, sql, tuple(part)):
            values = list(raw)
            for i, f in convs:
                if values[i] is not None:
                    values[i] = f(values[i])
            row = dict(zip(cols, values, strict=True))
            out[row["id"]] = row
    return out


def read_batch(conn: Connection, limit: int, after: int = 0) -> list[Change]:
    """The next ``limit`` outbox entries after place ``after``, with the rows as they are."""
    entries = _fetchall(
        conn, "SELECT change_id, table_name, row_id, op, base, seq FROM sync_outbox "
        "WHERE seq > ? ORDER BY seq LIMIT ?", (after, limit))
    ids: dict[str, list[str]] = defaultdict(list)
    for _, table_name, row_id, _, _, _ in entries:
        if table_name not in ids and table_name not in table_map():
            raise SyncError(f"待上传队列中有未知的数据表“{table_name}”：请更新本机程序")
        ids[table_name].append(row_id)
    rows = {t: local_rows(conn, table_map()[t], r) for t, r in ids.items()}
    changes = []
    for change_id, table_name, row_id, op, base_json, seq in entries:
        row = rows[table_name].get(row_id)
        op = "upsert" if op == "upsert" and row is not None else "delete"
        base = from_json(table_map()[table_name], base_json) if base_json else None
        changes.append(Change(change_id, table_name, row_id, op,
                              row if op == "upsert" else None,
                              canon_row(base) if base is not None else None, seq))
    return changes


def confirm(conn: Connection, changes: list[Change], result: ApplyResult) -> None:
    """The server committed ``changes``: drop their entries; rebase rows changed since."""
    gone = 0
    for part in chunks([c.change_id for c in changes]):
        gone += conn.execute(delete(_OB).where(_OB.c.change_id.in_(part))).rowcount
    if gone == len(changes):
        return
    # Some rows were changed again while in flight (new change id): their entries stay,
    # with the server's row as the new base.
    by_table: dict[str, dict[str, Change]] = defaultdict(dict)
    for c in changes:
        by_table[c.table][c.row_id] = c
    for table_name, mine in by_table.items():
        for part in chunks(sorted(mine)):
            left = conn.execute(select(_OB.c.row_id).where(
                _OB.c.table_name == table_name, _OB.c.row_id.in_(part))).scalars().all()
            for row_id in left:
                ch = mine[row_id]
                final = result.finals.get(ch.change_id, ch.row)
                conn.execute(update(_OB).where(_OB.c.table_name == table_name,
                                               _OB.c.row_id == row_id)
                             .values(base=to_json(final)))


def mark_failed(conn: Connection, changes: list[Change], error: str) -> None:
    for part in chunks([c.change_id for c in changes]):
        conn.execute(update(_OB).where(_OB.c.change_id.in_(part))
                     .values(attempts=_OB.c.attempts + 1, last_error=error[:500]))
