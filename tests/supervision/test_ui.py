"""The supervision widgets over a real hall database (pytest-qt, offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import func, select

from counter_app.models import Complaint, Consultation, Evaluation, TrainingRecord
from counter_app.services.supervision.evaluations import EvaluationService
from counter_app.ui.fonts import install_app_font
from counter_app.ui.i18n import install_translator
from counter_app.ui.supervision.consult_page import build as build_consult
from counter_app.ui.supervision.evaluation_screen import EvaluationScreen, QrDialog, ask_for_rating
from counter_app.ui.supervision.page import build as build_supervision

from ..conftest import Hall
from .conftest import accept
from .test_bulletin import _busy_day

SCREENS = Path(__file__).resolve().parents[2] / "build" / "screens"


@pytest.fixture(scope="module", autouse=True)
def chinese(qapp: QApplication) -> Iterator[None]:
    install_app_font(qapp)
    translator = install_translator(qapp, "zh_CN")
    yield
    if translator is not None:
        qapp.removeTranslator(translator)


def _count(hall: Hall, model: type) -> int:
    with hall.ctx.db.session() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def _shot(widget: QWidget, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    for _ in range(3):
        QApplication.processEvents()
    assert widget.grab().save(str(SCREENS / f"{name}.png"))


def test_dashboard_shows_and_exports_the_bulletin(hall: Hall, app_services, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _busy_day(hall)
    page = build_supervision(app_services, hall.supervisor)
    qtbot.addWidget(page)
    page.resize(1500, 1000)
    page.show()
    view = page.bulletin
    qtbot.waitUntil(lambda: view.bulletin is not None, timeout=60000)
    assert view.title.text() == view.bulletin.title and "日报" in view.title.text()
    assert view.summary.text().startswith("1. 收件 6 件")
    assert [c.data.title for c in view.charts if c.data] == \
        ["分窗口办件量", "评价等级分布", "分窗口临期、超期与待签收", "咨询结果"]
    assert view.tables.count() == 10 and view.tables.tabText(0) == "分窗口情况"
    unchecked = view.tables.tabText(9)  # the catalog items no department has signed off
    assert unchecked.startswith("事项目录待核对") and len(view.bulletin.unchecked) == 87
    _shot(page, "supervision-dashboard")
    for name in ("b.pdf", "b.xlsx"):
        view.export_to(tmp_path / name)
        # Each export's own message (the first one's "已保存" is still there for the second).
        qtbot.waitUntil(lambda n=name: (tmp_path / n).exists() and "已保存" in view.message.text()
                        and view.message.text().endswith(n), timeout=60000)
    view.kind.setCurrentIndex(2)  # month
    qtbot.waitUntil(lambda: view.bulletin is not None and view.bulletin.period.kind == "month",
                    timeout=60000)
    assert view.charts[3].data is not None and view.charts[3].data.title == "每日收件与受理"
    for i, name in enumerate(("deadlines", "complaints", "ratings", "staff", "catalog"), start=1):
        page.setCurrentIndex(i)
        qtbot.wait(300)
        _shot(page, f"supervision-{name}")


def test_complaint_registered_from_the_page(hall: Hall, app_services, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = build_supervision(app_services, hall.supervisor)
    qtbot.addWidget(page)
    w = page.complaints
    w.content.setPlainText("叫号系统故障，等了一小时")
    w.complainant.setText("赵先生")
    qtbot.mouseClick(w.findChild(QWidget, "complaintReceive"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.table.rowCount() == 1, timeout=10000)
    assert _count(hall, Complaint) == 1 and "已登记" in w.message.text()


def test_training_stage_recorded_from_the_page(hall: Hall, app_services, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = build_supervision(app_services, hall.supervisor)
    qtbot.addWidget(page)
    w = page.staff
    qtbot.waitUntil(lambda: w.person.count() >= 2, timeout=10000)
    w.person.setCurrentIndex(w.person.findData(hall.trainee.staff_id))
    w.scope.setCurrentIndex(w.scope.findData("item"))
    w.scope_code.setText(hall.committed.code)
    w.stage.setCurrentIndex(w.stage.findData("authorized"))
    before = _count(hall, TrainingRecord)
    qtbot.mouseClick(w.findChild(QWidget, "trainingSave"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _count(hall, TrainingRecord) == before + 1, timeout=10000)
    qtbot.waitUntil(lambda: "已记录" in w.message.text(), timeout=10000)


def test_catalog_editor_saves_a_new_version(hall: Hall, app_services, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = build_supervision(app_services, hall.supervisor)
    qtbot.addWidget(page)
    ed = page.catalog
    qtbot.waitUntil(lambda: ed.items.count() > 50, timeout=10000)
    ed.select(hall.committed.code)
    assert ed.code.text() == hall.committed.code and ed.materials.rowCount() > 0
    ed.promised.setValue(ed.promised.value() - 1)
    qtbot.mouseClick(ed.findChild(QWidget, "catalogSave"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "第 2 版" in ed.message.text(), timeout=10000)


def test_consultation_logged_with_one_press(hall: Hall, app_services, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = build_consult(app_services, hall.clerk)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.item.count() > 50, timeout=10000)
    page.item.setCurrentIndex(page.item.findData(hall.committed.code))
    qtbot.mouseClick(page.findChild(QWidget, "consult_prechecked"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    assert _count(hall, Consultation) == 1
    assert "预审材料 1" in page.today.text()
    _shot(page, "consult-page")


def test_applicant_rates_on_the_screen(hall: Hall, app_services, qtbot) -> None:  # type: ignore[no-untyped-def]
    no = accept(hall)
    ticket = EvaluationService(hall.ctx).open_rating(hall.clerk, no)
    screen = EvaluationScreen(app_services, ticket)
    qtbot.addWidget(screen)
    screen.resize(1000, 560)
    screen.show()
    _shot(screen, "evaluation-screen")
    with qtbot.waitSignal(screen.rated, timeout=10000) as sig:
        qtbot.mouseClick(screen.buttons[4], Qt.MouseButton.LeftButton)
    assert sig.args == [4] and screen.status.text() == "感谢您的评价！"
    with hall.ctx.db.session() as s:
        ev = s.execute(select(Evaluation)).scalar_one()
        assert (ev.grade, ev.channel) == (4, "screen")
    assert not any(b.isEnabled() for b in screen.buttons.values())


def test_counter_asks_for_a_qr_rating(hall: Hall, app_services, qtbot) -> None:  # type: ignore[no-untyped-def]
    no = accept(hall)
    page = build_consult(app_services, hall.clerk)
    qtbot.addWidget(page)
    ask_for_rating(app_services, hall.clerk, no, "qr", parent=page)
    qtbot.waitUntil(lambda: page.findChild(QrDialog) is not None, timeout=10000)
    dialog = page.findChild(QrDialog)
    _shot(dialog, "rating-qr")
    dialog.accept()


def test_guide_registers_a_complaint_from_the_consult_page(hall: Hall, app_services, qtbot) -> None:  # type: ignore[no-untyped-def]
    from counter_app.services.context import Actor

    guide = Actor(hall.clerk.staff_id, "clerk", "测试clerk", frozenset({"guide"}))
    page = build_consult(app_services, guide)
    qtbot.addWidget(page)
    page.complaint.setText("自助机无法打印")
    qtbot.mouseClick(page.findChild(QWidget, "consultComplain"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _count(hall, Complaint) == 1, timeout=10000)
    qtbot.waitUntil(lambda: "已登记" in page.message.text(), timeout=10000)


def test_next_years_holidays_entered_on_one_screen(hall: Hall, app_services, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 16: from November the tab asks for next year's schedule; pasting it and applying
    ends the estimate and moves the due dates of open cases."""
    from datetime import datetime

    hall.clock.now = datetime(2026, 12, 4, 10, 0)
    case_no = accept(hall)
    page = build_supervision(app_services, hall.supervisor)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    w = page.holidays
    tab = page.indexOf(w)
    qtbot.waitUntil(lambda: page.tabText(tab) == "节假日安排（明年未录入）", timeout=10000)
    assert "2027 年的法定节假日安排尚未录入" in w.reminder.text()
    page.setCurrentWidget(w)
    w.text.setPlainText("2027-01-01 2027-01-03 放假 元旦\n2027-02-06 2027-02-12 放假 春节\n"
                        "2027-02-14 上班 春节调休")
    _shot(page, "supervision-holidays-before")
    qtbot.mouseClick(w.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已录入" in w.message.text(), timeout=10000)
    assert "放假 10 天，调休上班 1 天" in w.message.text() and "1 件未办结办件" in w.message.text()
    qtbot.waitUntil(lambda: page.tabText(tab) == "节假日安排", timeout=10000)
    assert not w.reminder.isVisible()
    _shot(page, "supervision-holidays-applied")
    from counter_app.services.handoff.case_queries import CaseQueries

    assert CaseQueries(hall.ctx).search(hall.supervisor, case_no)[0].due_estimate == ""
    w.text.setPlainText("2027-01-01 休假")
    qtbot.mouseClick(w.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "第 1 行" in w.message.text(), timeout=10000)


def test_the_departments_approver_signs_an_item_off_in_the_editor(hall: Hall, app_services,
                                                                  qtbot) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from counter_app.models import Department
    from counter_app.services.context import Actor
    from counter_app.services.people import auth

    from ..conftest import PASSWORD

    with hall.ctx.db.transaction() as s:
        staff = auth.add_user(s, "land_boss", "王审批", PASSWORD, ["supervisor", "approver"],
                              window_code=hall.committed.window_code, terminal="01")
        staff.department_id = s.execute(select(Department.id).where(
            Department.code == hall.committed.department_code)).scalar_one()
        s.flush()
        actor = Actor.of(staff, hall.committed.window_code)
    page = build_supervision(app_services, actor)
    qtbot.addWidget(page)
    ed = page.catalog
    qtbot.waitUntil(lambda: ed.items.count() > 50, timeout=10000)
    ed.select(hall.committed.code)
    assert ed.check.text().startswith("待核对") and ed.sign.isVisibleTo(ed)
    qtbot.mouseClick(ed.sign, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已核对签字" in ed.message.text(), timeout=10000)
    qtbot.waitUntil(lambda: ed.check.text().startswith("已核对（王审批"), timeout=10000)
    page.setCurrentWidget(ed)
    page.resize(1366, 768)
    page.show()
    _shot(page, "catalog-editor-signed")
    # a supervisor who is no approver does not get the button
    other = build_supervision(app_services, hall.supervisor)
    qtbot.addWidget(other)
    assert not other.catalog.sign.isVisibleTo(other.catalog)
