"""Complaints: received, assigned, handled, closed, within the hall's deadline."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from counter_app.models import Event
from counter_app.services.context import PermissionDenied
from counter_app.services.supervision.complaints import ComplaintError, ComplaintService

from ..conftest import Hall
from .conftest import accept, at


def test_life_of_a_complaint(hall: Hall) -> None:
    no = accept(hall)
    svc = ComplaintService(hall.ctx)
    cid = svc.receive(hall.clerk, "窗口人员态度生硬", complainant="李女士", phone="13800001111",
                      case_no=no)
    [line] = svc.list()
    # About the case's clerk and window; due five working days after Monday 23 Nov.
    assert (line.case_no, line.about, line.window_code) == (no, "测试clerk", hall.committed.window_code)
    assert line.due_on == date(2026, 11, 30) and line.status_label == "已登记"
    svc.assign(hall.supervisor, cid, hall.approver.staff_id)
    with pytest.raises(PermissionDenied):
        svc.handle(hall.clerk, cid, "已沟通")  # only the assignee or a supervisor
    at(hall, days=1)
    svc.handle(hall.approver, cid, "已当面致歉并说明办理要求")
    with pytest.raises(PermissionDenied):
        svc.close(hall.clerk, cid)
    svc.close(hall.supervisor, cid)
    [line] = svc.list()
    assert line.status == "closed" and line.resolution == "已当面致歉并说明办理要求"
    assert line.assigned_to == "测试approver" and not line.overdue(date(2027, 1, 1))
    assert svc.list(open_only=True) == []
    with pytest.raises(ComplaintError, match="已办结"):
        svc.handle(hall.supervisor, cid, "再次处理")
    with hall.ctx.db.session() as s:
        actions = s.execute(select(Event.payload).where(Event.kind == "complaint")
                            .order_by(Event.seq)).scalars().all()
    assert [json.loads(a)["action"] for a in actions] == ["received", "assigned", "handled", "closed"]


def test_hall_sets_the_deadline_and_overdue_is_flagged(hall: Hall) -> None:
    svc = ComplaintService(hall.ctx)
    with pytest.raises(PermissionDenied):
        svc.set_due_days(hall.clerk, 3)
    svc.set_due_days(hall.supervisor, 3)
    cid = svc.receive(hall.supervisor, "大厅空调太冷", window_code=hall.committed.window_code)
    [line] = svc.list()
    assert line.id == cid and line.due_on == date(2026, 11, 26)
    assert line.overdue(date(2026, 11, 27)) and not line.overdue(date(2026, 11, 26))


def test_bad_input_is_refused(hall: Hall) -> None:
    svc = ComplaintService(hall.ctx)
    with pytest.raises(ComplaintError, match="投诉内容"):
        svc.receive(hall.clerk, "  ")
    with pytest.raises(ComplaintError, match="没有找到办件"):
        svc.receive(hall.clerk, "内容", case_no="00000000000000000000")
    with pytest.raises(PermissionDenied):
        svc.receive(hall.approver, "内容")
    cid = svc.receive(hall.clerk, "内容")
    with pytest.raises(ComplaintError, match="办理结果"):
        svc.close(hall.supervisor, cid)
