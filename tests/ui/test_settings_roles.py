"""Issue 15, finding 14: a clerk cannot change the hall-server setting. The box is shown (IT
reads it out on the phone) but a clerk's keys never reach its fields, and the service refuses
a clerk whatever the widget does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.legacy_sync import load_server_url
from counter_app.legacy_sync.server_setting import save_server_url
from counter_app.services.context import PermissionDenied

from ..conftest import PASSWORD
from .winkeys import WindowKeys, sign_in

URL = "sqlite:///D:/counter/shared.sqlite3"


def _settings_by_keys(kb: WindowKeys, window, qtbot, user: str):  # type: ignore[no-untyped-def]
    sign_in(kb, window, qtbot, user, PASSWORD)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)
    ws = window.workspace
    n = next(i for i in range(ws.count()) if ws.widget(i).property("pageKey") == "settings") + 1
    kb.key(Qt.Key(Qt.Key.Key_0 + n), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.current_page() is not None
                    and window.current_page().objectName() == "settingsPage", timeout=10000)
    return window.current_page()


def test_a_clerk_cannot_change_the_hall_server(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    kb = WindowKeys(qtbot)
    window.login.user.setFocus()
    page = _settings_by_keys(kb, window, qtbot, "clerk")
    server = (page.standalone, page.networked, page.url, page.password, page.test_button,
              page.save_server_button)
    assert page.locked_note.isVisible() and "管理人员" in page.locked_note.text()
    assert not any(w.isEnabled() for w in server)
    seen = set()
    for _ in range(40):  # Tab round the whole page: the server's fields are never reached
        kb.key(Qt.Key.Key_Tab)
        seen.add(QApplication.focusWidget())
    assert not seen & set(server) and len(seen) > 2
    with pytest.raises(PermissionDenied, match="管理人员"):
        save_server_url(ui_hall.ctx, ui_hall.clerk, URL)
    with ui_hall.ctx.db.session() as s:
        assert load_server_url(s) is None

    # The supervisor, signed in at the same PC by keys, may: the box is open, the service takes it.
    kb.ctrl_shift(Qt.Key.Key_Q)
    page = _settings_by_keys(kb, window, qtbot, "boss")
    assert page.networked.isEnabled() and page.save_server_button.isEnabled()
    save_server_url(ui_hall.ctx, ui_hall.supervisor, URL)
    with ui_hall.ctx.db.session() as s:
        assert load_server_url(s) == URL
