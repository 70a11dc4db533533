"""diagnose: the zip IT support asks for (logs, versions, settings without secrets,
integrity_check, sync state), with ID numbers masked."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..diagnostics import write_bundle
from ..paths import data_dir


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("diagnose", help="打包诊断信息给技术支持（日志、版本、设置、完整性检查、同步状态；"
                                        "身份证号已隐去）")
    p.add_argument("out", metavar="OUT.zip", help="输出的 zip 文件")
    p.set_defaults(func=cmd_diagnose)


def cmd_diagnose(args: argparse.Namespace) -> int:
    from .. import vault

    folder = data_dir(args.data_dir)  # not open_context: a broken database is what we report
    out = Path(args.out)
    names = write_bundle(folder, out, vault.unlocked(folder))  # unlocked by --user, if given
    print(f"诊断包已写入 {out}（{len(names)} 个文件）：{'、'.join(names)}")
    print("其中的身份证号已隐去，密码和服务器地址等不包含在内。")
    if vault.is_protected(folder) and vault.unlocked(folder) is None:
        print("数据文件夹已加密：未解锁，数据库未检查、日志仍为密文；需要时用 --user 用户名 再运行一次")
    return 0
