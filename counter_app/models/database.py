"""Opening a database: the embedded SQLite of a counter PC, or a shared server by URL.

SQLite is set up for durability, per the sqlite.org and SQLAlchemy notes in TECH-NOTES:
WAL, ``synchronous=FULL`` (NORMAL can lose the last commits on power loss; every connection
the app opens is checked by tests/test_connection_pragmas.py, while tests/test_durability.py
shows process-crash durability only), foreign keys,
a busy timeout, and ``BEGIN IMMEDIATE`` so a writer takes the lock up front instead of
failing half-way with SQLITE_BUSY.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from .opstate import current as current_op

DB_FILENAME = "counter.sqlite3"
READ_ONLY = "counter_read_only"  # execution option of read sessions


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # Writers take the lock up front; a read-only session (Database.session) begins
    # deferred, so a lookup at the counter never waits behind the sync worker's write.
    read_only = conn.get_execution_options().get(READ_ONLY, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _keyed(key: bytes) -> Any:
    """A "connect" listener giving SQLCipher the raw key before anything reads the file;
    temporary tables and sorts stay in memory (never a plain temp file on disk)."""
    pragma = f"PRAGMA key = \"x'{key.hex()}'\""

    def set_key(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error to word
        cur.execute(pragma)
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.close()

    return set_key


def make_engine(url: str, key: bytes | None = None, **kwargs: Any) -> Engine:
    """An engine for ``url``; ``key``: the SQLite file is SQLCipher-encrypted with it."""
    # An error's text never carries the statement's parameters (applicants' names, ID
    # numbers, phones): it goes to the log (diagnostics.py) and may be shown.
    kwargs.setdefault("hide_parameters", True)
    if key is not None:
        import sqlcipher3.dbapi2

        kwargs["module"] = sqlcipher3.dbapi2
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        if key is not None:  # first of all, before SQLAlchemy's own first look at the file
            event.listen(engine, "connect", _keyed(key), insert=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _changes(session: Session) -> int | None:
    """Rows changed so far on this SQLite connection (triggers included); None elsewhere."""
    raw = session.connection().connection.dbapi_connection
    return getattr(raw, "total_changes", None)


class Database:
    """An engine and its sessions. One per database; passed in, never global."""

    def __init__(self, url: str, key: bytes | None = None, **engine_kwargs: Any) -> None:
        self.url = url
        self.encrypted = key is not None
        self.engine = make_engine(url, key, **engine_kwargs)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._reads = sessionmaker(self.engine, expire_on_commit=False,
                                   execution_options={READ_ONLY: True})

    @classmethod
    def local(cls, data_dir: Path, key: bytes | None = None) -> Database:
        """The data folder's database; ``key``: a protected folder's (vault.py)."""
        return cls(sqlite_url(Path(data_dir) / DB_FILENAME), key)

    def session(self) -> Session:
        """A session for reading. It is never committed; write in ``transaction()``."""
        return self._reads()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A Core connection in a read-only (deferred) transaction, for the lookups a clerk
        waits on: no session and no entity loading."""
        with self.engine.connect() as conn:
            yield conn.execution_options(**{READ_ONLY: True})

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits on success and rolls back on any error.

        Inside an operation being recorded on a PC, the operation is queued for the hall
        service in this same transaction: what commits is sent, and nothing else."""
        with self._sessions() as session, session.begin():
            op = current_op()
            recording = op is not None and op.save is not None and not op.replay
            before = _changes(session) if recording else None
            yield session
            if op is not None and op.save is not None:
                # A PC queues an operation only when it changed something (a print preview
                # reads, or re-renders a notice already issued: nothing to send).
                if op.replay or before is None or _changes(session) != before:
                    op.save(session.connection(), op)

    def dispose(self) -> None:
        self.engine.dispose()
