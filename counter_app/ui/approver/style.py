"""Look shared by the custody screens: big instructions, red for late, green for done."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem

RED = "#c62828"
GREEN = "#2e7d32"
AMBER = "#ef6c00"
BLUE = "#1565c0"
ROW_OK = QColor("#e8f5e9")
ROW_BAD = QColor("#fff3e0")
ROW_LATE = QColor("#ffebee")

BANNER = (f"QLabel {{ background: {BLUE}; color: white; font-size: 17pt; font-weight: bold;"
          " padding: 10px 14px; border-radius: 6px; }")
STEP = "QLabel { font-size: 13pt; color: #263238; padding: 2px 4px; }"
TITLE = "QLabel { font-size: 15pt; font-weight: bold; }"
MESSAGE = {"error": f"QLabel {{ color: white; background: {RED}; font-size: 13pt; padding: 6px 10px;"
                    " border-radius: 4px; }",
           "ok": f"QLabel {{ color: white; background: {GREEN}; font-size: 13pt; padding: 6px 10px;"
                 " border-radius: 4px; }",
           "info": "QLabel { color: #263238; background: #eceff1; font-size: 13pt; padding: 6px 10px;"
                   " border-radius: 4px; }"}
BIG_BUTTON = ("QPushButton {{ background: {bg}; color: white; font-size: 15pt; font-weight: bold;"
              " padding: 10px 24px; border-radius: 6px; }}"
              " QPushButton:disabled {{ background: #b0bec5; color: #eceff1; }}")


def big_button(text: str, color: str = GREEN, name: str = "") -> QPushButton:
    b = QPushButton(text)
    b.setStyleSheet(BIG_BUTTON.format(bg=color))
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    if name:
        b.setObjectName(name)
    return b


def label(text: str = "", style: str = STEP, name: str = "", wrap: bool = True) -> QLabel:
    w = QLabel(text)
    w.setStyleSheet(style)
    w.setWordWrap(wrap)
    if name:
        w.setObjectName(name)
    return w


def show_message(w: QLabel, text: str, kind: str = "info") -> None:
    w.setStyleSheet(MESSAGE[kind])
    w.setProperty("kind", kind)
    w.setText(text)
    w.setVisible(bool(text))


def cell(text: object, color: QColor | None = None, bold: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if color is not None:
        item.setBackground(color)
    if bold:
        f = item.font()
        f.setBold(True)
        item.setFont(f)
    return item


def table(headers: list[str], name: str = "") -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # rows follow wraps
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(False)
    t.setWordWrap(True)
    t.horizontalHeader().setStretchLastSection(True)
    if name:
        t.setObjectName(name)
    return t


def when(at: datetime | None) -> str:
    return f"{at:%m-%d %H:%M}" if at else ""


def hours_text(hours: float) -> str:
    if hours < 1:
        mins = max(int(hours * 60), 0)
        return QCoreApplication.translate("Style", "%1 min").replace("%1", str(mins))
    if hours < 48:
        return QCoreApplication.translate("Style", "%1 hours").replace("%1", f"{hours:.1f}")
    return QCoreApplication.translate("Style", "%1 days").replace("%1", f"{hours / 24:.1f}")
