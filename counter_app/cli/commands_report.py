"""report daily|week|month: the supervision bulletin as PDF or Excel."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..bootstrap import open_context

KINDS = {"daily": "day", "week": "week", "month": "month"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="生成综合窗口通报（日报、周报、月报），输出 PDF 或 Excel")
    p.add_argument("period", choices=list(KINDS), help="daily 日报 / week 周报 / month 月报")
    p.add_argument("--date", default="", help="统计日期 YYYY-MM-DD（默认今天；周报、月报取其所在周、月）")
    p.add_argument("--out", required=True, help="输出文件，扩展名 .pdf 或 .xlsx")
    p.set_defaults(func=cmd_report)


def _user_error(msg: str) -> Exception:
    from .main import UserError

    return UserError(msg)


def cmd_report(args: argparse.Namespace) -> int:
    from ..documents.fonts import MissingGlyphError
    from ..services.privacy.exports import ExportService
    from ..services.supervision.bulletin.build import compute_bulletin

    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".xlsx"):
        raise _user_error(f"输出文件“{args.out}”的扩展名应为 .pdf 或 .xlsx")
    if not out.parent.exists():
        raise _user_error(f"输出文件夹不存在：{out.parent}")
    try:
        day = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise _user_error(f"日期“{args.date}”无效，应为 YYYY-MM-DD") from None
    ctx = open_context(args.data_dir)
    try:
        bulletin = compute_bulletin(ctx, KINDS[args.period], day)
        ExportService(ctx).export_bulletin(None, bulletin, out)  # written, then logged
    except MissingGlyphError as exc:
        raise _user_error(str(exc)) from None
    except OSError as exc:
        raise _user_error(f"无法写入“{out}”：{exc.strerror or exc}") from None
    finally:
        ctx.db.dispose()
    print(f"{bulletin.title}：已保存到 {out}")
    for line in bulletin.summary_lines():
        print(f"  {line}")
    return 0
