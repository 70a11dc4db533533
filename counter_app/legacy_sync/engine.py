"""SyncEngine: one round = push the outbox, then pull the server's journal. Qt-free; the app
calls ``run_once`` from a background thread and ``status`` from anywhere.

Order of durability in a push batch: read the batch locally → apply and commit on the
server → delete those outbox entries locally. Server trouble anywhere raises
``ServerUnavailable`` inside and is reported by ``run_once``; no local write is made from
a half-finished server step, so the local database is never left inconsistent.

``hook(point)`` is called at named points (``push.read``, ``push.before_commit``,
``push.after_commit``, ``push.confirmed``, ``pull.fetched``, ``pull.applied``); tests raise
from it to inject faults such as a connection lost after the server committed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.exc import SQLAlchemyError

from ..models import SyncConflict, SyncJournal, hall_now, new_id
from ..models.database import Database
from ..services.settings import get_setting, set_setting
from ..sync import pull as pulling
from ..sync.capture import capture_mode, enqueue_all, ensure_capture, set_mode
from ..sync.connection import check_server, redact, server_engine
from ..sync.errors import ServerUnavailable, SyncError, translate
from ..sync.report import SyncReport, SyncStatus
from . import push as pushing
from .apply import Change, apply_batch

log = logging.getLogger(__name__)

K_INSTANCE = "sync.instance"  # this database's own id: the origin of what it pushes
K_SERVER = "sync.server_id"
K_PULL_SEQ = "sync.pull_seq"
K_LAST_OK = "sync.last_ok_at"
K_LAST_TRY = "sync.last_attempt_at"
K_LAST_ERROR = "sync.last_error"

Hook = Callable[[str], None]


def _when(value: str) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class SyncEngine:
    def __init__(self, local_db: Database, server_url: str, terminal: str, *,
                 batch_size: int = 2000, page_size: int = 5000, hook: Hook | None = None,
                 clock: Callable[[], datetime] = hall_now) -> None:
        self.local = local_db
        self.server_url = server_url
        self.terminal = terminal
        self.batch_size = batch_size
        self.page_size = page_size
        self.hook = hook or (lambda point: None)
        self.clock = clock
        self._server: Engine | None = None
        self._lock = threading.Lock()
        self.instance = self._prepare_local()

    # -- local state -------------------------------------------------------------------
    def _prepare_local(self) -> str:
        with self.local.engine.begin() as conn:
            ensure_capture(conn)
            mode = capture_mode(conn)
            if mode == "server":
                raise SyncError("本机数据库被设为共享服务器，不能作为终端同步")
            if mode != "terminal":
                set_mode(conn, "terminal")
        with self.local.transaction() as s:
            instance = get_setting(s, K_INSTANCE)
            if not instance:
                instance = new_id()
                set_setting(s, K_INSTANCE, instance)
        return instance

    def _get(self, key: str) -> str:
        with self.local.session() as s:
            return get_setting(s, key)

    def _set(self, **values: str) -> None:
        with self.local.transaction() as s:
            for key, value in values.items():
                set_setting(s, key, value)

    # -- server ------------------------------------------------------------------------
    @property
    def server(self) -> Engine:
        if self._server is None:
            self._server = server_engine(self.server_url)
        return self._server

    @contextmanager
    def _remote(self) -> Iterator[None]:
        """Errors raised while talking to the server become SyncError subclasses."""
        try:
            yield
        except SyncError:
            raise
        except SQLAlchemyError as exc:
            raise translate(exc) from exc
        except OSError as exc:
            raise ServerUnavailable(f"无法连接同步服务器：{exc}") from exc

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        """One server connection for a round. Only server errors are translated here:
        a local database error stays what it is."""
        with self._remote():
            conn = self.server.connect()
        try:
            yield conn
        finally:
            try:
                conn.close()
            except SQLAlchemyError:  # a connection the server already dropped
                log.debug("closing a dead server connection", exc_info=True)

    def _check(self) -> None:
        """The server is ready; a different or rolled-back server means send everything."""
        with self._remote(), self.server.connect() as conn:
            server_id = check_server(conn)
            top = conn.execute(select(func.coalesce(func.max(SyncJournal.seq), 0))).scalar_one()
        known = self._get(K_SERVER)
        seq = int(self._get(K_PULL_SEQ) or 0)
        if known != server_id or seq > top:
            if known:  # not the first contact: the server lacks what we sent before
                log.warning("server %s replaced or restored: re-sending all local rows",
                            redact(self.server_url))
                with self.local.engine.begin() as conn:
                    enqueue_all(conn)
                    # What this server holds is unknown: no base, so no row is taken
                    # for deleted on the server.
                    conn.execute(text("UPDATE sync_outbox SET base = NULL"))
            self._set(**{K_SERVER: server_id, K_PULL_SEQ: "0"})

    # -- rounds ------------------------------------------------------------------------
    def push(self, report: SyncReport | None = None) -> SyncReport:
        """Send the outbox in batches. The next batch is read from the local database while
        the server works on the current one (one helper thread, reads only)."""
        report = report or SyncReport()
        with ThreadPoolExecutor(1, thread_name_prefix="sync-read") as reader, \
                self._connection() as server:
            ahead = reader.submit(self._read, 0)
            while changes := ahead.result():
                ahead = reader.submit(self._read, changes[-1].seq)
                self._push_batch(server, changes, report)
        return report

    def _read(self, after: int) -> list[Change]:
        with self.local.read() as conn:  # a pure read: deferred, never the write lock
            return pushing.read_batch(conn, self.batch_size, after)

    def _push_batch(self, server: Connection, changes: list[Change],
                    report: SyncReport) -> None:
        self.hook("push.read")
        try:
            with self._remote(), server.begin():
                result = apply_batch(server, changes, origin=self.instance,
                                     terminal=self.terminal)
                self.hook("push.before_commit")
            self.hook("push.after_commit")
        except SyncError as exc:
            with self.local.engine.begin() as conn:
                pushing.mark_failed(conn, changes, str(exc))
            raise
        with self.local.engine.begin() as conn:
            pushing.confirm(conn, changes, result)
        self.hook("push.confirmed")
        report.pushed += result.applied
        report.duplicates += result.duplicates
        report.conflicts += result.conflicts

    def _retry_rejected(self, report: SyncReport) -> None:
        with self.local.read() as conn:
            wanted = pulling.rejected_rows(conn)
        if not wanted:
            return
        with self._remote(), self.server.connect() as conn, conn.begin():
            page = pulling.fetch_rows_for(conn, wanted)
        with self.local.engine.begin() as conn:
            report.pulled += pulling.apply_retry(conn, page, self.terminal)

    def pull(self, report: SyncReport | None = None) -> SyncReport:
        report = report or SyncReport()
        seq = int(self._get(K_PULL_SEQ) or 0)
        with self._connection() as server:
            while True:
                with self._remote(), server.begin():
                    page = pulling.fetch_page(server, seq, self.page_size, self.instance)
                if page is None:
                    break
                self.hook("pull.fetched")
                with self.local.engine.begin() as conn:
                    applied, conflicts = pulling.apply_page(conn, page, self.terminal)
                    _set_raw(conn, K_PULL_SEQ, str(page.last_seq))
                self.hook("pull.applied")
                seq = page.last_seq
                report.pulled += applied
                report.conflicts += conflicts
        self._retry_rejected(report)
        return report

    def run_once(self) -> SyncReport:
        """Push then pull. Never raises for server or network trouble: see ``errors``."""
        with self._lock:
            report = SyncReport(started_at=self.clock())
            try:
                self._check()
                self.push(report)
                self.pull(report)
            except SyncError as exc:
                report.errors.append(str(exc))
            except Exception as exc:  # a background thread must report, not die
                log.exception("sync round failed")
                report.errors.append(f"同步出错：{exc!r}")
            report.finished_at = self.clock()
            try:
                stamp = report.finished_at.isoformat(timespec="seconds")
                values = {K_LAST_TRY: stamp, K_LAST_ERROR: "; ".join(report.errors)}
                if report.ok:
                    values[K_LAST_OK] = stamp
                self._set(**values)
            except SQLAlchemyError:
                log.exception("could not record the sync status")
            return report

    def status(self) -> SyncStatus:
        with self.local.read() as conn:  # every 5 s: must never wait behind a writer
            waiting = pushing.waiting(conn)
            open_ = conn.execute(select(func.count()).select_from(SyncConflict).where(
                SyncConflict.status == "open")).scalar_one()
        with self.local.session() as s:
            return SyncStatus(waiting, _when(get_setting(s, K_LAST_OK)),
                              _when(get_setting(s, K_LAST_TRY)), get_setting(s, K_LAST_ERROR),
                              redact(self.server_url), open_)

    def close(self) -> None:
        if self._server is not None:
            self._server.dispose()
            self._server = None


def _set_raw(conn: Connection, key: str, value: str) -> None:
    """A setting written inside an open Core transaction (same commit as the pulled rows)."""
    conn.execute(text("INSERT INTO setting (key, value) VALUES (:k, :v) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                 {"k": key, "v": value})
