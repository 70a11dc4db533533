"""Issue 16: a due date counted across a year whose holiday schedule is unknown is marked as
an estimate on screen (the case lists) and on paper (the acceptance notice)."""

from __future__ import annotations

import io
from datetime import date, datetime

from pypdf import PdfReader

from counter_app.services.deadlines.calendar_store import mark_year_complete
from counter_app.services.handoff.case_queries import CaseQueries
from counter_app.services.intake.service import IntakeService
from counter_app.services.printing.service import PrintService

from .conftest import Hall
from .helpers import complete_intake


def _text(pdf: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\n", "")


def test_a_december_case_prints_its_due_date_as_an_estimate(hall: Hall) -> None:
    hall.clock.now = datetime(2026, 12, 4, 10, 0)  # 30 working days reach into 2027
    svc = IntakeService(hall.ctx)
    res = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    assert any("2027 年的法定节假日安排尚未录入" in w for w in res.warnings)  # the counter's message
    row = CaseQueries(hall.ctx).search(hall.clerk, res.case_no)[0]
    assert row.promised_due is not None
    if row.promised_due.year == 2027:
        assert "2027年节假日安排尚未公布" in row.due_estimate
    text = _text(PrintService(hall.ctx).produce(hall.clerk, "acceptance", res.case_no, "a4").pdf)
    assert "估算：2027年节假日安排尚未公布" in text and "以公布后的安排为准" in text
    receipt = _text(PrintService(hall.ctx).produce(hall.clerk, "acceptance", res.case_no,
                                                   "receipt").pdf)
    assert "估算：2027年" in receipt

    # Once the supervisors have entered 2027, nothing is an estimate any more.
    with hall.ctx.db.transaction() as s:
        mark_year_complete(s, 2027, terminal="01")
    assert CaseQueries(hall.ctx).search(hall.clerk, res.case_no)[0].due_estimate == ""
    again = _text(PrintService(hall.ctx).produce(hall.clerk, "acceptance", res.case_no, "a4").pdf)
    assert "估算" not in again


def test_a_case_inside_a_known_year_is_not_marked(hall: Hall) -> None:
    hall.clock.now = datetime(2026, 6, 1, 10, 0)
    svc = IntakeService(hall.ctx)
    res = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    assert res.warnings == ()
    row = CaseQueries(hall.ctx).search(hall.clerk, res.case_no)[0]
    assert row.promised_due is not None and row.promised_due < date(2027, 1, 1)
    assert row.due_estimate == ""
    pdf = PrintService(hall.ctx).produce(hall.clerk, "acceptance", res.case_no, "a4").pdf
    assert "估算" not in _text(pdf)
