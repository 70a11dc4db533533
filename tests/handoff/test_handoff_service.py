"""Handoff, signing, returns, decisions and issuing through the Qt-free service."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from counter_app.models import CaseFile, Event, HandoffItem, ItemVersion
from counter_app.services.context import PermissionDenied
from counter_app.services.handoff.service import CaseCheck, HandoffError, HandoffService, IssueInput
from counter_app.services.intake.rules import returns_counted, set_training, supervision_for

from ..conftest import Hall
from ..helpers import PERSON_ID
from .conftest import accept_cases, snapshot

AGENT_ID = "440524188001010014"


def _signed(hall: Hall, svc: HandoffService, n: int = 1) -> list[str]:
    cases = accept_cases(hall, n)
    (batch,) = svc.create_batches(hall.clerk, cases)
    svc.sign(hall.approver, batch, [CaseCheck(c) for c in cases])
    return cases


def _status(hall: Hall, case_no: str) -> str:
    with hall.ctx.db.session() as s:
        return s.execute(select(CaseFile.status).where(CaseFile.case_no == case_no)).scalar_one()


def test_one_batch_per_receiving_department(hall: Hall, handoff: HandoffService) -> None:
    with hall.ctx.db.transaction() as s:
        other = s.execute(select(ItemVersion).where(
            ItemVersion.department_code != hall.committed.department_code,
            ItemVersion.kind == "committed")).scalars().first()
        assert other is not None, "the shipped catalog has more than one department"
        set_training(s, staff_id=hall.clerk.staff_id, scope="window", scope_code=other.window_code,
                     stage="authorized", set_by_id=hall.supervisor.staff_id, at=hall.clock.now,
                     terminal="01")
        other_code = other.code
    mine = accept_cases(hall, 2)
    theirs = accept_cases(hall, 1, other_code)
    ready = {c.case_no for c in handoff.ready_cases()}
    assert set(mine + theirs) <= ready
    batches = handoff.create_batches(hall.clerk, mine + theirs)
    assert len(batches) == 2
    views = [handoff.batch_view(b) for b in batches]
    assert sorted(len(v.lines) for v in views) == [1, 2]
    assert {v.summary.department_code for v in views} == {
        hall.committed.department_code, other.department_code}
    assert all(_status(hall, c) == "in_handoff" for c in mine + theirs)
    line = next(v for v in views if len(v.lines) == 2).lines[0]
    assert line.material_count == len(line.materials) > 0
    assert line.page_count == sum(m.pages for m in line.materials)
    with hall.ctx.db.session() as s:
        kinds = s.execute(select(Event.kind, Event.actor_role, Event.terminal_code)
                          .where(Event.kind == "batched")).all()
    assert kinds == [("batched", "clerk", "01")] * 3
    with pytest.raises(HandoffError, match="不能移交"):
        handoff.create_batches(hall.clerk, mine[:1])


def test_batching_all_ready_cases_of_the_window(hall: Hall, handoff: HandoffService) -> None:
    cases = accept_cases(hall, 3)
    (batch,) = handoff.create_batches(hall.clerk)
    assert [ln.case_no for ln in handoff.batch_view(batch).lines] == sorted(cases)
    with pytest.raises(HandoffError, match="没有可移交"):
        handoff.create_batches(hall.clerk)
    # A case that came back (a discrepancy) goes again only when the clerk picks it.
    handoff.sign(hall.approver, batch, [CaseCheck(cases[0], present=False), *map(CaseCheck, cases[1:])])
    with pytest.raises(HandoffError, match="没有可移交"):
        handoff.create_batches(hall.clerk)
    assert len(handoff.create_batches(hall.clerk, cases[:1])) == 1


def test_roles_are_enforced(hall: Hall, handoff: HandoffService) -> None:
    cases = accept_cases(hall, 1)
    with pytest.raises(PermissionDenied):
        handoff.create_batches(hall.approver, cases)
    (batch,) = handoff.create_batches(hall.clerk, cases)
    before = snapshot(hall)
    with pytest.raises(PermissionDenied, match="审批员"):
        handoff.sign(hall.clerk, batch, [CaseCheck(cases[0])])
    with pytest.raises(PermissionDenied):
        handoff.return_case(hall.clerk, cases[0], "x")
    with pytest.raises(PermissionDenied):
        handoff.decide(hall.supervisor, cases[0], "approved", decision_no="1")
    with pytest.raises(PermissionDenied):
        handoff.issue(hall.approver, cases[0], IssueInput(collector_name="张伟",
                                                          collector_id_no=PERSON_ID))
    assert snapshot(hall) == before


def test_waiting_batches_show_hours_and_overdue(hall: Hall, handoff: HandoffService) -> None:
    (batch,) = handoff.create_batches(hall.clerk, accept_cases(hall, 2))
    hall.clock.now += timedelta(hours=3)
    (w,) = handoff.batches(status="open")
    assert w.batch_no == batch and w.cases == 2 and round(w.hours_waiting) == 3 and not w.overdue
    hall.clock.now += timedelta(hours=2)
    assert handoff.batches(status="open")[0].overdue  # default: 4 hours
    with pytest.raises(PermissionDenied):
        handoff.set_overdue_hours(hall.clerk, 8)
    handoff.set_overdue_hours(hall.supervisor, 8)
    assert handoff.overdue_hours() == 8
    assert not handoff.batches(status="open")[0].overdue


def test_signing_with_a_discrepancy_keeps_that_case_with_the_sender(
        hall: Hall, handoff: HandoffService) -> None:
    cases = accept_cases(hall, 3)
    (batch,) = handoff.create_batches(hall.clerk, cases)
    view = handoff.batch_view(batch)
    missing = view.lines[2].materials[0].name
    before = snapshot(hall)
    with pytest.raises(HandoffError, match="还有 1 件未核对"):
        handoff.sign(hall.approver, batch, [CaseCheck(c) for c in cases[:2]])
    with pytest.raises(HandoffError, match="不在交接单"):
        handoff.sign(hall.approver, batch, [CaseCheck(c) for c in [*cases, accept_cases(hall, 1)[0]]])
    assert snapshot(hall)["event_log"] == before["event_log"] + 2  # only the extra case's intake
    res = handoff.sign(hall.approver, batch, [
        CaseCheck(cases[0]), CaseCheck(cases[1]),
        CaseCheck(cases[2], missing_materials=(missing,), note="文件夹内未见"),
    ])
    assert res.status == "partial" and res.signed == tuple(cases[:2])
    assert res.discrepancies == (cases[2],)
    assert [_status(hall, c) for c in cases] == ["with_approver", "with_approver", "accepted"]
    # Both sides see it: the approver's batch view and the clerk's list of problems.
    line = handoff.batch_view(batch).lines[2]
    assert line.state == "discrepancy" and missing in line.discrepancy and "文件夹内未见" in line.discrepancy
    assert [d.case_no for d in handoff.discrepancies(hall.clerk.window_code)] == [cases[2]]
    ready = {c.case_no: c for c in handoff.ready_cases(hall.clerk.window_code)}
    assert "签收差异" in ready[cases[2]].note
    summary = handoff.batches(status=None)[0]
    assert summary.discrepancies == 1 and summary.signed_by == "测试approver"
    with pytest.raises(HandoffError, match="不能重复签收"):
        handoff.sign(hall.approver, batch, [CaseCheck(c) for c in cases])
    # The clerk finds the material and hands the case over again.
    (again,) = handoff.create_batches(hall.clerk, [cases[2]])
    assert handoff.discrepancies(hall.clerk.window_code) == []
    handoff.sign(hall.approver, again, [CaseCheck(cases[2])])
    steps = handoff.case_view(cases[2]).steps
    assert [s.kind for s in steps if s.kind in ("batched", "signed", "discrepancy")] == [
        "batched", "discrepancy", "batched", "signed"]


def test_a_case_missing_from_the_folder(hall: Hall, handoff: HandoffService) -> None:
    cases = accept_cases(hall, 1)
    (batch,) = handoff.create_batches(hall.clerk, cases)
    with pytest.raises(HandoffError, match="不在办件"):
        handoff.sign(hall.approver, batch, [CaseCheck(cases[0], missing_materials=("天书",))])
    res = handoff.sign(hall.approver, batch, [CaseCheck(cases[0], present=False)])
    assert res.discrepancies == tuple(cases) and res.signed == ()
    assert "未随交接单移交" in handoff.batch_view(batch).lines[0].discrepancy


def test_return_feeds_the_two_returns_rule(hall: Hall, handoff: HandoffService) -> None:
    cases = _signed(hall, handoff, 2)
    with pytest.raises(HandoffError, match="退回理由"):
        handoff.return_case(hall.approver, cases[0], "  ")
    handoff.return_case(hall.approver, cases[0], "申请表签字不全")
    assert _status(hall, cases[0]) == "returned"
    (back,) = handoff.returned_cases(hall.clerk)
    assert back.case_no == cases[0] and back.note == "退回：申请表签字不全"
    assert handoff.returned_cases(hall.trainee) == []
    with pytest.raises(HandoffError, match="不在审批环节"):
        handoff.return_case(hall.approver, cases[0], "again")
    handoff.return_case(hall.approver, cases[1], "材料复印件模糊")
    with hall.ctx.db.session() as s:
        assert returns_counted(s, hall.clerk.staff_id, hall.committed.code) == 2
        assert supervision_for(s, hall.clerk.staff_id, hall.committed.code,
                               hall.committed.window_code).needs_co_signer
    with pytest.raises(PermissionDenied):
        handoff.clear_co_acceptance(hall.clerk, hall.clerk.staff_id, hall.committed.code)
    hall.clock.now += timedelta(seconds=1)
    handoff.clear_co_acceptance(hall.approver, hall.clerk.staff_id, hall.committed.code, "已掌握")
    with hall.ctx.db.session() as s:
        assert returns_counted(s, hall.clerk.staff_id, hall.committed.code) == 0
        assert s.execute(select(Event.actor_role).where(Event.kind == "coaccept_cleared")).scalar_one() \
            == "approver"
    # A returned file can be handed over again once fixed.
    (batch,) = handoff.create_batches(hall.clerk, [cases[0]])
    assert handoff.batch_view(batch).lines[0].case_no == cases[0]


def test_decide_approve_and_deny(hall: Hall, handoff: HandoffService) -> None:
    a, b, c = _signed(hall, handoff, 3)
    before = snapshot(hall)
    with pytest.raises(HandoffError, match="决定文号"):
        handoff.decide(hall.approver, a, "approved")
    with pytest.raises(HandoffError, match="理由"):
        handoff.decide(hall.approver, a, "denied")
    with pytest.raises(HandoffError, match="晚于今天"):
        handoff.decide(hall.approver, a, "approved", decision_no="罗审〔2026〕1号",
                       decided_on=date(2030, 1, 1))
    with pytest.raises(HandoffError, match="早于受理日期"):
        handoff.decide(hall.approver, a, "approved", decision_no="罗审〔2026〕1号",
                       decided_on=date(2020, 1, 1))
    assert snapshot(hall) == before
    handoff.decide(hall.approver, a, "approved", decision_no="罗审〔2026〕1号")
    handoff.decide(hall.approver, b, "denied", reason="不符合法定条件")
    assert (_status(hall, a), _status(hall, b)) == ("approved", "denied")
    assert "罗审〔2026〕1号" in handoff.case_view(a).decision
    assert "不符合法定条件" in handoff.case_view(b).decision
    with pytest.raises(HandoffError, match="不在审批环节"):
        handoff.decide(hall.approver, a, "denied", reason="x")
    cases = accept_cases(hall, 1)
    handoff.create_batches(hall.clerk, cases)
    with pytest.raises(HandoffError, match="尚未签收"):
        handoff.decide(hall.approver, cases[0], "approved", decision_no="1")
    assert c


def test_issue_in_person_agent_and_post(hall: Hall, handoff: HandoffService) -> None:
    a, b, c = _signed(hall, handoff, 3)
    for n in (a, b, c):
        handoff.decide(hall.approver, n, "approved", decision_no=f"罗审〔2026〕{n[-3:]}号")
    before = snapshot(hall)
    wrong = "440524188001010014"
    with pytest.raises(HandoffError, match="与申请人不一致"):
        handoff.issue(hall.clerk, a, IssueInput(collector_name="张伟", collector_id_no=wrong))
    with pytest.raises(HandoffError, match="授权委托书"):
        handoff.issue(hall.clerk, a, IssueInput(collector_name="李娜", collector_id_no=AGENT_ID,
                                                by_agent=True))
    with pytest.raises(HandoffError, match="校验位"):
        handoff.issue(hall.clerk, a, IssueInput(collector_name="李娜", collector_id_no=AGENT_ID[:-1] + "5",
                                                by_agent=True, authorization_checked=True))
    with pytest.raises(HandoffError, match="运单号"):
        handoff.issue(hall.clerk, c, IssueInput(method="post", tracking_no="12"))
    assert snapshot(hall) == before
    handoff.issue(hall.clerk, a, IssueInput(collector_name="张伟", collector_id_no=PERSON_ID.lower()))
    handoff.issue(hall.clerk, b, IssueInput(collector_name="李娜", collector_id_no=AGENT_ID,
                                            by_agent=True, authorization_checked=True))
    handoff.issue(hall.clerk, c, IssueInput(method="post", tracking_no="ems 1234 5678 9cn"))
    assert {_status(hall, n) for n in (a, b, c)} == {"issued"}
    with pytest.raises(HandoffError, match="没有待领取"):
        handoff.issue(hall.clerk, a, IssueInput(collector_name="张伟", collector_id_no=PERSON_ID))
    view = handoff.case_view(c)
    assert view.custody[-1].side == "applicant" and "EMS123456789CN" in view.custody[-1].holder
    issued = next(s for s in handoff.case_view(b).steps if s.kind == "issued")
    assert "代领人李娜" in issued.detail and AGENT_ID not in issued.detail  # masked in the log


def test_timeline_names_who_held_the_file_when(hall: Hall, handoff: HandoffService) -> None:
    (case,) = _signed(hall, handoff)
    hall.clock.now += timedelta(hours=1)
    handoff.return_case(hall.approver, case, "缺少签名")
    view = handoff.case_view(case)
    kinds = [s.kind for s in view.steps]
    assert kinds[:3] == ["received", "accepted", "batched"] and kinds[-2:] == ["signed", "returned"]
    assert [(c.holder, c.side) for c in view.custody] == [
        ("受理员 测试clerk", "front"), ("审批员 测试approver", "back"), ("受理员 测试clerk", "front")]
    assert view.custody[1].until == hall.clock.now and view.custody[-1].until is None
    signed = next(s for s in view.steps if s.kind == "signed")
    assert (signed.actor_name, signed.role, signed.terminal) == ("测试approver", "审批员", "01")
    assert view.returns == ("缺少签名",) and view.status_label == "已退回"
    assert view.applicant_id_masked.startswith("110105") and "*" in view.applicant_id_masked
    assert view.materials and view.batch_no


def test_items_keep_their_counts(hall: Hall, handoff: HandoffService) -> None:
    cases = accept_cases(hall, 1)
    (batch,) = handoff.create_batches(hall.clerk, cases)
    with hall.ctx.db.session() as s:
        item = s.execute(select(HandoffItem)).scalar_one()
        case = s.execute(select(CaseFile)).scalar_one()
        got = [m for m in case.materials if m.state == "received"]
        assert (item.material_count, item.page_count) == (len(got), sum(m.pages for m in got))
    assert batch
