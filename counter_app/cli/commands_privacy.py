"""Personal data: the case list export, who looked at a person, the personal-information
report (个人信息保护法第四十五条). Each is logged in the access log.

A supervisor signs in with ``--user`` (password typed, or read from stdin, or from the
environment variable named by ``--password-env``); masked exports need no sign-in."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date
from pathlib import Path

from ..bootstrap import open_context
from ..services.context import Actor, ServiceContext


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export-cases", help="导出某段时间收件的办件清单（xlsx）；证件号码和电话默认隐去部分")
    p.add_argument("--from", dest="since", required=True, help="开始日期 YYYY-MM-DD")
    p.add_argument("--to", dest="until", required=True, help="结束日期 YYYY-MM-DD（含）")
    p.add_argument("--window", default="", help="只导出此窗口的办件（窗口代码）")
    p.add_argument("--out", required=True, help="输出文件 .xlsx")
    p.add_argument("--unmasked", action="store_true",
                   help="导出完整号码：须以管理人员 --user 登录并写明 --reason")
    _signin(p)
    p.add_argument("--reason", default="", help="导出完整号码的理由（记入访问记录）")
    p.set_defaults(func=cmd_export_cases)

    p = sub.add_parser("access-log", help="列出谁查看过某人（证件号码）的个人信息（须管理人员登录）")
    p.add_argument("id_no", help="证件号码（完整）")
    _signin(p, required=True)
    p.set_defaults(func=cmd_access_log)

    p = sub.add_parser("personal-report",
                       help="生成某人（证件号码）的个人信息查询报告 PDF：大厅保存的全部信息及查阅记录"
                            "（个人信息保护法第四十五条；须管理人员登录）")
    p.add_argument("id_no", help="证件号码（完整）")
    p.add_argument("--out", required=True, help="输出文件 .pdf")
    _signin(p, required=True)
    p.add_argument("--reason", default="", help="办理事由（如：本人申请查阅，记入访问记录）")
    p.set_defaults(func=cmd_personal_report)


def _signin(p: argparse.ArgumentParser, required: bool = False) -> None:
    # SUPPRESS: absent here, the name given before the command (counter-admin --user NAME
    # COMMAND, or COUNTER_USER) stands; a default would silently replace it. Required is
    # checked in _actor, in Chinese, for either place.
    p.add_argument("--user", default=argparse.SUPPRESS, help="管理人员用户名")
    p.set_defaults(user_required=required)
    p.add_argument("--password-env", default="", help="从此环境变量读取密码（默认：输入或从标准输入读取）")


def _user_error(msg: str) -> Exception:
    from .main import UserError

    return UserError(msg)


def _actor(ctx: ServiceContext, args: argparse.Namespace) -> Actor | None:
    from ..services.people.auth import AuthService
    from .unlock import PASSWORD_ENV, user_of

    user = user_of(args.user)
    if not user:
        if args.user_required:
            raise _user_error("请用 --user 指明管理人员（其密码在提示时输入）")
        return None
    if args.password_env:
        password = os.environ.get(args.password_env, "")
    elif os.environ.get(PASSWORD_ENV):  # as every other command reads it in scripts
        password = os.environ[PASSWORD_ENV]
    elif sys.stdin.isatty():
        password = getpass.getpass(f"{user} 的密码：")
    else:
        password = sys.stdin.readline().rstrip("\n")
    return AuthService(ctx).login(user, password)


def _day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _user_error(f"{what}“{text}”无效，应为 YYYY-MM-DD") from None


def cmd_export_cases(args: argparse.Namespace) -> int:
    from ..services.privacy.exports import ExportService

    since, until = _day(args.since, "开始日期"), _day(args.until, "结束日期")
    out = Path(args.out)
    if not out.parent.exists():
        raise _user_error(f"输出文件夹不存在：{out.parent}")
    ctx = open_context(args.data_dir)
    try:
        actor = _actor(ctx, args)
        result = ExportService(ctx).export_cases(actor, out, since, until, window=args.window,
                                                 unmasked=args.unmasked, reason=args.reason)
    finally:
        ctx.db.dispose()
    how = "完整号码" if result.unmasked else "证件号码和电话已隐去部分"
    print(f"已导出 {result.rows} 件到 {out}（{how}；已记入访问记录）")
    return 0


def cmd_access_log(args: argparse.Namespace) -> int:
    from ..services.privacy.access_queries import AccessQueries

    ctx = open_context(args.data_dir)
    try:
        actor = _actor(ctx, args)
        assert actor is not None
        lines = AccessQueries(ctx).who_looked(actor, args.id_no)
    finally:
        ctx.db.dispose()
    print(f"共 {len(lines)} 条查阅记录（本次查询也已记入）")
    for a in lines:
        mark = "（可能）" if a.possible else ""
        print(f"  {a.at:%Y-%m-%d %H:%M}  {a.who} {a.role}  终端 {a.terminal}  {a.what}{mark}  "
              f"{a.case_no}  {a.detail}".rstrip())
    return 0


def cmd_personal_report(args: argparse.Namespace) -> int:
    from ..documents.fonts import MissingGlyphError
    from ..services.privacy.subject_report import SubjectReportService

    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise _user_error(f"输出文件“{args.out}”的扩展名应为 .pdf")
    if not out.parent.exists():
        raise _user_error(f"输出文件夹不存在：{out.parent}")
    ctx = open_context(args.data_dir)
    try:
        actor = _actor(ctx, args)
        SubjectReportService(ctx).save(actor, args.id_no, out, args.reason)
    except MissingGlyphError as exc:
        raise _user_error(str(exc)) from None
    except OSError as exc:
        raise _user_error(f"无法写入“{out}”：{exc.strerror or exc}") from None
    finally:
        ctx.db.dispose()
    print(f"个人信息查询报告已保存到 {out}（已记入访问记录）")
    return 0
