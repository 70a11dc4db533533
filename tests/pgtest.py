"""A throw-away PostgreSQL server for tests and benchmarks (not used by the app).

Runs the PostgreSQL 15 binaries in a temporary folder on a free loopback port. initdb and
postgres refuse to run as root, and CI runs as root: then the server runs as the system user
``counterpg`` (created if missing, else ``nobody``). ``crash()`` is an immediate shutdown
(no checkpoint: the next start runs crash recovery), the fault the sync tests inject.

fsync is off: an immediate shutdown kills processes, not the machine, so the WAL written to
the OS at each commit survives it; ``synchronous_commit`` stays on so a commit the client saw
is never lost in such a crash.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_BIN = "/usr/lib/postgresql/15/bin"
BIN_ENV = "COUNTER_PG_BIN"
PG_USER = "counterpg"
# What postgres logs when its port is taken (LC_ALL=C: not translated).
BIND_FAILED = "could not bind IPv4 address"
BIND_ATTEMPTS = 5


class PgUnavailable(RuntimeError):
    """The PostgreSQL server binaries are missing or the server would not start."""


def find_bin() -> Path:
    path = Path(os.environ.get(BIN_ENV) or DEFAULT_BIN)
    for tool in ("initdb", "pg_ctl", "postgres"):
        if not (path / tool).exists():
            raise PgUnavailable(
                f"PostgreSQL server binary {path / tool} not found: install postgresql-15 "
                f"(scripts/install.sh --test) or point {BIN_ENV} at its bin folder")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> dict[str, Any]:
    """subprocess arguments that drop root to an unprivileged user."""
    if os.geteuid() != 0:
        return {}
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell",
                        "/usr/sbin/nologin", PG_USER], check=False, capture_output=True)
    try:
        entry = pwd.getpwnam(PG_USER)
    except KeyError:
        entry = pwd.getpwnam("nobody")
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


class PgServer:
    def __init__(self, root: Path | None = None) -> None:
        self.bin = find_bin()
        self.root = Path(root or tempfile.mkdtemp(prefix="counter-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = free_port()
        self.as_user = _run_as()
        self.running = False
        self.started_once = False  # from then on the port is known to clients: it stays

    # -- lifecycle ---------------------------------------------------------------------
    def _tool(self, *args: str, check: bool = True, timeout: float = 60) -> None:
        env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C", "LANG": "C"}
        proc = subprocess.run([str(self.bin / args[0]), *args[1:]], env=env, cwd=self.root,
                              capture_output=True, text=True, timeout=timeout, **self.as_user)
        if check and proc.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise PgUnavailable(f"{args[0]} failed ({proc.returncode}): "
                                f"{proc.stdout}{proc.stderr}\n{log}")

    def init(self) -> PgServer:
        if "user" in self.as_user:
            os.chown(self.root, self.as_user["user"], self.as_user["group"])
        self._tool("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust",
                   "-E", "UTF8", "--locale=C", "-N")
        return self

    def start(self) -> PgServer:
        """postgres cannot bind port 0 and name it, so the port is chosen first; if another
        program takes it before postgres binds it, the first start tries a fresh one."""
        for attempt in range(BIND_ATTEMPTS):
            offset = self.log.stat().st_size if self.log.exists() else 0
            try:
                self._start_on_port()
                self.started_once = True
                return self
            except PgUnavailable:
                if self.started_once or attempt == BIND_ATTEMPTS - 1 \
                        or BIND_FAILED not in self._log_since(offset):
                    raise
                self.port = free_port()
        raise AssertionError("unreachable")

    def _start_on_port(self) -> None:
        opts = (f"-p {self.port} -c listen_addresses=127.0.0.1 "
                f"-c unix_socket_directories={self.root} -c fsync=off "
                "-c max_connections=60 -c shared_buffers=64MB")
        self._tool("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", opts,
                   "-w", "-t", "60", "start")
        self.running = True

    def _log_since(self, offset: int) -> str:
        if not self.log.exists():
            return ""
        with open(self.log, "rb") as f:
            f.seek(offset)
            return f.read().decode(errors="replace")

    def stop(self) -> None:
        if self.running:
            self._tool("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
            self.running = False

    def crash(self) -> None:
        """Immediate shutdown: every backend dies, open transactions are lost."""
        self._tool("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        self.running = False

    def restart_after_crash(self) -> None:
        for attempt in range(3):
            try:
                self.start()
                return
            except PgUnavailable:
                if attempt == 2:
                    raise
                time.sleep(0.5)

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PgServer:
        return self.init().start()

    def __exit__(self, *exc: object) -> None:
        self.cleanup()

    # -- databases ---------------------------------------------------------------------
    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres",
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, name: str, template: str | None = None) -> str:
        tmpl = f" TEMPLATE {template}" if template else ""
        self.admin(f'CREATE DATABASE "{name}"{tmpl}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
