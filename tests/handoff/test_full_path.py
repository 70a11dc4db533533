"""The whole custody path with real roles on one database; the approver works the desk.

Clerk accepts three cases, batches them and prints the 交接单; the approver scans the batch
barcode as decoded from that PDF, signs two cases and records a discrepancy on the third,
returns one and approves the other; the clerk issues the approved result to its applicant
(a wrong ID is refused) and prints the collection receipt; the audit chain verifies.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from counter_app.cli.main import main as admin
from counter_app.models import CaseFile, Event, HandoffBatch
from counter_app.services.handoff.service import HandoffError, HandoffService, IssueInput
from counter_app.services.printing.service import PrintService
from counter_app.ui.approver.page import ApproverDesk

from ..conftest import Hall
from ..helpers import PERSON_ID
from ..scanner_keys import scan
from .conftest import Gui, accept_cases, barcodes_in_pdf, snapshot


def _statuses(hall: Hall, cases: list[str]) -> list[str]:
    with hall.ctx.db.session() as s:
        rows = dict(s.execute(select(CaseFile.case_no, CaseFile.status)
                              .where(CaseFile.case_no.in_(cases))).all())
    return [rows[c] for c in cases]


def _click_ok(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def test_full_custody_path(hall: Hall, gui: Gui, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                           capsys: pytest.CaptureFixture[str]) -> None:
    svc = HandoffService(hall.ctx)
    # -- the clerk: accept, batch, print the handoff sheet -----------------------------------
    a, b, c = accept_cases(hall, 3)
    (batch_no,) = svc.create_batches(hall.clerk, [a, b, c])
    sheet = PrintService(hall.ctx).produce(hall.clerk, "handoff", batch_no)
    decoded = barcodes_in_pdf(sheet.pdf, tmp_path)
    # the batch barcode (on every page) and each case's own, for the approver to tick it off
    assert decoded and set(decoded) == {batch_no, a, b, c}

    # -- the approver, at the desk ------------------------------------------------------------
    desk = ApproverDesk(gui.services, hall.approver)
    qtbot.addWidget(desk)
    desk.resize(1366, 768)
    desk.show()
    qtbot.waitExposed(desk)
    gui.wait(qtbot, lambda: desk.waiting.count() == 1)
    scan(desk.windowHandle(), decoded[0])
    gui.wait(qtbot, lambda: desk.batch.batch_no == batch_no
             and desk.stack.currentWidget() is desk.batch)
    assert not desk.batch.sign.isEnabled()
    # Case a: its barcode is scanned. Case b: ticked. Case c: a material is missing.
    scan(desk.windowHandle(), a)
    assert desk.batch.present == {a} and desk.message.property("kind") == "ok"
    row_b = desk.batch.case_numbers().index(b)
    desk.batch.grid.item(row_b, 0).setCheckState(Qt.CheckState.Checked)
    assert desk.batch.present == {a, b}
    qtbot.mouseClick(desk.batch.buttons[c], Qt.MouseButton.LeftButton)
    dialog = desk.dialog
    assert dialog.isVisible()
    _click_ok(qtbot, dialog)  # nothing ticked: refused with a reason
    assert dialog.isVisible() and dialog.error.text()
    dialog.materials.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.note.setText("文件夹内未见")
    missing = dialog.materials.item(0).data(Qt.ItemDataRole.UserRole)
    _click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert desk.batch.sign.isEnabled()
    qtbot.mouseClick(desk.batch.sign, Qt.MouseButton.LeftButton)
    gui.wait(qtbot, lambda: desk.batch.view is not None and desk.batch.view.summary.status == "partial")
    gui.wait(qtbot, lambda: desk.waiting.count() == 0)
    assert _statuses(hall, [a, b, c]) == ["with_approver", "with_approver", "accepted"]
    line_c = next(ln for ln in desk.batch.view.lines if ln.case_no == c)
    assert missing in line_c.discrepancy and "文件夹内未见" in line_c.discrepancy
    assert [d.case_no for d in svc.discrepancies(hall.clerk.window_code)] == [c]  # the clerk sees it

    # Return a, through the case view opened by scanning its number.
    scan(desk.windowHandle(), a)
    gui.wait(qtbot, lambda: desk.stack.currentWidget() is desk.case and desk.case.case_no == a)
    assert desk.case.history.rowCount() >= 4 and desk.case.return_btn.isVisible()
    qtbot.mouseClick(desk.case.return_btn, Qt.MouseButton.LeftButton)
    desk.dialog.reason.setPlainText("申请表缺少申请人签字")
    _click_ok(qtbot, desk.dialog)
    gui.wait(qtbot, lambda: desk.case.view is not None and desk.case.view.status == "returned")
    assert not desk.case.return_btn.isVisible()
    assert [r.case_no for r in svc.returned_cases(hall.clerk)] == [a]

    # Approve b, opened from the batch list by double-click.
    desk._open_batch(batch_no)
    gui.wait(qtbot, lambda: desk.stack.currentWidget() is desk.batch)
    desk.batch.grid.cellDoubleClicked.emit(desk.batch.case_numbers().index(b), 1)
    gui.wait(qtbot, lambda: desk.stack.currentWidget() is desk.case and desk.case.case_no == b)
    qtbot.mouseClick(desk.case.approve_btn, Qt.MouseButton.LeftButton)
    desk.dialog.number.setText("罗审〔2026〕88号")
    _click_ok(qtbot, desk.dialog)
    gui.wait(qtbot, lambda: desk.case.view is not None and desk.case.view.status == "approved")
    assert _statuses(hall, [a, b, c]) == ["returned", "approved", "accepted"]

    # -- the clerk issues b to its applicant ----------------------------------------------------
    before = snapshot(hall)
    with pytest.raises(HandoffError, match="不一致"):
        svc.issue(hall.clerk, b, IssueInput(collector_name="王芳", collector_id_no="440524188001010014"))
    assert snapshot(hall) == before
    svc.issue(hall.clerk, b, IssueInput(collector_name="王芳", collector_id_no=PERSON_ID))
    receipt = PrintService(hall.ctx).produce(hall.clerk, "collection", b)
    (tmp_path / "receipt").mkdir()
    assert b in barcodes_in_pdf(receipt.pdf, tmp_path / "receipt")
    assert _statuses(hall, [b]) == ["issued"]

    # -- who did what, as which role, where ----------------------------------------------------
    with hall.ctx.db.session() as s:
        batch_id = s.execute(select(HandoffBatch.id)).scalar_one()
        log = s.execute(select(Event.kind, Event.actor_id, Event.actor_role, Event.terminal_code)
                        .where(Event.batch_id == batch_id).order_by(Event.seq)).all()
    kinds = [k for k, *_ in log]
    assert kinds.count("batched") == 3 and kinds.count("signed") == 2 and kinds.count("discrepancy") == 1
    assert "printed" in kinds
    for kind, actor, role, term in log:
        want = hall.approver if kind in ("signed", "discrepancy") else hall.clerk
        assert (actor, role, term) == (want.staff_id, want.main_role, "01"), kind
    view = svc.case_view(b)
    assert [s.kind for s in view.steps if s.kind not in ("printed", "reprinted", "doc_issued")] == [
        "received", "accepted", "batched", "signed", "decided", "issued"]
    assert [c.side for c in view.custody] == ["front", "back", "applicant"]

    folder = Path(hall.ctx.db.url.removeprefix("sqlite:///")).parent
    capsys.readouterr()
    assert admin(["--data-dir", str(folder), "verify-audit"]) == 0
    assert "审计通过" in capsys.readouterr().out
