"""Demo data shows today's queue as it stands now: tickets served, at a desk, waiting and a
few 过号 up to the clock's time, none after it; the desks that called are open on this PC,
so the hall display, the guide, today's figures and a clerk signing in all carry on from it.
Everything is read and done through the queue and bulletin services."""

from __future__ import annotations

from datetime import datetime

from counter_app.services.demo import generate as demo
from counter_app.services.people.auth import AuthService
from counter_app.services.queue.service import QueueService
from counter_app.services.supervision.bulletin.build import compute_bulletin
from tests.conftest import Hall, make_hall

MORNING = datetime(2026, 11, 23, 10, 40)  # a Monday, the peak just past


def test_demo_data_gives_a_morning_in_progress(hall: Hall) -> None:
    hall.clock.now = MORNING
    demo.generate(hall.ctx, 600, 10, seed=5)
    q = QueueService(hall.ctx)
    today = compute_bulletin(hall.ctx, "day", MORNING.date()).queue
    # The morning so far: tickets from 08:30 to now, none later; some served, a few not
    # present, waits out of the 9-11 peak.
    issued = {p.hour: p.issued for p in today.by_hour}
    assert issued[8] > 0 and issued[9] > issued[8] and issued[10] > 0
    assert all(n == 0 for h, n in issued.items() if h > MORNING.hour)
    assert 40 < today.tickets < 120 and today.served > today.tickets / 2
    assert today.no_show >= 1
    assert 1 < today.wait.mean < 45 and today.service.mean > 3
    # Some are at a desk now, some still wait: the display and the guide show them.
    board = q.board()
    serving = {desk: no for desk, no in board.desks if no}
    assert len(board.desks) >= 5 and len(serving) >= 3
    assert sum(board.waiting.values()) >= 3
    assert len(board.recent) == 8 and all(c.at <= MORNING for c in board.recent)
    assert board.recent[0].at > MORNING.replace(minute=10)  # called in the last half hour
    assert {c.ticket_no for c in board.recent} & set(serving.values())
    groups = {g.code: g for g in q.groups()}
    waiting = [g for g in groups.values() if g.waiting]
    assert waiting and all(g.open_desks >= 1 for g in waiting)
    # Every open desk is this PC's, with its window's clerk, serving what the board shows.
    desks = {d.no: d for d in q.desks()}
    assert all(d.terminal == hall.ctx.terminal and d.staff_name for d in desks.values())
    assert {n: d.serving for n, d in desks.items() if d.serving} == serving
    # A clerk signs in at a desk that serves someone while people wait for it: the next
    # call ends that visit and calls the next number.
    desk = next(d for d in desks.values() if d.serving and groups[d.groups[0]].waiting)
    clerk = AuthService(hall.ctx).login(f"{desk.groups[0].lower()}_c1", demo.DEMO_PASSWORD)
    hall.clock.now = MORNING.replace(minute=42)
    called = q.call_next(clerk, desk.no)
    assert called.finished == desk.serving and called.status == "called"
    assert called.issued_at <= MORNING and called.desk_no == desk.no
    # The guide's next ticket follows the demo's numbers for that group.
    guide = AuthService(hall.ctx).login("guide01", demo.DEMO_PASSWORD)
    group = groups[desk.groups[0]]
    area = next(r for r in today.by_area if r.key == group.code)
    ticket = q.issue(guide, window_code=group.code)
    assert ticket.ticket_no == f"{group.letter}{area.tickets + 1:03d}"
    assert ticket.ahead == group.waiting - 1 and ticket.wait_minutes > 0  # one was just called


def test_before_opening_there_is_no_queue_yet_and_after_closing_the_desks_are_closed(
        hall: Hall, tmp_path, shipped_catalog) -> None:  # type: ignore[no-untyped-def]
    hall.clock.now = MORNING.replace(hour=7, minute=50)
    demo.generate(hall.ctx, 300, 5, seed=5)
    q = QueueService(hall.ctx)
    assert compute_bulletin(hall.ctx, "day", MORNING.date()).queue.tickets == 0
    assert compute_bulletin(hall.ctx, "month", MORNING.date()).queue.tickets > 100  # past days
    assert q.board().desks == [] and q.desks() == []

    evening = make_hall(tmp_path / "evening", shipped_catalog)
    try:
        evening.clock.now = MORNING.replace(hour=18, minute=5)
        demo.generate(evening.ctx, 300, 5, seed=5)
        q = QueueService(evening.ctx)
        day = compute_bulletin(evening.ctx, "day", MORNING.date()).queue
        assert day.served > 100 and max(p.hour for p in day.by_hour if p.issued) == 16
        assert q.desks() and not any(d.is_open for d in q.desks())  # closed for the night
        assert q.board().desks == []
    finally:
        evening.ctx.db.dispose()
