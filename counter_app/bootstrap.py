"""The one place that wires Counter together at start-up, for the app and the CLI alike.

Opening a data folder creates or upgrades its SQLite database in place (Alembic) and reads
this PC's terminal code; everything else receives the resulting ``ServiceContext``.
"""

from __future__ import annotations

import os
from pathlib import Path

from .failures import StorageError, check_database_file, describe
from .models.database import DB_FILENAME, Database
from .models.migrate import upgrade
from .paths import data_dir
from .services.context import CorrectedClock, ServiceContext
from .services.numbering import normalize_terminal
from .services.settings import HALL_OFFSET_KEY, HALL_URL_KEY, TERMINAL_KEY, get_setting, set_setting

DEFAULT_TERMINAL = "01"


def open_database(folder: str | os.PathLike[str] | None = None) -> Database:
    """Open (create, upgrade) the data folder's database; a broken, read-only or full data
    folder raises ``StorageError`` with a message for the user."""
    where = data_dir(folder)
    check_database_file(where / DB_FILENAME)
    db = Database.local(where)
    try:
        upgrade(db)
        from .sync.capture import ensure_capture

        with db.engine.begin() as conn:  # a migration that added or copied a table needs triggers
            ensure_capture(conn)
    except Exception as exc:
        db.dispose()
        message = describe(exc, where / DB_FILENAME)
        if message is None:
            raise
        raise StorageError(message) from exc
    return db


def terminal_code(db: Database) -> str:
    with db.session() as s:
        return get_setting(s, TERMINAL_KEY) or ""


def set_terminal_code(db: Database, code: str | int) -> str:
    norm = normalize_terminal(code)
    with db.transaction() as s:
        set_setting(s, TERMINAL_KEY, norm)
    return norm


def open_context(folder: str | os.PathLike[str] | None = None) -> ServiceContext:
    db = open_database(folder)
    code = terminal_code(db) or set_terminal_code(db, DEFAULT_TERMINAL)
    with db.session() as s:
        enrolled = bool(get_setting(s, HALL_URL_KEY))
        offset = float(get_setting(s, HALL_OFFSET_KEY) or 0)
    if not enrolled:
        return ServiceContext(db=db, terminal=code)
    # An enrolled PC records every operation for the hall service (services/operations.py)
    # and dates them by the hall's clock (the offset is measured at every sync).
    return ServiceContext(db=db, terminal=code, clock=CorrectedClock(offset_s=offset),
                          records_ops=True, live=_LiveLink(db))


class _LiveLink:
    """Live operations (the queue) go to the hall service at once; the HTTP client is
    made on first use, so start-up does not pay for it."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.link = None

    def __call__(self, state):  # type: ignore[no-untyped-def]
        if self.link is None:
            from .hallsync.live import LiveLink

            self.link = LiveLink(self.db)
        return self.link(state)

    def close(self) -> None:
        if self.link is not None:
            self.link.close()


def database_path(folder: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(folder) / DB_FILENAME
