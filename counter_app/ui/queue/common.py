"""What the queue's screens share: where an act runs, printing a ticket."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QWidget

from ..services import AppServices

log = logging.getLogger(__name__)


def run_act(owner: QWidget, services: AppServices, fn: Callable[[], Any],
            ok: Callable[[Any], Any], err: Callable[[BaseException], Any]) -> None:
    """A queue act: on an enrolled PC it is a request to the hall service (network work:
    its own thread, never the database lane nor the GUI); else a local write on the lane.
    The answer is delivered only while ``owner`` exists (``operations.Operations``)."""
    if services.ctx.records_ops:
        services.ops.network(owner, fn, ok, err)
    else:
        services.ops.run(owner, fn, ok, err)


def print_ticket(pdf: bytes, name: str, folder: Path) -> str:
    """Print the ticket on this PC's default printer (the help desk's 80 mm printer); with
    no printer, keep it as a PDF. Returns where it went. Any thread."""
    from ..printing import print_pdf

    printer_name = QPrinterInfo.defaultPrinterName()
    if printer_name:
        printer = QPrinter(QPrinterInfo.printerInfo(printer_name), QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"counter-ticket-{name}")
        print_pdf(pdf, printer)
        return printer_name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    return str(path)
