"""Child process for the crash test: types an intake on the counter page, says "saved" once
the draft is in the database, then waits to be killed (SIGKILL, no clean-up of any kind)."""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from counter_app.bootstrap import open_context
from counter_app.services.intake.drafts import DraftService
from counter_app.services.people.auth import AuthService
from counter_app.ui.counter.page import CounterPage
from counter_app.ui.services import AppServices
from counter_app.ui.worker import DbLane


def until(cond, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > end:
            raise SystemExit("timed out")
        QTest.qWait(20)


def main(folder: str, user: str, password: str) -> None:
    app = QApplication(sys.argv[:1])  # noqa: F841 (keeps the application alive)
    ctx = open_context(folder)
    actor = AuthService(ctx).login(user, password)
    page = CounterPage(AppServices(ctx=ctx, lane=DbLane()), actor)
    page.resize(1366, 768)
    page.show()
    until(lambda: page.catalog is not None)
    page.focus_item_search()
    QTest.keyClicks(page.picker.field, "fwgh")
    QTest.keyClick(page.picker.field, Qt.Key.Key_Return)
    until(lambda: page.intake is not None)
    for field, text in ((page.form.name, "Zhang Wei"), (page.form.id_no, "11010519491231002X"),
                        (page.form.phone, "13812345678"), (page.form.address, "Longshan Road 1")):
        QTest.keyClicks(field.edit, text)
    page.focus_checklist()
    QTest.keyClick(page.checklist, Qt.Key.Key_Space)
    QTest.keyClick(page.checklist, Qt.Key.Key_Space)
    drafts = DraftService(ctx)

    def saved() -> bool:
        d = drafts.load(actor.staff_id)
        return d is not None and d.intake.applicant.address == "Longshan Road 1" \
            and d.intake.materials[1].state == "received"

    until(saved)
    print("saved", flush=True)
    while True:
        QTest.qWait(1000)


if __name__ == "__main__":
    main(*sys.argv[1:4])
