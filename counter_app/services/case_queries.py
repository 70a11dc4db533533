"""What the counter looks up: today's cases, cases awaiting the applicant, search, one case.

ID numbers come back whole only for roles that work with the applicant's file (clerk,
approver); everyone else gets them de-identified (first 6 and last 4, documents/masking).
Searching by ID number matches exactly, never by fragment: a partial ID is not a search key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from ..documents.masking import mask_id
from ..models import STATUS_LABELS, CaseFile, ItemVersion, MaterialRequirement, Staff
from .context import Actor, ServiceContext
from .intake import MaterialEntry
from .numbering import NUMBER_LENGTH
from .validation import normalize_id

ROLES_SEEING_IDS = frozenset({"clerk", "approver"})
MAX_ROWS = 200
_ID_LIKE = re.compile(r"[0-9]{17}[0-9X]|[0-9A-HJ-NP-RTUWXY]{18}")


@dataclass(frozen=True)
class CaseRow:
    case_no: str
    item_code: str
    item_name: str
    applicant_name: str
    id_no: str  # masked unless the actor's role needs it
    status: str
    status_label: str
    received_at: datetime
    promised_due: date | None
    clerk_name: str
    is_training: bool


@dataclass(frozen=True)
class OpenCase:
    """A case reopened at the counter (resume after a one-time notice)."""

    case_id: str
    case_no: str
    status: str
    status_label: str
    item_code: str
    item_name: str
    applicant_name: str
    id_no: str
    materials: tuple[MaterialEntry, ...]

    @property
    def awaiting(self) -> bool:
        return self.status in ("awaiting_supplement", "received")


def sees_ids(actor: Actor) -> bool:
    return bool(actor.roles & ROLES_SEEING_IDS)


class CaseQueries:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def today(self, actor: Actor, scope: str = "clerk", day: date | None = None) -> list[CaseRow]:
        """Cases received today by this clerk (``scope="clerk"``) or at their window."""
        day = day or self.ctx.now().date()
        q = select(CaseFile).where(CaseFile.received_on == day)
        if scope == "window":
            q = q.where(CaseFile.window_code == actor.window_code)
        else:
            q = q.where(or_(CaseFile.clerk_id == actor.staff_id,
                            CaseFile.co_clerk_id == actor.staff_id))
        return self._rows(actor, q.order_by(CaseFile.received_at.desc()))

    def awaiting_supplement(self, actor: Actor, scope: str = "window") -> list[CaseRow]:
        """Cases waiting for the applicant (待补正), oldest first."""
        q = select(CaseFile).where(CaseFile.status == "awaiting_supplement")
        if scope == "window" and actor.window_code:
            q = q.where(CaseFile.window_code == actor.window_code)
        elif scope == "clerk":
            q = q.where(CaseFile.clerk_id == actor.staff_id)
        return self._rows(actor, q.order_by(CaseFile.received_at))

    def search(self, actor: Actor, text: str) -> list[CaseRow]:
        """By case number (whole or its tail), by ID number (exact) or by name (contains)."""
        raw = (text or "").strip()
        key = normalize_id(raw).replace("-", "")
        if not key:
            return []
        q = select(CaseFile)
        if key.isdigit() and len(key) == NUMBER_LENGTH:
            q = q.where(CaseFile.case_no == key)
        elif _ID_LIKE.fullmatch(key):
            q = q.where(or_(CaseFile.applicant_id_no == key, CaseFile.agent_id_no == key))
        elif key.isdigit() and len(key) >= 4:
            q = q.where(CaseFile.case_no.endswith(key, autoescape=True))
        else:
            name = " ".join(raw.split())
            q = q.where(or_(CaseFile.applicant_name.contains(name, autoescape=True),
                            CaseFile.agent_name.contains(name, autoescape=True)))
        return self._rows(actor, q.order_by(CaseFile.received_at.desc()))

    def open_case(self, actor: Actor, case_no: str) -> OpenCase | None:
        with self.ctx.db.session() as s:
            case = s.execute(select(CaseFile).where(CaseFile.case_no == case_no)).scalar()
            if case is None:
                return None
            ver = s.get(ItemVersion, case.item_version_id)
            reqs = _requirements(s, [m.requirement_id for m in case.materials])
            materials = tuple(
                MaterialEntry(
                    name=m.name, requirement=m.requirement, requirement_id=m.requirement_id,
                    condition=reqs[m.requirement_id].condition if m.requirement_id in reqs else "",
                    state=m.state, form=m.form, copies=m.copies, pages=m.pages, reason=m.reason,
                    default_form=reqs[m.requirement_id].form if m.requirement_id in reqs else "",
                    default_copies=reqs[m.requirement_id].copies if m.requirement_id in reqs else 1,
                )
                for m in case.materials
            )
            return OpenCase(case.id, case.case_no, case.status,
                            STATUS_LABELS.get(case.status, case.status), case.item_code,
                            ver.name if ver else case.item_code, case.applicant_name,
                            self._id(actor, case.applicant_id_no), materials)

    def _id(self, actor: Actor, id_no: str) -> str:
        return id_no if sees_ids(actor) else mask_id(id_no)

    def _rows(self, actor: Actor, q: Select) -> list[CaseRow]:  # type: ignore[type-arg]
        with self.ctx.db.session() as s:
            cases = s.execute(q.limit(MAX_ROWS)).scalars().all()
            names = _item_names(s, {c.item_version_id for c in cases})
            clerks = _staff_names(s, {c.clerk_id for c in cases})
            return [
                CaseRow(c.case_no, c.item_code, names.get(c.item_version_id, c.item_code),
                        c.applicant_name, self._id(actor, c.applicant_id_no), c.status,
                        STATUS_LABELS.get(c.status, c.status), c.received_at, c.promised_due,
                        clerks.get(c.clerk_id, ""), c.is_training)
                for c in cases
            ]


def _item_names(s: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    return dict(s.execute(select(ItemVersion.id, ItemVersion.name)
                          .where(ItemVersion.id.in_(ids))).all())


def _staff_names(s: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    return dict(s.execute(select(Staff.id, Staff.full_name).where(Staff.id.in_(ids))).all())


def _requirements(s: Session, ids: list[str | None]) -> dict[str | None, MaterialRequirement]:
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    rows = s.execute(select(MaterialRequirement).where(MaterialRequirement.id.in_(wanted))).scalars()
    return {r.id: r for r in rows}
