"""Helpers shared by the settings page and its tabs: coloured status messages (``_say``),
opening the hall server's database for a panel (``_server_db``), the read-only result tables
(``_table``, ``_fill``), and ``PageMixin``, the base of the page's parts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

# The page's parts (server box, this-PC box) are mixins of SettingsPage: typed as a QWidget
# for readers and checkers, a plain class at run time so the page has a single Qt base.
if TYPE_CHECKING:
    PageMixin = QWidget
else:
    PageMixin = object



class SettingsHost(Protocol):
    """What a supervisor's tab needs of the settings page (the page imports the tabs; a tab
    never imports the page, so the package has no import circle)."""

    services: Any  # ui.services.AppServices
    actor: Any  # services.context.Actor

    @property
    def server_url(self) -> str | None: ...


class Refreshable(Protocol):
    """A tab the server box reloads after the server changed."""

    def isVisible(self) -> bool: ...  # Qt's name

    def refresh(self) -> None: ...


COLORS = {"ok": "#2e7d32", "error": "#c62828", "busy": "#1565c0"}


def _say(label: QLabel, text: str, kind: str = "") -> None:
    label.setText(text)
    label.setStyleSheet(f"color: {COLORS[kind]};" if kind else "")


def _server_db(url: str) -> Any:
    from ...cli.commands_reconcile import server_database

    return server_database(url)


def _table(headers: list[str], stretch: int) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    head = t.horizontalHeader()
    head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    head.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return t


def _fill(table: QTableWidget, rows: list[list[str]], colors: list[str] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if colors and colors[r]:
                item.setForeground(QBrush(QColor(colors[r])))
            table.setItem(r, c, item)

