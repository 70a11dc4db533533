"""passwd, reset-password, recover, recovery-slot, protect: the keys of an encrypted data
folder (vault.py; docs/PERSONAL-DATA.md)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from .. import vault
from ..bootstrap import open_context, unlock_folder
from ..paths import data_dir
from ..services.context import Actor
from ..services.people.auth import AuthService
from ..services.people.staffing import StaffService
from .unlock import password_for, user_of

NEW_PASSWORD_ENV = "COUNTER_NEW_PASSWORD"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("passwd", help="修改 --user 本人的密码（加密的数据文件夹随之改用新密码解锁）")
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser("reset-password", help="管理人员（--user）重设某人的密码；数据不受影响")
    p.add_argument("username")
    p.set_defaults(func=cmd_reset_password)

    p = sub.add_parser("recover", help="本机无人能解锁时：由管理人员（--user）以大厅账号经大厅服务恢复，"
                                       "并为其建立本机解锁密钥")
    p.set_defaults(func=cmd_recover, unlock=False)

    p = sub.add_parser("recovery-slot", help="（重新）在大厅服务登记本机的恢复密钥")
    p.set_defaults(func=cmd_recovery_slot)

    p = sub.add_parser("protect", help="把未加密的数据文件夹转为加密的；"
                                       "--user（管理人员）的密码成为第一把解锁密钥")
    p.set_defaults(func=cmd_protect, unlock=False)


def _user_error(msg: str) -> Exception:
    from .main import UserError

    return UserError(msg)


def _new_password(prompt: str) -> str:
    password = os.environ.get(NEW_PASSWORD_ENV)
    if password:
        return password
    if sys.stdin is None or not sys.stdin.isatty():
        raise _user_error(f"新密码：请在终端里运行以便输入，或（脚本）设置环境变量 {NEW_PASSWORD_ENV}")
    first = getpass.getpass(prompt)
    if getpass.getpass("再输入一次：") != first:
        raise _user_error("两次输入的密码不一致")
    return first


def _signed_in(args: argparse.Namespace) -> tuple[Actor, StaffService]:
    user = user_of(args.user)
    if not user:
        raise _user_error("请用 --user 用户名 指明是谁在操作")
    ctx = open_context(args.data_dir)
    actor = AuthService(ctx).login(user, password_for(user))
    return actor, StaffService(ctx)


def cmd_passwd(args: argparse.Namespace) -> int:
    actor, staff = _signed_in(args)
    try:
        staff.change_password(actor, password_for(actor.username), _new_password("新密码："))
    except ValueError as exc:
        raise _user_error(str(exc)) from None
    print(f"{actor.username} 的密码已修改" + ("；本机数据改用新密码解锁" if staff.ctx.keys else ""))
    return 0


def cmd_reset_password(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from ..models import Staff

    actor, staff = _signed_in(args)
    with staff.ctx.db.session() as s:
        staff_id = s.execute(select(Staff.id).where(Staff.username == args.username)).scalar()
    if staff_id is None:
        raise _user_error(f"没有用户名为“{args.username}”的工作人员")
    try:
        staff.reset_password(actor, staff_id, _new_password(f"{args.username} 的新密码："))
    except ValueError as exc:
        raise _user_error(str(exc)) from None
    print(f"已重设 {args.username} 的密码" + ("；其本机解锁密钥已按新密码重写" if staff.ctx.keys else ""))
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    user = user_of(args.user)
    if not user:
        raise _user_error("请用 --user 指明授权恢复的管理人员（其大厅账号）")
    if not vault.is_protected(folder):
        raise _user_error("本数据文件夹未加密：无需恢复")
    from ..hallsync.recovery import recover_key
    from ..sync.errors import SyncError

    password = password_for(user)
    try:
        recover_key(folder, user, password)
    except (SyncError, vault.VaultError) as exc:
        raise _user_error(f"恢复失败：{exc}") from None
    unlock_folder(folder, user, password)  # already unlocked: nothing more
    ctx = open_context(folder)
    AuthService(ctx).login(user, password)  # the account as this PC has it; writes its slot
    print(f"已经大厅服务恢复本机数据库的密钥；{user} 的密码从此可在本机解锁")
    return 0


def cmd_protect(args: argparse.Namespace) -> int:
    from ..bootstrap import protect_existing
    from ..hallsync import config
    from ..hallsync.recovery import register_slot
    from ..services.people.auth import LoginError

    user = user_of(args.user)
    if not user:
        raise _user_error("请用 --user 指明进行加密的管理人员（其密码成为第一把解锁密钥）")
    try:
        cases = protect_existing(args.data_dir, user, password_for(user))
    except LoginError as exc:
        raise _user_error(str(exc)) from None
    print(f"数据文件夹已加密（{cases} 件办件）；{user} 的密码可以解锁，其他人员在本机登录一次后即可解锁")
    ctx = open_context(args.data_dir)
    cfg = config.load(ctx.db)
    if cfg is not None:
        from ..sync.errors import SyncError

        try:
            register_slot(ctx.db, cfg.url, cfg.ca_pem, cfg.token, ctx.terminal)
            print("已在大厅服务登记恢复密钥")
        except SyncError as exc:
            print(f"恢复密钥未能登记（{exc}）：网络恢复后请运行 counter-admin --user {user} recovery-slot")
    print("原未加密的文件已删除；固态硬盘上其旧数据块可能在被覆盖前仍可恢复")
    return 0


def cmd_recovery_slot(args: argparse.Namespace) -> int:
    from ..hallsync import config
    from ..hallsync.recovery import register_slot

    ctx = open_context(args.data_dir)
    cfg = config.load(ctx.db)
    if cfg is None:
        raise _user_error("本机未注册到大厅服务：没有可登记恢复密钥的地方")
    if not register_slot(ctx.db, cfg.url, cfg.ca_pem, cfg.token, ctx.terminal):
        raise _user_error("本数据文件夹未加密：没有恢复密钥可登记")
    print(f"已在大厅服务 {cfg.url} 登记终端 {ctx.terminal} 的恢复密钥")
    return 0
