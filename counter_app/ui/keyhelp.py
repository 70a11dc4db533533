"""F1: every key of the current screen, and the keys that work everywhere.

A page that has keys of its own gives them with a ``key_help()`` method returning
``[(keys, what they do), ...]``; the main window adds its own (switching pages and users).
The dialog closes with Esc, Enter or F1 again.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate  # lupdate extracts translate("KeyHelp", "...")

KeyList = Sequence[tuple[str, str]]


def window_keys() -> list[tuple[str, str]]:
    """Keys of the main window, on every page."""
    return [
        ("F1", translate("KeyHelp", "This list of keys")),
        ("Ctrl+Tab / Ctrl+Shift+Tab", translate("KeyHelp", "Next / previous page")),
        ("Alt+1 … Alt+9", translate("KeyHelp", "Go to page 1 … 9 (numbered on the tabs)")),
        ("Ctrl+Shift+Q", translate("KeyHelp", "Switch user: sign out and hand the PC to a colleague "
                                               "(an unfinished intake is kept for you)")),
        ("Ctrl+Shift+L", translate("KeyHelp", "Lock the screen now")),
    ]


def login_keys() -> list[tuple[str, str]]:
    return [
        ("Enter", translate("KeyHelp", "User name → password → sign in")),
        ("Shift+Tab", translate("KeyHelp", "Lock screen: back to the user name, to sign in as "
                                            "someone else")),
        ("Ctrl+Shift+Q", translate("KeyHelp", "Lock screen: sign the locked user out")),
    ]


def page_keys(page: QWidget | None) -> list[tuple[str, str]]:
    fn = getattr(page, "key_help", None)
    return list(fn()) if callable(fn) else []


def hint_line(keys: KeyList) -> str:
    """A one-line hint for the bottom of a screen: "Space received · M missing · ..."."""
    return "  ·  ".join(f"{k} {what}" for k, what in keys)


class KeyHelpDialog(QDialog):
    def __init__(self, title: str, sections: Sequence[tuple[str, KeyList]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyHelpDialog")
        self.setWindowTitle(translate("KeyHelp", "Keys: %1").replace("%1", title))
        self.setMinimumSize(720, 480)
        lay = QVBoxLayout(self)
        head = QLabel(translate("KeyHelp", "Keys: %1").replace("%1", title))
        head.setStyleSheet("font-size: 15pt; font-weight: bold;")
        lay.addWidget(head)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("keyTable")
        self.table.setHorizontalHeaderLabels([translate("KeyHelp", "Key"), translate("KeyHelp", "Does")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setStyleSheet("QTableWidget { font-size: 12pt; }")
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for name, keys in sections:
            if not keys:
                continue
            r = self.table.rowCount()
            self.table.insertRow(r)
            head_item = QTableWidgetItem(name)
            f = head_item.font()
            f.setBold(True)
            head_item.setFont(f)
            head_item.setBackground(Qt.GlobalColor.lightGray)
            self.table.setItem(r, 0, head_item)
            self.table.setSpan(r, 0, 1, 2)
            for key, what in keys:
                r = self.table.rowCount()
                self.table.insertRow(r)
                k = QTableWidgetItem(key)
                kf = k.font()
                kf.setFamily("monospace")
                kf.setBold(True)
                k.setFont(kf)
                self.table.setItem(r, 0, k)
                self.table.setItem(r, 1, QTableWidgetItem(what))
        self.table.resizeRowsToContents()
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(translate("KeyHelp", "Close (Esc)"))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        for seq in ("F1", "Return", "Enter"):
            QShortcut(QKeySequence(seq), self, self.accept)

    def keys(self) -> list[str]:
        """Every key listed (section titles left out), for tests."""
        return [self.table.item(r, 0).text()  # type: ignore[union-attr]  # every row has one
                for r in range(self.table.rowCount())
                if self.table.columnSpan(r, 0) == 1]
