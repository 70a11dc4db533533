"""Entry point of ``counter-app``, the desktop application.

Start-up shows the login screen first and opens (and if needed upgrades) the database on
the database lane while the user types; only the login screen's modules load up front.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="counter-app", description="Counter 综合窗口受理台")
    p.add_argument("--data-dir", help="数据文件夹（默认：本机用户数据目录或 COUNTER_DATA_DIR）")
    p.add_argument("--lang", default=os.environ.get("COUNTER_LANG", "zh_CN"),
                   choices=["zh_CN", "en"], help="界面语言")
    p.add_argument("--idle-minutes", type=float, default=5.0, help="无操作自动锁屏分钟数")
    p.add_argument("--smoke", action="store_true",
                   help="自检：打开数据文件夹、载入目录、生成一张带条码的告知单后退出")
    p.add_argument("--setup", help="用预置的设置文件完成首次设置")
    p.add_argument("--quit-after-login-screen", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(list(argv) if argv is not None else None)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .ui.fonts import install_app_font
    from .ui.i18n import install_translator

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Counter")
    install_app_font(app)
    install_translator(app, args.lang)

    from .ui.login_window import build_main_window

    window = build_main_window(args)
    window.resize(1366, 768)
    window.show()
    if args.quit_after_login_screen:
        QTimer.singleShot(0, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
