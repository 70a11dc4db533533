"""Entry point of ``counter-app``, the desktop application.

Start-up shows the login screen first and opens (and if needed upgrades) the database on
the database lane while the user types; only the login screen's modules load up front.
A PC not yet set up (no terminal code or no users) first gets the set-up dialog
(ui/first_run.py). ``--setup FILE [--setup-only]`` applies a prepared set-up file
(setup_file.py) before that; ``--smoke`` runs the offscreen self-test (smoke.py) and exits.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="counter-app", description="Counter 综合窗口受理台")
    p.add_argument("--data-dir", help="数据文件夹（默认：本机用户数据目录或 COUNTER_DATA_DIR）")
    p.add_argument("--lang", choices=["zh_CN", "en"],
                   help="界面语言（默认：设置页的选择，或环境变量 COUNTER_LANG，或简体中文）")
    p.add_argument("--idle-minutes", type=float, help="无操作自动锁屏分钟数（默认：设置页的选择，或 5）")
    p.add_argument("--smoke", action="store_true",
                   help="自检：打开数据文件夹（默认新建临时文件夹）、载入目录、生成一张带条码的告知单后退出")
    p.add_argument("--setup", metavar="FILE",
                   help="先按设置文件（YAML/JSON）完成本机设置：终端、窗口、服务器、打印机、首个管理员")
    p.add_argument("--setup-only", action="store_true", help="与 --setup 同用：设置完成即退出，不启动界面")
    p.add_argument("--quit-after-login-screen", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(list(argv) if argv is not None else None)


def _say(text: str, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    if stream is not None:  # a windowed Windows build has no console
        print(text, file=stream, flush=True)


def _apply_setup_file(args: argparse.Namespace) -> str:
    """Apply --setup FILE; returns the error message, or "" when it was applied."""
    from .setup_file import SetupError, apply_file

    try:
        done = apply_file(args.setup, args.data_dir)
    except SetupError as exc:
        return f"设置文件“{args.setup}”未应用：\n" + "\n".join(exc.problems)
    _say("已按设置文件完成设置：" + "；".join(done))
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # Chinese output on a legacy Windows console
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    if args.setup_only and not args.setup:
        _say("--setup-only 需要与 --setup FILE 一起使用", err=True)
        return 2
    setup_error = _apply_setup_file(args) if args.setup else ""
    if setup_error:
        _say(setup_error, err=True)
        if args.setup_only or args.smoke:
            return 2
    if args.setup_only:
        return 0
    if args.smoke:
        from .smoke import run

        return run(args.data_dir)
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .first_run_check import first_run_pending
    from .paths import data_dir, resource
    from .ui.fonts import install_app_font
    from .ui.i18n import install_translator

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)  # a widgets app, never a bare QCoreApplication
    app.setApplicationName("Counter")
    app.setWindowIcon(QIcon(str(resource("icons", "counter.png"))))
    install_app_font(app)
    from .ui.prefs import start_idle_minutes, start_language

    args.lang = start_language(args.lang)
    args.idle_minutes = start_idle_minutes(args.idle_minutes)
    install_translator(app, args.lang)
    if setup_error:  # the user may have no console to read it on
        QMessageBox.critical(None, "Counter", setup_error)
        return 2
    from .diagnostics import install_excepthook, setup_logging
    from .failures import StorageError

    try:
        folder = data_dir(args.data_dir)
    except StorageError as exc:  # e.g. a data folder that cannot be created
        QMessageBox.critical(None, "Counter", str(exc))
        return 2
    install_excepthook(setup_logging(folder),
                       lambda text: QMessageBox.critical(None, "Counter", text))
    if not args.quit_after_login_screen and first_run_pending(folder):
        from .ui.first_run import run_first_run

        if not run_first_run(args.data_dir):
            return 0

    from .ui.login_window import build_main_window

    window = build_main_window(args)
    window.resize(1366, 768)
    window.show()
    if args.quit_after_login_screen:
        # Benchmark and smoke flag: leave as soon as the login screen has been painted,
        # without waiting for the database lane to finish opening in the background
        # (SQLite's transactions make stopping it at any point safe).
        def leave() -> None:
            app.processEvents()
            sys.stdout.flush()
            os._exit(0)

        QTimer.singleShot(0, leave)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
