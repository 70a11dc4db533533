"""holiday: the supervisors' overrides of the official working-day calendar."""

from __future__ import annotations

import argparse
from datetime import date

from sqlalchemy import extract, select

from ..bootstrap import open_context
from ..models import HolidayOverride
from ..services.calendar_store import load_calendar, mark_year_complete, set_override
from ..services.validation import parse_date


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("holiday", help="节假日与调休：查看、录入，或声明某年安排已录入完整")
    hs = p.add_subparsers(dest="holiday_cmd", required=True, metavar="ACTION")
    q = hs.add_parser("list", help="列出某年的录入与未知年份提示")
    q.add_argument("--year", type=int, default=date.today().year)
    q.set_defaults(func=cmd_list)
    q = hs.add_parser("set", help="把某天定为工作日（调休上班）或休息日（节假日）")
    q.add_argument("day", help="日期，如 2027-01-01")
    kind = q.add_mutually_exclusive_group(required=True)
    kind.add_argument("--workday", action="store_true", help="上班（调休）")
    kind.add_argument("--holiday", action="store_true", help="放假")
    q.add_argument("--note", default="", help="说明，如 2027 年元旦")
    q.set_defaults(func=cmd_set)
    q = hs.add_parser("complete", help="声明某年的节假日安排已全部录入（不再按周一至周五估算）")
    q.add_argument("year", type=int)
    q.set_defaults(func=cmd_complete)


def _user_error(msg: str) -> Exception:
    from .main import UserError

    return UserError(msg)


def cmd_list(args: argparse.Namespace) -> int:
    ctx = open_context(args.data_dir)
    with ctx.db.session() as s:
        rows = s.execute(select(HolidayOverride).where(
            extract("year", HolidayOverride.day) == args.year).order_by(HolidayOverride.day)
        ).scalars().all()
        cal = load_calendar(s)
    for r in rows:
        print(f"{r.day}  {'上班' if r.is_workday else '放假'}  {r.note}")
    if not rows:
        print(f"{args.year} 年没有录入的调整")
    if not cal.is_known_year(args.year):
        print(f"注意：{args.year} 年的法定节假日安排尚未完整录入，期限按周一至周五估算")
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    day = parse_date(args.day)
    if day is None:
        raise _user_error(f"日期“{args.day}”无法识别，请写成 2027-01-01")
    ctx = open_context(args.data_dir)
    with ctx.db.transaction() as s:
        set_override(s, day, bool(args.workday), args.note, by=None, terminal=ctx.terminal)
    print(f"已录入：{day} {'上班' if args.workday else '放假'} {args.note}")
    return 0


def cmd_complete(args: argparse.Namespace) -> int:
    if not 2000 <= args.year <= 2100:
        raise _user_error(f"年份 {args.year} 无效")
    ctx = open_context(args.data_dir)
    with ctx.db.transaction() as s:
        mark_year_complete(s, args.year, terminal=ctx.terminal)
    print(f"已声明 {args.year} 年节假日安排录入完整")
    return 0
