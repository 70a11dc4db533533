"""What went wrong, in words a clerk can act on: the data folder, the disk, or a bug.

Standard library only (the app asks at start-up, before SQLAlchemy is imported). A raw
``sqlite3``/SQLAlchemy/``OSError`` message never reaches a user: ``describe`` turns the
failures a counter PC meets in the field into a Chinese sentence that says what happened and
what to do, and ``StorageError`` carries it. ``check_database_file`` looks at a database
file's header before anything opens it, so a file that is not a database, or was cut short,
is named as such instead of failing somewhere later.
"""

from __future__ import annotations

import errno
import logging
import re
import sqlite3
import sys
from pathlib import Path

log = logging.getLogger("counter")

SQLITE_MAGIC = b"SQLite format 3\x00"
CALL_IT = "请联系管理员"


class StorageError(Exception):
    """The data folder or the disk failed; the message is for the user, nothing was saved
    by the failed step."""


class UnexpectedError(Exception):
    """A bug, not the user's doing: the message says so and where the details were logged."""


_CJK = re.compile("[\u3400-\u9fff]")


def corrupt_message(path: Path | str, what: str) -> str:
    return (f"数据文件“{path}”已损坏（{what}），本机暂时不能使用。请不要删除或覆盖该文件，"
            f"{CALL_IT}从备份恢复，或把文件交给技术支持检查（counter-admin diagnose）。")


def _is_sqlite_error(exc: BaseException) -> bool:
    """SQLite's errors, from the plain driver or from SQLCipher's (a protected folder)."""
    if isinstance(exc, sqlite3.Error):
        return True
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return cipher is not None and isinstance(exc, cipher.Error)


def check_database_file(path: Path) -> None:
    """Refuse a database file that is not SQLite or is shorter than its own header says.

    Reads 100 bytes; a missing or empty file is fine (it will be created)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StorageError(describe(exc, path)) from None
    if size == 0:
        return
    try:
        with path.open("rb") as f:
            head = f.read(100)
    except OSError as exc:
        raise StorageError(describe(exc, path)) from None
    if not head.startswith(SQLITE_MAGIC):
        raise StorageError(corrupt_message(path, "不是本系统的数据库文件"))
    if len(head) < 100:
        raise StorageError(corrupt_message(path, "文件被截断"))
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    header_valid = head[24:28] == head[92:96]  # else the count is stale (sqlite.org/fileformat)
    wal = path.with_name(path.name + "-wal")
    pending_wal = wal.exists() and wal.stat().st_size > 0  # a checkpoint may still finish it
    if header_valid and not pending_wal and size < pages * page_size:
        raise StorageError(corrupt_message(path, f"文件被截断：应有 {pages * page_size} 字节，"
                                                 f"只有 {size} 字节"))


NOTHING_SAVED = "本次操作没有保存"


def _os_message(exc: OSError, where: Path | str | None, lost: str = NOTHING_SAVED) -> str | None:
    place = f"“{where}”" if where else "数据文件夹"
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", None):
        return (f"磁盘空间已满，{place}无法写入，{lost}。"
                "请清理磁盘（或换一个有空间的位置）后重试。")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"没有{place}的写入权限（只读文件夹或只读磁盘），{lost}。"
                f"{CALL_IT}给当前 Windows 账户该文件夹的读写权限，或用 --data-dir 指定一个可写的文件夹。")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EISDIR):
        return f"找不到{place}，或它不是一个文件（文件夹不存在？），{lost}。请检查路径后重试。"
    return None


def describe(exc: BaseException, where: Path | str | None = None,
             lost: str = NOTHING_SAVED) -> str | None:
    """A Chinese message for a storage failure, or None when ``exc`` is not one.

    ``lost`` says what became of the work (by default: nothing of this step was saved)."""
    if isinstance(exc, StorageError):
        return str(exc)
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's exception
    if isinstance(orig, BaseException) and orig is not exc:
        found = describe(orig, where, lost)
        if found:
            return found
    if isinstance(exc, OSError):
        return _os_message(exc, where or exc.filename, lost)
    if not _is_sqlite_error(exc):
        return None
    text = str(exc).lower()
    place = f"“{where}”" if where else "数据文件"
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        what = "不是本系统的数据库文件" if "not a database" in text else "完整性检查未通过"
        return corrupt_message(where or "counter.sqlite3", what)
    if "locked" in text or "busy" in text:
        return ("数据库正被另一程序占用（例如正在导入台账或同步），等待 10 秒后仍未轮到，"
                f"{lost}。请稍等片刻再试一次。")
    if "full" in text:
        return _os_message(OSError(errno.ENOSPC, text), where, lost)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return (f"无法写入{place}：数据文件夹是只读的，或当前账户没有读写权限，{lost}。"
                f"{CALL_IT}给当前账户该文件夹的读写权限，或用 --data-dir 指定一个可写的文件夹。")
    if "disk i/o" in text:
        return (f"读写{place}时磁盘出错，{lost}。请检查磁盘（是否已满或已拔出），"
                f"然后重试；反复出现请{CALL_IT[1:]}。")
    return None


def user_error(exc: Exception) -> Exception:
    """``exc`` as something whose ``str`` a clerk can read.

    The services' own exceptions already speak Chinese and pass unchanged (their type still
    matters to callers). A storage failure becomes a ``StorageError``; anything else is a bug:
    its traceback goes to the log and the user gets an ``UnexpectedError`` saying so.
    """
    found = describe(exc)
    if found is not None:
        log.warning("storage failure: %s", found, exc_info=exc)
        if isinstance(exc, StorageError):
            return exc
        out: Exception = StorageError(found)
    elif _CJK.search(str(exc)):
        return exc
    else:
        log.error("unexpected error", exc_info=exc)
        out = UnexpectedError(f"操作没有完成：程序内部出错（{type(exc).__name__}），已记入日志"
                              f"{_log_place()}。请把这句话告诉技术支持。")
    out.__cause__ = exc
    return out


def _log_place() -> str:
    from .diagnostics import HANDLER_TAG

    for handler in logging.getLogger().handlers:
        name = getattr(handler, "baseFilename", "")
        if name and getattr(handler, HANDLER_TAG, False):
            return f"“{name}”"
    return ""
