"""A one-time notice's barcode, scanned through the window, reopens the case for supplement."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path

import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter_app.models import CaseFile
from counter_app.ui.counter.page import RESUME

from ..scanner_keys import scan as scan_window
from .conftest import screenshot
from .flow import COMMON_ITEM, fill_person, login, print_with_keys, wait_dialog, wait_preview
from .keys import Keyboard


def decode_barcodes(pdf: Path) -> list[str]:
    """As a 300 dpi gray scan of the paper would read."""
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-f", "1", "-l", "1", str(pdf),
                    str(pdf.with_suffix(""))], check=True)
    page = next(pdf.parent.glob(pdf.stem + "*.pgm"))
    with Image.open(page) as im:
        found = zxingcpp.read_barcodes(im, formats=zxingcpp.BarcodeFormat.Code128)
    return [r.text for r in found]


def scan(window, code: str) -> None:  # type: ignore[no-untyped-def]
    """A keyboard-wedge scanner's burst to the window (``scanner_keys.scan``)."""
    scan_window(window.windowHandle(), code)


def test_notice_barcode_scan_resumes_the_case(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = login(window, qtbot)
    kb = Keyboard(qtbot)
    page.setFocus()
    kb.key(Qt.Key.Key_F2)
    kb.type("fwgh")
    kb.key(Qt.Key.Key_Return)
    fill_person(kb, page, qtbot)
    kb.key(Qt.Key.Key_D)  # 1st material defective: pick reason 1 from the list
    wait_dialog(qtbot, "defectDialog")
    kb.key(Qt.Key.Key_1)
    qtbot.waitUntil(lambda: page.intake.materials[0].state == "defective")
    kb.key(Qt.Key.Key_M)  # 2nd missing
    for m in page.intake.materials[2:]:
        if m.state != "not_applicable":
            kb.key(Qt.Key.Key_Space if m.requirement == "required" else Qt.Key.Key_N)
    assert "缺 1 项" in page.decisions.summary.text() and "不符合要求 1 项" in page.decisions.summary.text()
    kb.key(Qt.Key.Key_F6)
    notice = print_with_keys(kb, wait_preview(page, qtbot), qtbot)[0]
    assert "one_time_notice" in notice.name
    kb.key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.preview is None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.picker.field, timeout=3000)

    ui_hall.clock.now += timedelta(days=1)  # the applicant comes back the next day
    codes = decode_barcodes(notice)
    case_no = notice.name.split("-")[0]
    assert case_no in codes
    scan(window, case_no)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == RESUME and page.resume.case is not None,
                    timeout=5000)
    assert page.resume.case.case_no == case_no
    assert page.picker.field.text() == ""  # the scan never reached the focused field
    screenshot(window, "counter-resume-1366x768")

    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.resume.checklist)
    kb.key(Qt.Key.Key_Space)  # the defective one, now brought right
    kb.key(Qt.Key.Key_Space)  # the missing one
    assert page.resume.completes()
    kb.key(Qt.Key.Key_F5)
    saved = print_with_keys(kb, wait_preview(page, qtbot), qtbot)
    assert sorted(p.name.split("-", 1)[1] for p in saved) == ["acceptance.pdf",
                                                             "supplement_receipt.pdf"]
    with ui_hall.ctx.db.session() as s:
        case = s.execute(select(CaseFile).where(CaseFile.case_no == case_no)).scalar_one()
        assert case.status == "accepted" and case.item_code == COMMON_ITEM


def test_typed_number_and_bad_scans(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = login(window, qtbot)
    page.focus_case_field()
    qtbot.keyClicks(page.case_field, "41152126112310100077")
    qtbot.keyClick(page.case_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "没有" in page.message.text(), timeout=5000)
    page.focus_item_search()
    scan(window, "6901234567892")  # a product barcode, not ours
    qtbot.waitUntil(lambda: "长度" in page.message.text(), timeout=5000)
    assert page.picker.field.text() == ""
