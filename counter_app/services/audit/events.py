"""Appending to the tamper-evident event log.

Each terminal keeps its own chain (so it works offline): ``seq`` counts up from 1 and
``hash = sha256(prev_hash + canonical JSON of the event)``. The app never updates or
deletes an event; a correction is a new event. ``audit.verify_chains`` checks the chains.

A transaction that appends events ends by sealing the cases and batches they name
(``audit_state.py``): the newest event about each records the digest of its rows, and the
transaction's events are hashed again with it (they are the chain's tail, still uncommitted).
Such an event's hash also covers its ``state`` and ``created_at``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, event, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ...models import Event, new_id

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
    "doc_issued": "文书签发",
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
    "seal_set": "大厅印章授权变更",
}


def event_digest(prev_hash: str, fields: dict[str, Any]) -> str:
    body = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def _iso(value: Any) -> str:
    return value.isoformat(timespec="microseconds") if isinstance(value, datetime) \
        else str(value).replace(" ", "T")


def hashed_fields(ev: Event | Mapping[str, Any]) -> dict[str, Any]:
    """What the hash covers: every column an auditor cares about, not the sync bookkeeping.
    A sealed event (``state`` not NULL) also commits to its seal and its ``created_at``."""
    row: Mapping[str, Any] = ev if isinstance(ev, Mapping) else ev.__dict__
    fields = {
        "id": row["id"],
        "terminal": row["terminal_code"],
        "seq": row["seq"],
        "at": _iso(row["at"]),
        "kind": row["kind"],
        "case": row.get("case_id"),
        "batch": row.get("batch_id"),
        "actor": row.get("actor_id"),
        "role": row.get("actor_role", ""),
        "payload": row["payload"],
    }
    state = row.get("state")
    if state is not None:
        fields["state"] = state
        fields["created"] = _iso(row.get("created_at"))
    return fields


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
        "state": "",
        "created_at": at,
        "updated_at": at,
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
    _to_seal(session, terminal, seq + 1)
    return ev


_INSERT_EVENTS = Event.__table__.insert()  # built once: every case recorded runs it


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
        prev = row["hash"]
        rows.append(row)
    session.connection().execute(_INSERT_EVENTS, rows)
    if rows:
        _to_seal(session, terminal, rows[0]["seq"])
    return rows


# -- sealing at commit ------------------------------------------------------------------

ACCESS_KIND = "accessed"  # an access entry (services/privacy/access_log.py): it seals nothing
_PENDING = "audit.to_seal"  # session.info: terminal -> first seq appended in this transaction


def _to_seal(session: Session, terminal: str, first_seq: int) -> None:
    session.info.setdefault(_PENDING, {}).setdefault(terminal, first_seq)


# Built once (every sealing commit runs them): the transaction's tail of one chain, and the
# rewrite of each of its events with its seal and new hash.
_TAIL = (select(Event.__table__)
         .where(Event.__table__.c.terminal_code == bindparam("terminal"),
                Event.__table__.c.seq >= bindparam("first"))
         .order_by(Event.__table__.c.seq))
_RESEAL = (update(Event.__table__).where(Event.__table__.c.id == bindparam("eid"))
           .values(state=bindparam("s"), prev_hash=bindparam("p"), hash=bindparam("h"),
                   updated_at=bindparam("u")))


def seal_transaction(session: Session) -> None:
    """Seal every case and batch this transaction's events name (see the module text)."""
    from .seal import seal_entity

    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    session.flush()  # the rows as they will commit
    conn = session.connection()
    by_id = {o.id: o for o in session.identity_map.values() if isinstance(o, Event)}
    for terminal, first in pending.items():
        rows = [dict(r) for r in conn.execute(_TAIL, {"terminal": terminal, "first": first})
                .mappings()]
        newest: dict[tuple[str, str], int] = {}
        for i, r in enumerate(rows):
            if r["kind"] == ACCESS_KIND:
                continue  # a look changes nothing: the case's seal and revision stay
            if r["case_id"]:
                newest[("c", r["case_id"])] = i
            if r["batch_id"]:
                newest[("b", r["batch_id"])] = i
        seals: dict[int, list[str]] = {}
        for (kind, entity), i in sorted(newest.items()):
            entry = seal_entity(conn, kind, entity)
            if entry is not None:
                seals.setdefault(i, []).append(entry)
        if not seals:
            continue
        prev = rows[0]["prev_hash"]
        for i, r in enumerate(rows):
            r["state"] = " ".join(seals.get(i, ()))
            r["prev_hash"] = prev
            r["hash"] = event_digest(prev, hashed_fields(r))
            prev = r["hash"]
            obj = by_id.get(r["id"])
            if obj is not None:  # the session's copy says what was committed
                for key in ("state", "prev_hash", "hash"):
                    set_committed_value(obj, key, r[key])
        conn.execute(_RESEAL, [{"eid": r["id"], "s": r["state"], "p": r["prev_hash"],
                                "h": r["hash"], "u": r["updated_at"]} for r in rows])
        _note_revs(session, [e for entries in seals.values() for e in entries])


# Every session's commit looks for events to seal (one dict lookup when there are none):
# listening once here, not on each session that appends, spares each of them its own
# copy of the event dispatch.
event.listen(Session, "before_commit", seal_transaction)


def _note_revs(session: Session, entries: list[str]) -> None:
    """The session's loaded cases and batches learn their new revision (no reload)."""
    from ...models import CaseFile, HandoffBatch

    revs = {e[1:].split(":", 2)[0]: int(e.split(":", 2)[1]) for e in entries}
    for obj in list(session.identity_map.values()):
        if isinstance(obj, CaseFile | HandoffBatch) and obj.id in revs:
            set_committed_value(obj, "audit_rev", revs[obj.id])


POSITION_CHARS = 16  # hex digits of an event's hash printed on paper (64 bits)


def chain_position(session: Session, terminal: str) -> str:
    """``<terminal>-<seq>-<start of hash>`` of the chain's committed head: printed on every
    document, so the paper anchors the log (``verify-audit --paper``). Empty for no chain."""
    seq, head = chain_head(session, terminal)
    return f"{terminal}-{seq}-{head[:POSITION_CHARS]}" if seq else ""


def last_seq(session: Session, terminal: str) -> int:
    return session.execute(
        select(func.coalesce(func.max(Event.seq), 0)).where(Event.terminal_code == terminal)
    ).scalar_one()
