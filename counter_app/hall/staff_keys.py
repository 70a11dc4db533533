"""Staff signing keys on the hall service: which public key is whose, and whether an
operation was signed by the person it names (services/people/op_signing.py).

A key is bound to a staff member in one of two ways, both decided here, never by the PC:
- at an online sign-in (``POST /v1/login``): the PC sends the person's user name and
  password with the key; the hall checks the password against its own staff record (with
  the same lock-out as any sign-in) and binds the key to that person;
- by a supervisor's approval on the server (``counter-server staff-keys --approve``), for a
  key made at an offline sign-in and sent with a push (held as *pending* until then).

A binding also comes back to the PC as a certificate (an HMAC under a secret kept in the
service's folder, not its database): a hall restored from an older database copy that
lost the binding takes it again from the PC's next push, without asking anyone twice.

An operation naming a staff member is applied only if it is signed by a key bound to that
person. One signed with another person's key, with a rejected key, unsigned, or whose
signature does not match its content is refused with the reason. One signed with a key
still pending is *held*: that PC's operations wait, in order, until the key is decided.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..models import HallStaffKey, Staff, hall_now
from ..services.people import op_signing
from ..services.people.auth import AuthService, LoginError
from .store import Hall, HallError

log = logging.getLogger(__name__)
BOUND, PENDING, REJECTED = "bound", "pending", "rejected"
SECRET_FILE = "staff-keys.secret"


@dataclass
class Verdict:
    """``refused``: the reason, final. ``held``: the reason the operation waits."""

    refused: str = ""
    held: str = ""


def _name(s: Any, staff_id: str) -> str:
    staff = s.get(Staff, staff_id) if staff_id else None
    return staff.full_name if staff is not None else f"工作人员 {staff_id[:8]}"


def _secret(hall: Hall) -> bytes:
    """Made on first use: written aside, then linked into place (never half-written, never
    replaced by a second request's own)."""
    path = hall.folder / SECRET_FILE
    if not path.exists():
        tmp = path.with_name(f"{SECRET_FILE}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(32))
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another request made it first: theirs stands
        finally:
            tmp.unlink()
    return path.read_bytes()


def certificate(hall: Hall, staff_id: str, key_id: str) -> str:
    """The hall's word that this key is this person's (given back to the PC)."""
    return hmac.new(_secret(hall), f"staff-key/1:{staff_id}:{key_id}".encode(),
                    hashlib.sha256).hexdigest()


def _check_key(key_id: str, public: str) -> None:
    try:
        ok = len(key_id) == 64 and op_signing.key_id(op_signing.unb64(public)) == key_id
    except ValueError:
        ok = False
    if not ok:
        raise HallError("签名密钥格式不对：公钥与其编号不符", 400)


def login(hall: Hall, terminal: str, username: str, password: str, key_id: str,
          public: str) -> dict[str, Any]:
    """An online sign-in: the password checked on the hall's staff record; the PC's key
    for that person bound to them."""
    _check_key(key_id, public)
    try:
        actor = AuthService(hall.context(terminal)).login(username, password)
    except LoginError as exc:
        raise HallError(f"大厅服务器核对登录失败：{exc}", 403) from None
    now = hall_now()
    with hall.db.transaction() as s:
        row = s.get(HallStaffKey, key_id, with_for_update=True)
        if row is None:
            s.add(HallStaffKey(key_id=key_id, staff_id=actor.staff_id, public=public,
                               terminal=terminal, status=BOUND, created_at=now, bound_at=now,
                               bound_by="sign-in"))
        elif row.staff_id != actor.staff_id:
            raise HallError(f"此签名密钥已登记为{_name(s, row.staff_id)}的，"
                            f"不能再登记给{actor.full_name}", 409)
        elif row.status == REJECTED:
            raise HallError(f"{actor.full_name}在本机的签名密钥已被主管驳回："
                            "请退出后重新登录，本机会生成新的密钥", 409)
        else:
            row.status, row.bound_at, row.bound_by = BOUND, now, "sign-in"
    return {"staff_id": actor.staff_id, "key_id": key_id, "status": BOUND,
            "cert": certificate(hall, actor.staff_id, key_id)}


def offer(hall: Hall, terminal: str, keys: list[dict[str, str]]) -> dict[str, str]:
    """The PC's keys, sent with each push. One with the hall's certificate is bound again
    if this (restored) database lost it; an unknown one without is kept as pending, for a
    supervisor (or the person's next online sign-in there). Returns the bound ones, each
    with its certificate."""
    bound: dict[str, str] = {}
    now = hall_now()
    with hall.db.transaction() as s:
        for k in keys[:100]:
            key_id, public, staff_id = k.get("key_id", ""), k.get("public", ""), k.get("staff_id", "")
            _check_key(key_id, public)
            cert = certificate(hall, staff_id, key_id)
            vouched = hmac.compare_digest(str(k.get("cert") or ""), cert)
            row = s.get(HallStaffKey, key_id)
            if row is None:
                s.add(HallStaffKey(key_id=key_id, staff_id=staff_id[:36], public=public,
                                   terminal=terminal, status=BOUND if vouched else PENDING,
                                   created_at=now, bound_at=now if vouched else None,
                                   bound_by="certificate" if vouched else ""))
                if vouched:
                    bound[key_id] = cert
            elif row.staff_id == staff_id and (row.status == BOUND or (
                    vouched and row.status == PENDING)):
                row.status, row.bound_at = BOUND, row.bound_at or now
                bound[key_id] = cert
    return bound


def judge(hall: Hall, op: dict[str, Any], *, legacy: bool = False) -> Verdict:
    """Whether this operation was signed by the person it names. ``legacy``: the PC was
    enrolled before operations were signed and has sent no signed one yet, so an unsigned
    operation is one its older version queued (taken as before; logged)."""
    staff_id = str(op.get("staff_id") or "")
    if not staff_id:
        return Verdict()  # no person named: nothing done in anyone's name
    key_id, sig = str(op.get("key_id") or ""), str(op.get("sig") or "")
    if legacy and not sig and not key_id:
        log.warning("operation %s taken unsigned: queued before its PC's upgrade", op.get("op_id"))
        return Verdict()
    with hall.db.session() as s:
        who = _name(s, staff_id)
        row = s.get(HallStaffKey, key_id) if key_id else None
        owner = _name(s, row.staff_id) if row is not None else ""
    if not sig or not key_id:
        return Verdict(refused=f"此操作没有{who}的签名，无法证明是其本人所办：大厅不予受理。"
                               "请其本人登录后重新办理")
    if row is None:
        return Verdict(held=f"{who}的签名密钥尚未送达大厅：本机的操作暂缓上传，下次同步时自动补送")
    if row.status == PENDING:  # undecided: nothing is refused on a PC's claim alone
        return Verdict(held=f"{who}在本机离线登录后办理的业务，须待其联网登录一次或主管在服务器上"
                            f"核准其签名密钥（counter-server staff-keys）后才能上传；本机的操作都已保留")
    if row.staff_id != staff_id:
        return Verdict(refused=f"此操作记为{who}所办，签名却是{owner}的：大厅不予受理（疑似冒用他人名义）")
    if row.status == REJECTED:
        return Verdict(refused=f"{who}在终端 {row.terminal} 的签名密钥已被主管驳回：此操作大厅不予受理")
    if not op_signing.verify(row.public, sig, str(op.get("op_id")), str(op.get("name")), staff_id,
                             str(op.get("args")), str(op.get("at"))):
        return Verdict(refused=f"此操作的签名与内容不符（记为{who}所办）："
                               "操作记录在本机被改动过，大厅不予受理")
    return Verdict()


def pending(hall: Hall) -> list[tuple[HallStaffKey, str]]:
    with hall.db.session() as s:
        rows = list(s.execute(select(HallStaffKey).where(HallStaffKey.status == PENDING)
                              .order_by(HallStaffKey.created_at)).scalars())
        return [(r, _name(s, r.staff_id)) for r in rows]


def decide(hall: Hall, key_id: str, approve: bool, by: str) -> str:
    """A supervisor's decision on a pending key (after asking the person: was it you, on
    that PC, at that time?)."""
    with hall.db.transaction() as s:
        row = s.get(HallStaffKey, key_id.strip().lower(), with_for_update=True)
        if row is None:
            matches = list(s.execute(select(HallStaffKey).where(
                HallStaffKey.key_id.startswith(key_id.strip().lower()))).scalars())
            if len(matches) != 1:
                raise HallError(f"没有编号以“{key_id}”开头的签名密钥（或不止一个）")
            row = matches[0]
        if row.status != PENDING:
            raise HallError(f"签名密钥 {row.key_id[:12]} 已处理过（{row.status}）")
        row.status = BOUND if approve else REJECTED
        row.bound_at, row.bound_by = hall_now(), by[:64]
        return _name(s, row.staff_id)
