"""The settings page: testing a server (off the GUI thread, clear Chinese results), storing
its address without the password in plain text, and this PC's own preferences."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from sqlalchemy.engine import make_url

from counter_app.legacy_sync import load_server_url
from counter_app.sync.server import init_server
from counter_app.ui.printing import remembered, ui_settings
from counter_app.ui.services import AppServices
from counter_app.ui.settings_page import LANG_KEY, SettingsPage, stored_idle_minutes

from ..conftest import Hall
from .conftest import screenshot

REFUSED = "postgresql+psycopg://u:p@127.0.0.1:1/x"
SECRET_URL = "postgresql+psycopg://counter:S3cret-密码@10.20.30.40:5432/luoshan_hall"


@pytest.fixture()
def page(services: AppServices, hall: Hall, qtbot) -> SettingsPage:  # type: ignore[no-untyped-def]
    p = SettingsPage(services, hall.supervisor)  # the server is a supervisor's setting
    qtbot.addWidget(p)
    p.resize(1366, 720)
    p.show()
    services.lane.call(lambda: None)  # the initial load has run
    qtbot.wait(10)
    return p


@pytest.fixture()
def silent_server() -> Iterator[str]:
    """A port that accepts TCP connections but never answers: a hung network."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(8)
    yield f"postgresql+psycopg://u:p@127.0.0.1:{s.getsockname()[1]}/x"
    s.close()


def _test(page: SettingsPage, qtbot, url: str, timeout: int = 10000) -> str:  # type: ignore[no-untyped-def]
    page.networked.setChecked(True)
    page.url.setText(url)
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.testing, timeout=timeout)
    return page.server_result.text()


def test_success_against_a_shared_sqlite_server(page: SettingsPage, qtbot, server_url: str) -> None:  # type: ignore[no-untyped-def]
    missing = _test(page, qtbot, server_url)
    assert missing.startswith("✘") and "共享数据库文件不存在" in missing
    init_server(server_url)
    text = _test(page, qtbot, server_url)
    assert text.startswith("✔ 连接成功") and "共享数据库已就绪" in text
    assert page.test_button.text() == "测试连接" and page.test_button.isEnabled()


def test_refused_port_says_what_is_wrong(page: SettingsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    text = _test(page, qtbot, REFUSED)
    assert text == "✘ 无法连接同步服务器：服务器未启动，或地址、端口有误"
    assert "#c62828" in page.server_result.styleSheet()
    screenshot(page, "settings-test-refused-1366x720")
    assert "不支持的服务器类型" in _test(page, qtbot, "mysql://u@h/x")


def test_gui_and_db_lane_stay_free_while_a_hung_server_is_tried(  # type: ignore[no-untyped-def]
        page: SettingsPage, services: AppServices, qtbot, silent_server: str) -> None:
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(50)
    page.networked.setChecked(True)
    page.url.setText(silent_server)
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert page.testing and not page.test_button.isEnabled()
    assert page.test_button.text() == "正在测试…" and "正在连接" in page.server_result.text()
    lane_done: list[object] = []
    services.lane.submit(lambda: "lane is free", lane_done.append)
    qtbot.waitUntil(lambda: len(ticks) >= 10 and bool(lane_done), timeout=3000)
    assert page.testing  # still waiting for the server, yet events were processed
    page.url.setText(page.url.text())  # typing still works
    qtbot.waitUntil(lambda: not page.testing, timeout=15000)
    timer.stop()
    assert page.server_result.text() == "✘ 无法连接同步服务器：连接超时：请检查网络"
    assert len(ticks) >= 40  # ~5 s of connect timeout, the event loop never stalled


def test_password_is_not_stored_in_plain_text(page: SettingsPage, services: AppServices,  # type: ignore[no-untyped-def]
                                               hall: Hall, qtbot) -> None:
    page.networked.setChecked(True)
    page.url.setText("postgresql+psycopg://counter@10.20.30.40:5432/luoshan_hall")
    page.password.setText("S3cret-密码")
    qtbot.mouseClick(page.save_server_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.server_result.text().startswith("已保存"), timeout=5000)
    assert "S3cret" not in page.server_result.text() and "***" in page.server_result.text()
    with hall.ctx.db.session() as s:
        assert make_url(load_server_url(s) or "") == make_url(SECRET_URL)
    folder = Path(hall.ctx.db.engine.url.database or "").parent
    raw = b"".join(p.read_bytes() for p in folder.glob("counter.sqlite3*"))
    assert "S3cret-密码".encode() not in raw and b"S3cret" not in raw
    assert b"10.20.30.40" not in raw  # the whole address is sealed, not only the password
    # A page opened later shows the address without the password, and keeps it when saving.
    again = SettingsPage(services, hall.supervisor)
    qtbot.addWidget(again)
    services.lane.call(lambda: None)
    qtbot.waitUntil(lambda: again.networked.isChecked(), timeout=5000)
    assert again.url.text() == "postgresql+psycopg://counter@10.20.30.40:5432/luoshan_hall"
    assert again.password.text() == "" and again.password.placeholderText() == "已保存，留空则不变"
    assert make_url(again.compose_url()) == make_url(SECRET_URL)
    again.url.setText("postgresql+psycopg://other@10.20.30.40:5432/luoshan_hall")
    assert "S3cret" not in again.compose_url()  # another user does not inherit the password


def test_stand_alone_clears_the_server(page: SettingsPage, hall: Hall, qtbot, server_url: str) -> None:  # type: ignore[no-untyped-def]
    page.networked.setChecked(True)
    page.url.setText(server_url)
    qtbot.mouseClick(page.save_server_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.server_url == server_url, timeout=5000)
    page.standalone.setChecked(True)
    assert not page.url.isEnabled() and not page.test_button.isEnabled()
    qtbot.mouseClick(page.save_server_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.server_result.text() == "已保存：单机使用，不同步", timeout=5000)
    with hall.ctx.db.session() as s:
        assert load_server_url(s) is None


def test_language_idle_minutes_and_print_layout_are_kept(page: SettingsPage, hall: Hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.language.setCurrentIndex(page.language.findData("en"))
    page.idle_minutes.setValue(12)
    page.layout_box.setCurrentIndex(page.layout_box.findData("receipt"))
    qtbot.mouseClick(page.save_local_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.local_result.text() == "已保存", timeout=5000)
    assert ui_settings().value(LANG_KEY) == "en" and stored_idle_minutes() == 12.0
    assert remembered(hall.clerk.window_code, "layout") == "receipt"
