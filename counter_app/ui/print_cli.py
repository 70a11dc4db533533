"""counter-admin print --printer: the counter's own print path (QPrinter, then the spooler)
for the command line, with a headless Qt application when there is no display."""

from __future__ import annotations

import os

from ..services.printing.service import PrintJob


def print_job(job: PrintJob, printer_name: str) -> int:
    """Send ``job`` to ``printer_name``; returns the page count. Raises OSError with a
    Chinese message when the printer does not exist or does not start."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from .printing import send_to_printer

    app = QApplication.instance() or QApplication([])
    try:
        return send_to_printer(job, printer_name)
    finally:
        del app  # the application lives as long as the process; nothing to tear down
