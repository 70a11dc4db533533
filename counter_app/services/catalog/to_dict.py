"""Writing the YAML/JSON shape: specs back to plain dicts, and an item's fingerprint.

Enums stay ASCII and optional fields are left out when empty, so a saved file reads like a
hand-written one. item_digest hashes an item's dict so a case records which version of the
checklist it was received under.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .spec import CatalogData, ItemSpec, MaterialSpec


def _material_dict(m: MaterialSpec) -> dict[str, Any]:
    out: dict[str, Any] = {"name": m.name, "form": m.form, "copies": m.copies}
    if m.pages_hint is not None:
        out["pages_hint"] = m.pages_hint
    out["requirement"] = m.requirement
    for name in ("condition", "condition_key", "note", "template"):
        if getattr(m, name) is not None:
            out[name] = getattr(m, name)
    return out


def item_to_dict(item: ItemSpec) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": item.code,
        "name": item.name,
        "window": item.window,
        "department": item.department,
        "kind": item.kind,
        "statutory_days": item.statutory_days,
        "promised_days": item.promised_days,
        "front_desk_can_finish": item.front_desk_can_finish,
    }
    if not item.agent_allowed:
        out["agent_allowed"] = False
    out.update(
        conditions=item.conditions,
        review_points=list(item.review_points),
        legal_basis=item.legal_basis,
        delivery=list(item.delivery),
        fee=item.fee,
    )
    if item.keywords:
        out["keywords"] = list(item.keywords)
    out["materials"] = [_material_dict(m) for m in item.materials]
    return out


def item_digest(item: ItemSpec) -> str:
    """A stable fingerprint of an item's checklist, so a case can record which version it
    was received under and a changed guide is noticed."""
    blob = json.dumps(item_to_dict(item), ensure_ascii=False, sort_keys=True)
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
    return {
        "format": data.format,
        "hall": {
            "name": h.name,
            "region_code": h.region_code,
            "complaint_phone": h.complaint_phone,
            "supervision_phone": h.supervision_phone,
            "address": h.address,
            "progress_url": h.progress_url,
        },
        "departments": [
            {"code": d.code, "name": d.name, **({"phone": d.phone} if d.phone else {})}
            for d in data.departments
        ],
        "windows": windows,
        "items": [item_to_dict(i) for i in data.items],
    }
