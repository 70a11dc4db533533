"""Killed mid-intake: the next start offers the intake back, intact; a decision clears it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.services.intake.drafts import DraftService
from counter_app.ui.counter.page import CounterPage

from ..conftest import PASSWORD
from .conftest import screenshot

CHILD = Path(__file__).with_name("draft_child.py")
ROOT = Path(__file__).resolve().parents[2]


def test_killed_mid_intake_the_draft_comes_back(services, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    folder = ui_hall.ctx.db.url.removeprefix("sqlite:///").rsplit("/", 1)[0]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, str(CHILD), folder, "clerk", PASSWORD],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "saved", proc.stderr.read() if proc.stderr else line
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)

    page = CounterPage(services, ui_hall.clerk)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=10000)
    assert "Zhang Wei" in page.banner.label.text()
    screenshot(page, "draft-banner-1366x768")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.banner.restore_button)
    qtbot.keyClick(page.banner.restore_button, Qt.Key.Key_Return)
    assert not page.banner.isVisible()
    assert page.form.name.text() == "Zhang Wei" and page.form.id_no.text() == "11010519491231002X"
    assert page.form.address.text() == "Longshan Road 1"
    assert [m.state for m in page.intake.materials[:2]] == ["received", "received"]
    assert page.checklist.item(1, 3).text() == "已收"
    assert page.intake.item_code == "BDC-0002"


def test_draft_is_saved_as_typed_and_discarded(services, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    drafts = DraftService(ui_hall.ctx)
    page = CounterPage(services, ui_hall.clerk)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.catalog is not None)
    page.pick_item(ui_hall.immediate.code)
    qtbot.waitUntil(lambda: page.intake is not None)
    qtbot.keyClicks(page.form.name.edit, "Li Na")
    qtbot.waitUntil(lambda: (d := drafts.load(ui_hall.clerk.staff_id)) is not None
                    and d.intake.applicant.name == "Li Na", timeout=5000)
    page.new_intake()  # something typed: asks first
    box = QApplication.activeModalWidget()
    assert box is not None
    box.button(box.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: drafts.load(ui_hall.clerk.staff_id) is None, timeout=5000)
    assert page.intake is None and page.form.name.text() == ""
