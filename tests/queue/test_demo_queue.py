"""Demo tickets look like a real hall's: a 9-11 peak, busier Mondays and month starts, a few
not present, believable waits; and the demo day's bulletin shows them."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlalchemy import func, select

from counter_app.models import QueueTicket
from counter_app.services.demo.queue import generate_queue
from counter_app.services.queue.figures import queue_figures
from counter_app.services.queue.service import QueueService
from counter_app.services.supervision.bulletin.build import compute_bulletin


def test_demo_tickets_have_the_peaks_no_shows_and_waits_of_a_hall(hall) -> None:  # type: ignore[no-untyped-def]
    end = hall.clock.now.date()  # Monday 2026-11-23
    days = [end - timedelta(days=i) for i in range(27, -1, -1) if (end - timedelta(days=i)).weekday() < 5]
    made = generate_queue(hall.ctx, days, 300, seed=2)
    with hall.ctx.db.session() as s:
        assert s.execute(select(func.count()).select_from(QueueTicket)).scalar_one() == made > 5000
        rows = s.execute(select(QueueTicket.day, QueueTicket.issued_at, QueueTicket.status)).all()
        per_day = Counter(d for d, _i, _s in rows)
        hours = Counter(i.hour for _d, i, _s in rows)
        status = Counter(st for _d, _i, st in rows)
        f = queue_figures(s, days[0], end, hall.clock.now.replace(hour=18))
    # Today (the clock's Monday, 9:30) has only its morning so far: whole days only.
    mondays = [n for d, n in per_day.items() if d.weekday() == 0 and d.day > 3 and d != end]
    others = [n for d, n in per_day.items() if d.weekday() in (1, 2, 3) and d.day > 3]
    assert min(mondays) > max(others) * 1.05, "Mondays are busier"
    assert per_day[date(2026, 11, 3)] > sum(others) / len(others) * 1.1, "and the start of a month"
    assert hours[9] + hours[10] > 2 * (hours[14] + hours[15]) / 2 * 1.2, "the morning peak"
    assert hours[12] < hours[10] / 4, "lunch is quiet"
    assert 0.01 < status["no_show"] / made < 0.08, "a few not present"
    assert 3 < f.wait.mean < 45 and f.wait.longest < 240 and f.service.mean > 3
    assert f.priority_served > 0
    # Numbers run per day and letter without a gap; a new ticket today follows them.
    with hall.ctx.db.session() as s:
        seqs = s.execute(select(QueueTicket.letter, func.count(), func.max(QueueTicket.seq)).where(
            QueueTicket.day == end).group_by(QueueTicket.letter)).all()
    assert all(n == top for _l, n, top in seqs)
    letter, n, _top = seqs[0]
    win = next(g.code for g in QueueService(hall.ctx).groups() if g.letter == letter)
    assert QueueService(hall.ctx).issue(hall.supervisor, window_code=win).ticket_no == f"{letter}{n + 1:03d}"
    b = compute_bulletin(hall.ctx, "day", end)
    assert b.queue.tickets == per_day[end] + 1
    assert any(line.startswith("取号") for line in b.summary_lines())
