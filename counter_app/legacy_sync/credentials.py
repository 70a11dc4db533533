"""Keeping the server URL (with its password) on a counter PC without plain text.

On Windows the URL is sealed with DPAPI (CryptProtectData, bound to the signed-in Windows
account): another account, or the database file copied to another PC, cannot open it.
Elsewhere a random key lives in a file beside the database, readable by its owner only
(0600), and the URL is encrypted with a stdlib construction: an HMAC-SHA256 keystream
(counter mode) with an HMAC-SHA256 tag over nonce and ciphertext (encrypt-then-MAC).
That protects against someone reading the database or a backup of it; it cannot protect
against the same OS account reading both files, which no desktop scheme can.
A URL without a password holds no secret and is stored as it is.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import sys
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from ..paths import data_dir
from ..services.settings import get_setting, set_setting
from ..sync.errors import SyncError

SERVER_URL_KEY = "server_url"
KEY_FILE = "sync-secret.key"
PREFIX = "protected:v1:"
_ENTROPY = b"Counter sync server URL"


# -- Windows DPAPI -------------------------------------------------------------------------

def _dpapi(data: bytes, protect: bool) -> bytes:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    def blob(raw: bytes) -> tuple[Blob, object]:
        buf = ctypes.create_string_buffer(raw, len(raw))
        return Blob(len(raw), ctypes.cast(buf, ctypes.POINTER(ctypes.c_char))), buf

    windll = ctypes.windll  # type: ignore[attr-defined]  # Windows-only API
    source, keep1 = blob(data)
    entropy, keep2 = blob(_ENTROPY)
    out = Blob()
    fn = windll.crypt32.CryptProtectData if protect else windll.crypt32.CryptUnprotectData
    ui_forbidden = 0x1
    if not fn(ctypes.byref(source), None, ctypes.byref(entropy), None, None, ui_forbidden,
              ctypes.byref(out)):
        raise OSError(ctypes.GetLastError(), "DPAPI failed")  # type: ignore[attr-defined]  # Windows-only API
    try:
        return ctypes.string_at(out.pbData, out.cbData)
    finally:
        windll.kernel32.LocalFree(out.pbData)
        del keep1, keep2


# -- key file + HMAC stream ----------------------------------------------------------------

def _master_key(key_dir: Path) -> bytes:
    path = key_dir / KEY_FILE
    if not path.exists():
        key_dir.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    if os.name == "posix" and path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    return bytes.fromhex(path.read_text().strip())


def _keystream(key: bytes, nonce: bytes, length: int) -> bytes:
    out = bytearray()
    counter = 0
    while len(out) < length:
        out += hmac.new(key, nonce + counter.to_bytes(8, "big"), hashlib.sha256).digest()
        counter += 1
    return bytes(out[:length])


def _subkeys(master: bytes) -> tuple[bytes, bytes]:
    return (hmac.new(master, b"enc", hashlib.sha256).digest(),
            hmac.new(master, b"mac", hashlib.sha256).digest())


def _seal(data: bytes, key_dir: Path) -> bytes:
    enc, mac = _subkeys(_master_key(key_dir))
    nonce = secrets.token_bytes(16)
    body = bytes(a ^ b for a, b in zip(data, _keystream(enc, nonce, len(data)), strict=True))
    return nonce + body + hmac.new(mac, nonce + body, hashlib.sha256).digest()


def _open(token: bytes, key_dir: Path) -> bytes:
    enc, mac = _subkeys(_master_key(key_dir))
    nonce, body, tag = token[:16], token[16:-32], token[-32:]
    expected = hmac.new(mac, nonce + body, hashlib.sha256).digest()
    if len(token) < 48 or not hmac.compare_digest(tag, expected):
        raise SyncError("保存的服务器地址无法解密（密钥文件已变或数据被改动）：请重新设置服务器地址")
    return bytes(a ^ b for a, b in zip(body, _keystream(enc, nonce, len(body)), strict=True))


# -- public --------------------------------------------------------------------------------

def protect(secret: str, key_dir: Path) -> str:
    raw = secret.encode("utf-8")
    if sys.platform == "win32":  # pragma: no cover - Windows only
        scheme, sealed = "dpapi", _dpapi(raw, True)
    else:
        scheme, sealed = "keyfile", _seal(raw, key_dir)
    return f"{PREFIX}{scheme}:{base64.b64encode(sealed).decode('ascii')}"


def unprotect(stored: str, key_dir: Path) -> str:
    if not stored.startswith(PREFIX):
        return stored
    scheme, _, payload = stored[len(PREFIX):].partition(":")
    sealed = base64.b64decode(payload)
    if scheme == "dpapi":
        if sys.platform != "win32":
            raise SyncError("服务器地址是在 Windows 上加密保存的，本机无法解密：请重新设置服务器地址")
        try:  # pragma: no cover - Windows only
            return _dpapi(sealed, False).decode("utf-8")
        except OSError:  # pragma: no cover
            raise SyncError("保存的服务器地址无法解密（换了 Windows 账户？）：请重新设置服务器地址"
                            ) from None
    if scheme == "keyfile":
        return _open(sealed, key_dir).decode("utf-8")
    raise SyncError(f"无法识别的服务器地址加密方式：{scheme}")


def key_dir_of(session: Session) -> Path:
    """Beside the local database file; else the user's data folder."""
    url = session.get_bind().engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent
    return data_dir()


def _has_password(url: str) -> bool:
    try:
        return bool(make_url(url).password)
    except ArgumentError:
        return False


def store_server_url(session: Session, url: str, *, key_dir: Path | None = None) -> None:
    """Save the server URL in the local settings, its password never in plain text."""
    url = url.strip()
    value = protect(url, key_dir or key_dir_of(session)) if _has_password(url) else url
    set_setting(session, SERVER_URL_KEY, value)


def load_server_url(session: Session, *, key_dir: Path | None = None) -> str | None:
    stored = get_setting(session, SERVER_URL_KEY)
    if not stored:
        return None
    return unprotect(stored, key_dir or key_dir_of(session))
