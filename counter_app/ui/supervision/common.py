"""Small helpers shared by the supervision widgets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QWidget


def fill_table(table: QTableWidget, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Replace a table's content; numbers align right, headers keep their line breaks."""
    table.setSortingEnabled(False)
    table.clear()
    table.setColumnCount(len(headers))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels([str(h) for h in headers])
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem()
            if isinstance(value, int | float) and not isinstance(value, bool):
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            else:
                item.setText("" if value is None else str(value))
                item.setToolTip(item.text())  # a cell cut at the table's edge reads whole on hover
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    # Keep the given order until the user clicks a header (-1: no sort column).
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)


def make_table(name: str) -> QTableWidget:
    t = QTableWidget()
    t.setObjectName(name)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def message_label(name: str) -> QLabel:
    label = QLabel("")
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def say(label: QLabel, text: str, error: bool = False) -> None:
    """Show a service's message: red for an error, dark green for a success."""
    label.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
    label.setText(text)


def selected_key(table: QTableWidget, column: int = 0) -> str:
    row = table.currentRow()
    item = table.item(row, column) if row >= 0 else None
    return item.text() if item is not None else ""


def submit(owner: QWidget, fn: Callable[[], Any], ok: Callable[[Any], Any] | None = None,
           err: Callable[[BaseException], Any] | None = None) -> None:
    """Run ``fn`` on the database lane (``operations.Operations.run``: the result only while
    ``owner`` still exists)."""
    owner.services.ops.run(owner, fn, ok, err)  # type: ignore[attr-defined]  # every owner is a page holding .services
