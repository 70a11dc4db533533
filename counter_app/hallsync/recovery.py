"""This PC's recovery slot with the hall service (hall/recovery.py; vault.py).

Registered at enrollment (and again by ``counter-admin recovery-slot``); used by a PC whose
folder nobody present can unlock: the hall gives the wrapped key back to this folder on a
supervisor's user name and password.
"""

from __future__ import annotations

from pathlib import Path

from .. import vault
from ..models.database import Database
from ..sync.errors import SyncError
from .client import HallClient


def folder_of(db: Database) -> Path | None:
    """The data folder of an encrypted local database, else None."""
    if not db.encrypted:
        return None
    return Path(db.url.removeprefix("sqlite:///")).parent


def register_slot(db: Database, url: str, ca_pem: str, token: str, terminal: str) -> bool:
    """Give the hall service this folder's recovery slot; False for a plain folder."""
    folder = folder_of(db)
    key = vault.unlocked(folder) if folder is not None else None
    if folder is None or key is None:
        return False
    rec = vault.make_recovery(folder, key, terminal, url, ca_pem)
    with HallClient(url, ca_pem, token) as c:
        c.post("/v1/recovery-slot", {"rid": rec.rid, "wrapped": rec.wrapped})
    return True


def recover_key(folder: Path, username: str, password: str) -> bytes:
    """The folder's key from the hall service, on a supervisor's credential; remembered for
    this process. Raises ``SyncError`` (the service's or the network's words) or
    ``vault.VaultError``."""
    rec = vault.recovery_of(folder)
    if rec is None:
        raise SyncError("本机没有在大厅服务登记恢复密钥（未注册到大厅服务）：不能通过大厅服务恢复")
    with HallClient(rec["url"], rec["ca_pem"]) as c:
        got = c.post("/v1/recover", {"terminal": rec["terminal"], "rid": rec["rid"],
                                     "username": username, "password": password})
    return vault.recover(folder, str(got["wrapped"]))
