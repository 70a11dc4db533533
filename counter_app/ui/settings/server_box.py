"""The "Hall server (sync)" box of the settings page (a mixin of SettingsPage): stand-alone or
networked, the server address and password, testing the connection on a detached thread and
saving the address (sync.store_server_url, the password never in plain text).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from ...legacy_sync.server_setting import may_change_server, save_server_url
from ...services.context import Actor
from ...sync.connection import redact, test_connection
from ..services import AppServices
from .common import PageMixin, Refreshable, _say


class ServerSettings(PageMixin):
    services: AppServices  # set by SettingsPage
    actor: Actor
    server_url: str
    conflicts: Refreshable | None

    def _server_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Hall server (sync)"))
        self.may_change = may_change_server(self.actor)
        self.standalone = QRadioButton(self.tr("Stand-alone: this PC works on its own, no server"))
        self.networked = QRadioButton(self.tr("Sync with the hall's shared database"))
        self.mode = QButtonGroup(box)
        for button in (self.standalone, self.networked):
            self.mode.addButton(button)
        self.standalone.setChecked(True)
        self.networked.toggled.connect(self._mode_changed)
        self.url = QLineEdit()
        self.url.setObjectName("serverUrl")
        self.url.setPlaceholderText("postgresql+psycopg://counter@192.168.1.10:5432/hall")
        self.url.textChanged.connect(self._mode_changed)
        self.password = QLineEdit()
        self.password.setObjectName("serverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        hint = QLabel(self.tr(
            "PostgreSQL: postgresql+psycopg://user@server:5432/database. The smallest hall may "
            "share a SQLite file on this PC's own disk (never on a network share): "
            "sqlite:///D:/counter/shared.sqlite3"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #616161;")
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self.test_connection)
        self.save_server_button = QPushButton(self.tr("Save server setting"))
        self.save_server_button.setObjectName("saveServer")
        self.save_server_button.clicked.connect(self.save_server)
        self.server_result = QLabel()
        self.server_result.setObjectName("serverResult")
        self.server_result.setWordWrap(True)
        self.server_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Server address:"), self.url)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow("", hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_server_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(box)
        lay.addWidget(self.standalone)
        lay.addWidget(self.networked)
        lay.addLayout(form)
        lay.addLayout(buttons)
        lay.addWidget(self.server_result)
        if not self.may_change:  # shown, for IT on the phone, but not a clerk's to change
            self.locked_note = QLabel(self.tr("Only a supervisor can change the hall server "
                                              "setting."))
            self.locked_note.setObjectName("serverLocked")
            self.locked_note.setStyleSheet("color: #455a64;")
            lay.insertWidget(0, self.locked_note)
            for w in (self.standalone, self.networked, self.save_server_button):
                w.setEnabled(False)
        self._mode_changed()
        return box

    def _mode_changed(self, _checked: bool = False) -> None:
        on = self.networked.isChecked() and self.may_change
        self.url.setEnabled(on)
        self.test_button.setEnabled(on and not self.testing)
        self.password.setEnabled(on and not self.url.text().strip().startswith("sqlite"))

    def _show_url(self, url: str) -> None:
        self.server_url = url
        (self.networked if url else self.standalone).setChecked(True)
        try:
            u = make_url(url) if url else None
        except ArgumentError:
            u = None
        self.url.setText(u._replace(password=None).render_as_string(hide_password=False) if u else url)
        self.password.clear()
        self.password.setPlaceholderText(self.tr("saved; leave empty to keep it")
                                         if u is not None and u.password else "")
        if self.conflicts is not None and self.conflicts.isVisible():
            self.conflicts.refresh()

    def compose_url(self) -> str:
        """The typed address with the password field (or the saved password) put in."""
        text = self.url.text().strip()
        try:
            u = make_url(text)
        except ArgumentError:
            return text  # test_connection / store report it as invalid
        if self.password.text():
            u = u.set(password=self.password.text())
        elif u.password in (None, "***") and self.server_url:
            old = make_url(self.server_url)
            same = (old.drivername, old.username, old.host, old.port) == (
                u.drivername, u.username, u.host, u.port)
            u = u._replace(password=old.password if same else None)
        return u.render_as_string(hide_password=False)

    @property
    def testing(self) -> bool:
        """A connection test is running (the wrapper's busy guard of this page)."""
        return self.services.ops.busy(self)

    # -- server ------------------------------------------------------------------------
    def test_connection(self) -> None:
        url = self.compose_url()
        if not url:
            _say(self.server_result, self.tr("Enter the server address first"), "error")
            return
        self.test_button.setEnabled(False)
        self.test_button.setText(self.tr("Testing…"))
        _say(self.server_result, self.tr("Connecting to %1 …").replace("%1", redact(url)), "busy")
        self.services.ops.network(self, lambda: test_connection(url), self._tested, self._test_failed,
                                  busy=True)

    def _tested(self, result: tuple[bool, str]) -> None:
        ok, message = result
        self._test_done()
        _say(self.server_result, ("✔ " if ok else "✘ ") + message, "ok" if ok else "error")

    def _test_failed(self, exc: BaseException) -> None:
        self._test_done()
        _say(self.server_result, "✘ " + str(exc), "error")

    def _test_done(self) -> None:
        self.test_button.setText(self.tr("Test connection"))
        self.test_button.setEnabled(self.networked.isChecked() and self.may_change)

    def save_server(self) -> None:
        url = self.compose_url() if self.networked.isChecked() else ""
        if self.networked.isChecked() and not url:
            _say(self.server_result, self.tr("Enter the server address first"), "error")
            return
        ctx, actor = self.services.ctx, self.actor
        self.services.ops.run(self, lambda: save_server_url(ctx, actor, url),
                                  lambda _r: self._server_saved(url),
                                  lambda exc: _say(self.server_result, str(exc), "error"))

    def _server_saved(self, url: str) -> None:
        self._show_url(url)
        text = (self.tr("Saved: this PC syncs with %1").replace("%1", redact(url)) if url
                else self.tr("Saved: stand-alone, no sync"))
        _say(self.server_result, text, "ok")
        controller = self.services.sync
        if controller is not None:
            controller.configure(url or None)

