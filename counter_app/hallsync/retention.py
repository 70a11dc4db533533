"""What leaves a PC: closed cases past the hall's retention period, and everything outside
a scope that changed. The hall service keeps every record; a PC holds what its people need
(``hall/scope.py`` decides what is sent; this drops what was sent before and is no longer
wanted).

Only run when every operation of this PC has been answered and the outbox is empty: a row
still to be confirmed is never dropped. The event log stays whole: it is the custody
record, chained per terminal, and carries no applicant's particulars.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, Table, delete, select, text

from ..models import CaseFile
from ..sync.capture import applying, live_tables
from ..sync.tables import table_map

_CASE = CaseFile.__table__


def _case_rows() -> list[Table]:
    """The synced tables whose rows belong to a case, children before the case itself."""
    return [t for t in table_map().values()
            if "case_id" in t.c and t.name != "event_log"
            and any(fk.column.table is _CASE for fk in t.c.case_id.foreign_keys)]


def drop_cases(conn: Connection, case_ids: list[str]) -> int:
    if not case_ids:
        return 0
    with applying(conn):
        for table in _case_rows():
            conn.execute(delete(table).where(table.c.case_id.in_(case_ids)))
        conn.execute(delete(_CASE).where(_CASE.c.id.in_(case_ids)))
    return len(case_ids)


def expire(conn: Connection, now: datetime, days: int) -> int:
    """Closed cases older than ``days``: gone from this PC. Returns how many."""
    ids = list(conn.execute(select(_CASE.c.id).where(
        _CASE.c.closed_at.is_not(None), _CASE.c.closed_at < now - timedelta(days=days))).scalars())
    n = 0
    for i in range(0, len(ids), 500):
        n += drop_cases(conn, ids[i:i + 500])
    return n


def drop_all(conn: Connection) -> None:
    """Every synced row: the PC's scope changed, it takes its new scope afresh."""
    tables = list(live_tables(conn))
    with applying(conn):
        for t in reversed(tables):
            conn.execute(text(f'DELETE FROM "{t}"'))
        conn.execute(text("DELETE FROM sync_outbox"))

