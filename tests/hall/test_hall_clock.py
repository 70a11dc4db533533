"""A PC whose clock is hours wrong dates nothing by it: after one sync its services run on
the hall's time; the offset is shown on the PC and on the service."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from counter_app.models import CaseFile, HallTerminal, hall_now
from counter_app.services.intake.numbering import parse_number

from .conftest import Staffed
from .kit import authorize, receive


@pytest.mark.parametrize("skew_hours", [12, -13])
def test_a_skewed_pc_dates_cases_by_the_hall(staffed: Staffed, skew_hours: int) -> None:
    a = staffed.pc("counter-a")
    a.ctx.clock.base = lambda: hall_now() + timedelta(hours=skew_hours)  # the PC's own clock
    a.run()
    authorize(a, a.login("boss"), "clerk", staffed.window)
    case_no = receive(a, a.login("clerk"), staffed.item_code)
    a.run()
    now = hall_now()
    assert parse_number(case_no).day == now.date(), "the number carries the hall's date"
    with a.ctx.db.session() as s:
        received = s.execute(select(CaseFile.received_at).where(
            CaseFile.case_no == case_no)).scalar_one()
    assert abs((received - now).total_seconds()) < 120
    assert "本机时钟与大厅服务器相差" in a.sync.status().last_error
    hall = staffed.server.hall()
    with hall.db.session() as s:
        term = s.get(HallTerminal, a.ctx.terminal)
        assert term is not None
        assert abs(term.clock_offset_s - skew_hours * 3600) < 120
    hall.db.dispose()
