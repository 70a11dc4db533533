"""Putting a catalog into the database and taking it out again, with versions.

Importing compares each item with its current version: an unchanged item is left alone, a
changed one gets a new version (cases keep pointing at the version they were received
under). The whole import is one transaction: a bad file changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...ids.stable import stable_id  # the same catalog imported on two PCs is one catalog
from ...models import Department, HallWindow, ItemVersion, MaterialRequirement, ServiceItem
from ..settings import HALL_KEY, get_json, set_json
from .build import _build_fee, _ItemRecs
from .checker import _Checker, _Rec
from .exchange import (
    CatalogData,
    DepartmentSpec,
    FeeSpec,
    HallSpec,
    ItemSpec,
    MaterialSpec,
    SpecialProcedure,
    WindowSpec,
)
from .to_dict import SIGN_OFF_FIELDS, fee_to_dict


@dataclass(frozen=True)
class ImportSummary:
    departments: int
    windows: int
    items_new: int
    items_changed: int
    items_unchanged: int
    migrated_from: str | None = None  # an old catalog format
    unconfirmed: tuple[str, ...] = ()  # items whose limits were read as 工作日, to be checked

    def __str__(self) -> str:
        text = (f"部门 {self.departments} 个，窗口 {self.windows} 个；事项新增 {self.items_new} 个，"
                f"更新 {self.items_changed} 个（生成新版本），未变 {self.items_unchanged} 个")
        if self.migrated_from:
            text += (f"\n旧格式目录（{self.migrated_from}）：以下 {len(self.unconfirmed)} 个事项的时限按"
                     f"工作日读入，事项类型和收费未经核对，已标为待核对：{'、'.join(self.unconfirmed)}")
        return text


def _material_rows(spec: ItemSpec, version: int, terminal: str) -> list[MaterialRequirement]:
    return [
        MaterialRequirement(
            id=stable_id("material_requirement", spec.code, version, i), seq=i, name=m.name,
            form=m.form, copies=m.copies, pages_hint=m.pages_hint,
            requirement=m.requirement, condition=m.condition or "",
            condition_key=m.condition_key or "", note=m.note or "",
            template=m.template or "", originals=m.originals, photocopies=m.photocopies,
            source=m.source, issuer=m.issuer or "", shared=m.shared, medium=m.medium,
            standard=m.standard or "", origin_terminal=terminal,
        )
        for i, m in enumerate(spec.materials, start=1)
    ]


def _lines(text: str) -> tuple[str, ...]:
    return tuple(p for p in text.split("\n") if p)


def _fee(raw: Any, legacy_text: str) -> FeeSpec:
    """The stored schedule (checked when it was imported), or a pre-0005 row's free text."""
    ck = _Checker()
    if isinstance(raw, dict):
        tiers = [_Rec("fees", t, "items", None) for t in raw.get("tiers") or ()]
        recs = _ItemRecs(_Rec("items", {}, "items", None), [], _Rec("fee", raw, "items", None),
                         tiers)
        fee = _build_fee(recs, ck, legacy=False)
    else:
        recs = _ItemRecs(_Rec("items", {"fee": legacy_text}, "items", None), [])
        fee = _build_fee(recs, ck, legacy=True)
    return fee if fee is not None else FeeSpec(free=False, note=legacy_text or None)


def _law(ver: ItemVersion) -> dict[str, Any]:
    return _law_of(ver.law)


def _law_of(text: str | None) -> dict[str, Any]:
    try:
        law = json.loads(text or "{}")
    except ValueError:
        law = {}
    return law if isinstance(law, dict) else {}


def unconfirmed_note(law_text: str | None) -> str | None:
    """``version_to_spec(v).unconfirmed`` from the stored ``law`` column alone."""
    law = _law_of(law_text)
    return law.get("unconfirmed") if "law_saved" in law else _OLD_ROW


def version_to_spec(ver: ItemVersion) -> ItemSpec:
    law = _law(ver)
    return ItemSpec(
        code=ver.code, name=ver.name, window=ver.window_code, department=ver.department_code,
        kind=ver.kind, statutory_days=ver.statutory_days, promised_days=ver.promised_days,
        front_desk_can_finish=ver.front_desk_can_finish, conditions=ver.conditions,
        review_points=_lines(ver.review_points), legal_basis=ver.legal_basis,
        delivery=_lines(ver.delivery), fee=_fee(law.get("fee"), ver.fee),
        agent_allowed=ver.agent_allowed, keywords=_lines(ver.keywords),
        item_type=ver.item_type or "unknown", statutory_unit=ver.statutory_unit or "workday",
        promised_unit=ver.promised_unit or "workday", limit_note=law.get("limit_note"),
        special_procedures=tuple(SpecialProcedure(**p) for p in law.get("procedures") or ()),
        acceptance_basis=law.get("acceptance_basis"), basic_code=law.get("basic_code"),
        impl_code=law.get("impl_code"), place=law.get("place"),
        sources=tuple(law.get("sources") or ()), check_state=ver.check_state or "pending",
        checked_by=ver.checked_by or None, checked_on=ver.checked_on,
        unconfirmed=law.get("unconfirmed") if "law_saved" in law else _OLD_ROW,
        materials=tuple(
            MaterialSpec(
                name=m.name, form=m.form, copies=m.copies, pages_hint=m.pages_hint,
                requirement=m.requirement, condition=m.condition or None,
                condition_key=m.condition_key or None, note=m.note or None,
                template=m.template or None, originals=m.originals, photocopies=m.photocopies,
                source=m.source or "applicant", issuer=m.issuer or None, shared=bool(m.shared),
                medium=m.medium or "paper", standard=m.standard or None,
            )
            for m in ver.materials
        ),
    )


_OLD_ROW = "升级前的目录数据：时限按工作日读入、事项类型和收费未经结构化，均待核对"


def _apply_spec(ver: ItemVersion, spec: ItemSpec) -> None:
    ver.code, ver.name = spec.code, spec.name
    ver.window_code, ver.department_code = spec.window, spec.department
    ver.kind = spec.kind
    ver.statutory_days, ver.promised_days = spec.statutory_days, spec.promised_days
    ver.front_desk_can_finish = spec.front_desk_can_finish
    ver.conditions, ver.legal_basis = spec.conditions, spec.legal_basis
    ver.fee = spec.fee.summary[:200]  # what search and the guide show
    ver.item_type = spec.item_type
    ver.statutory_unit, ver.promised_unit = spec.statutory_unit, spec.promised_unit
    ver.check_state, ver.checked_by = spec.check_state, spec.checked_by or ""
    ver.checked_on = spec.checked_on
    ver.law = json.dumps({
        "law_saved": 1,
        "fee": fee_to_dict(spec.fee),
        "limit_note": spec.limit_note,
        "procedures": [asdict(p) for p in spec.special_procedures],
        "acceptance_basis": spec.acceptance_basis,
        "basic_code": spec.basic_code,
        "impl_code": spec.impl_code,
        "place": spec.place,
        "sources": list(spec.sources),
        "unconfirmed": spec.unconfirmed,
    }, ensure_ascii=False, sort_keys=True)
    ver.review_points = "\n".join(spec.review_points)
    ver.delivery = "\n".join(spec.delivery)
    ver.agent_allowed = spec.agent_allowed
    ver.keywords = "\n".join(spec.keywords)


@dataclass
class _Known:
    """Every item and current version, read once for a whole import: no query (and so no
    autoflush) per item, and the new rows go to the database in one flush."""

    items: dict[str, ServiceItem]
    versions: dict[str, ItemVersion]

    @classmethod
    def read(cls, session: Session) -> _Known:
        items = {i.code: i for i in session.execute(select(ServiceItem)).scalars()}
        current = [i.current_version_id for i in items.values() if i.current_version_id]
        versions = {v.id: v for v in session.execute(
            select(ItemVersion).where(ItemVersion.id.in_(current))).scalars()} if current else {}
        return cls(items, versions)


def save_item_version(
    session: Session, spec: ItemSpec, *, terminal: str, by: str | None, at=None,
    known: _Known | None = None,
) -> tuple[ItemVersion, str]:
    """Store ``spec`` as the item's current version if it differs; returns (version, what)."""
    if known is not None:
        item = known.items.get(spec.code)
    else:
        item = session.execute(select(ServiceItem).where(ServiceItem.code == spec.code)).scalar()
    current = None
    if item is not None and item.current_version_id:
        current = (known.versions.get(item.current_version_id) if known is not None
                   else session.get(ItemVersion, item.current_version_id))
    if current is not None and version_to_spec(current) == spec:
        return current, "unchanged"
    if current is not None and spec.check_state == "checked":
        old = version_to_spec(current)
        if _content(old) != _content(spec):
            # A new version of a checked item goes back to 待核对: its sign-off was for the
            # old content, and only the department's approver can sign the new one.
            spec = replace(spec, check_state="pending", checked_by=None, checked_on=None)
            if version_to_spec(current) == spec:
                return current, "unchanged"
    if item is None:
        item = ServiceItem(id=stable_id("service_item", spec.code), code=spec.code,
                           origin_terminal=terminal)
        session.add(item)
        session.flush()  # the version's foreign key needs the item's row first
    number = (current.version + 1) if current else 1
    ver = ItemVersion(id=stable_id("item_version", spec.code, number), item_id=item.id,
                      version=number, created_by_id=by, effective_at=at, origin_terminal=terminal)
    _apply_spec(ver, spec)
    ver.materials = _material_rows(spec, number, terminal)
    session.add(ver)
    if known is None:
        session.flush()
    item.current_version_id = ver.id
    item.active = True
    return ver, "changed" if current else "new"


def _content(spec: ItemSpec) -> ItemSpec:
    blank: dict[str, Any] = dict.fromkeys(SIGN_OFF_FIELDS[1:])
    return replace(spec, **blank, check_state="pending")


def _body(spec: DepartmentSpec) -> str:
    return json.dumps({k: getattr(spec, k) for k in (
        "credit_code", "seal_text", "reconsideration_body", "court", "complaint_channel")},
        ensure_ascii=False, sort_keys=True)


def department_spec(dep: Department) -> DepartmentSpec:
    try:
        body = json.loads(dep.body or "{}")
    except ValueError:
        body = {}
    keys = ("credit_code", "seal_text", "reconsideration_body", "court", "complaint_channel")
    return DepartmentSpec(code=dep.code, name=dep.name, phone=dep.phone or None,
                          nature=dep.nature or "organ",
                          **{k: body.get(k) for k in keys if isinstance(body, dict)})


def import_catalog(session: Session, data: CatalogData, *, terminal: str,
                   by: str | None = None) -> ImportSummary:
    """Upsert departments and windows, version the items. Caller owns the transaction."""
    deps = {d.code: d for d in session.execute(select(Department)).scalars()}
    for spec in data.departments:
        dep = deps.get(spec.code) or Department(
            id=stable_id("department", spec.code), code=spec.code, origin_terminal=terminal)
        dep.name, dep.phone = spec.name, spec.phone or ""
        dep.nature, dep.body = spec.nature, _body(spec)
        session.add(dep)
        deps[spec.code] = dep
    session.flush()
    wins = {w.code: w for w in session.execute(select(HallWindow)).scalars()}
    for wspec in data.windows:
        win = wins.get(wspec.code) or HallWindow(
            id=stable_id("hall_window", wspec.code), code=wspec.code, origin_terminal=terminal)
        win.name, win.planned_staff, win.staffed_by = wspec.name, wspec.planned_staff, wspec.staffed_by
        win.kind, win.co_departments = wspec.kind, "\n".join(wspec.co_departments)
        lead = deps.get(wspec.lead_department) if wspec.lead_department else None
        win.lead_department_id = lead.id if lead else None
        session.add(win)
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    known = _Known.read(session)
    for ispec in data.items:  # new items first, in one flush: their versions refer to them
        if ispec.code not in known.items:
            known.items[ispec.code] = ServiceItem(id=stable_id("service_item", ispec.code),
                                                  code=ispec.code, origin_terminal=terminal)
            session.add(known.items[ispec.code])
    session.flush()
    for ispec in data.items:
        _, what = save_item_version(session, ispec, terminal=terminal, by=by, known=known)
        counts[what] += 1
    session.flush()
    set_json(session, HALL_KEY, asdict(data.hall))
    return ImportSummary(len(data.departments), len(data.windows), counts["new"],
                         counts["changed"], counts["unchanged"], data.migrated_from,
                         tuple(i.code for i in data.items) if data.migrated_from else ())


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
        hall=HallSpec(**hall) if hall else HallSpec("", "", "", "", "", ""),  # old keys: defaults
        departments=tuple(department_spec(d) for d in deps),
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
