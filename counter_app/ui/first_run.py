"""The first-run set-up dialog: shown when the data folder has no terminal code or no users.

It asks what a set-up file holds (setup_file.py) and applies it the same way, on the database
lane. Keyboard only: Tab moves, Alt+underlined letter jumps, Enter saves, Esc quits.

Two ways: a hall with a hall service (Alt+H): its address and a one-time enrollment code;
the service assigns the terminal number, and staff and catalog come from it. Or the older
ways (stand-alone, or a database server): terminal number, server, first supervisor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..models.database import Database
from ..setup_file import SetupError, SetupState, apply_setup, current_state, parse_setup
from .operations import Changes, Operations
from .worker import DbLane


class FirstRunDialog(QDialog):
    def __init__(self, lane: DbLane, open_db: Callable[[], Database],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # No window yet, no change to watch: the wrapper over the lane it is given.
        self.ops, self._open_db = Operations(lane, Changes()), open_db
        self.db: Database | None = None  # opened on the lane by the first job
        self.state: SetupState | None = None
        self.done_lines: list[str] = []
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("Set up this counter PC"))
        self.setMinimumWidth(520)
        intro = QLabel(self.tr("This PC has not been set up yet. Fill in what the hall's "
                               "administrator gave you; you can change it later."))
        intro.setWordWrap(True)

        self.use_hall = QCheckBox(self.tr("Join the &hall service with an enrollment code"))
        self.use_hall.setObjectName("setupUseHall")
        self.hall_url = QLineEdit()
        self.hall_url.setObjectName("setupHallUrl")
        self.hall_url.setPlaceholderText("https://192.168.1.10:8443")
        self.hall_code = QLineEdit()
        self.hall_code.setObjectName("setupHallCode")
        self.hall_code.setPlaceholderText("K7Q2M-9XWAB-3F2A0C41D9E8B7A6")
        self.hall_kind = QComboBox()
        self.hall_kind.setObjectName("setupHallKind")
        self.hall_kind.addItem(self.tr("Counter (receiving)"), "counter")
        self.hall_kind.addItem(self.tr("Approver desk"), "approver")
        self.hall_kind.addItem(self.tr("Supervisor"), "supervisor")
        for edit in (self.hall_url, self.hall_code):
            edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.hall_group = QGroupBox(self.tr("Hall service"))
        hall_form = QFormLayout(self.hall_group)
        hall_form.addRow(self.tr("Service add&ress:"), self.hall_url)
        hall_form.addRow(self.tr("Enrollment &code:"), self.hall_code)
        hall_form.addRow(self.tr("This PC &is a:"), self.hall_kind)

        self.terminal = QSpinBox()
        self.terminal.setObjectName("setupTerminal")
        self.terminal.setRange(1, 99)
        self.window_box = QComboBox()
        self.window_box.setObjectName("setupWindow")
        self.server = QLineEdit()
        self.server.setObjectName("setupServer")
        self.server.setPlaceholderText("postgresql+psycopg://counter@hall-server/counter")
        self.standalone = QCheckBox(self.tr("Stan&d-alone (no hall server)"))
        self.standalone.setObjectName("setupStandalone")
        self.standalone.toggled.connect(lambda on: self.server.setEnabled(not on))
        self.printer = QComboBox()
        self.printer.setObjectName("setupPrinter")
        self.printer.setEditable(True)
        self.printer.addItem(self.tr("System default printer"), "")
        for name in QPrinterInfo.availablePrinterNames():
            self.printer.addItem(name, name)
        self.layout_box = QComboBox()
        self.layout_box.setObjectName("setupLayout")
        self.layout_box.addItem(self.tr("A4 paper"), "a4")
        self.layout_box.addItem(self.tr("80 mm receipt"), "receipt")

        self.form = form = QFormLayout()
        form.addRow(self.tr("&Terminal number (1-99):"), self.terminal)
        form.addRow(self.tr("&Window:"), self.window_box)
        form.addRow(self.tr("Hall ser&ver:"), self.server)
        form.addRow("", self.standalone)
        form.addRow(self.tr("&Printer:"), self.printer)
        form.addRow(self.tr("Paper &layout:"), self.layout_box)

        self.user = QLineEdit()
        self.user.setObjectName("setupUser")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("setupFullName")
        self.password = QLineEdit()
        self.password.setObjectName("setupPassword")
        self.password2 = QLineEdit()
        self.password2.setObjectName("setupPassword2")
        for edit in (self.password, self.password2):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.user, self.server):
            edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.supervisor = QGroupBox(self.tr("First supervisor account"))
        sup = QFormLayout(self.supervisor)
        sup.addRow(self.tr("&User name:"), self.user)
        sup.addRow(self.tr("&Full name:"), self.full_name)
        sup.addRow(self.tr("P&assword:"), self.password)
        sup.addRow(self.tr("&Repeat password:"), self.password2)

        self.message = QLabel(self.tr("Reading this PC's settings…"))
        self.message.setObjectName("setupMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save.setText(self.tr("&Save and start"))
        self.save.setDefault(True)
        self.save.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Quit"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.use_hall)
        box.addWidget(self.hall_group)
        box.addLayout(form)
        box.addWidget(self.supervisor)
        box.addWidget(self.message)
        box.addWidget(self.buttons)
        self.use_hall.toggled.connect(self._show_way)
        self._show_way(False)
        self.terminal.setFocus()
        self.ops.run(self, lambda: current_state(self._database()), self._loaded, self._failed)

    def _show_way(self, hall: bool) -> None:
        self.hall_group.setVisible(hall)
        for field in (self.terminal, self.server, self.standalone):  # the hall assigns these
            self.form.setRowVisible(field, not hall)
        self.supervisor.setVisible(not hall and self.asks_supervisor)
        self.message.clear()
        (self.hall_url if hall else self.terminal).setFocus()

    def _database(self) -> Database:  # on the lane only
        if self.db is None:
            self.db = self._open_db()
        return self.db

    def _loaded(self, state: SetupState) -> None:
        self.state = state
        if state.terminal:
            self.terminal.setValue(int(state.terminal))
        self.window_box.addItem(self.tr("(no window)"), "")
        for code, name in state.windows:
            self.window_box.addItem(f"{code} — {name}", code)
        self.window_box.setCurrentIndex(max(0, self.window_box.findData(state.window)))
        self.server.setText(state.server_url)
        self.standalone.setChecked(not state.server_url)
        if state.printer_name and self.printer.findData(state.printer_name) < 0:
            self.printer.addItem(state.printer_name, state.printer_name)
        self.printer.setCurrentIndex(max(0, self.printer.findData(state.printer_name)))
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(state.layout)))
        self.supervisor.setVisible(not state.has_users and not self.use_hall.isChecked())
        self.message.clear()
        self.save.setEnabled(True)
        if not self.use_hall.isChecked():
            self.terminal.setFocus()
            self.terminal.selectAll()

    def _failed(self, exc: BaseException) -> None:
        self.save.setEnabled(True)
        self.message.setText(str(exc))

    @property
    def asks_supervisor(self) -> bool:
        return self.state is not None and not self.state.has_users

    def values(self) -> dict[str, Any]:
        """The dialog as a set-up dictionary (the same keys as a set-up file)."""
        printer = self.printer.currentText().strip()
        if printer == self.printer.itemText(0):  # "System default printer"
            printer = ""
        if self.use_hall.isChecked():  # the terminal, staff and catalog are the hall's
            return {"hall": {"url": self.hall_url.text().strip(),
                             "code": self.hall_code.text().strip(),
                             "kind": self.hall_kind.currentData()},
                    "window": self.window_box.currentData() or "",
                    "printer": {"name": printer, "layout": self.layout_box.currentData()}}
        raw: dict[str, Any] = {
            "terminal": self.terminal.value(),
            "window": self.window_box.currentData() or "",
            "printer": {"name": printer, "layout": self.layout_box.currentData()},
        }
        server = self.server.text().strip()
        if self.standalone.isChecked():
            raw["server_url"] = None
        elif not (self.state and server and server == self.state.server_url):  # shown masked
            raw["server_url"] = server
        if self.asks_supervisor:
            raw["supervisor"] = {"username": self.user.text().strip(),
                                 "full_name": self.full_name.text().strip(),
                                 "password": self.password.text()}
        return raw

    def submit(self) -> None:
        if self.use_hall.isChecked():
            self._enroll()
            return
        if self.asks_supervisor and self.password.text() != self.password2.text():
            self.message.setText(self.tr("The two passwords differ."))
            self.password2.clear()
            self.password2.setFocus()
            return
        if not self.standalone.isChecked() and not self.server.text().strip():
            self.message.setText(self.tr("Enter the hall server's address, or tick stand-alone."))
            self.server.setFocus()
            return
        try:
            spec = parse_setup(self.values())
        except SetupError as exc:
            self.message.setText(str(exc))
            return
        self.save.setEnabled(False)
        self.message.setText(self.tr("Saving…"))
        self.ops.run(self, lambda: apply_setup(self._database(), spec), self._saved, self._failed)

    def _enroll(self) -> None:
        for edit, missing in ((self.hall_url, self.tr("Enter the hall service's address "
                                                      "(https://…), as the administrator gave it.")),
                              (self.hall_code, self.tr("Enter the one-time enrollment code "
                                                       "the administrator gave you."))):
            if not edit.text().strip():
                self.message.setText(missing)
                edit.setFocus()
                return
        try:
            spec = parse_setup(self.values())
        except SetupError as exc:
            self.message.setText(str(exc))
            self.hall_url.setFocus()
            return
        self.save.setEnabled(False)
        self.message.setText(self.tr("Enrolling with the hall service and taking its data…"))
        self.ops.run(self, lambda: apply_setup(self._database(), spec), self._saved,
                     self._enroll_failed)

    def _enroll_failed(self, exc: BaseException) -> None:
        """The service's own Chinese reason (bad, used or expired code; server down; a
        certificate that does not match): the code field is ready for another try."""
        self._failed(exc)
        self.hall_code.setFocus()
        self.hall_code.selectAll()

    def _saved(self, lines: list[str]) -> None:
        self.done_lines = lines
        self.accept()


def run_first_run(folder: str | None) -> bool:
    """Show the dialog for a data folder (``None``: the default one); True once set up."""
    from ..bootstrap import open_database

    lane = DbLane()
    dialog = FirstRunDialog(lane, lambda: open_database(folder, protect=True))
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        lane.stop()
        if dialog.db is not None:
            dialog.db.dispose()
