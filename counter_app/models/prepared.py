"""One SELECT compiled once and run straight on a pooled DBAPI connection.

The scanner's lookup (a case by its number) is the read a clerk does most, with the
applicant waiting; through a Core connection it costs a pool checkout, a ``BEGIN``, the
statement and a rollback, each through SQLAlchemy's event and result machinery, seven times
what SQLite itself takes. A single statement needs no transaction of its own (it reads one
consistent snapshot, and takes no write lock), so here it runs on the DBAPI connection with
the statement's own SQL, bind and result conversions, compiled once per engine: the same
values and types a Core read returns, for any dialect.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection, Engine, Select


class Prepared:
    def __init__(self, stmt: Select, engine: Engine) -> None:
        dialect = engine.dialect
        self.engine = engine
        self.compiled = stmt.compile(dialect=dialect)
        self.sql = str(self.compiled)
        self.positional = [str(k) for k in self.compiled.positiontup or ()] \
            if self.compiled.positional else None
        self.binds: dict[str, Callable[[Any], Any] | None] = {
            name: bp.type.dialect_impl(dialect).bind_processor(dialect)
            for name, bp in self.compiled.binds.items()}
        cols = list(stmt.selected_columns)
        self.results = [c.type.dialect_impl(dialect).result_processor(dialect, None) for c in cols]
        self.row: Any = namedtuple("Row", [c.key for c in cols])  # type: ignore[misc]  # names known only at run time

    def all(self, params: Mapping[str, Any] | None = None, *,
            within: Connection | None = None) -> list[Any]:
        """The rows, on a pooled connection of its own, or ``within`` a Core connection's
        open transaction (seeing what that transaction wrote)."""
        values = self.compiled.construct_params(dict(params or {}))
        for name, proc in self.binds.items():
            if proc is not None and name in values:
                values[name] = proc(values[name])
        args: Any = tuple(values[k] for k in self.positional) \
            if self.positional is not None else values
        if within is not None:
            cur = within.connection.dbapi_connection.cursor()  # type: ignore[union-attr]  # an open connection has one
            cur.execute(self.sql, args)
            raw = cur.fetchall()
            cur.close()
        else:
            conn = self.engine.raw_connection()
            try:
                cur = conn.cursor()
                cur.execute(self.sql, args)
                raw = cur.fetchall()
                cur.close()
            finally:
                conn.close()  # back to the pool (its reset ends any transaction the driver began)
        procs, make = self.results, self.row._make
        return [make(v if p is None else p(v) for p, v in zip(procs, r, strict=True))
                for r in raw]
