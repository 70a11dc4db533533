"""Editing an item creates a new version; a case keeps the version it was received under."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from counter_app.models import CaseFile, ItemVersion, ServiceItem
from counter_app.services.catalog.store import import_catalog, save_item_version
from counter_app.services.intake.service import IntakeService

from .conftest import Hall
from .helpers import complete_intake


def test_edit_creates_version_and_old_case_keeps_its_checklist(hall: Hall, shipped_catalog) -> None:  # type: ignore[no-untyped-def]
    svc = IntakeService(hall.ctx)
    old_case = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    spec = shipped_catalog.item(hall.committed.code)
    extra = dataclasses.replace(spec.materials[0], name="新增：承诺书")
    edited = dataclasses.replace(spec, materials=(*spec.materials, extra), promised_days=1)
    with hall.ctx.db.transaction() as s:
        ver, what = save_item_version(s, edited, terminal="01", by=hall.supervisor.staff_id)
        assert what == "changed" and ver.version == 2
    new_case = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    with hall.ctx.db.session() as s:
        versions = {c.case_no: c.item_version_id for c in s.execute(select(CaseFile)).scalars()}
        old_ver = s.get(ItemVersion, versions[old_case.case_no])
        new_ver = s.get(ItemVersion, versions[new_case.case_no])
        assert old_ver.version == 1 and new_ver.version == 2
        assert "新增：承诺书" not in [m.name for m in old_ver.materials]
        assert "新增：承诺书" in [m.name for m in new_ver.materials]
        item = s.execute(select(ServiceItem).where(ServiceItem.code == spec.code)).scalar_one()
        assert item.current_version_id == new_ver.id
        new_case_row = s.execute(select(CaseFile).where(CaseFile.case_no == new_case.case_no)
                                 ).scalar_one()
        assert len(new_case_row.materials) == len(old_ver.materials) + 1


def test_reimporting_the_same_catalog_changes_nothing(hall: Hall, shipped_catalog) -> None:  # type: ignore[no-untyped-def]
    with hall.ctx.db.transaction() as s:
        summary = import_catalog(s, shipped_catalog, terminal="01")
    assert summary.items_new == 0 and summary.items_changed == 0
    assert summary.items_unchanged == len(shipped_catalog.items)
