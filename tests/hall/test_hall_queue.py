"""One hall-wide queue: tickets and calls are answered by the real ``counter-server``, so
two windows calling at the same instant never get the same ticket."""

from __future__ import annotations

import json
import threading
import uuid

import pytest
from sqlalchemy import func, select

from counter_app.hallsync.client import HallUnavailable
from counter_app.hallsync.live import LiveLink, LiveRefused
from counter_app.models import QueueAct, QueueTicket
from counter_app.models.base import hall_now
from counter_app.models.opstate import OpState
from counter_app.services.operations import encode
from counter_app.services.queue.service import QueueService, TicketView

from .conftest import Staffed

TICKETS = 40


def _hall_calls(staffed: Staffed) -> dict[str, int]:
    hall = staffed.server.hall()
    try:
        with hall.db.session() as s:
            return dict(s.execute(select(QueueTicket.ticket_no, func.count(QueueAct.id))
                                  .join(QueueAct, QueueAct.ticket_id == QueueTicket.id)
                                  .where(QueueAct.kind == "called")
                                  .group_by(QueueTicket.ticket_no)).all())
    finally:
        hall.db.dispose()


def test_two_windows_calling_at_once_never_share_a_ticket(staffed: Staffed) -> None:
    staffed.server.add_staff("guide", ["guide"])
    desk_pc, a, b = staffed.pc("guide-desk"), staffed.pc("window-a"), staffed.pc("window-b")
    desk_pc.run()
    guide = desk_pc.login("guide")
    issued = [QueueService(desk_pc.ctx).issue(guide, window_code=staffed.window)
              for _ in range(TICKETS)]
    assert [t.ticket_no[1:] for t in issued] == [f"{n:03d}" for n in range(1, TICKETS + 1)]
    assert issued[-1].ahead == TICKETS - 1
    # Nothing of it was queued on the guide's PC: the hall holds the tickets.
    assert desk_pc.sync.status().waiting == 0
    clerk_a, clerk_b = a.login("clerk"), b.login("clerk2")
    qa, qb = QueueService(a.ctx), QueueService(b.ctx)
    qa.open_desk(clerk_a, 1)
    qb.open_desk(clerk_b, 2)
    got: dict[str, list[str]] = {"a": [], "b": []}
    errors: list[str] = []
    start = threading.Barrier(2)

    def window(name: str, q: QueueService, clerk, desk: int) -> None:  # type: ignore[no-untyped-def]
        start.wait()
        while True:
            try:
                got[name].append(q.call_next(clerk, desk).ticket_no)
            except LiveRefused as exc:
                if "没有等候的号" not in str(exc):
                    errors.append(str(exc))
                return

    threads = [threading.Thread(target=window, args=("a", qa, clerk_a, 1)),
               threading.Thread(target=window, args=("b", qb, clerk_b, 2))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert got["a"] and got["b"], "both windows called"
    assert not set(got["a"]) & set(got["b"]), "no ticket went to two windows"
    assert sorted(got["a"] + got["b"]) == sorted(t.ticket_no for t in issued), "none lost"
    assert set(_hall_calls(staffed).values()) == {1}, "every ticket was called exactly once"
    # The calls reach every PC's own database with the next pull.
    a.run()
    with a.ctx.db.session() as s:
        states = dict(s.execute(select(QueueTicket.status, func.count()).group_by(
            QueueTicket.status)).all())
    assert states == {"done": TICKETS - 2, "called": 2}


def test_a_resent_call_gets_its_first_answer_not_a_second_ticket(staffed: Staffed) -> None:
    a = staffed.pc("window-a")
    clerk = a.login("clerk")
    q = QueueService(a.ctx)
    q.open_desk(clerk, 1)
    first, second = (q.issue(clerk, window_code=staffed.window) for _ in range(2))
    link = LiveLink(a.ctx.db)
    op = OpState(op_id=str(uuid.uuid4()), name="queue.call_next", staff_id=clerk.staff_id,
                 args=json.dumps(encode({"desk_no": 1})), at=hall_now())
    a.ctx.signer.sign(op)  # as the PC signs each act of the signed-in person
    try:
        answers = [link(op), link(op)]  # the first answer "lost": the PC sends again
    finally:
        link.close()
    assert all(isinstance(x, TicketView) for x in answers)
    assert answers[0].ticket_no == answers[1].ticket_no == first.ticket_no
    assert _hall_calls(staffed) == {first.ticket_no: 1}
    assert q.call_next(clerk, 1).ticket_no == second.ticket_no


def test_the_hall_refuses_and_an_offline_window_is_told_at_once(staffed: Staffed) -> None:
    a, b = staffed.pc("window-a"), staffed.pc("window-b")
    clerk, clerk2 = a.login("clerk"), b.login("clerk2")
    qa, qb = QueueService(a.ctx), QueueService(b.ctx)
    qa.open_desk(clerk, 1)
    with pytest.raises(LiveRefused, match=r"1 号窗口已在终端 .* 开启"):
        qb.open_desk(clerk2, 1)
    qb.open_desk(clerk2, 2)
    t = qa.issue(clerk, window_code=staffed.window)
    qa.call_next(clerk, 1)
    with pytest.raises(LiveRefused, match=f"{t.ticket_no} 已由1 号窗口于 .* 叫号，不能重复叫号"):
        qb.call(clerk2, 2, t.ticket_no)
    with pytest.raises(LiveRefused, match="3 号窗口未开放，不能转入"):
        qa.transfer(clerk, 1, t.id, to_desk=3)
    staffed.server.stop()
    with pytest.raises(HallUnavailable, match="叫号与取号须经大厅服务器，现在连接不上"):
        qb.call_next(clerk2, 2)
    staffed.server.start()
    assert qa.transfer(clerk, 1, t.id, to_desk=2).status == "waiting"
    assert qb.call_next(clerk2, 2).ticket_no == t.ticket_no, "nothing was lost while offline"


def test_end_to_end_through_the_hall_ticket_call_intake_notice_rating(staffed: Staffed) -> None:
    from counter_app.models import Evaluation, QueueVisitCase
    from counter_app.services.printing.service import PrintService
    from counter_app.services.supervision.evaluations import EvaluationService

    from .kit import authorize, receive

    a = staffed.pc("window-a")
    authorize(a, a.login("boss"), "clerk", staffed.window)
    a.run()
    clerk = a.login("clerk")
    q = QueueService(a.ctx)
    q.open_desk(clerk, 2)
    t = q.issue(clerk, item_code=staffed.item_code)
    called = q.call_next(clerk, 2)
    assert called.ticket_no == t.ticket_no
    a.run()  # the hall's ticket and call come down
    since = q.ticket(t.id).issued_at  # type: ignore[union-attr]
    case_no = receive(a, clerk, staffed.item_code)
    PrintService(a.ctx).produce(clerk, "acceptance", case_no)  # the notice, issued
    done = q.done(clerk, 2, t.id)
    assert done.status == "done"
    assert q.link_cases(clerk, t.id, q.cases_since(clerk, since)) == 1
    a.run()  # the case, then its link, reach the hall in order
    assert [(o.name, o.reason) for o in a.sync.refused()] == []
    EvaluationService(a.ctx).submit_visit(t.qr_payload(), 5, "满意")
    a.run()
    assert a.sync.refused() == []
    hall = staffed.server.hall()
    try:
        with hall.db.session() as s:
            link = s.execute(select(QueueVisitCase)).scalar_one()
            ev = s.execute(select(Evaluation)).scalar_one()
            assert link.ticket_id == t.id and ev.ticket_id == t.id and ev.grade == 5
    finally:
        hall.db.dispose()
    arrival = q.ticket_of_case(case_no)
    assert arrival is not None and arrival.ticket_no == t.ticket_no
