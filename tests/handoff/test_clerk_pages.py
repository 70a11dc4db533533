"""The clerk's pages: making handoff sheets from the ticked files, and issuing a result."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from counter_app.models import CaseFile, PrintRecord
from counter_app.services.handoff.service import CaseCheck, HandoffService
from counter_app.ui.handoff.issue_page import IssuePage
from counter_app.ui.handoff.page import HandoffPage

from ..conftest import Hall
from ..helpers import PERSON_ID
from .conftest import Gui, accept_cases, snapshot


def _printed(hall: Hall, kind: str) -> int:
    with hall.ctx.db.session() as s:
        return s.execute(select(func.count()).select_from(PrintRecord)
                         .where(PrintRecord.doc_kind == kind)).scalar_one()


def test_handoff_page_makes_and_prints_a_sheet(hall: Hall, gui: Gui, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    svc = HandoffService(hall.ctx)
    cases = accept_cases(hall, 3)
    page = HandoffPage(gui.services, hall.clerk)
    qtbot.addWidget(page)
    page.show()
    gui.wait(qtbot, lambda: page.grid.rowCount() == 3)
    assert page.selected() == [] and not page.make.isEnabled()  # nothing ticked by default
    for row in (0, 1):  # the third is kept back
        page.grid.item(row, 0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(page.make, Qt.MouseButton.LeftButton)
    gui.wait(qtbot, lambda: page.preview is not None)
    gui.wait(qtbot, lambda: len(page.preview.done_jobs()) == 1 and page.preview.save_button.isEnabled(),
             timeout=20000)
    assert _printed(hall, "handoff") == 0  # shown, not yet printed: nothing logged
    page.preview.save_all(tmp_path)
    gui.wait(qtbot, lambda: bool(page.preview.saved))
    page.preview.reject()
    gui.wait(qtbot, lambda: page.grid.rowCount() == 1 and page.waiting.count() == 1)
    (batch,) = svc.batches(status="open")
    assert [ln.case_no for ln in svc.batch_view(batch.batch_no).lines] == cases[:2]
    assert _printed(hall, "handoff") == 1
    # The approver finds the second file missing: the clerk sees it come back, unticked.
    svc.sign(hall.approver, batch.batch_no, [CaseCheck(cases[0]), CaseCheck(cases[1], present=False)])
    page.refresh()
    gui.wait(qtbot, lambda: page.grid.rowCount() == 2 and page.waiting.count() == 0)
    gui.wait(qtbot, lambda: "签收差异" in page.problems.item(0).text())
    assert page.selected() == []  # the one kept back stays unticked; the one that came back too


def test_issue_page_checks_the_collector(hall: Hall, gui: Gui, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    svc = HandoffService(hall.ctx)
    (case,) = accept_cases(hall, 1)
    (batch,) = svc.create_batches(hall.clerk, [case])
    svc.sign(hall.approver, batch, [CaseCheck(case)])
    svc.decide(hall.approver, case, "approved", decision_no="罗审〔2026〕7号")
    page = IssuePage(gui.services, hall.clerk)
    qtbot.addWidget(page)
    page.show()
    gui.wait(qtbot, lambda: page.list.count() == 1)
    page.load(case)
    gui.wait(qtbot, lambda: page.view is not None and page.issue_btn.isEnabled())
    assert page.name.text() == "张伟"  # the applicant in person, by default
    page.id_no.setText("440524188001010014")  # someone else's ID
    before = snapshot(hall)
    qtbot.mouseClick(page.issue_btn, Qt.MouseButton.LeftButton)
    gui.wait(qtbot, lambda: "不一致" in page.message.text())
    assert snapshot(hall) == before and page.issue_btn.isEnabled()
    page.id_no.setText(PERSON_ID)
    qtbot.mouseClick(page.issue_btn, Qt.MouseButton.LeftButton)
    gui.wait(qtbot, lambda: page.preview is not None)
    gui.wait(qtbot, lambda: len(page.preview.done_jobs()) == 1 and page.preview.save_button.isEnabled(),
             timeout=20000)
    assert _printed(hall, "collection") == 0  # shown, not yet printed: nothing logged
    page.preview.save_all(tmp_path)
    gui.wait(qtbot, lambda: bool(page.preview.saved))
    page.preview.reject()
    with hall.ctx.db.session() as s:
        assert s.execute(select(CaseFile.status).where(CaseFile.case_no == case)).scalar_one() == "issued"
    assert _printed(hall, "collection") == 1
