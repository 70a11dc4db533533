"""holiday: the supervisors' overrides of the official working-day calendar."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from sqlalchemy import extract, select

from ..bootstrap import open_context
from ..models import HolidayOverride
from ..services.context import PermissionDenied, ServiceContext, hall_only
from ..services.deadlines.calendar_store import load_calendar, mark_year_complete, set_override
from ..services.deadlines.holiday_schedule import (
    HolidayService,
    ScheduleError,
    parse_schedule,
    pending_reminder,
)
from ..services.intake.validation import parse_date


def register(sub: argparse._SubParsersAction) -> None:
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
    q = hs.add_parser("import", help="从文本文件录入一整年的放假与调休上班安排，并重算受影响办件的期限")
    q.add_argument("file", help="UTF-8 文本，每行：开始日期 [结束日期] 放假|上班 [说明]，"
                                "如 2027-02-06 2027-02-12 放假 春节")
    q.set_defaults(func=cmd_import)
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
    reminder = pending_reminder(ctx, ctx.now().date())
    if reminder:
        print(f"提醒：{reminder}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        schedule = parse_schedule(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise _user_error(f"文件不存在：{args.file}") from None
    except UnicodeDecodeError:
        raise _user_error(f"文件“{args.file}”不是 UTF-8 文本，请另存为 UTF-8") from None
    except ScheduleError as exc:
        raise _user_error(str(exc)) from None
    ctx = open_context(args.data_dir)
    result = HolidayService(ctx).apply(None, schedule)
    print(f"已录入 {result.year} 年节假日安排：放假 {result.holidays} 天，调休上班 {result.workdays} 天；"
          f"该年不再按周一至周五估算")
    print(f"重算期限：{len(result.moved)} 件办件的到期日有变化（每件记有“节假日安排录入后重算期限”事件）")
    for case_no, old, new in result.moved[:50]:
        print(f"  {case_no}  承诺期限 {old} → {new}")
    return 0


def _not_enrolled(ctx: ServiceContext) -> None:
    try:
        hall_only(ctx, "单日调整节假日")
    except PermissionDenied as exc:
        raise _user_error(f"{exc}（请以主管账号在“节假日安排”页录入全年安排，它会送到大厅服务）") from None


def cmd_set(args: argparse.Namespace) -> int:
    day = parse_date(args.day)
    if day is None:
        raise _user_error(f"日期“{args.day}”无法识别，请写成 2027-01-01")
    ctx = open_context(args.data_dir)
    _not_enrolled(ctx)
    with ctx.db.transaction() as s:
        set_override(s, day, bool(args.workday), args.note, by=None, terminal=ctx.terminal)
    print(f"已录入：{day} {'上班' if args.workday else '放假'} {args.note}")
    return 0


def cmd_complete(args: argparse.Namespace) -> int:
    if not 2000 <= args.year <= 2100:
        raise _user_error(f"年份 {args.year} 无效")
    ctx = open_context(args.data_dir)
    _not_enrolled(ctx)
    with ctx.db.transaction() as s:
        mark_year_complete(s, args.year, terminal=ctx.terminal)
    print(f"已声明 {args.year} 年节假日安排录入完整")
    return 0
