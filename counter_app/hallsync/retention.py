"""What leaves a PC: closed cases past the hall's retention period, and everything outside
a scope that changed. The hall service keeps every record; a PC holds what its people need
(``hall/scope.py`` decides what is sent; this drops what was sent before and is no longer
wanted).

Only run when every operation of this PC has been answered and the outbox is empty: a row
still to be confirmed is never dropped. The event log stays whole: it is the custody
record, chained per terminal, and carries no applicant's particulars.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Connection, Table, delete, select, text

from ..models import CaseFile, HandoffBatch, HandoffItem
from ..sync.capture import applying, live_tables
from ..sync.tables import table_map

_CASE = CaseFile.__table__
_BATCH = HandoffBatch.__table__
_ITEM = HandoffItem.__table__


def _case_rows() -> list[Table]:
    """The synced tables whose rows belong to a case, children before the case itself."""
    return [t for t in table_map().values()
            if "case_id" in t.c and t.name != "event_log"
            and any(fk.column.table is _CASE for fk in t.c.case_id.foreign_keys)]


def drop_cases(conn: Connection, case_ids: Sequence[str], batch_ids: Sequence[str] = ()) -> int:
    """The cases with every row of theirs, and the handoff batches that held only them."""
    if not case_ids:
        return 0
    with applying(conn):
        for table in _case_rows():
            conn.execute(delete(table).where(table.c.case_id.in_(case_ids)))
        for name in ("handoff_item", "print_log"):
            t = table_map()[name]
            conn.execute(delete(t).where(t.c.batch_id.in_(batch_ids)))
        conn.execute(delete(_CASE).where(_CASE.c.id.in_(case_ids)))
        conn.execute(delete(_BATCH).where(_BATCH.c.id.in_(batch_ids)))
    return len(case_ids)


def expire(conn: Connection, now: datetime, days: int) -> int:
    """Closed cases older than ``days``: gone from this PC. Returns how many. A case goes
    together with the handoff sheets it was on, and only when every case on them can go:
    a sheet is sealed whole in the audit chain (services/audit/seal.py), so it is held
    whole or not at all."""
    ids = set(conn.execute(select(_CASE.c.id).where(
        _CASE.c.closed_at.is_not(None), _CASE.c.closed_at < now - timedelta(days=days))).scalars())
    items = conn.execute(select(_ITEM.c.batch_id, _ITEM.c.case_id)).all()
    on: dict[str, set[str]] = {}
    for batch, case in items:
        on.setdefault(batch, set()).add(case)
    while True:  # a case kept by one sheet keeps that sheet's other cases too
        keep = {c for cases in on.values() if not cases <= ids for c in cases}
        if not keep & ids:
            break
        ids -= keep
    batches = sorted(b for b, cases in on.items() if cases <= ids)
    return drop_cases(conn, sorted(ids), batches) if ids else 0


def drop_all(conn: Connection) -> None:
    """Every synced row: the PC's scope changed, it takes its new scope afresh."""
    tables = list(live_tables(conn))
    with applying(conn):
        for t in reversed(tables):
            conn.execute(text(f'DELETE FROM "{t}"'))
        conn.execute(text("DELETE FROM sync_outbox"))

