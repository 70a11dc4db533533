"""A PC's state = the hall's rows as last pulled + its own operations not yet answered.

The capture triggers keep, for every row this PC changed since it last agreed with the
hall, the row as the hall had it (``sync_outbox.base``; NULL for a row made here). When
every operation has been answered (applied or refused), those local results are replaced
by the hall's: each such row goes back to its base, and the pulled rows, the service's
own results of the same operations, go on top. While some operation is still unanswered,
rows it touched are kept and only their base follows the hall.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, delete, func, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..models import OutboxEntry, SyncOp
from ..sync import pull as pulling
from ..sync.capture import applying
from ..sync.pull import Page
from ..sync.tables import from_json, synced_tables, table_map, to_json

_OB = OutboxEntry.__table__


def pending_ops(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(SyncOp.__table__).where(
        SyncOp.status == "pending")).scalar_one())


def restore_bases(conn: Connection) -> int:
    """Every locally changed row back to the hall's version; the outbox emptied."""
    entries = conn.execute(select(_OB.c.table_name, _OB.c.row_id, _OB.c.base)).all()
    if not entries:
        return 0
    made: dict[str, list[str]] = defaultdict(list)
    known: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for table_name, row_id, base in entries:
        table = table_map().get(table_name)
        if table is None:
            continue
        if base is None:
            made[table_name].append(row_id)
        else:
            row = from_json(table, base)
            if row is not None:
                known[table_name].append(row)
    with applying(conn):
        for table in reversed(synced_tables()):
            for row_id in made.get(table.name, ()):
                conn.execute(delete(table).where(table.c.id == row_id))
        for table in synced_tables():
            rows = known.get(table.name)
            if rows:
                stmt = sqlite_insert(table)
                stmt = stmt.on_conflict_do_update(
                    index_elements=[table.c.id],
                    set_={c: stmt.excluded[c] for c in table.c.keys() if c != "id"})
                conn.execute(stmt, rows)
        conn.execute(delete(_OB))
    return len(entries)


def follow_bases(conn: Connection, page: Page) -> None:
    """Rows kept for an unanswered operation: their base becomes the hall's newest."""
    for table_name, row_id in pulling.pending_rows(conn, page):
        rows = page.rows.get(table_name, {})
        base = to_json(rows[row_id]) if row_id in rows else None
        conn.execute(_OB.update().where(_OB.c.table_name == table_name,
                                        _OB.c.row_id == row_id).values(base=base))


def outbox_size(conn: Connection) -> int:
    return int(conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one())


def decode_page(data: dict[str, Any]) -> Page:
    """The service's JSON page as the local apply code takes it."""
    from ..sync.tables import decode_row

    page = Page(last_seq=int(data["last_seq"]), entries=int(data["entries"]))
    for t, ids in data["wanted"].items():
        if t in table_map():
            page.wanted[t].update(ids)
    page.rows = {t: {r["id"]: decode_row(table_map()[t], r) for r in rows}
                 for t, rows in data["rows"].items() if t in table_map()}
    return page


def op_rows(conn: Connection, limit: int) -> list[dict[str, Any]]:
    """Unanswered operations, oldest first, as the service takes them."""
    t = SyncOp.__table__
    rows = conn.execute(select(t).where(t.c.status == "pending").order_by(t.c.seq)
                        .limit(limit)).mappings().all()
    return [{"seq": r["seq"], "op_id": r["op_id"], "name": r["name"], "staff_id": r["staff_id"],
             "args": r["args"], "numbers": json.loads(r["numbers"] or "[]"),
             "at": r["at"].isoformat(), "key_id": r["key_id"], "sig": r["sig"]} for r in rows]
