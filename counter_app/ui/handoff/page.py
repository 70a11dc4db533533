"""The clerk's handoff page (流转交接): pick accepted files, make one handoff sheet per
receiving department and print it; see what waits to be signed for (red when too long),
and what came back (discrepancies found at signing, returns with their reasons).

By keys: the table has the focus (Alt+N on its tab lands there); Up/Down move, Space ticks
the file under the cursor, Ctrl+A ticks all, Ctrl+Shift+A none, F9 or Ctrl+Enter makes the
sheets and prints, F5 refreshes, Tab leaves the table for the buttons and the lists. Nothing
is ticked until the clerk ticks it: the files on the desk are what goes. The minute's refresh
keeps the cursor on the same file (and the table as it is when nothing changed)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...services.context import Actor, PermissionDenied
from ...services.handoff.service import BatchLine, BatchSummary, HandoffError, HandoffService, ReadyCase
from ...services.intake.numbering import display
from ..approver.style import (
    AMBER,
    BANNER,
    RED,
    ROW_BAD,
    ROW_LATE,
    TITLE,
    big_button,
    cell,
    hours_text,
    label,
    show_message,
    table,
)
from ..keyhelp import handoff_keys, hint_line
from ..operations import CASES, HANDOFF
from ..printing import DocRequest, open_preview
from ..services import AppServices


class HandoffPage(QWidget):
    def __init__(self, services: AppServices, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoffPage")
        self.services, self.actor = services, actor
        self.svc: HandoffService = services.service(HandoffService)
        self.ready: list[ReadyCase] = []
        self.preview: Any = None
        self.banner = label(self.tr("① Tick the files to hand over  →  ② Make and print the handoff "
                                    "sheet  →  ③ Take the sheet with the files to the department"),
                            BANNER, "banner")
        self.message = label(name="handoffMessage")
        self.message.hide()
        self.grid = table(["", self.tr("Case number"), self.tr("Item"), self.tr("Applicant"),
                           self.tr("To department"), self.tr("Materials"), self.tr("Note")], "readyTable")
        self.grid.setStyleSheet("QTableWidget { font-size: 12pt; }"
                                " QTableWidget::indicator { width: 24px; height: 24px; }")
        self.grid.setTabKeyNavigation(False)  # Tab leaves the table (to the buttons, the lists)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # The tick column never scrolls away: no sideways scrolling, the cursor stays in it.
        self.grid.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.grid.currentCellChanged.connect(self._keep_tick_column)
        self.grid.installEventFilter(self)
        hh = self.grid.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Applicant, department and note get a fixed share and wrap: sized to their contents,
        # a company's or a bureau's full name left the item a few characters wide and every
        # row five lines tall at 1366x768.
        font = QFont(self.grid.font())
        font.setPointSize(12)
        chars = QFontMetrics(font).horizontalAdvance("字")
        hh.setStretchLastSection(False)  # the item takes what is left, not the note
        for col, n in ((3, 6), (4, 8), (6, 6)):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            hh.resizeSection(col, n * chars + 12)
        self.grid.itemChanged.connect(lambda _i: self._count())
        self.all_btn = QPushButton(self.tr("Tick all (Ctrl+A)"))
        self.all_btn.setObjectName("tickAllButton")
        self.none_btn = QPushButton(self.tr("Untick all (Ctrl+Shift+A)"))
        self.none_btn.setObjectName("untickAllButton")
        self.all_btn.clicked.connect(lambda: self._tick_all(True))
        self.none_btn.clicked.connect(lambda: self._tick_all(False))
        self.make = big_button(self.tr("Make handoff sheet and print"), name="makeBatchButton")
        self.make.clicked.connect(self.make_batches)
        self.keys_hint = label(hint_line(handoff_keys()[:5]), name="handoffKeys")
        self.keys_hint.setStyleSheet("QLabel { color: #37474f; background: #eceff1; padding: 3px; }")
        self.ready_title = label(self.tr("Ready to hand over"), TITLE, "readyTitle")
        self.waiting_title = label(self.tr("Sent, waiting to be signed"), TITLE, "sentTitle")
        self.waiting = QListWidget()
        self.waiting.setObjectName("sentList")
        self.waiting.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.waiting.setStyleSheet("QListWidget { font-size: 12pt; } QListWidget::item { padding: 4px; }")
        self.reprint = QPushButton(self.tr("Reprint the selected sheet"))
        self.reprint.setObjectName("reprintButton")
        self.reprint.clicked.connect(self._reprint)
        self.problems_title = label(self.tr("Came back to you"), TITLE, "problemsTitle")
        self.problems = QListWidget()
        self.problems.setObjectName("problemList")
        self.problems.setWordWrap(True)
        # The whole reason on a line of its own (it was cut with "…" at 1366x768); a longer
        # one wraps, and items are laid out again when the list's width changes.
        self.problems.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.problems.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems.setStyleSheet("QListWidget { font-size: 12pt; } QListWidget::item { padding: 4px; }")
        self._layout()
        self._shortcuts()
        # Refreshed when cases or batches were written (here, or pulled from the hall).
        services.changes.watch(self, (CASES, HANDOFF), self.refresh)
        self.refresh()

    def _layout(self) -> None:
        tools = QHBoxLayout()
        tools.addWidget(self.all_btn)
        tools.addWidget(self.none_btn)
        tools.addStretch(1)
        tools.addWidget(self.make)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.ready_title)
        ll.addWidget(self.grid, 1)
        ll.addWidget(self.keys_hint)
        ll.addLayout(tools)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.waiting_title)
        rl.addWidget(self.waiting, 1)
        rl.addWidget(self.reprint)
        rl.addWidget(self.problems_title)
        rl.addWidget(self.problems, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([880, 460])
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addWidget(self.message)
        lay.addWidget(split, 1)
        self.setFocusProxy(self.grid)  # the page taking focus = ready to tick
        order = [self.grid, self.make, self.all_btn, self.none_btn, self.waiting, self.reprint,
                 self.problems]
        for a, b in pairwise(order):
            QWidget.setTabOrder(a, b)

    def _shortcuts(self) -> None:
        keys = {"Ctrl+A": lambda: self._tick_all(True), "Ctrl+Shift+A": lambda: self._tick_all(False),
                "F9": self.make_batches, "Ctrl+Return": self.make_batches,
                "Ctrl+Enter": self.make_batches, "F5": self.refresh, "Ctrl+P": self._reprint}
        for seq, fn in keys.items():
            sc = QShortcut(QKeySequence(seq), self, fn)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.grid and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Space and not event.modifiers():
                self._toggle(self.grid.currentRow())
                return True
        return super().eventFilter(watched, event)

    def _toggle(self, row: int) -> None:
        it = self.grid.item(row, 0) if row >= 0 else None
        if it is not None:
            on = it.checkState() != Qt.CheckState.Checked
            it.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _keep_tick_column(self, row: int, col: int, _prev_row: int, _prev_col: int) -> None:
        if row >= 0 and col != 0:
            self.grid.setCurrentCell(row, 0)
        self.grid.horizontalScrollBar().setValue(0)

    def _say(self, text: str, kind: str = "info") -> None:
        show_message(self.message, text, kind)

    def _failed(self, exc: BaseException) -> None:
        known = isinstance(exc, HandoffError | PermissionDenied)
        self._say(str(exc) if known else self.tr("Unexpected error: %1").replace("%1", str(exc)), "error")
        self.make.setEnabled(True)

    # -- loading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        win = self.actor.window_code or None

        def load() -> tuple[Any, ...]:
            return (self.svc.ready_cases(win), self.svc.batches(status="open", window_code=win),
                    self.svc.discrepancies(win), self.svc.returned_cases(self.actor))

        self.services.ops.run(self, load, self._show, self._failed)

    def _show(self, data: tuple[Any, ...]) -> None:
        ready, waiting, odd, returned = data
        self._fill_ready(ready)
        self._fill_waiting(waiting)
        self._fill_problems(odd, returned)

    def _fill_ready(self, ready: list[ReadyCase]) -> None:
        if ready == self.ready and self.grid.rowCount() == len(ready):
            self._count()  # nothing changed: leave the table, the ticks and the cursor alone
            return
        kept = set(self.selected())
        row_now = self.grid.currentRow()
        at = self.ready[row_now].case_no if 0 <= row_now < len(self.ready) else None
        self.ready = ready
        self.grid.blockSignals(True)
        self.grid.setRowCount(0)
        for row, c in enumerate(ready):
            self.grid.insertRow(row)
            tick = cell("")
            tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            # Nothing comes ticked: the clerk ticks the files that are on the desk to go.
            on = c.case_no in kept
            tick.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            tick.setData(Qt.ItemDataRole.UserRole, c.case_no)
            self.grid.setItem(row, 0, tick)
            mats = self.tr("%1 items, %2 pages").replace("%1", str(c.materials)).replace("%2", str(c.pages))
            hot = ROW_BAD if c.note else None
            for col, text in enumerate([display(c.case_no), c.item_name, c.applicant_name,
                                        c.department_name, mats, c.note], start=1):
                self.grid.setItem(row, col, cell(text, hot, bold=col == 1))
        self.grid.blockSignals(False)
        self.grid.resizeRowsToContents()
        numbers = [c.case_no for c in ready]
        if at in numbers:  # the cursor stays on the same file, wherever its row went
            self.grid.setCurrentCell(numbers.index(at), 0)
        elif ready:
            self.grid.setCurrentCell(min(max(row_now, 0), len(ready) - 1), 0)
        self._count()

    def _fill_waiting(self, waiting: list[BatchSummary]) -> None:
        self.waiting.clear()
        late = 0
        for b in waiting:
            text = (self.tr("%1 → %2\n%3 cases · waiting %4").replace("%1", display(b.batch_no))
                    .replace("%2", b.department_name).replace("%3", str(b.cases))
                    .replace("%4", hours_text(b.hours_waiting)))
            it = QListWidgetItem(("⚠ " if b.overdue else "") + text)
            it.setData(Qt.ItemDataRole.UserRole, b.batch_no)
            if b.overdue:
                late += 1
                it.setBackground(ROW_LATE)
                it.setForeground(QColor(RED))
                it.setToolTip(self.tr("Waiting too long: remind the department to sign for it"))
            self.waiting.addItem(it)
        title = self.tr("Sent, waiting to be signed (%1)").replace("%1", str(len(waiting)))
        if late:
            title += " · " + self.tr("%1 waiting too long").replace("%1", str(late))
        self.waiting_title.setText(title)
        self.waiting_title.setStyleSheet(TITLE.replace("}", f" color: {RED if late else '#263238'}; }}"))

    def _fill_problems(self, odd: list[BatchLine], returned: list[ReadyCase]) -> None:
        self.problems.clear()
        for d in odd:
            it = QListWidgetItem(self.tr("Discrepancy at signing · %1 %2\n%3").replace(
                "%1", display(d.case_no)).replace("%2", d.applicant_name).replace("%3", d.discrepancy))
            it.setBackground(ROW_BAD)
            self.problems.addItem(it)
        for r in returned:
            it = QListWidgetItem(self.tr("%1 %2\n%3").replace("%1", display(r.case_no))
                                 .replace("%2", r.applicant_name).replace("%3", r.note))
            it.setBackground(ROW_BAD)
            self.problems.addItem(it)
        n = len(odd) + len(returned)
        self.problems_title.setText(self.tr("Came back to you (%1)").replace("%1", str(n)))
        self.problems_title.setStyleSheet(TITLE.replace("}", f" color: {AMBER if n else '#263238'}; }}"))
        if not n:
            self.problems.addItem(self.tr("Nothing came back."))

    # -- ticking and making batches ----------------------------------------------------------------
    def selected(self) -> list[str]:
        out = []
        for row in range(self.grid.rowCount()):
            it = self.grid.item(row, 0)
            if it is not None and it.checkState() == Qt.CheckState.Checked:
                out.append(it.data(Qt.ItemDataRole.UserRole))
        return out

    def _tick_all(self, on: bool) -> None:
        for row in range(self.grid.rowCount()):
            self.grid.item(row, 0).setCheckState(  # type: ignore[union-attr]  # every row has its tick
                Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _count(self) -> None:
        chosen = self.selected()
        deps = {c.department_code for c in self.ready if c.case_no in chosen}
        self.make.setEnabled(bool(chosen))
        self.make.setText(self.tr("Make %1 handoff sheet(s) for %2 case(s) and print")
                          .replace("%1", str(len(deps))).replace("%2", str(len(chosen))) + " (F9)"
                          if chosen else self.tr("Tick the files to hand over (Space)"))
        self.ready_title.setText(self.tr("Ready to hand over (%1)").replace("%1", str(len(self.ready))))

    def make_batches(self) -> None:
        chosen = self.selected()
        if not chosen or not self.make.isEnabled():
            return
        self.make.setEnabled(False)

        def made(batch_nos: list[str]) -> None:
            self._say(self.tr("Made %1 handoff sheet(s): %2. Print them and take them with the files.")
                      .replace("%1", str(len(batch_nos)))
                      .replace("%2", "、".join(display(n) for n in batch_nos)), "ok")
            self.refresh()
            self._print(batch_nos)

        self.services.ops.run(self, lambda: self.svc.create_batches(self.actor, chosen), made, self._failed)

    def _print(self, batch_nos: list[str]) -> None:
        self.preview = open_preview(self.services, self.actor,
                                    [DocRequest("handoff", n) for n in batch_nos], self,
                                    on_closed=self._preview_closed)

    def _preview_closed(self) -> None:
        """The keys come back to the table (no window manager reactivates the window on
        the offscreen platform and some Linux desktops)."""
        self.preview = None
        if self.isVisible():
            self.window().activateWindow()
            self.grid.setFocus(Qt.FocusReason.PopupFocusReason)

    def _reprint(self) -> None:
        it = self.waiting.currentItem()
        if it is None:
            self._say(self.tr("Select a sheet in the list first"), "error")
            return
        self._print([it.data(Qt.ItemDataRole.UserRole)])


def build(services: AppServices, actor: Actor) -> QWidget:
    return HandoffPage(services, actor)
