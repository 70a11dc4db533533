"""Which tables a committed transaction wrote: told to whoever watches the engine.

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
from collections.abc import Callable
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

    def committed(conn: Any) -> None:
        tables = conn.info.pop(_KEY, None)
        target = ref()
        if tables and target is not None:
            target(frozenset(tables))

    def rolled_back(conn: Any) -> None:
        conn.info.pop(_KEY, None)

    event.listen(engine, "after_cursor_execute", executed)
    event.listen(engine, "commit", committed)
    event.listen(engine, "rollback", rolled_back)
