"""End-of-day reconciliation: every document this counter printed against what the server
holds, so "receipt printed, but no record at the back end" is found the same day.

For each print-log row of the day: the print record, its case (same case number) and its
handoff batch must be on the server. If not, the row is still waiting in the outbox
(``pending``: sync has not run), held as a sync conflict (``conflict``), or simply gone
(``missing``: the classic lost record, to be chased at once).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection, Table, select

from ..models import CaseFile, HandoffBatch, OutboxEntry, PrintRecord, SyncConflict
from ..models.database import Database
from ..sync.bulk import chunks

STATUS_LABELS = {
    "ok": "一致",
    "pending": "待上传（尚未同步）",
    "conflict": "同步冲突待处理",
    "differs": "与服务器不一致",
    "missing": "服务器无记录",
}


@dataclass(frozen=True)
class ReconRow:
    print_id: str
    printed_at: datetime
    doc_kind: str
    reprint_no: int
    case_id: str | None
    case_no: str
    batch_id: str | None
    status: str
    detail: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def _values(conn: Connection, table: Table, column: str, ids: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in chunks(sorted(set(ids))):
        out.update(conn.execute(select(table.c.id, table.c[column])
                                .where(table.c.id.in_(part))).all())
    return out


def _in(conn: Connection, column, ids: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for part in chunks(sorted(set(ids))):
        out.update(conn.execute(select(column).where(column.in_(part))).scalars())
    return out


def reconcile(local_db: Database, server_db: Database, day: date,
              terminal: str | None = None) -> list[ReconRow]:
    """One row per document printed on ``day`` (by ``terminal``, else by anyone on this PC)."""
    start = datetime.combine(day, time())
    p = PrintRecord.__table__
    q = (select(p).where(p.c.printed_at >= start, p.c.printed_at < start + timedelta(days=1))
         .order_by(p.c.printed_at))
    if terminal:
        q = q.where(p.c.terminal_code == terminal)
    cases, batches = CaseFile.__table__, HandoffBatch.__table__
    with local_db.read() as conn:  # a report: never the write lock
        prints = [dict(r) for r in conn.execute(q).mappings()]
        case_ids = {r["case_id"] for r in prints if r["case_id"]}
        local_case_no = _values(conn, cases, "case_no", case_ids)
        ob = OutboxEntry.__table__
        ids = {r["id"] for r in prints} | case_ids | {r["batch_id"] for r in prints
                                                      if r["batch_id"]}
        pending = _in(conn, ob.c.row_id, ids)
    with server_db.engine.connect() as conn:
        on_server = _in(conn, p.c.id, (r["id"] for r in prints))
        server_case_no = _values(conn, cases, "case_no", case_ids)
        server_batches = _in(conn, batches.c.id, (r["batch_id"] for r in prints
                                                  if r["batch_id"]))
        sc = SyncConflict.__table__
        held: set[str] = set()
        for part in chunks(sorted(ids)):
            held.update(conn.execute(select(sc.c.row_id).where(
                sc.c.row_id.in_(part), sc.c.status == "open")).scalars())
    out = []
    for r in prints:
        cid, bid = r["case_id"], r["batch_id"]
        case_no = local_case_no.get(cid, "") if cid else ""
        gaps, mine = [], set()  # what the server lacks, by label and by row id
        if r["id"] not in on_server:
            gaps.append("打印记录")
            mine.add(r["id"])
        if cid and cid not in server_case_no:
            gaps.append("办件")
            mine.add(cid)
        if bid and bid not in server_batches:
            gaps.append("交接单")
            mine.add(bid)
        # Only a missing row still queued is "pending": the case's own row may be queued for
        # another reason (a print seals the case in the audit chain and so changes its row).
        if cid and cid in server_case_no and server_case_no[cid] != case_no:
            status, detail = "differs", f"服务器上的办件编号为 {server_case_no[cid]}"
        elif not gaps:
            status, detail = "ok", ""
        elif mine & held:
            status, detail = "conflict", f"服务器缺少：{'、'.join(gaps)}（有待裁定的同步冲突）"
        elif mine & pending:
            status, detail = "pending", f"服务器暂缺：{'、'.join(gaps)}，仍在待上传队列中"
        else:
            status, detail = "missing", f"服务器缺少：{'、'.join(gaps)}，且本机待上传队列中也没有"
        out.append(ReconRow(r["id"], r["printed_at"], r["doc_kind"], r["reprint_no"], cid,
                            case_no, bid, status, detail))
    return out
