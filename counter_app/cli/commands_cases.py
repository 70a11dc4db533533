"""import-cases, print, verify-audit."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..bootstrap import open_context
from ..documents.common import DOC_KINDS
from ..failures import describe
from ..services.audit import verify_chains
from ..services.context import PermissionDenied
from ..services.ledger_import import LedgerFileError, import_ledger
from ..services.printing import PrintError, PrintService, write_file


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

    p = sub.add_parser("verify-audit", help="校验事件日志的哈希链；发现篡改则指出第一条并返回非零")
    p.set_defaults(func=cmd_verify_audit)


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
    from ..hallsync.config import holds_part

    ctx = open_context(args.data_dir)
    with ctx.db.session() as s:
        # A PC holding part of the hall holds only its own chain whole; the hall has the rest.
        report = verify_chains(s, frozenset({ctx.terminal}) if holds_part(s) else None)
    if report.ok:
        print(f"审计通过：{report.chains} 条终端链，共 {report.events} 条事件，未发现篡改")
        return 0
    print(f"审计失败：{report.chains} 条终端链，共 {report.events} 条事件，"
          f"发现 {len(report.problems)} 处问题：")
    for p in report.problems:
        print(f"  {p}")
    return 1
