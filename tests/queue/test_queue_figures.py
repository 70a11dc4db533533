"""How long people waited: waits, service times, abandoned tickets, priority served, the
queue by hour; and the same figures in the daily bulletin (screen data, PDF, workbook)."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook

from counter_app.services.queue.figures import Spread, queue_figures
from counter_app.services.queue.service import QueueService
from counter_app.services.supervision.bulletin.build import charts, compute_bulletin, tables
from counter_app.services.supervision.bulletin.pdf import render_bulletin_pdf
from counter_app.services.supervision.bulletin.xlsx import bulletin_xlsx_bytes


def _at(hall, hh: int, mm: int) -> None:  # type: ignore[no-untyped-def]
    hall.clock.now = hall.clock.now.replace(hour=hh, minute=mm, second=0, microsecond=0)


def _day(hall):  # type: ignore[no-untyped-def]
    """09:00 three tickets (one elderly), 09:30 one more; desk 3 serves; one no-show."""
    q, clerk, win = QueueService(hall.ctx), hall.clerk, hall.committed.window_code
    _at(hall, 9, 0)
    a = q.issue(hall.supervisor, window_code=win)
    b = q.issue(hall.supervisor, window_code=win)
    c = q.issue(hall.supervisor, window_code=win, priority="pregnant")
    q.open_desk(clerk, 3)
    _at(hall, 9, 10)
    assert q.call_next(clerk, 3).id == c.id  # priority: waited 10 min
    _at(hall, 9, 20)
    assert q.call_next(clerk, 3).id == a.id  # c served 10 min; a waited 20
    _at(hall, 9, 30)
    d = q.issue(hall.supervisor, window_code=win)
    _at(hall, 9, 50)
    q.done(clerk, 3, a.id)  # a served 30 min
    _at(hall, 10, 0)
    assert q.call_next(clerk, 3).id == b.id  # b waited 60
    q.no_show(clerk, 3, b.id)
    return a, b, c, d


def test_spread_is_mean_nearest_rank_p90_and_longest() -> None:
    s = Spread.of([float(x) for x in range(1, 11)])
    assert (s.count, s.mean, s.p90, s.longest) == (10, 5.5, 9.0, 10.0)
    assert Spread.of([]) == Spread()


def test_waits_services_abandoned_priority_and_queue_by_hour(hall) -> None:  # type: ignore[no-untyped-def]
    _a, _b, _c, d = _day(hall)
    _at(hall, 10, 30)
    with hall.ctx.db.session() as s:
        f = queue_figures(s, hall.clock.now.date(), hall.clock.now.date(), hall.clock.now)
    assert (f.tickets, f.served, f.abandoned, f.no_show, f.priority_served) == (4, 2, 1, 1, 1)
    assert f.wait == Spread(3, 30.0, 60.0, 60.0)  # 10, 20, 60 min; d not called yet
    assert f.service == Spread(2, 20.0, 30.0, 30.0)  # c 10 min, a 30 min
    (desk,) = f.by_desk
    assert desk.label == "3 号窗口" and desk.tickets == 3 and desk.abandoned == 1
    (area,) = f.by_area
    assert area.tickets == 4 and area.priority_served == 1
    by_hour = {h.hour: h for h in f.by_hour}
    assert by_hour[9].issued == 4 and by_hour[10].issued == 0
    # 09:00-09:10 three wait, -09:20 two, -09:30 one, -10:00 two: (30+20+10+60)/60 = 2 on average.
    assert by_hour[9].mean_queue == pytest.approx(2.0)
    assert by_hour[9].max_queue == 3
    assert by_hour[10].mean_queue == pytest.approx(0.5)  # d alone until 10:30
    # The next day, d never called counts as abandoned (left without being served).
    with hall.ctx.db.session() as s:
        later = queue_figures(s, d.day, d.day, datetime.combine(d.day + timedelta(days=1),
                                                                  datetime.min.time()))
    assert later.abandoned == 2


def test_the_bulletin_carries_the_queue_on_screen_pdf_and_workbook(hall) -> None:  # type: ignore[no-untyped-def]
    _day(hall)
    _at(hall, 17, 0)
    b = compute_bulletin(hall.ctx, "day", hall.clock.now.date())
    line = next(x for x in b.summary_lines() if x.startswith("取号"))
    assert "取号 4 人" in line and "平均等候 30.0 分钟" in line and "过号 1 人" in line
    queue_chart = charts(b)[4]
    assert queue_chart.title == "分时段排队人数与平均等候"
    assert "9时" in queue_chart.categories
    keys = {t.key: t for t in tables(b)}
    assert keys["queue_desks"].rows[0][:2] == ["3 号窗口", 3]
    assert keys["queue_hours"].rows and keys["queue_areas"].rows[0][1] == 4
    pdf = render_bulletin_pdf(b)
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "")
    assert "排队等候：分窗口" in text and "分时段排队人数与平均等候" in text
    wb = load_workbook(io.BytesIO(bulletin_xlsx_bytes(b)))
    assert {"排队分窗口", "排队分区", "排队分时段"} <= set(wb.sheetnames)
    assert wb["排队分窗口"]["A3"].value == "3 号窗口"


def test_a_day_without_tickets_keeps_the_bulletin_as_it_was(hall) -> None:  # type: ignore[no-untyped-def]
    b = compute_bulletin(hall.ctx, "day", hall.clock.now.date())
    assert len(charts(b)) == 4 and not [t for t in tables(b) if t.key.startswith("queue")]
    assert not [x for x in b.summary_lines() if x.startswith("取号")]
