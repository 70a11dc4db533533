"""Issue 23, item 2, at the login screen: an encrypted folder opens with the first sign-in
(wrong password: a clear Chinese message, nothing opened), then stays open for the next."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from counter_app import vault
from counter_app.bootstrap import open_context, open_database
from counter_app.ui.login_window import build_main_window

from ..conftest import PASSWORD, _build_template
from .conftest import screenshot


def _try(window, qtbot, user: str, password: str) -> str:  # type: ignore[no-untyped-def]
    window.login.message.clear()
    window.login.user.clear()
    qtbot.keyClicks(window.login.user, user)
    window.login.password.setFocus()
    qtbot.keyClicks(window.login.password, password)
    qtbot.keyClick(window.login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.login.message.text() != ""
                    or window.workspace is not None, timeout=10000)
    return window.login.message.text()


def test_an_encrypted_folder_opens_at_sign_in(tmp_path: Path, shipped_catalog, qtbot) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "pc"
    open_database(folder, protect=True).dispose()
    _build_template(folder, shipped_catalog, "01")
    ctx = open_context(folder)
    ctx.keys.grant("clerk", PASSWORD)
    ctx.db.dispose()
    vault.forget(folder)  # the app starts: nothing unlocked

    window = build_main_window(argparse.Namespace(data_dir=str(folder), idle_minutes=60))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    try:
        text = _try(window, qtbot, "clerk", "not-the-password")
        assert text.startswith("用户名或密码错误") and "解锁密钥" in text
        assert window.workspace is None and window.services.ctx is None
        screenshot(window, "login-encrypted-wrong-1366x768")
        assert _try(window, qtbot, "clerk", PASSWORD) == ""
        assert window.workspace is not None and window.services.ctx.keys is not None
        window.switch_user()
        # The folder is open now: a colleague with no slot yet signs in, and gets one.
        assert not vault.has_slot(folder, "approver")
        assert _try(window, qtbot, "approver", PASSWORD) == ""
        assert vault.has_slot(folder, "approver")
    finally:
        window.services.lane.stop()
        if window.services.ctx is not None:
            window.services.ctx.db.dispose()
        vault.forget(folder)
    shutil.rmtree(folder)
