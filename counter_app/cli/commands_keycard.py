"""keycard: the one-page card of every screen's keys, made from the lists the app shows (F1)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("keycard", help="生成（或打印）各界面按键速查卡：一页 A4，与程序中 F1 显示的按键相同")
    p.add_argument("--out", metavar="FILE.pdf",
                   help="保存为 PDF 文件（默认：当前文件夹下 counter-key-card.pdf）")
    p.add_argument("--printer", metavar="NAME", help="直接送到这台打印机")
    p.set_defaults(func=cmd_keycard)


def cmd_keycard(args: argparse.Namespace) -> int:
    # The key lists are the UI's own, translated by its .qm: made by the UI module (headless).
    from ..ui.keycard import CARD_NAME, make_card
    from .main import UserError

    try:
        where = make_card(Path(args.out or CARD_NAME), args.printer)
    except OSError as exc:
        raise UserError(str(exc)) from None
    print(f"按键速查卡已送到打印机 {where}" if args.printer else f"按键速查卡已保存：{where}")
    return 0
