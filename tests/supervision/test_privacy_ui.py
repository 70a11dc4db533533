"""The supervisors' personal-data tab, driven by keys: who looked at one person, the volume
warning with its thresholds, the masked case list export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.services.handoff.case_queries import CaseQueries
from counter_app.ui.fonts import install_app_font
from counter_app.ui.i18n import install_translator
from counter_app.ui.supervision.page import build as build_supervision

from ..conftest import Hall
from ..helpers import PERSON_ID
from .conftest import accept

SHOTS = Path("/tmp/counter-screens")


@pytest.fixture(scope="module", autouse=True)
def chinese(qapp: QApplication) -> Iterator[None]:
    install_app_font(qapp)
    translator = install_translator(qapp, "zh_CN")
    yield
    if translator is not None:
        qapp.removeTranslator(translator)


def test_who_looked_and_volume_warning_by_keyboard(hall: Hall, app_services, qtbot,  # type: ignore[no-untyped-def]
                                                   tmp_path: Path) -> None:
    case_no = accept(hall)
    q = CaseQueries(hall.ctx)
    q.search(hall.clerk, PERSON_ID)
    q.open_case(hall.clerk, case_no)
    stranger = hall.trainee.__class__(**{**vars(hall.trainee), "window_code": "OTHER"})
    for _ in range(4):
        hall.clock.now += timedelta(minutes=2)
        q.open_case(stranger, case_no)

    page = build_supervision(app_services, hall.supervisor)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    w = page.privacy
    page.setCurrentWidget(w)
    assert page.tabText(page.indexOf(w)) == "个人信息"
    qtbot.waitUntil(lambda: w.alert_count.value() == 200 and w.alert_minutes.value() == 60,
                    timeout=10000)
    qtbot.waitUntil(lambda: w.alert_note.text() == "当天没有异常的查阅量", timeout=10000)

    page.activateWindow()
    w.looks.setFocus()
    qtbot.waitUntil(w.looks.hasFocus, timeout=5000)
    qtbot.keyClick(w.looks, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert w.id_no.hasFocus()
    qtbot.keyClicks(w.id_no, PERSON_ID)
    qtbot.keyClick(w.id_no, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.looks.rowCount() == 6, timeout=10000)
    assert w.looks.hasFocus()
    whats = [w.looks.item(r, 4).text() for r in range(6)]
    assert whats == ["按证件号码查询"] + ["查看办件"] * 5
    assert "条查阅记录" in w.message.text()

    # Thresholds from the keyboard: 4 cases within 10 minutes.
    w.alert_count.setFocus()
    w.alert_count.selectAll()
    qtbot.keyClicks(w.alert_count, "4")
    w.alert_minutes.setFocus()
    w.alert_minutes.selectAll()
    qtbot.keyClicks(w.alert_minutes, "10")
    w.save_thresholds()
    qtbot.waitUntil(lambda: w.alerts.rowCount() == 1, timeout=10000)
    assert w.alerts.item(0, 2).data(Qt.ItemDataRole.DisplayRole) == 4
    assert "异常" in w.alert_note.text()
    assert app_services.service(type(w.queries)).thresholds().count == 4
    for size in ((1366, 768), (1920, 1080)):
        page.resize(*size)
        for _ in range(3):
            QApplication.processEvents()
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert page.grab().save(str(SHOTS / f"privacy-{size[0]}.png"))

    # The case list export: masked; full numbers refused without a reason.
    w.export_to_file(tmp_path / "m.xlsx")
    qtbot.waitUntil(lambda: (tmp_path / "m.xlsx").exists() and "导出" in w.message.text(),
                    timeout=10000)
    cells = [str(c.value) for row in load_workbook(tmp_path / "m.xlsx").active.iter_rows() for c in row]
    assert PERSON_ID not in cells and PERSON_ID[:6] + "*" * 8 + PERSON_ID[-4:] in cells
    w.unmasked.setChecked(True)
    w.export_to_file(tmp_path / "u.xlsx")
    qtbot.waitUntil(lambda: "理由" in w.message.text(), timeout=10000)
    assert not (tmp_path / "u.xlsx").exists()
