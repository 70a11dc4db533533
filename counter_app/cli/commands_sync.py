"""init-server, set-server, sync, sync-conflicts: the shared database from the CLI.
(End-of-day reconciliation is ``reconcile`` in commands_reconcile.)

A password on the command line lands in shell history: ``--password-env VAR`` puts it into
the URL from an environment variable instead.
"""

from __future__ import annotations

import argparse
import os

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from ..bootstrap import open_context
from ..legacy_sync import SyncEngine, list_conflicts, load_server_url, store_server_url
from ..models.database import Database
from ..sync.connection import redact, test_connection
from ..sync.errors import SyncError
from ..sync.server import init_server


def register(sub: argparse._SubParsersAction) -> None:
    def url_args(p: argparse.ArgumentParser, optional: bool = False) -> None:
        if optional:
            p.add_argument("--server", help="本次使用的服务器地址（默认：set-server 保存的地址）")
        else:
            p.add_argument("url", help="如 postgresql+psycopg://用户@主机:5432/库名，"
                                       "或 sqlite:///D:/counter/shared.sqlite3（须在本机）")
        p.add_argument("--password-env", default="", help="从此环境变量读取数据库密码")

    p = sub.add_parser("init-server", help="创建或升级大厅共享数据库（可重复运行）")
    url_args(p)
    p.set_defaults(func=cmd_init_server)

    p = sub.add_parser("set-server", help="保存本机的同步服务器地址（密码加密保存）并测试连接")
    url_args(p)
    p.set_defaults(func=cmd_set_server)

    p = sub.add_parser("sync", help="与共享数据库同步一轮：上传待传记录，下载更新")
    url_args(p, optional=True)
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("sync-conflicts", help="列出同步冲突（默认：服务器上待裁定的）")
    url_args(p, optional=True)
    p.add_argument("--all", action="store_true", help="包括已按规则处理和已处理的")
    p.add_argument("--local", action="store_true", help="列出本机下载时遇到的冲突")
    p.set_defaults(func=cmd_conflicts)


def _user_error(msg: str) -> Exception:
    from .main import UserError

    return UserError(msg)


def _with_password(url: str, env: str) -> str:
    if not env:
        return url
    password = os.environ.get(env)
    if password is None:
        raise _user_error(f"环境变量 {env} 未设置")
    try:
        return make_url(url).set(password=password).render_as_string(hide_password=False)
    except ArgumentError:
        raise _user_error(f"服务器地址格式无效：{redact(url)}") from None


def _server_url(args: argparse.Namespace, db: Database) -> str:
    if args.server:
        return _with_password(args.server, args.password_env)
    try:
        with db.session() as s:
            url = load_server_url(s)
    except SyncError as exc:
        raise _user_error(str(exc)) from None
    if not url:
        raise _user_error("本机尚未设置同步服务器：请先运行 counter-admin set-server 地址")
    return _with_password(url, args.password_env)


def cmd_init_server(args: argparse.Namespace) -> int:
    try:
        info = init_server(_with_password(args.url, args.password_env))
    except SyncError as exc:
        raise _user_error(str(exc)) from None
    kind = "PostgreSQL" if info.kind == "postgresql" else "SQLite 共享文件"
    print(f"共享数据库已{'创建' if info.created else '就绪'}：{info.url}（{kind}）")
    print(f"数据库版本：{info.revision}；服务器标识：{info.server_id}")
    return 0


def cmd_set_server(args: argparse.Namespace) -> int:
    url = _with_password(args.url, args.password_env)
    ok, message = test_connection(url)
    print(message)
    if not ok:
        raise _user_error("地址未保存：连接测试未通过")
    ctx = open_context(args.data_dir)
    with ctx.db.transaction() as s:
        store_server_url(s, url)
    print(f"已保存同步服务器地址：{redact(url)}")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    ctx = open_context(args.data_dir)
    engine = SyncEngine(ctx.db, _server_url(args, ctx.db), ctx.terminal)
    try:
        report = engine.run_once()
        status = engine.status()
    finally:
        engine.close()
    print(f"上传 {report.pushed} 条（重复忽略 {report.duplicates} 条），下载 {report.pulled} 条，"
          f"冲突 {report.conflicts} 条；待上传 {status.waiting} 条")
    if report.errors:
        raise _user_error("同步未完成：" + "；".join(report.errors))
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    ctx = open_context(args.data_dir)
    db = ctx.db if args.local else Database(_server_url(args, ctx.db), poolclass=NullPool)
    try:
        with db.session() as s:
            rows = list_conflicts(s, status=None if args.all else "open")
    finally:
        if db is not ctx.db:
            db.dispose()
    if not rows:
        print("没有同步冲突")
    for c in rows:
        print(f"{c.detected_at:%Y-%m-%d %H:%M}  [{c.status_label}] 终端 {c.terminal or '-'}  "
              f"{c.table_name} {c.case_no or c.row_id}  {c.rule_label}：{c.message}")
    return 0
