"""The window's queue keys (叫号器), a bar at the bottom of a clerk's main window, on every
page: the clerk receives on the counter page and calls with one key.

F10 call next (the ticket being served is finished first) · F11 call again · F12 not present
(过号) · Shift+F11 transfer to another window or group · Shift+F10 finish without calling ·
Ctrl+F10 open or close this window for calls. The window number is this PC's, kept in the
UI settings. When a ticket is finished, the cases this clerk received since it was called
are linked to it (the cases then know their arrival).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...services.context import Actor
from ...services.queue.service import DeskView, Group, QueueService, TicketView
from ..operations import QUEUE
from ..prefs import ui_settings
from ..services import AppServices
from ..supervision.common import say
from .common import run_act

DESK_KEY = "queue/desk"
LINK_TRIES, LINK_RETRY_MS = 6, 5000


class TransferDialog(QDialog):
    """Where the ticket goes: an open window, or a group's queue. Enter confirms."""

    def __init__(self, desks: list[DeskView], groups: list[Group], own_desk: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueTransferDialog")
        self.setWindowTitle(self.tr("Transfer the ticket"))
        self.target = QComboBox()
        self.target.setObjectName("queueTransferTarget")
        for d in desks:
            if d.no != own_desk:
                state = "" if d.is_open else self.tr(" (closed)")
                self.target.addItem(self.tr("Window %1").replace("%1", str(d.no)) + state, ("desk", d.no))
        for g in groups:
            self.target.addItem(self.tr("Queue of %1").replace("%1", g.name), ("group", g.code))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Transfer to (↑/↓, Enter):")))
        lay.addWidget(self.target)
        lay.addWidget(buttons)
        self.target.setFocus()

    def choice(self) -> tuple[str, Any]:
        return self.target.currentData()


class QueueBar(QWidget):
    def __init__(self, services: AppServices, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueBar")
        self.services, self.actor = services, actor
        self.queue = QueueService(services.ctx)
        self.serving: TicketView | None = None
        self.since: datetime | None = None  # when the ticket being served was called
        self.is_open = False
        self.dialog: TransferDialog | None = None
        self.desk = QSpinBox()
        self.desk.setObjectName("queueDeskNo")
        self.desk.setRange(1, 999)
        self.desk.setPrefix(self.tr("Window "))
        self.desk.setValue(int(str(ui_settings().value(DESK_KEY, 1) or 1)))
        self.open_button = QPushButton(self.tr("Open for calls (Ctrl+F10)"))
        self.open_button.setObjectName("queueOpen")
        self.open_button.clicked.connect(self.toggle_open)
        self.now = QLabel(self.tr("Not calling"))
        self.now.setObjectName("queueNow")
        self.now.setStyleSheet("font-size: 14pt; font-weight: bold; color: #1d4f91;")
        self.buttons: dict[str, QPushButton] = {}
        for key, text, fn in (("next", self.tr("Call next (F10)"), self.call_next),
                              ("recall", self.tr("Again (F11)"), self.recall),
                              ("no_show", self.tr("Not present (F12)"), self.no_show),
                              ("transfer", self.tr("Transfer (Shift+F11)"), self.transfer),
                              ("done", self.tr("Finish (Shift+F10)"), self.done)):
            b = QPushButton(text)
            b.setObjectName(f"queue_{key}")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys, not focus: the clerk stays in the form
            b.clicked.connect(fn)
            self.buttons[key] = b
        self.message = QLabel("")
        self.message.setObjectName("queueMessage")
        self.message.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.desk)
        row.addWidget(self.open_button)
        row.addWidget(self.now)
        for b in self.buttons.values():
            row.addWidget(b)
        row.addWidget(self.message, 1)
        # This desk as the data has it, again whenever the queue was written or pulled.
        self.services.changes.watch(self, QUEUE, self.refresh)
        self._enable()
        self.refresh()

    def keys(self) -> dict[str, Any]:
        return {"F10": self.call_next, "F11": self.recall, "F12": self.no_show,
                "Shift+F11": self.transfer, "Shift+F10": self.done, "Ctrl+F10": self.toggle_open}

    def install_keys(self, window: QWidget) -> list[QShortcut]:
        """The keys work on every page of ``window`` (the main window)."""
        out = []
        for seq, fn in self.keys().items():
            sc = QShortcut(QKeySequence(seq), window, fn)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            out.append(sc)
        return out

    def key_help(self) -> list[tuple[str, str]]:
        from ..keyhelp import queue_keys

        return queue_keys()  # one list for F1, the key card and docs/KEYS.md

    # -- state -------------------------------------------------------------------------------
    def _enable(self) -> None:
        serving = self.serving is not None
        self.desk.setEnabled(not self.is_open)
        self.open_button.setText(self.tr("Close for calls (Ctrl+F10)") if self.is_open
                                 else self.tr("Open for calls (Ctrl+F10)"))
        self.buttons["next"].setEnabled(self.is_open)
        for key in ("recall", "no_show", "transfer", "done"):
            self.buttons[key].setEnabled(self.is_open and serving)
        if not self.is_open:
            self.now.setText(self.tr("Not calling"))
        elif serving:
            assert self.serving is not None
            self.now.setText(self.tr("Serving %1").replace("%1", self.serving.ticket_no))
        else:
            self.now.setText(self.tr("Window %1: free").replace("%1", str(self.desk.value())))

    def refresh(self) -> None:
        """This desk as the (pulled) data has it: open, and the ticket it serves."""
        q, no = self.queue, self.desk.value()

        def read() -> tuple[DeskView | None, TicketView | None]:
            d = q.desk(no)
            return d, (q.ticket(d.serving_id) if d is not None and d.serving_id else None)

        self.services.ops.run(self, read, self._read, lambda exc: None)

    def _read(self, got: tuple[DeskView | None, TicketView | None]) -> None:
        desk, serving = got
        if desk is None or desk.terminal != self.services.ctx.terminal:
            return
        self.is_open = desk.is_open
        if serving is not None and (self.serving is None or self.serving.id != serving.id):
            self.serving = serving
            self.since = self.since or self.services.ctx.now()
        self._enable()

    def _act(self, fn: Any, ok: Any) -> None:
        say(self.message, self.tr("Asking the hall…") if self.services.ctx.records_ops else "")
        run_act(self, self.services, fn, ok, lambda exc: say(self.message, str(exc), error=True))

    # -- keys -------------------------------------------------------------------------------
    def toggle_open(self) -> None:
        q, actor, no = self.queue, self.actor, self.desk.value()
        if self.is_open:
            self._act(lambda: q.close_desk(actor, no), self._closed)
        else:
            ui_settings().setValue(DESK_KEY, no)
            self._act(lambda: q.open_desk(actor, no), self._opened)

    def _opened(self, desk: DeskView) -> None:
        self.is_open = True
        say(self.message, self.tr("Window %1 open for calls").replace("%1", str(desk.no)))
        self._enable()

    def _closed(self, _desk: DeskView) -> None:
        self.is_open = False
        say(self.message, self.tr("Window closed for calls"))
        self._enable()

    def call_next(self) -> None:
        if not self.is_open:
            say(self.message, self.tr("Open this window for calls first (Ctrl+F10)"), error=True)
            return
        q, actor, no = self.queue, self.actor, self.desk.value()
        before = self.serving
        self._act(lambda: q.call_next(actor, no), lambda t: self._called(t, before))

    def _called(self, t: TicketView, before: TicketView | None) -> None:
        if before is not None and t.finished == before.ticket_no:
            self._link(before)
        self.serving, self.since = t, self.services.ctx.now()
        text = self.tr("Called %1").replace("%1", t.ticket_no)
        if t.priority:
            text += "（" + self.tr("priority: %1").replace("%1", t.priority_label) + "）"
        say(self.message, text)
        self._enable()

    def recall(self) -> None:
        t = self.serving
        if t is None or not self.is_open:
            return
        q, actor, no = self.queue, self.actor, self.desk.value()
        self._act(lambda: q.recall(actor, no, t.id), lambda v: say(
            self.message, self.tr("Called %1 again").replace("%1", v.ticket_no)))

    def no_show(self) -> None:
        t = self.serving
        if t is None or not self.is_open:
            return
        q, actor, no = self.queue, self.actor, self.desk.value()
        self._act(lambda: q.no_show(actor, no, t.id), self._ended)

    def done(self) -> None:
        t = self.serving
        if t is None or not self.is_open:
            return
        q, actor, no = self.queue, self.actor, self.desk.value()
        self._act(lambda: q.done(actor, no, t.id), self._ended)

    def _ended(self, t: TicketView) -> None:
        if t.status == "done":
            self._link(t)
        labels = {"done": self.tr("%1 finished"), "no_show": self.tr("%1 marked not present"),
                  "transferred": self.tr("%1 transferred")}
        say(self.message, labels.get(t.act, "%1").replace("%1", t.ticket_no)
            + (f"：{t.note}" if t.note else ""))
        self.serving, self.since = None, None
        self._enable()

    def transfer(self) -> None:
        t = self.serving
        if t is None or not self.is_open:
            return
        q = self.queue
        self.services.ops.run(self, lambda: (q.desks(), q.groups()), lambda got: self._ask_transfer(t, *got),
                                  lambda exc: say(self.message, str(exc), error=True))

    def _ask_transfer(self, t: TicketView, desks: list[DeskView], groups: list[Group]) -> None:
        dialog = self.dialog = TransferDialog(desks, groups, self.desk.value(), self.window())
        dialog.accepted.connect(lambda: self._transfer_to(t, dialog.choice()))
        dialog.finished.connect(lambda _r: self.window().activateWindow())  # keys back to the window
        dialog.open()

    def _transfer_to(self, t: TicketView, choice: tuple[str, Any] | None) -> None:
        if choice is None:
            return
        q, actor, no = self.queue, self.actor, self.desk.value()
        kind, target = choice
        if kind == "desk":
            self._act(lambda: q.transfer(actor, no, t.id, to_desk=int(target)), self._ended)
        else:
            self._act(lambda: q.transfer(actor, no, t.id, to_window=str(target)), self._ended)

    def _link(self, t: TicketView) -> None:
        """The cases this clerk received since the call belong to the visit (an ordinary
        operation: on an enrolled PC it follows the cases to the hall, in order)."""
        since = self.since
        if since is None:
            return
        q, actor = self.queue, self.actor

        def link() -> int:
            cases = q.cases_since(actor, since)
            return q.link_cases(actor, t.id, cases) if cases else 0

        def failed(exc: BaseException, tries: int) -> None:
            if not isValid(self):
                return
            # On an enrolled PC the ticket (made on the hall) may not be pulled yet: a moment.
            if self.services.ctx.records_ops and tries < LINK_TRIES and "没有找到这张号票" in str(exc):
                QTimer.singleShot(LINK_RETRY_MS, lambda: submit(tries + 1))
            else:
                say(self.message, str(exc), error=True)

        def submit(tries: int) -> None:
            self.services.ops.run(self, link, None, lambda exc: failed(exc, tries))

        submit(1)


def make_bar(services: AppServices, actor: Actor) -> QueueBar | None:
    """The bar for a clerk; none for other roles."""
    return QueueBar(services, actor) if actor.has("clerk") else None
