"""The queue's rules on one PC: tickets, calls, priority, transfers, bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from counter_app.models import QueueAct, QueueTicket
from counter_app.services.queue.service import QueueError, QueueService, parse_qr

from ..helpers import complete_intake


def _svc(hall) -> QueueService:  # type: ignore[no-untyped-def]
    return QueueService(hall.ctx)


def test_ticket_numbers_letters_people_ahead_and_wait(hall) -> None:  # type: ignore[no-untyped-def]
    q, guide = _svc(hall), hall.supervisor
    win = hall.committed.window_code
    a = q.issue(guide, item_code=hall.committed.code)
    assert a.window_code == win and a.item_name == hall.committed.name
    assert a.ticket_no[1:] == "001" and a.ahead == 0 and a.wait_minutes == 0
    b = q.issue(guide, window_code=win)
    assert b.ticket_no == a.ticket_no[0] + "002"
    assert b.ahead == 1 and b.wait_minutes == 8  # one ahead, no service measured yet, no desk
    q.open_desk(hall.clerk, 3)
    c = q.issue(guide, window_code=win)
    assert c.ahead == 2 and c.wait_minutes == 16
    day, number, key = parse_qr(c.qr_payload())
    assert (day, number, key) == (hall.clock.now.date(), c.ticket_no, c.rating_key)
    assert c.qr_payload().isascii()
    # Letters are per group and stable; a new day starts at 001 again.
    other = next(g for g in q.groups() if g.code != win)
    assert q.issue(guide, window_code=other.code).ticket_no[0] != a.ticket_no[0]
    hall.clock.now += timedelta(days=1)
    assert q.issue(guide, window_code=win).ticket_no == a.ticket_no[0] + "001"


def test_call_next_priority_first_and_next_ends_the_one_served(hall) -> None:  # type: ignore[no-untyped-def]
    q, guide, clerk = _svc(hall), hall.supervisor, hall.clerk
    win = hall.committed.window_code
    q.open_desk(clerk, 3)
    first = q.issue(guide, window_code=win)
    hall.clock.now += timedelta(minutes=1)
    old = q.issue(guide, window_code=win, priority="elderly", priority_note="持老年证")
    assert old.ahead == 0  # priority goes ahead of the ordinary ticket issued before it
    called = q.call_next(clerk, 3)
    assert called.ticket_no == old.ticket_no and called.status == "called" and called.desk_no == 3
    hall.clock.now += timedelta(minutes=5)
    nxt = q.call_next(clerk, 3)
    assert nxt.ticket_no == first.ticket_no and nxt.finished == old.ticket_no
    assert q.ticket(old.id).status == "done"  # type: ignore[union-attr]
    hall.clock.now += timedelta(minutes=4)
    q.done(clerk, 3, nxt.id)
    with pytest.raises(QueueError, match="目前没有等候的号"):
        q.call_next(clerk, 3)
    # The measured service time now estimates the wait: (5 + 4) / 2 = 4.5 min per person.
    q.issue(guide, window_code=win)
    assert q.issue(guide, window_code=win).wait_minutes == 5


def test_recall_no_show_and_coming_back(hall) -> None:  # type: ignore[no-untyped-def]
    q, clerk = _svc(hall), hall.clerk
    win = hall.committed.window_code
    q.open_desk(clerk, 3)
    t = q.issue(hall.supervisor, window_code=win)
    q.call_next(clerk, 3)
    assert q.recall(clerk, 3, t.id).calls == 2
    gone = q.no_show(clerk, 3, t.id)
    assert gone.status == "no_show"
    with pytest.raises(QueueError, match="已过号，本窗口（3 号）不能重呼"):
        q.recall(clerk, 3, t.id)
    back = q.call(clerk, 3, t.ticket_no.lower())  # typed in lower case at the window
    assert back.status == "called" and back.calls == 3


def test_a_ticket_is_never_called_twice(hall) -> None:  # type: ignore[no-untyped-def]
    q, clerk = _svc(hall), hall.clerk
    win = hall.committed.window_code
    q.open_desk(clerk, 3)
    q.open_desk(hall.trainee, 4)
    t = q.issue(hall.supervisor, window_code=win)
    q.call_next(clerk, 3)
    with pytest.raises(QueueError, match=f"{t.ticket_no} 已由3 号窗口于 .* 叫号，不能重复叫号"):
        q.call(hall.trainee, 4, t.ticket_no)
    with pytest.raises(QueueError, match="目前没有等候的号"):
        q.call_next(hall.trainee, 4)
    q.done(clerk, 3, t.id)
    with pytest.raises(QueueError, match=r"已于 .* 办结，不能再叫号"):
        q.call(hall.trainee, 4, t.ticket_no)
    with pytest.raises(QueueError, match="已办结，本窗口（3 号）不能办结"):
        q.done(clerk, 3, t.id)
    with hall.ctx.db.session() as s:
        calls = s.execute(select(func.count()).select_from(QueueAct).where(
            QueueAct.ticket_id == t.id, QueueAct.kind == "called")).scalar_one()
    assert calls == 1


def test_yesterdays_ticket_is_refused(hall) -> None:  # type: ignore[no-untyped-def]
    q, clerk = _svc(hall), hall.clerk
    win = hall.committed.window_code
    q.open_desk(clerk, 3)
    t = q.issue(hall.supervisor, window_code=win)
    q.call_next(clerk, 3)
    hall.clock.now += timedelta(days=1)
    with pytest.raises(QueueError, match=r"是 11 月 23 日取的，今日不能再办结：请到服务台重新取号"):
        q.done(clerk, 3, t.id)
    with pytest.raises(QueueError, match="今天没有号码"):
        q.call(clerk, 3, t.ticket_no)
    q.issue(hall.supervisor, window_code=win)  # today's queue is not blocked by it
    assert q.call_next(clerk, 3).day == hall.clock.now.date()


def test_transfer_to_a_group_or_an_open_desk_only(hall) -> None:  # type: ignore[no-untyped-def]
    q, clerk = _svc(hall), hall.clerk
    win = hall.committed.window_code
    other = next(g.code for g in q.groups() if g.code != win)
    q.open_desk(clerk, 3)
    t = q.issue(hall.supervisor, window_code=win)
    q.call_next(clerk, 3)
    with pytest.raises(QueueError, match="5 号窗口未开放，不能转入"):
        q.transfer(clerk, 3, t.id, to_desk=5)
    with pytest.raises(QueueError, match="不能转到本窗口"):
        q.transfer(clerk, 3, t.id, to_desk=3)
    moved = q.transfer(clerk, 3, t.id, to_window=other)
    assert moved.status == "waiting" and moved.window_code == other
    assert "没有开放的窗口" in moved.note
    # A desk of that group calls it before an ordinary ticket issued earlier... and now.
    q.issue(hall.supervisor, window_code=other)
    q.open_desk(hall.trainee, 7, [other])
    assert q.call_next(hall.trainee, 7).ticket_no == t.ticket_no


def test_desks_belong_to_one_pc_and_close_only_when_free(hall) -> None:  # type: ignore[no-untyped-def]
    q, clerk = _svc(hall), hall.clerk
    with pytest.raises(QueueError, match="窗口号“0”无效"):
        q.open_desk(clerk, 0)
    with pytest.raises(QueueError, match="9 号窗口未开放：请先开启窗口"):
        q.call_next(clerk, 9)
    q.open_desk(clerk, 3)
    t = q.issue(hall.supervisor, window_code=hall.committed.window_code)
    q.call_next(clerk, 3)
    with pytest.raises(QueueError, match=f"正在办理 {t.ticket_no}：请先办结"):
        q.close_desk(clerk, 3)
    q.done(clerk, 3, t.id)
    assert q.close_desk(clerk, 3).is_open is False
    with pytest.raises(QueueError, match="未开放"):
        q.call_next(clerk, 3)


def test_bad_tickets_at_the_help_desk(hall) -> None:  # type: ignore[no-untyped-def]
    q, guide = _svc(hall), hall.supervisor
    with pytest.raises(QueueError, match="请选择办理的事项或窗口分组"):
        q.issue(guide)
    with pytest.raises(QueueError, match="不在本大厅的事项目录中"):
        q.issue(guide, item_code="NOPE")
    with pytest.raises(QueueError, match="优先类别“vip”无效"):
        q.issue(guide, window_code=hall.committed.window_code, priority="vip")
    with pytest.raises(QueueError, match="预约优先：请在“优先说明”中填写预约号"):
        q.issue(guide, window_code=hall.committed.window_code, priority="appointment")
    with pytest.raises(Exception, match="没有权限"):
        q.issue(hall.approver, window_code=hall.committed.window_code)
    with hall.ctx.db.session() as s:
        assert s.execute(select(func.count()).select_from(QueueTicket)).scalar_one() == 0


def test_the_visit_links_its_cases(hall) -> None:  # type: ignore[no-untyped-def]
    from counter_app.services.intake.service import IntakeService

    q, clerk = _svc(hall), hall.clerk
    q.open_desk(clerk, 3)
    t = q.issue(hall.supervisor, item_code=hall.committed.code)
    called = q.call_next(clerk, 3)
    hall.clock.now += timedelta(minutes=2)
    intake = IntakeService(hall.ctx)
    case_no = intake.record(clerk, complete_intake(intake, hall.committed.code), "accept").case_no
    since = q.ticket(called.id).issued_at  # type: ignore[union-attr]
    assert q.cases_since(clerk, since) == [case_no]
    assert q.link_cases(clerk, t.id, [case_no]) == 1
    assert q.link_cases(clerk, t.id, [case_no]) == 0  # again: nothing new
    arrival = q.ticket_of_case(case_no)
    assert arrival is not None and arrival.ticket_no == t.ticket_no
    assert arrival.issued_at == t.issued_at
    # The case's timeline starts with the visit: the ticket taken, the call at window 3.
    from counter_app.services.handoff.timeline import case_view

    with hall.ctx.db.session() as s:
        view = case_view(s, case_no, hall.clock.now.date())
    assert view is not None
    first = view.steps[:2]
    assert [st.label for st in first] == ["取号", "叫号"]
    assert first[0].at == t.issued_at and first[1].detail == f"号票 {t.ticket_no}，3 号窗口"
    other = q.issue(hall.supervisor, item_code=hall.committed.code)
    with pytest.raises(QueueError, match=f"已关联号票 {t.ticket_no}"):
        q.link_cases(clerk, other.id, [case_no])
    # Receiving without a ticket still works: a walk-in's case has no arrival.
    walk_in = intake.record(clerk, complete_intake(intake, hall.committed.code), "accept").case_no
    assert q.ticket_of_case(walk_in) is None
