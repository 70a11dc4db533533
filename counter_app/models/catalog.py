"""The catalog of service items (事项与办事指南). Data, never code.

An item has versions; editing creates a new version and a case keeps the version it was
received under (``case_file.item_version_id``).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, SyncedMixin

KIND_LABELS = {"immediate": "即办件", "committed": "承诺件"}
FORM_LABELS = {
    "original": "原件",
    "copy": "复印件",
    "original_and_copy": "原件及复印件",
    "original_for_check": "原件核验",
}
REQUIREMENT_LABELS = {"required": "必需", "optional": "可选", "conditional": "条件必需"}


class ServiceItem(SyncedMixin, Base):
    __tablename__ = "service_item"
    code: Mapped[str] = mapped_column(String(32), unique=True)
    current_version_id: Mapped[str | None] = mapped_column(String(36))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ItemVersion(SyncedMixin, Base):
    __tablename__ = "item_version"
    __table_args__ = (UniqueConstraint("item_id", "version", name="uq_item_version_no"),)
    item_id: Mapped[str] = mapped_column(ForeignKey("service_item.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(200))
    window_code: Mapped[str] = mapped_column(String(32))
    department_code: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    statutory_days: Mapped[int] = mapped_column(Integer, default=0)
    promised_days: Mapped[int] = mapped_column(Integer, default=0)
    front_desk_can_finish: Mapped[bool] = mapped_column(Boolean, default=False)
    conditions: Mapped[str] = mapped_column(Text, default="")
    review_points: Mapped[str] = mapped_column(Text, default="")  # one point per line
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    delivery: Mapped[str] = mapped_column(String(200), default="")  # options, one per line
    fee: Mapped[str] = mapped_column(String(200), default="")
    agent_allowed: Mapped[bool] = mapped_column(Boolean, default=True)
    keywords: Mapped[str] = mapped_column(Text, default="")  # one per line
    created_by_id: Mapped[str | None] = mapped_column(String(36))
    effective_at: Mapped[datetime | None] = mapped_column(DateTime)
    # What the law says (issue 22). A row from before these columns: limits in 工作日, type
    # unknown, 待核对.
    item_type: Mapped[str] = mapped_column(String(16), default="unknown", server_default="unknown")
    statutory_unit: Mapped[str] = mapped_column(String(8), default="workday",
                                                server_default="workday")
    promised_unit: Mapped[str] = mapped_column(String(8), default="workday",
                                               server_default="workday")
    # JSON: limit note, special procedures, fee schedule, acceptance basis, codes, place,
    # sources (see catalog_store.version_to_spec).
    law: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    check_state: Mapped[str] = mapped_column(String(16), default="pending",
                                             server_default="pending")
    checked_by: Mapped[str] = mapped_column(String(64), default="", server_default="")
    checked_on: Mapped[date | None] = mapped_column(Date)

    materials: Mapped[list[MaterialRequirement]] = relationship(
        back_populates="version",
        cascade="all, delete-orphan",
        order_by="MaterialRequirement.seq",
        lazy="selectin",
    )


class MaterialRequirement(SyncedMixin, Base):
    __tablename__ = "material_requirement"
    version_id: Mapped[str] = mapped_column(ForeignKey("item_version.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    form: Mapped[str] = mapped_column(String(24))
    copies: Mapped[int] = mapped_column(Integer, default=1)
    pages_hint: Mapped[int | None] = mapped_column(Integer)
    requirement: Mapped[str] = mapped_column(String(16))
    condition: Mapped[str] = mapped_column(Text, default="")
    condition_key: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    template: Mapped[str] = mapped_column(String(200), default="")
    # Issue 22: separate counts (None on a row from before: read from form and copies), where
    # the material comes from, its medium and what makes it acceptable.
    originals: Mapped[int | None] = mapped_column(Integer)
    photocopies: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16), default="applicant", server_default="applicant")
    issuer: Mapped[str] = mapped_column(String(200), default="", server_default="")
    shared: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    medium: Mapped[str] = mapped_column(String(16), default="paper", server_default="paper")
    standard: Mapped[str] = mapped_column(Text, default="", server_default="")

    version: Mapped[ItemVersion] = relationship(back_populates="materials")
