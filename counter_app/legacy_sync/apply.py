"""Applying one pushed batch on the server, inside the caller's server transaction.

Each change carries its client-made ``change_id``. The ids already in ``sync_applied`` are
ignored (a resend, or a batch delivered twice); the new ones are recorded in the same
transaction as the rows they change, so "applied" and "recorded" cannot part.

Rows are compared and merged by ``rules``; what the rules refuse or cannot settle is written
to ``sync_conflict`` with every version and the server keeps its row. Where the server's row
ends up different from the terminal's, a journal entry (origin "") sends it back to the
terminal on its next pull, so both sides converge.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select, text, update
from sqlalchemy.exc import DataError, IntegrityError

from ..ids.canon import canon_row
from ..models import SyncConflict, SyncJournal, hall_now, new_id
from ..sync.bulk import chunks, fetch_rows, insert_rows, present_ids, record_applied, seen_changes, statuses
from ..sync.capture import JOURNAL_LOCK, ORIGIN_SETTING
from ..sync.tables import data_columns, table_map, table_rank, to_json
from .rules import BATCH_BOUND, CASE_BOUND, Custody, Verdict, decide_delete, decide_insert, decide_update

_ROW_ERRORS = (IntegrityError, DataError)


@dataclass
class Change:
    change_id: str
    table: str
    row_id: str
    op: str  # "upsert" / "delete"
    row: dict[str, Any] | None  # the terminal's row, Python values; None for a delete
    base: dict[str, Any] | None  # canonical; None for a row new on the terminal
    seq: int = 0  # its place in the terminal's outbox


@dataclass
class ApplyResult:
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    # change_id -> the server's row after applying, where it differs from the terminal's
    # (None: the server has no such row). The terminal uses it as the new base.
    finals: dict[str, dict[str, Any] | None] = field(default_factory=dict)


def server_now(conn: Connection) -> datetime:
    """Hall time by the server's clock (PostgreSQL), else this host's (a local SQLite file)."""
    if conn.dialect.name == "postgresql":
        return conn.execute(text("SELECT (now() AT TIME ZONE 'Asia/Shanghai')::timestamp")
                            ).scalar_one()
    return hall_now()


def begin_push(conn: Connection, origin: str) -> None:
    """Serialise with other writers and tag journal entries with the pushing terminal."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL lock_timeout = '30s'"))
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": JOURNAL_LOCK})
        conn.execute(text("SELECT set_config(:k, :v, true)"), {"k": ORIGIN_SETTING, "v": origin})
    else:
        conn.execute(text("UPDATE sync_capture SET origin = :o WHERE id = 1"), {"o": origin})


def end_push(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        conn.execute(text("UPDATE sync_capture SET origin = '' WHERE id = 1"))


def last_origins(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    """Who last changed each row on the server (the newest journal entry's origin)."""
    j = SyncJournal.__table__
    out: dict[str, str] = {}
    for part in chunks(sorted(set(ids))):
        seqs = conn.execute(select(func.max(j.c.seq)).where(j.c.row_id.in_(part))
                            .group_by(j.c.row_id)).scalars().all()
        for piece in chunks(seqs):
            out.update(conn.execute(select(j.c.row_id, j.c.origin)
                                    .where(j.c.seq.in_(piece))).all())
    return out


class _Batch:
    """Decisions for one batch, then the writes in foreign-key order."""

    def __init__(self, conn: Connection, origin: str, terminal: str, now: datetime) -> None:
        self.conn, self.origin, self.terminal, self.now = conn, origin, terminal, now
        self.inserts: dict[str, list[Change]] = defaultdict(list)
        self.updates: list[tuple[Change, dict[str, Any]]] = []
        self.deletes: list[Change] = []
        self.conflicts: list[dict[str, Any]] = []
        self.touch: set[tuple[str, str]] = set()
        self.result = ApplyResult()

    # -- deciding ------------------------------------------------------------------------
    def decide(self, changes: list[Change]) -> None:
        by_table: dict[str, list[Change]] = defaultdict(list)
        for ch in changes:
            by_table[ch.table].append(ch)
        server: dict[str, dict[str, dict[str, Any]]] = {}
        for t, chs in by_table.items():
            table = table_map()[t]
            present = present_ids(self.conn, table, (c.row_id for c in chs))
            server[t] = fetch_rows(self.conn, table, present) if present else {}
        existing = [c.row_id for c in changes if c.row_id in server[c.table]]
        origins = last_origins(self.conn, existing) if existing else {}
        custody = self._custody(changes, server)
        for ch in changes:
            srow = server[ch.table].get(ch.row_id)
            ff = srow is not None and origins.get(ch.row_id) == self.origin
            self._decide_one(ch, srow, custody[ch.change_id], ff)

    def _custody(self, changes: list[Change],
                 server: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Custody]:
        """Who holds each change's case and batch on the server now. A case or batch new
        in this very batch is the counter's own (no lookup needed)."""
        links: dict[str, tuple[str | None, str | None]] = {}
        for ch in changes:
            if ch.table not in CASE_BOUND and ch.table not in BATCH_BOUND:
                continue
            row = ch.row or server[ch.table].get(ch.row_id) or {}
            case = row.get(CASE_BOUND[ch.table]) if ch.table in CASE_BOUND else None
            batch = row.get(BATCH_BOUND[ch.table]) if ch.table in BATCH_BOUND else None
            links[ch.change_id] = (case, batch)
        new = {(c.table, c.row_id) for c in changes
               if c.op == "upsert" and c.row_id not in server[c.table]}
        case_ids = {c for c, _ in links.values() if c and ("case_file", c) not in new}
        batch_ids = {b for _, b in links.values() if b and ("handoff_batch", b) not in new}
        cases = statuses(self.conn, table_map()["case_file"], case_ids)
        batches = statuses(self.conn, table_map()["handoff_batch"], batch_ids)
        free = Custody()
        held = {cid: Custody(cases.get(c) if c else None, batches.get(b) if b else None)
                for cid, (c, b) in links.items()}
        return {ch.change_id: held.get(ch.change_id, free) for ch in changes}

    def _decide_one(self, ch: Change, srow: dict[str, Any] | None, custody: Custody,
                    ff: bool) -> None:
        scanon = canon_row(srow) if srow is not None else None
        if ch.op == "delete":
            v = decide_delete(ch.table, ch.base, scanon, custody, ff)
            if v.delete:
                self.deletes.append(ch)
            elif v.conflict:
                self.conflict(ch, srow, v)
                self.touch.add((ch.table, ch.row_id))
                self.result.finals[ch.change_id] = srow
            return
        assert ch.row is not None
        if srow is None:
            v = decide_insert(ch.table, custody)
            if v.refused:
                self.conflict(ch, None, v)
                self.result.finals[ch.change_id] = None
                return
            self.inserts[ch.table].append(ch)
            if ch.base is not None:  # the counter had it from the server: deleted there since
                self.conflict(ch, None, Verdict(open=("*",)), rule="deleted_on_server",
                              status="open", message="服务器上已删除的记录在本终端被修改："
                              "已按终端版本恢复，请管理人员确认是否应删除")
            return
        v = decide_update(ch.table, ch.base, scanon or {}, canon_row(ch.row), custody, ff)
        values = {c: ch.row[c] for c in v.take}
        if values:
            values["updated_at"] = ch.row.get("updated_at", srow.get("updated_at"))
            self.updates.append((ch, values))
        if v.conflict:
            self.conflict(ch, srow, v)
        final = {**srow, **values}
        ours, theirs = canon_row(ch.row), canon_row(final)
        if any(theirs.get(c) != ours[c] for c in data_columns(table_map()[ch.table])
               if c in ours):
            self.touch.add((ch.table, ch.row_id))
            self.result.finals[ch.change_id] = final

    def conflict(self, ch: Change, srow: dict[str, Any] | None, v: Verdict,
                 rule: str | None = None, message: str | None = None,
                 status: str | None = None) -> None:
        row = ch.row or srow or {}
        case_id = row.get(CASE_BOUND[ch.table]) if ch.table in CASE_BOUND else row.get("case_id")
        self.conflicts.append({
            "id": new_id(), "detected_at": self.now, "side": "server", "origin": self.origin,
            "terminal": self.terminal, "table_name": ch.table, "row_id": ch.row_id,
            "case_id": case_id, "rule": rule or v.rule,
            "columns": json.dumps(list(v.settled + v.open), ensure_ascii=False),
            "message": message or v.message,
            "base_json": json.dumps(ch.base, ensure_ascii=False, sort_keys=True)
            if ch.base is not None else None,
            "local_json": to_json(ch.row), "server_json": to_json(srow),
            "status": status or v.status, "resolved_by_id": None, "resolved_at": None,
            "resolution": "",
        })

    # -- writing -------------------------------------------------------------------------
    def _try(self, stmt_rows: list[tuple[Any, Change]]) -> list[tuple[Change, Exception]]:
        """Run statements in one savepoint; on a constraint error, one savepoint each."""
        try:
            with self.conn.begin_nested():
                for stmt, _ in stmt_rows:
                    self.conn.execute(stmt)
            return []
        except _ROW_ERRORS:
            pass
        failed: list[tuple[Change, Exception]] = []
        for stmt, ch in stmt_rows:
            try:
                with self.conn.begin_nested():
                    self.conn.execute(stmt)
            except _ROW_ERRORS as exc:
                failed.append((ch, exc))
        return failed

    def _insert(self, table: Table, chs: list[Change]) -> list[tuple[Change, Exception]]:
        try:
            with self.conn.begin_nested():
                insert_rows(self.conn, table, [c.row for c in chs if c.row is not None])
            return []
        except _ROW_ERRORS:
            return self._try([(insert(table).values(c.row), c) for c in chs if c.row is not None])

    def write(self) -> None:
        rejected: list[tuple[Change, Exception, bool]] = []
        for name in sorted(self.inserts, key=table_rank().__getitem__):
            rejected += [(c, e, False) for c, e in self._insert(table_map()[name],
                                                                self.inserts[name])]
        if self.updates:
            stmts = [(update(table_map()[c.table]).where(table_map()[c.table].c.id == c.row_id)
                      .values(**vals), c) for c, vals in self.updates]
            rejected += [(c, e, True) for c, e in self._try(stmts)]
        if self.deletes:
            order = sorted(self.deletes, key=lambda c: -table_rank()[c.table])
            dels = [(delete(table_map()[c.table]).where(table_map()[c.table].c.id == c.row_id),
                     c) for c in order]
            rejected += [(c, e, True) for c, e in self._try(dels)]
        for ch, exc, existed in rejected:
            srow = fetch_rows(self.conn, table_map()[ch.table], [ch.row_id]).get(ch.row_id)
            detail = str(getattr(exc, "orig", exc)).splitlines()[0][:300]
            self.conflict(ch, srow, Verdict(refused=True), rule="rejected", status="open",
                          message=f"服务器拒绝了这条记录（约束不满足）：{detail}")
            self.result.finals[ch.change_id] = srow
            if existed:
                self.touch.add((ch.table, ch.row_id))
        if self.conflicts:
            self.conn.execute(insert(SyncConflict.__table__), self.conflicts)
        if self.touch:
            self.conn.execute(insert(SyncJournal.__table__), [
                {"table_name": t, "row_id": r, "op": "upsert", "origin": ""}
                for t, r in sorted(self.touch)])
        self.result.conflicts = len(self.conflicts)


def apply_batch(conn: Connection, changes: list[Change], *, origin: str,
                terminal: str) -> ApplyResult:
    """Apply a batch in the caller's transaction; the caller commits."""
    now = server_now(conn)
    begin_push(conn, origin)
    seen = seen_changes(conn, [c.change_id for c in changes])
    fresh = [c for c in changes if c.change_id not in seen]
    batch = _Batch(conn, origin, terminal, now)
    batch.result.duplicates = len(changes) - len(fresh)
    if fresh:
        record_applied(conn, [c.change_id for c in fresh], origin, now)
        batch.decide(fresh)
        batch.write()
    batch.result.applied = len(fresh)
    end_push(conn)
    return batch.result
