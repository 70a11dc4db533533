"""A PC's first sync as one download: every row of its scope, as the hall has it now, with
the journal sequence it is current to (``GET /v1/snapshot``). The PC loads it in one
transaction and then pulls the journal after that sequence as usual (``hallsync/snapshot.py``).

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
from collections.abc import Callable
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
from ..sync.tables import synced_tables
from .scope import Scope, keeps
from .store import JOURNAL_SEQ, Hall

FORMAT = 1


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


def _pg_rows(conn: Connection, table: Table) -> list[tuple[Any, ...]]:
    """PostgreSQL writes the canonical form itself (``to_char``, booleans as integers), and
    the driver's cursor hands back plain tuples: no Python work per value."""
    cols: list[Any] = []
    for c in table.c:
        form = next((f for t, f in _PG_FORMS if isinstance(c.type, t)), None)
        if form is not None:
            cols.append(func.to_char(c, literal(form)).label(c.name))
        elif isinstance(c.type, Boolean):
            cols.append(cast(c, Integer).label(c.name))
        else:
            cols.append(c)
    sql = str(select(*cols).compile(conn, compile_kwargs={"literal_binds": True}))
    cur = conn.connection.cursor()
    try:
        cur.execute(sql)
        return list(cur.fetchall())
    finally:
        cur.close()


def _rows(conn: Connection, table: Table, keep: Callable[[Any], bool] | None) -> list[Any]:
    if conn.dialect.name == "postgresql":
        rows = _pg_rows(conn, table)
        if keep is None:
            return rows
        names = table.c.keys()
        return [r for r in rows if keep(dict(zip(names, r, strict=True)))]
    conv = _converters(table)
    out: list[list[Any]] = []
    for r in conn.execute(select(table)):
        if keep is not None and not keep(r._mapping):
            continue
        v = list(r)
        for i, f in conv:
            if v[i] is not None:
                v[i] = f(v[i])
        out.append(v)
    return out


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


def build(hall: Hall, code: str) -> bytes:
    """The snapshot of terminal ``code``'s scope, as the JSON body of the answer."""
    _term, scope, _seq = hall.standing(code)
    with hall.db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            seq = int(conn.execute(text(JOURNAL_SEQ)).scalar_one())
            tables: dict[str, Any] = {}
            held = None if scope.whole_hall else _held(conn, scope, hall_now())
            for table in synced_tables():
                keep = None if held is None else _keeper(table.name, scope, *held)
                tables[table.name] = {"columns": table.c.keys(), "rows": _rows(conn, table, keep)}
    body = {"format": FORMAT, "last_seq": seq, "tables": tables}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
