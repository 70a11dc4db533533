"""F8 pressed twice while the database lane is held up records one case: the counter page's
busy guard is the operation wrapper's (issue 18), not a flag of its own."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from counter_app.models import CaseFile

from .flow import fill_person, login, wait_preview
from .keys import Keyboard
from .test_counter_flows import _receive_all, _start


def _cases(ui_hall) -> int:  # type: ignore[no-untyped-def]
    with ui_hall.ctx.db.session() as s:
        return int(s.execute(select(func.count()).select_from(CaseFile)).scalar_one())


def test_f8_twice_while_the_lane_waits_records_one_case(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = login(window, qtbot)
    kb = Keyboard(qtbot)
    code = ui_hall.immediate.code
    _start(page, kb, qtbot, code, code)
    fill_person(kb, page, qtbot)
    _receive_all(kb, page)
    before = _cases(ui_hall)
    release = threading.Event()
    window.services.ops.run(None, lambda: release.wait(10))  # the lane held (a slow disk)
    try:
        kb.key(Qt.Key.Key_F8)
        assert page.busy
        kb.key(Qt.Key.Key_F8)  # impatient: pressed again while the first waits
    finally:
        release.set()
    dialog = wait_preview(page, qtbot)
    window.services.lane.call(lambda: None)  # nothing else queued behind it
    assert not page.busy
    assert _cases(ui_hall) == before + 1
    dialog.reject()
