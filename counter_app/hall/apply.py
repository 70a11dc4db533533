"""Applying a PC's operations on the hall service: in order, once, each in a short
transaction of the service's own, judged with the hall's data.

- **Once.** ``hall_op`` holds (terminal, sequence) with a digest of the operation. The same
  operation sent again gets its first answer back. Its record is written in the very
  transaction of its effects (``OpState.save``), so a crash never leaves one without the
  other.
- **In order.** A terminal's operations apply in sequence; a gap (a lost operation) is
  refused until the missing one arrives.
- **Clones and restored copies.** Another operation under a sequence the hall already holds
  means two copies of one terminal (a cloned PC, or one restored from an older backup). The
  terminal is stopped by name until it is rebuilt; nothing of the copy is applied.
- **Authority.** The person is the hall's own staff record (roles, department, active),
  never what the PC says; custody and every rule are the services' own checks, run here
  on the hall's data. A refusal keeps the reason, in Chinese, for the PC and the supervisor.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..models import HallOp, HallTerminal, Staff, hall_now
from ..models.opstate import OpState
from ..services.context import Actor, PermissionDenied
from ..services.deadlines.clock_stops import ClockService
from ..services.deadlines.holiday_schedule import HolidayService, ScheduleError
from ..services.handoff.service import HandoffError, HandoffService
from ..services.intake.numbering import NumberError
from ..services.intake.service import IntakeError, IntakeService
from ..services.operations import OperationError, encode, is_live, registry, replay
from ..services.people.auth import actor_of
from ..services.people.staffing import CatalogEditor, StaffService
from ..services.printing.hall_seal import SealError, SealService
from ..services.printing.service import PrintError, PrintService
from ..services.privacy.access_log import AccessLog
from ..services.queue.service import QueueError, QueueService, TicketView
from ..services.supervision.complaints import ComplaintError, ComplaintService
from ..services.supervision.consultations import ConsultationService
from ..services.supervision.evaluations import EvaluationError, EvaluationService
from . import staff_keys
from .store import Hall, HallError

log = logging.getLogger(__name__)

OPERATIONS = registry(IntakeService, HandoffService, ComplaintService, ConsultationService,
                      EvaluationService, ClockService, StaffService, CatalogEditor, PrintService,
                      HolidayService, AccessLog, QueueService, SealService)
# Errors whose message is already the Chinese reason a person reads.
REFUSALS: tuple[type[Exception], ...] = (
    IntakeError, HandoffError, PermissionDenied, NumberError, OperationError, ComplaintError,
    EvaluationError, PrintError, ScheduleError, QueueError, SealError, ValueError)
CLOCK_WARN_S = 300  # a PC clock further off than this is reported
ACTOR_CACHE_S = 5.0
WAL_IDLE_S = 5.0  # queue calls this far apart let the WAL fold back into the file


@dataclass
class OpResult:
    seq: int
    op_id: str
    status: str  # done / refused / held (not answered yet: a signing key to be decided)
    reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "op_id": self.op_id, "status": self.status, "reason": self.reason}


def digest(op: dict[str, Any]) -> str:
    keys = ("op_id", "name", "staff_id", "args", "numbers", "at")
    return hashlib.sha256(json.dumps({k: op.get(k) for k in keys}, sort_keys=True,
                                     ensure_ascii=False).encode()).hexdigest()


class Applier:
    """One per service process. A lock makes operations apply one at a time: custody is
    read and changed in one step, and no PC's request ever holds it while it waits."""

    def __init__(self, hall: Hall) -> None:
        self.hall = hall
        # One operation at a time; also the writer of the service's own chain (hall/lookup.py).
        self.lock = threading.Lock()
        self.version = 0  # bumped after every applied batch (the change feed watches it)
        self._seen: dict[str, tuple[float, float | None]] = {}  # terminal -> (written, offset)
        self.changed = threading.Condition()
        self.board = CallBoard()  # calls, at once, for the hall displays
        self._actors: dict[str, tuple[float, Actor]] = {}  # live acts' people, briefly kept
        self._wal: Any = None  # see _hold_wal
        self._wal_used = 0.0
        self._wal_lock = threading.Lock()

    # -- the person, as the hall knows them -------------------------------------------------
    def actor_of(self, staff_id: str, active_only: bool = True) -> Actor:
        with self.hall.db.session() as s:
            staff = s.get(Staff, staff_id) if staff_id else None
            if staff is None:
                raise PermissionDenied("操作人不是本大厅登记的工作人员")
            if active_only and not staff.active:
                raise PermissionDenied(f"{staff.full_name}的账号已停用，不能办理业务")
            return actor_of(s, staff)

    def _hold_wal(self) -> None:
        """Embedded SQLite while the queue is busy: one idle connection held open. The hall
        opens a connection per request (no pool), and closing the last one checkpoints and
        removes the WAL: a cost on every call of a window. Held, SQLite checkpoints in its
        own time; after WAL_IDLE_S without a live act the connection is let go, and the WAL
        is folded into the database file as before. It holds no transaction, so no lock."""
        if not self.hall.is_sqlite_url:
            return
        with self._wal_lock:
            self._wal_used = time.monotonic()
            if self._wal is not None:
                return
            self._wal = self.hall.db.engine.connect()
        threading.Thread(target=self._let_wal_go, name="hall-wal", daemon=True).start()

    def _let_wal_go(self) -> None:
        while True:
            time.sleep(1.0)
            with self._wal_lock:
                if time.monotonic() - self._wal_used >= WAL_IDLE_S:
                    held, self._wal = self._wal, None
                    try:
                        held.close()
                    except Exception:  # the next live act holds a fresh one
                        log.exception("could not let the held connection go")
                    return

    def _live_actor(self, staff_id: str) -> Actor:
        """The person of a live act, looked up at most every few seconds (a window calls
        often; a deactivation takes effect within that, as a revoked credential does)."""
        hit = self._actors.get(staff_id)
        if hit is not None and time.monotonic() - hit[0] < ACTOR_CACHE_S:
            return hit[1]
        actor = self.actor_of(staff_id)
        self._actors[staff_id] = (time.monotonic(), actor)
        return actor

    # -- a push -----------------------------------------------------------------------------
    def apply(self, term: HallTerminal, ops: list[dict[str, Any]],
              client_time: datetime | None) -> list[OpResult]:
        results: list[OpResult] = []
        for op in sorted(ops, key=lambda o: int(o["seq"])):
            with self.lock:  # per operation: another PC's waits for one, not a batch
                results.append(self._one(term.code, op))
            if results[-1].status == "held":
                break  # the PC's later operations wait behind it, in order
        self.seen(term.code, client_time)
        if any(r.status for r in results):
            with self.changed:
                self.version += 1
                self.changed.notify_all()
        return results

    def seen(self, terminal: str, client_time: datetime | None) -> None:
        """Every call measures the PC's clock against the service's (a PC hours off would
        date cases wrongly; ``counter-server terminals`` shows the offset)."""
        now = hall_now()
        values: dict[str, Any] = {"last_seen_at": now}
        if client_time is not None:
            values["clock_offset_s"] = round((client_time - now).total_seconds(), 1)
            if abs(values["clock_offset_s"]) > CLOCK_WARN_S:
                log.warning("terminal %s clock is %+.0f s off", terminal, values["clock_offset_s"])
        # Written when the offset moved or a minute has passed: an idle round costs no write.
        last_at, last_offset = self._seen.get(terminal, (0.0, None))
        offset = values.get("clock_offset_s")
        moved = offset is not None and (last_offset is None or abs(offset - last_offset) >= 2)
        if not moved and time.monotonic() - last_at < 60:
            return
        self._seen[terminal] = (time.monotonic(), offset if offset is not None else last_offset)
        with self.hall.db.transaction() as s:
            s.execute(update(HallTerminal).where(HallTerminal.code == terminal).values(**values))

    # -- a live operation (the queue): answered now, outside the terminal's sequence ---------
    def live(self, term: HallTerminal, op: dict[str, Any]) -> dict[str, Any]:
        """Run a live operation now, under the same lock as every other, at the service's
        time (a queue's waits are measured on one clock). A resend of the same ``op_id``
        gets the first answer: the service method finds its own act by the id."""
        name = str(op.get("name", ""))
        if not is_live(OPERATIONS, name):
            raise HallError(f"“{name}”不是即时办理的操作：请升级本机或服务器", 400)
        if term.diverged:
            raise HallError(term.diverged, 409)
        verdict = staff_keys.judge(self.hall, op)
        if verdict.refused or verdict.held:
            return {"status": "refused", "reason": verdict.refused or verdict.held}
        state = OpState(op_id=str(op["op_id"]), name=name, staff_id=str(op.get("staff_id") or ""),
                        args=str(op["args"]), at=hall_now(), terminal=term.code, replay=True)
        self._hold_wal()
        with self.lock:
            try:
                result = replay(self.hall.context(term.code), OPERATIONS, state, self._live_actor)
            except REFUSALS as exc:
                return {"status": "refused", "reason": str(exc)}
            except SQLAlchemyError:
                raise  # nothing was decided: the PC says the hall cannot answer now
            except Exception as exc:
                log.exception("live operation %s of terminal %s failed", state.op_id, term.code)
                return {"status": "refused", "reason": f"服务器处理此操作时出错（{type(exc).__name__}）"}
        if isinstance(result, TicketView):
            self.board.publish(result)
        with self.changed:
            self.version += 1
            self.changed.notify_all()
        return {"status": "done", "result": encode(result)}

    def _one(self, terminal: str, op: dict[str, Any]) -> OpResult:
        seq, op_id, dig = int(op["seq"]), str(op["op_id"]), digest(op)
        with self.hall.db.session() as s:
            term = s.get(HallTerminal, terminal)
            assert term is not None
            if term.diverged:
                raise HallError(term.diverged, 409)
            have = s.execute(select(HallOp).where(HallOp.terminal == terminal,
                                                  HallOp.seq == seq)).scalar_one_or_none()
            last, previous, legacy = term.last_seq, term.previous, term.legacy_unsigned
        if legacy and op.get("sig"):  # its first signed operation: the older queue is done
            with self.hall.db.transaction() as s:
                s.execute(update(HallTerminal).where(HallTerminal.code == terminal)
                          .values(legacy_unsigned=False))
            legacy = False
        if have is not None:
            if have.digest == dig:
                return OpResult(seq, op_id, have.status, have.reason)
            self._diverged(terminal, seq)
        if seq <= last:
            self._diverged(terminal, seq)
        if seq != last + 1:
            raise HallError(f"终端 {terminal} 的操作 {last + 1} 至 {seq - 1} 尚未送达：请重新同步", 409)
        verdict = staff_keys.judge(self.hall, op, legacy=legacy)
        if verdict.held:  # not answered: nothing recorded, the PC sends it again later
            return OpResult(seq, op_id, "held", verdict.held)
        state = OpState(op_id=op_id, name=str(op["name"]), staff_id=str(op.get("staff_id") or ""),
                        args=str(op["args"]), at=datetime.fromisoformat(op["at"]), replay=True,
                        numbers=list(op.get("numbers") or []),
                        other_terminals=(previous,) if previous else ())
        if verdict.refused:
            return self._refused(terminal, seq, dig, state, verdict.refused)
        state.save = lambda conn, st: _record(conn, terminal, seq, dig, st, "done", "")
        ctx = self.hall.context(terminal)
        try:
            replay(ctx, OPERATIONS, state, self.actor_of,
                   lambda staff_id: self.actor_of(staff_id, active_only=False))
        except REFUSALS as exc:
            return self._refused(terminal, seq, dig, state, str(exc))
        except IntegrityError as exc:
            log.warning("operation %s of terminal %s hit a constraint: %s", op_id, terminal, exc.orig)
            return self._refused(terminal, seq, dig, state,
                                 "与大厅已有的记录冲突（如编号已被使用）：本机可能是从备份恢复或复制的，请联系管理员")
        except SQLAlchemyError:
            raise  # the database is in trouble: the PC resends later, nothing is decided
        except Exception as exc:  # a bug must not stop the hall: the op is kept as refused
            log.exception("operation %s of terminal %s failed", op_id, terminal)
            return self._refused(terminal, seq, dig, state, f"服务器处理此操作时出错（{type(exc).__name__}）")
        if not state.saved:  # an operation that changed nothing still counts as answered
            with self.hall.db.transaction() as s:
                _record(s.connection(), terminal, seq, dig, state, "done", "")
        return OpResult(seq, op_id, "done")

    def _refused(self, terminal: str, seq: int, dig: str, state: OpState, reason: str) -> OpResult:
        with self.hall.db.transaction() as s:
            _record(s.connection(), terminal, seq, dig, state, "refused", reason)
        return OpResult(seq, state.op_id, "refused", reason)

    def _diverged(self, terminal: str, seq: int) -> None:
        why = (f"终端 {terminal} 发来的第 {seq} 号操作与大厅已有的不同：这台电脑可能是从旧备份恢复的，"
               "或是从另一台终端复制的。为免编号重复，已停止接收它的数据。"
               "请在这台电脑上运行 counter-admin rebuild 服务器地址 新注册码 重建")
        with self.hall.db.transaction() as s:
            s.execute(update(HallTerminal).where(HallTerminal.code == terminal).values(diverged=why))
        raise HallError(why, 409)


class CallBoard:
    """Calls as they happen, for the hall displays' feed: a version that grows with every
    act on a ticket and the last calls. Listeners on the event loop are woken at once."""

    def __init__(self, keep: int = 50) -> None:
        self.version = 0
        self.keep = keep
        self.events: list[tuple[int, dict[str, Any]]] = []
        self._lock = threading.Lock()
        self._waiters: set[tuple[Any, Any]] = set()  # (event loop, asyncio.Event)

    def publish(self, t: TicketView) -> None:
        event = {"ticket_no": t.ticket_no, "desk_no": t.desk_no, "act": t.act, "status": t.status,
                 "window_code": t.window_code, "finished": t.finished,
                 "at": hall_now().isoformat(timespec="milliseconds")}
        with self._lock:
            self.version += 1
            self.events = [*self.events[-(self.keep - 1):], (self.version, event)]
            waiters = list(self._waiters)
        for loop, ev in waiters:
            loop.call_soon_threadsafe(ev.set)

    def since(self, version: int) -> list[tuple[int, dict[str, Any]]]:
        with self._lock:
            return [(v, e) for v, e in self.events if v > version]

    def listen(self, loop: Any, ev: Any) -> None:
        with self._lock:
            self._waiters.add((loop, ev))

    def forget(self, loop: Any, ev: Any) -> None:
        with self._lock:
            self._waiters.discard((loop, ev))


def _record(conn: Connection, terminal: str, seq: int, dig: str, st: OpState, status: str,
            reason: str) -> None:
    if st.saved:
        return
    conn.execute(HallOp.__table__.insert().values(
        op_id=st.op_id, terminal=terminal, seq=seq, digest=dig, name=st.name,
        staff_id=st.staff_id, status=status, reason=reason[:2000], at=st.at, applied_at=hall_now()))
    conn.execute(update(HallTerminal).where(HallTerminal.code == terminal).values(last_seq=seq))
    st.saved = True
