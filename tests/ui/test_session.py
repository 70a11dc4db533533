"""Login lock-out, the idle lock (typed data survives), and what each role sees."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.ui.cases_page import CasesPage

from ..conftest import PASSWORD
from .conftest import screenshot
from .flow import COMMON_ITEM, PERSON, login
from .keys import Keyboard


def _try(window, qtbot, user: str, password: str) -> str:  # type: ignore[no-untyped-def]
    window.login.message.clear()
    qtbot.keyClicks(window.login.user, user) if not window.login.user.text() else None
    window.login.password.setFocus()
    qtbot.keyClicks(window.login.password, password)
    qtbot.keyClick(window.login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.login.message.text() != ""
                    or window.workspace is not None, timeout=5000)
    return window.login.message.text()


def test_five_wrong_passwords_lock_the_account(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    messages = [_try(window, qtbot, "clerk", f"wrong{i}") for i in range(5)]
    assert len(set(messages[:4])) == 1 and "用户名或密码错误" in messages[0]
    assert "锁定" in messages[4]
    screenshot(window, "login-locked-1366x768")
    assert "锁定" in _try(window, qtbot, "clerk", PASSWORD)  # even the right one, for a while
    assert window.workspace is None


def test_idle_lock_keeps_what_was_typed(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = login(window, qtbot)
    kb = Keyboard(qtbot)
    page.setFocus()
    kb.key(Qt.Key.Key_F2)
    kb.type("fwgh")
    kb.key(Qt.Key.Key_Return)
    kb.data(PERSON["name"])
    qtbot.waitUntil(lambda: page.intake is not None)
    kb.key(Qt.Key.Key_Return)
    kb.data(PERSON["id"][:10])  # interrupted half-way through the ID number
    window.idle.set_minutes(0.003)  # ~0.2 s of no input
    qtbot.waitUntil(lambda: window.locked, timeout=5000)
    assert window.stack.currentWidget() is window.lock_screen
    screenshot(window, "lock-screen-1366x768")
    qtbot.keyClicks(window.lock_screen.password, "not-it")
    qtbot.keyClick(window.lock_screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "密码错误" in window.lock_screen.message.text(), timeout=5000)
    qtbot.keyClicks(window.lock_screen.password, PASSWORD)
    qtbot.keyClick(window.lock_screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked, timeout=5000)
    window.idle.set_minutes(60)
    assert window.stack.currentWidget() is window.workspace
    assert page.form.name.text() == PERSON["name"] and page.form.id_no.text() == PERSON["id"][:10]
    assert page.intake.item_code == COMMON_ITEM


def test_an_approver_gets_no_counter(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert login(window, qtbot, "approver") is None
    assert window.page("counter") is None and window.page("cases") is None


def test_a_supervisor_reads_cases_with_masked_ids(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    from counter_app.services.intake.service import IntakeService

    from ..helpers import PERSON_ID, complete_intake

    svc = IntakeService(ui_hall.ctx)
    svc.record(ui_hall.clerk, complete_intake(svc, ui_hall.committed.code), "accept")
    assert login(window, qtbot, "boss") is None
    cases = window.show_page("cases")
    assert isinstance(cases, CasesPage)
    assert cases.scope.currentData() == "hall"  # a supervisor oversees the hall (issue 15, 13)
    qtbot.waitUntil(lambda: cases.today.rowCount() == 1, timeout=5000)
    cases.search.setFocus()
    qtbot.keyClicks(cases.search, PERSON_ID)
    qtbot.keyClick(cases.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cases.found.rowCount() == 1, timeout=5000)
    shown = cases.found.item(0, 3).text()
    assert shown == PERSON_ID[:6] + "********" + PERSON_ID[-4:]
    cases.resume(cases.found, 0)  # a supervisor cannot reopen a case at a counter it has not
    assert window.page("counter") is None
