"""Rows that belong to this PC (settings, drafts, number counters, the sync outbox) and the
holiday overrides that supervisors maintain."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, SyncedMixin, hall_now, new_id


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class NumberCounter(Base):
    """Last sequence used per (kind, day) on this terminal: numbers need no server."""

    __tablename__ = "number_counter"
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    day: Mapped[str] = mapped_column(String(6), primary_key=True)  # YYMMDD
    last: Mapped[int] = mapped_column(Integer, default=0)


class IntakeDraft(Base):
    """An intake in progress, saved as the clerk types, offered back after a crash."""

    __tablename__ = "intake_draft"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    staff_id: Mapped[str] = mapped_column(String(36), index=True)
    case_id: Mapped[str | None] = mapped_column(String(36))  # set when resuming a case
    data: Mapped[str] = mapped_column(Text)  # JSON
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=hall_now, onupdate=hall_now)


class OutboxEntry(Base):
    """A changed row waiting for the server. Removed only after the server confirmed it.

    Filled by SQLite triggers (``counter_app.sync.capture``), one entry per row: a second
    change of a row not yet sent gets a fresh ``change_id`` but keeps ``seq`` (parents stay
    ahead of children) and ``base``, the row as it was before its first unsent change (JSON),
    which the server's conflict rules compare against. NULL base: a row new on this PC.
    """

    __tablename__ = "sync_outbox"
    __table_args__ = (UniqueConstraint("table_name", "row_id", name="uq_sync_outbox_row"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(8), default="upsert")
    base: Mapped[str | None] = mapped_column(Text)
    queued_at: Mapped[datetime] = mapped_column(DateTime, default=hall_now)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")


class HolidayOverride(SyncedMixin, Base):
    """A day the official calendar gets wrong or does not know yet (next year's 调休)."""

    __tablename__ = "holiday_override"
    day: Mapped[date] = mapped_column(Date, unique=True)
    is_workday: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(200), default="")
    set_by_id: Mapped[str | None] = mapped_column(String(36))


class CalendarYear(SyncedMixin, Base):
    """A year whose holiday schedule a supervisor has entered in full."""

    __tablename__ = "calendar_year"
    year: Mapped[int] = mapped_column(Integer, unique=True)
    complete: Mapped[bool] = mapped_column(Boolean, default=True)
