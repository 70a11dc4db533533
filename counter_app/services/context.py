"""What every service needs, built once at start-up and passed in (no globals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from ..models import Staff, hall_now
from ..models.database import Database


@dataclass(frozen=True)
class Actor:
    """The signed-in person, as the services see them."""

    staff_id: str
    username: str
    full_name: str
    roles: frozenset[str]
    window_code: str = ""
    phone: str = ""
    department_code: str = ""  # an approver's department (审批员所属部门); "" = none set

    @classmethod
    def of(cls, staff: Staff, window_code: str = "", department_code: str = "") -> Actor:
        return cls(staff.id, staff.username, staff.full_name, frozenset(staff.role_names),
                   window_code, staff.phone, department_code)

    def has(self, role: str) -> bool:
        return role in self.roles

    @property
    def main_role(self) -> str:
        for role in ("clerk", "approver", "supervisor", "guide"):
            if role in self.roles:
                return role
        return ""


class PermissionDenied(Exception):
    """The actor's roles do not allow the action. The message is for the user."""


def require_role(actor: Actor, *roles: str) -> None:
    if not any(actor.has(r) for r in roles):
        from ..models import ROLE_LABELS

        names = "、".join(ROLE_LABELS.get(r, r) for r in roles)
        raise PermissionDenied(f"{actor.full_name}没有权限：此操作需要{names}角色")


@dataclass
class ServiceContext:
    db: Database
    terminal: str
    clock: Callable[[], datetime] = field(default=hall_now)

    def now(self) -> datetime:
        return self.clock()
