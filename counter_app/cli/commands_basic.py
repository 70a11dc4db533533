"""init, import-catalog, export-catalog, add-user, demo-data."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from pathlib import Path

from ..bootstrap import open_context, open_database, set_terminal_code, terminal_code
from ..paths import resource
from ..services.catalog.exchange import CatalogError, load_catalog, save_catalog
from ..services.catalog.store import export_catalog, import_catalog
from ..services.context import PermissionDenied, ServiceContext, hall_only
from ..services.demo import generate as demo
from ..services.intake.numbering import NumberError
from ..services.people import auth
from ..services.settings import HALL_URL_KEY, get_setting

SHIPPED_CATALOG = ("catalog", "luoshan.yaml")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="创建或升级本机数据库，载入随附的事项目录，记录终端编号")
    p.add_argument("--terminal", help="本机终端编号（1-99，全大厅唯一）")
    p.add_argument("--catalog", help="改用此目录文件（xlsx/json/yaml）")
    p.add_argument("--admin-name", default="管理员",
                   help="新建加密文件夹时（给了 --user）第一个管理员的姓名（默认：管理员）")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("import-catalog", help="导入事项目录（xlsx/json/yaml）；有错则整体拒绝")
    p.add_argument("file")
    p.set_defaults(func=cmd_import_catalog)

    p = sub.add_parser("export-catalog", help="导出当前事项目录（按扩展名：xlsx/json/yaml）")
    p.add_argument("file")
    p.set_defaults(func=cmd_export_catalog)

    p = sub.add_parser("add-user", help="新增工作人员账号")
    p.add_argument("username")
    p.add_argument("--name", required=True, help="姓名")
    p.add_argument("--roles", required=True, help="角色，逗号分隔：clerk,guide,approver,supervisor")
    p.add_argument("--window", default="", help="所在窗口编码")
    p.add_argument("--department", default="", help="所属部门编码")
    p.add_argument("--employer", default="outsourced", choices=["outsourced", "department"])
    p.add_argument("--phone", default="")
    p.add_argument("--password-env", default="",
                   help="从此环境变量读取密码（脚本用）；不给则在终端提示输入")
    p.set_defaults(func=cmd_add_user)

    p = sub.add_parser("demo-data", help="生成演示数据（人员、培训授权、办件）")
    p.add_argument("--cases", type=int, default=500)
    p.add_argument("--days", type=int, default=30)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--no-queue-today", dest="queue_today", action="store_false",
                   help="不生成今天的排队叫号（同一大厅的第二个演示数据文件夹用：今天的队列和开启的窗口由第一台电脑持有）")
    p.set_defaults(func=cmd_demo_data)


def _user_error(msg: str) -> Exception:
    from .main import UserError

    return UserError(msg)


def _load(file: str):
    path = Path(file)
    if not path.exists():
        raise _user_error(f"文件不存在：{file}")
    try:
        return load_catalog(path)
    except CatalogError as exc:
        lines = [f"目录文件“{file}”有 {len(exc.problems)} 处问题，未导入任何内容："]
        lines += [f"  {p}" for p in exc.problems]
        raise _user_error("\n".join(lines)) from None


def _first_admin(args: argparse.Namespace):
    """A new data folder with ``--user``: created encrypted, that user its first supervisor
    (their password unlocks it). Without ``--user``: a plain folder, and a warning."""
    from .. import vault
    from ..bootstrap import is_new
    from ..paths import data_dir
    from .unlock import password_for, user_of

    folder = data_dir(args.data_dir)
    user = user_of(args.user)
    if vault.is_protected(folder) or not is_new(folder):
        return open_database(folder)
    if not user:
        print("注意：新建的数据文件夹未加密（任何能读取该文件夹的人都能看到申请人信息）。"
              "要加密，请删除该文件夹后用 counter-admin --user 管理员用户名 init 重新建立",
              file=sys.stderr)
        return open_database(folder)
    password = password_for(user, f"新建管理员 {user} 的密码：")
    if len(password) < 8:
        raise _user_error("密码太短：至少 8 位")
    db = open_database(folder, protect=True)
    key = vault.unlocked(folder)
    assert key is not None
    try:
        with db.transaction() as s:
            auth.add_user(s, user, args.admin_name, password, ["supervisor"])
    except ValueError as exc:
        raise _user_error(str(exc)) from None
    vault.grant(folder, key, user, password)
    print(f"已建立加密的数据文件夹，管理员 {user}（{args.admin_name}）的密码可以解锁")
    return db


def cmd_init(args: argparse.Namespace) -> int:
    db = _first_admin(args)
    with db.session() as s:
        enrolled = bool(get_setting(s, HALL_URL_KEY))
    if enrolled and args.terminal:
        raise _user_error("本机已接入大厅服务：终端编号由大厅服务分配，不能手工设置")
    try:
        if args.terminal:
            code = set_terminal_code(db, args.terminal)
        else:
            code = terminal_code(db) or set_terminal_code(db, "01")
    except NumberError as exc:
        raise _user_error(str(exc)) from None
    print(f"数据库已就绪：{db.url.removeprefix('sqlite:///')}")
    print(f"终端编号：{code}")
    if enrolled:  # the catalog is the hall's, pulled at every sync
        print("本机已接入大厅服务：事项目录以大厅服务器为准")
    else:
        data = _load(args.catalog) if args.catalog else _load(str(resource(*SHIPPED_CATALOG)))
        with db.transaction() as s:
            summary = import_catalog(s, data, terminal=code)
        print(f"事项目录：{summary}")
    db.dispose()
    return 0


def _not_enrolled(ctx: ServiceContext, what: str) -> None:
    try:
        hall_only(ctx, what)
    except PermissionDenied as exc:
        raise _user_error(f"{exc}（counter-server 的同名命令）") from None


def cmd_import_catalog(args: argparse.Namespace) -> int:
    ctx = open_context(args.data_dir)
    _not_enrolled(ctx, "导入事项目录")
    data = _load(args.file)
    with ctx.db.transaction() as s:
        summary = import_catalog(s, data, terminal=ctx.terminal)
    print(f"已导入：{summary}")
    return 0


def cmd_export_catalog(args: argparse.Namespace) -> int:
    ctx = open_context(args.data_dir)
    with ctx.db.session() as s:
        data = export_catalog(s)
    save_catalog(data, Path(args.file))
    print(f"已导出 {len(data.items)} 个事项到 {args.file}")
    return 0


def cmd_add_user(args: argparse.Namespace) -> int:
    ctx = open_context(args.data_dir)
    _not_enrolled(ctx, "新增账号")
    if args.password_env:
        password = os.environ.get(args.password_env, "")
    elif sys.stdin.isatty():
        password = getpass.getpass("密码：")
        if getpass.getpass("再输入一次：") != password:
            raise _user_error("两次输入的密码不一致")
    else:
        password = sys.stdin.readline().rstrip("\n")
    roles = [r.strip() for r in args.roles.split(",") if r.strip()]
    try:
        with ctx.db.transaction() as s:
            auth.add_user(s, args.username, args.name, password, roles,
                          window_code=args.window, department_code=args.department,
                          employer=args.employer, phone=args.phone, terminal=ctx.terminal)
    except ValueError as exc:
        raise _user_error(str(exc)) from None
    if ctx.keys is not None:  # an encrypted folder: the new account can unlock it
        ctx.keys.grant(args.username.strip(), password)
    print(f"已新增账号 {args.username}（{args.name}）")
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    if args.cases < 0 or args.days < 1:
        raise _user_error("--cases 不能为负，--days 至少为 1")
    ctx = open_context(args.data_dir)
    _not_enrolled(ctx, "生成演示数据")
    start = time.perf_counter()

    def progress(n: int) -> None:
        if sys.stderr.isatty():
            print(f"\r已生成 {n}/{args.cases} 件", end="", file=sys.stderr)

    try:
        summary = demo.generate(ctx, args.cases, args.days, args.seed, progress, args.queue_today)
    except ValueError as exc:
        raise _user_error(str(exc)) from None
    if sys.stderr.isatty():
        print(file=sys.stderr)
    took = time.perf_counter() - start
    print(f"演示数据：办件 {summary.cases} 件，事件 {summary.events} 条，交接单 {summary.batches} 张，"
          f"排队号票 {summary.tickets} 张，新增人员 {summary.staff} 名，用时 {took:.1f} 秒")
    print(f"演示账号密码均为 {demo.DEMO_PASSWORD}（如 admin、受理员 <窗口编码>_c1、审批员 <窗口编码>_a1）")
    return 0
