"""A department's sign-off of a catalog item (已核对), and the list of items still 待核对.

Only an approver of the item's own department (its 实施主体) may sign it off, after reviewing
it field by field; the sign-off is recorded on the current version and as an event. Any later
edit makes a new version, which goes back to 待核对 (catalog_store.save_item_version).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ...models import Department, ItemVersion, ServiceItem, Staff
from ..audit.events import append_event
from ..context import Actor, PermissionDenied, ServiceContext, require_role
from .store import current_versions, version_to_spec


class SignOffError(Exception):
    """The item cannot be signed off as asked; the message is for the user."""


@dataclass(frozen=True)
class Unchecked:
    code: str
    name: str
    department: str
    unconfirmed: str


def sign_off(ctx: ServiceContext, actor: Actor, item_code: str) -> date:
    """Mark the item's current version 已核对 by ``actor`` today; returns the date."""
    require_role(actor, "approver")
    now = ctx.now()
    with ctx.db.transaction() as s:
        item = s.execute(select(ServiceItem).where(ServiceItem.code == item_code)).scalar()
        if item is None or item.current_version_id is None:
            raise SignOffError(f"事项编码“{item_code}”不存在")
        ver = s.get(ItemVersion, item.current_version_id)
        assert ver is not None
        staff = s.get(Staff, actor.staff_id)
        dep = s.execute(select(Department).where(Department.code == ver.department_code)).scalar()
        if staff is None or dep is None or staff.department_id != dep.id:
            name = dep.name if dep else ver.department_code
            raise PermissionDenied(f"只有{name}的审批人员才能核对签字“{ver.name}”")
        spec = version_to_spec(ver)
        if spec.item_type == "unknown":
            raise SignOffError(f"“{ver.name}”的事项类型未定，请先在目录中定明事项类型再核对签字")
        if not spec.sources:
            raise SignOffError(f"“{ver.name}”没有列出信息来源（法规条款、办事指南），不能核对签字")
        ver.check_state, ver.checked_by, ver.checked_on = "checked", actor.full_name, now.date()
        append_event(s, terminal=ctx.terminal, kind="catalog_signed_off", at=now,
                     actor_id=actor.staff_id, actor_role="approver", item=ver.code,
                     version=ver.version)
    return now.date()


def unchecked_items(ctx: ServiceContext) -> list[Unchecked]:
    """Current items still 待核对, for the counter's marker and the supervisor's bulletin."""
    with ctx.db.session() as s:
        deps = {d.code: d.name for d in s.execute(select(Department)).scalars()}
        out = []
        for ver in current_versions(s):
            if ver.check_state != "checked":
                spec = version_to_spec(ver)
                out.append(Unchecked(ver.code, ver.name, deps.get(ver.department_code, ""),
                                     spec.unconfirmed or ""))
        return out
