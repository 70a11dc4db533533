"""The reads and writes of a supplement (补正), built once, without the ORM's unit of work.

The applicant waits at the counter while a supplement is recorded, as for a new case
(``intake_rows.py``): the case and its materials are read as plain columns and changed with
prebuilt updates; ``updated_at`` still moves (the column's ``onupdate``), and the commit
seals the case as any other (``events.seal_transaction``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, bindparam, func, select, update

from ...models import CaseFile, CaseMaterial

SUPPLEMENT_CASE = select(
    CaseFile.id, CaseFile.case_no, CaseFile.status, CaseFile.item_code,
    CaseFile.item_version_id, CaseFile.window_code,
).where(CaseFile.case_no == bindparam("no"))

SUPPLEMENT_MATERIALS = (
    select(CaseMaterial.id, CaseMaterial.name, CaseMaterial.requirement, CaseMaterial.state)
    .where(CaseMaterial.case_id == bindparam("case"))
    .order_by(CaseMaterial.seq)
)

_M = CaseMaterial.__table__.c

# A material changes state; ``supplied_at`` moves only when it is received (None keeps it).
UPDATE_MATERIAL = (
    update(CaseMaterial.__table__).where(_M.id == bindparam("mid"))
    .values(state=bindparam("state"), reason=bindparam("reason"), form=bindparam("form"),
            copies=bindparam("copies"), pages=bindparam("pages"),
            supplied_at=func.coalesce(bindparam("supplied_at", type_=DateTime), _M.supplied_at))
)

# After a return, what the applicant brought again is received anew (the rest as it was).
RESUPPLY_MATERIAL = (
    update(CaseMaterial.__table__).where(_M.id == bindparam("mid"))
    .values(state=bindparam("state"), supplied_at=bindparam("supplied_at"))
)

_C = CaseFile.__table__.c
_ACCEPT: dict[str, Any] = dict(
    status=bindparam("status"), accepted_on=bindparam("accepted_on"),
    promised_due=bindparam("promised_due"), statutory_due=bindparam("statutory_due"))
ACCEPT_CASE = update(CaseFile.__table__).where(_C.id == bindparam("cid")).values(**_ACCEPT)
ACCEPT_WITH_CO_CLERK = (update(CaseFile.__table__).where(_C.id == bindparam("cid"))
                        .values(**_ACCEPT, co_clerk_id=bindparam("co")))


def material_change(row: Any, u: Any, now: datetime) -> dict[str, Any]:
    """The parameters of ``UPDATE_MATERIAL`` for material ``row`` taking entry ``u``."""
    return {"mid": row.id, "state": u.state, "reason": u.reason.strip(), "form": u.form,
            "copies": u.copies, "pages": u.pages,
            "supplied_at": now if u.state == "received" else None}
