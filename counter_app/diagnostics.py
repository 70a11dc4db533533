"""Diagnostics in the field: a rotating log in the data folder, an excepthook that apologises
in Chinese and names the log, and the bundle IT support asks for (counter-admin diagnose).

Standard library only, so the app can set it up before anything else loads. Nothing here
writes an applicant's ID number: log records pass through ``mask_ids``, and so does every
text the bundle carries.

In an encrypted data folder (vault.py) each record is also sealed before it is written
(X25519 to the folder's log key, then AES-256-GCM): the log can be written before anyone
signs in, and read only with the folder unlocked (``read_log``, ``diagnose --user``). A
name in an error's text is then no more readable than the database.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import platform
import re
import sqlite3
import sys
import threading
import traceback
import zipfile
from collections.abc import Callable
from datetime import datetime
from importlib import metadata
from pathlib import Path
from types import TracebackType

LOG_DIR = "logs"
LOG_FILE = "counter.log"
LOG_BYTES = 1_000_000
LOG_KEEP = 5
DB_FILENAME = "counter.sqlite3"  # = models.database.DB_FILENAME

# An 18-character resident ID (17 digits and a digit or X), or an old 15-digit one; a
# 20-digit case number is neither.
_ID = re.compile(r"(?<![0-9A-Za-z])(\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])")
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\]$", re.M)
_URL_PASSWORD = re.compile(r"(://[^:/@\s]+:)[^@\s]+@")
_SECRET_KEYS = re.compile(r"secret|password|passwd|token|credential|server_url|private", re.I)
HANDLER_TAG = "_counter_log"


def mask_ids(text: str) -> str:
    """Every ID-number-shaped run of digits masked (first 6 and last 4 stay), mobile numbers
    masked (138****5678), SQL parameters and passwords in URLs dropped."""
    def one(m: re.Match[str]) -> str:
        whole = m.group(0)
        return whole[:6] + "*" * (len(whole) - 10) + whole[-4:]

    text = _SQL_PARAMETERS.sub("[parameters: （已隐去）]", _ID.sub(one, text))
    return _URL_PASSWORD.sub(r"\1***@", _MOBILE.sub(r"\1****\2", text))


_QUOTED = re.compile(r"“[^”]*”")


def mask_quoted(text: str) -> str:
    """What a service message quotes (“张伟”, “4115…”: the values; the field names stand
    outside the quotes) left out, for a log that outlives the screen that showed it."""
    return _QUOTED.sub("“…”", text)


class _MaskIds(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_ids(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = mask_ids("".join(traceback.format_exception(*record.exc_info)))
        return True


def log_masked_to(stream: object, logger: str = "counter_app") -> logging.Handler:
    """Send ``logger``'s records to ``stream`` (the hall service's stderr, which systemd or
    the service's log file keeps) through the same ID-number mask as the data folder's log."""
    handler = logging.StreamHandler(stream)  # type: ignore[call-overload]  # any writable text stream
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(_MaskIds())
    target = logging.getLogger(logger)
    target.addHandler(handler)
    target.propagate = False  # not again, unmasked, through the root's last-resort handler
    if target.level == logging.NOTSET:
        target.setLevel(logging.WARNING)  # as Python's last-resort handler showed before
    return handler


def log_path(folder: Path) -> Path:
    return Path(folder) / LOG_DIR / LOG_FILE


def setup_logging(folder: Path) -> Path | None:
    """Log to ``<data folder>/logs/counter.log`` (1 MB, 5 kept). Returns the path, or None
    when the folder cannot take a log (read-only): the app still runs.

    Calling it again (another data folder) replaces the previous file handler."""
    stop_logging()
    root = logging.getLogger()
    path = log_path(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        public = _log_public_key(Path(folder))
        handler: logging.handlers.RotatingFileHandler = (
            _SealedLog(path, public) if public else logging.handlers.RotatingFileHandler(
                path, maxBytes=LOG_BYTES, backupCount=LOG_KEEP, encoding="utf-8", delay=False))
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    handler.addFilter(_MaskIds())
    setattr(handler, HANDLER_TAG, True)
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return path


SEALED_HEADER = "#counter-sealed-log/1 "
SEALED = "sealed "
_LOG_INFO = b"counter-log/1"


def _log_public_key(folder: Path) -> bytes | None:
    from .vault import log_public_key

    return log_public_key(folder)


def _log_aead(private_or_ephemeral: object, public: bytes):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    shared = private_or_ephemeral.exchange(X25519PublicKey.from_public_bytes(public))  # type: ignore[attr-defined]  # either key type has exchange()
    return AESGCM(HKDF(hashes.SHA256(), 32, None, _LOG_INFO).derive(shared))


class _SealedLog(logging.handlers.RotatingFileHandler):
    """The data folder's log, one sealed line per record. Each file opened starts with a new
    ephemeral key's public half; the folder's private log key (wrapped by the database key)
    and it give the AES key of the lines that follow."""

    def __init__(self, path: Path, public: bytes) -> None:
        self._public = public
        super().__init__(path, maxBytes=LOG_BYTES, backupCount=LOG_KEEP, encoding="utf-8",
                         delay=False)

    def _open(self):
        import base64

        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

        stream = super()._open()
        ephemeral = X25519PrivateKey.generate()
        self._aead = _log_aead(ephemeral, self._public)
        pub = ephemeral.public_key().public_bytes(serialization.Encoding.Raw,
                                                  serialization.PublicFormat.Raw)
        stream.write(SEALED_HEADER + base64.b64encode(pub).decode() + "\n")
        return stream

    def format(self, record: logging.LogRecord) -> str:
        import base64
        import os

        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, super().format(record).encode("utf-8"), None)
        return SEALED + base64.b64encode(nonce + sealed).decode()


def read_log(path: Path, private: bytes | None) -> str:
    """A log file as text: sealed lines opened with the folder's private log key (None:
    they stay as they are, marked), plain lines as they are."""
    import base64

    out, aead = [], None
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(SEALED_HEADER):
            aead = None
            if private is not None:
                from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

                aead = _log_aead(X25519PrivateKey.from_private_bytes(private),
                                 base64.b64decode(line[len(SEALED_HEADER):]))
        elif line.startswith(SEALED) and aead is not None:
            raw = base64.b64decode(line[len(SEALED):])
            try:
                out.append(aead.decrypt(raw[:12], raw[12:], None).decode("utf-8", "replace"))
            except Exception:  # a line cut short by a crash
                out.append("（此行不完整，无法解密）")
        elif line.startswith(SEALED):
            out.append("（已加密：解锁数据文件夹后可读）")
        else:
            out.append(line)
    return "\n".join(out) + ("\n" if out else "")


def stop_logging() -> None:
    """Close the data folder's log (the CLI does at the end of each command)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, HANDLER_TAG, False)]:
        root.removeHandler(old)
        old.close()


def apology(path: Path | None) -> str:
    where = f"出错详情已记入日志：{path}。" if path else "出错详情未能写入日志（数据文件夹不可写）。"
    return ("很抱歉，程序出错了。您刚才的操作可能没有完成，请核对后重试；已保存的办件不受影响。"
            f"{where}如果反复出现，请联系技术支持。")


def install_excepthook(path: Path | None, show: Callable[[str], object]) -> None:
    """Uncaught exceptions (main thread and others) go to the log with their traceback, and
    the user sees ``apology(path)`` through ``show`` (a message box in the app)."""
    log = logging.getLogger("counter.crash")

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(kind, exc, tb))
        try:
            show(apology(path))
        except Exception:  # the apology itself must never raise from inside a hook
            log.exception("could not show the apology")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook


# -- the bundle for IT support ---------------------------------------------------------------

def _versions() -> dict[str, str]:
    out = {"python": sys.version.split()[0], "platform": platform.platform(),
           "sqlite": sqlite3.sqlite_version, "frozen": str(bool(getattr(sys, "frozen", False)))}
    for dist in ("counter-app", "SQLAlchemy", "alembic", "PySide6-Essentials", "reportlab",
                 "chinesecalendar", "psycopg"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "-"
    return out


def _query(con: sqlite3.Connection, sql: str) -> list[tuple]:
    try:
        return con.execute(sql).fetchall()
    except Exception as exc:  # sqlite3's or SQLCipher's error
        return [("error", str(exc))]


def _connect(db: Path, key: bytes | None) -> sqlite3.Connection:
    if key is None:
        return sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    import sqlcipher3.dbapi2 as cipher

    con = cipher.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    con.execute("PRAGMA cipher_log_level = NONE")
    con.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return con


def _database_report(db: Path, key: bytes | None = None) -> dict[str, object]:
    if not db.exists():
        return {"database": str(db), "exists": False}
    report: dict[str, object] = {"database": str(db), "exists": True, "bytes": db.stat().st_size}
    from .vault import is_protected

    report["encrypted"] = is_protected(db.parent)
    if report["encrypted"] and key is None:
        report["open_error"] = "数据库已加密：用 counter-admin --user 用户名 diagnose 解锁后才能检查"
        return report
    try:
        con = _connect(db, key)
    except Exception as exc:  # sqlite3's or SQLCipher's error
        report["open_error"] = str(exc)
        return report
    try:
        report["integrity_check"] = [r[0] for r in _query(con, "PRAGMA integrity_check(20)")]
        for pragma in ("journal_mode", "page_size", "page_count", "freelist_count"):
            rows = _query(con, f"PRAGMA {pragma}")
            report[pragma] = rows[0][0] if rows else None
        report["alembic_revision"] = _query(con, "SELECT version_num FROM alembic_version")
        settings = {}
        for key, value in _query(con, "SELECT key, value FROM setting"):
            settings[key] = "（已隐去）" if _SECRET_KEYS.search(str(key)) else value
        report["settings"] = settings
        report["sync"] = {
            "outbox_waiting": _query(con, "SELECT COUNT(*) FROM sync_outbox"),
            "outbox_failing": _query(
                con, "SELECT COUNT(*), MAX(attempts) FROM sync_outbox WHERE attempts > 0"),
            "outbox_oldest": _query(
                con, "SELECT table_name, op, queued_at, attempts, last_error FROM sync_outbox "
                     "ORDER BY queued_at LIMIT 20"),
        }
        report["counts"] = {t: _query(con, f"SELECT COUNT(*) FROM {t}")[0][0]
                            for t in ("case_file", "event_log", "print_log", "staff")}
    finally:
        con.close()
    return report


def write_bundle(folder: Path, out: Path, key: bytes | None = None) -> list[str]:
    """Write the diagnostics zip; returns the names of the files it holds. ``key``: an
    encrypted folder's, unlocked (its database is checked, its log opened); without it the
    bundle says what could not be read.

    Works on a broken data folder too: whatever cannot be read is reported, not raised."""
    folder = Path(folder)
    report = {"written_at": datetime.now().isoformat(timespec="seconds"),
              "data_folder": str(folder), "versions": _versions(),
              **_database_report(folder / DB_FILENAME, key)}
    private = None
    if key is not None:
        from .vault import log_private_key

        private = log_private_key(folder, key)
    names = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("report.json", mask_ids(json.dumps(report, ensure_ascii=False, indent=2,
                                                      default=str)))
        names.append("report.json")
        logs = sorted((folder / LOG_DIR).glob(f"{LOG_FILE}*")) if (folder / LOG_DIR).is_dir() else []
        for log in logs:
            text = read_log(log, private)
            z.writestr(f"logs/{log.name}", mask_ids(text))
            names.append(f"logs/{log.name}")
    return names
