"""What the counter looks up: today's cases, cases awaiting the applicant, search, one case.

Lists and search results show ID numbers masked (first 6 and last 4, documents/masking),
whoever asks. One case's own screen (``open_case``) shows the full ID number and phone to the
people with a reason (``disclosure``). Searching by ID number matches exactly, never by
fragment: a partial ID is not a search key. A search by ID number and an opened case each
leave one entry in the access log (``access_log``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, bindparam, or_, select

from ...documents.masking import mask_id
from ...models import STATUS_LABELS, CaseFile, CaseMaterial, ItemVersion, MaterialRequirement, Staff
from ...models.prepared import Prepared
from ..catalog.spec import requirement_words
from ..context import Actor, PermissionDenied, ServiceContext
from ..deadlines.calendar_store import complete_years, estimate_note, estimated_years
from ..intake.numbering import NUMBER_LENGTH
from ..intake.service import MaterialEntry
from ..intake.validation import normalize_id
from ..privacy.access_log import Access, AccessLog, masked_term
from ..privacy.disclosure import CaseHolder, full_view_reason, shown_id, shown_phone

MAX_ROWS = 200
ID_LIKE = re.compile(r"[0-9]{17}[0-9X]|[0-9A-HJ-NP-RTUWXY]{18}")


@dataclass(frozen=True)
class CaseRow:
    case_no: str
    item_code: str
    item_name: str
    applicant_name: str
    id_no: str  # always masked in a list
    status: str
    status_label: str
    received_at: datetime
    promised_due: date | None
    clerk_name: str
    is_training: bool
    due_estimate: str = ""  # non-empty: the due date is a Mon-Fri guess (calendar_store.estimate_note)


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
    id_no: str  # full only for the people with a reason (disclosure.full_view_reason)
    materials: tuple[MaterialEntry, ...]
    phone: str = ""  # likewise
    full_reason: str = ""  # why the full values are shown ("" : masked)

    @property
    def awaiting(self) -> bool:
        return self.status in ("awaiting_supplement", "received")

    @property
    def returned(self) -> bool:
        """Returned by the approver: what the applicant brings again is recorded."""
        return self.status == "returned"


# One joined read of plain columns per list: a scanned number is looked up while the
# applicant stands at the counter, so no entity loading and no second round trip.
_ROWS = (
    select(CaseFile.case_no, CaseFile.item_code, ItemVersion.name.label("item_name"),
           CaseFile.applicant_name, CaseFile.applicant_id_no, CaseFile.status,
           CaseFile.received_at, CaseFile.promised_due, Staff.full_name.label("clerk_name"),
           CaseFile.is_training)
    .outerjoin(ItemVersion, ItemVersion.id == CaseFile.item_version_id)
    .outerjoin(Staff, Staff.id == CaseFile.clerk_id)
    .limit(MAX_ROWS)
)

_BY_NUMBER = _ROWS.where(CaseFile.case_no == bindparam("no"))  # the scanner's path, built once


# Opening one case (resume at the counter): its columns and item name, then its materials
# in order with what the catalog asks of each (a requirement since removed reads as none).
_OPEN_CASE = (
    select(CaseFile.id, CaseFile.case_no, CaseFile.status, CaseFile.item_code,
           ItemVersion.name.label("item_name"), CaseFile.applicant_name,
           CaseFile.applicant_id_no, CaseFile.phone, CaseFile.clerk_id, CaseFile.co_clerk_id,
           CaseFile.department_code)
    .outerjoin(ItemVersion, ItemVersion.id == CaseFile.item_version_id)
    .where(CaseFile.case_no == bindparam("no"))
)
_OPEN_MATERIALS = (
    select(CaseMaterial.name, CaseMaterial.requirement, CaseMaterial.requirement_id,
           CaseMaterial.state, CaseMaterial.form, CaseMaterial.copies, CaseMaterial.pages,
           CaseMaterial.reason, MaterialRequirement.condition,
           MaterialRequirement.form.label("default_form"),
           MaterialRequirement.copies.label("default_copies"), MaterialRequirement.originals,
           MaterialRequirement.photocopies, MaterialRequirement.medium,
           MaterialRequirement.standard, MaterialRequirement.shared)
    .outerjoin(MaterialRequirement, MaterialRequirement.id == CaseMaterial.requirement_id)
    .where(CaseMaterial.case_id == bindparam("case"))
    .order_by(CaseMaterial.seq)
)

SCOPES = ("clerk", "window", "hall")


def _need(m: Any) -> str:
    """What the checklist asks for (原件/复印件 counts, medium), as ``requirement_need``
    says it, from a joined row; nothing for a material with no requirement left."""
    if m.default_form is None:
        return ""
    return requirement_words(m.default_form, m.default_copies, m.originals, m.photocopies,
                             m.medium)


def _may_see(actor: Actor, scope: str) -> None:
    """The whole hall's lists are for supervisors; a clerk sees their own and their window's."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    if scope == "hall" and not actor.has("supervisor"):
        raise PermissionDenied("只有管理人员可以查看全厅的办件")


class CaseQueries:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._prepared: Prepared | None = None

    def today(self, actor: Actor, scope: str = "clerk", day: date | None = None) -> list[CaseRow]:
        """Cases received today by this clerk (``scope="clerk"``), at their window, or in the
        whole hall (``"hall"``: supervisors, who have no window of their own)."""
        day = day or self.ctx.now().date()
        q = _ROWS.where(CaseFile.received_on == day)
        _may_see(actor, scope)
        if scope == "hall":
            pass
        elif scope == "window":
            q = q.where(CaseFile.window_code == actor.window_code)
        else:
            q = q.where(or_(CaseFile.clerk_id == actor.staff_id,
                            CaseFile.co_clerk_id == actor.staff_id))
        return self._rows(actor, q.order_by(CaseFile.received_at.desc()))

    def awaiting_supplement(self, actor: Actor, scope: str = "window") -> list[CaseRow]:
        """Cases waiting for the applicant (待补正), oldest first."""
        q = _ROWS.where(CaseFile.status == "awaiting_supplement")
        _may_see(actor, scope)
        if scope == "hall":
            pass
        elif scope == "window" and actor.window_code:
            q = q.where(CaseFile.window_code == actor.window_code)
        elif scope == "clerk":
            q = q.where(CaseFile.clerk_id == actor.staff_id)
        return self._rows(actor, q.order_by(CaseFile.received_at))

    def search(self, actor: Actor, text: str, log: bool = True) -> list[CaseRow]:
        """By case number (whole or its tail), by ID number (exact) or by name (contains).
        ``log=False``: the caller records the look itself (the hall's lookup, which names
        the PC it came from)."""
        raw = (text or "").strip()
        key = normalize_id(raw).replace("-", "")
        if not key:
            return []
        q = _ROWS
        if key.isdigit() and len(key) == NUMBER_LENGTH:
            return self._by_number(actor, key)
        elif ID_LIKE.fullmatch(key):
            q = q.where(or_(CaseFile.applicant_id_no == key, CaseFile.agent_id_no == key))
            rows = self._rows(actor, q.order_by(CaseFile.received_at.desc()))
            if log:
                self._log_search(actor, key, [r.case_no for r in rows])
            return rows
        elif key.isdigit() and len(key) >= 4:
            q = q.where(CaseFile.case_no.endswith(key, autoescape=True))
        else:
            name = " ".join(raw.split())
            q = q.where(or_(CaseFile.applicant_name.contains(name, autoescape=True),
                            CaseFile.agent_name.contains(name, autoescape=True)))
        return self._rows(actor, q.order_by(CaseFile.received_at.desc()))

    def open_case(self, actor: Actor, case_no: str) -> OpenCase | None:
        """One case with its materials, as its screen shows it; the look is logged."""
        opened = self.read_case(actor, case_no)
        if opened is not None:
            AccessLog(self.ctx).look(actor, Access("open", case_id=opened.case_id,
                                                   full=bool(opened.full_reason),
                                                   reason=opened.full_reason))
        return opened

    def read_case(self, actor: Actor, case_no: str) -> OpenCase | None:
        """The read half of ``open_case``, which logs it (callers go through that): two
        prebuilt Core reads, the case with its item's name, then its materials each with
        its catalog requirement (form, copies, condition) joined in."""
        with self.ctx.db.read() as conn:
            case = conn.execute(_OPEN_CASE, {"no": case_no}).first()
            if case is None:
                return None
            rows = conn.execute(_OPEN_MATERIALS, {"case": case.id}).all()
        materials = tuple(
            MaterialEntry(name=m.name, requirement=m.requirement, requirement_id=m.requirement_id,
                          condition=m.condition or "", state=m.state, form=m.form,
                          copies=m.copies, pages=m.pages, reason=m.reason,
                          default_form=m.default_form or "",
                          default_copies=1 if m.default_copies is None else m.default_copies,
                          need=_need(m), standard=m.standard or "", waived=bool(m.shared))
            for m in rows
        )
        reason = full_view_reason(actor, CaseHolder(case.clerk_id, case.co_clerk_id,
                                                    case.status, case.department_code))
        return OpenCase(case.id, case.case_no, case.status,
                        STATUS_LABELS.get(case.status, case.status), case.item_code,
                        case.item_name or case.item_code, case.applicant_name,
                        shown_id(case.applicant_id_no, bool(reason)), materials,
                        shown_phone(case.phone, bool(reason)), reason)

    def _log_search(self, actor: Actor, id_no: str, case_nos: list[str]) -> None:
        with self.ctx.db.read() as conn:
            ids = conn.execute(select(CaseFile.id).where(CaseFile.case_no.in_(case_nos))).scalars()
            cases = tuple(sorted(ids))
        AccessLog(self.ctx).look(actor, Access("search", term=masked_term(id_no), cases=cases))

    def _id(self, actor: Actor, id_no: str) -> str:
        return mask_id(id_no)  # lists never show a full ID number

    def _by_number(self, actor: Actor, case_no: str) -> list[CaseRow]:
        """The scanner's path: one prebuilt statement on the DBAPI connection (prepared.py)."""
        if self._prepared is None or self._prepared.engine is not self.ctx.db.engine:
            self._prepared = Prepared(_BY_NUMBER, self.ctx.db.engine)
        rows = self._prepared.all({"no": case_no})
        if not self._needs_years(rows):
            return self._case_rows(actor, rows, set())
        with self.ctx.db.read() as conn:
            return self._case_rows(actor, rows, complete_years(conn))

    @staticmethod
    def _needs_years(rows: Sequence[Any]) -> bool:
        """The supervisors' finished years matter only for a due date in a year the
        package's calendar does not know: usually none, and then no second read."""
        spans = {(r.received_at.date(), r.promised_due) for r in rows if r.promised_due}
        return any(estimated_years((), a, b) for a, b in spans)

    def _rows(self, actor: Actor, q: Select, params: dict[str, str] | None = None,
              ) -> list[CaseRow]:
        with self.ctx.db.read() as conn:
            rows = conn.execute(q, params).all()
            complete = complete_years(conn) if self._needs_years(rows) else set()
        return self._case_rows(actor, rows, complete)

    def _case_rows(self, actor: Actor, rows: Sequence[Any], complete: set[int]) -> list[CaseRow]:
        def estimate(r) -> str:
            if r.promised_due is None:
                return ""
            years = estimated_years(complete, r.received_at.date(), r.promised_due)
            return estimate_note(years) if years else ""

        return [
            CaseRow(r.case_no, r.item_code, r.item_name or r.item_code, r.applicant_name,
                    self._id(actor, r.applicant_id_no), r.status,
                    STATUS_LABELS.get(r.status, r.status), r.received_at, r.promised_due,
                    r.clerk_name or "", r.is_training, estimate(r))
            for r in rows
        ]
