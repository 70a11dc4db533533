"""Putting a catalog into the database and taking it out again, with versions.

Importing compares each item with its current version: an unchanged item is left alone, a
changed one gets a new version (cases keep pointing at the version they were received
under). The whole import is one transaction: a bad file changes nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    Department,
    HallWindow,
    ItemVersion,
    MaterialRequirement,
    ServiceItem,
)
from ..sync.identity import stable_id  # the same catalog imported on two PCs is one catalog
from .catalog_io import (
    CatalogData,
    DepartmentSpec,
    HallSpec,
    ItemSpec,
    MaterialSpec,
    WindowSpec,
)
from .settings import HALL_KEY, get_json, set_json


@dataclass(frozen=True)
class ImportSummary:
    departments: int
    windows: int
    items_new: int
    items_changed: int
    items_unchanged: int

    def __str__(self) -> str:
        return (f"部门 {self.departments} 个，窗口 {self.windows} 个；事项新增 {self.items_new} 个，"
                f"更新 {self.items_changed} 个（生成新版本），未变 {self.items_unchanged} 个")


def _material_rows(spec: ItemSpec, version: int, terminal: str) -> list[MaterialRequirement]:
    return [
        MaterialRequirement(
            id=stable_id("material_requirement", spec.code, version, i), seq=i, name=m.name,
            form=m.form, copies=m.copies, pages_hint=m.pages_hint,
            requirement=m.requirement, condition=m.condition or "",
            condition_key=m.condition_key or "", note=m.note or "",
            template=m.template or "", origin_terminal=terminal,
        )
        for i, m in enumerate(spec.materials, start=1)
    ]


def _lines(text: str) -> tuple[str, ...]:
    return tuple(p for p in text.split("\n") if p)


def version_to_spec(ver: ItemVersion) -> ItemSpec:
    return ItemSpec(
        code=ver.code, name=ver.name, window=ver.window_code, department=ver.department_code,
        kind=ver.kind, statutory_days=ver.statutory_days, promised_days=ver.promised_days,
        front_desk_can_finish=ver.front_desk_can_finish, conditions=ver.conditions,
        review_points=_lines(ver.review_points), legal_basis=ver.legal_basis,
        delivery=_lines(ver.delivery), fee=ver.fee, agent_allowed=ver.agent_allowed,
        keywords=_lines(ver.keywords),
        materials=tuple(
            MaterialSpec(
                name=m.name, form=m.form, copies=m.copies, pages_hint=m.pages_hint,
                requirement=m.requirement, condition=m.condition or None,
                condition_key=m.condition_key or None, note=m.note or None,
                template=m.template or None,
            )
            for m in ver.materials
        ),
    )


def _apply_spec(ver: ItemVersion, spec: ItemSpec) -> None:
    ver.code, ver.name = spec.code, spec.name
    ver.window_code, ver.department_code = spec.window, spec.department
    ver.kind = spec.kind
    ver.statutory_days, ver.promised_days = spec.statutory_days, spec.promised_days
    ver.front_desk_can_finish = spec.front_desk_can_finish
    ver.conditions, ver.legal_basis, ver.fee = spec.conditions, spec.legal_basis, spec.fee
    ver.review_points = "\n".join(spec.review_points)
    ver.delivery = "\n".join(spec.delivery)
    ver.agent_allowed = spec.agent_allowed
    ver.keywords = "\n".join(spec.keywords)


def save_item_version(
    session: Session, spec: ItemSpec, *, terminal: str, by: str | None, at=None  # type: ignore[no-untyped-def]
) -> tuple[ItemVersion, str]:
    """Store ``spec`` as the item's current version if it differs; returns (version, what)."""
    item = session.execute(select(ServiceItem).where(ServiceItem.code == spec.code)).scalar()
    current = None
    if item is not None and item.current_version_id:
        current = session.get(ItemVersion, item.current_version_id)
    if current is not None and version_to_spec(current) == spec:
        return current, "unchanged"
    if item is None:
        item = ServiceItem(id=stable_id("service_item", spec.code), code=spec.code,
                           origin_terminal=terminal)
        session.add(item)
        session.flush()
    number = (current.version + 1) if current else 1
    ver = ItemVersion(id=stable_id("item_version", spec.code, number), item_id=item.id,
                      version=number, created_by_id=by, effective_at=at, origin_terminal=terminal)
    _apply_spec(ver, spec)
    ver.materials = _material_rows(spec, number, terminal)
    session.add(ver)
    session.flush()
    item.current_version_id = ver.id
    item.active = True
    return ver, "changed" if current else "new"


def import_catalog(session: Session, data: CatalogData, *, terminal: str,
                   by: str | None = None) -> ImportSummary:
    """Upsert departments and windows, version the items. Caller owns the transaction."""
    deps = {d.code: d for d in session.execute(select(Department)).scalars()}
    for spec in data.departments:
        dep = deps.get(spec.code) or Department(
            id=stable_id("department", spec.code), code=spec.code, origin_terminal=terminal)
        dep.name, dep.phone = spec.name, spec.phone or ""
        session.add(dep)
        deps[spec.code] = dep
    session.flush()
    wins = {w.code: w for w in session.execute(select(HallWindow)).scalars()}
    for spec in data.windows:
        win = wins.get(spec.code) or HallWindow(
            id=stable_id("hall_window", spec.code), code=spec.code, origin_terminal=terminal)
        win.name, win.planned_staff, win.staffed_by = spec.name, spec.planned_staff, spec.staffed_by
        win.kind, win.co_departments = spec.kind, "\n".join(spec.co_departments)
        lead = deps.get(spec.lead_department) if spec.lead_department else None
        win.lead_department_id = lead.id if lead else None
        session.add(win)
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    for spec in data.items:
        _, what = save_item_version(session, spec, terminal=terminal, by=by)
        counts[what] += 1
    set_json(session, HALL_KEY, asdict(data.hall))
    return ImportSummary(len(data.departments), len(data.windows), counts["new"],
                         counts["changed"], counts["unchanged"])


def export_catalog(session: Session) -> CatalogData:
    deps = session.execute(select(Department).order_by(Department.code)).scalars().all()
    by_id = {d.id: d.code for d in deps}
    wins = session.execute(select(HallWindow).order_by(HallWindow.code)).scalars().all()
    items = session.execute(
        select(ItemVersion).join(ServiceItem, ServiceItem.current_version_id == ItemVersion.id)
        .where(ServiceItem.active.is_(True)).order_by(ItemVersion.code)
    ).scalars().all()
    hall = get_json(session, HALL_KEY, None)
    return CatalogData(
        hall=HallSpec(**hall) if hall else HallSpec("", "", "", "", "", ""),
        departments=tuple(DepartmentSpec(code=d.code, name=d.name, phone=d.phone or None)
                          for d in deps),
        windows=tuple(
            WindowSpec(code=w.code, name=w.name,
                       lead_department=by_id.get(w.lead_department_id or "", ""),
                       planned_staff=w.planned_staff, staffed_by=w.staffed_by, kind=w.kind,
                       co_departments=_lines(w.co_departments))
            for w in wins
        ),
        items=tuple(version_to_spec(v) for v in items),
    )


def current_versions(session: Session) -> list[ItemVersion]:
    return list(session.execute(
        select(ItemVersion).join(ServiceItem, ServiceItem.current_version_id == ItemVersion.id)
        .where(ServiceItem.active.is_(True)).order_by(ItemVersion.code)
    ).scalars())
