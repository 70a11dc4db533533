"""Which tables a committed transaction wrote: told to whoever watches the engine, once
the commit is done.

Every write of this process goes through one SQLAlchemy engine (the services on the database
lane, the sync thread's pull), so watching the engine sees them all without any service or
sync code knowing about screens. The statement text is looked at (ORM flushes, Core and raw
SQL alike); the tables are gathered per connection and told on commit, on the committing
thread. A rolled-back transaction tells nothing.
"""

from __future__ import annotations

import inspect
import re
import weakref
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Engine, event

_DML = re.compile(r'\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|'
                  r'DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
_KEY = "counter_written"  # Connection.info: the tables written in the open transaction

Tables = frozenset[str]


def written_table(statement: str) -> str | None:
    """The table an INSERT/UPDATE/DELETE statement writes, or None for anything else."""
    found = _DML.match(statement)
    return found.group(1).lower() if found else None


def mark_written(conn: Any, tables: Iterable[str]) -> None:
    """Count ``tables`` as written in ``conn``'s open transaction: for rows written through
    the driver's own cursor (a snapshot's ``executemany``), which the engine does not see."""
    conn.info.setdefault(_KEY, set()).update(t.lower() for t in tables)


def watch_writes(engine: Engine, tell: Callable[[Tables], None]) -> None:
    """Call ``tell(tables)`` after each commit on ``engine`` that wrote rows.

    ``tell`` is held weakly when it is a bound method: a watcher that is gone costs a
    lookup, never a call into a dead object."""
    ref: Callable[[], Callable[[Tables], None] | None]
    if inspect.ismethod(tell):  # a Python bound method (a builtin's cannot be held weakly)
        ref = weakref.WeakMethod(tell)
    else:
        ref = lambda: tell  # noqa: E731

    def executed(conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement[:1] in ("S", "s", "P", "p"):  # SELECT / PRAGMA: the common case, quickly
            return
        table = written_table(statement)
        if table is not None:
            conn.info.setdefault(_KEY, set()).add(table)

    # SQLAlchemy's "commit" event comes *before* the database commits: a screen told then
    # can read before the rows are visible (WAL) and show the old state. So the tables wait
    # here, by pooled connection, until the dialect's own commit has returned.
    committing: dict[int, set[str]] = {}

    def committed(conn: Any) -> None:
        tables = conn.info.pop(_KEY, None)
        if tables:
            committing[id(conn.connection)] = tables  # what do_commit is given

    def rolled_back(conn: Any) -> None:
        conn.info.pop(_KEY, None)

    do_commit = engine.dialect.do_commit

    def commit_then_tell(pooled: Any) -> None:
        try:
            do_commit(pooled)
        finally:
            tables = committing.pop(id(pooled), None)
        target = ref()
        if tables and target is not None:
            target(frozenset(tables))

    engine.dialect.do_commit = commit_then_tell  # type: ignore[method-assign, assignment]  # this engine's own dialect instance
    event.listen(engine, "after_cursor_execute", executed)
    event.listen(engine, "commit", committed)
    event.listen(engine, "rollback", rolled_back)
