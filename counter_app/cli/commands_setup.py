"""setup FILE: set up a new counter PC from a prepared set-up file (see setup_file.py);
hash-password: the argon2 hash a set-up file can carry instead of a plain password."""

from __future__ import annotations

import argparse
import getpass
import sys

from ..setup_file import SetupError, apply_file


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "setup", help="按设置文件完成本机设置（终端、窗口、服务器、打印机、首个管理员）；可重复执行")
    p.add_argument("file", help="设置文件（YAML 或 JSON）")
    p.add_argument("--check", action="store_true", help="只检查设置文件，不写入数据库")
    p.set_defaults(func=cmd_setup)

    p = sub.add_parser("hash-password", help="输出密码的 argon2 哈希，可写入设置文件的 password_hash")
    p.set_defaults(func=cmd_hash_password)


def cmd_setup(args: argparse.Namespace) -> int:
    from .main import UserError

    try:
        done = apply_file(args.file, args.data_dir, check_only=args.check)
    except SetupError as exc:
        lines = "\n".join(f"  {p}" for p in exc.problems)
        raise UserError(f"设置文件“{args.file}”未应用：\n{lines}") from None
    for line in done:
        print(line)
    return 0


def cmd_hash_password(args: argparse.Namespace) -> int:
    from ..services.people.auth import hash_password
    from .main import UserError

    if sys.stdin.isatty():
        password = getpass.getpass("密码：")
        if getpass.getpass("再输入一次：") != password:
            raise UserError("两次输入的密码不一致")
    else:
        password = sys.stdin.readline().rstrip("\n")
    if len(password) < 8:
        raise UserError("密码太短：至少 8 位")
    print(hash_password(password))
    return 0
