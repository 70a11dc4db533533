"""Issue 16: a name with an Extension B-F character is recorded and its receipt prints; one
that no font can print is refused before anything is committed, naming the character."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from counter_app.models import CaseFile
from counter_app.services.intake.service import IntakeError, IntakeService
from counter_app.services.printing.service import PrintService

from .conftest import Hall
from .helpers import complete_intake


def test_a_name_with_extension_b_is_recorded_and_printed(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    intake.applicant.name = "张𠮷"  # U+20BB7
    res = svc.record(hall.clerk, intake, "accept")
    for layout in ("a4", "receipt"):
        job = PrintService(hall.ctx).produce(hall.clerk, "acceptance", res.case_no, layout)
        assert job.pdf.startswith(b"%PDF") and b"HanaMinB" in job.pdf


def test_a_name_no_font_can_print_is_refused_before_it_is_committed(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    intake.applicant.name = "陈\U00030000"  # Extension G
    with pytest.raises(IntakeError, match=r"“\U00030000”\(U\+30000\)无法打印"):
        svc.record(hall.clerk, intake, "accept")
    with hall.ctx.db.session() as s:
        assert s.execute(select(func.count()).select_from(CaseFile)).scalar_one() == 0
