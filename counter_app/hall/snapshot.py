"""A PC's first sync: every row of its scope, as the hall has it now, with the journal
sequence it is current to. Streamed (``GET /v1/snapshot/stream``, format 2): one JSON line
per piece of at most ``CHUNK_ROWS`` rows of one table, read from the database as the PC
takes them, so neither end holds the whole hall; or in one piece (``GET /v1/snapshot``,
format 1) for PCs of the version before. The PC loads it in one transaction and then pulls
the journal after that sequence as usual (``hallsync/snapshot.py``).

The rows go through the same scope rules as a page of the journal (``scope.py``: a PC gets
its window's, its department's or the whole hall's cases, and a first sync skips closed
cases past the retention period). Values are in their canonical form (how SQLite stores
them, ``sync/tables.py``), as positional lists under one column list per table: no key
repeated per row, no type decoding on the PC.

Consistency: the journal's sequence and the rows are read in one transaction (REPEATABLE
READ on PostgreSQL, a read transaction on SQLite), so the rows are the journal's state at
that sequence; later changes come with the pulls after it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Integer,
    Table,
    cast,
    func,
    literal,
    select,
    text,
)

from ..models import CaseFile, HandoffBatch, hall_now
from ..models.database import READ_ONLY
from ..sync.tables import synced_tables
from .scope import Scope, keeps
from .store import JOURNAL_SEQ, Hall

FORMAT = 1  # the one-piece answer
STREAM_FORMAT = 2  # the streamed one
CHUNK_ROWS = 2000  # rows per piece: the service holds a few pieces at a time, not the hall


def _datetime(v: datetime) -> str:
    return v.strftime("%Y-%m-%d %H:%M:%S.%f")


def _date(v: date) -> str:
    return v.isoformat()[:10]


def _converters(table: Table) -> list[tuple[int, Callable[[Any], Any]]]:
    out: list[tuple[int, Callable[[Any], Any]]] = []
    for i, col in enumerate(table.c):
        if isinstance(col.type, DateTime):
            out.append((i, _datetime))
        elif isinstance(col.type, Date):
            out.append((i, _date))
        elif isinstance(col.type, Boolean):
            out.append((i, int))
    return out


_PG_FORMS = ((DateTime, "YYYY-MM-DD HH24:MI:SS.US"), (Date, "YYYY-MM-DD"))


def _pg_chunks(conn: Connection, table: Table, size: int) -> Iterator[list[Any]]:
    """PostgreSQL writes the canonical form itself (``to_char``, booleans as integers), and
    the driver's cursor hands back plain tuples: no Python work per value. A named (server
    side) cursor: the rows come ``size`` at a time, never the whole table in the service."""
    cols: list[Any] = []
    for c in table.c:
        form = next((f for t, f in _PG_FORMS if isinstance(c.type, t)), None)
        if form is not None:
            cols.append(func.to_char(c, literal(form)).label(c.name))
        elif isinstance(c.type, Boolean):
            cols.append(cast(c, Integer).label(c.name))
        else:
            cols.append(c)
    sql = str(select(*cols).order_by(table.c.id).compile(
        conn, compile_kwargs={"literal_binds": True}))
    raw: Any = conn.connection.dbapi_connection  # psycopg's own: a named cursor
    cur = raw.cursor(name=f"snapshot_{table.name}")
    try:
        cur.execute(sql)
        while rows := cur.fetchmany(size):
            yield list(rows)
    finally:
        cur.close()


def _sqlite_chunks(conn: Connection, table: Table, size: int) -> Iterator[list[Any]]:
    conv = _converters(table)
    result = conn.execute(select(table).order_by(table.c.id))
    for part in result.partitions(size):
        out: list[list[Any]] = []
        for r in part:
            v = list(r)
            for i, f in conv:
                if v[i] is not None:
                    v[i] = f(v[i])
            out.append(v)
        yield out


def _rows(conn: Connection, table: Table, keep: Callable[[Any], bool] | None,
          size: int) -> Iterator[list[Any]]:
    """The table's rows of the scope in id order, at most ``size`` per list."""
    read = _pg_chunks if conn.dialect.name == "postgresql" else _sqlite_chunks
    names = table.c.keys()
    kept: list[Any] = []
    for part in read(conn, table, size):
        if keep is None:
            yield list(part)
            continue
        kept.extend(r for r in part if keep(dict(zip(names, r, strict=True))))
        while len(kept) >= size:
            yield kept[:size]
            kept = kept[size:]
    if kept:
        yield kept


def _held(conn: Connection, scope: Scope, now: datetime) -> tuple[set[str], set[str]]:
    c, b = CaseFile.__table__, HandoffBatch.__table__
    cases = {r.id for r in conn.execute(select(c.c.id, c.c.case_no, c.c.window_code,
                                                c.c.department_code, c.c.closed_at))
             if scope.holds(r.case_no, r.window_code, r.department_code)
             and scope.retained(r.closed_at, now)}
    batches = {r.id for r in conn.execute(select(b.c.id, b.c.batch_no, b.c.window_code,
                                                  b.c.department_code))
               if scope.holds(r.batch_no, r.window_code, r.department_code)}
    return cases, batches


def _keeper(name: str, scope: Scope, cases: set[str],
            batches: set[str]) -> Callable[[Any], bool]:
    return lambda row: keeps(name, row["id"], row, scope, cases, batches)


def pieces(hall: Hall, code: str, size: int = CHUNK_ROWS) -> Iterator[dict[str, Any]]:
    """The snapshot of terminal ``code``'s scope as it is read: first ``{"format", "last_seq"}``,
    then ``{"table", "columns", "rows"}`` of at most ``size`` rows each (tables in the synced
    order, parents first; rows in id order), then ``{"end": true, "rows", "pieces"}``. The
    read is one transaction (deferred on SQLite: it takes no write lock, so the hall applies
    operations while a slow PC downloads), held while the pieces are taken."""
    _term, scope, _seq = hall.standing(code)
    size = max(1, size)
    with hall.db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        else:
            conn = conn.execution_options(**{READ_ONLY: True})
        with conn.begin():
            seq = int(conn.execute(text(JOURNAL_SEQ)).scalar_one())
            yield {"format": STREAM_FORMAT, "last_seq": seq}
            held = None if scope.whole_hall else _held(conn, scope, hall_now())
            rows = n = 0
            for table in synced_tables():
                keep = None if held is None else _keeper(table.name, scope, *held)
                for part in _rows(conn, table, keep, size):
                    yield {"table": table.name, "columns": table.c.keys(), "rows": part}
                    rows += len(part)
                    n += 1
            yield {"end": True, "rows": rows, "pieces": n}


def build(hall: Hall, code: str) -> bytes:
    """The snapshot in one piece (format 1, ``GET /v1/snapshot``), for PCs of the version
    before the streamed one: the same rows as ``pieces``, gathered per table."""
    tables: dict[str, Any] = {}
    seq = 0
    for piece in pieces(hall, code):
        if "table" in piece:
            got = tables.setdefault(piece["table"], {"columns": piece["columns"], "rows": []})
            got["rows"].extend(piece["rows"])
        elif "last_seq" in piece:
            seq = piece["last_seq"]
    for table in synced_tables():
        tables.setdefault(table.name, {"columns": table.c.keys(), "rows": []})
    body = {"format": FORMAT, "last_seq": seq, "tables": tables}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def ndjson(piece: dict[str, Any]) -> bytes:
    """One piece as one line of the streamed answer (``GET /v1/snapshot/stream``)."""
    return json.dumps(piece, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
