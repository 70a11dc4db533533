"""The one place that wires Counter together at start-up, for the app and the CLI alike.

Opening a data folder creates or upgrades its SQLite database in place (Alembic) and reads
this PC's terminal code; everything else receives the resulting ``ServiceContext``.

A data folder is protected or not from its creation on (docs/PERSONAL-DATA.md, "At rest"):
a protected one has a key file (``vault.py``) and an SQLCipher database that opens only with
the key someone unlocked in this process (the login screen, ``counter-admin --user``). The
app's first run, set-up files and ``counter-admin --user NAME init`` create protected ones; a folder
opened here without ``protect=True`` and without a key file stays a plain SQLite folder
(the test fixtures, a hall of old PCs until ``counter-admin protect``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import vault
from .failures import StorageError, check_database_file, describe
from .models.database import DB_FILENAME, Database
from .models.migrate import upgrade
from .paths import data_dir
from .services.context import CorrectedClock, ServiceContext
from .services.intake.numbering import normalize_terminal
from .services.settings import HALL_OFFSET_KEY, HALL_URL_KEY, TERMINAL_KEY, get_setting, set_setting

DEFAULT_TERMINAL = "01"


LOCKED = ("数据文件夹已加密，需要工作人员登录后才能打开：在程序里登录，"
          "或在命令行用 --user 用户名（密码在提示时输入，脚本可用环境变量 COUNTER_PASSWORD）")


def is_new(folder: Path) -> bool:
    db = folder / DB_FILENAME
    return not db.exists() or db.stat().st_size == 0


ENCRYPTED_NEW = DB_FILENAME + ".encrypted-new"


def protect_existing(folder: str | os.PathLike[str] | None, username: str, password: str) -> int:
    """Turn a plain data folder into an encrypted one; ``username`` (a supervisor, checked
    against the folder's own accounts) gets the first slot. Returns the number of cases.

    The encrypted copy is written whole beside the plain database, then the key file, then
    the copy replaces the database; a crash in between is finished at the next opening
    (``_finish_protect``). The plain file is deleted, not wiped: on an SSD its old blocks may
    stay readable until reused (docs/PERSONAL-DATA.md)."""
    from sqlalchemy import func, select

    from .models import CaseFile
    from .services.people.auth import AuthService

    where = data_dir(folder)
    if vault.is_protected(where):
        raise StorageError(f"数据文件夹“{where}”已经加密")
    db = open_database(where)
    try:
        ctx = ServiceContext(db=db, terminal=terminal_code(db))
        actor = AuthService(ctx).login(username, password)
        if not actor.has("supervisor"):
            raise StorageError(f"{actor.full_name}不是管理人员：加密数据文件夹须由管理人员进行")
        with db.session() as s:
            cases = int(s.execute(select(func.count()).select_from(CaseFile)).scalar_one())
    finally:
        db.dispose()  # the last connection folds the WAL into the file
    import sqlcipher3.dbapi2 as cipher

    key, target = vault.new_key(), where / ENCRYPTED_NEW
    target.unlink(missing_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT, 0o600)
    os.close(fd)
    con = cipher.connect(str(where / DB_FILENAME), isolation_level=None)
    try:
        con.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{key.hex()}'\"", (str(target),))
        con.execute("SELECT sqlcipher_export('enc')")
        con.execute("DETACH DATABASE enc")
    finally:
        con.close()
    with target.open("rb+") as f:
        os.fsync(f.fileno())
    vault.create(where, key)
    vault.grant(where, key, username, password)
    _finish_protect(where)
    vault.remember(where, key)
    vault.restrict(where)
    return cases


def _finish_protect(where: Path) -> None:
    """The encrypted copy, complete and with its key file written, replaces the plain file."""
    new = where / ENCRYPTED_NEW
    if not new.exists() or not vault.is_protected(where):
        return
    for name in (DB_FILENAME + "-wal", DB_FILENAME + "-shm"):
        (where / name).unlink(missing_ok=True)
    os.replace(new, where / DB_FILENAME)


def folder_key(where: Path, protect: bool = False) -> bytes | None:
    """The key to open ``where`` with: None for a plain folder. A new folder asked to be
    protected gets its key file here (an empty database file first, so that SQLite's
    journal files take its 0600 mode)."""
    if vault.is_protected(where):
        _finish_protect(where)
        key = vault.unlocked(where) or vault.pending_key(where)  # pending: no account yet
        if key is None:
            raise vault.Locked(LOCKED)
        vault.remember(where, key)
        return key
    if not protect or not is_new(where):  # an existing plain folder stays plain until
        return None  # counter-admin protect (the app and set-up files still open it)
    key = vault.new_key()
    fd = os.open(where / DB_FILENAME, os.O_WRONLY | os.O_CREAT, 0o600)
    os.close(fd)
    vault.create(where, key)
    vault.restrict(where)
    vault.remember(where, key)
    return key


# One answer for a wrong password and a user with no slot here (as the login's own answer
# never tells which user names exist), with what to do when it is the latter.
NOT_UNLOCKED = ("用户名或密码错误。如果您从未在本机登录过，本机还没有您的解锁密钥：请先由在本机登录过的"
                "同事或管理人员登录，之后您切换用户登录即可")
ENROLLED_HINT = "；已注册到大厅服务的本机，管理人员可用其大厅账号直接登录"


def unlock_folder(folder: str | os.PathLike[str] | None, username: str, password: str) -> None:
    """Unlock a protected folder for this process with a staff member's password (a plain
    or an already unlocked folder: nothing to do). On a PC enrolled with a hall service, a
    password no slot here takes is tried on the hall's recovery slot, which answers for a
    supervisor only (hall/recovery.py). Raises ``vault.VaultError`` with a message."""
    where = data_dir(folder)
    if not vault.is_protected(where) or vault.unlocked(where) is not None:
        return
    pending = vault.pending_key(where)
    if pending is not None:  # no slot yet: this sign-in writes the first (AuthService.login)
        vault.remember(where, pending)
        return
    try:
        vault.unlock(where, username, password)
    except vault.VaultError as exc:
        if str(exc) != vault.WRONG:  # the key file itself is the problem
            raise
        if vault.recovery_of(where) is None:
            raise vault.VaultError(NOT_UNLOCKED) from None
        from .hallsync.recovery import recover_key
        from .sync.errors import SyncError

        try:
            recover_key(where, username, password)
        except SyncError as hall_exc:
            raise vault.VaultError(f"{NOT_UNLOCKED}{ENROLLED_HINT}（大厅服务：{hall_exc}）") from None


def open_database(folder: str | os.PathLike[str] | None = None, *,
                  protect: bool = False) -> Database:
    """Open (create, upgrade) the data folder's database; a broken, read-only or full data
    folder raises ``StorageError`` with a message for the user, a protected folder nobody
    unlocked raises ``vault.Locked``. ``protect``: a new folder is created protected."""
    where = data_dir(folder)
    key = folder_key(where, protect)
    if key is None:
        check_database_file(where / DB_FILENAME)
    else:
        vault.restrict(where)  # a file copied in, or a mode changed by hand, is put right
    db = Database.local(where, key)
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


def keyring(db: Database) -> vault.Keyring | None:
    """The unlocked key of the database's protected folder, or None (a plain folder)."""
    if not db.encrypted:
        return None
    folder = Path(db.url.removeprefix("sqlite:///")).parent
    key = vault.unlocked(folder)
    return vault.Keyring(folder, key) if key is not None else None


def open_context(folder: str | os.PathLike[str] | None = None, *,
                 protect: bool = False) -> ServiceContext:
    db = open_database(folder, protect=protect)
    code = terminal_code(db) or set_terminal_code(db, DEFAULT_TERMINAL)
    with db.session() as s:
        enrolled = bool(get_setting(s, HALL_URL_KEY))
        offset = float(get_setting(s, HALL_OFFSET_KEY) or 0)
    if not enrolled:
        return ServiceContext(db=db, terminal=code, keys=keyring(db))
    # An enrolled PC records every operation for the hall service (services/operations.py)
    # and dates them by the hall's clock (the offset is measured at every sync).
    from .hallsync.staff_keys import StaffSigner

    return ServiceContext(db=db, terminal=code, clock=CorrectedClock(offset_s=offset),
                          records_ops=True, keys=keyring(db), live=_LiveLink(db),
                          signer=StaffSigner(db))


class _LiveLink:
    """Live operations (the queue) go to the hall service at once; the HTTP client is
    made on first use, so start-up does not pay for it."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.link: Any = None  # hallsync.live.LiveLink, made on first use

    def __call__(self, state: Any) -> Any:
        if self.link is None:
            from .hallsync.live import LiveLink

            self.link = LiveLink(self.db)
        return self.link(state)

    def close(self) -> None:
        if self.link is not None:
            self.link.close()
