"""Entry point of ``counter-admin``. Each command lives in a small module of its own.

Errors a user can fix are printed in Chinese on stderr with exit status 2; no traceback.
A bug prints a short Chinese notice (exit status 1) and its traceback goes to the log.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence

# One module per group of commands, each with register(subparsers).
COMMAND_MODULES = ["commands_basic", "commands_cases", "commands_calendar", "commands_report",
                   "commands_sync", "commands_reconcile",
                   "commands_setup", "commands_hall", "commands_diagnose", "commands_privacy",
                   "commands_keys", "commands_keycard"]


class UserError(Exception):
    """A problem the administrator can fix; printed without a traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="counter-admin",
        description="Counter 综合窗口受理台：管理命令行"
        "（初始化、事项目录、演示数据、打印、报表、同步、审计）",
    )
    parser.add_argument("--data-dir",
                        help="数据文件夹（默认：本机用户数据目录，或环境变量 COUNTER_DATA_DIR）")
    parser.add_argument("--user", help="加密的数据文件夹：以此工作人员解锁（密码在提示时输入，"
                                       "脚本可用环境变量 COUNTER_PASSWORD；也可用 COUNTER_USER 代替本选项）")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        if importlib.util.find_spec(f"{__package__}.{name}") is not None:
            importlib.import_module(f"{__package__}.{name}").register(sub)
    return parser


def _log_to_data_folder(folder: str | None) -> None:
    """The CLI logs to the data folder's log like the app (a read-only folder: no log)."""
    from ..diagnostics import setup_logging
    from ..failures import StorageError
    from ..paths import data_dir

    try:
        setup_logging(data_dir(folder))
    except StorageError:
        pass  # the command itself will say what is wrong with the folder


def utf8_console() -> None:
    """Windows consoles default to a legacy code page; Chinese output must not crash."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    utf8_console()
    args = build_parser().parse_args(argv)
    try:
        if not getattr(args, "creates_nothing", False):  # verify-audit makes no folder
            _log_to_data_folder(args.data_dir)
        if getattr(args, "unlock", True):
            from ..services.audit.verify import database_file
            from .unlock import unlock

            # Found, never made: verify-audit must not create the folder it is asked about.
            unlock(database_file(args.data_dir, must_exist=False).parent, args.user)
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except Exception as exc:  # storage failures and the services' Chinese messages; a bug
        from ..failures import UnexpectedError, user_error

        err = user_error(exc)
        print(f"错误：{err}", file=sys.stderr)
        return 1 if isinstance(err, UnexpectedError) else 2
    finally:
        from .. import vault
        from ..diagnostics import stop_logging

        stop_logging()
        if args.data_dir or os.environ.get("COUNTER_DATA_DIR"):  # main() may run in a longer
            vault.forget(args.data_dir or os.environ["COUNTER_DATA_DIR"])  # process (tests)


if __name__ == "__main__":  # python -m: run the imported module, so UserError is one class
    from counter_app.cli.main import main as _main

    sys.exit(_main())
