"""Run by test_cups_print in its own process (CUPS_SERVER points at the private spooler):
the counter's print preview prints one document on the queue, off the GUI thread."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from counter_app.bootstrap import open_context
from counter_app.models import Staff
from counter_app.services.context import Actor
from counter_app.ui.printing import DocRequest, PrintPreviewDialog
from counter_app.ui.services import AppServices
from counter_app.ui.worker import DbLane


def main(data_dir: str, username: str, kind: str, number: str, queue: str) -> int:
    app = QApplication([])
    ctx = open_context(data_dir)
    with ctx.db.session() as s:
        staff = s.query(Staff).filter_by(username=username).one()
        actor = Actor.of(staff, "")
    services = AppServices(ctx=ctx, lane=DbLane())
    dialog = PrintPreviewDialog(services, actor, [DocRequest(kind, number)])
    outcome: list[str] = []

    def ready() -> None:
        if queue not in [dialog.printer.itemText(i) for i in range(dialog.printer.count())]:
            outcome.append("queue not listed")
            app.quit()
            return
        dialog.printer.setCurrentText(queue)
        dialog.print_all()
        outcome.append("gui free" if not dialog.print_button.isEnabled() else "blocked")

    dialog.ready.connect(ready)
    dialog.printed.connect(lambda _names: (outcome.append("printed"), app.quit()))
    QTimer.singleShot(90_000, app.quit)
    app.exec()
    services.lane.stop()
    print(" ".join(outcome))
    return 0 if outcome == ["gui free", "printed"] else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
