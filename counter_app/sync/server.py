"""Creating or upgrading the shared database (``counter-admin init-server URL``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from ..models import new_id
from ..models.database import Database
from ..models.migrate import current_revision, upgrade
from .capture import capture_mode, ensure_capture, journal_all, set_mode
from .connection import parse_url, redact, sqlite_path
from .errors import SyncError, translate


@dataclass(frozen=True)
class ServerInfo:
    url: str  # redacted
    kind: str  # postgresql / sqlite
    revision: str
    server_id: str
    created: bool  # a new server id was made (first initialisation)


def _set_meta(conn, key: str, value: str) -> None:
    conn.execute(text("DELETE FROM sync_meta WHERE key = :k"), {"k": key})
    conn.execute(text("INSERT INTO sync_meta (key, value) VALUES (:k, :v)"),
                 {"k": key, "v": value})


def init_server(url: str) -> ServerInfo:
    """Create or upgrade the shared schema in place and mark the database as the server.

    Safe to run again: an up-to-date server is left as it is. A shared SQLite file turns its
    triggers to journaling; rows it already held are journaled so counters pull them.
    """
    u = parse_url(url)
    kind = u.get_backend_name()
    if kind == "sqlite":
        sqlite_path(u).parent.mkdir(parents=True, exist_ok=True)
    db = Database(u.render_as_string(hide_password=False), poolclass=NullPool)
    try:
        upgrade(db)
        with db.engine.begin() as conn:
            ensure_capture(conn)
            if kind == "sqlite" and conn.execute(text(
                    "SELECT count(*) FROM setting WHERE key = 'sync.server_id'")).scalar_one():
                raise SyncError("这是一台终端的本机数据库（已与服务器同步过），不能设为共享服务器："
                                "请另建一个共享数据库文件")
            if kind == "sqlite" and capture_mode(conn) != "server":
                set_mode(conn, "server")
                conn.execute(text("DELETE FROM sync_outbox"))
                if conn.execute(text("SELECT count(*) FROM sync_journal")).scalar_one() == 0:
                    journal_all(conn)
            meta: dict[str, str] = dict(conn.execute(text("SELECT key, value FROM sync_meta")).all())
            created = not meta.get("server_id")
            if created:
                _set_meta(conn, "server_id", new_id())
            _set_meta(conn, "role", "server")
            server_id = conn.execute(text(
                "SELECT value FROM sync_meta WHERE key = 'server_id'")).scalar_one()
        return ServerInfo(redact(url), kind, current_revision(db) or "", server_id, created)
    except SQLAlchemyError as exc:
        raise translate(exc) from exc
    finally:
        db.dispose()


def renew_server_id(url: str) -> str:
    """Give a copied database its own identity (tests clone a template database)."""
    db = Database(parse_url(url).render_as_string(hide_password=False), poolclass=NullPool)
    try:
        with db.engine.begin() as conn:
            sid = new_id()
            _set_meta(conn, "server_id", sid)
            return sid
    finally:
        db.dispose()
