"""The hall's queue (叫号): physical windows (desks), tickets, every act on a ticket, and the
cases received during a ticket's visit.

A *group* is a comprehensive window (``hall_window``, e.g. 不动产登记); its tickets carry the
group's area letter (A012). A *desk* is one physical window with a number ("3 号窗口") that
serves one or more groups. A ticket lives one day: it is numbered per day and letter, and a
ticket of another day is never called.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, SyncedMixin

TICKET_STATES = {"waiting": "等候中", "called": "已叫号", "done": "已办结", "no_show": "过号未到"}
PRIORITY_KINDS = {"elderly": "老年人", "disabled": "残疾人", "pregnant": "孕妇",
                  "appointment": "预约"}


class QueueLetter(SyncedMixin, Base):
    """A group's area letter, given once and kept (a ticket printed A012 stays group A)."""

    __tablename__ = "queue_letter"
    window_code: Mapped[str] = mapped_column(String(32), unique=True)
    letter: Mapped[str] = mapped_column(String(2), unique=True)


class QueueDesk(SyncedMixin, Base):
    """A physical window: its number, the groups it calls for, and whether it is open."""

    __tablename__ = "queue_desk"
    no: Mapped[int] = mapped_column(Integer, unique=True)
    groups: Mapped[str] = mapped_column(String(200), default="")  # window codes, comma-separated
    is_open: Mapped[bool] = mapped_column(Boolean, default=False)
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    terminal: Mapped[str] = mapped_column(String(8), default="")
    changed_at: Mapped[datetime] = mapped_column(DateTime)


class QueueTicket(SyncedMixin, Base):
    __tablename__ = "queue_ticket"
    __table_args__ = (UniqueConstraint("day", "ticket_no", name="uq_queue_ticket_day_no"),
                      Index("ix_queue_ticket_day_status", "day", "status"))
    day: Mapped[date] = mapped_column(Date)
    ticket_no: Mapped[str] = mapped_column(String(8))  # A012
    letter: Mapped[str] = mapped_column(String(2))
    seq: Mapped[int] = mapped_column(Integer)
    window_code: Mapped[str] = mapped_column(String(32))  # the group it waits for now
    item_code: Mapped[str] = mapped_column(String(32), default="")
    priority: Mapped[str] = mapped_column(String(16), default="")  # "" or a PRIORITY_KINDS key
    priority_note: Mapped[str] = mapped_column(String(200), default="")
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    issued_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    queued_at: Mapped[datetime] = mapped_column(DateTime)  # joined its present queue
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    to_desk: Mapped[int | None] = mapped_column(Integer)  # transferred to this desk only
    transfers: Mapped[int] = mapped_column(Integer, default=0)
    desk_no: Mapped[int | None] = mapped_column(Integer)  # the desk that called it last
    first_called_at: Mapped[datetime | None] = mapped_column(DateTime)
    first_desk: Mapped[int | None] = mapped_column(Integer)
    first_window_code: Mapped[str] = mapped_column(String(32), default="")
    called_at: Mapped[datetime | None] = mapped_column(DateTime)  # the call being served
    calls: Mapped[int] = mapped_column(Integer, default=0)
    served_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    rating_key: Mapped[str] = mapped_column(String(16))  # the QR's secret: 一次一评 for the visit


class QueueAct(SyncedMixin, Base):
    """Every act on a ticket: who, which desk, when (issued, called, recalled, no_show,
    transferred, done). Also the answer to a resent act (its id is made from the act's)."""

    __tablename__ = "queue_act"
    ticket_id: Mapped[str] = mapped_column(ForeignKey("queue_ticket.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    desk_no: Mapped[int | None] = mapped_column(Integer)
    window_code: Mapped[str] = mapped_column(String(32), default="")
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class QueueVisitCase(SyncedMixin, Base):
    """A case received during a ticket's visit: the case's arrival is the ticket's time."""

    __tablename__ = "queue_visit_case"
    ticket_id: Mapped[str] = mapped_column(ForeignKey("queue_ticket.id"), index=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), unique=True)
    linked_at: Mapped[datetime] = mapped_column(DateTime)
