"""Set-at-a-time statements for the server side of a push: one round trip per table and
batch, not one per row (a counter pushes thousands of rows after a day offline).

On PostgreSQL: id lists travel as one array parameter (``= ANY(:ids)``) and new rows go in
with COPY (statement triggers still fire once per COPY). On SQLite the same work is done
with IN lists and executemany, which is fast in-process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, select, text
from sqlalchemy.exc import DBAPIError

from ..models import SyncApplied

CHUNK = 900  # ids per IN (...) list on SQLite


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def id_list(ids: Iterable[str]) -> str:
    """Ids as one text parameter (split by the server): sending thousands of ids as a text
    array costs far more on the client. Ids are UUIDs or hex: never a comma."""
    return ",".join(ids)


def _pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def present_ids(conn: Connection, table: Table, ids: Iterable[str]) -> set[str]:
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    if _pg(conn):
        return set(conn.execute(text(
            f'SELECT id FROM "{table.name}" WHERE id = ANY(string_to_array(:ids, \',\'))'),
            {"ids": id_list(wanted)}).scalars())
    out: set[str] = set()
    for part in chunks(wanted):
        out.update(conn.execute(select(table.c.id).where(table.c.id.in_(part))).scalars())
    return out


def statuses(conn: Connection, table: Table, ids: Iterable[str]) -> dict[str, str]:
    """id -> status, for the custody rules (cases, batches)."""
    wanted = sorted(set(ids))
    out: dict[str, str] = {}
    if not wanted:
        return out
    if _pg(conn):
        return dict(conn.execute(text(
            f'SELECT id, status FROM "{table.name}" WHERE id = ANY(string_to_array(:ids, \',\'))'),
            {"ids": id_list(wanted)}).all())
    for part in chunks(wanted):
        out.update(conn.execute(select(table.c.id, table.c.status)
                                .where(table.c.id.in_(part))).all())
    return out


def fetch_rows(conn: Connection, table: Table, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for part in chunks(sorted(set(ids)), 5000 if _pg(conn) else CHUNK):
        for row in conn.execute(select(table).where(table.c.id.in_(part))).mappings():
            out[row["id"]] = dict(row)
    return out


def seen_changes(conn: Connection, ids: Sequence[str]) -> set[str]:
    """Change ids the server applied before (their resend is ignored)."""
    applied = SyncApplied.__table__
    if _pg(conn):
        return set(conn.execute(text(
            "SELECT change_id FROM sync_applied "
            "WHERE change_id = ANY(string_to_array(:ids, ','))"),
            {"ids": id_list(ids)}).scalars())
    out: set[str] = set()
    for part in chunks(ids):
        out.update(conn.execute(select(applied.c.change_id)
                                .where(applied.c.change_id.in_(part))).scalars())
    return out


def record_applied(conn: Connection, ids: Sequence[str], origin: str, now: datetime) -> None:
    if not ids:
        return
    if _pg(conn):
        conn.execute(text(
            "INSERT INTO sync_applied (change_id, origin, applied_at) "
            "SELECT unnest(string_to_array(:ids, ',')), :o, :t"),
            {"ids": id_list(ids), "o": origin, "t": now})
        return
    conn.execute(insert(SyncApplied.__table__),
                 [{"change_id": c, "origin": origin, "applied_at": now} for c in ids])


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """All or nothing (the caller wraps it in a savepoint)."""
    if not _pg(conn):
        conn.execute(insert(table), rows)
        return
    import psycopg

    cols = list(table.c.keys())
    names = ", ".join(f'"{c}"' for c in cols)
    sql = f'COPY "{table.name}" ({names}) FROM STDIN'
    raw = conn.connection.driver_connection
    assert raw is not None  # an open connection always has its driver connection
    try:
        with raw.cursor() as cur, cur.copy(sql) as copy:
            for row in rows:
                copy.write_row([row.get(c) for c in cols])
    except psycopg.Error as exc:  # as SQLAlchemy would raise it (IntegrityError, ...)
        raise DBAPIError.instance(sql, None, exc, psycopg.Error,
                                  connection_invalidated=raw.closed) from exc
