"""Cases (办件), their checklist materials, notices, suspensions and extensions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, SyncedMixin

STATUS_LABELS = {
    "received": "已收件",
    "awaiting_supplement": "待补正",
    "accepted": "已受理",
    "not_accepted": "不予受理",
    "finished": "当场办结",
    "in_handoff": "待签收",
    "with_approver": "审批中",
    "returned": "已退回",
    "approved": "待领证",
    "denied": "不予许可",
    "issued": "已发证",
}
# Who physically holds the file in each state; the sync conflict rules read this.
FRONT_STATUSES = {"received", "awaiting_supplement", "accepted", "in_handoff", "returned",
                  "approved", "not_accepted", "finished", "issued", "denied"}
BACK_STATUSES = {"with_approver"}

MATERIAL_STATES = {"received": "已收", "missing": "缺少", "defective": "不符合要求",
                   "not_applicable": "不适用"}


class CaseFile(SyncedMixin, Base):
    __tablename__ = "case_file"
    # The bulletin's near/overdue read: open cases by status, then by promised date; the
    # rest of the index covers its count per window and clerk (migration 0017).
    __table_args__ = (Index("ix_case_file_open_due", "status", "promised_due", "is_training",
                            "window_code", "clerk_id"),)
    case_no: Mapped[str] = mapped_column(String(24), unique=True)
    item_version_id: Mapped[str] = mapped_column(ForeignKey("item_version.id"))
    item_code: Mapped[str] = mapped_column(String(32), index=True)
    window_code: Mapped[str] = mapped_column(String(32), index=True)
    department_code: Mapped[str] = mapped_column(String(32), index=True)
    clerk_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), index=True)
    # Approver who co-received (training / two-returns rule), recorded on the case.
    co_clerk_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    status: Mapped[str] = mapped_column(String(24), index=True)
    is_training: Mapped[bool] = mapped_column(Boolean, default=False)

    applicant_kind: Mapped[str] = mapped_column(String(16))  # "person" / "organisation"
    applicant_name: Mapped[str] = mapped_column(String(200), index=True)
    applicant_id_type: Mapped[str] = mapped_column(String(16), default="resident_id")
    applicant_id_no: Mapped[str] = mapped_column(String(32), default="", index=True)
    legal_rep: Mapped[str] = mapped_column(String(64), default="")
    contact_name: Mapped[str] = mapped_column(String(64), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    agent_name: Mapped[str] = mapped_column(String(64), default="")
    agent_id_no: Mapped[str] = mapped_column(String(32), default="")
    agent_phone: Mapped[str] = mapped_column(String(32), default="")
    delivery: Mapped[str] = mapped_column(String(32), default="窗口领取")
    fee_tier: Mapped[str] = mapped_column(String(100), default="", server_default="")  # chosen
    # A credit-code checksum warning the clerk overrode, with the reason given.
    override_note: Mapped[str] = mapped_column(Text, default="")

    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    received_on: Mapped[date] = mapped_column(Date, index=True)
    accepted_on: Mapped[date | None] = mapped_column(Date)
    promised_due: Mapped[date | None] = mapped_column(Date, index=True)
    statutory_due: Mapped[date | None] = mapped_column(Date)
    deemed_accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    not_accepted_reason: Mapped[str] = mapped_column(Text, default="")
    redirect_to: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)  # retention
    # Bumped by every act that seals the case (services/audit/seal.py): the newest seal in
    # the event log is the one the rows must match.
    audit_rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    materials: Mapped[list[CaseMaterial]] = relationship(
        back_populates="case", cascade="all, delete-orphan",
        order_by="CaseMaterial.seq", lazy="selectin",
    )


class CaseMaterial(SyncedMixin, Base):
    __tablename__ = "case_material"
    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    requirement_id: Mapped[str | None] = mapped_column(ForeignKey("material_requirement.id"))
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    requirement: Mapped[str] = mapped_column(String(16), default="required")
    state: Mapped[str] = mapped_column(String(16))
    form: Mapped[str] = mapped_column(String(24), default="")
    copies: Mapped[int] = mapped_column(Integer, default=0)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str] = mapped_column(Text, default="")
    supplied_at: Mapped[datetime | None] = mapped_column(DateTime)

    case: Mapped[CaseFile] = relationship(back_populates="materials")


class Notice(SyncedMixin, Base):
    """A document issued for a case: one-time notice, acceptance, not-accepted..."""

    __tablename__ = "notice"
    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    issued_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    issued_by_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    content: Mapped[str] = mapped_column(Text, default="")  # JSON snapshot of what was listed
    # The document as issued (issue 14): its number, its data as JSON, and the SHA-256 of the
    # PDF first printed; a reprint renders this data again, marked 补打.
    doc_no: Mapped[str] = mapped_column(String(40), default="", server_default="")
    doc: Mapped[str] = mapped_column(Text, default="", server_default="")
    sha256: Mapped[str] = mapped_column(String(64), default="", server_default="")


class CaseSuspension(SyncedMixin, Base):
    """Time that does not count (inspection, testing, appraisal, expert review: Art. 45)."""

    __tablename__ = "case_suspension"
    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    reason_kind: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text, default="")
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    recorded_by_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))


class CaseExtension(SyncedMixin, Base):
    __tablename__ = "case_extension"
    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    days: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")
    approved_by_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    approved_on: Mapped[date] = mapped_column(Date)
