"""A real hall for tests: ``counter-server`` in its own process, PCs as data folders that
enroll with it and act only through the services and the sync engine."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import select

from counter_app.bootstrap import open_context
from counter_app.hall.store import Hall, init_hall
from counter_app.hallsync.engine import HallSync
from counter_app.hallsync.enroll import enroll
from counter_app.ids.canon import canon_row
from counter_app.models import CaseFile
from counter_app.services.context import Actor, ServiceContext
from counter_app.services.handoff.service import HandoffService
from counter_app.services.intake.service import IntakeService
from counter_app.services.people import auth
from counter_app.sync.tables import synced_tables

PASSWORD = "counter123"
OPEN_PCS: list[PC] = []


# The start line counter-server prints once its port is bound (hall/cli.py); up to its end,
# so a line read while still being written never gives part of the number.
STARTED = re.compile(r"大厅服务监听 https://[^\s:]+:(\d+)\r?\n")
BUSY = "端口已被另一个程序占用"


class _PortBusy(Exception):
    """The service could not bind its fixed port: something else holds it."""


@contextmanager
def refused_port() -> Iterator[int]:
    """A loopback port that refuses connections, for "the hall is down" tests: bound here but
    never listening, so no other program can start listening on it while the test runs."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield int(s.getsockname()[1])


@dataclass
class HallServer:
    folder: Path
    db_url: str | None = None
    # 0 until the first start: the service binds any free port and names it on its start line
    # (no gap between choosing a port and binding it). A restart keeps that port, as the
    # enrolled PCs know the service by it.
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        assert self.port, "the service has no port before its first start"
        return f"https://127.0.0.1:{self.port}"

    def init(self) -> HallServer:
        init_hall(self.folder, self.db_url).db.dispose()
        return self

    def hall(self) -> Hall:
        return Hall(self.folder)

    def start(self, timeout_s: float = 30) -> HallServer:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                self.port = self._spawn(deadline)
                break
            except _PortBusy:
                # Only on a restart: while the service was down, another program's connection
                # can take its port for a moment, as on a real hall server.
                if time.monotonic() > deadline:
                    raise RuntimeError(f"port {self.port} stayed busy for {timeout_s:.0f} s") \
                        from None
                time.sleep(0.2)
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(self._log_text())
            try:
                httpx.get(f"{self.url}/v1/ca", verify=False, timeout=1)
                return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError(f"counter-server did not answer within {timeout_s:.0f} s")

    def _spawn(self, deadline: float) -> int:
        """Starts the process; the port it bound, read from its start line."""
        log_path = self.folder / "serve.log"
        offset = log_path.stat().st_size if log_path.exists() else 0
        with open(log_path, "ab") as log:  # the child keeps its own handle
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "counter_app.hall.cli", "--data-dir", str(self.folder),
                 "serve", "--listen", f"127.0.0.1:{self.port}"],
                stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        while time.monotonic() < deadline:
            text = self._log_text(offset)
            if found := STARTED.search(text):
                return int(found.group(1))
            if self.proc.poll() is not None:
                if BUSY in text and self.port:
                    raise _PortBusy
                raise RuntimeError(text)
            time.sleep(0.05)
        raise RuntimeError(f"counter-server did not bind a port: {self._log_text(offset)}")

    def _log_text(self, offset: int = 0) -> str:
        with open(self.folder / "serve.log", "rb") as f:
            f.seek(offset)
            return f.read().decode(errors="replace")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.proc = None

    def code(self, window: str = "", department: str = "") -> str:
        h = self.hall()
        try:
            return h.new_enroll_code(window=window, department=department)
        finally:
            h.db.dispose()

    def add_staff(self, username: str, roles: list[str], *, window: str = "",
                  department: str = "") -> None:
        h = self.hall()
        try:
            with h.db.transaction() as s:
                auth.add_user(s, username, f"测试{username}", PASSWORD, roles, window_code=window,
                              department_code=department, terminal="00")
        finally:
            h.db.dispose()


@dataclass
class PC:
    """One PC: its own data folder, enrolled, driven through the services."""

    folder: Path
    server: HallServer
    ctx: ServiceContext = field(init=False)
    sync: HallSync = field(init=False)

    def __post_init__(self) -> None:
        OPEN_PCS.append(self)  # closed after each test (tests/hall/conftest.py)

    def enroll(self, kind: str = "counter", window: str = "", department: str = "") -> PC:
        """Enrolled for the whole hall unless a window or department scope is given."""
        self.ctx = open_context(self.folder)
        enroll(self.ctx.db, self.server.url, self.server.code(window, department),
               name=self.folder.name, kind=kind)
        self.ctx.db.dispose()
        self.reopen()
        self.run()
        return self

    def reopen(self) -> None:
        if hasattr(self, "sync"):
            self.sync.close()
        self._close_live()
        self.ctx = open_context(self.folder)
        self.sync = HallSync(self.ctx.db, self.ctx.terminal, clock=self.ctx.clock)

    def run(self, ok: bool = True) -> list[str]:
        report = self.sync.run_once()
        if ok:
            assert report.ok, report.errors
        return report.errors

    def login(self, username: str) -> Actor:
        return auth.AuthService(self.ctx).login(username, PASSWORD)

    @property
    def intake(self) -> IntakeService:
        return IntakeService(self.ctx)

    @property
    def handoff(self) -> HandoffService:
        return HandoffService(self.ctx)

    def status_of(self, case_no: str) -> str:
        with self.ctx.db.session() as s:
            return s.execute(select(CaseFile.status).where(CaseFile.case_no == case_no)).scalar_one()

    def status_of_all(self) -> dict[str, str]:
        """Every case this PC holds, by number."""
        with self.ctx.db.session() as s:
            return dict(s.execute(select(CaseFile.case_no, CaseFile.status)).all())

    def _close_live(self) -> None:
        close = getattr(getattr(self, "ctx", None), "live", None)
        if close is not None and hasattr(close, "close"):
            close.close()  # the live link's connection (the queue's calls)

    def close(self) -> None:
        if hasattr(self, "sync"):
            self.sync.close()
        self._close_live()
        if hasattr(self, "ctx"):
            self.ctx.db.dispose()


def snapshot(db_url_or_ctx: ServiceContext | Hall) -> dict[str, dict[str, dict]]:
    """Every synced row, canonical, by table and id (for convergence checks)."""
    db = db_url_or_ctx.db
    out: dict[str, dict[str, dict]] = {}
    with db.read() as conn:
        for t in synced_tables():
            out[t.name] = {r["id"]: canon_row(r) for r in conn.execute(select(t)).mappings()}
    return out


def authorize(pc: PC, boss: Actor, username: str, window: str) -> None:
    """The supervisor authorizes a clerk for a window (an operation like any other)."""
    from counter_app.models import Staff
    from counter_app.services.people.staffing import StaffService

    with pc.ctx.db.session() as s:
        staff_id = s.execute(select(Staff.id).where(Staff.username == username)).scalar_one()
    StaffService(pc.ctx).set_stage(boss, staff_id, "window", window, "authorized")


def receive(pc: PC, clerk: Actor, item_code: str, name: str = "张伟") -> str:
    """A complete application, accepted; returns its case number."""
    from ..helpers import complete_intake

    intake = complete_intake(pc.intake, item_code)
    intake.applicant.name = name
    return pc.intake.record(clerk, intake, "accept").case_no


def with_approver(a: PC, c: PC, item_code: str) -> tuple[str, Actor]:
    """A case received at counter ``a``, handed over and signed for at approver PC ``c``,
    both synced; returns the case number and the approver."""
    from counter_app.services.handoff.service import CaseCheck

    clerk = a.login("clerk")
    case_no = receive(a, clerk, item_code)
    (batch,) = a.handoff.create_batches(clerk, [case_no])
    a.run()
    c.run()
    approver = c.login("approver")
    c.handoff.sign(approver, batch, [CaseCheck(case_no)])
    c.run()
    return case_no, approver


def signed_behind(a: PC, b: PC, c: PC, item_code: str) -> str:
    """A case received at ``a`` that ``b`` last saw accepted (then went offline), since
    handed over by ``a`` and signed for at ``c``: ``b``'s copy is stale. Its number."""
    from counter_app.services.handoff.service import CaseCheck

    clerk = a.login("clerk")
    case_no = receive(a, clerk, item_code)
    a.run()
    b.run()
    (batch,) = a.handoff.create_batches(clerk, [case_no])
    a.run()
    c.run()
    c.handoff.sign(c.login("approver"), batch, [CaseCheck(case_no)])
    c.run()
    return case_no


def process_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far, from /proc (Linux): a
    figure the load of the rest of the box does not inflate."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
