"""Complaints (投诉), evaluations (好差评) and consultations (咨询)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, SyncedMixin

GRADES = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}


class Complaint(SyncedMixin, Base):
    __tablename__ = "complaint"
    case_id: Mapped[str | None] = mapped_column(ForeignKey("case_file.id"))
    window_code: Mapped[str] = mapped_column(String(32), default="")
    about_staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    complainant: Mapped[str] = mapped_column(String(64), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    content: Mapped[str] = mapped_column(Text)
    received_by_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    assigned_to_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="received")
    resolution: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)


class Evaluation(SyncedMixin, Base):
    # Open follow-ups and how many are late, from the index alone (the bulletin, migration 0017).
    __table_args__ = (Index("ix_evaluation_followup_due", "followup_status", "followup_due"),)
    """One rating per case (一次一评); the case number is the key."""

    __tablename__ = "evaluation"
    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), unique=True)
    grade: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(16), default="screen")  # screen / qr
    rated_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    followup_due: Mapped[date | None] = mapped_column(Date)
    followup_status: Mapped[str] = mapped_column(String(16), default="")
    followup_note: Mapped[str] = mapped_column(Text, default="")
    contest_reason: Mapped[str] = mapped_column(Text, default="")
    # Rated with the queue ticket's QR: one rating for the visit (一次一评), whatever it held.
    ticket_id: Mapped[str | None] = mapped_column(String(36), index=True, unique=True)


class Consultation(SyncedMixin, Base):
    __tablename__ = "consultation"
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), index=True)
    window_code: Mapped[str] = mapped_column(String(32), default="")
    item_code: Mapped[str] = mapped_column(String(32), default="")
    topic: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[str | None] = mapped_column(ForeignKey("case_file.id"))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
