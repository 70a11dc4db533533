"""The one way a widget runs work off the GUI thread, and hears what changed.

Learnt from Anki's ``aqt.operations`` (CollectionOp, QueryOp)::

    ops = services.ops
    ops.run(self, lambda: svc.record(actor, intake), self._recorded)          # database lane
    ops.run(self, fn, self._shown, self._failed)      # the page words its failure itself
    ops.run(self, fn, self._done, busy=True)          # refused while this page waits already
    ops.network(self, lambda: client.get(...), self._shown)   # a thread of its own
    ops.printing(self, lambda: print_pdf(pdf, printer), self._printed)  # the print thread
    services.changes.watch(self, CASES, self.refresh)  # refresh when cases were written

- ``fn`` runs off the GUI thread and must not touch a widget. ``run`` uses the database lane
  (``worker.DbLane``: one thread, first in first out); ``network`` a fresh thread, for work
  that may wait on the network and must hold up neither the lane nor the GUI; ``printing``
  the print thread (rasterising a PDF for a printer).
- ``on_done(result)`` and ``on_error(exc)`` run on the GUI thread, and only while ``parent``
  still exists: a page closed or deleted before its answer arrives gets nothing and nothing
  crashes.
- ``exc`` speaks Chinese (``failures.user_error``: a bug's traceback went to the log). Every
  failure is logged here, once. Without ``on_error`` it is shown here, once: ``show_error``,
  a message box over the parent's window.
- ``busy=True``: one such operation per parent at a time; a second one is refused (``run``
  returns False) until the first answered. This replaces per-page ``busy`` flags.
- What changed is not declared by the caller: ``Changes`` watches the database engine
  (``models.writes``), so every committed write of this process (the lane's services, the
  sync thread's pull from the hall or the old sync server) is told, on the GUI thread, as the
  set of areas it touched. Screens ``watch`` the areas they show instead of polling.

``lane.submit`` is used here only (tests/test_operations_rule.py holds every other module to it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from ..diagnostics import mask_quoted
from ..failures import user_error
from .worker import DbLane

log = logging.getLogger(__name__)

# Areas a screen can watch; each is a set of tables (models' __tablename__).
CASES = "cases"
HANDOFF = "handoff"
CATALOG = "catalog"
QUEUE = "queue"
SUPERVISION = "supervision"
STAFF = "staff"
SETTINGS = "settings"
SYNC = "sync"
AREAS: dict[str, frozenset[str]] = {
    CASES: frozenset({"case_file", "case_material", "notice", "case_suspension",
                      "case_extension", "case_return", "case_decision", "issuance",
                      "intake_draft", "handoff_item", "handoff_batch"}),
    HANDOFF: frozenset({"handoff_batch", "handoff_item", "case_return", "case_decision",
                        "issuance", "case_file"}),
    CATALOG: frozenset({"service_item", "item_version", "material_requirement", "department",
                        "holiday_override", "calendar_year"}),
    QUEUE: frozenset({"queue_letter", "queue_desk", "queue_ticket", "queue_act",
                      "queue_visit_case", "hall_window"}),
    SUPERVISION: frozenset({"complaint", "evaluation", "consultation", "case_file",
                            "case_suspension", "case_extension"}),
    STAFF: frozenset({"staff", "staff_role", "training_record", "coaccept_clearance"}),
    SETTINGS: frozenset({"setting", "terminal"}),
    SYNC: frozenset({"sync_op", "sync_conflict", "sync_outbox", "sync_journal"}),
}


def areas_of(tables: Iterable[str]) -> frozenset[str]:
    """The areas touched by a write to ``tables``."""
    written = set(tables)
    return frozenset(area for area, owned in AREAS.items() if owned & written)


class Changes(QObject):
    """What the database was written with, told on the GUI thread after each commit.

    ``changed`` carries the frozenset of areas touched. Commits close together (a sync pull
    of many pages) are told once, at the next turn of the event loop."""

    changed = Signal(object)
    _posted = Signal(object)  # from any thread; delivered on this object's (the GUI) thread

    def __init__(self) -> None:
        super().__init__()
        self._pending: set[str] = set()
        self._watched: set[int] = set()
        self._posted.connect(self._collect, Qt.ConnectionType.QueuedConnection)

    def watch_database(self, db: Any) -> None:
        """Hear every commit on ``db``'s engine (once per engine)."""
        from ..models.writes import watch_writes

        if id(db.engine) not in self._watched:
            self._watched.add(id(db.engine))
            watch_writes(db.engine, self.notify)

    def notify(self, tables: Iterable[str]) -> None:
        """Tables were written (any thread)."""
        found = areas_of(tables)
        if found:
            try:
                self._posted.emit(found)
            except RuntimeError:  # the Qt side is gone (shutdown)
                pass

    def _collect(self, found: frozenset[str]) -> None:
        if not self._pending:
            QTimer.singleShot(0, self._deliver)
        self._pending |= found

    def _deliver(self) -> None:
        found, self._pending = frozenset(self._pending), set()
        if found:
            self.changed.emit(found)

    def watch(self, owner: QObject, areas: str | Iterable[str], fn: Callable[[], Any]) -> None:
        """Call ``fn()`` on the GUI thread when any of ``areas`` changed, while ``owner``
        exists (a page watches what it shows, instead of polling). A hidden widget is not
        refreshed for nothing: it calls ``fn()`` once when it is shown again."""
        _Watcher(owner, self, frozenset({areas} if isinstance(areas, str) else areas), fn)


class _Watcher(QObject):
    """A child of the watching widget: it dies with it, and Qt then disconnects it."""

    def __init__(self, owner: QObject, changes: Changes, wanted: frozenset[str],
                 fn: Callable[[], Any]) -> None:
        super().__init__(owner)
        self.owner, self.wanted, self.fn, self.stale = owner, wanted, fn, False
        changes.changed.connect(self.on_changed)
        if isinstance(owner, QWidget):
            owner.installEventFilter(self)

    def on_changed(self, found: frozenset[str]) -> None:
        if not found & self.wanted or not isValid(self.owner):
            return
        if isinstance(self.owner, QWidget) and not self.owner.isVisible():
            self.stale = True
            return
        self.fn()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.stale and event.type() == QEvent.Type.Show:
            self.stale = False
            QTimer.singleShot(0, self._shown)  # after the widget's own showEvent
        return False

    def _shown(self) -> None:
        if isValid(self.owner) and isValid(self):
            self.fn()


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """The one place an unhandled failure is shown: a message box over the parent's window
    (opened, not exec'd: the keys and the event loop go on)."""
    window = parent.window() if parent is not None and isValid(parent) else None
    title = QCoreApplication.translate("Operations", "The operation did not complete")
    box = QMessageBox(QMessageBox.Icon.Warning, title, str(exc), QMessageBox.StandardButton.Ok,
                      window)
    box.setObjectName("operationError")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


Done = Callable[[Any], Any]
Failed = Callable[[BaseException], Any]


class Operations:
    """The wrapper over the lanes; one per ``AppServices`` (made in the composition root)."""

    BUSY = "_counter_op_busy"  # a dynamic property on the parent: a busy operation runs

    def __init__(self, lane: DbLane, changes: Changes) -> None:
        self.lane, self.changes = lane, changes
        self._print_lane: DbLane | None = None
        self._net_lanes: set[DbLane] = set()

    # -- the three places work runs -----------------------------------------------------
    def run(self, parent: QObject | None, fn: Callable[[], Any], on_done: Done | None = None,
            on_error: Failed | None = None, *, busy: bool = False) -> bool:
        """Run ``fn`` on the database lane; see the module docstring. False: refused (busy)."""
        return self._start(self.lane, parent, fn, on_done, on_error, busy)

    def network(self, parent: QObject | None, fn: Callable[[], Any],
                on_done: Done | None = None, on_error: Failed | None = None, *,
                busy: bool = False) -> bool:
        """Run ``fn`` on a thread of its own (a call to the hall service): it may wait on
        the network, and must hold up neither the database lane nor the GUI."""
        lane = DbLane(name="net-call")
        self._net_lanes.add(lane)

        def finished(_value: Any = None) -> None:
            self._net_lanes.discard(lane)
            lane.stop(timeout=0)

        ok = self._start(lane, parent, fn, on_done, on_error, busy, finished)
        if not ok:
            finished()
        return ok

    def printing(self, parent: QObject | None, fn: Callable[[], Any],
                 on_done: Done | None = None, on_error: Failed | None = None) -> bool:
        """Run ``fn`` on the print thread: a long print job must not hold up the counter's
        reads and writes, and rasterising a page must not freeze the window."""
        if self._print_lane is None:
            self._print_lane = DbLane(name="print")
        return self._start(self._print_lane, parent, fn, on_done, on_error, False)

    # -- the one path every answer takes --------------------------------------------------
    def _start(self, lane: DbLane, parent: QObject | None, fn: Callable[[], Any],
               on_done: Done | None, on_error: Failed | None, busy: bool,
               after: Callable[[], None] | None = None) -> bool:
        if busy and parent is not None:
            if parent.property(self.BUSY):
                return False
            parent.setProperty(self.BUSY, True)

        def alive() -> bool:
            return parent is None or isValid(parent)

        def settle() -> None:
            if after is not None:
                after()
            if busy and parent is not None and isValid(parent):
                parent.setProperty(self.BUSY, False)

        def done(result: Any) -> None:
            settle()
            if alive() and on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            settle()
            if not isinstance(exc, Exception):
                raise exc  # SystemExit and the like are not a page's to show
            exc = user_error(exc)
            # The screen shows the whole message; the log keeps it without the quoted values
            # (an applicant's name, a number), which it does not need to place the fault.
            log.warning("operation failed (%s): %s", type(exc).__name__, mask_quoted(str(exc)))
            if not alive():
                return
            if on_error is not None:
                on_error(exc)
            else:
                show_error(parent if isinstance(parent, QWidget) else None, exc)

        lane.submit(fn, done, failed)
        return True

    def busy(self, parent: QObject) -> bool:
        """Whether a ``busy=True`` operation of ``parent`` is still running."""
        return bool(parent.property(self.BUSY))
