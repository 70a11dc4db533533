"""Recovery slots: the hall service keeps each enrolled PC's database key, wrapped under a
secret that only that PC's data folder holds (vault.py), and gives it back to that folder
with a supervisor's credential.

Neither half alone opens anything: the service never sees the key itself, and a stolen data
folder's secret is useless without the service, and the service answers only with the user
name and password of an active supervisor as the hall knows them. Every answer is logged.
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from sqlalchemy import select

from ..models import HallRecovery, HallTerminal, Staff, hall_now
from ..services.people.auth import check_password
from .store import Hall, HallError

log = logging.getLogger(__name__)
REFUSED = "恢复被拒绝：须由在职的管理人员（supervisor）以其大厅账号的用户名和密码授权"


def _hash(rid: str) -> str:
    return hashlib.sha256(rid.encode()).hexdigest()


def register(hall: Hall, terminal: str, rid: str, wrapped: str) -> None:
    """The terminal's (new) recovery slot; replaces an older one."""
    if not rid or not wrapped or len(wrapped) > 400:
        raise HallError("恢复密钥格式不对")
    with hall.db.transaction() as s:
        row = s.get(HallRecovery, terminal)
        if row is None:
            row = HallRecovery(terminal=terminal)
            s.add(row)
        row.rid_hash, row.wrapped, row.registered_at = _hash(rid), wrapped, hall_now()
        row.used_at, row.used_by = None, ""


def recover(hall: Hall, terminal: str, rid: str, username: str, password: str) -> str:
    """The wrapped key of ``terminal``, for its own folder (``rid``) and a supervisor."""
    with hall.db.transaction() as s:
        row = s.get(HallRecovery, terminal)
        term = s.get(HallTerminal, terminal)
        staff = s.execute(select(Staff).where(Staff.username == username.strip())).scalar()
        ok_user = (staff is not None and staff.active and "supervisor" in staff.role_names
                   and check_password(staff.password_hash, password))
        if row is None or term is None or not hmac.compare_digest(row.rid_hash, _hash(rid)):
            log.warning("recovery refused: terminal %s has no such slot", terminal)
            raise HallError(f"大厅服务没有终端 {terminal} 的这份恢复密钥：本机可能已被重建或重新注册", 403)
        if term.revoked_at is not None:
            log.warning("recovery refused: terminal %s is revoked", terminal)
            raise HallError(f"终端 {terminal} 已被注销：不能恢复", 403)
        if not ok_user:
            log.warning("recovery refused for terminal %s: %s is no supervisor or gave a wrong "
                        "password", terminal, username)
            raise HallError(REFUSED, 403)
        row.used_at, row.used_by = hall_now(), username.strip()
        log.warning("recovery slot of terminal %s given back on the authority of %s", terminal,
                    username)
        return row.wrapped
