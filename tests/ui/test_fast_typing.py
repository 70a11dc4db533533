"""A fast typist is not a scanner (issue 15, finding 7), on the real path: every key goes to
the QWindow with no gap at all, the way a scanner (or a very fast typist) sends them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ..conftest import PASSWORD
from .conftest import screenshot
from .test_shared_pc import _counter
from .winkeys import WindowKeys, sign_in

CREDIT = "91110000600037341L"


def _burst(kb: WindowKeys, text: str) -> None:
    kb.scan(text)  # no gap between keys, then Enter: as fast as keys can come
    kb.qtbot.wait(60)


def test_a_credit_code_typed_fast_stays_in_its_field(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    kb = WindowKeys(qtbot)
    window.login.user.setFocus()
    sign_in(kb, window, qtbot, "clerk", PASSWORD)
    page = _counter(window, qtbot)
    kb.key(Qt.Key.Key_F2)
    kb.type("fwgh")
    kb.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.intake is not None)
    kb.ctrl(Qt.Key.Key_O)  # an organisation applies
    qtbot.waitUntil(lambda: page.form.kind == "organisation")
    page.form.first_field().setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.form.org_name.edit)
    kb.data("罗山县某某有限公司")
    kb.key(Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.form.credit.edit
    _burst(kb, CREDIT)
    assert page.form.credit.text() == CREDIT  # typed, not taken for a scan
    assert page.case_field.text() == "" and page.message.text() == ""
    assert QApplication.focusWidget() is not page.case_field  # Enter moved on as typing does
    assert page.stack.currentIndex() == 0
    screenshot(window, "counter-credit-typed-fast-1366x768")
    # The app's own barcode scanned while the focus is in a field that expects typing is still
    # a scan: it never lands in the field.
    page.form.credit.edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.form.credit.edit)
    _burst(kb, "41152126112310199999")
    qtbot.waitUntil(lambda: page.case_field.text() == "41152126112310199999")
    assert page.form.credit.text() == CREDIT

    # At the login screen, after the scan filter is installed: a fast typist still signs in.
    assert window.services.scan_filter is not None
    with qtbot.waitSignal(window.signed_out, timeout=5000):
        kb.ctrl_shift(Qt.Key.Key_Q)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.login.user)
    _burst(kb, "approver")
    assert QApplication.focusWidget() is window.login.password
    _burst(kb, PASSWORD)
    qtbot.waitUntil(lambda: window.services.actor is not None
                    and window.services.actor.username == "approver", timeout=10000)


def test_with_a_scanner_prefix_only_prefixed_bursts_are_scans(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    from counter_app.ui.prefs import ui_settings
    from counter_app.ui.scan_filter import PREFIX_KEY

    ui_settings().setValue(PREFIX_KEY, "~")
    try:
        kb = WindowKeys(qtbot)
        window.login.user.setFocus()
        sign_in(kb, window, qtbot, "clerk", PASSWORD)
        page = _counter(window, qtbot)
        assert window.services.scan_filter.prefix == "~"
        kb.key(Qt.Key.Key_F2)
        _burst(kb, "41152126112310199999")  # no prefix: typed into the item search
        assert page.picker.field.text() == "41152126112310199999" and page.case_field.text() == ""
        _burst(kb, "~41152126112310199998")  # the scanner's: a scan, the prefix taken off
        qtbot.waitUntil(lambda: page.case_field.text() == "41152126112310199998")
    finally:
        ui_settings().remove(PREFIX_KEY)
