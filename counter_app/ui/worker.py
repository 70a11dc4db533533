"""The database lane: one background thread runs every service call, in order.

Widgets never touch the database on the GUI thread, and never call ``submit`` themselves:
they go through ``ui/operations.py``, which adds the GUI-thread callbacks guarded by the
parent's lifetime, the one place errors are shown and logged, and the change notification.
The result (or the exception) comes back through a signal delivered on the GUI thread.

Who writes the local database in this process, honestly:
- this lane: every service call of the screens, in order;
- the sync thread (``sync_status.SyncRunner``): a hall-sync or old-sync round writes what it
  pulled and the answers to what it pushed, in short transactions of one page each, never
  while waiting on the network.
SQLite serialises the two with ``BEGIN IMMEDIATE`` and a 10 s busy timeout
(``models/database.py``); a write waiting longer says so (``slow``). Reads never take the
write lock: ``Database.session()`` and ``Database.read()`` begin deferred.
The same class also runs the print thread and one-off network calls (``Operations``); they
do not touch the database.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..failures import user_error


class Job(QObject):
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.result: Any = None
        self.error: BaseException | None = None
        self.finished_event = threading.Event()


SLOW_SECONDS = 1.5  # a call still running after this long is announced (waiting on a lock)


class DbLane(QObject):
    """A single worker thread fed by a queue; results return as queued Qt signals.

    ``slow`` says True when a call has been running for ``SLOW_SECONDS`` (typically a write
    waiting while another program, such as a ledger import, holds the database) and False
    once it is over, so the window can say that it waits instead of seeming to hang.
    """

    slow = Signal(bool)

    def __init__(self, name: str = "db-lane") -> None:
        super().__init__()
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._jobs: set[Job] = set()  # keep Python wrappers alive until delivered
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None) -> Job:
        job = Job(fn)
        if on_done:
            job.done.connect(on_done)
        if on_error:
            job.failed.connect(on_error)
        job.done.connect(lambda _r, j=job: self._jobs.discard(j))
        job.failed.connect(lambda _e, j=job: self._jobs.discard(j))
        self._jobs.add(job)
        self._queue.put(job)
        return job

    def call(self, fn: Callable[[], Any], timeout: float = 30.0) -> Any:
        """Run on the lane and wait (start-up and tests only; never from a key handler)."""
        job = self.submit(fn)
        if not job.finished_event.wait(timeout):
            raise TimeoutError("数据库操作超时")
        if job.error is not None:
            raise job.error
        return job.result

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            fired = threading.Event()

            def announce(fired: threading.Event = fired) -> None:
                fired.set()
                self.slow.emit(True)

            timer = threading.Timer(SLOW_SECONDS, announce)
            timer.daemon = True
            timer.start()
            try:
                job.result = job.fn()
            except BaseException as exc:  # delivered to the GUI, which shows it
                # In Chinese; a bug's traceback goes to the log.
                job.error = user_error(exc) if isinstance(exc, Exception) else exc
                job.finished_event.set()
                job.failed.emit(job.error)
            else:
                job.finished_event.set()
                job.done.emit(job.result)
            finally:
                timer.cancel()
                timer.join()
                if fired.is_set():
                    self.slow.emit(False)

    def stop(self, timeout: float = 10.0) -> None:
        self._queue.put(None)
        if timeout and self._thread is not threading.current_thread():
            self._thread.join(timeout)
