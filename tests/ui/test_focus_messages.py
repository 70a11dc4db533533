"""Focus and messages at the counter (issue 15, finding 8): an ID checksum error keeps the
focus, a refused decision takes the keys to the first problem, and a fixed problem's red
message goes at once. Keys to the QWindow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ..conftest import PASSWORD
from .flow import PERSON
from .test_shared_pc import _counter
from .winkeys import WindowKeys, sign_in


def test_focus_goes_to_what_is_wrong_and_fixed_messages_go(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    kb = WindowKeys(qtbot)
    window.login.user.setFocus()
    sign_in(kb, window, qtbot, "clerk", PASSWORD)
    page = _counter(window, qtbot)
    kb.key(Qt.Key.Key_F2)
    kb.type("fwgh")
    kb.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.intake is not None)
    kb.data(PERSON["name"])
    kb.key(Qt.Key.Key_Return)
    kb.data(PERSON["id"][:-1] + "3")  # a wrong check character
    kb.key(Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.form.id_no.edit  # Enter does not move on
    assert page.form.id_no.severity == "error" and page.form.id_no.message.isVisible()
    kb.key(Qt.Key.Key_Backspace)
    kb.data(PERSON["id"][-1])
    kb.key(Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.form.phone.edit  # fixed: on to the phone
    # The phone left empty; every material received; F5: the keys go to the phone.
    kb.ctrl(Qt.Key.Key_L)
    for m in page.intake.materials:
        if m.state != "not_applicable":
            kb.key(Qt.Key.Key_Space if m.requirement == "required" else Qt.Key.Key_N)
    kb.key(Qt.Key.Key_F5)
    assert "联系电话" in page.message.text()
    assert QApplication.focusWidget() is page.form.phone.edit
    kb.data(PERSON["phone"])
    assert page.message.text() == ""  # fixed: the red message went with the problem
    # An old red note (Space on a received row) goes with the next change too.
    kb.ctrl(Qt.Key.Key_L)
    kb.ctrl(Qt.Key.Key_Home)
    kb.key(Qt.Key.Key_Space)
    assert "M" in page.message.text()
    kb.key(Qt.Key.Key_Up)
    kb.key(Qt.Key.Key_Plus)  # one more copy: a change
    assert page.message.text() == ""


def test_a_wrong_phone_is_told_both_kinds_the_field_takes(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 15, finding 11: landlines are accepted, so the message names them too."""
    kb = WindowKeys(qtbot)
    window.login.user.setFocus()
    sign_in(kb, window, qtbot, "clerk", PASSWORD)
    page = _counter(window, qtbot)
    kb.key(Qt.Key.Key_F2)
    kb.type("fwgh")
    kb.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.intake is not None)
    for text in (PERSON["name"], PERSON["id"]):
        kb.data(text)
        kb.key(Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.form.phone.edit
    for wrong in ("1381234567", "03762345"):  # a mobile a digit short; a landline cut short
        kb.data(wrong)
        kb.key(Qt.Key.Key_Return)
        assert QApplication.focusWidget() is page.form.phone.edit  # Enter stays on the error
        text = page.form.phone.message.text()
        assert "手机号码" in text and "固定电话" in text and "0376-2345678" in text, text
        kb.ctrl(Qt.Key.Key_A)
        kb.key(Qt.Key.Key_Backspace)
    kb.data("0376-2345678")  # a landline is taken, as the message says
    kb.key(Qt.Key.Key_Return)
    assert page.form.phone.severity == "" and QApplication.focusWidget() is not page.form.phone.edit
