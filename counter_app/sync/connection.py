"""Reaching the shared database: engine settings, the readiness check, a connection test.

A server is named by a SQLAlchemy URL: ``postgresql+psycopg://user:pw@host/db`` in a real
hall, ``sqlite:///D:/counter/shared.sqlite3`` in the smallest one. A shared SQLite file must
be on the host that opens it: over a network share its locking is unreliable and it can be
corrupted (sqlite.org), so such a path is refused outright.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from ..models.database import make_engine
from ..models.migrate import head_revision
from .errors import ServerNotReady, ServerUnavailable, SyncError, translate

CONNECT_TIMEOUT = 5  # seconds; a counter must not hang on a dead network
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "ncpfs"}


def parse_url(url: str) -> URL:
    try:
        u = make_url(url.strip())
    except ArgumentError:
        raise SyncError(f"服务器地址格式无效：{redact(url)}") from None
    if u.drivername == "postgresql":  # plain postgresql:// means psycopg2, not installed
        u = u.set(drivername="postgresql+psycopg")
    if u.get_backend_name() not in ("postgresql", "sqlite"):
        raise SyncError(f"不支持的服务器类型：{u.get_backend_name()}（应为 PostgreSQL 或 SQLite）")
    return u


def redact(url: str) -> str:
    """The URL with its password masked, for screens and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "（无效地址）"


def _on_network_fs(path: Path) -> bool:
    text_path = str(path)
    if text_path.startswith(("//", "\\\\")):
        return True
    mounts = Path("/proc/mounts")
    if not mounts.exists():
        return False
    best, kind = "", ""
    real = os.path.realpath(path.parent if not path.exists() else path)
    for line in mounts.read_text(errors="replace").splitlines():
        parts = line.split()
        if len(parts) >= 3 and (real == parts[1] or real.startswith(parts[1].rstrip("/") + "/")):
            if len(parts[1]) >= len(best):
                best, kind = parts[1], parts[2]
    return kind in NETWORK_FS


def sqlite_path(u: URL) -> Path:
    if not u.database or u.database == ":memory:":
        raise SyncError("共享 SQLite 数据库必须是一个文件")
    path = Path(u.database)
    if _on_network_fs(path):
        raise SyncError("共享 SQLite 文件不能放在网络共享文件夹上（会损坏数据）：请放在服务器本机，"
                        "或改用 PostgreSQL")
    return path


def server_engine(url: str) -> Engine:
    """A pool-less engine: each round opens a fresh connection, so a server restart between
    rounds costs nothing and a dead pooled connection is never reused."""
    u = parse_url(url)
    if u.get_backend_name() == "sqlite":
        path = sqlite_path(u)
        if not path.exists():  # connecting would create an empty file
            raise ServerUnavailable(f"共享数据库文件不存在：{path}")
        return make_engine(u.render_as_string(hide_password=False), poolclass=NullPool)
    return create_engine(u, poolclass=NullPool, connect_args={
        "connect_timeout": CONNECT_TIMEOUT, "application_name": "counter-sync",
        "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
        "keepalives_count": 3, "options": "-c statement_timeout=300000",
    })


def check_server(conn: Connection) -> str:
    """Raise ServerNotReady unless this is an initialised shared database of our schema
    version; return its server id."""
    if not inspect(conn).has_table("sync_meta"):
        raise ServerNotReady("已连接，但该数据库尚未初始化为共享服务器：请管理员运行 "
                             "counter-admin init-server")
    meta: dict[str, str] = dict(conn.execute(text("SELECT key, value FROM sync_meta")).all())
    if meta.get("role") != "server" or not meta.get("server_id"):
        raise ServerNotReady("该数据库不是共享服务器（可能是某台终端的本机数据库）：请核对服务器地址")
    rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()
    if rev != head_revision():
        raise ServerNotReady(f"服务器数据库版本（{rev}）与本机程序（{head_revision()}）不一致："
                             "请管理员运行 counter-admin init-server 升级，或更新本机程序")
    if conn.dialect.name == "sqlite":
        mode = conn.execute(text("SELECT mode FROM sync_capture WHERE id = 1")).scalar()
        if mode != "server":
            raise ServerNotReady("共享 SQLite 文件未设为服务器模式：请运行 counter-admin init-server")
    return meta["server_id"]


def test_connection(url: str) -> tuple[bool, str]:
    """(ok, a Chinese sentence for the settings dialog). Never raises."""
    try:
        u = parse_url(url)
        if u.get_backend_name() == "sqlite" and not sqlite_path(u).exists():
            return False, f"共享数据库文件不存在：{u.database}"
        engine = server_engine(url)
    except SyncError as exc:
        return False, str(exc)
    try:
        with engine.connect() as conn:
            check_server(conn)
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return True, f"连接成功：{redact(url)}，共享数据库已就绪（版本 {version}）"
    except SyncError as exc:
        return False, str(exc)
    except SQLAlchemyError as exc:
        return False, str(translate(exc))
    finally:
        engine.dispose()


test_connection.__test__ = False  # type: ignore[attr-defined]  # not a pytest test when imported
