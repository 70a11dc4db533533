"""Appending to the tamper-evident event log.

Each terminal keeps its own chain (so it works offline): ``seq`` counts up from 1 and
``hash = sha256(prev_hash + canonical JSON of the event)``. The app never updates or
deletes an event; a correction is a new event. ``audit.verify_chains`` checks the chains.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from ..models import Event, new_id

GENESIS = "0" * 64

EVENT_LABELS = {
    "received": "收件",
    "notice_issued": "出具一次性告知单",
    "supplemented": "补正收件",
    "accepted": "受理",
    "not_accepted": "不予受理",
    "finished": "当场办结",
    "deemed_accepted": "视为受理",
    "batched": "移交（生成交接单）",
    "signed": "签收",
    "discrepancy": "签收差异",
    "returned": "退回",
    "decided": "审批决定",
    "issued": "发证",
    "printed": "打印",
    "reprinted": "补打",
    "suspended": "暂停计时",
    "resumed_clock": "恢复计时",
    "extended": "延长期限",
    "due_recomputed": "节假日安排录入后重算期限",
    "coaccept_cleared": "解除共同受理",
    "training_set": "培训授权变更",
    "catalog_changed": "事项变更",
    "evaluated": "评价",
    "complaint": "投诉",
    "conflict": "同步冲突",
    "consulted": "咨询登记",
    "staff_changed": "人员变更",
}


def event_digest(prev_hash: str, fields: dict[str, Any]) -> str:
    body = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def hashed_fields(ev: Event | Mapping[str, Any]) -> dict[str, Any]:
    """What the hash covers: every column an auditor cares about, not the sync bookkeeping."""
    row: Mapping[str, Any] = ev if isinstance(ev, Mapping) else ev.__dict__
    return {
        "id": row["id"],
        "terminal": row["terminal_code"],
        "seq": row["seq"],
        "at": row["at"].isoformat(timespec="microseconds"),
        "kind": row["kind"],
        "case": row.get("case_id"),
        "batch": row.get("batch_id"),
        "actor": row.get("actor_id"),
        "role": row.get("actor_role", ""),
        "payload": row["payload"],
    }


def chain_row(
    *,
    terminal: str,
    seq: int,
    prev_hash: str,
    kind: str,
    at: datetime,
    actor_id: str | None,
    actor_role: str = "",
    case_id: str | None = None,
    batch_id: str | None = None,
    payload: dict[str, Any] | None = None,
    event_id: str | None = None,
) -> dict[str, Any]:
    """The column values of one chained event; shared by the app and bulk loaders."""
    row: dict[str, Any] = {
        "id": event_id or new_id(),
        "terminal_code": terminal,
        "seq": seq,
        "at": at,
        "kind": kind,
        "case_id": case_id,
        "batch_id": batch_id,
        "actor_id": actor_id,
        "actor_role": actor_role,
        "payload": json.dumps(payload or {}, ensure_ascii=False, sort_keys=True, default=str),
        "prev_hash": prev_hash,
        "origin_terminal": terminal,
    }
    row["hash"] = event_digest(prev_hash, hashed_fields(row))
    return row


_HEAD = (select(Event.seq, Event.hash).where(Event.terminal_code == bindparam("terminal"))
         .order_by(Event.seq.desc()).limit(1))


def chain_head(session: Session, terminal: str) -> tuple[int, str]:
    """(last seq, last hash) of a terminal's chain; (0, GENESIS) when empty."""
    last = session.execute(_HEAD, {"terminal": terminal}).first()
    return (last[0], last[1]) if last else (0, GENESIS)


def append_event(
    session: Session,
    *,
    terminal: str,
    kind: str,
    at: datetime,
    actor_id: str | None,
    actor_role: str = "",
    case_id: str | None = None,
    batch_id: str | None = None,
    **payload: Any,
) -> Event:
    """Append one event to this terminal's chain inside the caller's transaction."""
    seq, prev = chain_head(session, terminal)
    ev = Event(**chain_row(terminal=terminal, seq=seq + 1, prev_hash=prev, kind=kind, at=at,
                           actor_id=actor_id, actor_role=actor_role, case_id=case_id,
                           batch_id=batch_id, payload=payload))
    session.add(ev)
    session.flush()
    return ev


def append_events(
    session: Session,
    events: Sequence[tuple[str, dict[str, Any]]],
    *,
    terminal: str,
    at: datetime,
    actor_id: str | None,
    actor_role: str = "",
    case_id: str | None = None,
    batch_id: str | None = None,
) -> list[dict[str, Any]]:
    """Append several (kind, payload) events of one act in one statement: one chain-head
    read and no unit-of-work flush, for the paths a clerk waits on."""
    seq, prev = chain_head(session, terminal)
    rows = []
    for kind, payload in events:
        seq += 1
        row = chain_row(terminal=terminal, seq=seq, prev_hash=prev, kind=kind, at=at,
                        actor_id=actor_id, actor_role=actor_role, case_id=case_id,
                        batch_id=batch_id, payload=payload)
        row["created_at"] = row["updated_at"] = at
        prev = row["hash"]
        rows.append(row)
    session.connection().execute(Event.__table__.insert(), rows)
    return rows


def last_seq(session: Session, terminal: str) -> int:
    return session.execute(
        select(func.coalesce(func.max(Event.seq), 0)).where(Event.terminal_code == terminal)
    ).scalar_one()
