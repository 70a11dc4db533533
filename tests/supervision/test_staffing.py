"""Staff, the staffing plan, training and authorization, and the catalog editor."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.models import CaseFile, ItemVersion
from counter_app.services.catalog.exchange import CatalogError
from counter_app.services.context import PermissionDenied
from counter_app.services.intake.rules import supervision_for
from counter_app.services.people.staffing import CatalogEditor, StaffService

from ..conftest import Hall
from .conftest import accept, at, case_row


def test_staffing_plan_against_registered_and_on_duty(hall: Hall) -> None:
    svc = StaffService(hall.ctx)
    plan = {w.code: w for w in svc.plan()}
    assert sum(w.planned for w in plan.values()) == 55  # the plan's 附件
    assert plan["YDBB"].planned == 18 and plan["GL"].planned == 2
    win = plan[hall.committed.window_code]
    assert win.registered == 3 and win.on_duty == 0  # clerk, trainee, boss; approvers sit behind
    accept(hall)
    assert {w.code: w for w in svc.plan()}[hall.committed.window_code].on_duty == 1


def test_training_stage_with_who_and_when_drives_the_rules(hall: Hall) -> None:
    svc = StaffService(hall.ctx)
    item = hall.committed.code
    with hall.ctx.db.session() as s:
        assert supervision_for(s, hall.trainee.staff_id, item, hall.committed.window_code).needs_co_signer
    at(hall, days=14)
    svc.set_stage(hall.approver, hall.trainee.staff_id, "item", item, "authorized", "考核合格")
    with hall.ctx.db.session() as s:
        assert not supervision_for(s, hall.trainee.staff_id, item, hall.committed.window_code).reasons
    lines = [t for t in svc.training() if t.staff_id == hall.trainee.staff_id]
    by_scope = {(t.scope, t.scope_code): t for t in lines}
    auth = by_scope[("item", item)]
    assert (auth.stage_label, auth.set_by, auth.set_at, auth.note) == \
        ("已授权", "测试approver", hall.clock.now, "考核合格")
    assert by_scope[("window", hall.committed.window_code)].stage == "phase2"
    with pytest.raises(PermissionDenied):
        svc.set_stage(hall.clerk, hall.trainee.staff_id, "item", item, "authorized")
    with pytest.raises(ValueError, match="培训阶段"):
        svc.set_stage(hall.supervisor, hall.trainee.staff_id, "item", item, "expert")


def test_staff_are_managed_by_supervisors(hall: Hall) -> None:
    svc = StaffService(hall.ctx)
    with pytest.raises(PermissionDenied):
        svc.add(hall.clerk, "new1", "新人", "password123", ["clerk"])
    sid = svc.add(hall.supervisor, "new1", "新人", "password123", ["clerk"],
                  window_code=hall.committed.window_code, employer="outsourced")
    svc.update(hall.supervisor, sid, roles=["clerk", "guide"], phone="13900002222")
    line = next(x for x in svc.staff() if x.id == sid)
    assert line.roles == ("clerk", "guide") and line.phone == "13900002222" and line.active
    svc.update(hall.supervisor, sid, active=False)
    assert sid not in {x.id for x in svc.staff(active_only=True)}
    with pytest.raises(ValueError, match="自己"):
        svc.update(hall.supervisor, hall.supervisor.staff_id, active=False)
    with pytest.raises(ValueError, match="窗口编码"):
        svc.update(hall.supervisor, sid, window_code="NOPE")


def test_catalog_edit_makes_a_new_version_and_cases_keep_theirs(hall: Hall) -> None:
    no = accept(hall)
    ed = CatalogEditor(hall.ctx)
    spec = ed.catalog().item(hall.committed.code)
    assert spec is not None
    assert ed.save_item(hall.supervisor, spec)[1] == "unchanged"
    first = spec.materials[0]
    edited = dataclasses.replace(spec, promised_days=spec.promised_days - 1, materials=(
        dataclasses.replace(first, name=first.name + "（新版）", form="复印件"), *spec.materials[1:]))
    version, what = ed.save_item(hall.supervisor, edited)
    assert what == "changed" and version == 2
    saved = ed.catalog().item(spec.code)
    assert saved is not None and saved.materials[0].form == "copy"  # labels are normalised
    with hall.ctx.db.session() as s:
        old = s.get(ItemVersion, case_row(hall, no).item_version_id)
        assert old is not None and old.version == 1
        assert s.execute(select(CaseFile.item_version_id).where(CaseFile.case_no == no)).scalar() == old.id
    with pytest.raises(PermissionDenied):
        ed.save_item(hall.clerk, edited)


def test_a_bad_edit_is_refused_whole(hall: Hall) -> None:
    ed = CatalogEditor(hall.ctx)
    spec = ed.catalog().item(hall.committed.code)
    assert spec is not None
    bad = dataclasses.replace(spec, promised_days=spec.statutory_days + 5)
    with pytest.raises(CatalogError, match="承诺"):
        ed.save_item(hall.supervisor, bad)
    assert ed.catalog().item(spec.code) == spec


def test_catalog_round_trips_through_excel(hall: Hall, tmp_path: Path) -> None:
    ed = CatalogEditor(hall.ctx)
    path = tmp_path / "catalog.xlsx"
    assert ed.export(path) == len(ed.catalog().items)
    summary = ed.import_file(hall.supervisor, path)
    assert summary.items_changed == 0 and summary.items_new == 0
    with pytest.raises(PermissionDenied):
        ed.import_file(hall.clerk, path)
