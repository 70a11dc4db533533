"""Each decision driven through the widgets, ending in the printed PDF on disk."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter_app.models import CaseFile, PrintRecord
from counter_app.ui.counter.checklist import ChecklistEditor

from .conftest import screenshot
from .flow import (
    COMMON_ITEM,
    PERSON,
    fill_person,
    login,
    print_with_keys,
    wait_dialog,
    wait_preview,
)
from .keys import Keyboard

KEY_BUDGET = 40


def _text(path: Path) -> str:
    return "".join(p.extract_text() for p in PdfReader(path).pages).replace(" ", "")


def _case(hall, case_no: str) -> CaseFile:  # type: ignore[no-untyped-def]
    with hall.ctx.db.session() as s:
        case = s.execute(select(CaseFile).where(CaseFile.case_no == case_no)).scalar_one()
        s.expunge_all()
        return case


def test_standard_case_by_keyboard_within_the_key_budget(window, ui_hall, qtbot, pdf_folder) -> None:  # type: ignore[no-untyped-def]
    page = login(window, qtbot)
    kb = Keyboard(qtbot)
    page.setFocus()
    kb.key(Qt.Key.Key_F2)  # new intake: focus in the item search
    kb.type("fwgh")  # 房屋过户, a keyword of the item, by pinyin initials
    assert page.picker.results.currentItem().data(Qt.ItemDataRole.UserRole) == COMMON_ITEM
    kb.key(Qt.Key.Key_Return)
    fill_person(kb, page, qtbot)
    assert isinstance(QApplication.focusWidget(), ChecklistEditor)
    for m in page.intake.materials:
        if m.state == "not_applicable":
            continue
        kb.key(Qt.Key.Key_Space if m.requirement == "required" else Qt.Key.Key_N)
    assert page.decisions.buttons["accept"].isEnabled()
    screenshot(window, "counter-filled-1366x768")
    kb.key(Qt.Key.Key_F5)
    dialog = wait_preview(page, qtbot)
    qtbot.wait(600)  # QPdfView renders pages in the background
    screenshot(dialog, "print-preview")
    saved = print_with_keys(kb, dialog, qtbot)
    print(f"\nKEYS: {kb.keys} (+ {kb.data_keys} keys of the applicant's data)")
    assert kb.keys <= KEY_BUDGET
    assert len(saved) == 1 and saved[0].parent == pdf_folder
    case_no = saved[0].name.split("-")[0]
    case = _case(ui_hall, case_no)
    assert case.status == "accepted" and case.applicant_id_no == PERSON["id"]
    text = _text(saved[0])
    assert "受理通知书" in text and PERSON["name"] in text
    with ui_hall.ctx.db.session() as s:  # committed before it printed, and the print logged
        assert s.execute(select(PrintRecord.doc_kind)).scalars().all() == ["acceptance"]
    kb.key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.preview is None)
    assert page.intake is None and page.message.text().startswith("受理：办件编号 411521")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.picker.field, timeout=3000)



def _start(page, kb: Keyboard, qtbot, query: str, code: str) -> None:  # type: ignore[no-untyped-def]
    page.setFocus()
    kb.key(Qt.Key.Key_F2)
    kb.type(query)
    assert page.picker.results.currentItem().data(Qt.ItemDataRole.UserRole) == code
    kb.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.intake is not None and page.intake.item_code == code, timeout=5000)


def _receive_all(kb: Keyboard, page) -> None:  # type: ignore[no-untyped-def]
    for m in list(page.intake.materials):
        if m.state != "not_applicable":
            kb.key(Qt.Key.Key_Space if m.requirement != "conditional" else Qt.Key.Key_N)


def test_not_accepted_with_reason_and_where_to_go(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = login(window, qtbot)
    kb = Keyboard(qtbot)
    _start(page, kb, qtbot, "fwgh", COMMON_ITEM)
    fill_person(kb, page, qtbot)
    kb.key(Qt.Key.Key_F7)
    dialog = wait_dialog(qtbot, "notAcceptDialog")
    kb.key(Qt.Key.Key_Return, count=2)  # no reason yet: the dialog stays and says so
    assert dialog.isVisible() and dialog.message.text() == "请填写不予受理的理由"
    kb.data("申请事项应由县公安局受理")
    kb.key(Qt.Key.Key_Return)
    kb.data("县公安局户政大厅")
    kb.key(Qt.Key.Key_Return)  # not yet: a not-accepted notice is confirmed first
    assert dialog.isVisible() and "再按回车确认" in dialog.message.text()
    screenshot(dialog, "not-accept-dialog")
    kb.key(Qt.Key.Key_Return)
    saved = print_with_keys(kb, wait_preview(page, qtbot), qtbot)
    case = _case(ui_hall, saved[0].name.split("-")[0])
    assert case.status == "not_accepted" and case.redirect_to == "县公安局户政大厅"
    text = _text(saved[0])
    assert "不予受理通知书" in text and "县公安局户政大厅" in text


def test_finish_on_the_spot(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = login(window, qtbot)
    kb = Keyboard(qtbot)
    code = ui_hall.immediate.code
    _start(page, kb, qtbot, code, code)
    fill_person(kb, page, qtbot)
    _receive_all(kb, page)
    assert page.decisions.buttons["finish"].isEnabled()
    kb.key(Qt.Key.Key_F8)
    saved = print_with_keys(kb, wait_preview(page, qtbot), qtbot)
    assert _case(ui_hall, saved[0].name.split("-")[0]).status == "finished"
    assert "受理通知书" in _text(saved[0])


def test_trainee_needs_an_approver_who_signs_in_beside_them(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = login(window, qtbot, "trainee")
    kb = Keyboard(qtbot)
    _start(page, kb, qtbot, "fwgh", COMMON_ITEM)
    fill_person(kb, page, qtbot)
    _receive_all(kb, page)
    qtbot.waitUntil(lambda: bool(page.co_signer))  # shown beside the checklist beforehand
    assert "陪同受理" in page.guide.toPlainText()
    kb.key(Qt.Key.Key_F5)
    dialog = wait_dialog(qtbot, "coSignerDialog")
    screenshot(dialog, "co-signer-dialog")
    kb.type("approver")
    kb.key(Qt.Key.Key_Return)
    kb.type("wrong-password")
    kb.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "用户名或密码错误" in dialog.message.text(), timeout=5000)
    assert page.preview is None
    kb.type("counter123")
    kb.key(Qt.Key.Key_Return)
    saved = print_with_keys(kb, wait_preview(page, qtbot), qtbot)
    case = _case(ui_hall, saved[0].name.split("-")[0])
    assert case.status == "accepted" and case.co_clerk_id == ui_hall.approver.staff_id


def test_credit_code_warning_is_overridden_with_a_reason(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = login(window, qtbot)
    kb = Keyboard(qtbot)
    _start(page, kb, qtbot, "fwgh", COMMON_ITEM)
    kb.key(Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # organisation
    assert page.form.kind == "organisation"
    kb.data("罗山县鑫源商贸有限公司")
    kb.key(Qt.Key.Key_Return)
    kb.data("91110000600037341M")  # fails the checksum: an early pilot code
    assert page.form.credit.severity == "warning"
    assert "校验位不符" in page.form.credit.message.text()
    kb.key(Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.form.override.edit
    screenshot(window, "counter-credit-warning")
    kb.data("营业执照原件核对无误")
    kb.key(Qt.Key.Key_Return)
    for value in ("王芳", "", "13812345678", "罗山县宝城大道8号"):
        kb.data(value)
        kb.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.checklist.isEnabled())
    _receive_all(kb, page)
    kb.key(Qt.Key.Key_F5)
    saved = print_with_keys(kb, wait_preview(page, qtbot), qtbot)
    case = _case(ui_hall, saved[0].name.split("-")[0])
    assert case.applicant_kind == "organisation" and case.override_note == "营业执照原件核对无误"


def test_an_agent_adds_the_agents_materials(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = login(window, qtbot)
    kb = Keyboard(qtbot)
    _start(page, kb, qtbot, "fwgh", COMMON_ITEM)
    before = sum(m.state != "not_applicable" for m in page.intake.materials)
    kb.key(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: sum(m.state != "not_applicable" for m in page.intake.materials) > before)
    assert QApplication.focusWidget() is page.form.agent_name.edit
    kb.data("李娜")
    assert page.form.agent_name.severity == ""
    kb.data("1")  # a digit in a name: told at once
    assert "不能含有数字" in page.form.agent_name.message.text()



def test_tab_order_follows_the_screen(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = login(window, qtbot)
    page.focus_item_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.picker.field)
    order = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget().objectName() or type(QApplication.focusWidget()).__name__)
    assert order == ["kindPerson", "applicantName", "idType", "applicantId", "phone", "address"]


def test_the_clerk_picks_the_fee_tier_and_the_notice_prints_it(window, ui_hall, qtbot, pdf_folder) -> None:  # type: ignore[no-untyped-def]
    page = login(window, qtbot)
    kb = Keyboard(qtbot)
    _start(page, kb, qtbot, "fwgh", COMMON_ITEM)  # BDC-0002: 住宅 / 非住宅 / 小微企业免收
    assert page.form.fee_tier.isVisibleTo(page.form) and page.form.fee_tier.count() == 3
    page.form.fee_tier.setCurrentText("非住宅")
    fill_person(kb, page, qtbot)
    for m in page.intake.materials:
        if m.state == "not_applicable":
            continue
        kb.key(Qt.Key.Key_Space if m.requirement == "required" else Qt.Key.Key_N)
    kb.key(Qt.Key.Key_F5)
    dialog = wait_preview(page, qtbot)
    saved = print_with_keys(kb, dialog, qtbot)
    case = _case(ui_hall, saved[0].name.split("-")[0])
    assert case.fee_tier == "非住宅"
    assert "非住宅550元/件" in "".join(_text(saved[0]).split())
