"""The counter's day: today's cases, cases awaiting the applicant (待补正), and search.

Ctrl+F search by case number, name or ID number (IDs match exactly); Ctrl+1/2/3 the lists;
F5 refreshes; Enter on
a case awaiting the applicant reopens it at the counter (clerks only).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..services.context import Actor
from ..services.handoff.case_queries import CaseQueries, CaseRow
from ..services.intake.numbering import display
from .operations import CASES
from .services import AppServices

NO_ROLE = Qt.ItemDataRole.UserRole


class CaseTable(QTableWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 8, parent)
        self.setObjectName(name)
        self.setHorizontalHeaderLabels([
            self.tr("Case number"), self.tr("Item"), self.tr("Applicant"), self.tr("ID number"),
            self.tr("Status"), self.tr("Received"), self.tr("Promised by"), self.tr("Clerk")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        head = self.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def show_rows(self, rows: list[CaseRow]) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            status = row.status_label + (self.tr(" (training)") if row.is_training else "")
            due = f"{row.promised_due:%Y-%m-%d}" if row.promised_due else ""
            if row.due_estimate:
                due += self.tr(" (estimate)")
            cells = (display(row.case_no), row.item_name, row.applicant_name, row.id_no, status,
                     f"{row.received_at:%m-%d %H:%M}", due, row.clerk_name)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(NO_ROLE, row.case_no)
                item.setData(Qt.ItemDataRole.UserRole + 1, row.status)
                self.setItem(r, c, item)
            if row.due_estimate:
                due_cell = self.item(r, 6)
                assert due_cell is not None  # set just above
                due_cell.setToolTip(row.due_estimate)
                due_cell.setForeground(QColor("#a15c00"))
        if rows:
            self.setCurrentCell(0, 0)


class CasesPage(QWidget):
    def __init__(self, services: AppServices, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("casesPage")
        self.services, self.actor = services, actor
        self.queries = CaseQueries(services.ctx)
        self.search = QLineEdit()
        self.search.setObjectName("caseSearch")
        self.search.setPlaceholderText(self.tr("Search: case number, name or ID number (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        self.scope = QComboBox()
        self.scope.setObjectName("caseScope")
        if actor.has("clerk") or actor.window_code:
            self.scope.addItem(self.tr("My cases"), "clerk")
            self.scope.addItem(self.tr("My window"), "window")
        if actor.has("supervisor"):  # no window of their own: the hall is what they oversee
            self.scope.addItem(self.tr("Whole hall"), "hall")
        if "clerk" not in actor.roles:
            self.scope.setCurrentIndex(self.scope.count() - 1)
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.today = CaseTable("todayTable")
        self.waiting = CaseTable("awaitingTable")
        self.found = CaseTable("searchTable")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.today, self.tr("Today"))
        self.tabs.addTab(self.waiting, self.tr("Awaiting the applicant"))
        self.tabs.addTab(self.found, self.tr("Search results"))
        self.message = QLabel()
        self.message.setObjectName("casesMessage")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.scope)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(top)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.message)
        keys: list[tuple[str, Callable[[], None]]] = [("Ctrl+F", self._focus_search), ("F5", self.refresh),
                                                      ("F7", self.search_hall)]
        keys += [(f"Ctrl+{i + 1}", partial(self._show_tab, i)) for i in range(self.tabs.count())]
        for seq, fn in keys:
            sc = QShortcut(QKeySequence(seq), self, fn)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for table in (self.today, self.waiting, self.found):
            table.activated.connect(lambda index, t=table: self.resume(t, index.row()))
        # Cases written here or pulled from the hall: shown at once, never by polling.
        services.changes.watch(self, CASES, self.refresh)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def _show_tab(self, index: int) -> None:
        """Ctrl+1/2/3: a list, with the keys in it (Ctrl+Tab is the main window's)."""
        self.tabs.setCurrentIndex(index)
        self.tabs.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def refresh(self) -> None:
        q, actor, scope = self.queries, self.actor, self.scope.currentData()

        def load() -> tuple[list[CaseRow], list[CaseRow]]:
            return q.today(actor, scope), q.awaiting_supplement(actor, scope)

        def show(result: tuple[list[CaseRow], list[CaseRow]]) -> None:
            self.today.show_rows(result[0])
            self.waiting.show_rows(result[1])
            self.tabs.setTabText(0, self.tr("Today (%1)").replace("%1", str(len(result[0]))))
            self.tabs.setTabText(1, self.tr("Awaiting the applicant (%1)")
                                 .replace("%1", str(len(result[1]))))

        self.services.ops.run(self, load, show, lambda exc: self.message.setText(str(exc)))

    def run_search(self) -> None:
        q, actor, text = self.queries, self.actor, self.search.text()

        def show(rows: list[CaseRow]) -> None:
            self.found.show_rows(rows)
            self.tabs.setTabText(2, self.tr("Search results (%1)").replace("%1", str(len(rows))))
            self.tabs.setCurrentWidget(self.found)
            if rows:
                self.message.setText("")
                self.found.setFocus()
            elif self.services.ctx.records_ops:  # enrolled: the hall may hold it
                self.message.setText(self.tr("No case found on this PC. F7 searches the hall "
                                             "service (the look is logged)."))
            else:
                self.message.setText(self.tr("No case found"))

        self.services.ops.run(self, lambda: q.search(actor, text), show,
                                  lambda exc: self.message.setText(str(exc)))

    def search_hall(self) -> None:
        """F7: the same search on the hall service, for cases outside this PC's scope. The
        lines are shown, never stored here; the hall logs the look."""
        text = self.search.text().strip()
        if not self.services.ctx.records_ops:
            self.message.setText(self.tr("This PC is not enrolled with a hall service."))
            return
        if not text:
            self.message.setText(self.tr("Type a case number, name or ID number first (Ctrl+F)."))
            self._focus_search()
            return
        db, actor = self.services.ctx.db, self.actor

        def ask() -> tuple[list[CaseRow], int]:
            from ..hallsync.lookup import ask_hall

            return ask_hall(db, actor, text)

        def show(result: tuple[list[CaseRow], int]) -> None:
            rows, more = result
            self.found.show_rows(rows)
            self.tabs.setTabText(2, self.tr("In the hall (%1)").replace("%1", str(len(rows))))
            self.tabs.setCurrentWidget(self.found)
            note = self.tr("From the hall service: shown only, not kept on this PC.")
            if more:
                note += " " + self.tr("%1 more: narrow the search.").replace("%1", str(more))
            self.message.setText(note if rows else self.tr("The hall has no such case either."))
            if rows:
                self.found.setFocus()

        self.message.setText(self.tr("Asking the hall service…"))
        self.services.ops.network(self, ask, show, lambda exc: self.message.setText(str(exc)))

    def resume(self, table: CaseTable, row: int) -> None:
        """Reopen a case awaiting the applicant on the counter page (clerks only)."""
        item = table.item(row, 0)
        if item is None or "clerk" not in self.actor.roles:
            return
        window = self.window()
        page = window.show_page("counter") if hasattr(window, "show_page") else None
        if page is not None and hasattr(page, "open_case"):
            page.open_case(item.data(NO_ROLE))


def build(services: AppServices, actor: Actor) -> QWidget:
    return CasesPage(services, actor)
