"""Issue 16: the intake service decides every checklist rule itself, whatever a client sends.

Each test goes through IntakeService (no widget), and each refused call leaves nothing
recorded: no case, no event.
"""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from counter_app.models import CaseFile, CaseMaterial, Event
from counter_app.services.context import PermissionDenied
from counter_app.services.intake.service import IntakeError, IntakeService, MaterialEntry

from .conftest import Hall
from .helpers import complete_intake


def _counts(hall: Hall) -> tuple[int, int]:
    with hall.ctx.db.session() as s:
        return (s.execute(select(func.count()).select_from(CaseFile)).scalar_one(),
                s.execute(select(func.count()).select_from(Event)).scalar_one())


def _required(intake):  # type: ignore[no-untyped-def]
    return [m for m in intake.materials if m.requirement == "required"]


def test_a_required_material_marked_not_applicable_is_refused(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    target = _required(intake)[0]
    target.state = "not_applicable"
    before = _counts(hall)
    with pytest.raises(IntakeError, match=f"“{target.name}”是必交材料，不能标为不适用"):
        svc.record(hall.clerk, intake, "accept")
    assert _counts(hall) == before


def test_a_client_that_relabels_a_required_material_is_not_believed(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    target = _required(intake)[0]
    target.requirement, target.state = "optional", "missing"  # the client lies twice
    with pytest.raises(IntakeError, match="材料不齐全"):
        svc.record(hall.clerk, intake, "accept")
    res = svc.record(hall.clerk, intake, "notify")
    with hall.ctx.db.session() as s:
        rows = s.execute(select(CaseMaterial).join(CaseFile)
                         .where(CaseFile.case_no == res.case_no)).scalars().all()
    assert {m.name: m.requirement for m in rows}[target.name] == "required"


def test_a_checklist_cut_down_to_one_entry_is_refused(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    lost = intake.materials[1].name
    intake.materials = intake.materials[:1]
    before = _counts(hall)
    for decision in ("accept", "notify", "hold"):
        with pytest.raises(IntakeError, match=f"材料清单与.*不一致：缺少“{lost}”"):
            svc.record(hall.clerk, intake, decision)
    assert _counts(hall) == before


def test_a_checklist_with_a_material_of_another_item_is_refused(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    other = complete_intake(svc, hall.immediate.code).materials[0]
    intake.materials.append(other)
    with pytest.raises(IntakeError, match="多出不属于本事项的"):
        svc.record(hall.clerk, intake, "accept")
    intake.materials[-1] = dataclasses.replace(intake.materials[0])
    with pytest.raises(IntakeError, match="出现了两次"):
        svc.record(hall.clerk, intake, "accept")


def test_an_unknown_material_state_is_refused(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    intake.materials[0].state = "lost"
    with pytest.raises(IntakeError, match="状态“lost”无效"):
        svc.record(hall.clerk, intake, "accept")


def test_the_delivery_method_must_be_one_the_item_offers(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    assert intake.delivery == "窗口领取"  # the item's first option
    intake.delivery = "快递到家"
    before = _counts(hall)
    with pytest.raises(IntakeError, match="不能快递到家；可选：窗口领取"):
        svc.record(hall.clerk, intake, "accept")
    assert _counts(hall) == before
    intake.delivery = "窗口领取"
    assert svc.record(hall.clerk, intake, "accept").status == "accepted"


def _waiting_case(hall: Hall, svc: IntakeService, actor=None):  # type: ignore[no-untyped-def]
    intake = complete_intake(svc, hall.committed.code)
    gaps = _required(intake)[:2]
    for m in gaps:
        m.state = "missing"
    return svc.record(actor or hall.clerk, intake, "notify").case_no, gaps, intake


def _entry(m: MaterialEntry, state: str) -> MaterialEntry:
    return MaterialEntry(name=m.name, requirement=m.requirement, state=state, form="original",
                         copies=1 if state == "received" else 0, pages=1)


def test_supplement_cannot_un_receive_a_material(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    case_no, _gaps, intake = _waiting_case(hall, svc)
    got = next(m for m in intake.materials if m.state == "received")
    before = _counts(hall)
    for state in ("missing", "defective", "not_applicable"):
        with pytest.raises(IntakeError, match=f"“{got.name}”已经收取，不能改为"):
            svc.supplement(hall.clerk, case_no, [dataclasses.replace(_entry(got, state),
                                                                      reason="看错了")])
    assert _counts(hall) == before


def test_supplement_refuses_required_not_applicable_and_unknown_material(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    case_no, gaps, _intake = _waiting_case(hall, svc)
    with pytest.raises(IntakeError, match="必交材料，不能标为不适用"):
        svc.supplement(hall.clerk, case_no, [_entry(gaps[0], "not_applicable")])
    with pytest.raises(IntakeError, match="没有材料“不存在的材料”"):
        svc.supplement(hall.clerk, case_no, [_entry(dataclasses.replace(
            gaps[0], name="不存在的材料"), "received")])
    with pytest.raises(IntakeError, match="请填写原因"):
        svc.supplement(hall.clerk, case_no, [_entry(gaps[0], "defective")])
    with pytest.raises(IntakeError, match="份数应至少为 1"):
        svc.supplement(hall.clerk, case_no, [dataclasses.replace(
            _entry(gaps[0], "received"), copies=0)])


def test_an_empty_supplement_records_nothing(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    case_no, gaps, _intake = _waiting_case(hall, svc)
    before = _counts(hall)
    with pytest.raises(IntakeError, match="没有标记任何补交"):
        svc.supplement(hall.clerk, case_no, [])
    with pytest.raises(IntakeError, match="没有标记任何补交"):  # marks identical to the case's
        svc.supplement(hall.clerk, case_no, [_entry(gaps[0], "missing")])
    assert _counts(hall) == before


def test_supplement_refuses_the_clerk_as_their_own_co_signer(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    case_no, gaps, _intake = _waiting_case(hall, svc, hall.trainee)
    last = [_entry(m, "received") for m in gaps]
    with pytest.raises(IntakeError, match="陪同受理"):
        svc.supplement(hall.trainee, case_no, last)
    before = _counts(hall)
    with pytest.raises(PermissionDenied, match="另一名审批人员"):
        svc.supplement(hall.trainee, case_no, last, co_signer=hall.trainee)
    with pytest.raises(PermissionDenied, match="另一名审批人员"):
        svc.supplement(hall.trainee, case_no, last, co_signer=hall.clerk)  # not an approver
    assert _counts(hall) == before
    done = svc.supplement(hall.trainee, case_no, last, co_signer=hall.approver)
    assert done.status == "accepted"


def test_record_refuses_the_clerk_as_their_own_co_signer_even_when_none_is_needed(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    with pytest.raises(PermissionDenied, match="另一名审批人员"):
        svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept",
                   co_signer=hall.clerk)
