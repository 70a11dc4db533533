"""What every service needs, built once at start-up and passed in (no globals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ..models import Staff, hall_now
from ..models.database import Database
from ..models.opstate import OpState
from ..models.opstate import current as current_op


@dataclass(frozen=True)
class Actor:
    """The signed-in person, as the services see them."""

    staff_id: str
    username: str
    full_name: str
    roles: frozenset[str]
    window_code: str = ""
    phone: str = ""
    department_code: str = ""  # an approver's department: they sign and decide for it alone

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


class CorrectedClock:
    """The PC's clock corrected by its offset from the hall service, as measured at the last
    sync: case numbers and legal dates never come from a PC clock that is hours wrong."""

    def __init__(self, base: Callable[[], datetime] = hall_now, offset_s: float = 0.0) -> None:
        self.base, self.offset_s = base, offset_s

    def __call__(self) -> datetime:
        return self.base() - timedelta(seconds=self.offset_s)


def hall_only(ctx: ServiceContext, what: str) -> None:
    """A write that is no operation (a file import, set-up) would be replaced by the hall's
    data at the next sync of an enrolled PC: there it is the hall service's to do."""
    if ctx.records_ops:
        raise PermissionDenied(f"本机已接入大厅服务：{what}须在大厅服务器上进行，本机会自动同步结果")


@dataclass
class ServiceContext:
    db: Database
    terminal: str
    clock: Callable[[], datetime] = field(default=hall_now)

    # Set on an enrolled PC: service methods marked as operations are then recorded for the
    # hall service (see services/operations.py).
    records_ops: bool = False
    # Called (on the calling thread) after an operation was queued: the sync wakes at once,
    # so an approver's decision is on the hall within moments, not at the next round.
    after_op: Callable[[], None] | None = None
    # A protected data folder, unlocked (vault.Keyring): who may unlock it at rest. None on
    # a plain folder and on the hall service.
    keys: Any = None
    # Set on an enrolled PC: sends a live operation (``@operation(..., live=True)``) to the
    # hall service and returns its answer, or raises with the reason in Chinese.
    live: Callable[[OpState], Any] | None = None
    # Set on an enrolled PC (hallsync/staff_keys.py): opens or makes the signed-in person's
    # signing key at sign-in (``signed_in(actor, password)``) and signs each operation they
    # do (``sign(state)``), so the hall can tell who did work done offline. The opened keys
    # live on this object: a context opened anew signs only for those who sign in on it.
    signer: Any = None
    # Set on an enrolled PC that syncs (ui/sync_status.py): sends a write-through operation
    # (``@operation(..., through=True)``) to the hall now and waits for its answer; returns
    # quietly when the hall cannot be reached (the act stays queued).
    through: Callable[[OpState], None] | None = None

    def now(self) -> datetime:
        op = current_op()  # one time for the whole operation, the same in both runs
        return op.at if op is not None else self.clock()
