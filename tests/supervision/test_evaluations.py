"""好差评: only the applicant rates, once per case; 差评 are followed up or contested."""

from __future__ import annotations

import dataclasses
import io
from datetime import date, timedelta

import pytest
import zxingcpp
from PIL import Image

from counter_app.services.context import PermissionDenied
from counter_app.services.supervision.bulletin.build import compute_bulletin
from counter_app.services.supervision.evaluations import (
    EvaluationError,
    EvaluationService,
    RatingTicket,
    qr_code,
)

from ..conftest import Hall
from .conftest import accept, at, notify


def test_rating_through_the_screen_ticket(hall: Hall) -> None:
    no = accept(hall)
    svc = EvaluationService(hall.ctx)
    ticket = svc.open_rating(hall.clerk, no)
    rated = svc.submit(ticket, 5)
    assert rated.grade == 5 and not rated.bad and rated.followup_due is None
    # One rating per case: no second ticket, no second rating with the old ticket.
    with pytest.raises(EvaluationError, match="一次办理只能评价一次"):
        svc.open_rating(hall.clerk, no)
    with pytest.raises(EvaluationError, match="一次办理只能评价一次"):
        svc.submit(ticket, 1)


def test_staff_cannot_rate_for_the_applicant(hall: Hall) -> None:
    no = accept(hall)
    svc = EvaluationService(hall.ctx)
    with pytest.raises(PermissionDenied):
        svc.submit(hall.clerk, 5)  # type: ignore[arg-type]  # an actor is no ticket
    real = svc.open_rating(hall.clerk, no)
    forged = RatingTicket(no, "screen", real.expires, "0" * 24)
    with pytest.raises(PermissionDenied):
        svc.submit(forged, 5)
    # A ticket is bound to its case and channel: changing either breaks the signature.
    other = accept(hall)
    with pytest.raises(PermissionDenied):
        svc.submit(dataclasses.replace(real, case_no=other), 5)
    with pytest.raises(PermissionDenied):
        svc.submit(dataclasses.replace(real, channel="qr"), 5)
    with pytest.raises(PermissionDenied):
        svc.submit(dataclasses.replace(real, expires=real.expires + timedelta(days=1)), 5)
    # And it expires.
    at(hall, hours=1)
    with pytest.raises(EvaluationError, match="过期"):
        svc.submit(real, 5)
    with pytest.raises(PermissionDenied):
        svc.open_rating(hall.approver, no)


def test_only_accepted_real_cases_are_rated(hall: Hall) -> None:
    svc = EvaluationService(hall.ctx)
    with pytest.raises(EvaluationError, match="受理、办结或发证后"):
        svc.open_rating(hall.clerk, notify(hall))
    with pytest.raises(EvaluationError, match="培训"):
        svc.open_rating(hall.clerk, accept(hall, training=True))


def test_qr_code_carries_an_ascii_payload_with_the_case_number(hall: Hall) -> None:
    no = accept(hall)
    svc = EvaluationService(hall.ctx)
    ticket = svc.open_rating(hall.clerk, no, channel="qr")
    payload = ticket.payload()
    assert payload.isascii() and no in payload
    buf = io.BytesIO()
    qr_code(ticket).save(buf, kind="png", scale=6, border=4)
    [found] = zxingcpp.read_barcodes(Image.open(io.BytesIO(buf.getvalue())))
    assert found.text == payload
    at(hall, days=3)  # a QR ticket lasts a week
    with pytest.raises(PermissionDenied):
        svc.submit_qr(payload.replace("|qr|", "|screen|"), 4)  # a screen ticket is no QR ticket
    assert svc.submit_qr(found.text, 4).grade == 4
    with pytest.raises(EvaluationError, match="评价码无效"):
        svc.submit_qr("not a ticket", 4)


def test_bad_rating_follow_up_and_contest(hall: Hall) -> None:
    a, b = accept(hall), accept(hall)
    svc = EvaluationService(hall.ctx)
    ra = svc.submit(svc.open_rating(hall.clerk, a), 2)
    svc.submit(svc.open_rating(hall.clerk, b), 1)
    assert ra.bad and ra.followup_due == date(2026, 12, 14)  # 15 working days after 23 Nov
    assert [x.case_no for x in svc.bad_ratings()] == [a, b]
    with pytest.raises(PermissionDenied):
        svc.follow_up(hall.clerk, a, "已整改")
    svc.follow_up(hall.supervisor, a, "核实后对窗口人员进行了培训")
    svc.contest(hall.clerk, b, "申请人误点，当场已表示满意")
    with pytest.raises(EvaluationError, match="申诉中"):
        svc.follow_up(hall.supervisor, b, "x")
    assert {x.case_no: x.status_label for x in svc.bad_ratings(open_only=False)} == \
        {a: "已整改", b: "申诉中"}
    before = compute_bulletin(hall.ctx, "day")
    assert before.bad_total == 2 and before.followups_open == 1
    svc.decide_contest(hall.supervisor, b, True, "调阅录像，申诉成立")
    after = compute_bulletin(hall.ctx, "day")
    assert after.bad_total == 1 and after.followups_open == 0  # a voided 差评 does not count
    with pytest.raises(EvaluationError, match="没有差评"):
        svc.contest(hall.clerk, accept(hall), "x")


def test_the_hall_sets_the_follow_up_deadline(hall: Hall) -> None:
    svc = EvaluationService(hall.ctx)
    svc.set_followup_days(hall.supervisor, 5)
    rated = svc.submit(svc.open_rating(hall.clerk, accept(hall)), 1)
    assert rated.followup_due == date(2026, 11, 30)
