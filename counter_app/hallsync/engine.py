"""One sync round with the hall service: check in, send the unanswered operations, pull the
journal and put the hall's results in place of this PC's own (``rebase``).

The PC never holds a lock of the service's: each request is answered on its own, and the
service applies operations in short transactions of its own. Network or service trouble
is reported in Chinese and changes nothing locally: every unanswered operation stays
queued, every refused one stays listed with the service's reason.

- **A restored service** (it answers fewer of this PC's operations than the PC has seen
  answered, or its journal is shorter than what the PC pulled) gets the missing operations
  again, and the PC pulls everything afresh.
- **A restored or cloned PC** is stopped by the service by name; ``rebuild`` recovers it.
- **Clocks.** The service's time comes back with every answer; the offset is kept and shown.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Connection, func, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..models import Setting, SyncConflict, SyncOp, hall_now
from ..models.database import Database
from ..models.oplog import OP_SEQ_KEY
from ..services.audit.events import chain_head
from ..services.context import CorrectedClock
from ..services.operations import RefusedByHall
from ..services.settings import get_setting, set_setting
from ..sync import pull as pulling
from ..sync.capture import capture_mode, ensure_capture, set_mode
from ..sync.errors import SyncError
from ..sync.report import SyncReport, SyncStatus
from . import config, rebase, retention, snapshot
from .client import HallClient
from .staff_keys import StaffKeys

log = logging.getLogger(__name__)

OPS_PER_REQUEST = 200
PAGE = 5000
CLOCK_WARN_S = 300
EXPIRE_EVERY_S = 600.0


class HallSync:
    def __init__(self, db: Database, terminal: str, *,
                 clock: Callable[[], datetime] = hall_now,
                 hook: Callable[[str], None] | None = None) -> None:
        self.db, self.terminal, self.clock = db, terminal, clock
        self.hook = hook or (lambda point: None)
        self._lock = threading.Lock()
        cfg = config.load(db)
        if cfg is None:
            raise SyncError("本机尚未注册到大厅服务：请运行 counter-admin enroll 服务器地址 注册码")
        self.cfg = cfg
        # The stored keys only, not the context's signer: the sync signs nothing (each
        # operation was signed when queued, in its row), it offers keys and keeps bindings.
        self.staff_keys = StaffKeys(db)
        self._client: HallClient | None = None  # kept between rounds: one TLS handshake
        self._stamped: tuple[str, float] = ("", 0.0)  # last error written, and when
        self._memo: tuple[str, str, str] = ("", "", "")  # last ok, last try, error (this run)
        self._expired_at = -EXPIRE_EVERY_S
        self._anchored: tuple[int, str] = (0, "")  # the chain head last sent
        self._anchor_due = True  # checked at the first round, then after rounds that moved
        with db.engine.begin() as conn:
            ensure_capture(conn)
            if capture_mode(conn) != "terminal":
                set_mode(conn, "terminal")

    def client(self) -> HallClient:
        if self._client is None:
            self._client = HallClient(self.cfg.url, self.cfg.ca_pem, self.cfg.token)
        return self._client

    # -- a round ------------------------------------------------------------------------
    def run_once(self) -> SyncReport:
        with self._lock:
            report = SyncReport(started_at=self.clock())
            try:
                c = self.client()
                hall_seq = self._check_in(c)
                self.push(c, report)
                self.pull(c, report, None if report.pushed or report.conflicts else hall_seq)
                self._expire(force=report.pulled > 0)  # a case may have been closed
                if self._anchor_due or report.pushed or report.pulled or report.conflicts:
                    self.anchor(c)  # the chain head moves only with what was sent or pulled
            except SyncError as exc:
                report.errors.append(str(exc))
                self.close()  # a fresh connection next time
            except SQLAlchemyError as exc:
                log.exception("local database error during sync")
                report.errors.append(f"本机数据库出错，同步未完成：{type(exc).__name__}")
            except Exception as exc:  # a background thread must report, not die
                log.exception("sync round failed")
                report.errors.append(f"同步出错：{type(exc).__name__}")
            report.finished_at = self.clock()
            self._stamp(report)
            return report

    def through(self, op_id: str) -> None:
        """A write-through operation (``@operation(through=True)``): a round now, so it is
        on the hall and this PC shows the hall's answer. Refused: the reason, raised. The
        hall unreachable: nothing raised, the operation stays queued."""
        self.run_once()
        with self.db.session() as s:
            op = s.execute(select(SyncOp).where(SyncOp.op_id == op_id)).scalar_one_or_none()
        if op is not None and op.status == "refused":
            raise RefusedByHall(f"大厅服务器不予受理：{op.reason}")

    def _raw(self) -> datetime:
        """The PC's own clock, uncorrected: what the service measures."""
        return self.clock.base() if isinstance(self.clock, CorrectedClock) else self.clock()

    def _check_in(self, c: HallClient) -> int:
        """Returns the hall's journal sequence at check-in."""
        hello = c.get("/v1/hello", t=self._raw().isoformat())
        if hello["server_id"] != self.cfg.server_id:
            raise SyncError("连接到的不是本机注册的大厅服务（服务器标识不符）：请联系管理员")
        if hello["diverged"]:
            raise SyncError(hello["diverged"])
        offset = (self._raw() - datetime.fromisoformat(hello["server_time"])).total_seconds()
        if isinstance(self.clock, CorrectedClock):
            self.clock.offset_s = offset  # the PC's services date their work by the hall now
        scope = {config.K_SCOPE: str(hello.get("scope", "")),
                 config.K_SCOPE_LABEL: str(hello.get("scope_label", "")),
                 config.K_WHOLE: "1" if hello.get("whole_hall", True) else "0",
                 config.K_RETENTION: str(hello.get("retention_days", ""))}
        with self.db.read() as conn:  # every round: one read, no session
            got = dict(conn.execute(select(Setting.key, Setting.value).where(Setting.key.in_(
                (OP_SEQ_KEY, config.K_PULL, config.K_OFFSET, *scope)))).all())
            answered = conn.execute(select(func.max(SyncOp.seq)).where(
                SyncOp.status != "pending")).scalar() or 0
        used = int(got.get(OP_SEQ_KEY) or 0)
        pulled = int(got.get(config.K_PULL) or 0)
        known = float(got.get(config.K_OFFSET) or 0)
        held = {k: got.get(k, "") for k in scope}
        if int(hello["last_seq"]) > used:
            # The hall has more of this terminal's operations than this PC ever made: it
            # is an older copy (restored from backup, or a clone whose twin went on).
            raise SyncError(
                f"大厅已收到终端 {self.terminal} 的 {hello['last_seq']} 项操作，"
                f"而本机只记录了 {used} 项："
                "这台电脑可能是从旧备份恢复的，或是复制来的。为免编号重复，本机暂停上传。"
                "请运行 counter-admin rebuild 服务器地址 新注册码 重建本机（未上传的办件会保留并补传）")
        restored = int(hello["last_seq"]) < answered
        shorter = int(hello["journal_seq"]) < pulled
        if not (restored or shorter or abs(offset - known) >= 1 or held != scope):
            return int(hello["journal_seq"])  # the usual case: nothing to write
        with self.db.transaction() as s:
            if held[config.K_SCOPE] and held[config.K_SCOPE] != scope[config.K_SCOPE]:
                log.warning("scope changed from %s to %s", held[config.K_SCOPE], scope[config.K_SCOPE])
                set_setting(s, config.K_RESCOPE, "1")
            for k, v in scope.items():
                set_setting(s, k, v)
            self._expired_at = -EXPIRE_EVERY_S
            set_setting(s, config.K_OFFSET, f"{offset:.0f}")
            if restored:
                # The service lost operations it had answered (restored from an older copy):
                # send them again, and take everything afresh from it.
                log.warning("hall service restored: resending operations after %s", hello["last_seq"])
                s.execute(update(SyncOp).where(SyncOp.seq > int(hello["last_seq"])).values(
                    status="pending", reason="", answered_at=None))
                set_setting(s, config.K_PULL, "0")
            elif shorter:
                set_setting(s, config.K_PULL, "0")
        return int(hello["journal_seq"])

    def push(self, c: HallClient, report: SyncReport) -> None:
        while True:
            with self.db.read() as conn:
                ops = rebase.op_rows(conn, OPS_PER_REQUEST)
            if not ops:
                return
            self.hook("push.send")
            body = {"client_time": self._raw().isoformat(), "ops": ops,
                    "keys": self.staff_keys.offers()}
            answer = c.post("/v1/ops", body)
            self.staff_keys.bound_by_hall(answer.get("bound") or {})
            self.hook("push.answered")
            now = hall_now()
            held = [r for r in answer["results"] if r["status"] == "held"]
            answered = [r for r in answer["results"] if r["status"] != "held"]
            with self.db.engine.begin() as conn:
                for r in answered:
                    conn.execute(update(SyncOp).where(SyncOp.op_id == r["op_id"]).values(
                        status=r["status"], reason=r["reason"], answered_at=now))
            report.pushed += sum(1 for r in answered if r["status"] == "done")
            report.conflicts += sum(1 for r in answered if r["status"] == "refused")
            if held:
                # Signed with a key the hall has not bound yet: this operation and the later
                # ones wait (in order); the round goes on to pull. Nothing is dropped.
                report.errors.append(held[0]["reason"])
                return

    def pull(self, c: HallClient, report: SyncReport, hall_seq: int | None = None) -> None:
        """``hall_seq``: the journal's sequence the hall gave at check-in, when this round
        sent nothing. Already pulled that far, with nothing of ours to replace and no new
        scope: the round has nothing to do and asks nothing more (an idle round is then one
        request; the change feed wakes the PC for anything newer)."""
        if hall_seq is not None and self._nothing_to_pull(hall_seq):
            return
        self._rescope()
        with self.db.session() as s:
            seq = int(get_setting(s, config.K_PULL) or 0)
        if seq == 0:
            seq = self._from_snapshot(c, report)
        rebased = False
        fresh = seq == 0  # holding nothing yet: the service skips what would only expire here
        while True:
            data = c.get("/v1/pull", after=seq, limit=PAGE, fresh=int(fresh))
            page = rebase.decode_page(data)
            self.hook("pull.fetched")
            if not page.entries:
                with self.db.read() as conn:
                    if rebase.outbox_size(conn) == 0:
                        return  # nothing new, nothing of ours to replace
            with self.db.engine.begin() as conn:
                if not rebased and rebase.pending_ops(conn) == 0:
                    rebase.restore_bases(conn)
                    rebased = True
                elif page.entries:
                    rebase.follow_bases(conn, page)
                if page.entries:
                    applied, conflicts = pulling.apply_page(conn, page, self.terminal,
                                                            authoritative=True)
                    report.pulled += applied
                    report.conflicts += conflicts
                    conn.exec_driver_sql(
                        "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) "
                        "DO UPDATE SET value = excluded.value", (config.K_PULL, str(page.last_seq)))
            self.hook("pull.applied")
            if not page.entries or page.last_seq == seq:
                return
            seq = page.last_seq

    def _from_snapshot(self, c: HallClient, report: SyncReport) -> int:
        """A PC holding nothing yet takes its scope as one snapshot (hallsync/snapshot.py),
        streamed and loaded as it arrives; the pull position it returns is the snapshot's
        (0: pull page by page). Cut short, nothing of it stays (the error is the round's)."""
        with self.db.read() as conn:
            if not (self._settled(conn) and snapshot.wanted(conn)):
                return 0
        stream = snapshot.Stream.open(c)
        if stream is None:  # a hall of the version before: its one-piece snapshot
            return self._one_piece(c, report)
        try:
            with self.db.engine.begin() as conn:
                report.pulled += snapshot.load_pieces(conn, stream.pieces(), stream.last_seq,
                                                      self.terminal, self.hook)
                self.hook("snapshot.fetched")
        except snapshot.Unusable as exc:
            log.warning("the hall's snapshot could not be loaded (%s): pulling page by page", exc)
            return 0
        finally:
            stream.close()
        return stream.last_seq

    def _one_piece(self, c: HallClient, report: SyncReport) -> int:
        data = snapshot.fetch(c)
        self.hook("snapshot.fetched")
        if data is None:
            return 0
        try:
            with self.db.engine.begin() as conn:
                report.pulled += snapshot.load(conn, data, self.terminal)
        except snapshot.Unusable as exc:
            log.warning("the hall's snapshot could not be loaded (%s): pulling page by page", exc)
            return 0
        return int(data["last_seq"])

    def _nothing_to_pull(self, hall_seq: int) -> bool:
        with self.db.read() as conn:
            got = dict(conn.execute(select(Setting.key, Setting.value).where(
                Setting.key.in_((config.K_PULL, config.K_RESCOPE)))).all())
            return (hall_seq <= int(got.get(config.K_PULL) or 0) and got.get(config.K_RESCOPE) != "1"
                    and self._settled(conn))

    def _settled(self, conn: Connection) -> bool:
        return rebase.pending_ops(conn) == 0 and rebase.outbox_size(conn) == 0

    def _rescope(self) -> None:
        """The service changed what this PC may hold: once nothing of ours waits for an
        answer, drop every synced row and take the new scope from the start."""
        with self.db.read() as conn:  # every round: a look without the write lock
            if conn.execute(select(Setting.value).where(Setting.key == config.K_RESCOPE)).scalar() != "1":
                return
        with self.db.engine.begin() as conn:
            if conn.execute(select(Setting.value).where(Setting.key == config.K_RESCOPE)).scalar() != "1" \
                    or not self._settled(conn):
                return
            retention.drop_all(conn)
            for key, value in ((config.K_PULL, "0"), (config.K_RESCOPE, "")):
                conn.execute(update(Setting).where(Setting.key == key).values(value=value))
        log.info("scope changed: the PC's rows dropped, pulling its new scope")

    def _expire(self, force: bool = False) -> None:
        """Closed cases past the hall's retention period leave this PC (not a whole-hall
        one): looked for after a pull that brought rows, a change of the hall's setting, and
        every ``EXPIRE_EVERY_S`` as time passes; not at every idle round."""
        if not force and time.monotonic() - self._expired_at < EXPIRE_EVERY_S:
            return
        self._expired_at = time.monotonic()
        with self.db.engine.begin() as conn:
            got = dict(conn.execute(select(Setting.key, Setting.value).where(
                Setting.key.in_((config.K_WHOLE, config.K_RETENTION)))).all())
            days = got.get(config.K_RETENTION, "")
            if got.get(config.K_WHOLE, "1") != "0" or not days.isdigit() or not self._settled(conn):
                return
            n = retention.expire(conn, self.clock(), int(days))
        if n:
            log.info("%d closed cases past the %s-day retention left this PC", n, days)

    def anchor(self, c: HallClient) -> None:
        """Send this terminal's chain head once everything is answered and pulled (the
        chain is then the hall's own): the service keeps every head it is sent, so a
        later truncation or rewrite on this PC no longer matches (docs/AUDIT.md)."""
        with self.db.read() as conn:
            if rebase.pending_ops(conn):
                self._anchor_due = True
                return
        with self.db.session() as s:
            seq, head = chain_head(s, self.terminal)
        self._anchor_due = False
        if not seq or (seq, head) == self._anchored:
            return
        c.post("/v1/anchor", {"seq": seq, "hash": head})
        self._anchored = (seq, head)

    def _stamp(self, report: SyncReport) -> None:
        """The round's outcome for the status bar: written when it changes, and at most
        once a minute otherwise (an idle round writes nothing)."""
        assert report.finished_at is not None
        stamp = report.finished_at.isoformat(timespec="seconds")
        error = "; ".join(report.errors)
        now = time.monotonic()
        self._memo = (stamp if report.ok else self._memo[0], stamp, error)
        if error == self._stamped[0] and now - self._stamped[1] < 60:
            return
        self._stamped = (error, now)
        try:
            with self.db.transaction() as s:
                set_setting(s, config.K_LAST_TRY, stamp)
                set_setting(s, config.K_LAST_ERROR, "; ".join(report.errors))
                if report.ok:
                    set_setting(s, config.K_LAST_OK, stamp)
        except SQLAlchemyError:
            log.exception("could not record the sync status")

    # -- what the status bar shows ------------------------------------------------------
    def status(self) -> SyncStatus:
        with self.db.read() as conn:
            waiting = rebase.pending_ops(conn)
            refused = int(conn.execute(select(func.count()).select_from(SyncOp.__table__).where(
                SyncOp.status == "refused")).scalar_one())
            open_ = int(conn.execute(select(func.count()).select_from(SyncConflict.__table__).where(
                SyncConflict.status == "open")).scalar_one())
        with self.db.session() as s:
            last_ok, last_try = get_setting(s, config.K_LAST_OK), get_setting(s, config.K_LAST_TRY)
            error = get_setting(s, config.K_LAST_ERROR)
            offset = int(get_setting(s, config.K_OFFSET) or 0)
        if self._memo[1]:  # this process's own rounds are newer than what was written
            last_ok, last_try, error = self._memo[0] or last_ok, self._memo[1], self._memo[2]
        if abs(offset) > CLOCK_WARN_S and not error:
            error = f"本机时钟与大厅服务器相差 {offset:+d} 秒：请校准时间"
        return SyncStatus(waiting, _when(last_ok), _when(last_try), error, self.cfg.url,
                          open_ + refused)

    def refused(self) -> list[SyncOp]:
        with self.db.session() as s:
            return list(s.execute(select(SyncOp).where(SyncOp.status == "refused")
                                  .order_by(SyncOp.seq)).scalars())

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def _when(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
