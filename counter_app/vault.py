"""The key of a protected data folder, and who may unwrap it (docs/PERSONAL-DATA.md, "At rest").

A protected folder's database is SQLCipher-encrypted with a random 256-bit key. The key is
never stored as such: ``counter.keys`` beside the database holds it wrapped (AES-256-GCM)
once per staff member, under a key derived from that person's password with argon2id, so
the database can be unlocked before its staff table can be read. A slot is found by a keyed
hash of the user name (the file does not list who works here). An optional recovery slot
is split between the folder and the hall service: the folder keeps a random secret, the
service keeps the database key wrapped under it and hands it back only to this terminal
with a supervisor's credential (``hall/recovery.py``).

The file also carries the folder's log key: an X25519 public key in the clear (the log is
written before anyone signs in) and its private half wrapped under the database key, so
the log can be read only once the folder is unlocked (``diagnostics.py``).

Standard library, argon2 and cryptography only: no SQLAlchemy, no Qt. Nothing here raises
with a password or key in its message.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import sys
import threading
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEYS_FILE = "counter.keys"
FORMAT = "counter-keys/1"
KEY_BYTES = 32
# argon2id with 64 MiB, 2 passes, 2 lanes: about 60 ms on an idle 2-core PC, so that
# unlocking stays under 300 ms on a busy one (bench/bench_atrest.py); above OWASP's floor
# (19 MiB, t=2). Kept per slot, so a later version can raise them.
ARGON2 = {"t": 2, "m": 65536, "p": 2}
WRONG = "用户名或密码错误"
_AAD_SLOT = b"counter-slot/1:"
_AAD_RECOVERY = b"counter-recovery/1:"
_AAD_LOG = b"counter-logkey/1"
_CHECK = b"counter key check/1"

_lock = threading.Lock()
_unlocked: dict[Path, bytes] = {}
_current: set[tuple[Path, str]] = set()  # slots known to open with the password last used


class VaultError(Exception):
    """The folder cannot be unlocked (or its key file is unreadable). The message is for the
    user and never says whether a user name has a slot here."""


class NoSlot(VaultError):
    """This user has no slot in this folder's key file."""


class Locked(VaultError):
    """The folder is protected and no one has unlocked it in this process."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def keys_path(folder: Path | str) -> Path:
    return Path(folder) / KEYS_FILE


def is_protected(folder: Path | str) -> bool:
    return keys_path(folder).exists()


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def key_pragma(key: bytes) -> str:
    """SQLCipher's raw-key form: the key is used as is (no PBKDF2 at every connection)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


# -- the file ------------------------------------------------------------------------------

def _read(folder: Path | str) -> dict[str, Any]:
    path = keys_path(folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VaultError(f"数据文件夹“{folder}”的密钥文件 {KEYS_FILE} 不存在：数据库无法解锁。"
                         "请从备份恢复整个数据文件夹，或请管理员用大厅服务重建本机") from None
    except (OSError, ValueError) as exc:
        raise VaultError(f"密钥文件“{path}”无法读取（{type(exc).__name__}）：数据库无法解锁。"
                         "请不要删除数据文件夹，联系管理员") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise VaultError(f"密钥文件“{path}”的格式不是本程序所写：数据库无法解锁，请联系管理员")
    return data


def _write(folder: Path | str, data: dict[str, Any]) -> None:
    """Whole or not at all (a crash leaves the old file), readable by this account only."""
    path = keys_path(folder)
    tmp = path.with_name(f".{path.name}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_value(key: bytes) -> str:
    return _b64(hmac.new(key, _CHECK, hashlib.sha256).digest())


def _slot_id(data: dict[str, Any], username: str) -> str:
    return hmac.new(_unb64(data["salt"]), username.strip().encode("utf-8"),
                    hashlib.sha256).hexdigest()[:32]


def _kek(password: str, salt: bytes, t: int, m: int, p: int) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(password.encode("utf-8"), salt, t, m, p, KEY_BYTES, Type.ID)


def _aead(key: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def create(folder: Path | str, key: bytes) -> None:
    """A new key file for ``key``: the folder is protected from now on.

    Until its first slot (a staff member's, or the hall's recovery slot) the key waits in
    the file in the clear ("pending"): a folder nobody can sign in to yet holds settings and
    the catalog, no applicant, and a set-up stopped half-way must not lock itself out. The
    first slot written removes it."""
    folder = Path(folder)
    if is_protected(folder):
        raise VaultError(f"数据文件夹“{folder}”已有密钥文件，不能再次创建")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    log_key = X25519PrivateKey.generate()
    private = log_key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                    serialization.NoEncryption())
    public = log_key.public_key().public_bytes(serialization.Encoding.Raw,
                                               serialization.PublicFormat.Raw)
    nonce = secrets.token_bytes(12)
    data = {
        "format": FORMAT, "cipher": "sqlcipher4-raw-key", "salt": _b64(secrets.token_bytes(16)),
        "check": _check_value(key), "slots": {}, "pending": _b64(key),
        "log": {"public": _b64(public), "nonce": _b64(nonce),
                "box": _b64(_aead(key).encrypt(nonce, private, _AAD_LOG))},
    }
    _write(folder, data)


def check(folder: Path | str, key: bytes) -> bool:
    return hmac.compare_digest(_read(folder)["check"], _check_value(key))


def has_slot(folder: Path | str, username: str) -> bool:
    data = _read(folder)
    return _slot_id(data, username) in data["slots"]


def slot_count(folder: Path | str) -> int:
    return len(_read(folder)["slots"])


def pending_key(folder: Path | str) -> bytes | None:
    """The key of a folder that has no slot yet (see ``create``), else None."""
    pending = _read(folder).get("pending")
    return _unb64(pending) if pending else None


def unfinished(folder: Path | str) -> bool:
    """A protected folder nobody can sign in to yet: the set-up is still to be done."""
    try:
        data = _read(folder)
    except VaultError:
        return False
    return bool(data.get("pending")) or (not data["slots"] and not data.get("recovery"))


def unlock(folder: Path | str, username: str, password: str) -> bytes:
    """The database key, unwrapped with this person's password; remembered for the process.

    A wrong password and an unknown user name give the same message (``NoSlot`` tells the
    caller which, for the login screen to try another way)."""
    data = _read(folder)
    slot = data["slots"].get(_slot_id(data, username))
    if slot is None:  # as long as a wrong password takes: the answer's time tells nothing
        _kek(password, bytes(16), ARGON2["t"], ARGON2["m"], ARGON2["p"])
        raise NoSlot(WRONG)
    from cryptography.exceptions import InvalidTag

    kek = _kek(password, _unb64(slot["salt"]), slot["t"], slot["m"], slot["p"])
    try:
        key = _aead(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["box"]),
                                 _AAD_SLOT + _slot_id(data, username).encode())
    except InvalidTag:
        raise VaultError(WRONG) from None
    if not hmac.compare_digest(data["check"], _check_value(key)):
        raise VaultError(f"密钥文件“{keys_path(folder)}”与数据库不符：请联系管理员")
    remember(folder, key)
    _current.add((_norm(folder), username.strip()))
    return key


def grant(folder: Path | str, key: bytes, username: str, password: str) -> None:
    """Write (or replace) ``username``'s slot: their password now unwraps ``key``."""
    if not password:
        raise VaultError("密码为空：不能为其建立解锁密钥")
    data = _read(folder)
    if not hmac.compare_digest(data["check"], _check_value(key)):
        raise VaultError("数据库密钥与本文件夹不符：不能建立解锁密钥")
    sid = _slot_id(data, username)
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = _kek(password, salt, ARGON2["t"], ARGON2["m"], ARGON2["p"])
    data["slots"][sid] = {"kdf": "argon2id", **ARGON2, "salt": _b64(salt), "nonce": _b64(nonce),
                          "box": _b64(_aead(kek).encrypt(nonce, key, _AAD_SLOT + sid.encode()))}
    with _lock:
        fresh = _read(folder)  # a slot written meanwhile by another process is kept
        fresh["slots"][sid] = data["slots"][sid]
        fresh.pop("pending", None)
        _write(folder, fresh)
        _current.add((_norm(folder), username.strip()))


def revoke(folder: Path | str, username: str) -> bool:
    with _lock:
        data = _read(folder)
        gone = data["slots"].pop(_slot_id(data, username), None)
        if gone is not None:
            _write(folder, data)
        _current.discard((_norm(folder), username.strip()))
    return gone is not None


# -- recovery through the hall service -----------------------------------------------------

@dataclass(frozen=True)
class Recovery:
    terminal: str
    rid: str  # names this folder's slot to the service (it keeps only a hash)
    wrapped: str  # what the service keeps: the key under the folder's recovery secret


def make_recovery(folder: Path | str, key: bytes, terminal: str, url: str,
                  ca_pem: str) -> Recovery:
    """A new recovery secret in the folder; returns what the hall service is to keep. The
    hall's address and CA are kept beside it in the clear (both public): a locked PC must
    find its hall before it can read its own settings."""
    if not check(folder, key):
        raise VaultError("数据库密钥与本文件夹不符：不能建立恢复密钥")
    secret, nonce, rid = secrets.token_bytes(KEY_BYTES), secrets.token_bytes(12), secrets.token_hex(16)
    aad = _AAD_RECOVERY + rid.encode()
    wrapped = _b64(nonce + _aead(secret).encrypt(nonce, key, aad))
    with _lock:
        data = _read(folder)
        data["recovery"] = {"terminal": terminal, "url": url, "ca_pem": ca_pem, "rid": rid,
                            "secret": _b64(secret)}
        data.pop("pending", None)
        _write(folder, data)
    return Recovery(terminal, rid, wrapped)


def recovery_of(folder: Path | str) -> dict[str, str] | None:
    """The recovery slot's public part (terminal, hall url and CA, rid), or None."""
    rec = _read(folder).get("recovery")
    return {k: rec[k] for k in ("terminal", "url", "ca_pem", "rid")} if rec else None


def recover(folder: Path | str, wrapped: str) -> bytes:
    """The database key from what the hall service returned; remembered for the process."""
    from cryptography.exceptions import InvalidTag

    data = _read(folder)
    rec = data.get("recovery")
    if not rec:
        raise VaultError("本机没有登记恢复密钥：不能通过大厅服务恢复")
    raw = _unb64(wrapped)
    try:
        key = _aead(_unb64(rec["secret"])).decrypt(raw[:12], raw[12:],
                                                   _AAD_RECOVERY + rec["rid"].encode())
    except (InvalidTag, ValueError):
        raise VaultError("大厅服务返回的恢复密钥与本机不符：请确认连接的是本大厅的服务") from None
    if not hmac.compare_digest(data["check"], _check_value(key)):
        raise VaultError("恢复出的密钥与本机数据库不符：请联系管理员")
    remember(folder, key)
    return key


# -- the log key ---------------------------------------------------------------------------

def log_public_key(folder: Path | str) -> bytes | None:
    """The X25519 key the log is written to, or None (an unprotected folder)."""
    if not is_protected(folder):
        return None
    try:
        return _unb64(_read(folder)["log"]["public"])
    except (VaultError, KeyError):
        return None


def log_private_key(folder: Path | str, key: bytes) -> bytes:
    box = _read(folder)["log"]
    return bytes(_aead(key).decrypt(_unb64(box["nonce"]), _unb64(box["box"]), _AAD_LOG))


# -- keys unlocked in this process ---------------------------------------------------------

def _norm(folder: Path | str) -> Path:
    return Path(folder).expanduser().resolve()


def remember(folder: Path | str, key: bytes) -> None:
    with _lock:
        _unlocked[_norm(folder)] = key


def unlocked(folder: Path | str) -> bytes | None:
    with _lock:
        return _unlocked.get(_norm(folder))


def forget(folder: Path | str | None = None) -> None:
    with _lock:
        if folder is None:
            _unlocked.clear()
            _current.clear()
        else:
            _unlocked.pop(_norm(folder), None)
            _current.difference_update({c for c in _current if c[0] == _norm(folder)})


# -- permissions ---------------------------------------------------------------------------

def restrict(folder: Path | str) -> None:
    """The folder for this account alone: 0700, its files 0600 (Linux and macOS). On
    Windows the default folder is in the user's own profile (LOCALAPPDATA), which other
    standard users cannot open; a folder elsewhere gets its inherited rights removed and
    full control for this user and SYSTEM only (icacls)."""
    folder = Path(folder)
    if sys.platform == "win32":
        _restrict_windows(folder)
        return
    try:
        folder.chmod(0o700)
        for path in folder.rglob("*"):
            if path.is_symlink():
                continue
            path.chmod(0o700 if path.is_dir() else 0o600)
    except OSError:
        pass  # a folder on a file system without modes (a FAT stick): the encryption stays


def _restrict_windows(folder: Path) -> None:  # pragma: no cover - Windows only
    import subprocess

    user = os.environ.get("USERNAME", "")
    if not user:
        return
    subprocess.run(["icacls", str(folder), "/inheritance:r", "/grant:r",
                    f"{user}:(OI)(CI)F", "*S-1-5-18:(OI)(CI)F"],
                   capture_output=True, check=False)


@dataclass(frozen=True)
class Keyring:
    """An unlocked protected folder, as the services see it: they give a staff member a
    slot when they know the password (an account made here, a password changed or reset,
    a sign-in on a PC already unlocked) and take it away when the account goes."""

    folder: Path
    key: bytes = dataclass_field(repr=False)

    def grant(self, username: str, password: str) -> None:
        grant(self.folder, self.key, username, password)

    def revoke(self, username: str) -> bool:
        return revoke(self.folder, username)

    def has(self, username: str) -> bool:
        return has_slot(self.folder, username)

    def opens(self, username: str, password: str) -> bool:
        """Does this password unwrap this user's slot? (After a password change on another
        PC the slot here still holds the old one until someone signs in with the new.)
        Asked once per user and process: a slot unwrapped or written here is known."""
        if (_norm(self.folder), username.strip()) in _current:
            return True
        try:
            unlock(self.folder, username, password)
        except VaultError:
            return False
        return True

    def refresh(self, username: str, password: str) -> None:
        """After a successful sign-in: the user's slot opens with this password from now on."""
        if not self.opens(username, password):
            self.grant(username, password)
