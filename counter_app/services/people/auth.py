"""Accounts: argon2 password hashes, lock-out after repeated failures, roles."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...ids.stable import stable_id
from ...models import ROLES, Department, HallWindow, Staff, StaffRole
from ..context import Actor, ServiceContext

MAX_FAILURES = 5
LOCK_MINUTES = 15
_hasher = PasswordHasher()


class LoginError(Exception):
    """Wrong user name or password, or a locked account. The message is for the user."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def add_user(
    session: Session,
    username: str,
    full_name: str,
    password: str,
    roles: list[str],
    *,
    window_code: str = "",
    department_code: str = "",
    employer: str = "outsourced",
    phone: str = "",
    terminal: str = "",
    password_hash: str = "",
) -> Staff:
    """A new account. ``password_hash`` (argon2, e.g. from a set-up file) skips hashing."""
    username = username.strip()
    if not username or not username.isascii() or " " in username:
        raise ValueError(f"用户名“{username}”无效：请用英文字母、数字组成，不含空格")
    if not password_hash and len(password) < 8:
        raise ValueError("密码太短：至少 8 位")
    bad = [r for r in roles if r not in ROLES]
    if bad or not roles:
        raise ValueError(f"角色无效：{', '.join(bad) or '未指定'}；可选 {', '.join(ROLES)}")
    if session.execute(select(Staff).where(Staff.username == username)).scalar_one_or_none():
        raise ValueError(f"用户名“{username}”已存在")
    staff = Staff(
        id=stable_id("staff", username),  # one account, whichever PC created it
        username=username, full_name=full_name,
        password_hash=password_hash or hash_password(password),
        employer=employer, phone=phone, origin_terminal=terminal,
    )
    if window_code:
        win = session.execute(select(HallWindow).where(HallWindow.code == window_code)).scalar()
        if win is None:
            raise ValueError(f"窗口编码“{window_code}”不存在")
        staff.window_id = win.id
    if department_code:
        dep = session.execute(
            select(Department).where(Department.code == department_code)
        ).scalar()
        if dep is None:
            raise ValueError(f"部门编码“{department_code}”不存在")
        staff.department_id = dep.id
    staff.roles = [StaffRole(id=stable_id("staff_role", username, r), role=r,
                             origin_terminal=terminal) for r in roles]
    session.add(staff)
    session.flush()
    return staff


def _minutes_left(until: datetime, now: datetime) -> int:
    return int((until - now).total_seconds() // 60) + 1


def window_code_of(session: Session, staff: Staff) -> str:
    if not staff.window_id:
        return ""
    win = session.get(HallWindow, staff.window_id)
    return win.code if win else ""


def department_code_of(session: Session, staff: Staff) -> str:
    if not staff.department_id:
        return ""
    dep = session.get(Department, staff.department_id)
    return dep.code if dep else ""


def actor_of(session: Session, staff: Staff) -> Actor:
    """The services' view of a staff member: roles, window and department as stored here."""
    return Actor.of(staff, window_code_of(session, staff), department_code_of(session, staff))


# One message for an unknown user name and a wrong password, so that the answer never tells
# which user names exist; the lock-out is announced the same way for both.
WRONG = f"用户名或密码错误（连续错误 {MAX_FAILURES} 次将锁定 {LOCK_MINUTES} 分钟）"


def _locked(minutes: int) -> str:
    return f"密码连续错误次数过多，账号已锁定，请 {minutes} 分钟后再试"


@cache
def _decoy_hash() -> str:
    """A hash to check an unknown user's password against: the answer takes as long."""
    return _hasher.hash("not-a-password-of-anyone")


class AuthService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        # Failures against names that are not accounts, counted like a real account's, so
        # the lock-out message does not single out the real ones either (this PC, this run).
        self._strangers: dict[str, tuple[int, datetime | None]] = {}

    def login(self, username: str | None, password: str | None) -> Actor:
        """Check a password; five failures in a row lock the account for a while."""
        username, password = (username or "").strip(), password or ""
        if not username or not password:
            raise LoginError("请输入用户名和密码")
        now = self.ctx.now()
        failure: str | None = None
        with self.ctx.db.transaction() as s:
            staff = s.execute(
                select(Staff).where(Staff.username == username)
            ).scalar_one_or_none()
            if staff is None or not staff.active:
                check_password(_decoy_hash(), password)
                raise LoginError(self._stranger_failed(username, now))
            if staff.locked_until and staff.locked_until > now:
                raise LoginError(_locked(_minutes_left(staff.locked_until, now)))
            if not check_password(staff.password_hash, password):
                # Commit the count, then refuse: raising inside would roll it back.
                staff.failed_logins += 1
                failure = WRONG
                if staff.failed_logins >= MAX_FAILURES:
                    staff.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                    staff.failed_logins = 0
                    failure = _locked(LOCK_MINUTES)
            else:
                staff.failed_logins = 0
                staff.locked_until = None
                actor = actor_of(s, staff)
        if failure is None:
            if self.ctx.keys is not None:
                # An encrypted folder: whoever signs in here can unlock it at the next start
                # with the password they just used (a new account, one changed elsewhere).
                self.ctx.keys.refresh(actor.username, password)
            if self.ctx.signer is not None:
                self.ctx.signer.signed_in(actor, password)  # their signing key, opened
            return actor
        raise LoginError(failure)

    def signed_out(self, actor: Actor) -> None:
        """The person left this PC (switch user): their signing key is closed here."""
        if self.ctx.signer is not None:
            self.ctx.signer.signed_out(actor.staff_id)

    def _stranger_failed(self, username: str, now: datetime) -> str:
        count, until = self._strangers.get(username, (0, None))
        if until and until > now:
            return _locked(_minutes_left(until, now))
        count += 1
        if count >= MAX_FAILURES:
            self._strangers[username] = (0, now + timedelta(minutes=LOCK_MINUTES))
            return _locked(LOCK_MINUTES)
        self._strangers[username] = (count, None)
        return WRONG

    def verify(self, username: str | None, password: str | None, role: str) -> Actor:
        """A second credential at the counter (a supervising approver): same lock-out."""
        actor = self.login(username, password)
        if not actor.has(role):
            from ...models import ROLE_LABELS

            raise LoginError(f"{actor.full_name}不是{ROLE_LABELS.get(role, role)}，不能作为陪同人")
        return actor
