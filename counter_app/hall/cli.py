"""``counter-server``: the hall service's command line.

    counter-server --data-dir S init [--postgres URL] [--host NAME ...]
    counter-server --data-dir S serve [--listen HOST:PORT]   (PORT 0: any free port, named
                                                             on the start line)
    counter-server --data-dir S enroll-code --window W | --department D | --whole-hall
    counter-server --data-dir S scope NN --window W | --department D | --whole-hall
    counter-server --data-dir S retention [DAYS]
    counter-server --data-dir S add-user NAME --name 姓名 --roles clerk [--department CODE] ...
    counter-server --data-dir S terminals | revoke NN
    counter-server --data-dir S staff-keys [--approve KEY | --reject KEY --by SUPERVISOR]

Errors a user can fix are printed in Chinese on stderr with exit status 2; no traceback.
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from ..diagnostics import log_masked_to
from ..sync.errors import SyncError
from .store import Hall, HallError, init_hall

DEFAULT_LISTEN = "0.0.0.0:8443"
# A stop or restart waits this long for requests in flight, then closes what is left: the
# PCs' change feeds never end by themselves, and a PC reconnects on its own.
SHUTDOWN_GRACE_S = 3


def _folder(args: argparse.Namespace) -> Path:
    return Path(args.data_dir or os.environ.get("COUNTER_SERVER_DIR") or "counter-server-data")


def cmd_init(args: argparse.Namespace) -> int:
    with init_hall(_folder(args), args.postgres, args.host) as hall:
        print(f"大厅服务已就绪：{hall.folder.resolve()}")
        print(f"数据库：{'PostgreSQL' if not hall.is_sqlite_url else '内置 SQLite'}")
    print("下一步：counter-server serve，然后用 counter-server enroll-code 为每台电脑取注册码")
    return 0


def cmd_adopt(args: argparse.Namespace) -> int:
    """Take over a hall database synced the old way (PCs wrote rows into it directly)."""
    from sqlalchemy import func, select

    from ..models import CaseFile
    from ..sync.connection import parse_url

    folder = _folder(args)
    if (folder / "hall.json").exists():
        raise HallError(f"“{folder}”已是大厅服务的数据文件夹")
    if parse_url(args.postgres).get_backend_name() != "postgresql":
        raise HallError("adopt 接管的是 PostgreSQL 共享数据库：请给出 postgresql+psycopg:// 地址")
    with init_hall(folder, args.postgres, args.host) as hall, hall.db.session() as s:
        cases = s.execute(select(func.count()).select_from(CaseFile)).scalar_one()
    print(f"已接管大厅数据库：{cases} 件办件。请让每台电脑先用旧方式同步完"
          "（counter-admin sync），再运行 counter-admin enroll 地址 注册码 --adopt")
    return 0


def _bind(listen: str) -> socket.socket:
    """The listening socket, bound here and handed to uvicorn: the port checked is the port
    served (no gap another program could take it in), and port 0 asks the system for a free
    one, which the start line then names."""
    host, _, port = listen.rpartition(":")
    if not port.isdigit():
        raise HallError(f"监听地址“{listen}”无效：应为 主机:端口，如 0.0.0.0:8443")
    try:  # uvicorn would say this in English: say it in Chinese
        return socket.create_server((host or "0.0.0.0", int(port)))
    except (OSError, OverflowError) as exc:
        code = exc.errno if isinstance(exc, OSError) else None
        why = {errno.EADDRINUSE: "端口已被另一个程序占用", errno.EACCES: "当前账户无权使用该端口",
               errno.EADDRNOTAVAIL: "本机没有这个地址"}.get(code or 0, "地址无效")
        raise HallError(f"无法在 {listen} 上监听：{why}") from None


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .web import create_app

    hall = Hall(_folder(args))
    tls = hall.tls_dir
    sock = _bind(args.listen)
    host, port = sock.getsockname()[:2]
    print(f"大厅服务监听 https://{host}:{port}", flush=True)
    log_masked_to(sys.stderr)  # the service's own messages: never a full ID number
    server = uvicorn.Server(uvicorn.Config(
        create_app(hall), ssl_certfile=str(tls / "server.pem"),
        ssl_keyfile=str(tls / "server.key"), log_level=args.log_level, timeout_keep_alive=30,
        timeout_graceful_shutdown=SHUTDOWN_GRACE_S))
    with sock:
        server.run(sockets=[sock])
    return 0 if server.started else 3  # uvicorn's own status for a start that failed


def _scope_args(args: argparse.Namespace) -> tuple[str, str]:
    chosen = [x for x in (args.window, args.department, args.whole_hall) if x]
    if len(chosen) != 1:
        raise HallError("请指定这台电脑可存放哪些办件，三者选一：--window 窗口编号（窗口的电脑）、"
                        "--department 部门编号（审批人员的电脑）或 --whole-hall（主管的电脑）")
    return args.window or "", args.department or ""


def _scope_flags(c: argparse.ArgumentParser) -> None:
    c.add_argument("--window", help="窗口的电脑：只存本窗口的办件和本机受理的办件")
    c.add_argument("--department", help="审批人员的电脑：只存本部门的办件")
    c.add_argument("--whole-hall", action="store_true", help="主管的电脑：存全馆的办件")


def cmd_enroll_code(args: argparse.Namespace) -> int:
    window, department = _scope_args(args)
    with Hall(_folder(args)) as hall:
        code = hall.new_enroll_code(window=window, department=department)
    print(code)
    print("（一次有效，24 小时内使用：在要注册的电脑上运行 counter-admin enroll 服务器地址 注册码）",
          file=sys.stderr)
    return 0


def cmd_add_user(args: argparse.Namespace) -> int:
    from ..services.people.auth import add_user

    password = os.environ.get(args.password_env, "") if args.password_env \
        else sys.stdin.readline().rstrip("\n")
    roles = [r.strip() for r in args.roles.split(",") if r.strip()]
    try:
        with Hall(_folder(args)) as hall, hall.db.transaction() as s:
            add_user(s, args.username, args.name, password, roles, window_code=args.window or "",
                     department_code=args.department or "", terminal="00")
    except ValueError as exc:
        raise HallError(str(exc)) from None
    print(f"已添加用户 {args.username}")
    return 0


def cmd_terminals(args: argparse.Namespace) -> int:
    with Hall(_folder(args)) as hall:
        terminals = hall.terminals()
    for t in terminals:
        state = "已注销" if t.revoked_at else ("已停止：" + t.diverged[:40] if t.diverged else "正常")
        seen = f"{t.last_seen_at:%Y-%m-%d %H:%M}" if t.last_seen_at else "从未"
        print(f"{t.code}  {t.name or '-'}  {t.kind}  {hall.scope(t).label()}  操作 {t.last_seq}  "
              f"最近 {seen}  时钟偏差 {t.clock_offset_s:+.0f} 秒  {state}")
    return 0


def cmd_scope(args: argparse.Namespace) -> int:
    window, department = _scope_args(args)
    with Hall(_folder(args)) as hall:
        hall.set_scope(args.code, window, department)
    print(f"终端 {args.code} 的范围已改：它下次同步时清除原有办件，按新范围重新取得")
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    with Hall(_folder(args)) as hall:
        if args.days is not None:
            if not args.days.strip().isdigit():  # argparse's own type error would be English
                raise HallError(f"保留天数“{args.days}”无效：应为 0 到 3650 之间的整数")
            hall.set_retention_days(int(args.days))
        days = hall.retention_days()
    print(f"已办结的办件在窗口和审批电脑上保留 {days} 天（大厅服务器上永久保留）")
    return 0


def cmd_refused(args: argparse.Namespace) -> int:
    with Hall(_folder(args)) as hall:
        rows, total = hall.refused(args.limit)
        names = dict(hall.staff_names())
    if not rows:
        print("大厅没有拒绝过任何操作")
    for r in rows:
        who = names.get(r.staff_id, r.staff_id or "-")
        print(f"{r.at:%Y-%m-%d %H:%M}  终端 {r.terminal} #{r.seq}  {who}  {r.name}：{r.reason}")
    if total > len(rows):
        print(f"（共 {total} 项，只列出最近 {len(rows)} 项；用 --limit 0 列出全部）")
    return 0


def cmd_staff_keys(args: argparse.Namespace) -> int:
    """Signing keys made at offline sign-ins, awaiting a supervisor (hall/staff_keys.py)."""
    from . import staff_keys

    with Hall(_folder(args)) as hall:
        if args.approve or args.reject:
            if not args.by:
                raise HallError("请用 --by 写明核准人（主管的用户名）")
            who = staff_keys.decide(hall, args.approve or args.reject, bool(args.approve), args.by)
            print(f"已{'核准' if args.approve else '驳回'}{who}的签名密钥")
            return 0
        rows = staff_keys.pending(hall)
    if not rows:
        print("没有待核准的签名密钥")
    for r, name in rows:
        print(f"{r.key_id[:12]}  {name}  终端 {r.terminal}  {r.created_at:%Y-%m-%d %H:%M} 送达")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    with Hall(_folder(args)) as hall:
        hall.revoke(args.code)
    print(f"终端 {args.code} 已注销")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="counter-server", description="Counter 大厅服务")
    p.add_argument("--data-dir", help="服务的数据文件夹（默认 ./counter-server-data 或 COUNTER_SERVER_DIR）")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    c = sub.add_parser("init", help="建立或升级服务的数据库与证书")
    c.add_argument("--postgres", metavar="URL", help="PostgreSQL 地址（默认内置 SQLite）")
    c.add_argument("--host", action="append", default=[], help="证书中的服务器名或 IP，可多次")
    c.set_defaults(func=cmd_init)
    c = sub.add_parser("adopt", help="接管按旧方式同步的 PostgreSQL 大厅数据库")
    c.add_argument("--postgres", metavar="URL", required=True)
    c.add_argument("--host", action="append", default=[])
    c.set_defaults(func=cmd_adopt)
    c = sub.add_parser("serve", help="运行大厅服务")
    c.add_argument("--listen", default=DEFAULT_LISTEN, help=f"主机:端口（默认 {DEFAULT_LISTEN}）")
    c.add_argument("--log-level", default="warning")
    c.set_defaults(func=cmd_serve)
    c = sub.add_parser("enroll-code", help="生成一次性注册码（并指定那台电脑可存放的办件范围）")
    _scope_flags(c)
    c.set_defaults(func=cmd_enroll_code)
    c = sub.add_parser("scope", help="更改一台终端可存放的办件范围")
    c.add_argument("code")
    _scope_flags(c)
    c.set_defaults(func=cmd_scope)
    c = sub.add_parser("retention", help="查看或设置已办结办件在终端上的保留天数（默认 30）")
    c.add_argument("days", nargs="?")
    c.set_defaults(func=cmd_retention)
    c = sub.add_parser("add-user", help="添加工作人员（密码从标准输入或 --password-env 读取）")
    c.add_argument("username")
    c.add_argument("--name", required=True)
    c.add_argument("--roles", required=True)
    c.add_argument("--window")
    c.add_argument("--department")
    c.add_argument("--password-env")
    c.set_defaults(func=cmd_add_user)
    sub.add_parser("terminals", help="列出已注册的终端").set_defaults(func=cmd_terminals)
    c = sub.add_parser("refused", help="列出大厅拒绝的操作及原因（主管核查）")
    c.add_argument("--limit", type=int, default=200, help="最多列出几项（0：全部）")
    c.set_defaults(func=cmd_refused)
    c = sub.add_parser("staff-keys", help="列出、核准或驳回离线登录时生成的签名密钥")
    g = c.add_mutually_exclusive_group()
    g.add_argument("--approve", metavar="KEY", help="核准（密钥编号，可只写开头几位）")
    g.add_argument("--reject", metavar="KEY", help="驳回：用它签名的操作都不予受理")
    c.add_argument("--by", help="核准人（主管的用户名）")
    c.set_defaults(func=cmd_staff_keys)
    c = sub.add_parser("revoke", help="注销一台终端")
    c.add_argument("code")
    c.set_defaults(func=cmd_revoke)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from ..cli.main import utf8_console

    utf8_console()
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (HallError, SyncError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
