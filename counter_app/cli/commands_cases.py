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


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
    p.add_argument("--out", required=True, help="输出 PDF 文件")
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
    out = Path(args.out)
    try:  # the file is written before the print is logged: a full disk logs nothing
        job = PrintService(ctx).produce(None, args.doc, args.case, args.layout,
                                        deliver=lambda pdf: write_file(out, pdf))
    except (PrintError, ValueError) as exc:
        raise _user_error(str(exc)) from None
    except OSError as exc:
        raise _user_error(describe(exc, out) or str(exc)) from exc
    mark = f"（补打第 {job.reprint_no} 次）" if job.reprint_no else ""
    print(f"已生成{job.title}{mark}：{args.out}")
    return 0


def cmd_verify_audit(args: argparse.Namespace) -> int:
    ctx = open_context(args.data_dir)
    with ctx.db.session() as s:
        report = verify_chains(s)
    if report.ok:
        print(f"审计通过：{report.chains} 条终端链，共 {report.events} 条事件，未发现篡改")
        return 0
    print(f"审计失败：{report.chains} 条终端链，共 {report.events} 条事件，"
          f"发现 {len(report.problems)} 处问题：")
    for p in report.problems:
        print(f"  {p}")
    return 1
