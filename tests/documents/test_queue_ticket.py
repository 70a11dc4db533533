"""The queue ticket on 80 mm paper: its QR code scans back to the key that later rates the
visit (一次一评), end to end: ticket, call, intake, done, rating keyed by the ticket."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from counter_app.documents.queue_ticket import WIDTH
from counter_app.models import Evaluation
from counter_app.services.intake.service import IntakeService
from counter_app.services.queue.service import QueueService
from counter_app.services.queue.ticket import ticket_pdf
from counter_app.services.settings import HALL_KEY, set_json
from counter_app.services.supervision.evaluations import EvaluationError, EvaluationService

from ..helpers import complete_intake


def test_ticket_prints_the_hall_number_wait_and_a_scannable_rating_key(hall, pdf_tools) -> None:  # type: ignore[no-untyped-def]
    with hall.ctx.db.transaction() as s:
        set_json(s, HALL_KEY, {"name": "罗山县政务服务中心"})
    q = QueueService(hall.ctx)
    q.issue(hall.supervisor, item_code=hall.committed.code)
    t = q.issue(hall.supervisor, item_code=hall.committed.code, priority="elderly",
                priority_note="持老年证，八十岁")
    pdf = ticket_pdf(hall.ctx, t)
    (size,) = pdf_tools.page_sizes(pdf)
    assert abs(size[0] - WIDTH) < 0.5 and size[1] < 200 * 72 / 25.4
    (text,) = pdf_tools.pages(pdf)
    for part in ("罗山县政务服务中心", t.ticket_no, hall.committed.name[:8], "优先：老年人",
                 "持老年证", "预计等候约"):
        assert part in text
    assert all(emb == "yes" for _f, emb in pdf_tools.fonts(pdf))
    for image in pdf_tools.raster(pdf, 203, mono=True):  # as the thermal printer prints it
        assert [(x.format, x.text) for x in pdf_tools.symbols(image)] == [("QRCode", t.qr_payload())]


def test_end_to_end_ticket_call_intake_done_rating_by_the_ticket(hall, pdf_tools) -> None:  # type: ignore[no-untyped-def]
    q, clerk = QueueService(hall.ctx), hall.clerk
    q.open_desk(clerk, 3)
    t = q.issue(hall.supervisor, item_code=hall.committed.code)
    called = q.call_next(clerk, 3)
    assert called.ticket_no == t.ticket_no
    hall.clock.now += timedelta(minutes=3)
    intake = IntakeService(hall.ctx)
    cases = [intake.record(clerk, complete_intake(intake, hall.committed.code), "accept").case_no
             for _ in range(2)]  # two cases in one visit
    hall.clock.now += timedelta(minutes=4)
    q.done(clerk, 3, t.id)
    q.link_cases(clerk, t.id, q.cases_since(clerk, hall.clock.now - timedelta(minutes=7)))
    assert q.ticket_of_case(cases[1]).issued_at == t.issued_at  # type: ignore[union-attr]
    (image,) = pdf_tools.raster(ticket_pdf(hall.ctx, t), 203, mono=True)
    (symbol,) = pdf_tools.symbols(image)
    ratings = EvaluationService(hall.ctx)
    with pytest.raises(EvaluationError, match="号票二维码无效"):
        ratings.submit_visit(symbol.text[:-1] + "Z", 5)
    rated = ratings.submit_visit(symbol.text, 4, "很快")
    assert rated.case_no == cases[0] and rated.grade == 4
    with pytest.raises(EvaluationError, match=f"本次来访（号票 {t.ticket_no}）已评价，一次来访只能评价一次"):
        ratings.submit_visit(symbol.text, 5)
    with pytest.raises(EvaluationError, match=r"所在的来访（号票 .*）已评价"):
        ratings.open_rating(clerk, cases[1], "screen")  # the visit's other case: rated already
    with hall.ctx.db.session() as s:
        (ev,) = s.execute(select(Evaluation)).scalars().all()
    assert ev.ticket_id == t.id and ev.channel == "ticket"


def test_a_ticket_rates_only_a_finished_visit_with_a_case(hall) -> None:  # type: ignore[no-untyped-def]
    q, clerk = QueueService(hall.ctx), hall.clerk
    q.open_desk(clerk, 3)
    t = q.issue(hall.supervisor, item_code=hall.committed.code)
    ratings = EvaluationService(hall.ctx)
    with pytest.raises(EvaluationError, match="尚未办理完毕"):
        ratings.submit_visit(t.qr_payload(), 5)
    q.call_next(clerk, 3)
    q.done(clerk, 3, t.id)
    with pytest.raises(EvaluationError, match="没有关联办件"):
        ratings.submit_visit(t.qr_payload(), 5)
    with pytest.raises(EvaluationError, match="号票二维码无效：不是本大厅的号票"):
        ratings.submit_visit("LSPJ1|x", 5)
