"""The hall's organisation: departments, windows, terminals, staff, roles and training."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, SyncedMixin

ROLES = ("clerk", "guide", "approver", "supervisor")
ROLE_LABELS = {"clerk": "受理员", "guide": "引导帮办员", "approver": "审批员", "supervisor": "管理人员"}
TRAINING_STAGES = ("phase1", "phase2", "authorized")
TRAINING_LABELS = {"phase1": "老师做，学生学", "phase2": "学生做，老师点", "authorized": "已授权"}


class Department(SyncedMixin, Base):
    __tablename__ = "department"
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(32), default="")
    # 实施主体: nature, seal and the remedies against it (catalog DepartmentSpec), as JSON.
    nature: Mapped[str] = mapped_column(String(16), default="organ", server_default="organ")
    body: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")


class HallWindow(SyncedMixin, Base):
    """A comprehensive window (综合窗口), e.g. 市场准入."""

    __tablename__ = "hall_window"
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    lead_department_id: Mapped[str | None] = mapped_column(ForeignKey("department.id"))
    planned_staff: Mapped[int] = mapped_column(Integer, default=0)
    staffed_by: Mapped[str] = mapped_column(String(16), default="outsourced")
    kind: Mapped[str] = mapped_column(String(16), default="counter")
    co_departments: Mapped[str] = mapped_column(String(200), default="")  # codes, one per line
    print_layout: Mapped[str] = mapped_column(String(16), default="a4")
    phone: Mapped[str] = mapped_column(String(32), default="")


class Terminal(SyncedMixin, Base):
    """A counter PC. Its two-digit code is part of every number it assigns offline."""

    __tablename__ = "terminal"
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    window_id: Mapped[str | None] = mapped_column(ForeignKey("hall_window.id"))


class Staff(SyncedMixin, Base):
    __tablename__ = "staff"
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    employer: Mapped[str] = mapped_column(String(16), default="outsourced")  # or "department"
    department_id: Mapped[str | None] = mapped_column(ForeignKey("department.id"))
    window_id: Mapped[str | None] = mapped_column(ForeignKey("hall_window.id"))
    phone: Mapped[str] = mapped_column(String(32), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)

    roles: Mapped[list[StaffRole]] = relationship(
        back_populates="staff", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def role_names(self) -> set[str]:
        return {r.role for r in self.roles}


class StaffRole(SyncedMixin, Base):
    __tablename__ = "staff_role"
    __table_args__ = (UniqueConstraint("staff_id", "role", name="uq_staff_role_pair"),)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    role: Mapped[str] = mapped_column(String(16))
    staff: Mapped[Staff] = relationship(back_populates="roles")


class TrainingRecord(SyncedMixin, Base):
    """Training stage of a clerk for one item or a whole window; the newest row counts."""

    __tablename__ = "training_record"
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), index=True)
    scope: Mapped[str] = mapped_column(String(8))  # "item" or "window"
    scope_code: Mapped[str] = mapped_column(String(32))
    stage: Mapped[str] = mapped_column(String(16))
    set_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    set_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class CoAcceptanceClearance(SyncedMixin, Base):
    """An approver's release of the two-returns co-acceptance rule for a clerk and item.

    Returns counted after ``cleared_at`` start the rule afresh.
    """

    __tablename__ = "coaccept_clearance"
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), index=True)
    item_code: Mapped[str] = mapped_column(String(32))
    cleared_by_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    cleared_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class HallSeal(SyncedMixin, Base):
    """Which documents may carry the hall's own seal (受理专用章) instead of the deciding
    department's, and its text: a supervisor's authorisation, one row for the hall (its id
    is stable, so every PC and the hall service write the same row). No row: what the
    catalog's hall section says (``seal_authorized``)."""

    __tablename__ = "hall_seal"
    scope: Mapped[str] = mapped_column(String(16), unique=True)  # "hall"
    seal_text: Mapped[str] = mapped_column(String(60))
    kinds: Mapped[str] = mapped_column(Text, default="")  # document kinds, one per line
    set_by_id: Mapped[str | None] = mapped_column(String(36))
