"""import-cases, print, verify-audit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..bootstrap import open_context
from ..documents.common import DOC_KINDS
from ..failures import describe
from ..services.audit.verify import (
    AuditFileError,
    database_file,
    hall_settings,
    load_heads,
    save_heads,
    verify_folder,
)
from ..services.context import PermissionDenied
from ..services.intake.ledger_import import LedgerFileError, import_ledger
from ..services.printing.service import PrintError, PrintService, write_file


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import-cases", help="从 Excel/CSV 台账导入办件（每行一件）；同一文件重复导入不会重复")
    p.add_argument("file")
    p.set_defaults(func=cmd_import_cases)

    kinds = "\n".join(f"  {k:<20} {v}" for k, v in DOC_KINDS.items())
    p = sub.add_parser(
        "print", help="生成（补打）一份文书的 PDF，并记入打印日志",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=f"文书类型 KIND：\n{kinds}",
    )
    p.add_argument("--case", required=True, help="办件编号（交接单用交接单号）")
    p.add_argument("--doc", required=True, choices=list(DOC_KINDS), metavar="KIND",
                   help="文书类型：" + "、".join(DOC_KINDS))
    p.add_argument("--layout", choices=["a4", "receipt"], help="版式（默认：窗口设置）")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--out", help="输出 PDF 文件")
    out.add_argument("--printer", help="送到这台打印机（与窗口打印同一路径，经打印队列）")
    p.set_defaults(func=cmd_print)

    p = sub.add_parser("verify-audit",
                       help="审计：校验事件链与办件、交接单的记录；发现篡改则逐一指出并返回非零")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    p.add_argument("--paper", action="append", default=[], metavar="终端-序号-摘要",
                   help="纸质文书上印的链位（打印时间旁或二维码中），如 01-123-9f3a2c1b77de0a41；"
                        "可给多次：本机事件链须与之一致")
    p.add_argument("--offline", action="store_true",
                   help="不向大厅服务器取各终端的链头记录（已注册的电脑默认会取来核对）")
    p.add_argument("--save", metavar="文件", help="核验通过后，把各终端链头记入此文件（供下次 --since 用）")
    p.add_argument("--since", metavar="文件",
                   help="每日核验：只核对上次（--save）以来的新事件及其涉及的办件；完整核验仍须定期做")
    p.set_defaults(func=cmd_verify_audit, creates_nothing=True)
    register_custody(sub)


def register_custody(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("custody", help="一件办件的监管履历（谁持有、自何时至何时、哪台电脑、"
                                       "审计核对），导出 PDF 供调查")
    p.add_argument("--case", required=True, help="办件编号")
    p.add_argument("--out", required=True, help="输出 PDF 文件")
    p.set_defaults(func=cmd_custody)


def cmd_custody(args: argparse.Namespace) -> int:
    from ..services.handoff.custody_report import CustodyError, custody_report, render_custody_pdf

    try:
        path = database_file(args.data_dir)  # an inquiry never creates a data folder
    except AuditFileError as exc:
        raise _user_error(str(exc)) from None
    ctx = open_context(path.parent)
    try:
        with ctx.db.session() as s:
            report = custody_report(path.parent, s, args.case, ctx.now())
    except CustodyError as exc:
        raise _user_error(str(exc)) from None
    out = Path(args.out)
    try:
        write_file(out, render_custody_pdf(report))
    except OSError as exc:
        raise _user_error(describe(exc, out) or str(exc)) from exc
    verdict = "与封存不一致，见 PDF" if report.findings else "记录与封存一致"
    print(f"已生成办件 {report.view.case_no} 的监管履历（{verdict}）：{args.out}")
    return 1 if report.findings else 0


def _user_error(msg: str) -> Exception:
    from .main import UserError

    return UserError(msg)


def cmd_import_cases(args: argparse.Namespace) -> int:
    ctx = open_context(args.data_dir)
    path = Path(args.file)
    if not path.exists():
        raise _user_error(f"文件不存在：{args.file}")
    try:
        result = import_ledger(ctx, path)
    except PermissionDenied as exc:
        raise _user_error(str(exc)) from None
    except LedgerFileError as exc:
        raise _user_error(str(exc)) from None
    print(f"导入 {result.imported} 件；已导入过（跳过）{result.already} 件；有问题 "
          f"{len({p.row for p in result.problems})} 行")
    for p in result.problems:
        print(f"  {p}")
    return 1 if result.problems else 0


def cmd_print(args: argparse.Namespace) -> int:
    ctx = open_context(args.data_dir)
    svc = PrintService(ctx)
    try:
        job = svc.prepare(None, args.doc, args.case, args.layout)
    except (PrintError, ValueError) as exc:
        raise _user_error(str(exc)) from None
    mark = f"（补打第 {job.reprint_no} 次）" if job.reprint_no else ""
    if args.printer:
        pages = _to_printer(job, args.printer)
        svc.log_print(None, job, args.printer)
        print(f"已送打印机“{args.printer}”：{job.title}{mark}，{pages} 页")
        return 0
    out = Path(args.out)
    try:  # the file is written before the print is logged: a full disk logs nothing
        write_file(out, job.pdf)
    except OSError as exc:
        raise _user_error(describe(exc, out) or str(exc)) from exc
    svc.log_print(None, job, str(out.resolve()))
    print(f"已生成{job.title}{mark}：{args.out}")
    return 0


def _to_printer(job, name: str) -> int:
    """Through QPrinter to the spooler, as the counter's print button does (Qt loads here
    only: the rest of the command line stays Qt-free)."""
    from ..ui.print_cli import print_job

    try:
        return print_job(job, name)
    except OSError as exc:
        raise _user_error(str(exc)) from None


def cmd_verify_audit(args: argparse.Namespace) -> int:
    """Exit 0 only when everything checked out; 1 when something was tampered with; 2 when
    there is nothing (or nothing readable) to check."""
    progress = None if args.quiet else _progress_bar()
    try:
        anchors, unreached = (None, "") if args.offline else _hall_anchors(args.data_dir)
        since = load_heads(Path(args.since)) if args.since else None
        report = verify_folder(args.data_dir, progress, tuple(args.paper), anchors, since=since)
    except AuditFileError as exc:
        if progress is not None:
            print(file=sys.stderr)
        raise _user_error(str(exc)) from None
    if progress is not None:
        print(file=sys.stderr)
    scope = (f"{report.chains} 条终端链，共 {report.events} 条事件；"
             f"{report.cases} 件办件，{report.batches} 张交接单")
    if report.anchors_checked is not None:
        scope += f"；已核对大厅服务器记录的 {report.anchors_checked} 个链头"
    if unreached:
        print(f"注意：{unreached}", file=sys.stderr)
    if report.not_held:
        scope += (f"；{report.not_held} 件办件或交接单按本机范围或保留期已不在本机，"
                  "由大厅服务器保存和核对")
    if report.unsealed:
        scope += f"（其中 {report.unsealed} 件办件只有旧版本记录的事件，其记录内容未受封存保护）"
    if args.since:
        scope = f"自上次核验以来：{scope}"
    if report.ok:
        if args.save:
            save_heads(Path(args.save), report)
        print(f"审计通过：{scope}，未发现篡改")
        return 0
    print(f"审计失败：{scope}，发现 {len(report.findings)} 处问题：")
    for p in report.findings:
        print(f"  {p}")
    return 1


def _hall_anchors(folder: str | None) -> tuple[list[dict] | None, str]:
    """The chain heads the hall service recorded (an enrolled PC), or why they are missing."""
    from ..hallsync.client import HallClient
    from ..sync.errors import SyncError

    cfg = hall_settings(folder)
    if not cfg.get("hall.url"):
        return None, ""
    try:
        with HallClient(cfg["hall.url"], cfg.get("hall.ca_pem"), cfg.get("hall.token", "")) as c:
            return list(c.get("/v1/anchors")["anchors"]), ""
    except SyncError as exc:
        return None, f"未能从大厅服务器取得链头记录（{exc}），本次只核对了本机数据"


def _progress_bar():
    """One line on stderr, redrawn: what is being checked, how far, a bar."""
    def show(stage: str, done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        pct = 100 * done // total if total else 100
        sys.stderr.write(f"\r{stage} [{'#' * filled}{'.' * (width - filled)}] {pct:3d}% "
                         f"{done}/{total}   ")
        sys.stderr.flush()

    return show
