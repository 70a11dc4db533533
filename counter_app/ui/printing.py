"""Print preview and printing of the counter's documents.

The dialog asks the print service for each document (on the lane: the service renders it and
logs the print), shows it in a QPdfView and prints it: to a CUPS queue as the PDF itself
(``cups_spool``: CUPS rasterises at the driver's resolution), elsewhere through QPrinter at
the printer's resolution (the default 1200 dpi takes seconds a page). Printer and layout are
remembered per window in QSettings. With no printer installed (CI, a PC being set up) Ctrl+P
saves the PDF instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QRectF,
    QSize,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..services.context import Actor
from ..services.printing.service import PrintJob, PrintService
from .cups_spool import submit_pdf, takes_pdf
from .prefs import ui_settings  # one QSettings store for the whole UI
from .services import AppServices

PRINT_DPI = 300



def default_pdf_dir() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs or Path.home()) / "Counter"


def pdf_dir() -> Path:
    return Path(str(ui_settings().value("print/pdf_dir", "") or default_pdf_dir()))


def _key(window: str, what: str) -> str:
    return f"print/{window or 'default'}/{what}"


def remembered(window: str, what: str) -> str:
    return str(ui_settings().value(_key(window, what), "") or "")


def remember(window: str, what: str, value: str) -> None:
    ui_settings().setValue(_key(window, what), value)


@dataclass(frozen=True)
class DocRequest:
    kind: str
    number: str


def load_pdf(pdf: bytes, parent: QWidget | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over the bytes; keep the buffer alive as long as the document."""
    buf = QBuffer(parent)
    buf.setData(QByteArray(pdf))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument(parent)  # type: ignore[arg-type]  # None is accepted: no parent
    doc.load(buf)
    return doc, buf


def printer_dpi(printer: QPrinter) -> int:
    """The printer's own resolution (203 on a thermal printer): the page is rasterised at it,
    not at 300 dpi and then scaled by the driver. Unknown: 300."""
    found = [r for r in printer.supportedResolutions() if 150 <= r <= 600]
    return max(found) if found else PRINT_DPI


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print every page at the printer's resolution, each on paper of its own size; returns
    the page count. Safe off the GUI thread: it only paints on a QImage and the QPrinter."""
    doc, buf = load_pdf(pdf)
    dpi = printer_dpi(printer)
    printer.setResolution(dpi)
    printer.setFullPage(True)
    painter = QPainter()
    try:
        for i in range(doc.pageCount()):
            size_pt = doc.pagePointSize(i)
            printer.setPageLayout(QPageLayout(QPageSize(size_pt, QPageSize.Unit.Point),
                                              QPageLayout.Orientation.Portrait,
                                              printer.pageLayout().margins()))
            if i == 0:
                if not painter.begin(printer):
                    raise OSError("printer did not start")
            else:
                printer.newPage()
            px = QSize(round(size_pt.width() / 72 * dpi), round(size_pt.height() / 72 * dpi))
            page = QImage(px, QImage.Format.Format_RGB32)
            page.fill(Qt.GlobalColor.white)  # QPdfDocument renders transparent RGBA
            with_page = QPainter(page)
            with_page.drawImage(0, 0, doc.render(i, px))
            with_page.end()
            painter.drawImage(QRectF(printer.paperRect(QPrinter.Unit.DevicePixel)), page)
        return doc.pageCount()
    finally:
        if painter.isActive():
            painter.end()
        doc.close()
        buf.close()


def job_name(job: PrintJob) -> str:
    """The spooler's name of a job: ASCII, so every queue and driver keeps it."""
    return f"counter-{job.kind}-{job.number}-{job.layout}"


def send_to_printer(job: PrintJob, printer_name: str) -> int:
    """Print one produced document on a named printer (any thread); returns its page count."""
    info = QPrinterInfo.printerInfo(printer_name)
    if info.isNull():
        names = "、".join(QPrinterInfo.availablePrinterNames()) or "（本机没有打印机）"
        raise OSError(f"没有名为“{printer_name}”的打印机；可用：{names}")
    if takes_pdf():  # CUPS rasterises at the driver's resolution, in a fraction of the time
        sizes = page_sizes(job.pdf)
        submit_pdf(job.pdf, printer_name, job_name(job), sizes)
        return len(sizes)
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName(job_name(job))
    return print_pdf(job.pdf, printer)


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's width and height in points."""
    doc, buf = load_pdf(pdf)
    try:
        return [(doc.pagePointSize(i).width(), doc.pagePointSize(i).height())
                for i in range(doc.pageCount())]
    finally:
        doc.close()
        buf.close()


class PrintPreviewDialog(QDialog):
    """Shows the documents of one decision; Ctrl+P prints them all, Ctrl+S saves PDFs."""

    ready = Signal()  # every document produced and shown
    printed = Signal(list)  # printer names or saved PDF paths

    def __init__(self, services: AppServices, actor: Actor, docs: list[DocRequest],
                 parent: QWidget | None = None, title: str = "",
                 made: tuple[list[PrintJob], str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowTitle(title or self.tr("Print preview"))
        self.services, self.actor, self.docs = services, actor, docs
        self.window_code = actor.window_code
        self.jobs: list[PrintJob | None] = [None] * len(docs)
        self.saved: list[Path] = []
        self._pdf: tuple[QPdfDocument, QBuffer] | None = None
        self._build()
        if made is None or made[1]:  # not made yet, or it failed: (try again and) show why
            self._produce_all()
        else:  # produced with the decision, on the lane: nothing to wait for
            for i, job in enumerate(made[0]):
                self._produced(i, job, announce=False)
            QTimer.singleShot(0, self.ready.emit)  # once the caller could connect to it

    def _build(self) -> None:
        self.list = QListWidget()
        self.list.setObjectName("printDocs")
        self.list.setMaximumWidth(260)
        self.list.currentRowChanged.connect(self._show)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.printer = QComboBox()
        self.printer.setObjectName("printerBox")
        names = [p.printerName() for p in QPrinterInfo.availablePrinters()]
        self.printer.addItems(names)
        self.printer.setPlaceholderText(self.tr("No printer installed"))
        self.printer.setEnabled(bool(names))
        wanted = remembered(self.window_code, "printer") or QPrinterInfo.defaultPrinterName()
        if wanted in names:
            self.printer.setCurrentText(wanted)
        self.layout_box = QComboBox()
        self.layout_box.setObjectName("layoutBox")
        self.layout_box.addItem(self.tr("A4"), "a4")
        self.layout_box.addItem(self.tr("80 mm receipt"), "receipt")
        self.status = QLabel(self.tr("Preparing…"))
        self.status.setObjectName("printStatus")
        self.status.setWordWrap(True)
        self.print_button = QPushButton(self.tr("Print (Ctrl+P)") if names
                                        else self.tr("No printer: save PDF (Ctrl+P)"))
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton(self.tr("Save PDF (Ctrl+S)"))
        self.save_button.setObjectName("savePdfButton")
        self.folder_button = QPushButton(self.tr("PDF folder…"))
        close = QPushButton(self.tr("Close (Esc)"))
        for b in (self.print_button, self.save_button, self.folder_button, close):
            b.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_all)
        self.save_button.clicked.connect(self.save_all)
        self.folder_button.clicked.connect(self._choose_folder)
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_all)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_all)
        self.layout_box.activated.connect(self._layout_changed)
        self.printer.activated.connect(
            lambda _i: remember(self.window_code, "printer", self.printer.currentText()))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Printer")))
        bar.addWidget(self.printer, 1)
        bar.addWidget(QLabel(self.tr("Layout")))
        bar.addWidget(self.layout_box)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.folder_button)
        bar.addWidget(close)
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addWidget(self.view, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.status)
        lay.addLayout(body, 1)
        self.list.setVisible(len(self.docs) > 1)
        self._set_busy(True)
        screen = QGuiApplication.primaryScreen()
        avail = screen.availableGeometry().size() if screen else QSize(1366, 768)
        self.resize(min(1000, avail.width() - 40), avail.height() - 60)

    def _set_busy(self, busy: bool) -> None:
        for b in (self.print_button, self.save_button):
            b.setEnabled(not busy)
        self.layout_box.setEnabled(not busy)

    # -- producing ---------------------------------------------------------------------
    def _produce_all(self, layout: str | None = None) -> None:
        layout = layout or remembered(self.window_code, "layout") or None
        svc: PrintService = self.services.service(PrintService)
        self.jobs = [None] * len(self.docs)
        self._set_busy(True)
        for i, d in enumerate(self.docs):
            self.services.ops.run(self,
                partial(svc.prepare, self.actor, d.kind, d.number, layout),
                partial(self._produced, i), self._failed)

    def _produced(self, i: int, job: PrintJob, announce: bool = True) -> None:
        self.jobs[i] = job
        if any(j is None for j in self.jobs):
            return
        self.list.clear()
        for j in self.jobs:
            assert j is not None
            self.list.addItem(j.title + (self.tr(" (reprint)") if j.reprint_no else ""))
        self.layout_box.setCurrentIndex(max(self.layout_box.findData(job.layout), 0))
        self.list.setCurrentRow(0)
        self._set_busy(False)
        self.status.setText(self.tr("Ready: %1 document(s). Ctrl+P prints, Ctrl+S saves PDF, "
                                    "Esc closes.").replace("%1", str(len(self.jobs))))
        self.print_button.setFocus()
        if announce:
            self.ready.emit()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(str(exc))
        self.status.setStyleSheet("color: #b00020;")

    def _show(self, row: int) -> None:
        job = self.jobs[row] if 0 <= row < len(self.jobs) else None
        if job is None:
            return
        old = self._pdf
        self._pdf = load_pdf(job.pdf, self)
        self.view.setDocument(self._pdf[0])
        if old is not None:
            old[0].deleteLater()
            old[1].deleteLater()

    def _layout_changed(self, _index: int) -> None:
        layout = self.layout_box.currentData()
        remember(self.window_code, "layout", layout)
        self.status.setText(self.tr("Preparing…"))
        self._produce_all(layout)  # a render, not a print: nothing is logged, no 补打

    # -- output ------------------------------------------------------------------------
    def done_jobs(self) -> list[PrintJob]:
        return [j for j in self.jobs if j is not None]

    def print_all(self) -> None:
        if not self.print_button.isEnabled():
            return
        name = self.printer.currentText()
        if not name:
            self.save_all()
            return
        remember(self.window_code, "printer", name)
        jobs = self.done_jobs()
        self._set_busy(True)
        self.status.setText(self.tr("Printing…"))

        def rasterise_and_send() -> list[PrintJob]:
            # Off the GUI thread: rendering every page at the printer's resolution takes a
            # second or more, and the window must keep answering meanwhile.
            sent: list[PrintJob] = []
            for job in jobs:
                send_to_printer(job, name)
                sent.append(job)
            return sent

        def sent(done: list[PrintJob]) -> None:
            self._set_busy(False)
            # what reached the spooler is a print: logged, and a later one is 补打
            def logged() -> None:
                self.status.setText(self.tr("Sent to %1").replace("%1", name))
                self.printed.emit([name])

            self._log(done, [name] * len(done), logged)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            self._failed(exc)

        self.services.ops.printing(self, rasterise_and_send, sent, failed)

    def _log(self, jobs: list[PrintJob], targets: list[str], then: Callable[[], None]) -> None:
        svc: PrintService = self.services.service(PrintService)

        def log() -> None:
            for job, target in zip(jobs, targets, strict=True):
                svc.log_print(self.actor, job, target)

        self.services.ops.run(self, log, lambda _r: then(), self._failed)

    def save_all(self, folder: Path | None = None) -> list[Path]:
        if not self.save_button.isEnabled():
            return []
        target = Path(folder) if folder else pdf_dir()
        try:
            target.mkdir(parents=True, exist_ok=True)
            paths = []
            for job in self.done_jobs():
                suffix = f"-reprint{job.reprint_no}" if job.reprint_no else ""
                path = target / f"{job.number}-{job.kind}{suffix}.pdf"
                path.write_bytes(job.pdf)
                paths.append(path)
        except OSError as exc:
            self._failed(exc)
            return []

        def logged() -> None:
            self.saved += paths
            self.status.setText(self.tr("Saved: %1").replace("%1", "、".join(str(p) for p in paths)))
            self.printed.emit([str(p) for p in paths])

        self._log(self.done_jobs(), [str(p) for p in paths], logged)
        return paths

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("PDF folder"), str(pdf_dir()))
        if chosen:
            ui_settings().setValue("print/pdf_dir", chosen)


def print_choices(window: str) -> tuple[str | None, str]:
    """The remembered layout (None: the window's default) and printer, read on the GUI thread."""
    names = [p.printerName() for p in QPrinterInfo.availablePrinters()]
    printer = remembered(window, "printer") or QPrinterInfo.defaultPrinterName()
    return remembered(window, "layout") or None, printer if printer in names else ""


def produce_jobs(svc: PrintService, actor: Actor, docs: list[DocRequest], layout: str | None,
                 printer: str) -> tuple[list[PrintJob], str]:
    """Run on the lane right after the decision committed: the documents, or why not.
    Rendered, not printed: the print log records them when they reach a printer or a file."""
    try:
        return [svc.prepare(actor, d.kind, d.number, layout) for d in docs], ""
    except Exception as exc:  # the case is saved; the preview offers to try again
        return [], str(exc)


def open_preview(services: AppServices, actor: Actor, docs: list[DocRequest],
                 parent: QWidget | None = None,
                 on_closed: Callable[[], None] | None = None,
                 made: tuple[list[PrintJob], str] | None = None) -> PrintPreviewDialog:
    """Open the (window-modal, non-blocking) preview of ``docs``."""
    dialog = PrintPreviewDialog(services, actor, docs, parent, made=made)
    if on_closed is not None:
        dialog.finished.connect(lambda _r: on_closed())
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
