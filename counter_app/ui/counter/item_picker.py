"""Pick the service item by typing part of its name, pinyin, initials or code.

The results list updates on every keystroke; Up/Down move the highlight while the caret stays
in the field, Enter picks the highlighted item, Esc clears the query.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem

from ...models import KIND_LABELS
from ...services.catalog.counter_view import CatalogView, ItemInfo
from ...services.intake.scan_detector import ITEM_QUERY_TYPED
from ..scan_filter import expect_typed

CODE_ROLE = Qt.ItemDataRole.UserRole


class ItemPicker(QObject):
    """Wires a query field to a results list (both placed by the page)."""

    picked = Signal(str)
    searched = Signal(int)  # number of results after a keystroke

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog: CatalogView | None = None
        self.window_code = ""
        self.field = QLineEdit()
        self.field.setObjectName("itemSearch")
        self.field.setPlaceholderText(self.tr("Item: name, pinyin initials or code (F3)"))
        self.field.setClearButtonEnabled(True)
        expect_typed(self.field, ITEM_QUERY_TYPED)  # "BDC-0002" typed fast is no scan
        self.results = QListWidget()
        self.results.setObjectName("itemResults")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Two lines a result (name; code, kind and time limit), wrapped, never cut off at 1366.
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.field.textEdited.connect(self.search)
        self.field.returnPressed.connect(self.pick_current)
        self.field.installEventFilter(self)
        self.results.itemActivated.connect(lambda _i: self.pick_current())
        self.results.itemClicked.connect(lambda _i: self.pick_current())

    def set_catalog(self, catalog: CatalogView, window_code: str) -> None:
        self.catalog, self.window_code = catalog, window_code
        self.search(self.field.text())

    def search(self, text: str) -> None:
        self.results.clear()
        if self.catalog is None or not text.strip():
            self.searched.emit(0)
            return
        for info in self.catalog.search(text, self.window_code):
            self.results.addItem(self._row(info))
        if self.results.count():
            self.results.setCurrentRow(0)
        self.searched.emit(self.results.count())

    def _row(self, info: ItemInfo) -> QListWidgetItem:
        kind = KIND_LABELS.get(info.kind, info.kind)
        days = "" if info.kind == "immediate" else f"，{info.limit('promised')}"
        pending = "" if info.checked else self.tr(" · not yet checked")
        row = QListWidgetItem(f"{info.name}\n　〔{info.code} · {kind}{days}{pending}〕")
        row.setToolTip(f"{info.name}　〔{info.code} · {kind}{days}{pending}〕")
        row.setData(CODE_ROLE, info.code)
        if info.window_code != self.window_code:
            row.setForeground(Qt.GlobalColor.darkGray)
        return row

    def pick_current(self) -> None:
        row = self.results.currentItem()
        if row is not None:
            self.picked.emit(row.data(CODE_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 8,
                    Qt.Key.Key_PageUp: -8}.get(Qt.Key(event.key()))
            if step and self.results.count():
                row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
            if event.key() == Qt.Key.Key_Escape and self.field.text():
                self.field.clear()
                self.search("")
                return True
        return False
