"""Who did an operation, provable afterwards: each staff member's signing key (Ed25519).

A key is made on a PC at the person's first sign-in there; its private half is kept in the
PC's ``setting`` table wrapped (AES-256-GCM) under a key derived from the person's password
with argon2id, as the vault's slots are, so it opens only at that person's sign-in. Every
operation done while they are signed in is signed over its canonical content (below). The
hall binds the public half to the person (``hall/staff_keys.py``) and refuses an operation
whose signature does not verify for the staff member it names.

Signed: the operation's id, name, staff member, arguments and time. Not signed: the
terminal (a rebuilt PC resends its unsent work under a new code; an operation id is
accepted once in the whole hall) and the numbers the PC took (the PC's, not the person's;
the hall checks them against the terminal).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ...vault import ARGON2

_DOMAIN = b"counter-op/1\n"
_AAD = b"counter-staffkey/1:"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _when(at: datetime | str) -> str:
    """One spelling of the operation's time on both sides (the PC's database keeps no
    time zone; the pushed text is parsed back)."""
    dt = datetime.fromisoformat(at) if isinstance(at, str) else at
    return dt.replace(tzinfo=None).isoformat(timespec="microseconds")


def canonical(op_id: str, name: str, staff_id: str, args: str, at: datetime | str) -> bytes:
    body = {"op_id": op_id, "name": name, "staff_id": staff_id, "args": args, "at": _when(at)}
    return _DOMAIN + json.dumps(body, sort_keys=True, ensure_ascii=False,
                                separators=(",", ":")).encode("utf-8")


def key_id(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()


def public_bytes(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class StaffKey:
    """A signing key, unwrapped: in memory only while the process runs."""

    staff_id: str
    private: Ed25519PrivateKey

    @property
    def public(self) -> bytes:
        return public_bytes(self.private)

    @property
    def key_id(self) -> str:
        return key_id(self.public)

    def sign(self, op_id: str, name: str, args: str, at: datetime | str) -> str:
        return b64(self.private.sign(canonical(op_id, name, self.staff_id, args, at)))


def _kek(password: str, salt: bytes, t: int, m: int, p: int) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(password.encode("utf-8"), salt, t, m, p, 32, Type.ID)


def new_key(staff_id: str) -> StaffKey:
    return StaffKey(staff_id, Ed25519PrivateKey.generate())


def wrap(key: StaffKey, password: str) -> dict[str, Any]:
    """The stored form: the public key in the clear, the private one under the password."""
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    raw = key.private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = _kek(password, salt, ARGON2["t"], ARGON2["m"], ARGON2["p"])
    box = AESGCM(kek).encrypt(nonce, raw, _AAD + key.staff_id.encode())
    return {"kdf": "argon2id", **ARGON2, "salt": b64(salt), "nonce": b64(nonce),
            "box": b64(box), "public": b64(key.public), "key_id": key.key_id}


def unwrap(staff_id: str, stored: dict[str, Any], password: str) -> StaffKey | None:
    """The key, or None when this password does not open it (changed since, on another PC)
    or the stored form is damaged: the caller makes a new key then."""
    try:
        kek = _kek(password, unb64(stored["salt"]), int(stored["t"]), int(stored["m"]),
                   int(stored["p"]))
        raw = AESGCM(kek).decrypt(unb64(stored["nonce"]), unb64(stored["box"]),
                                  _AAD + staff_id.encode())
        key = StaffKey(staff_id, Ed25519PrivateKey.from_private_bytes(raw))
    except (InvalidTag, KeyError, ValueError, TypeError):
        return None
    return key if key.key_id == stored.get("key_id") else None


def verify(public_b64: str, sig_b64: str, op_id: str, name: str, staff_id: str, args: str,
           at: datetime | str) -> bool:
    try:
        pub = Ed25519PublicKey.from_public_bytes(unb64(public_b64))
        pub.verify(unb64(sig_b64), canonical(op_id, name, staff_id, args, at))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
