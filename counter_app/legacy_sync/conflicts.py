"""Conflicts kept for a supervisor: listing them and closing them with a choice.

Server-side conflicts (met while applying a push) live in the server's ``sync_conflict``;
those met while pulling live in the counter's own. The same functions read either database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.orm import Session

from ..models import CaseFile, SyncConflict, hall_now
from ..sync.capture import JOURNAL_LOCK
from ..sync.errors import SyncError
from ..sync.tables import IMMUTABLE, from_json, table_map

RULE_LABELS = {
    "both_changed": "双方修改了同一内容",
    "approver_decides": "审批人员的处理优先",
    "custody": "办件/交接单已由审批人员签收",
    "custody_new": "签收后前台新增的记录",
    "immutable": "事件日志不一致",
    "changed_since": "删除的记录已被他人修改",
    "deleted_on_server": "服务器已删除、终端又修改",
    "rejected": "服务器拒绝（约束不满足）",
    "pull_rejected": "本机无法写入服务器的记录",
}
STATUS_LABELS = {"open": "待裁定", "settled": "已按规则处理", "resolved": "已处理"}


@dataclass(frozen=True)
class ConflictView:
    id: str
    detected_at: datetime
    side: str
    terminal: str
    table_name: str
    row_id: str
    case_id: str | None
    case_no: str
    rule: str
    rule_label: str
    message: str
    columns: tuple[str, ...]
    local: dict[str, Any] | None
    server: dict[str, Any] | None
    status: str
    status_label: str


def list_conflicts(session: Session, status: str | None = "open",
                   limit: int = 500) -> list[ConflictView]:
    """Newest first. ``status=None`` lists all, including those settled by a rule."""
    q = (select(SyncConflict, CaseFile.case_no)
         .outerjoin(CaseFile, CaseFile.id == SyncConflict.case_id)
         .order_by(SyncConflict.detected_at.desc()).limit(limit))
    if status is not None:
        q = q.where(SyncConflict.status == status)
    out = []
    for c, case_no in session.execute(q).all():
        out.append(ConflictView(
            c.id, c.detected_at, c.side, c.terminal, c.table_name, c.row_id, c.case_id,
            case_no or "", c.rule, RULE_LABELS.get(c.rule, c.rule), c.message,
            tuple(json.loads(c.columns or "[]")),
            json.loads(c.local_json) if c.local_json else None,
            json.loads(c.server_json) if c.server_json else None,
            c.status, STATUS_LABELS.get(c.status, c.status)))
    return out


def _journal(session: Session, table: str, row_id: str, op: str) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": JOURNAL_LOCK})
    session.execute(text("INSERT INTO sync_journal (table_name, row_id, op, origin) "
                         "VALUES (:t, :r, :o, '')"), {"t": table, "r": row_id, "o": op})


def resolve_conflict(session: Session, conflict_id: str, choice: str, by_staff_id: str,
                     note: str = "") -> None:
    """Close a server-side conflict: ``server`` keeps the server's row (the counter gets it
    back, or loses a row the server refused), ``terminal`` writes the counter's version on
    the server (every counter then pulls it). Runs in the caller's server transaction."""
    c = session.get(SyncConflict, conflict_id)
    if c is None:
        raise SyncError("没有找到这条同步冲突")
    if c.status == "resolved":
        raise SyncError("这条同步冲突已处理")
    if choice not in ("server", "terminal"):
        raise SyncError("处理方式应为“保留服务器版本”或“采用终端版本”")
    table = table_map().get(c.table_name)
    if table is None:
        raise SyncError(f"未知的数据表“{c.table_name}”")
    exists = session.execute(select(table.c.id).where(table.c.id == c.row_id)).first()
    if choice == "terminal":
        if c.table_name in IMMUTABLE:
            raise SyncError("事件日志只追加、不修改：只能保留服务器版本")
        local = from_json(table, c.local_json)
        if local is None:  # the counter deleted the row
            session.execute(delete(table).where(table.c.id == c.row_id))
        elif exists:
            session.execute(update(table).where(table.c.id == c.row_id).values(
                **{k: v for k, v in local.items() if k != "id"}))
        else:
            session.execute(insert(table).values(**local))
    else:
        _journal(session, c.table_name, c.row_id, "upsert" if exists else "delete")
    c.status, c.resolved_by_id, c.resolved_at = "resolved", by_staff_id, hall_now()
    c.resolution = f"{'采用终端版本' if choice == 'terminal' else '保留服务器版本'}" + (
        f"：{note}" if note else "")
    session.flush()
