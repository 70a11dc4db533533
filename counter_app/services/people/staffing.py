"""Hall administration for supervisors: staff and roles, windows and the staffing plan
(planned vs registered vs on duty), training and authorization with who and when, and the
catalog editor's save/import/export (a saved edit is a new item version).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import CompoundSelect, select, union
from sqlalchemy.orm import Session, aliased

from ...models import (
    ROLES,
    TRAINING_LABELS,
    Consultation,
    Department,
    Event,
    HallWindow,
    Staff,
    StaffRole,
    TrainingRecord,
)
from ..audit.events import append_event
from ..catalog.exchange import (
    CatalogData,
    ItemSpec,
    MaterialSpec,
    catalog_from_dict,
    catalog_to_dict,
    item_to_dict,
    load_catalog,
    save_catalog,
)
from ..catalog.store import ImportSummary, export_catalog, import_catalog, save_item_version
from ..context import Actor, ServiceContext, hall_only, require_role
from ..intake.rules import set_training
from ..operations import allow, operation
from .auth import add_user, hash_password

EMPLOYERS = {"outsourced": "外包公司", "department": "部门"}


@dataclass(frozen=True)
class StaffLine:
    id: str
    username: str
    full_name: str
    employer: str
    department_code: str
    window_code: str
    roles: tuple[str, ...]
    phone: str
    active: bool


@dataclass(frozen=True)
class WindowPlan:
    code: str
    name: str
    kind: str
    staffed_by: str
    planned: int  # from the staffing table of the plan (附件)
    registered: int  # active front-line staff assigned to the window
    on_duty: int  # of those, who did anything on the day

    @property
    def gap(self) -> int:
        return self.planned - self.registered


@dataclass(frozen=True)
class TrainingLine:
    staff_id: str
    full_name: str
    window_code: str
    scope: str
    scope_code: str
    stage: str
    set_by: str
    set_at: datetime
    note: str

    @property
    def stage_label(self) -> str:
        return TRAINING_LABELS.get(self.stage, self.stage)


def list_staff(s: Session, active_only: bool = False) -> list[StaffLine]:
    q = (select(Staff, HallWindow.code, Department.code)
         .outerjoin(HallWindow, HallWindow.id == Staff.window_id)
         .outerjoin(Department, Department.id == Staff.department_id)
         .order_by(HallWindow.code, Staff.username))
    if active_only:
        q = q.where(Staff.active.is_(True))
    return [StaffLine(st.id, st.username, st.full_name, st.employer, dep or "", win or "",
                      tuple(r for r in ROLES if r in st.role_names), st.phone, st.active)
            for st, win, dep in s.execute(q)]


def on_duty(s: Session, start: date, end: date) -> set[str]:
    """Staff who recorded anything from ``start`` to ``end`` (inclusive): the hall has no
    clock-in, so working is the evidence of being on duty."""
    lo, hi = datetime.combine(start, time()), datetime.combine(end + timedelta(days=1), time())
    q: CompoundSelect[Any] = union(select(Event.actor_id).where(Event.at >= lo, Event.at < hi),
              select(Consultation.staff_id).where(Consultation.at >= lo, Consultation.at < hi))
    return {x for x in s.execute(q).scalars() if x}


def window_plan(s: Session, duty: set[str]) -> list[WindowPlan]:
    """Planned vs registered front-line staff (not approvers: they sit in the back)."""
    front = select(StaffRole.staff_id).where(StaffRole.role != "approver")
    rows = s.execute(select(Staff.id, Staff.window_id).where(
        Staff.active.is_(True), Staff.id.in_(front))).all()
    out = []
    for w in s.execute(select(HallWindow).order_by(HallWindow.code)).scalars():
        ids = [sid for sid, wid in rows if wid == w.id]
        out.append(WindowPlan(w.code, w.name, w.kind, w.staffed_by, w.planned_staff, len(ids),
                              sum(1 for i in ids if i in duty)))
    return out


def current_training(s: Session, before: datetime | None = None) -> list[TrainingLine]:
    """The newest record per clerk and scope (what services/intake/rules.py reads), with who set it;
    ``before``: as it stood then."""
    setter = aliased(Staff)
    q = (select(TrainingRecord, Staff.full_name, HallWindow.code, setter.full_name)
         .join(Staff, Staff.id == TrainingRecord.staff_id)
         .outerjoin(HallWindow, HallWindow.id == Staff.window_id)
         .outerjoin(setter, setter.id == TrainingRecord.set_by_id)
         .where(Staff.active.is_(True))
         .order_by(TrainingRecord.set_at))
    if before is not None:
        q = q.where(TrainingRecord.set_at < before)
    latest: dict[tuple[str, str, str], TrainingLine] = {}
    for rec, name, win, by in s.execute(q):
        latest[(rec.staff_id, rec.scope, rec.scope_code)] = TrainingLine(
            rec.staff_id, name, win or "", rec.scope, rec.scope_code, rec.stage, by or "",
            rec.set_at, rec.note)
    return sorted(latest.values(), key=lambda t: (t.window_code, t.full_name, t.scope, t.scope_code))


allow(ItemSpec, MaterialSpec)


class StaffService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def staff(self, active_only: bool = False) -> list[StaffLine]:
        with self.ctx.db.session() as s:
            return list_staff(s, active_only)

    def plan(self, day: date | None = None) -> list[WindowPlan]:
        day = day or self.ctx.now().date()
        with self.ctx.db.session() as s:
            return window_plan(s, on_duty(s, day, day))

    def training(self) -> list[TrainingLine]:
        with self.ctx.db.session() as s:
            return current_training(s)

    def add(self, actor: Actor, username: str, full_name: str, password: str, roles: list[str],
            *, window_code: str = "", department_code: str = "", employer: str = "outsourced",
            phone: str = "") -> str:
        """A new account. The password is hashed here, before anything is recorded: the
        operation sent to the hall (and kept on this PC until answered) holds no password."""
        require_role(actor, "supervisor")
        if len(password) < 8:
            raise ValueError("密码太短：至少 8 位")
        staff_id = self.create(actor, username, full_name, hash_password(password), roles,
                               window_code=window_code, department_code=department_code,
                               employer=employer, phone=phone)
        if self.ctx.keys is not None:  # an encrypted folder: their password unlocks it too
            self.ctx.keys.grant(username.strip(), password)
        return staff_id

    @operation("staff.add")
    def create(self, actor: Actor, username: str, full_name: str, password_hash: str,
               roles: list[str], *, window_code: str = "", department_code: str = "",
               employer: str = "outsourced", phone: str = "") -> str:
        require_role(actor, "supervisor")
        if employer not in EMPLOYERS:
            raise ValueError(f"人员来源“{employer}”无效")
        with self.ctx.db.transaction() as s:
            st = add_user(s, username, full_name.strip(), "", roles, window_code=window_code,
                          department_code=department_code, employer=employer, phone=phone,
                          terminal=self.ctx.terminal, password_hash=password_hash)
            self._event(s, actor, st.id, "added", roles=roles, window=window_code)
            return st.id

    @operation("staff.update")
    def update(self, actor: Actor, staff_id: str, *, window_code: str | None = None,
               roles: list[str] | None = None, active: bool | None = None,
               phone: str | None = None) -> None:
        require_role(actor, "supervisor")
        with self.ctx.db.transaction() as s:
            st = s.get(Staff, staff_id)
            if st is None:
                raise ValueError("工作人员不存在")
            changes: dict[str, object] = {}
            if window_code is not None:
                win = s.execute(select(HallWindow).where(HallWindow.code == window_code)).scalar()
                if window_code and win is None:
                    raise ValueError(f"窗口编码“{window_code}”不存在")
                st.window_id = win.id if win else None
                changes["window"] = window_code
            if roles is not None:
                bad = [r for r in roles if r not in ROLES]
                if bad or not roles:
                    raise ValueError(f"角色无效：{', '.join(bad) or '未指定'}")
                if staff_id == actor.staff_id and "supervisor" not in roles:
                    raise ValueError("不能取消自己的管理人员角色")
                keep = {r.role: r for r in st.roles}
                st.roles = [keep.get(r) or StaffRole(role=r, origin_terminal=self.ctx.terminal)
                            for r in roles]
                changes["roles"] = roles
            if active is not None:
                if staff_id == actor.staff_id and not active:
                    raise ValueError("不能停用自己的账号")
                st.active = active
                changes["active"] = active
            if phone is not None:
                st.phone = phone.strip()
                changes["phone"] = st.phone
            self._event(s, actor, staff_id, "updated", **changes)

    def change_password(self, actor: Actor, old: str, new: str) -> None:
        """The signed-in person's own new password. On an encrypted folder their slot is
        rewritten: the old password no longer unlocks this PC's data."""
        from .auth import AuthService, LoginError

        try:
            AuthService(self.ctx).login(actor.username, old)
        except LoginError:
            raise ValueError("原密码不对：密码未修改") from None
        self._new_password(actor, actor.staff_id, actor.username, new)

    def reset_password(self, actor: Actor, staff_id: str, new: str) -> None:
        """A supervisor sets someone's password (forgotten). Nothing is lost: the folder's key
        stays; the person's slot is written anew from the key unlocked now."""
        require_role(actor, "supervisor")
        with self.ctx.db.session() as s:
            st = s.get(Staff, staff_id)
            if st is None:
                raise ValueError("工作人员不存在")
            username = st.username
        self._new_password(actor, staff_id, username, new)

    def _new_password(self, actor: Actor, staff_id: str, username: str, new: str) -> None:
        if len(new) < 8:
            raise ValueError("新密码太短：至少 8 位")
        self.set_password(actor, staff_id, hash_password(new))
        if self.ctx.keys is not None:
            self.ctx.keys.grant(username, new)

    @operation("staff.set_password")
    def set_password(self, actor: Actor, staff_id: str, password_hash: str) -> None:
        """A new password hash (never the password: the operation is kept and sent). One's
        own, or anyone's by a supervisor; a lock-out ends with it."""
        if staff_id != actor.staff_id:
            require_role(actor, "supervisor")
        with self.ctx.db.transaction() as s:
            st = s.get(Staff, staff_id)
            if st is None:
                raise ValueError("工作人员不存在")
            st.password_hash, st.failed_logins, st.locked_until = password_hash, 0, None
            self._event(s, actor, staff_id, "password_set")

    @operation("staff.set_stage")
    def set_stage(self, actor: Actor, staff_id: str, scope: str, scope_code: str, stage: str,
                  note: str = "") -> None:
        """Record a training stage or the department's authorization (who and when)."""
        require_role(actor, "supervisor", "approver")
        with self.ctx.db.transaction() as s:
            if s.get(Staff, staff_id) is None:
                raise ValueError("工作人员不存在")
            now = self.ctx.now()
            set_training(s, staff_id=staff_id, scope=scope, scope_code=scope_code, stage=stage,
                         set_by_id=actor.staff_id, at=now, terminal=self.ctx.terminal,
                         note=note.strip())
            append_event(s, terminal=self.ctx.terminal, kind="training_set", at=now,
                         actor_id=actor.staff_id, actor_role=actor.main_role, staff=staff_id,
                         scope=scope, scope_code=scope_code, stage=stage)

    def _event(self, s: Session, actor: Actor, staff_id: str, action: str, **data: Any) -> None:
        append_event(s, terminal=self.ctx.terminal, kind="staff_changed", at=self.ctx.now(),
                     actor_id=actor.staff_id, actor_role=actor.main_role, staff=staff_id,
                     action=action, **data)


class CatalogEditor:
    """The supervisors' catalog editor: every save is checked like an imported file."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def catalog(self) -> CatalogData:
        with self.ctx.db.session() as s:
            return export_catalog(s)

    @operation("catalog.save_item")
    def save_item(self, actor: Actor, spec: ItemSpec) -> tuple[int, str]:
        """Check ``spec`` against the whole catalog and store it; (version number, what)."""
        require_role(actor, "supervisor")
        with self.ctx.db.transaction() as s:
            data = export_catalog(s)
            raw = catalog_to_dict(data)
            mine = item_to_dict(spec)
            items = [mine if i["code"] == spec.code else i for i in raw["items"]]
            if not any(i["code"] == spec.code for i in raw["items"]):
                items.append(mine)
            checked = catalog_from_dict({**raw, "items": items}).item(spec.code)
            assert checked is not None
            ver, what = save_item_version(s, checked, terminal=self.ctx.terminal,
                                          by=actor.staff_id, at=self.ctx.now())
            if what != "unchanged":
                append_event(s, terminal=self.ctx.terminal, kind="catalog_changed",
                             at=self.ctx.now(), actor_id=actor.staff_id,
                             actor_role="supervisor", item=spec.code, version=ver.version)
            return ver.version, what

    def export(self, path: Path) -> int:
        data = self.catalog()
        save_catalog(data, path)
        return len(data.items)

    def import_file(self, actor: Actor, path: Path) -> ImportSummary:
        require_role(actor, "supervisor")
        hall_only(self.ctx, "导入事项目录")
        data = load_catalog(path)  # raises CatalogError listing every problem
        with self.ctx.db.transaction() as s:
            summary = import_catalog(s, data, terminal=self.ctx.terminal, by=actor.staff_id)
            append_event(s, terminal=self.ctx.terminal, kind="catalog_changed", at=self.ctx.now(),
                         actor_id=actor.staff_id, actor_role="supervisor", file=Path(path).name,
                         summary=str(summary))
            return summary
