"""Who may see an applicant's full ID number and phone, and where.

Masked is the default everywhere: lists, search results, the bulletin, exports, logs.
Full values appear only on one case's own screen, and only to the people with a reason to
see them (个人信息保护法第五十一条 合理确定操作权限):

- the clerk who received the case (or co-signed it),
- the approver holding the case (an approver of its department while the file is with the
  back office),
- a supervisor.

Widgets show what these functions return; they never decide.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...documents.masking import mask_id, mask_phone
from ..context import Actor

# The file is with the back office (after the approver signed for it, until it is issued).
BACK_OFFICE = frozenset({"with_approver", "approved", "denied"})


@dataclass(frozen=True)
class CaseHolder:
    """What decides disclosure, read from the case."""

    clerk_id: str
    co_clerk_id: str | None
    status: str
    department_code: str


def full_view_reason(actor: Actor | None, case: CaseHolder) -> str:
    """Why ``actor`` may see the case's full values ("" when they may not)."""
    if actor is None:
        return ""
    if actor.has("supervisor"):
        return "管理人员"
    if actor.has("clerk") and actor.staff_id in (case.clerk_id, case.co_clerk_id):
        return "受理人"
    if (actor.has("approver") and case.status in BACK_OFFICE and actor.department_code
            and actor.department_code == case.department_code):
        return "持有办件的审批人"
    return ""


def shown_id(id_no: str, full: bool) -> str:
    return id_no if full else mask_id(id_no)


def shown_phone(phone: str, full: bool) -> str:
    return phone if full else mask_phone(phone)
