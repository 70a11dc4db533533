"""Issue 15's "done when": a whole working day on one shared PC, by key events only.

Two clerks (``clerk``, and ``trainee`` who may not yet accept alone) and an approver share the
PC, switching user by Ctrl+Shift+Q; the supervisor reads the day at the end. Every key goes
to the window's QWindow (``WindowKeys``): shortcuts, the scan filter and the focus widget all
take part as on a real PC. A scan is a burst of keys ending in Enter, of a code read off the
printed PDF. No widget method moves the focus or presses a button; the test only reads.

The day: receive a complete case (acceptance notice) and an incomplete one (one-time notice);
the applicant comes back, the second clerk resumes the case by scanning the notice and an
approver co-signs at the counter; the files are handed over with the printed sheet; the
approver signs for them by scanning, returns one and approves the other; the applicant brings
the signed form, the clerk records it on the returned file (its own receipt) and sends the file
again, issues the approved result and the applicant rates it; the approver decides the second
file; the supervisor reads the cases of the hall and the day's bulletin, going through its
tables, and saves it as a PDF.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid
from sqlalchemy import select

from counter_app.models import CaseFile, Evaluation
from counter_app.ui.counter.page import RESUME, CounterPage
from counter_app.ui.file_dialogs import LAST_DIR_KEY
from counter_app.ui.prefs import ui_settings
from counter_app.ui.scan_filter import scan_filter

from ..conftest import PASSWORD
from .flow import COMMON_ITEM, wait_dialog
from .test_resume_scan import decode_barcodes
from .winkeys import WindowKeys, sign_in

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
WANG = {"name": "王芳", "id": "440524188001010014", "phone": "0376-2345678",
        "address": "罗山县丽水街道2号"}
ZHANG = {"name": "张伟", "id": "11010519491231002X", "phone": "13812345678",
         "address": "罗山县龙山街道1号"}


class Day:
    """The shared PC: the window, the keyboard, and what the day printed."""

    def __init__(self, window, hall, qtbot, pdf_folder: Path) -> None:  # type: ignore[no-untyped-def]
        self.w, self.hall, self.qtbot, self.pdfs = window, hall, qtbot, pdf_folder
        self.kb = WindowKeys(qtbot)
        self.keys: dict[str, int] = {}

    def shot(self, name: str, widget=None) -> None:  # type: ignore[no-untyped-def]
        """With DAY_SCREENS=folder: the window at 1366x768 and 1920x1080 (a dialog as it is)."""
        folder = os.environ.get("DAY_SCREENS")
        if not folder:
            return
        Path(folder).mkdir(parents=True, exist_ok=True)
        if widget is not None:
            QApplication.processEvents()
            widget.grab().save(str(Path(folder) / f"{name}.png"))
            return
        for w, h in ((1920, 1080), (1366, 768)):
            self.w.resize(w, h)
            for _ in range(3):
                QApplication.processEvents()
            self.w.grab().save(str(Path(folder) / f"{name}-{w}x{h}.png"))

    def wait(self, fn, timeout: int = 10000) -> None:  # type: ignore[no-untyped-def]
        self.qtbot.waitUntil(fn, timeout=timeout)

    def focus(self):  # type: ignore[no-untyped-def]
        return QApplication.focusWidget()

    def sign_in(self, user: str) -> None:
        self.wait(lambda: self.w.stack.currentWidget() is self.w.login
                  and self.focus() is self.w.login.user)
        sign_in(self.kb, self.w, self.qtbot, user, PASSWORD)
        self.wait(lambda: self.w.services.actor is not None
                  and self.w.services.actor.username == user and self.w.workspace is not None)

    def switch_to(self, user: str) -> None:
        with self.qtbot.waitSignal(self.w.signed_out, timeout=10000):
            self.kb.ctrl_shift(Qt.Key.Key_Q)
        self.sign_in(user)

    def page(self, key: str):  # type: ignore[no-untyped-def]
        """The page shown now, once it is the one asked for (read, never switched to)."""
        self.wait(lambda: self.w.current_page() is not None
                  and self.w.current_page().property("pageKey") == key)
        return self.w.current_page()

    def go(self, key: str):  # type: ignore[no-untyped-def]
        """Alt+N to the page whose tab is numbered N."""
        ws = self.w.workspace
        n = next(i for i in range(ws.count()) if ws.widget(i).property("pageKey") == key) + 1
        self.kb.key(Qt.Key(Qt.Key.Key_0 + n), ALT)
        return self.page(key)

    def counter(self) -> CounterPage:
        page = self.page("counter")
        self.wait(lambda: page.catalog is not None)
        return page

    def print_and_close(self, owner) -> list[Path]:  # type: ignore[no-untyped-def]
        """The preview that ``owner`` opened: Ctrl+P (no printer here: it saves the PDFs), Esc."""
        self.wait(lambda: owner.preview is not None, 15000)
        dialog = owner.preview
        self.wait(lambda: all(j is not None for j in dialog.jobs) and dialog.print_button.isEnabled()
                  and self.focus() is not None and self.focus().window() is dialog, 20000)
        before = len(dialog.saved)
        self.kb.ctrl(Qt.Key.Key_P)
        self.wait(lambda: len(dialog.saved) > before)
        saved = list(dialog.saved[before:])
        self.kb.key(Qt.Key.Key_Escape)
        self.wait(lambda: self.focus() is not None and self.focus().window() is self.w)
        return saved

    def status(self, case_no: str) -> str:
        with self.hall.ctx.db.session() as s:
            return s.execute(select(CaseFile.status).where(CaseFile.case_no == case_no)).scalar_one()

    def count(self, role: str, before: int) -> None:
        self.keys[role] = self.keys.get(role, 0) + self.kb.keys - before


def _intake(day: Day, person: dict[str, str]) -> CounterPage:
    """F2, the item by pinyin initials, the applicant's four fields: the checklist has the keys."""
    kb, page = day.kb, day.counter()
    kb.key(Qt.Key.Key_F2)
    assert day.focus() is page.picker.field
    kb.type("fwgh")
    kb.key(Qt.Key.Key_Return)
    day.wait(lambda: page.intake is not None and page.intake.item_code == COMMON_ITEM)
    for i, field in enumerate(("name", "id", "phone", "address")):
        kb.data(person[field])
        kb.key(Qt.Key.Key_Return)
        if i == 0:
            day.wait(lambda: page.intake is not None)
    day.wait(lambda: day.focus() is page.checklist)
    return page


def _receive_rest(day: Day, page: CounterPage) -> None:
    for m in page.intake.materials[page.checklist.currentRow():]:
        if m.state != "not_applicable":
            day.kb.key(Qt.Key.Key_Space if m.requirement == "required" else Qt.Key.Key_N)


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")  # offscreen platform
def test_a_keyboard_only_day_on_a_shared_pc(window, ui_hall, qtbot, pdf_folder) -> None:  # type: ignore[no-untyped-def]
    day = Day(window, ui_hall, qtbot, pdf_folder)
    kb = day.kb
    # The scan filter keeps the app's own 30 ms gap: scans carry a scanner's timestamps.
    assert scan_filter(window.services).detector.max_gap_ms == 30
    kb.hold_ms = 70  # so two single keys (Space, Space) are never one burst

    # -- 09:30 the clerk signs in; the PC starts at the login with the keys in the user name
    day.shot("login")
    day.sign_in("clerk")
    start = kb.keys
    page = _intake(day, ZHANG)  # a complete application: accepted, acceptance notice
    _receive_rest(day, page)
    day.shot("counter-intake")
    kb.key(Qt.Key.Key_F5)
    (accepted,) = day.print_and_close(page)
    assert accepted.name.endswith("-acceptance.pdf")
    case_a = accepted.name.split("-")[0]
    assert day.status(case_a) == "accepted"
    day.wait(lambda: day.focus() is page.picker.field)

    page = _intake(day, WANG)  # one material not right, one missing: the one-time notice
    kb.key(Qt.Key.Key_D)
    wait_dialog(qtbot, "defectDialog")
    kb.key(Qt.Key.Key_2)  # 缺少签字或盖章
    day.wait(lambda: page.intake.materials[0].state == "defective")
    kb.key(Qt.Key.Key_M)
    _receive_rest(day, page)
    kb.key(Qt.Key.Key_F6)
    (notice,) = day.print_and_close(page)
    assert notice.name.endswith("-one_time_notice.pdf")
    case_b = notice.name.split("-")[0]
    assert day.status(case_b) == "awaiting_supplement"
    day.count("clerk", start)

    # -- 10:40 the second clerk takes the PC; the applicant is back with the notice --------
    ui_hall.clock.now += timedelta(hours=1, minutes=10)
    day.switch_to("trainee")
    start = kb.keys
    page = day.counter()
    (code,) = decode_barcodes(notice)
    kb.scan(code)
    day.wait(lambda: page.stack.currentIndex() == RESUME and page.resume.case is not None
             and day.focus() is page.resume.checklist)
    kb.key(Qt.Key.Key_Space)  # the material now signed
    kb.key(Qt.Key.Key_Space)  # the one that was missing
    assert page.resume.completes()
    day.shot("counter-resume")
    kb.key(Qt.Key.Key_F5)  # complete: the trainee may not accept alone, an approver co-signs
    day.shot("dialog-cosigner", wait_dialog(qtbot, "coSignerDialog"))
    kb.data("approver")
    kb.key(Qt.Key.Key_Return)
    kb.data(PASSWORD)
    kb.key(Qt.Key.Key_Return)
    saved = day.print_and_close(page)
    assert sorted(p.name.split("-", 1)[1] for p in saved) == ["acceptance.pdf", "supplement_receipt.pdf"]
    assert day.status(case_b) == "accepted"

    # Both files go to the department on one sheet.
    handoff = day.go("handoff")
    day.wait(lambda: handoff.grid.rowCount() == 2 and day.focus() is handoff.grid)
    assert handoff.selected() == []
    kb.ctrl(Qt.Key.Key_A)
    day.shot("handoff")
    kb.key(Qt.Key.Key_F9)
    (sheet,) = day.print_and_close(handoff)
    codes = decode_barcodes(sheet)  # the batch's own barcode and each case's, to tick it off
    batches = set(codes) - {case_a, case_b}  # zxing may report a symbol twice
    assert len(batches) == 1 and {case_a, case_b} <= set(codes), (codes, case_a, case_b)
    (batch_no,) = batches
    assert day.status(case_a) == day.status(case_b) == "in_handoff"
    day.count("trainee", start)

    # -- 11:30 the approver, at the same PC, signs for the folder by scanning ---------------
    ui_hall.clock.now += timedelta(minutes=50)
    day.switch_to("approver")
    start = kb.keys
    desk = day.page("approver")
    day.wait(lambda: day.focus() is desk.field)
    kb.scan(batch_no)
    try:
        day.wait(lambda: desk.batch.batch_no == batch_no and day.focus() is desk.batch.grid)
    except Exception:
        raise AssertionError(f"{desk.message.text()!r} focus={day.focus()!r} "
                             f"batch={desk.batch.batch_no!r} want {batch_no}") from None
    for case_no in (case_a, case_b):  # each file's own barcode, off its acceptance notice
        kb.scan(case_no)
        day.wait(lambda n=case_no: n in desk.batch.present)
        qtbot.wait(300)  # the next folder under the scanner
    day.shot("desk-batch")
    kb.key(Qt.Key.Key_F5)
    day.wait(lambda: not desk.batch.is_open)
    assert day.status(case_a) == day.status(case_b) == "with_approver"
    kb.scan(case_a)  # the first lacks the applicant's signature: back to the front
    day.wait(lambda: desk.stack.currentWidget() is desk.case and desk.case.case_no == case_a)
    day.shot("desk-case")
    kb.key(Qt.Key.Key_F6)
    wait_dialog(qtbot, "returnDialog")
    kb.data("申请书缺少申请人签名")
    day.shot("dialog-return", QApplication.activeModalWidget())
    kb.key(Qt.Key.Key_Return, CTRL)
    day.wait(lambda: day.status(case_a) == "returned")
    kb.scan(case_b)
    day.wait(lambda: desk.case.case_no == case_b and desk.case.view is not None
             and desk.case.view.status == "with_approver")
    kb.key(Qt.Key.Key_F5)
    wait_dialog(qtbot, "decideDialog")
    kb.data("罗自然资〔2026〕101号")
    day.shot("dialog-decide", QApplication.activeModalWidget())
    kb.key(Qt.Key.Key_Return)
    day.wait(lambda: day.status(case_b) == "approved")
    day.count("approver", start)

    # -- 14:00 the clerk: the returned file, put right, goes again; the result is issued ----
    ui_hall.clock.now += timedelta(hours=2, minutes=30)
    day.switch_to("clerk")
    start = kb.keys
    page = day.counter()  # the applicant brings the application form, signed now
    kb.scan(case_a)  # the barcode on their acceptance notice
    day.wait(lambda: page.stack.currentIndex() == RESUME and page.resume.case is not None
             and page.resume.case.returned and day.focus() is page.resume.checklist)
    kb.ctrl(Qt.Key.Key_Home)  # the first material: 不动产登记申请书
    kb.key(Qt.Key.Key_Space)  # brought again
    assert page.resume.brought_again() == (page.resume.entries()[0].name,)
    day.shot("counter-returned")
    kb.key(Qt.Key.Key_F5)
    (again,) = day.print_and_close(page)
    assert again.name.endswith("-supplement_receipt.pdf") and day.status(case_a) == "returned"
    handoff = day.go("handoff")
    day.wait(lambda: handoff.grid.rowCount() == 1 and handoff.problems.count() >= 1)
    assert "申请书缺少申请人签名" in handoff.problems.item(0).text()
    day.shot("handoff-returned")
    kb.key(Qt.Key.Key_Space)
    kb.key(Qt.Key.Key_F9)
    (sheet2,) = day.print_and_close(handoff)
    (batch2,) = set(decode_barcodes(sheet2)) - {case_a}  # the batch's, beside the case's own
    issue = day.go("issue")
    day.wait(lambda: day.focus() is issue.field)
    kb.scan(case_b)  # the applicant's acceptance notice
    day.wait(lambda: issue.view is not None and day.focus() is issue.id_no)
    kb.data(WANG["id"])
    day.shot("issue")
    kb.key(Qt.Key.Key_Return)  # Enter on the last field issues
    (receipt,) = day.print_and_close(issue)
    assert receipt.name.endswith("-collection.pdf") and day.status(case_b) == "issued"
    kb.key(Qt.Key.Key_F9)  # the applicant rates, on the screen that faces them
    day.wait(lambda: (f := day.focus()) is not None and f.window().objectName() == "evaluationScreen")
    rating = day.focus().window()
    day.shot("rating-screen", rating)
    kb.key(Qt.Key.Key_5)  # the applicant's keypad: 5 非常满意
    day.wait(lambda: not isValid(rating) or not rating.isVisible(), 10000)  # "thank you", closes
    day.wait(lambda: day.focus() is not None and day.focus().window() is window)
    with ui_hall.ctx.db.session() as s:
        assert s.execute(select(Evaluation.grade)).scalars().all() == [5]
    day.count("clerk", start)

    # -- 15:00 the approver signs for the file again and approves it --------------------------
    ui_hall.clock.now += timedelta(hours=1)
    day.switch_to("approver")
    start = kb.keys
    desk = day.page("approver")
    day.wait(lambda: day.focus() is desk.field)
    kb.scan(batch2)
    day.wait(lambda: desk.batch.batch_no == batch2 and day.focus() is desk.batch.grid)
    kb.key(Qt.Key.Key_Space)  # ticked in the folder by hand this time
    kb.key(Qt.Key.Key_F5)
    day.wait(lambda: not desk.batch.is_open)
    kb.key(Qt.Key.Key_F3)  # the worklist: signed, to decide
    day.wait(lambda: day.focus() is desk.work and desk.work.count() == 1
             and desk.work.item(0).data(Qt.ItemDataRole.UserRole) == case_a)
    day.shot("desk-worklist")
    kb.key(Qt.Key.Key_Return)
    day.wait(lambda: desk.stack.currentWidget() is desk.case and desk.case.case_no == case_a)
    kb.key(Qt.Key.Key_F5)
    wait_dialog(qtbot, "decideDialog")
    kb.data("罗自然资〔2026〕102号")
    kb.key(Qt.Key.Key_Return)
    day.wait(lambda: day.status(case_a) == "approved")
    day.count("approver", start)

    # -- 17:00 the supervisor reads the day ----------------------------------------------------
    ui_hall.clock.now += timedelta(hours=2)
    day.switch_to("boss")
    start = kb.keys
    cases = day.go("cases")
    day.wait(lambda: cases.today.rowCount() == 2)  # the whole hall's day, not "my window" (none)
    day.shot("cases-hall")
    sup = day.go("supervision")
    bulletin = sup.bulletin
    day.wait(lambda: bulletin.bulletin is not None)
    b = bulletin.bulletin
    assert b.totals.received == 2 and b.totals.accepted == 2 and b.totals.notices == 1
    assert b.totals.returns == 1
    day.shot("bulletin")
    first = bulletin.tables.currentIndex()
    kb.key(Qt.Key.Key_F6)  # the next table, with the keys in it
    assert bulletin.tables.currentIndex() == first + 1
    assert day.focus() is bulletin.tables.currentWidget()
    kb.key(Qt.Key.Key_F1)
    day.wait(lambda: window.help_dialog is not None)
    day.shot("key-help-supervision", window.help_dialog)
    kb.key(Qt.Key.Key_Escape)
    day.wait(lambda: window.help_dialog is None and day.focus() is bulletin.tables.currentWidget())
    ui_settings().setValue(LAST_DIR_KEY % "bulletin", str(pdf_folder))  # else ~/Documents
    kb.ctrl(Qt.Key.Key_S)  # save as PDF: Qt's own file dialog, in Chinese; Enter saves
    day.wait(lambda: (m := QApplication.activeModalWidget()) is not None
             and m.objectName() == "fileDialog_bulletin" and day.focus() is not None
             and day.focus().window() is m)
    day.shot("dialog-file-save", QApplication.activeModalWidget())
    kb.key(Qt.Key.Key_Return)
    day.wait(lambda: "已保存" in bulletin.message.text(), 20000)
    day.wait(lambda: day.focus() is bulletin.tables.currentWidget())  # the keys are back
    saved_pdf = pdf_folder / f"{b.title}.pdf"
    assert saved_pdf.is_file() and saved_pdf.read_bytes().startswith(b"%PDF")
    day.count("supervisor", start)
    kb.key(Qt.Key.Key_2, CTRL)  # the deadlines tab; then the other pages, for the screenshots
    assert sup.currentIndex() == 1
    day.shot("supervision-deadlines")
    for key in ("settings", "home"):
        day.go(key)
        day.shot(key)
    day.switch_to("clerk")
    for key in ("consult", "settings", "cases"):
        day.go(key)
        day.shot(f"{key}-clerk")

    print(f"\nKEYS per person (besides data, scans and signing in): {day.keys}; "
          f"data keys {kb.data_keys}")
    assert day.keys == {"clerk": 57, "trainee": 12, "approver": 11, "supervisor": 7}, day.keys
    print(f"WORST KEY of the day: {kb.worst_key} held the GUI thread {kb.worst_ms:.1f} ms")
