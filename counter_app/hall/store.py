"""The hall service's data folder: its configuration, its database, its terminals.

Folder layout: ``hall.json`` (the database URL; the embedded default needs none),
``hall.sqlite3`` (the embedded database of the smallest hall), ``tls/`` (certificates).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from ..models import (
    CaseFile,
    Department,
    Event,
    HallAnchor,
    HallEnrollCode,
    HallOp,
    HallTerminal,
    HallWindow,
    HandoffBatch,
    Terminal,
    hall_now,
)
from ..models.database import Database
from ..paths import resource
from ..services.catalog.exchange import load_catalog
from ..services.catalog.store import import_catalog
from ..services.context import ServiceContext
from ..services.settings import get_setting, set_setting
from ..sync.server import init_server
from . import tls
from .scope import DEFAULT_RETENTION_DAYS, RETENTION_KEY, Scope

CONFIG = "hall.json"
EMBEDDED = "hall.sqlite3"
CODE_HOURS = 24
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed
SERVICE_TERMINAL = "00"
JOURNAL_SEQ = "SELECT coalesce(max(seq), 0) FROM sync_journal"
TOKEN_CACHE_S = 5.0  # the service's own acts (administration), never a PC's code


class HallError(Exception):
    """A problem with the hall service or a request to it. The message is for the user."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass
class Enrolled:
    terminal: str
    token: str
    server_id: str


class Hall:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        cfg_path = self.folder / CONFIG
        if not cfg_path.exists():
            raise HallError(f"“{self.folder}”不是大厅服务的数据文件夹：请先运行 counter-server init")
        self.config = json.loads(cfg_path.read_text(encoding="utf-8"))
        self.db = Database(self.config["db_url"], poolclass=NullPool) if self.is_sqlite_url \
            else Database(self.config["db_url"], pool_size=8, max_overflow=8, pool_pre_ping=True)
        self._terms: dict[str, tuple[float, HallTerminal]] = {}
        with self.db.read() as conn:
            self.server_id = conn.execute(text(
                "SELECT value FROM sync_meta WHERE key = 'server_id'")).scalar_one()

    def __enter__(self) -> Hall:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.dispose()

    @property
    def is_sqlite_url(self) -> bool:
        return str(self.config["db_url"]).startswith("sqlite")

    @property
    def tls_dir(self) -> Path:
        return self.folder / "tls"

    def context(self, terminal: str, clock: object | None = None) -> ServiceContext:
        ctx = ServiceContext(db=self.db, terminal=terminal)
        if clock is not None:
            ctx.clock = clock  # type: ignore[assignment]  # callers pass a () -> datetime
        return ctx

    # -- enrollment -------------------------------------------------------------------------
    def new_enroll_code(self, now: datetime | None = None, *, window: str = "",
                        department: str = "") -> str:
        """A one-time code: the secret, then the start of the CA fingerprint (the PC checks
        the server's certificate against it before it sends anything). The code carries
        what the PC may hold (``hall/scope.py``): the administrator decides, not the PC."""
        now = now or hall_now()
        secret = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
        with self.db.transaction() as s:
            self._check_scope(s, window, department)
            s.add(HallEnrollCode(code_hash=_hash(secret), created_at=now,
                                 expires_at=now + timedelta(hours=CODE_HOURS), used_by="",
                                 window_code=window, department_code=department))
        fp = tls.fingerprint((self.tls_dir / tls.CA_FILE).read_bytes())[:tls.FINGERPRINT_CHARS]
        return f"{secret[:5]}-{secret[5:]}-{fp}"

    def enroll(self, secret: str, name: str, kind: str, replaces: str = "") -> Enrolled:
        """A new terminal. ``replaces``: the credential of the copy this PC was (rebuild):
        its code is remembered, since the PC's unsent cases carry numbers of it."""
        secret = secret.replace("-", "").strip().upper()
        now = hall_now()
        with self.db.transaction() as s:
            code = s.get(HallEnrollCode, _hash(secret), with_for_update=True)
            if code is None:
                raise HallError("注册码无效：请向管理员索取新的注册码", 403)
            if code.used_by:
                raise HallError(f"注册码已被终端 {code.used_by} 使用过：每个注册码只能用一次", 403)
            if code.expires_at < now:
                raise HallError(f"注册码已于 {code.expires_at:%Y-%m-%d %H:%M} 过期：请索取新的注册码", 403)
            used = set(s.execute(select(HallTerminal.code)).scalars())
            used |= set(s.execute(select(Terminal.code)).scalars())
            used |= self._codes_in_numbers(s)
            free = [f"{n:02d}" for n in range(1, 100) if f"{n:02d}" not in used]
            if not free:
                raise HallError("本大厅的 99 个终端编号已用完：请先注销不用的终端", 409)
            token = secrets.token_urlsafe(32)
            code.used_by = free[0]
            before = s.execute(select(HallTerminal.code).where(
                HallTerminal.token_hash == _hash(replaces))).scalar() if replaces else None
            s.add(HallTerminal(code=free[0], name=name[:100], kind=kind or "counter",
                               token_hash=_hash(token), enrolled_at=now, last_seq=0,
                               clock_offset_s=0.0, diverged="", previous=before or "",
                               window_code=code.window_code, department_code=code.department_code))
            # The hall's list of terminals (synced to every PC): the code is taken for good.
            s.add(Terminal(code=free[0], name=name[:100] or f"终端 {free[0]}",
                           origin_terminal=SERVICE_TERMINAL))
        return Enrolled(free[0], token, self.server_id)

    @staticmethod
    def _codes_in_numbers(s: Session) -> set[str]:
        """Terminal codes inside numbers already issued (a hall adopted from the old sync
        had PCs with typed codes): a new PC never gets one, so no number can repeat."""
        out: set[str] = set()
        for table, column in ((CaseFile.__table__, "case_no"), (HandoffBatch.__table__, "batch_no")):
            out |= set(s.execute(select(func.substr(table.c[column], 14, 2)).distinct()).scalars())
        return out

    def terminal_for(self, token: str) -> HallTerminal:
        """The terminal a credential belongs to. Looked up at most every few seconds per
        credential (every request carries one); a revocation takes effect within that."""
        key = _hash(token)
        hit = self._terms.get(key)
        if hit is not None and time.monotonic() - hit[0] < TOKEN_CACHE_S:
            term: HallTerminal | None = hit[1]
        else:
            with self.db.session() as s:
                term = s.execute(select(HallTerminal).where(
                    HallTerminal.token_hash == key)).scalar_one_or_none()
            if term is not None:
                self._terms[key] = (time.monotonic(), term)
        if term is None:
            raise HallError("本机的大厅服务凭据无效：请重新注册本机（counter-admin enroll）", 401)
        if term.revoked_at is not None:
            raise HallError(f"终端 {term.code} 已于 {term.revoked_at:%Y-%m-%d %H:%M} 被注销："
                            "请联系管理员重新注册", 403)
        return term

    def fresh(self, code: str) -> HallTerminal:
        """The terminal's row as it is now (sequence, divergence): never from the cache."""
        with self.db.session() as s:
            term = s.get(HallTerminal, code)
        assert term is not None
        return term

    # -- what each PC holds ------------------------------------------------------------------
    @staticmethod
    def _check_scope(s: Session, window: str, department: str) -> None:
        if window and department:
            raise HallError("一台电脑只能按窗口或按部门限定范围，不能两者都指定")
        if window and s.execute(select(HallWindow.code).where(HallWindow.code == window)).scalar() is None:
            raise HallError(f"窗口“{window}”不存在：请用大厅已有的窗口编号")
        if department and s.execute(select(Department.code).where(
                Department.code == department)).scalar() is None:
            raise HallError(f"部门“{department}”不存在：请用大厅已有的部门编号")

    def set_scope(self, code: str, window: str = "", department: str = "") -> None:
        """A PC's scope changed: at its next round it drops what it holds and takes its
        new scope afresh (``hallsync/engine.py``)."""
        with self.db.transaction() as s:
            self._check_scope(s, window, department)
            term = s.get(HallTerminal, code)
            if term is None:
                raise HallError(f"没有编号为 {code} 的终端")
            term.window_code, term.department_code = window, department
        self._terms.clear()

    def standing(self, code: str) -> tuple[HallTerminal, Scope, int]:
        """What every round asks, in one connection: the terminal's row as it is now (its
        sequence, divergence and scope: never from the cache), the scope with the hall's
        retention setting, and the journal's last sequence. One checkout instead of three
        (on the embedded SQLite each is a file opened)."""
        with self.db.session() as s:
            term = s.get(HallTerminal, code)
            assert term is not None
            days = int(get_setting(s, RETENTION_KEY) or DEFAULT_RETENTION_DAYS)
            seq = int(s.execute(text(JOURNAL_SEQ)).scalar_one())
        return term, Scope.of(term, days), seq

    def retention_days(self) -> int:
        with self.db.session() as s:
            return int(get_setting(s, RETENTION_KEY) or DEFAULT_RETENTION_DAYS)

    def set_retention_days(self, days: int) -> None:
        if not 0 <= days <= 3650:  # 0: a closed case leaves the PCs at their next round
            raise HallError(f"保留天数“{days}”无效：应为 0 到 3650 之间的整数")
        with self.db.transaction() as s:
            set_setting(s, RETENTION_KEY, str(days))

    def scope(self, term: HallTerminal) -> Scope:
        return Scope.of(term, self.retention_days())

    def revoke(self, code: str) -> None:
        self._terms.clear()
        with self.db.transaction() as s:
            term = s.get(HallTerminal, code)
            if term is None:
                raise HallError(f"没有编号为 {code} 的终端")
            term.revoked_at = hall_now()

    def refused(self, limit: int | None = None) -> tuple[list[HallOp], int]:
        """Operations the hall refused, newest first, and how many there are in all (a
        list cut short says so: nothing is hidden by a silent cap)."""
        with self.db.session() as s:
            q = select(HallOp).where(HallOp.status == "refused").order_by(HallOp.applied_at.desc())
            total = s.execute(select(func.count()).select_from(q.subquery())).scalar_one()
            return list(s.execute(q.limit(limit) if limit else q).scalars()), int(total)

    def staff_names(self) -> list[tuple[str, str]]:
        from ..models import Staff

        with self.db.session() as s:
            return [(i, n) for i, n in s.execute(select(Staff.id, Staff.full_name)).all()]

    def terminals(self) -> list[HallTerminal]:
        with self.db.session() as s:
            return list(s.execute(select(HallTerminal).order_by(HallTerminal.code)).scalars())

    def journal_seq(self) -> int:
        with self.db.read() as conn:
            return int(conn.execute(text(JOURNAL_SEQ)).scalar_one())

    # -- anchors: terminals' chain heads, append-only ------------------------------------
    def record_anchor(self, terminal: str, seq: int, digest: str) -> dict[str, object]:
        """A PC's event-chain head at a sync, beside the hall's own event at that place.
        Only ever added to (a head already recorded last is not written again)."""
        with self.db.transaction() as s:
            last = s.execute(select(HallAnchor.seq, HallAnchor.hash).where(
                HallAnchor.terminal == terminal).order_by(HallAnchor.id.desc()).limit(1)).first()
            hall_hash = s.execute(select(Event.hash).where(
                Event.terminal_code == terminal, Event.seq == seq)).scalar() or ""
            if last is None or tuple(last) != (seq, digest):
                s.add(HallAnchor(terminal=terminal, seq=seq, hash=digest, received_at=hall_now(),
                                 hall_hash=hall_hash))
        return {"seq": seq, "hash": digest, "hall_hash": hall_hash}

    def anchors(self) -> list[dict[str, object]]:
        with self.db.read() as conn:
            rows = conn.execute(select(HallAnchor).order_by(HallAnchor.id)).mappings().all()
        return [{"terminal": r["terminal"], "seq": r["seq"], "hash": r["hash"],
                 "hall_hash": r["hall_hash"], "received_at": r["received_at"].isoformat()}
                for r in rows]

    def op_count(self) -> int:
        with self.db.read() as conn:
            return int(conn.execute(select(func.count()).select_from(HallOp.__table__)).scalar_one())


def init_hall(folder: Path, db_url: str | None = None, hosts: list[str] | None = None) -> Hall:
    """Create (or upgrade) the hall service's folder and database; load the shipped catalog
    on a new hall. Safe to run again."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    cfg_path = folder / CONFIG
    if cfg_path.exists():
        config = json.loads(cfg_path.read_text(encoding="utf-8"))
        if db_url and db_url != config["db_url"]:
            raise HallError("此文件夹已配置了另一个数据库：请用新的文件夹")
    else:
        config = {"db_url": db_url or f"sqlite:///{(folder / EMBEDDED).resolve()}"}
    init_server(config["db_url"])
    cfg_path.write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    cfg_path.chmod(0o600)  # a PostgreSQL URL holds the database password: the service's alone
    if not (folder / "tls" / tls.CA_FILE).exists():
        tls.make_certificates(folder / "tls", hosts or [])
    hall = Hall(folder)
    data = load_catalog(resource("catalog", "luoshan.yaml"))
    with hall.db.transaction() as s:  # stable ids: the same rows as any PC's own copy
        import_catalog(s, data, terminal=SERVICE_TERMINAL)
    return hall
