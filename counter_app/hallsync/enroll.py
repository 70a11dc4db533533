"""Enrolling a PC with the hall service (``counter-admin enroll URL CODE``).

The code is ``SECRET-SECRET-FINGERPRINT``: the PC fetches the hall CA, checks it against the
fingerprint part before it trusts anything, then enrolls over TLS pinned to that CA. The
service assigns the terminal code; the PC stores its credential and the CA.

A PC already enrolled, or one that holds cases of its own, is refused. ``rebuild`` (the
recovery for a restored or cloned PC) enrolls it as a new terminal, starts it afresh from
the hall's data and keeps its unsent operations, to be sent under the new terminal (the
service accepts the old code's numbers from it, once each).
"""

from __future__ import annotations

import hashlib
import socket
import ssl

from sqlalchemy import func, select, text

from ..models import CaseFile
from ..models.database import Database
from ..models.oplog import OP_SEQ_KEY
from ..services.settings import TERMINAL_KEY, set_setting
from ..sync.capture import live_tables
from ..sync.errors import SyncError
from . import config
from .client import HallClient, HallUnavailable
from .recovery import register_slot

FP_CHARS = 16


def _split(code: str) -> tuple[str, str]:
    parts = code.strip().split("-")
    if len(parts) != 3 or len(parts[2]) != FP_CHARS:
        raise SyncError(f"注册码“{code}”格式不对：应为 XXXXX-XXXXX-十六位校验码"
                        "（由 counter-server enroll-code 生成）")
    return parts[0] + parts[1], parts[2].lower()


def fetch_ca(url: str, fp: str) -> str:
    """The hall CA, accepted only if it matches the fingerprint from the code."""
    with HallClient(url, None) as c:
        pem = c.get("/v1/ca")["ca_pem"]
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    der = x509.load_pem_x509_certificate(pem.encode()).public_bytes(serialization.Encoding.DER)
    if not hashlib.sha256(der).hexdigest().startswith(fp):
        raise SyncError(f"服务器“{url}”的证书与注册码不符：可能连到了别的服务器，或注册码抄错了")
    return str(pem)


def enroll(db: Database, url: str, code: str, *, name: str = "", kind: str = "counter",
           fresh: bool = False, adopt: bool = False) -> str:
    """Enroll this PC; returns the terminal code the service assigned. ``adopt``: a PC of
    a hall that synced the old way, whose cases the service took over with the database."""
    secret, fp = _split(code)
    if adopt:
        with db.read() as conn:
            unsent = conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one()
        if unsent:
            raise SyncError(f"本机还有 {unsent} 条记录未按旧方式同步：请先运行 counter-admin sync，"
                            "同步完成后再注册")
        fresh = True
    if not url.startswith("https://"):
        raise SyncError(f"服务器地址“{url}”无效：应以 https:// 开头，如 https://192.168.1.10:8443")
    with db.session() as s:
        before = config.read(s)
        if before is not None and not fresh:
            raise SyncError("本机已注册到大厅服务：如需重建，请运行 counter-admin rebuild")
        cases = s.execute(select(func.count()).select_from(CaseFile)).scalar_one()
    if cases and not fresh:
        raise SyncError(f"本机已有 {cases} 件办件：请在大厅服务器上接管（counter-server adopt）后再注册，"
                        "或用 counter-admin rebuild 从大厅数据重建本机")
    try:
        ca = fetch_ca(url, fp)
        with HallClient(url, ca) as c:
            got = c.post("/v1/enroll", {"code": secret, "name": name or socket.gethostname(),
                                         "kind": kind, "replaces": before.token if before else ""})
    except ssl.SSLError as exc:
        raise SyncError(f"与服务器“{url}”建立加密连接失败：{exc.reason}") from None
    except HallUnavailable:  # not enrolled yet: "work on offline" would not be true here
        raise SyncError(f"无法连接大厅服务器“{url}”：请核对服务地址与网络，并确认服务器已开启。"
                        "本机尚未注册，未作任何改动") from None
    with db.engine.begin() as conn:
        _start_afresh(conn)
    with db.transaction() as s:
        config.save(s, config.HallConfig(url, ca, got["token"], got["server_id"]))
        set_setting(s, TERMINAL_KEY, got["terminal"])
        set_setting(s, config.K_PULL, "0")
    # An encrypted folder leaves its recovery slot with the hall (hallsync/recovery.py).
    register_slot(db, url, ca, got["token"], str(got["terminal"]))
    return str(got["terminal"])


def _start_afresh(conn) -> None:
    """Everything synced comes from the hall from now on: drop this PC's copies (the shipped
    catalog and set-up data come back with the first pull, under the same ids)."""
    tables = list(live_tables(conn))
    conn.execute(text("UPDATE sync_capture SET mode = 'applying' WHERE id = 1"))
    for t in reversed(tables):
        conn.execute(text(f'DELETE FROM "{t}"'))
    conn.execute(text("DELETE FROM sync_outbox"))
    conn.execute(text("DELETE FROM sync_op WHERE status <> 'pending'"))
    # Unsent operations go to the service under the new terminal, numbered from 1 again.
    pending = conn.execute(text("SELECT seq FROM sync_op ORDER BY seq")).scalars().all()
    for n, seq in enumerate(pending, start=1):
        conn.execute(text("UPDATE sync_op SET seq = :n, status = 'pending' WHERE seq = :s"),
                     {"n": -n, "s": seq})
    conn.execute(text("UPDATE sync_op SET seq = -seq"))
    conn.execute(text("INSERT INTO setting (key, value) VALUES (:k, :v) ON CONFLICT (key) "
                      "DO UPDATE SET value = excluded.value"), {"k": OP_SEQ_KEY, "v": str(len(pending))})
    conn.execute(text("UPDATE sync_capture SET mode = 'terminal' WHERE id = 1"))
