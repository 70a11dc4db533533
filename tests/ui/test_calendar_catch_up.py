"""Issue 16: a holiday schedule entered day by day (counter-admin holiday set/complete) or
arrived by sync moves this PC's due dates the next time someone logs in."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from counter_app.models import CaseFile, Event
from counter_app.services.deadlines.calendar_store import mark_year_complete, set_override
from counter_app.services.deadlines.holiday_schedule import catch_up
from counter_app.services.intake.service import IntakeService

from ..helpers import complete_intake
from .flow import login


def test_login_moves_due_dates_to_a_schedule_entered_meanwhile(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    ui_hall.clock.now = datetime(2026, 12, 4, 10, 0)
    svc = IntakeService(ui_hall.ctx)
    res = svc.record(ui_hall.clerk, complete_intake(svc, ui_hall.committed.code), "accept")
    assert catch_up(ui_hall.ctx) == ()  # this PC's baseline, as at an earlier login
    with ui_hall.ctx.db.session() as s:
        before = s.execute(select(CaseFile.statutory_due)
                           .where(CaseFile.case_no == res.case_no)).scalar_one()
    assert before.year == 2027
    with ui_hall.ctx.db.transaction() as s:  # the administrator's holiday set / complete
        for d in (1, 2, 3):
            set_override(s, date(2027, 1, d), False, "元旦", by=None, terminal="01")
        mark_year_complete(s, 2027, terminal="01")

    def moved() -> bool:
        with ui_hall.ctx.db.session() as s:
            return bool(s.execute(select(Event.id).where(Event.kind == "due_recomputed")).first())

    login(window, qtbot)
    qtbot.waitUntil(moved, timeout=10000)
    with ui_hall.ctx.db.session() as s:
        after = s.execute(select(CaseFile.statutory_due)
                          .where(CaseFile.case_no == res.case_no)).scalar_one()
    assert after > before
    assert window.calendar_timer.isActive()


def test_a_name_no_font_can_print_is_refused_as_it_is_typed(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 16: refused at the field, naming the character, before anything is recorded."""
    from PySide6.QtCore import Qt

    from .conftest import screenshot
    from .keys import Keyboard

    page = login(window, qtbot)
    kb = Keyboard(qtbot)
    page.setFocus()
    kb.key(Qt.Key.Key_F2)
    kb.type("fwgh")
    kb.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.intake is not None, timeout=10000)
    field = page.form.name
    field.edit.setText("张𠮷")  # Extension B: printable with Hanazono
    assert field.severity == ""
    field.edit.setText("陈\U00030000")  # Extension G: no font has it
    assert field.severity == "error"
    assert "“\U00030000”(U+30000)无法打印" in field.message.text()
    screenshot(window, "counter-unprintable-name-1366x768")
