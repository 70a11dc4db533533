"""Writing the YAML/JSON shape: specs back to plain dicts, and an item's fingerprint.

Enums stay ASCII and optional fields are left out when empty, so a saved file reads like a
hand-written one. item_digest hashes an item's dict so a case records which version of the
checklist it was received under.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from .spec import FORMAT_ID, CatalogData, DepartmentSpec, FeeSpec, ItemSpec, MaterialSpec, SpecialProcedure


def _money(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def fee_to_dict(fee: FeeSpec) -> dict[str, Any]:
    out: dict[str, Any] = {"free": fee.free}
    for name in ("basis", "payer", "note"):
        if getattr(fee, name) is not None:
            out[name] = getattr(fee, name)
    if fee.tiers:
        tiers = []
        for t in fee.tiers:
            row: dict[str, Any] = {"name": t.name, "amount": _money(t.amount), "unit": t.unit}
            if t.condition is not None:
                row["condition"] = t.condition
            if t.extra_certificate is not None:
                row["extra_certificate"] = _money(t.extra_certificate)
            if t.waiver:
                row["waiver"] = True
            if t.basis is not None:
                row["basis"] = t.basis
            tiers.append(row)
        out["tiers"] = tiers
    return out


def _procedure_dict(p: SpecialProcedure) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": p.kind}
    if p.days is not None:
        out["days"] = p.days
    out.update(unit=p.unit, counted=p.counted)
    if p.note is not None:
        out["note"] = p.note
    return out


def department_to_dict(d: DepartmentSpec) -> dict[str, Any]:
    out: dict[str, Any] = {"code": d.code, "name": d.name}
    if d.phone:
        out["phone"] = d.phone
    if d.nature != "organ":
        out["nature"] = d.nature
    for name in ("credit_code", "seal_text", "reconsideration_body", "court", "complaint_channel"):
        if getattr(d, name) is not None:
            out[name] = getattr(d, name)
    return out


def _material_dict(m: MaterialSpec) -> dict[str, Any]:
    out: dict[str, Any] = {"name": m.name, "form": m.form, "copies": m.copies}
    if m.pages_hint is not None:
        out["pages_hint"] = m.pages_hint
    out["requirement"] = m.requirement
    for name in ("condition", "condition_key", "note", "template"):
        if getattr(m, name) is not None:
            out[name] = getattr(m, name)
    for name in ("originals", "photocopies"):  # left out when an older file gave neither
        if getattr(m, name) is not None:
            out[name] = getattr(m, name)
    if m.source != "applicant":
        out["source"] = m.source
    if m.issuer is not None:
        out["issuer"] = m.issuer
    if m.shared:
        out["shared"] = True
    if m.medium != "paper":
        out["medium"] = m.medium
    if m.standard is not None:
        out["standard"] = m.standard
    return out


def item_to_dict(item: ItemSpec) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": item.code,
        "name": item.name,
        "window": item.window,
        "department": item.department,
        "item_type": item.item_type,
        "kind": item.kind,
        "statutory_days": item.statutory_days,
        "statutory_unit": item.statutory_unit,
        "promised_days": item.promised_days,
        "promised_unit": item.promised_unit,
        "front_desk_can_finish": item.front_desk_can_finish,
    }
    for name in ("basic_code", "impl_code", "limit_note"):
        if getattr(item, name) is not None:
            out[name] = getattr(item, name)
    if item.special_procedures:
        out["special_procedures"] = [_procedure_dict(p) for p in item.special_procedures]
    if not item.agent_allowed:
        out["agent_allowed"] = False
    out.update(
        conditions=item.conditions,
        review_points=list(item.review_points),
        legal_basis=item.legal_basis,
        delivery=list(item.delivery),
        fee=fee_to_dict(item.fee),
    )
    for name in ("acceptance_basis", "place"):
        if getattr(item, name) is not None:
            out[name] = getattr(item, name)
    if item.keywords:
        out["keywords"] = list(item.keywords)
    if item.sources:
        out["sources"] = list(item.sources)
    out["check_state"] = item.check_state
    if item.checked_by is not None:
        out["checked_by"] = item.checked_by
    if item.checked_on is not None:
        out["checked_on"] = item.checked_on.isoformat()
    if item.unconfirmed is not None:
        out["unconfirmed"] = item.unconfirmed
    out["materials"] = [_material_dict(m) for m in item.materials]
    return out


SIGN_OFF_FIELDS = ("check_state", "checked_by", "checked_on")


def item_digest(item: ItemSpec, *, with_sign_off: bool = True) -> str:
    """A stable fingerprint of an item's checklist, so a case can record which version it
    was received under and a changed guide is noticed. ``with_sign_off=False`` leaves out
    who checked it: the content alone."""
    data = item_to_dict(item)
    if not with_sign_off:
        for name in SIGN_OFF_FIELDS:
            data.pop(name, None)
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def catalog_to_dict(data: CatalogData) -> dict[str, Any]:
    """The YAML/JSON shape: ASCII enums, optional fields left out when empty."""
    h = data.hall
    windows = []
    for w in data.windows:
        wd: dict[str, Any] = {"code": w.code, "name": w.name, "kind": w.kind}
        wd.update(lead_department=w.lead_department)
        if w.co_departments:
            wd["co_departments"] = list(w.co_departments)
        wd.update(planned_staff=w.planned_staff, staffed_by=w.staffed_by)
        windows.append(wd)
    hall: dict[str, Any] = {
        "name": h.name,
        "region_code": h.region_code,
        "complaint_phone": h.complaint_phone,
        "supervision_phone": h.supervision_phone,
        "address": h.address,
        "progress_url": h.progress_url,
    }
    if h.doc_prefix:
        hall["doc_prefix"] = h.doc_prefix
    hall.update(seal_text=h.seal_text, seal_authorized=h.seal_authorized)
    return {
        "format": FORMAT_ID,  # what is written is always the current format
        "hall": hall,
        "departments": [department_to_dict(d) for d in data.departments],
        "windows": windows,
        "items": [item_to_dict(i) for i in data.items],
    }
