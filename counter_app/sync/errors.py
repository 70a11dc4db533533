"""What can go wrong in a sync round, as exceptions whose message is for the user."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError


class SyncError(Exception):
    """A sync round could not finish. The message (Chinese) can be shown as it is."""


class ServerUnavailable(SyncError):
    """The server cannot be reached or went away mid-round. Nothing local was lost: the
    outbox keeps every unconfirmed change and the round can simply be retried."""


class ServerNotReady(SyncError):
    """The server answers but is not a Counter shared database of this version."""


def explain(exc: BaseException) -> str:
    """A short Chinese reason for a database/driver error."""
    text = str(getattr(exc, "orig", exc) or exc).strip().splitlines()
    first = text[0] if text else type(exc).__name__
    low = first.lower()
    if "password authentication failed" in low or "authentication failed" in low:
        return "用户名或密码错误"
    if "connection refused" in low:
        return "服务器未启动，或地址、端口有误"
    if "timeout" in low or "timed out" in low:
        return "连接超时：请检查网络"
    if "could not translate host name" in low or "name or service not known" in low:
        return "找不到服务器：请检查服务器地址"
    if "does not exist" in low and "database" in low:
        return "服务器上没有这个数据库"
    if "lock timeout" in low or "deadlock detected" in low:
        return "服务器正忙（其他终端或审批人员正在写入），稍后自动重试"
    if "database is locked" in low:
        return "共享数据库正忙，请稍后再试"
    if "unable to open database" in low:
        return "无法打开共享数据库文件"
    return first[:200]


def is_connection_error(exc: BaseException) -> bool:
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def translate(exc: BaseException) -> SyncError:
    if isinstance(exc, SyncError):
        return exc
    if is_connection_error(exc):
        return ServerUnavailable(f"无法连接同步服务器：{explain(exc)}")
    return SyncError(f"同步服务器出错：{explain(exc)}")
