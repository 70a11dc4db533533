"""The hall's queue (叫号): a ticket at the help desk, a call at a window, the visit's cases.

- **Ticket.** The guide names the item (its group follows from the catalog) or a group; the
  ticket gets the group's area letter and the next number of the day (A012), the people
  ahead and an estimated wait. Priority (elderly, disabled, pregnant, appointment) is a
  recorded reason, never a silent jump.
- **Desk.** A physical window ("3 号窗口") opened by one PC serves one or more groups.
  ``call_next`` ends the ticket the desk was serving and calls the next: tickets sent to
  this desk, then priority tickets, then transferred ones, then by time of joining.
- **One ticket, one desk.** Every act checks the ticket's state in the same transaction that
  changes it; on an enrolled PC the acts are *live* operations, answered by the hall service
  at once (one lock there), so two windows can never be given one ticket.
- **A day.** A ticket is numbered per day and letter; a ticket of another day is refused.

Every act is kept (``queue_act``) with who, which desk and when. The act's id is made from
the operation's id, so a resent act (a timeout on the network) is answered with what it did
the first time instead of calling another ticket.
"""

from __future__ import annotations

import math
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from ...models import (
    PRIORITY_KINDS,
    CaseFile,
    HallWindow,
    ItemVersion,
    QueueAct,
    QueueDesk,
    QueueLetter,
    QueueTicket,
    QueueVisitCase,
    ServiceItem,
    Staff,
)
from ...models.opstate import current as current_op
from ..context import Actor, ServiceContext, require_role
from ..operations import allow, operation

DEFAULT_SERVICE_MIN = 8.0  # a group's first tickets of the day: no service time measured yet
KEY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
QR_PREFIX = "LSQH1"
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, O: read aloud and on a small display
MAX_DESK = 999


class QueueError(Exception):
    """The queue act cannot be done as asked. The message is for the user."""


@dataclass(frozen=True)
class TicketView:
    id: str
    day: date
    ticket_no: str
    window_code: str
    window_name: str
    item_code: str
    item_name: str
    priority: str
    priority_note: str
    issued_at: datetime
    status: str
    desk_no: int | None
    ahead: int
    wait_minutes: int
    rating_key: str
    calls: int = 0
    act: str = ""  # what this answer did: issued, called, recalled, no_show, transferred, done
    note: str = ""  # a remark for the person who acted (e.g. no desk open for the group)
    finished: str = ""  # the ticket call_next ended before calling this one

    def qr_payload(self) -> str:
        """ASCII for the ticket's QR code: the key of the visit's rating (一次一评)."""
        return f"{QR_PREFIX}|{self.day:%Y%m%d}|{self.ticket_no}|{self.rating_key}"

    @property
    def priority_label(self) -> str:
        return PRIORITY_KINDS.get(self.priority, "")


@dataclass(frozen=True)
class DeskView:
    no: int
    groups: tuple[str, ...]
    is_open: bool
    terminal: str
    staff_name: str
    serving: str  # ticket number being served, "" if none
    serving_id: str = ""


@dataclass(frozen=True)
class CallLine:
    ticket_no: str
    desk_no: int
    at: datetime
    kind: str  # called / recalled


@dataclass(frozen=True)
class Board:
    """What the hall display shows: the number at each open desk, the last calls, and how
    many wait per group. No names."""

    day: date
    desks: list[tuple[int, str]]  # (desk, ticket number or "")
    recent: list[CallLine]
    waiting: dict[str, int]
    group_names: dict[str, str]


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    letter: str
    waiting: int
    open_desks: int


allow(TicketView, DeskView)


def parse_qr(payload: str) -> tuple[date, str, str]:
    """(day, ticket number, key) of a ticket's QR text; QueueError if it is not one."""
    parts = payload.strip().split("|")
    if len(parts) != 4 or parts[0] != QR_PREFIX:
        raise QueueError("号票二维码无效：不是本大厅的号票")
    try:
        day = datetime.strptime(parts[1], "%Y%m%d").date()
    except ValueError:
        raise QueueError("号票二维码无效：日期不对") from None
    return day, parts[2], parts[3]


def _groups(text: str) -> tuple[str, ...]:
    return tuple(g for g in text.split(",") if g)


def _order(t: QueueTicket, desk_no: int | None = None) -> tuple[object, ...]:
    """Call order: sent to this desk, priority, transferred, then by time of joining."""
    return (0 if desk_no is not None and t.to_desk == desk_no else 1, 0 if t.priority else 1,
            0 if t.transfers else 1, t.queued_at, t.seq)


def _sql_order(desk_no: int) -> list[Any]:
    """``_order`` in SQL: the database picks the one ticket (no list loaded per call)."""
    t = QueueTicket
    return [case((t.to_desk == desk_no, 0), else_=1), case((t.priority != "", 0), else_=1),
            case((t.transfers > 0, 0), else_=1), t.queued_at, t.seq]


def _md(day: date) -> str:
    return f"{day.month} 月 {day.day} 日"


class QueueService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- the help desk ----------------------------------------------------------------------
    @operation("queue.issue", live=True)
    def issue(self, actor: Actor, window_code: str = "", item_code: str = "", priority: str = "",
              priority_note: str = "") -> TicketView:
        """A ticket for the item's group (or for ``window_code``)."""
        require_role(actor, "guide", "clerk", "supervisor")
        priority, note = priority.strip(), priority_note.strip()
        if priority and priority not in PRIORITY_KINDS:
            raise QueueError(f"优先类别“{priority}”无效：应为老年人、残疾人、孕妇或预约")
        if priority == "appointment" and not note:
            raise QueueError("预约优先：请在“优先说明”中填写预约号")
        if note and not priority:
            raise QueueError("填写了优先说明，但没有选择优先类别")
        if len(note) > 200:
            raise QueueError("优先说明太长：请在 200 字以内")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            if (again := self._again(s)) is not None:
                return again
            item_name = ""
            if item_code.strip():
                ver = s.execute(select(ItemVersion).join(
                    ServiceItem, ServiceItem.current_version_id == ItemVersion.id).where(
                    ItemVersion.code == item_code.strip(), ServiceItem.active.is_(True))).scalar()
                if ver is None:
                    raise QueueError(f"事项“{item_code}”不在本大厅的事项目录中")
                if window_code and window_code != ver.window_code:
                    raise QueueError(f"事项“{ver.name}”由{self._window_name(s, ver.window_code)}"
                                     f"受理，不是{self._window_name(s, window_code)}")
                window_code, item_name = ver.window_code, ver.name
            if not window_code:
                raise QueueError("请选择办理的事项或窗口分组")
            self._window(s, window_code)
            letter = self._letter(s, window_code)
            seq = int(s.execute(select(func.coalesce(func.max(QueueTicket.seq), 0)).where(
                QueueTicket.day == now.date(), QueueTicket.letter == letter)).scalar_one()) + 1
            ticket = QueueTicket(
                day=now.date(), ticket_no=f"{letter}{seq:03d}", letter=letter, seq=seq,
                window_code=window_code, item_code=item_code.strip(), priority=priority,
                priority_note=note, issued_at=now, issued_by_id=actor.staff_id, queued_at=now,
                status="waiting", transfers=0, calls=0, first_window_code="",
                rating_key="".join(secrets.choice(KEY_ALPHABET) for _ in range(10)),
                origin_terminal=self.ctx.terminal)
            s.add(ticket)
            s.flush()
            self._act(s, ticket, "issued", actor, None, note=PRIORITY_KINDS.get(priority, ""))
            return self._view(s, ticket, "issued", item_name=item_name)

    # -- desks --------------------------------------------------------------------------------
    @operation("queue.open_desk", live=True)
    def open_desk(self, actor: Actor, desk_no: int, groups: Sequence[str] = ()) -> DeskView:
        """This PC serves desk ``desk_no`` for ``groups`` (default: the clerk's window)."""
        require_role(actor, "clerk", "supervisor")
        if not isinstance(desk_no, int) or not 1 <= desk_no <= MAX_DESK:
            raise QueueError(f"窗口号“{desk_no}”无效：应为 1 至 {MAX_DESK} 的整数")
        wanted = tuple(dict.fromkeys(g.strip() for g in groups if g.strip())) or (
            (actor.window_code,) if actor.window_code else ())
        if not wanted:
            raise QueueError("请选择本窗口叫号的分组")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            for g in wanted:
                self._window(s, g)
                self._letter(s, g)
            desk = s.execute(select(QueueDesk).where(QueueDesk.no == desk_no)).scalar()
            if desk is None:
                desk = QueueDesk(no=desk_no, origin_terminal=self.ctx.terminal)
                s.add(desk)
            elif desk.is_open and desk.terminal != self.ctx.terminal:
                raise QueueError(f"{desk_no} 号窗口已在终端 {desk.terminal} 开启：请先在那台电脑上"
                                 "关闭，或选用其他窗口号")
            desk.groups, desk.is_open, desk.staff_id = ",".join(wanted), True, actor.staff_id
            desk.terminal, desk.changed_at = self.ctx.terminal, now
            s.flush()
            return self._desk_view(s, desk)

    @operation("queue.close_desk", live=True)
    def close_desk(self, actor: Actor, desk_no: int) -> DeskView:
        require_role(actor, "clerk", "supervisor")
        with self.ctx.db.transaction() as s:
            desk = self._own_desk(s, desk_no)
            serving = self._serving(s, desk_no)
            if serving is not None:
                raise QueueError(f"{desk_no} 号窗口正在办理 {serving.ticket_no}：请先办结、过号或转出，"
                                 "再关闭窗口")
            desk.is_open, desk.changed_at = False, self.ctx.now()
            s.flush()
            return self._desk_view(s, desk)

    # -- the window's keys ----------------------------------------------------------------------
    @operation("queue.call_next", live=True)
    def call_next(self, actor: Actor, desk_no: int) -> TicketView:
        """End the ticket being served here (if any) and call the next one for this desk."""
        require_role(actor, "clerk", "supervisor")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            if (again := self._again(s)) is not None:
                return again
            desk = self._own_desk(s, desk_no)
            finished = ""
            serving = self._serving(s, desk_no)
            if serving is not None:
                self._finish(s, serving, actor, desk_no, now)
                finished = serving.ticket_no
            groups = _groups(desk.groups)
            t = QueueTicket
            ticket = s.execute(select(t).where(
                t.day == now.date(), t.status == "waiting",
                (t.to_desk == desk_no) | (t.to_desk.is_(None) & t.window_code.in_(groups)))
                .order_by(*_sql_order(desk_no)).limit(1)).scalar()
            if ticket is None:
                names = "、".join(self._window_name(s, g) for g in groups)
                done = f"已办结 {finished}；" if finished else ""
                raise QueueError(f"{done}{names}目前没有等候的号")
            self._call(s, ticket, actor, desk_no, now)
            return self._view(s, ticket, "called", finished=finished)

    @operation("queue.call", live=True)
    def call(self, actor: Actor, desk_no: int, ticket_no: str) -> TicketView:
        """Call one number (an applicant who missed the call is back, an appointment)."""
        require_role(actor, "clerk", "supervisor")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            if (again := self._again(s)) is not None:
                return again
            self._own_desk(s, desk_no)
            number = ticket_no.strip().upper()
            ticket = s.execute(select(QueueTicket).where(QueueTicket.day == now.date(),
                                                         QueueTicket.ticket_no == number)).scalar()
            if ticket is None:
                raise QueueError(f"今天没有号码“{ticket_no}”：请核对号票上的号码和日期")
            if ticket.status == "called":
                where = "本窗口" if ticket.desk_no == desk_no else f"{ticket.desk_no} 号窗口"
                raise QueueError(f"{number} 已由{where}于 {ticket.called_at:%H:%M} 叫号，不能重复叫号")
            if ticket.status == "done":
                raise QueueError(f"{number} 已于 {ticket.done_at:%H:%M} 办结，不能再叫号")
            serving = self._serving(s, desk_no)
            finished = ""
            if serving is not None:
                self._finish(s, serving, actor, desk_no, now)
                finished = serving.ticket_no
            self._call(s, ticket, actor, desk_no, now)
            return self._view(s, ticket, "called", finished=finished)

    @operation("queue.recall", live=True)
    def recall(self, actor: Actor, desk_no: int, ticket_id: str) -> TicketView:
        require_role(actor, "clerk", "supervisor")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            if (again := self._again(s)) is not None:
                return again
            ticket = self._at_desk(s, desk_no, ticket_id, "重呼")
            ticket.calls += 1
            self._act(s, ticket, "recalled", actor, desk_no)
            return self._view(s, ticket, "recalled", at=now)

    @operation("queue.no_show", live=True)
    def no_show(self, actor: Actor, desk_no: int, ticket_id: str) -> TicketView:
        """The applicant did not come after the calls: the ticket is 过号 (it may be called
        again by its number if they come back today)."""
        require_role(actor, "clerk", "supervisor")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            if (again := self._again(s)) is not None:
                return again
            ticket = self._at_desk(s, desk_no, ticket_id, "过号")
            ticket.status, ticket.done_at = "no_show", now
            self._act(s, ticket, "no_show", actor, desk_no)
            return self._view(s, ticket, "no_show")

    @operation("queue.transfer", live=True)
    def transfer(self, actor: Actor, desk_no: int, ticket_id: str, to_window: str = "",
                 to_desk: int | None = None) -> TicketView:
        """Send the ticket being served here to another group or to one open desk; it goes
        ahead of that queue's ordinary tickets."""
        require_role(actor, "clerk", "supervisor")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            if (again := self._again(s)) is not None:
                return again
            ticket = self._at_desk(s, desk_no, ticket_id, "转出")
            note = ""
            if to_desk is not None:
                if to_desk == desk_no:
                    raise QueueError("不能转到本窗口：请选择其他窗口或分组")
                target = s.execute(select(QueueDesk).where(QueueDesk.no == to_desk)).scalar()
                if target is None or not target.is_open:
                    raise QueueError(f"{to_desk} 号窗口未开放，不能转入：请选择已开放的窗口，或转到分组排队")
                group = to_window or _groups(target.groups)[0]
            elif to_window:
                self._window(s, to_window)
                group = to_window
                if self._open_desks(s, group) == 0:
                    note = f"{self._window_name(s, group)}目前没有开放的窗口，号码已排入该队列"
            else:
                raise QueueError("请选择转入的窗口或分组")
            self._letter(s, group)
            ticket.status, ticket.window_code, ticket.to_desk = "waiting", group, to_desk
            ticket.queued_at, ticket.transfers, ticket.called_at = now, ticket.transfers + 1, None
            where = f"{to_desk} 号窗口" if to_desk is not None else self._window_name(s, group)
            self._act(s, ticket, "transferred", actor, desk_no, note=f"转至{where}")
            return self._view(s, ticket, "transferred", note=note)

    @operation("queue.done", live=True)
    def done(self, actor: Actor, desk_no: int, ticket_id: str) -> TicketView:
        require_role(actor, "clerk", "supervisor")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            if (again := self._again(s)) is not None:
                return again
            ticket = self._at_desk(s, desk_no, ticket_id, "办结")
            self._finish(s, ticket, actor, desk_no, now, main=True)
            return self._view(s, ticket, "done")

    # -- the visit's cases (an ordinary operation: it follows the cases to the hall) ------------
    @operation("queue.link_cases")
    def link_cases(self, actor: Actor, ticket_id: str, case_nos: Sequence[str]) -> int:
        """The cases received during the ticket's visit; returns how many were linked now."""
        require_role(actor, "clerk", "supervisor")
        made = 0
        with self.ctx.db.transaction() as s:
            ticket = s.get(QueueTicket, ticket_id)
            if ticket is None:
                raise QueueError("没有找到这张号票")
            for no in dict.fromkeys(n.strip() for n in case_nos if n.strip()):
                case = s.execute(select(CaseFile).where(CaseFile.case_no == no)).scalar()
                if case is None:
                    raise QueueError(f"没有找到办件“{no}”")
                have = s.execute(select(QueueVisitCase).where(
                    QueueVisitCase.case_id == case.id)).scalar()
                if have is not None:
                    if have.ticket_id != ticket.id:
                        other = s.get(QueueTicket, have.ticket_id)
                        raise QueueError(f"办件“{no}”已关联号票 {other.ticket_no if other else ''}")
                    continue
                s.add(QueueVisitCase(ticket_id=ticket.id, case_id=case.id, linked_at=self.ctx.now(),
                                     origin_terminal=self.ctx.terminal))
                made += 1
            s.flush()  # inside the transaction: an enrolled PC queues what it changed
        return made

    def cases_since(self, actor: Actor, since: datetime) -> list[str]:
        """Case numbers this clerk received from ``since`` on (the ticket's call)."""
        with self.ctx.db.session() as s:
            return list(s.execute(select(CaseFile.case_no).where(
                CaseFile.clerk_id == actor.staff_id, CaseFile.received_at >= since,
                CaseFile.is_training.is_(False)).order_by(CaseFile.received_at)).scalars())

    # -- reading ----------------------------------------------------------------------------------
    def groups(self, day: date | None = None) -> list[Group]:
        """Every window group with its letter, how many wait and how many desks are open."""
        day = day or self.ctx.now().date()
        with self.ctx.db.session() as s:
            letters = dict(s.execute(select(QueueLetter.window_code, QueueLetter.letter)).all())
            waiting = dict(s.execute(select(QueueTicket.window_code, func.count()).where(
                QueueTicket.day == day, QueueTicket.status == "waiting").group_by(
                QueueTicket.window_code)).all())
            desks = s.execute(select(QueueDesk.groups).where(QueueDesk.is_open.is_(True))).scalars().all()
            wins = s.execute(select(HallWindow).where(HallWindow.kind == "counter")
                             .order_by(HallWindow.code)).scalars().all()
            return [Group(w.code, w.name, letters.get(w.code, ""), int(waiting.get(w.code, 0)),
                          sum(1 for d in desks if w.code in _groups(d))) for w in wins]

    def desk(self, desk_no: int) -> DeskView | None:
        with self.ctx.db.session() as s:
            desk = s.execute(select(QueueDesk).where(QueueDesk.no == desk_no)).scalar()
            return self._desk_view(s, desk) if desk is not None else None

    def desks(self) -> list[DeskView]:
        with self.ctx.db.session() as s:
            return [self._desk_view(s, d) for d in s.execute(
                select(QueueDesk).order_by(QueueDesk.no)).scalars()]

    def ticket(self, ticket_id: str) -> TicketView | None:
        with self.ctx.db.session() as s:
            t = s.get(QueueTicket, ticket_id)
            return self._view(s, t, "") if t is not None else None

    def board(self, day: date | None = None, recent: int = 8) -> Board:
        day = day or self.ctx.now().date()
        with self.ctx.db.session() as s:
            desks = s.execute(select(QueueDesk).where(QueueDesk.is_open.is_(True))
                              .order_by(QueueDesk.no)).scalars().all()
            serving = dict(s.execute(select(QueueTicket.desk_no, QueueTicket.ticket_no).where(
                QueueTicket.day == day, QueueTicket.status == "called")).all())
            lo = datetime.combine(day, datetime.min.time())
            calls = s.execute(
                select(QueueTicket.ticket_no, QueueAct.desk_no, QueueAct.at, QueueAct.kind)
                .join(QueueTicket, QueueTicket.id == QueueAct.ticket_id)
                .where(QueueAct.at >= lo, QueueAct.kind.in_(("called", "recalled")))
                .order_by(QueueAct.at.desc()).limit(recent)).all()
            waiting = dict(s.execute(select(QueueTicket.window_code, func.count()).where(
                QueueTicket.day == day, QueueTicket.status == "waiting").group_by(
                QueueTicket.window_code)).all())
            names = dict(s.execute(select(HallWindow.code, HallWindow.name)).all())
            return Board(day, [(d.no, serving.get(d.no, "")) for d in desks],
                         [CallLine(n, int(k or 0), a, kind) for n, k, a, kind in calls],
                         {k: int(v) for k, v in waiting.items()}, names)

    def ticket_of_case(self, case_no: str) -> TicketView | None:
        """The visit a case was received in (its arrival), if it came with a ticket."""
        with self.ctx.db.session() as s:
            t = s.execute(select(QueueTicket).join(QueueVisitCase, QueueVisitCase.ticket_id == QueueTicket.id)
                          .join(CaseFile, CaseFile.id == QueueVisitCase.case_id)
                          .where(CaseFile.case_no == case_no)).scalar()
            return self._view(s, t, "") if t is not None else None

    # -- inside ---------------------------------------------------------------------------------
    def _again(self, s: Session) -> TicketView | None:
        """A resent act (the network lost the answer): what it did the first time."""
        op = current_op()
        if op is None:
            return None
        act = s.get(QueueAct, _act_id(op.op_id))
        if act is None:
            return None
        ticket = s.get(QueueTicket, act.ticket_id)
        assert ticket is not None
        return self._view(s, ticket, act.kind)

    def _act(self, s: Session, ticket: QueueTicket, kind: str, actor: Actor, desk_no: int | None,
             note: str = "", main: bool = True) -> None:
        """Keep the act. The main act of an operation has the id ``_again`` looks for."""
        op = current_op()
        if op is None:
            act_id = str(uuid.uuid4())
        else:
            act_id = _act_id(op.op_id) if main else str(uuid.uuid5(uuid.UUID(op.op_id), f"act-{kind}"))
        s.add(QueueAct(id=act_id, ticket_id=ticket.id, kind=kind, at=self.ctx.now(), desk_no=desk_no,
                       window_code=ticket.window_code, staff_id=actor.staff_id, note=note,
                       origin_terminal=self.ctx.terminal))

    def _call(self, s: Session, ticket: QueueTicket, actor: Actor, desk_no: int, now: datetime) -> None:
        # Guarded update: the row changes only if it is still as read (never two desks).
        res = s.execute(update(QueueTicket).where(
            QueueTicket.id == ticket.id, QueueTicket.status.in_(("waiting", "no_show"))).values(
            status="called", desk_no=desk_no, called_at=now, calls=QueueTicket.calls + 1,
            served_by_id=actor.staff_id, to_desk=None, done_at=None,
            first_called_at=func.coalesce(QueueTicket.first_called_at, now),
            first_desk=func.coalesce(QueueTicket.first_desk, desk_no),
            first_window_code=func.coalesce(func.nullif(QueueTicket.first_window_code, ""),
                                            ticket.window_code)).execution_options(
            synchronize_session=False))
        if getattr(res, "rowcount", 0) != 1:  # a CursorResult: an UPDATE's rows matched
            raise QueueError(f"{ticket.ticket_no} 刚被其他窗口叫号：请再按一次叫号")
        s.refresh(ticket)
        self._act(s, ticket, "called", actor, desk_no)

    def _finish(self, s: Session, ticket: QueueTicket, actor: Actor, desk_no: int, now: datetime,
                main: bool = False) -> None:
        ticket.status, ticket.done_at = "done", now
        self._act(s, ticket, "done", actor, desk_no, main=main)

    def _own_desk(self, s: Session, desk_no: int) -> QueueDesk:
        desk = s.execute(select(QueueDesk).where(QueueDesk.no == desk_no)).scalar()
        if desk is None or not desk.is_open:
            raise QueueError(f"{desk_no} 号窗口未开放：请先开启窗口")
        if desk.terminal != self.ctx.terminal:
            raise QueueError(f"{desk_no} 号窗口由终端 {desk.terminal} 开启，本机不能为它叫号")
        return desk

    def _serving(self, s: Session, desk_no: int) -> QueueTicket | None:
        return s.execute(select(QueueTicket).where(
            QueueTicket.status == "called", QueueTicket.desk_no == desk_no)).scalars().first()

    def _at_desk(self, s: Session, desk_no: int, ticket_id: str, what: str) -> QueueTicket:
        self._own_desk(s, desk_no)
        ticket = s.get(QueueTicket, ticket_id)
        if ticket is None:
            raise QueueError("没有找到这张号票")
        today = self.ctx.now().date()
        if ticket.day != today:
            raise QueueError(f"号码 {ticket.ticket_no} 是 {_md(ticket.day)}取的，今日不能再{what}："
                             "请到服务台重新取号")
        if ticket.status != "called" or ticket.desk_no != desk_no:
            state = {"waiting": "还在等候，尚未叫号", "done": "已办结", "no_show": "已过号"}.get(
                ticket.status, f"正在 {ticket.desk_no} 号窗口办理")
            raise QueueError(f"{ticket.ticket_no} {state}，本窗口（{desk_no} 号）不能{what}")
        return ticket

    def _open_desks(self, s: Session, group: str) -> int:
        return sum(1 for g in s.execute(select(QueueDesk.groups).where(QueueDesk.is_open.is_(True)))
                   .scalars() if group in _groups(g))

    def _window(self, s: Session, code: str) -> HallWindow:
        w = s.execute(select(HallWindow).where(HallWindow.code == code)).scalar()
        if w is None:
            raise QueueError(f"没有窗口分组“{code}”")
        return w

    def _window_name(self, s: Session, code: str) -> str:
        return s.execute(select(HallWindow.name).where(HallWindow.code == code)).scalar() or code

    def _letter(self, s: Session, window_code: str) -> str:
        """The group's letter; every group without one gets one now, in code order, so the
        letters do not depend on which group happened to issue first."""
        have = dict(s.execute(select(QueueLetter.window_code, QueueLetter.letter)).all())
        if window_code not in have:
            free = [c for c in LETTERS if c not in set(have.values())]
            counters = s.execute(select(HallWindow.code).where(
                (HallWindow.kind == "counter") | (HallWindow.code == window_code))
                .order_by(HallWindow.code)).scalars()
            for code in counters:  # the help desk and management windows take no tickets
                if code in have:
                    continue
                if not free:
                    raise QueueError("分组字母已用完：请联系管理员")
                have[code] = free.pop(0)
                s.add(QueueLetter(window_code=code, letter=have[code],
                                  origin_terminal=self.ctx.terminal))
            s.flush()
        return have[window_code]

    def _desk_view(self, s: Session, desk: QueueDesk) -> DeskView:
        staff = s.get(Staff, desk.staff_id) if desk.staff_id else None
        serving = self._serving(s, desk.no)
        return DeskView(desk.no, _groups(desk.groups), bool(desk.is_open), desk.terminal,
                        staff.full_name if staff else "", serving.ticket_no if serving else "",
                        serving.id if serving else "")

    def _view(self, s: Session, t: QueueTicket, act: str, item_name: str = "", note: str = "",
              finished: str = "", at: datetime | None = None) -> TicketView:
        ahead = wait = 0
        if t.status == "waiting":
            ahead, wait = self._ahead(s, t)
        if t.item_code and not item_name:
            item_name = s.execute(select(ItemVersion.name).where(
                ItemVersion.code == t.item_code).order_by(ItemVersion.version.desc())).scalar() or ""
        return TicketView(t.id, t.day, t.ticket_no, t.window_code, self._window_name(s, t.window_code),
                          t.item_code, item_name, t.priority, t.priority_note, t.issued_at, t.status,
                          t.desk_no, ahead, wait, t.rating_key, t.calls, act, note, finished)

    def _ahead(self, s: Session, t: QueueTicket) -> tuple[int, int]:
        """People called before ``t`` in its queue, and the estimated wait in minutes:
        ahead x the group's mean service time today / its open desks."""
        others = s.execute(select(QueueTicket).where(
            QueueTicket.day == t.day, QueueTicket.status == "waiting",
            QueueTicket.window_code == t.window_code, QueueTicket.id != t.id)).scalars().all()
        mine = _order(t, t.to_desk)
        ahead = sum(1 for o in others if (o.to_desk is None or o.to_desk == t.to_desk)
                    and _order(o, t.to_desk) < mine)
        spans = s.execute(select(QueueTicket.called_at, QueueTicket.done_at).where(
            QueueTicket.day == t.day, QueueTicket.window_code == t.window_code,
            QueueTicket.status == "done", QueueTicket.called_at.is_not(None))
            .order_by(QueueTicket.done_at.desc()).limit(20)).all()
        minutes = [(d - c).total_seconds() / 60 for c, d in spans if c and d and d > c]
        mean = sum(minutes) / len(minutes) if minutes else DEFAULT_SERVICE_MIN
        desks = max(1, self._open_desks(s, t.window_code))
        return ahead, math.ceil(ahead * mean / desks)


def _act_id(op_id: str) -> str:
    return str(uuid.uuid5(uuid.UUID(op_id), "queue-act"))
