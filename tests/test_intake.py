"""The counter's rules, through the Qt-free intake service on a real database."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from counter_app.models import CaseFile, CaseReturn, Event, Notice
from counter_app.services.deadlines.five_day import flag_deemed_accepted
from counter_app.services.intake.numbering import parse_number
from counter_app.services.intake.rules import clear_co_acceptance
from counter_app.services.intake.service import IntakeError, IntakeService, completeness

from .conftest import Hall
from .helpers import complete_intake, fill_person


def _case(hall: Hall, case_no: str) -> CaseFile:
    with hall.ctx.db.session() as s:
        case = s.execute(select(CaseFile).where(CaseFile.case_no == case_no)).scalar_one()
        s.expunge_all()
        return case


def test_accept_complete_case(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    res = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    assert res.status == "accepted" and res.documents == ("acceptance",)
    assert parse_number(res.case_no).terminal == "01"
    case = _case(hall, res.case_no)
    assert case.accepted_on == hall.clock.now.date()
    assert case.item_version_id == hall.committed.id
    assert case.promised_due is not None and case.promised_due > case.accepted_on
    assert case.statutory_due is not None and case.statutory_due >= case.promised_due
    with hall.ctx.db.session() as s:
        kinds = s.execute(select(Event.kind).where(Event.case_id == case.id)
                          .order_by(Event.seq)).scalars().all()
    assert kinds == ["received", "accepted"]


def test_incomplete_case_cannot_be_accepted_and_notice_lists_everything(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    needed = [m for m in intake.materials if m.requirement in ("required", "conditional")
              and m.state != "not_applicable"]
    needed[0].state = "missing"
    needed[-1].state, needed[-1].reason = "defective", "复印件不清晰"
    with pytest.raises(IntakeError, match="材料不齐全"):
        svc.record(hall.clerk, intake, "accept")
    res = svc.record(hall.clerk, intake, "notify")
    assert res.status == "awaiting_supplement" and res.documents == ("one_time_notice",)
    with hall.ctx.db.session() as s:
        notice = s.execute(select(Notice)).scalar_one()
    import json

    listed = {(x["name"], x["state"]) for x in json.loads(notice.content)}
    assert listed == {(needed[0].name, "missing"), (needed[-1].name, "defective")}


def test_complete_case_needs_no_notice(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    with pytest.raises(IntakeError, match="无需一次性告知"):
        svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "notify")


def test_not_accept_needs_reason(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    with pytest.raises(IntakeError, match="理由"):
        svc.record(hall.clerk, intake, "not_accept")
    res = svc.record(hall.clerk, intake, "not_accept", reason="不属于本中心受理范围",
                     redirect="县公安局户政大厅")
    assert res.status == "not_accepted" and res.documents == ("not_accepted",)


def test_finish_on_the_spot_only_for_authorized_immediate_items(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    with pytest.raises(IntakeError, match="当场办结"):
        svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "finish")
    res = svc.record(hall.clerk, complete_intake(svc, hall.immediate.code), "finish")
    assert res.status == "finished"


def test_agent_adds_the_letter_of_authorization(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    alone = svc.new_intake(hall.committed.code, "person", has_agent=False)
    with_agent = svc.new_intake(hall.committed.code, "person", has_agent=True)
    agent_req = {m.name for m in hall.committed.materials if m.condition_key == "agent"}
    assert all(m.state == "not_applicable" for m in alone.materials if m.name in agent_req)
    assert all(m.requirement == "required" and m.state == "missing"
               for m in with_agent.materials if m.name in agent_req)
    assert completeness(with_agent.materials).needed > completeness(alone.materials).needed


def test_bad_applicant_data_is_refused_with_field_names(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    intake.applicant.id_no = "110105194912310021"  # wrong check digit
    intake.applicant.phone = "123"
    with pytest.raises(IntakeError) as exc:
        svc.record(hall.clerk, intake, "accept")
    fields = {i.field for i in exc.value.issues}
    assert {"申请人身份证号", "联系电话"} <= fields
    with hall.ctx.db.session() as s:
        assert s.execute(select(CaseFile)).first() is None  # nothing half-recorded


def test_credit_code_checksum_warning_needs_a_reason(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    intake.applicant.kind = "organisation"
    intake.applicant.name = "罗山县鑫源商贸有限公司"
    intake.applicant.legal_rep = "王芳"
    intake.applicant.id_no = "91110000600037341M"  # checksum fails: early pilot code
    intake = svc.refresh(intake)
    for m in intake.materials:
        if m.state == "missing":
            m.state, m.copies = "received", 1
    with pytest.raises(IntakeError, match="统一社会信用代码"):
        svc.record(hall.clerk, intake, "accept")
    intake.override_reason = "营业执照原件核对无误，早期试点代码"
    res = svc.record(hall.clerk, intake, "accept")
    assert _case(hall, res.case_no).override_note.startswith("营业执照")


def test_trainee_needs_an_approver_at_the_counter(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    with pytest.raises(IntakeError, match="陪同受理"):
        svc.record(hall.trainee, complete_intake(svc, hall.committed.code), "accept")
    res = svc.record(hall.trainee, complete_intake(svc, hall.committed.code), "accept",
                     co_signer=hall.approver)
    assert _case(hall, res.case_no).co_clerk_id == hall.approver.staff_id


def test_two_returns_require_co_acceptance_until_cleared(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    first = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    case = _case(hall, first.case_no)
    with hall.ctx.db.transaction() as s:
        for i in range(2):
            s.add(CaseReturn(case_id=case.id, clerk_id=hall.clerk.staff_id,
                             item_code=hall.committed.code, approver_id=hall.approver.staff_id,
                             reason="材料不符", returned_at=hall.clock.now + timedelta(minutes=i)))
    hall.clock.now += timedelta(hours=1)
    with pytest.raises(IntakeError, match="共同受理"):
        svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    with hall.ctx.db.transaction() as s:
        clear_co_acceptance(s, staff_id=hall.clerk.staff_id, item_code=hall.committed.code,
                            cleared_by_id=hall.approver.staff_id, at=hall.clock.now,
                            terminal="01")
    hall.clock.now += timedelta(minutes=1)
    assert svc.record(hall.clerk, complete_intake(svc, hall.committed.code),
                      "accept").status == "accepted"


def test_resume_accepts_on_the_day_the_last_material_arrived(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    gaps = [m for m in intake.materials if m.requirement == "required"][:2]
    for m in gaps:
        m.state = "missing"
    res = svc.record(hall.clerk, intake, "notify")
    hall.clock.now = datetime(2026, 11, 25, 10, 0)
    part = svc.supplement(hall.clerk, res.case_no, [
        type(gaps[0])(name=gaps[0].name, requirement="required", state="received",
                      form="original", copies=1, pages=1)])
    assert part.status == "awaiting_supplement" and part.documents == ("supplement_receipt",)
    hall.clock.now = datetime(2026, 11, 26, 15, 0)
    done = svc.supplement(hall.clerk, res.case_no, [
        type(gaps[1])(name=gaps[1].name, requirement="required", state="received",
                      form="original", copies=1, pages=3)])
    assert done.status == "accepted"
    assert done.documents == ("supplement_receipt", "acceptance")
    assert _case(hall, res.case_no).accepted_on == datetime(2026, 11, 26).date()


def test_no_notice_within_five_working_days_is_deemed_accepted(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = fill_person(svc.new_intake(hall.committed.code))
    res = svc.record(hall.clerk, intake, "hold")
    assert res.status == "received"
    monday = hall.clock.now.date()
    assert flag_deemed_accepted(hall.ctx, monday + timedelta(days=7)) == []  # 5th working day
    assert flag_deemed_accepted(hall.ctx, monday + timedelta(days=8)) == [res.case_no]
    case = _case(hall, res.case_no)
    assert case.deemed_accepted and case.accepted_on == monday


def test_training_cases_are_marked(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    intake.is_training = True
    res = svc.record(hall.clerk, intake, "accept")
    assert _case(hall, res.case_no).is_training


def test_clerk_role_is_required(hall: Hall) -> None:
    from counter_app.services.context import PermissionDenied

    svc = IntakeService(hall.ctx)
    with pytest.raises(PermissionDenied):
        svc.record(hall.approver, complete_intake(svc, hall.committed.code), "accept")


def test_in_person_items_refuse_an_agent(hall: Hall) -> None:
    from sqlalchemy import select as sel

    from counter_app.models import ItemVersion, ServiceItem

    with hall.ctx.db.session() as s:
        code = s.execute(sel(ItemVersion.code).join(
            ServiceItem, ServiceItem.current_version_id == ItemVersion.id)
            .where(ItemVersion.agent_allowed.is_(False))).scalars().first()
    assert code is not None
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, code, agent=True)
    with pytest.raises(IntakeError, match="本人到场"):
        svc.record(hall.clerk, intake, "accept")


def test_a_returned_case_takes_what_the_applicant_brought_again(hall: Hall) -> None:
    """Issue 15's day: returned by the approver, the file is put right at the counter: the
    materials brought again are recorded with their own receipt, and the case stays returned,
    ready to be handed over again."""
    from counter_app.models import CaseMaterial
    from counter_app.services.handoff.service import CaseCheck, HandoffService
    from counter_app.services.printing.service import PrintService

    svc, handoff = IntakeService(hall.ctx), HandoffService(hall.ctx)
    no = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept").case_no
    (batch,) = handoff.create_batches(hall.clerk, [no])
    handoff.sign(hall.approver, batch, [CaseCheck(no)])
    handoff.return_case(hall.approver, no, "申请书缺少申请人签名")
    with pytest.raises(IntakeError, match="按空格"):
        svc.supplement(hall.clerk, no, [])  # nothing marked: refused, nothing written
    with hall.ctx.db.session() as s:
        first = s.execute(select(CaseMaterial.name).join(CaseFile).where(
            CaseFile.case_no == no).order_by(CaseMaterial.seq)).scalars().first()
    hall.clock.now += timedelta(hours=2)
    result = svc.supplement(hall.clerk, no, [], resupplied=(first,))
    assert result.status == "returned" and result.documents == ("supplement_receipt",)
    with hall.ctx.db.session() as s:
        ev = s.execute(select(Event).where(Event.kind == "supplemented")).scalars().one()
        assert first in ev.payload and "after_return" in ev.payload
    receipt = PrintService(hall.ctx).prepare(hall.clerk, "supplement_receipt", no, "a4")
    text = "".join(__import__("pypdf").PdfReader(__import__("io").BytesIO(receipt.pdf))
                   .pages[0].extract_text().split())
    assert "".join(first.split()) in text
    assert [c.case_no for c in handoff.ready_cases(hall.clerk.window_code)] == [no]
    with pytest.raises(IntakeError, match="没有被退回"):
        other = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept").case_no
        svc.supplement(hall.clerk, other, [], resupplied=(first,))
