"""The approver's worklist (issue 15, finding 6): cases signed for and not decided yet, only
the approver's own department, due soonest first; an approver's department comes with the
login. Batches waiting at the desk are the department's too."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from counter_app.models import ItemVersion
from counter_app.services.context import PermissionDenied
from counter_app.services.handoff.service import CaseCheck, HandoffService
from counter_app.services.intake.rules import set_training
from counter_app.services.people import auth
from counter_app.services.people.auth import AuthService

from ..conftest import PASSWORD, Hall
from .conftest import accept_cases


def _other_item(hall: Hall) -> ItemVersion:
    """A committed item of another department; the test clerk is authorized for its window."""
    with hall.ctx.db.transaction() as s:
        rows = s.execute(select(ItemVersion).where(
            ItemVersion.department_code != hall.committed.department_code,
            ItemVersion.kind == "committed").order_by(ItemVersion.code)).scalars().all()
        item = rows[0]
        set_training(s, staff_id=hall.clerk.staff_id, scope="window", scope_code=item.window_code,
                     stage="authorized", set_by_id=hall.supervisor.staff_id, at=hall.clock.now,
                     terminal="01")
        s.flush()
        s.expunge_all()
    return item


def _approver(hall: Hall, username: str, department: str):  # type: ignore[no-untyped-def]
    with hall.ctx.db.transaction() as s:
        auth.add_user(s, username, f"审批{username}", PASSWORD, ["approver"],
                      department_code=department, employer="department", terminal="01")
    return AuthService(hall.ctx).login(username, PASSWORD)


def test_worklist_holds_the_departments_signed_and_undecided_cases(hall: Hall) -> None:
    svc = HandoffService(hall.ctx)
    dep = hall.committed.department_code
    mine = _approver(hall, "dep_a", dep)
    assert mine.department_code == dep  # the login knows the approver's department
    other = _other_item(hall)
    theirs = _approver(hall, "dep_b", other.department_code)

    cases = accept_cases(hall, 4)
    hall.clock.now += timedelta(days=1)  # accepted a day later: promised a day later
    (late,) = accept_cases(hall, 1, names=("周杰",))
    (foreign,) = accept_cases(hall, 1, item_code=other.code)
    batches = svc.create_batches(hall.clerk, [*cases, late, foreign])
    assert svc.worklist(mine) == []  # handed over, not signed: on the batch list, not here
    assert {b.department_code for b in svc.desk_batches(mine)} == {dep}
    assert {b.department_code for b in svc.desk_batches(hall.approver)} == {dep, other.department_code}
    ours = next(b for b in batches if svc.batch_view(b).summary.department_code == dep)
    theirs_batch = next(b for b in batches if b != ours)
    svc.sign(mine, ours, [CaseCheck(n) for n in cases[:3]]
             + [CaseCheck(cases[3], present=False), CaseCheck(late)])
    svc.sign(theirs, theirs_batch, [CaseCheck(foreign)])

    work = svc.worklist(mine)
    assert [w.case_no for w in work] == [*cases[:3], late]  # the missing one stayed at the front
    assert work[-1].promised_due > work[0].promised_due  # due soonest first
    assert {w.signed_by for w in work} == {"审批dep_a"} and work[0].signed_at == hall.clock.now
    assert [w.case_no for w in svc.worklist(theirs)] == [foreign]
    # An approver with no department set sees every department's work.
    assert {w.case_no for w in svc.worklist(hall.approver)} == {*cases[:3], late, foreign}

    svc.decide(mine, cases[0], "approved", decision_no="罗审〔2026〕1号")
    svc.return_case(mine, cases[1], "缺少原件")
    assert [w.case_no for w in svc.worklist(mine)] == [cases[2], late]  # decided or returned: gone
    hall.clock.now += timedelta(days=30)
    assert all(w.overdue for w in svc.worklist(mine))

    with pytest.raises(PermissionDenied):
        svc.worklist(hall.clerk)


def test_demo_approvers_belong_to_their_windows_lead_department(hall: Hall) -> None:
    from counter_app.models import Department, HallWindow, Staff
    from counter_app.services.demo.generate import ensure_demo_staff

    ensure_demo_staff(hall.ctx)
    with hall.ctx.db.session() as s:
        rows = s.execute(select(Staff.username, Department.code)
                         .join(HallWindow, HallWindow.id == Staff.window_id)
                         .join(Department, Department.id == HallWindow.lead_department_id)
                         .where(Staff.username.like("%\\_a1", escape="\\"))).all()
    assert len(rows) >= 5
    username, dep = rows[0]
    assert AuthService(hall.ctx).login(username, PASSWORD).department_code == dep
