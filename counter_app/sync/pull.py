"""Pulling: read the server's journal after the last sequence this terminal applied, fetch
those rows as they are now, and apply them locally in one transaction together with the new
sequence (a crash before the commit simply refetches the page).

Rows this terminal itself pushed are skipped (the journal names their origin). A row with
an unsent local change is skipped too: the local change goes up first, the server's rules
merge it, and the result comes back down. Event-log rows are immutable: an event arriving
with the id of a different local event is a conflict, kept, never overwritten.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DataError, IntegrityError

from ..ids.canon import canon_row
from ..models import OutboxEntry, SyncConflict, SyncJournal, hall_now, new_id
from ..services.intake.numbering import NumberError, parse_number
from .bulk import chunks, fetch_rows
from .capture import applying
from .tables import IMMUTABLE, synced_tables, table_map, to_json

_OB = OutboxEntry.__table__
_J = SyncJournal.__table__
_ROW_ERRORS = (IntegrityError, DataError)
NUMBERED = (("case_file", "case_no"), ("handoff_batch", "batch_no"))


@dataclass
class Page:
    last_seq: int
    entries: int
    wanted: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    rows: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)


def fetch_page(conn: Connection, after: int, limit: int, origin: str) -> Page | None:
    entries = conn.execute(select(_J.c.seq, _J.c.table_name, _J.c.row_id, _J.c.origin)
                           .where(_J.c.seq > after).order_by(_J.c.seq).limit(limit)).all()
    if not entries:
        return None
    page = Page(last_seq=entries[-1].seq, entries=len(entries))
    for e in entries:
        if e.origin != origin and e.table_name in table_map():
            page.wanted[e.table_name].add(e.row_id)
    page.rows = {t: fetch_rows(conn, table_map()[t], ids) for t, ids in page.wanted.items()}
    return page


class _Apply:
    def __init__(self, conn: Connection, terminal: str, authoritative: bool = False) -> None:
        self.conn, self.terminal = conn, terminal
        # From the hall service, whose rows are the truth: events too are taken as they are.
        self.authoritative = authoritative
        self.applied = 0
        self.conflicts: list[dict[str, Any]] = []

    def conflict(self, table: Table, row_id: str, rule: str, message: str,
                 local: dict[str, Any] | None, server: dict[str, Any] | None) -> None:
        row = server or local or {}
        self.conflicts.append({
            "id": new_id(), "detected_at": hall_now(), "side": "local", "origin": "",
            "terminal": self.terminal, "table_name": table.name, "row_id": row_id,
            "case_id": row.get("case_id") if table.name != "case_file" else row_id,
            "rule": rule, "columns": "[]", "message": message, "base_json": None,
            "local_json": to_json(local), "server_json": to_json(server), "status": "open",
            "resolved_by_id": None, "resolved_at": None, "resolution": "",
        })

    def _each(self, table: Table, stmt: Any, rows: list[dict[str, Any]]) -> None:
        try:
            with self.conn.begin_nested():
                self.conn.execute(stmt, rows)
            self.applied += len(rows)
            return
        except _ROW_ERRORS:
            pass
        for row in rows:
            try:
                with self.conn.begin_nested():
                    self.conn.execute(stmt, [row])
                self.applied += 1
            except _ROW_ERRORS as exc:
                local = fetch_rows(self.conn, table, [row["id"]]).get(row["id"])
                detail = str(getattr(exc, "orig", exc)).splitlines()[0][:300]
                self.conflict(table, row["id"], "pull_rejected",
                              f"服务器上的记录无法写入本机（约束不满足）：{detail}", local, row)

    def upsert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if table.name in IMMUTABLE and not self.authoritative:
            have = fetch_rows(self.conn, table, [r["id"] for r in rows])
            for r in rows:
                if r["id"] in have and canon_row(have[r["id"]]) != canon_row(r):
                    self.conflict(table, r["id"], "immutable",
                                  "同一编号的事件在本机和服务器上内容不同：两份都保留，请核查",
                                  have[r["id"]], r)
            fresh = [r for r in rows if r["id"] not in have]
            if fresh:
                self._each(table, insert(table), fresh)
            return
        stmt = sqlite_insert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c.id],
            set_={c: stmt.excluded[c] for c in table.c.keys() if c != "id"})
        self._each(table, stmt, rows)

    def remove(self, table: Table, ids: list[str]) -> None:
        if table.name in IMMUTABLE and not self.authoritative:
            return  # an event is never deleted, not even when the server lost it
        for row_id in ids:
            try:
                with self.conn.begin_nested():
                    n = self.conn.execute(delete(table).where(table.c.id == row_id)).rowcount
                self.applied += n
            except _ROW_ERRORS as exc:
                local = fetch_rows(self.conn, table, [row_id]).get(row_id)
                self.conflict(table, row_id, "pull_rejected",
                              f"服务器已删除的记录无法在本机删除：{str(exc.orig)[:200]}", local, None)


def pending_rows(conn: Connection, page: Page) -> set[tuple[str, str]]:
    """Rows of the page with an unsent local change (by the outbox's (table, row) key)."""
    out: set[tuple[str, str]] = set()
    for table_name, ids in page.wanted.items():
        for part in chunks(sorted(ids)):
            out.update((table_name, r) for r in conn.execute(select(_OB.c.row_id).where(
                _OB.c.table_name == table_name, _OB.c.row_id.in_(part))).scalars())
    return out


def bump_counters(conn: Connection, rows: list[dict[str, Any]], column: str,
                   terminal: str) -> None:
    """Numbers this terminal assigned before a reinstall must not be assigned again."""
    best: dict[tuple[str, str], int] = {}
    for r in rows:
        try:
            n = parse_number(r.get(column) or "")
        except NumberError:
            continue
        if n.terminal == terminal:
            key = (n.kind, f"{n.day:%y%m%d}")
            best[key] = max(best.get(key, 0), n.seq)
    for (kind, day), last in best.items():
        conn.execute(text(
            "INSERT INTO number_counter (kind, day, last) VALUES (:k, :d, :n) "
            "ON CONFLICT (kind, day) DO UPDATE SET last = max(last, excluded.last)"),
            {"k": kind, "d": day, "n": last})


def rejected_rows(conn: Connection) -> dict[str, set[str]]:
    """Pulled rows this PC could not take (open local conflicts): retried every round."""
    c = SyncConflict.__table__
    out: dict[str, set[str]] = defaultdict(set)
    for table_name, row_id in conn.execute(select(c.c.table_name, c.c.row_id).where(
            c.c.side == "local", c.c.rule == "pull_rejected", c.c.status == "open")):
        if table_name in table_map():
            out[table_name].add(row_id)
    return out


def fetch_rows_for(conn: Connection, wanted: dict[str, set[str]]) -> Page:
    page = Page(last_seq=0, entries=0)
    page.wanted.update(wanted)
    page.rows = {t: fetch_rows(conn, table_map()[t], ids) for t, ids in wanted.items()}
    return page


def apply_retry(conn: Connection, page: Page, terminal: str) -> int:
    """Apply the retried rows; close the local conflicts of those that went in now."""
    c = SyncConflict.__table__
    open_ = conn.execute(select(c.c.id, c.c.table_name, c.c.row_id).where(
        c.c.side == "local", c.c.rule == "pull_rejected", c.c.status == "open")).all()
    work = _apply(conn, page, terminal)
    still = {(x["table_name"], x["row_id"]) for x in work.conflicts}
    done = [cid for cid, t, r in open_ if (t, r) not in still]
    for part in chunks(done):
        conn.execute(c.update().where(c.c.id.in_(part)).values(
            status="resolved", resolved_at=hall_now(),
            resolution="自动解决：阻碍已消除，服务器的记录已写入本机"))
    return work.applied


def _apply(conn: Connection, page: Page, terminal: str, authoritative: bool = False) -> _Apply:
    work = _Apply(conn, terminal, authoritative)
    with applying(conn):
        pending = pending_rows(conn, page)
        for table in synced_tables():
            got = page.rows.get(table.name, {})
            rows = [r for i, r in got.items() if (table.name, i) not in pending]
            if rows:
                work.upsert(table, rows)
        for table in reversed(synced_tables()):
            got = page.rows.get(table.name, {})
            gone = sorted(i for i in page.wanted.get(table.name, ())
                          if i not in got and (table.name, i) not in pending)
            if gone:
                work.remove(table, gone)
        for name, column in NUMBERED:
            bump_counters(conn, list(page.rows.get(name, {}).values()), column, terminal)
    return work


def apply_page(conn: Connection, page: Page, terminal: str,
               authoritative: bool = False) -> tuple[int, int]:
    """Apply one page in the caller's local transaction; (rows applied, conflicts)."""
    work = _apply(conn, page, terminal, authoritative)
    if work.conflicts:
        conn.execute(insert(SyncConflict.__table__), work.conflicts)
    return work.applied, len(work.conflicts)
