"""enroll, hall-sync, rebuild, refused: this PC and the hall service."""

from __future__ import annotations

import argparse

from ..bootstrap import open_context, open_database
from ..sync.errors import SyncError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("enroll", help="把本机注册到大厅服务（服务器分配终端编号）")
    p.add_argument("url", help="大厅服务地址，如 https://192.168.1.10:8443")
    p.add_argument("code", help="counter-server enroll-code 生成的一次性注册码")
    p.add_argument("--name", default="", help="本机名称（默认：计算机名）")
    p.add_argument("--kind", default="counter", choices=["counter", "approver", "supervisor"])
    p.add_argument("--adopt", action="store_true",
                   help="本大厅原先按旧方式同步，办件已由大厅服务接管（先运行 counter-admin sync）")
    p.set_defaults(func=cmd_enroll)

    p = sub.add_parser("rebuild", help="从大厅数据重建本机（从备份恢复或复制的电脑），用新注册码")
    p.add_argument("url")
    p.add_argument("code")
    p.add_argument("--name", default="")
    p.add_argument("--kind", default="counter", choices=["counter", "approver", "supervisor"])
    p.set_defaults(func=cmd_rebuild)

    p = sub.add_parser("hall-sync", help="与大厅服务同步一轮")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("refused", help="列出大厅服务拒绝的本机操作及原因")
    p.set_defaults(func=cmd_refused)


def _user_error(msg: str) -> Exception:
    from .main import UserError

    return UserError(msg)


# What a person does next on a folder this command made encrypted: nobody has a slot in it
# yet, only the hall's recovery slot, which answers a supervisor's hall password.
FIRST_SIGN_IN = ("本机数据文件夹已加密。首次请由管理人员用其大厅账号登录（程序的登录界面，或 "
                 "counter-admin --user 管理员用户名 recover），之后其他人员在程序中切换用户登录即可")


def _enroll(args: argparse.Namespace, fresh: bool) -> int:
    from .. import vault
    from ..hallsync.enroll import enroll
    from ..paths import data_dir

    # A new folder is made encrypted, as the app's first-run dialog makes it: the cases it
    # will take from the hall are personal data (docs/PERSONAL-DATA.md).
    folder = data_dir(args.data_dir)
    db = open_database(folder, protect=True)
    try:
        code = enroll(db, args.url, args.code, name=args.name, kind=args.kind, fresh=fresh,
                      adopt=getattr(args, "adopt", False))
    except SyncError as exc:
        raise _user_error(str(exc)) from None
    finally:
        db.dispose()
    print(f"本机已注册到大厅服务，终端编号 {code}")
    result = cmd_sync(args)
    if vault.is_protected(folder) and vault.slot_count(folder) == 0:
        print(FIRST_SIGN_IN)
    return result


def cmd_enroll(args: argparse.Namespace) -> int:
    return _enroll(args, fresh=False)


def cmd_rebuild(args: argparse.Namespace) -> int:
    return _enroll(args, fresh=True)


def cmd_sync(args: argparse.Namespace) -> int:
    from ..hallsync.engine import HallSync

    ctx = open_context(args.data_dir)
    try:
        engine = HallSync(ctx.db, ctx.terminal, clock=ctx.clock)
        try:
            report = engine.run_once()
            status = engine.status()
        finally:
            engine.close()
    except SyncError as exc:
        raise _user_error(str(exc)) from None
    print(f"上传操作 {report.pushed} 项，被拒 {report.conflicts} 项，下载 {report.pulled} 条；"
          f"待上传 {status.waiting} 项")
    if report.errors:
        raise _user_error("同步未完成：" + "；".join(report.errors))
    return 0


def cmd_refused(args: argparse.Namespace) -> int:
    from ..hallsync.engine import HallSync

    ctx = open_context(args.data_dir)
    try:
        rows = HallSync(ctx.db, ctx.terminal).refused()
    except SyncError as exc:
        raise _user_error(str(exc)) from None
    if not rows:
        print("没有被拒绝的操作")
    for r in rows:
        print(f"{r.at:%Y-%m-%d %H:%M}  #{r.seq} {r.name}：{r.reason}")
    return 0
