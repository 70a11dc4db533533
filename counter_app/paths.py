"""Where the app finds its shipped resources and its user data.

Resources live in the top-level ``resources/`` folder of the source tree (an editable
install) or beside the frozen executable (PyInstaller sets ``sys._MEIPASS``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Counter"
APP_AUTHOR = "LuoshanHall"
DATA_DIR_ENV = "COUNTER_DATA_DIR"
RESOURCES_ENV = "COUNTER_RESOURCES"


def resources_dir() -> Path:
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding this PC's database and settings: --data-dir, then the env var,
    then the platform's per-user data folder."""
    if explicit:
        path = Path(explicit)
    elif os.environ.get(DATA_DIR_ENV):
        path = Path(os.environ[DATA_DIR_ENV])
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path = path.expanduser().resolve()  # a relative --data-dir is relative to where we start
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from .failures import StorageError, describe

        raise StorageError(describe(exc, path) or f"无法创建数据文件夹“{path}”：{exc.strerror}") from exc
    return path
