"""The supervisor's audit tab, driven by keys: run the check, see what broke, read one case's
custody trail, export it (pytest-qt, offscreen, over a real hall database)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.ui.fonts import install_app_font
from counter_app.ui.i18n import install_translator
from counter_app.ui.supervision.audit_widget import AuditWidget

from ..conftest import Hall
from ..test_audit_verify import _trail

SCREENS = Path("/tmp/counter-audit-screens")


@pytest.fixture(scope="module", autouse=True)
def chinese(qapp: QApplication) -> Iterator[None]:
    install_app_font(qapp)
    translator = install_translator(qapp, "zh_CN")
    yield
    if translator is not None:
        qapp.removeTranslator(translator)


def test_the_audit_tab_finds_locates_and_exports(hall: Hall, app_services, qtbot,
                                                 tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    nos = _trail(hall, tmp_path)
    db = Path(hall.ctx.db.url.removeprefix("sqlite:///"))
    conn = sqlite3.connect(db)
    conn.execute("UPDATE case_file SET applicant_name = '王五' WHERE case_no = ?", (nos["second"],))
    conn.commit()
    conn.close()
    w = AuditWidget(app_services, hall.supervisor)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.run_button.setFocus()
    qtbot.keyClick(w.run_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.result is not None, timeout=60000)
    assert "审计失败" in w.summary.text() and w.findings.count() == 1
    assert nos["second"] in w.findings.item(0).text() and "申请人" in w.findings.item(0).text()
    assert w.findings.hasFocus()
    qtbot.keyClick(w.findings, Qt.Key.Key_Return)  # the finding opens its case's trail
    qtbot.waitUntil(lambda: w.report is not None, timeout=60000)
    assert w.case_no.text() == nos["second"] and w.steps.rowCount() >= 4
    assert "审批员" in w.custody.text() and "申请人（case_file.applicant_name）被改动" in w.message.text()
    positions = [w.steps.item(r, 5).text() for r in range(w.steps.rowCount())]
    assert all(p.startswith("01-") for p in positions if p)
    SCREENS.mkdir(exist_ok=True)
    for size in ((1366, 768), (1920, 1080)):
        w.resize(*size)
        QApplication.processEvents()
        assert w.grab().save(str(SCREENS / f"audit-{size[0]}.png"))
    out = tmp_path / "trail.pdf"
    w.export_to(out)
    qtbot.waitUntil(lambda: out.exists() and "已保存" in w.message.text(), timeout=60000)
    assert out.read_bytes().startswith(b"%PDF")
    w.case_no.clear()
    qtbot.keyClicks(w.case_no, nos["first"])
    qtbot.keyClick(w.case_no, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.report is not None and w.report.view.case_no == nos["first"],
                    timeout=60000)
    assert "一致" in w.message.text()
