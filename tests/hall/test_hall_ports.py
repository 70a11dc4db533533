"""The service's listening port: bound once and served (no gap between a check and the bind
another program could take the port in), port 0 for any free port named on the start line,
and a busy fixed port a Chinese message for the IT officer."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx

from .conftest import Staffed
from .kit import BUSY, STARTED, HallServer, authorize


def test_port_0_serves_on_the_port_the_start_line_names(tmp_path: Path) -> None:
    first = HallServer(tmp_path / "first").init().start()
    second = HallServer(tmp_path / "second").init().start()  # the first holds its port
    try:
        for server in (first, second):
            named = STARTED.findall((server.folder / "serve.log").read_text())
            assert named == [str(server.port)] and server.port != 0
            r = httpx.get(f"https://127.0.0.1:{named[0]}/v1/ca", verify=False, timeout=10)
            assert r.status_code == 200 and "BEGIN CERTIFICATE" in r.json()["ca_pem"]
        assert first.port != second.port
    finally:
        first.stop()
        second.stop()


def test_a_busy_fixed_port_is_named_in_chinese(tmp_path: Path) -> None:
    server = HallServer(tmp_path / "hall").init()
    with socket.create_server(("127.0.0.1", 0)) as other:
        listen = f"127.0.0.1:{other.getsockname()[1]}"
        r = subprocess.run([sys.executable, "-m", "counter_app.hall.cli", "--data-dir",
                            str(server.folder), "serve", "--listen", listen],
                           capture_output=True, text=True, timeout=60)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stderr.strip() == f"错误：无法在 {listen} 上监听：{BUSY}", r.stderr
    assert not STARTED.search(r.stdout), "it said it listens on a port it does not hold"


def test_a_restart_waits_out_another_program_on_its_port(staffed: Staffed) -> None:
    """The enrolled PCs know the service by its port: a restart keeps it, and if another
    program holds it for a moment, the service comes up on it once it is free."""
    a = staffed.pc("a")
    server = staffed.server
    port = server.port
    server.stop()
    squatter = socket.create_server(("127.0.0.1", port))
    threading.Timer(2.0, squatter.close).start()
    server.start()
    assert server.port == port
    assert BUSY in (server.folder / "serve.log").read_text(), "the port was never busy"
    authorize(a, a.login("boss"), "clerk", staffed.window)
    a.run()  # the PC reaches the restarted service at the address it enrolled with
