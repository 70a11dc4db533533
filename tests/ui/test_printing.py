"""Printing through QPrinter at 300 dpi, and the per-window memory of layout and printer."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from counter_app.services.intake.service import IntakeService
from counter_app.ui.printing import DocRequest, PrintPreviewDialog, print_pdf, remembered

from ..helpers import complete_intake


def _accepted(hall) -> str:  # type: ignore[no-untyped-def]
    svc = IntakeService(hall.ctx)
    return svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept").case_no


def test_print_pdf_goes_through_qprinter_page_by_page(services, ui_hall, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case_no = _accepted(ui_hall)
    dialog = PrintPreviewDialog(services, ui_hall.clerk, [DocRequest("acceptance", case_no)])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=10000)
    job = dialog.done_jobs()[0]
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    pages = print_pdf(job.pdf, printer)
    assert printer.resolution() == 300
    printed = PdfReader(out)
    source = PdfReader(__import__("io").BytesIO(job.pdf))
    assert pages == len(printed.pages) == len(source.pages)
    w, h = (float(x) for x in printed.pages[0].mediabox.upper_right)
    sw, sh = (float(x) for x in source.pages[0].mediabox.upper_right)
    assert abs(w - sw) < 2 and abs(h - sh) < 2  # the paper follows the document


def test_layout_is_remembered_per_window(services, ui_hall, qtbot, pdf_folder: Path) -> None:  # type: ignore[no-untyped-def]
    case_no = _accepted(ui_hall)
    dialog = PrintPreviewDialog(services, ui_hall.clerk, [DocRequest("acceptance", case_no)])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=10000)
    assert dialog.done_jobs()[0].layout == "a4"
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("receipt"))
    dialog.layout_box.activated.emit(dialog.layout_box.currentIndex())
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled() and dialog.done_jobs()
                    and dialog.done_jobs()[0].layout == "receipt", timeout=10000)
    assert remembered(ui_hall.clerk.window_code, "layout") == "receipt"
    # switching the layout re-rendered it: nothing printed yet, so no 补打 (issue 14)
    assert dialog.done_jobs()[0].reprint_no == 0
    paths = dialog.save_all()
    assert paths and paths[0].parent == pdf_folder and "reprint" not in paths[0].name
    qtbot.waitUntil(lambda: bool(dialog.saved), timeout=10000)  # saved and logged
    again = PrintPreviewDialog(services, ui_hall.clerk, [DocRequest("acceptance", case_no)])
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.print_button.isEnabled(), timeout=10000)
    assert again.done_jobs()[0].layout == "receipt"
    assert again.layout_box.currentData() == "receipt"
    assert again.done_jobs()[0].reprint_no == 1  # a real second print is a reprint
