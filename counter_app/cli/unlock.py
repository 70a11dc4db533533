"""Unlocking a protected data folder from the command line.

``counter-admin --user NAME COMMAND`` (or ``COUNTER_USER``): the password is asked on the
terminal, or read from ``COUNTER_PASSWORD`` for scripts (never from a command-line argument,
which other local users can see in the process list). The folder's key stays in this
process only, for this one command.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from .. import vault

USER_ENV = "COUNTER_USER"
PASSWORD_ENV = "COUNTER_PASSWORD"


def user_of(given: str | None) -> str:
    return (given or os.environ.get(USER_ENV, "")).strip()


def password_for(user: str, prompt: str = "") -> str:
    from .main import UserError

    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt or f"{user} 的密码：")
    raise UserError(f"需要 {user} 的密码：请在终端里运行以便输入，或（脚本）设置环境变量 {PASSWORD_ENV}")


def unlock(folder: Path, given_user: str | None) -> None:
    """Unlock ``folder`` for this process when it is protected and a user was named."""
    from .main import UserError

    user = user_of(given_user)
    if not user or not vault.is_protected(folder) or vault.unlocked(folder) is not None:
        return
    try:
        vault.unlock(folder, user, password_for(user))
    except vault.VaultError as exc:
        raise UserError(f"无法解锁数据文件夹“{folder}”：{exc}") from None
