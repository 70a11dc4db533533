"""Custody of files: handoff batches, signatures, returns, decisions and issuance."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, SyncedMixin


class HandoffBatch(SyncedMixin, Base):
    __tablename__ = "handoff_batch"
    batch_no: Mapped[str] = mapped_column(String(24), unique=True)
    department_code: Mapped[str] = mapped_column(String(32), index=True)
    window_code: Mapped[str] = mapped_column(String(32))
    clerk_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    status: Mapped[str] = mapped_column(String(16), default="open")  # open/signed/partial
    signed_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    # The bulletin's batches still waiting at a moment, and those signed in a period.
    signed_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    audit_rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # see CaseFile

    items: Mapped[list[HandoffItem]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", lazy="selectin"
    )


class HandoffItem(SyncedMixin, Base):
    __tablename__ = "handoff_item"
    batch_id: Mapped[str] = mapped_column(ForeignKey("handoff_batch.id"), index=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    material_count: Mapped[int] = mapped_column(Integer, default=0)
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(16), default="pending")  # signed/discrepancy
    discrepancy: Mapped[str] = mapped_column(Text, default="")

    batch: Mapped[HandoffBatch] = relationship(back_populates="items")


class CaseReturn(SyncedMixin, Base):
    """退回: the file goes back to the front with a reason; feeds the two-returns rule."""

    __tablename__ = "case_return"
    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    clerk_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), index=True)
    item_code: Mapped[str] = mapped_column(String(32))
    approver_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    reason: Mapped[str] = mapped_column(Text)
    returned_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class CaseDecision(SyncedMixin, Base):
    __tablename__ = "case_decision"
    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(16))  # approved / denied
    decision_no: Mapped[str] = mapped_column(String(64), default="")
    decided_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    approver_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))


class Issuance(SyncedMixin, Base):
    """发证: handed over at the window (who collected, with ID) or posted."""

    __tablename__ = "issuance"
    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    method: Mapped[str] = mapped_column(String(16))  # in_person / post
    collector_name: Mapped[str] = mapped_column(String(64), default="")
    collector_id_no: Mapped[str] = mapped_column(String(32), default="")
    by_agent: Mapped[bool] = mapped_column(Boolean, default=False)
    authorization_checked: Mapped[bool] = mapped_column(Boolean, default=False)
    tracking_no: Mapped[str] = mapped_column(String(64), default="")
    collector_phone: Mapped[str] = mapped_column(String(32), default="", server_default="")
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    issued_by_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
