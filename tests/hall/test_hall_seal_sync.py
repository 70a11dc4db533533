"""The hall's seal authorisation set at one enrolled PC travels as an operation: the hall
service replays it (with the supervisor's rights as the hall knows them) and every PC gets
the row; a notice printed at another counter then bears the hall's seal. A clerk's attempt is
refused at the PC, before anything is recorded."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from counter_app.services.context import PermissionDenied
from counter_app.services.printing.hall_seal import SealService, SealSetting
from counter_app.services.printing.service import PrintService

from .conftest import Staffed
from .kit import authorize, receive


def test_the_seal_set_at_one_pc_reaches_the_hall_and_every_pc(staffed: Staffed) -> None:
    a, b = staffed.pc("counter-a"), staffed.pc("counter-b")
    boss = a.login("boss")
    authorize(a, boss, "clerk2", staffed.window)
    with pytest.raises(PermissionDenied):
        SealService(a.ctx).set(a.login("clerk2"), SealSetting("综合受理专用章", ("acceptance",)))
    SealService(a.ctx).set(boss, SealSetting("综合受理专用章", ("acceptance",)))
    a.run()
    b.run()
    assert not [(o.name, o.reason) for o in a.sync.refused()]
    hall = staffed.server.hall()
    try:
        with hall.db.session() as s:
            from counter_app.services.printing.hall_seal import read_seal

            assert read_seal(s) == SealSetting("综合受理专用章", ("acceptance",))
    finally:
        hall.db.dispose()
    assert SealService(b.ctx).current() == SealSetting("综合受理专用章", ("acceptance",))
    clerk = b.login("clerk2")
    case_no = receive(b, clerk, staffed.item_code)
    pdf = PrintService(b.ctx).prepare(clerk, "acceptance", case_no, "a4").pdf
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "综合受理专用章" in "".join(text.split())
