"""Many cases at once, written straight into a database the way the demo generator writes
them (SQLAlchemy Core ``insert(Model)`` executemany): for the snapshot tests and the sync and
hall benchmarks, where a hall must be larger than what a test can receive case by case.
In a hall's database the journal triggers record them as the hall's own rows, as an adopted
hall has them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from counter_app.hall.store import SERVICE_TERMINAL, Hall
from counter_app.models import (
    CaseFile,
    CaseMaterial,
    Event,
    ItemVersion,
    MaterialRequirement,
    PrintRecord,
    ServiceItem,
    new_id,
)
from counter_app.models.database import Database
from counter_app.services.audit.events import GENESIS, chain_row
from counter_app.services.intake.numbering import KIND_CASE, format_number
from counter_app.services.people import auth
from tests.sync.hallkit import HallRef

CHUNK = 2500
TABLES = (CaseFile, CaseMaterial, Event, PrintRecord)


def fill(hall: Hall, cases: int, item_code: str = "", terminal: str = "07") -> HallRef:
    """``cases`` accepted cases of an item of the hall's catalog (the first current one
    unless named), received by a clerk made for them, numbered as terminal ``terminal``'s."""
    with hall.db.transaction() as s:
        q = select(ItemVersion).join(ServiceItem, ServiceItem.current_version_id == ItemVersion.id)
        q = q.where(ItemVersion.code == item_code) if item_code else q.order_by(ItemVersion.code)
        ver = s.execute(q.limit(1)).scalar_one()
        reqs = list(s.execute(select(MaterialRequirement.id).where(
            MaterialRequirement.version_id == ver.id).order_by(MaterialRequirement.seq)).scalars())
        clerk = auth.add_user(s, f"bulk{terminal}", "批量受理员", "counter123", ["clerk"],
                              terminal=SERVICE_TERMINAL)
        ref = HallRef(ver.id, ver.code, ver.window_code, ver.department_code, reqs,
                      [clerk.id], clerk.id)
    generate(hall.db, terminal, ref, ref.clerks[0], reqs, cases)
    return ref


def generate(db: Database, terminal: str, ref: HallRef, clerk: str, reqs: list[str],
             n: int) -> int:
    """n accepted cases with materials, three chained events and a print record each."""
    day = datetime(2026, 11, 23, 8, 30)
    seq, prev, rows = 0, GENESIS, 0
    with db.transaction() as s:
        for start in range(0, n, CHUNK):
            batch: dict[type, list[dict[str, Any]]] = {t: [] for t in TABLES}
            for k in range(start, min(n, start + CHUNK)):
                at = day + timedelta(seconds=k)
                cid = new_id()
                meta = {"created_at": at, "updated_at": at, "origin_terminal": terminal}
                batch[CaseFile].append({
                    "id": cid, **meta, "case_no": format_number(at.date(), KIND_CASE, terminal,
                                                                k + 1),
                    "item_version_id": ref.version_id, "item_code": ref.item_code,
                    "window_code": ref.window_code, "department_code": ref.department_code,
                    "clerk_id": clerk, "co_clerk_id": None, "status": "accepted",
                    "is_training": False, "applicant_kind": "person",
                    "applicant_name": f"申请人{k}", "applicant_id_type": "resident_id",
                    "applicant_id_no": "11010519491231002X", "legal_rep": "",
                    "contact_name": "", "phone": "13812345678", "address": "罗山县龙山街道1号",
                    "agent_name": "", "agent_id_no": "", "agent_phone": "",
                    "delivery": "窗口领取", "override_note": "", "received_at": at,
                    "received_on": at.date(), "accepted_on": at.date(),
                    "promised_due": at.date() + timedelta(days=7),
                    "statutory_due": at.date() + timedelta(days=28), "deemed_accepted": False,
                    "not_accepted_reason": "", "redirect_to": "", "closed_at": None})
                for i, rid in enumerate(reqs, start=1):
                    batch[CaseMaterial].append({
                        "id": new_id(), **meta, "case_id": cid, "requirement_id": rid,
                        "seq": i, "name": f"材料{i}", "requirement": "required",
                        "state": "received", "form": "original", "copies": 1, "pages": 2,
                        "reason": "", "supplied_at": at})
                for kind in ("received", "accepted", "printed"):
                    seq += 1
                    row = chain_row(terminal=terminal, seq=seq, prev_hash=prev, kind=kind,
                                    at=at, actor_id=clerk, actor_role="clerk", case_id=cid)
                    prev = row["hash"]
                    batch[Event].append({**row, "created_at": at, "updated_at": at})
                batch[PrintRecord].append({
                    "id": new_id(), **meta, "case_id": cid, "batch_id": None,
                    "doc_kind": "acceptance", "layout": "a4", "reprint_no": 0,
                    "printed_by_id": clerk, "terminal_code": terminal, "printed_at": at,
                    "printer": "", "sha256": ""})
            for model in TABLES:
                s.execute(insert(model), batch[model])
                rows += len(batch[model])
    return rows

