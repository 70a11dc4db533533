"""reconcile: what this counter printed on a day against what the hall server holds.

Exit status 0 when every printed document is on the server as printed; 1 when one is not
(missing, still waiting to be sent, held by a sync conflict, or different); 2 for a usage
error. ``server_database`` is shared with the settings page.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from ..models.database import Database


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reconcile", help="对账：本机某日打印的文书与服务器上的记录逐份核对")
    p.add_argument("--date", default="", help="打印日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--server", default="", help="服务器地址（默认：本机保存的服务器地址）")
    p.set_defaults(func=cmd_reconcile)


def server_database(url: str) -> Database:
    """The shared database for reading, checked to be a ready Counter server. A missing
    SQLite file is an error (never created); PostgreSQL gives up after the connect timeout."""
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.pool import NullPool

    from ..sync.connection import CONNECT_TIMEOUT, check_server, parse_url, sqlite_path
    from ..sync.errors import ServerUnavailable, translate

    u = parse_url(url)
    kwargs: dict[str, Any] = {"poolclass": NullPool}
    if u.get_backend_name() == "sqlite":
        if not sqlite_path(u).exists():
            raise ServerUnavailable(f"共享数据库文件不存在：{u.database}")
    else:
        kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT}
    db = Database(u.render_as_string(hide_password=False), **kwargs)
    try:
        with db.engine.connect() as conn:
            check_server(conn)
    except SQLAlchemyError as exc:
        db.dispose()
        raise translate(exc) from exc
    except BaseException:
        db.dispose()
        raise
    return db


def cmd_reconcile(args: argparse.Namespace) -> int:
    from ..bootstrap import open_context
    from ..documents.common import DOC_KINDS
    from ..legacy_sync import load_server_url, reconcile
    from ..legacy_sync.reconcile import STATUS_LABELS
    from ..services.intake.numbering import display
    from ..sync.connection import redact
    from ..sync.errors import SyncError
    from .main import UserError

    try:
        day = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise UserError(f"日期“{args.date}”无效，应为 YYYY-MM-DD") from None
    ctx = open_context(args.data_dir)
    try:
        day = day or ctx.now().date()
        try:
            with ctx.db.session() as s:
                url = args.server or load_server_url(s) or ""
            if not url:
                raise UserError("本机未设置服务器（单机使用）：请用 --server 指定服务器地址")
            server = server_database(url)
        except SyncError as exc:
            raise UserError(str(exc)) from None
        try:
            rows = reconcile(ctx.db, server, day, ctx.terminal)
        finally:
            server.dispose()
    finally:
        ctx.db.dispose()
    print(f"对账：{day:%Y-%m-%d}，终端 {ctx.terminal}，服务器 {redact(url)}")
    for r in rows:
        reprint = f"（补打第 {r.reprint_no} 次）" if r.reprint_no else ""
        number = display(r.case_no) if r.case_no else "-"
        line = f"  {r.printed_at:%H:%M:%S}  {DOC_KINDS.get(r.doc_kind, r.doc_kind)}{reprint}  {number}  " \
               f"{r.status_label}"
        print(f"{line}：{r.detail}" if r.detail else line)
    counts = {k: sum(r.status == k for r in rows) for k in STATUS_LABELS}
    summary = "，".join(f"{label} {counts[k]}" for k, label in STATUS_LABELS.items() if counts[k])
    print(f"共打印 {len(rows)} 份" + (f"：{summary}" if summary else ""))
    bad = len(rows) - counts["ok"]
    if bad:
        print(f"有 {bad} 份文书在服务器上没有一致的记录：请先同步；“服务器无记录”须立即查明")
    return 1 if bad else 0
