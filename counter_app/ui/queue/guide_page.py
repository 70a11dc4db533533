"""The guide's ticket desk (引导取号): type the item the applicant names (the counter's
catalog search) and press Enter, or pick a window group; a ticket prints at once.

Keys: F3 item search · F2 the groups · F6 priority · Enter issue · Ctrl+P print the last
ticket again · F5 refresh the queue · F11 open the hall display.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...models import PRIORITY_KINDS
from ...services.catalog.counter_view import load_catalog
from ...services.context import Actor
from ...services.queue.service import Group, QueueService, TicketView
from ..counter.item_picker import ItemPicker
from ..operations import QUEUE
from ..printing import pdf_dir
from ..services import AppServices
from ..supervision.common import message_label, say
from .common import print_ticket, run_act

CODE_ROLE = Qt.ItemDataRole.UserRole


class GuidePage(QWidget):
    def __init__(self, services: AppServices, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueGuidePage")
        self.services, self.actor = services, actor
        self.queue = QueueService(services.ctx)
        self.last: TicketView | None = None
        self.display: QWidget | None = None
        self.picker = ItemPicker(self)
        self.picker.field.setPlaceholderText(self.tr("Item the applicant names: name, pinyin "
                                                     "initials or code (F3), Enter issues"))
        self.picker.picked.connect(lambda code: self.issue(item_code=code))
        self.groups = QListWidget()
        self.groups.setObjectName("queueGroups")
        self.groups.itemActivated.connect(lambda row: self.issue(window_code=row.data(CODE_ROLE)))
        self.priority = QComboBox()
        self.priority.setObjectName("queuePriority")
        self.priority.addItem(self.tr("No priority"), "")
        for key, label in (("elderly", self.tr("Elderly")), ("disabled", self.tr("Disabled")),
                           ("pregnant", self.tr("Pregnant")), ("appointment", self.tr("Appointment"))):
            assert key in PRIORITY_KINDS
            self.priority.addItem(label, key)
        self.note = QLineEdit()
        self.note.setObjectName("queuePriorityNote")
        self.note.setPlaceholderText(self.tr("Reason: e.g. senior card, appointment number"))
        self.note.returnPressed.connect(self._issue_current)
        self.ticket = QLabel("—")
        self.ticket.setObjectName("queueTicketNo")
        self.ticket.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ticket.setStyleSheet("font-size: 44pt; font-weight: bold; color: #1d4f91;")
        self.detail = QLabel("")
        self.detail.setObjectName("queueTicketDetail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("font-size: 13pt;")
        self.message = message_label("queueGuideMessage")
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 3)  # a path wraps
        self.reprint = QPushButton(self.tr("Print again (Ctrl+P)"))
        self.reprint.setEnabled(False)
        self.reprint.clicked.connect(self.print_last)
        self.open_display = QPushButton(self.tr("Hall display (F11)"))
        self.open_display.clicked.connect(self.show_display)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("1. The item the applicant names")))
        left.addWidget(self.picker.field)
        left.addWidget(self.picker.results, 3)
        left.addWidget(QLabel(self.tr("… or a window group (F2, Enter issues)")))
        left.addWidget(self.groups, 2)
        prio = QGroupBox(self.tr("Priority (F6), with the reason recorded"))
        form = QFormLayout(prio)
        form.addRow(self.tr("Priority:"), self.priority)
        form.addRow(self.tr("Reason:"), self.note)
        right = QVBoxLayout()
        right.addWidget(prio)
        shown = QGroupBox(self.tr("Last ticket"))
        shown_lay = QVBoxLayout(shown)
        shown_lay.addWidget(self.ticket)
        shown_lay.addWidget(self.detail)
        shown_lay.addStretch(1)
        right.addWidget(shown)
        right.addWidget(self.message)
        right.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint)
        buttons.addStretch(1)
        buttons.addWidget(self.open_display)
        right.addLayout(buttons)
        lay = QHBoxLayout(self)
        lay.addLayout(left, 3)
        lay.addLayout(right, 2)
        keys = {"F3": self._to_search, "F2": self._to_groups, "F6": self._to_priority,
                "Ctrl+P": self.print_last, "F5": self.refresh, "F11": self.show_display}
        for seq, fn in keys.items():
            sc = QShortcut(QKeySequence(seq), self, fn)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.setFocusProxy(self.picker.field)
        # The groups' waiting counts change with every ticket, here or pulled from the hall.
        services.changes.watch(self, QUEUE, self.refresh)
        ctx = services.ctx
        services.ops.run(self, lambda: load_catalog(ctx), self._catalog, self._failed)
        self.refresh()

    def key_help(self) -> list[tuple[str, str]]:
        from ..keyhelp import guide_keys

        return guide_keys()  # one list for F1, the key card and docs/KEYS.md

    # -- focus -----------------------------------------------------------------------------
    def _to_search(self) -> None:
        self.picker.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.picker.field.selectAll()

    def _to_groups(self) -> None:
        self.groups.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.groups.currentRow() < 0 and self.groups.count():
            self.groups.setCurrentRow(0)

    def _to_priority(self) -> None:
        self.priority.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _issue_current(self) -> None:
        if self.picker.results.currentItem() is not None and self.picker.field.text().strip():
            self.picker.pick_current()
        elif self.groups.currentItem() is not None:
            self.issue(window_code=self.groups.currentItem().data(CODE_ROLE))
        else:
            say(self.message, self.tr("Choose the item or a window group first"), error=True)

    # -- data ------------------------------------------------------------------------------
    def _catalog(self, catalog: Any) -> None:
        self.picker.set_catalog(catalog, "")

    def _failed(self, exc: BaseException) -> None:
        say(self.message, str(exc), error=True)

    def refresh(self) -> None:
        q = self.queue
        self.services.ops.run(self, lambda: q.groups(), self._groups, self._failed)

    def _groups(self, groups: list[Group]) -> None:
        current = self.groups.currentItem().data(CODE_ROLE) if self.groups.currentItem() else None
        self.groups.clear()
        for g in groups:
            letter = g.letter or "·"
            row = QListWidgetItem(self.tr("%1  %2 — %3 waiting, %4 window(s) open")
                                  .replace("%1", letter).replace("%2", g.name)
                                  .replace("%3", str(g.waiting)).replace("%4", str(g.open_desks)))
            row.setData(CODE_ROLE, g.code)
            self.groups.addItem(row)
            if g.code == current:
                self.groups.setCurrentItem(row)

    def issue(self, window_code: str = "", item_code: str = "") -> None:
        q, actor = self.queue, self.actor
        priority, note = self.priority.currentData() or "", self.note.text()
        say(self.message, self.tr("Issuing…"))
        run_act(self, self.services, lambda: q.issue(actor, window_code=window_code, item_code=item_code,
                                                     priority=priority, priority_note=note),
                self._issued, self._failed)

    def _issued(self, t: TicketView) -> None:
        self.last = t
        self.ticket.setText(t.ticket_no)
        what = t.window_name + (f" · {t.item_name}" if t.item_name else "")
        lines = [what, self.tr("%1 ahead, about %2 min").replace("%1", str(t.ahead))
                 .replace("%2", str(t.wait_minutes))]
        if t.priority:
            why = t.priority_label + (f"（{t.priority_note}）" if t.priority_note else "")
            lines.append(self.tr("Priority: %1").replace("%1", why))
        self.detail.setText("\n".join(lines))
        self.reprint.setEnabled(True)
        self.priority.setCurrentIndex(0)
        self.note.clear()
        self.picker.field.clear()
        self.picker.search("")
        self._to_search()
        self.print_last()
        self.refresh()

    def print_last(self) -> None:
        """The PDF is made on the lane (it reads the hall's name), printed on the print
        lane: a slow printer never holds up the next ticket."""
        t = self.last
        if t is None:
            return
        ctx = self.services.ctx
        folder = pdf_dir() / "queue" / f"{t.day:%Y%m%d}"

        def produce() -> bytes:
            from ...services.queue.ticket import ticket_pdf

            return ticket_pdf(ctx, t)

        def printed(where: str) -> None:
            if isValid(self):
                say(self.message, self.tr("Ticket %1 printed: %2").replace("%1", t.ticket_no)
                    .replace("%2", where))

        def send(pdf: bytes) -> None:
            self.services.ops.printing(self, lambda: print_ticket(pdf, t.ticket_no, folder),
                                       printed, self._failed)

        self.services.ops.run(self, produce, send, self._failed)

    def show_display(self) -> None:
        from .display import open_display

        self.display = open_display(self.services)


def build(services: AppServices, actor: Actor) -> QWidget:
    return GuidePage(services, actor)
