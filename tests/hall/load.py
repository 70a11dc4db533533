"""The hall under its staffing, shared by its test (``test_hall_load.py``) and its benchmark
(``bench/bench_hall_load.py``): terminals syncing every second against one running service,
while an approver's returns travel to a clerk's PC through the change feed.

The load, honestly described:
- ``full`` terminals are whole PCs (their own data folders, ``HallSync`` rounds, a case
  recorded every tenth round) in ``load_worker`` processes;
- the rest are light terminals (``light_terminals``): enrolled with their own credentials,
  speaking the real protocol of a round (check-in; pull pages when the journal is ahead),
  without the PC's own SQLite work, which in a hall runs on each PC's own CPU, and sixty
  times over on one 2-core box is what saturates the box, not the service;
- the clerk's PC and the approver's PC run in the calling process, whole.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from counter_app.hallsync.client import HallClient
from counter_app.hallsync.feed import ChangeFeed
from counter_app.services.handoff.service import CaseCheck

from .kit import PC, HallServer, authorize, process_cpu_s, receive

ROOT = Path(__file__).resolve().parents[2]
INTERVAL = 1.0
TIMEOUT_WORDS = ("响应超时", "ReadTimeout", "WriteTimeout", "ConnectTimeout", "PoolTimeout")


@dataclass
class LoadRun:
    full: dict[str, Any]            # folder -> the load worker's figures for that PC
    light: dict[str, Any]           # the light terminals' figures (light_terminals.main)
    delays: list[float]             # each return: approver's key to the clerk's PC
    loads: list[float] = field(default_factory=list)  # 1-min load average at each return
    service_cores: float = 0.0      # the service's CPU in the steady part, in cores
    clerk: PC | None = None         # the clerk's PC, still open for the caller's checks

    def errors(self) -> list[str]:
        """Every failed round's reason, whole PCs and light terminals alike."""
        return [e for r in self.full.values() for e in r["errors"]] + list(self.light["errors"])

    def rounds(self) -> int:
        return (sum(len(r["latencies"]) for r in self.full.values())
                + len(self.light["idle"]) + len(self.light["busy"]))


def is_timeout(reason: str) -> bool:
    """A round the loaded box answered too late: the terminal tries again next round."""
    return any(w in reason for w in TIMEOUT_WORDS)


def _light_tokens(server: HallServer, window: str, n: int) -> list[str]:
    tokens = []
    with httpx.Client(base_url=server.url, verify=False) as c:
        for i in range(n):
            code = server.code(window=window)
            r = c.post("/v1/enroll", json={"code": code.replace("-", "")[:10], "kind": "counter",
                                           "name": f"light-{i:02d}"})
            r.raise_for_status()
            tokens.append(r.json()["token"])
    return tokens


def run_load(server: HallServer, tmp: Path, item: str, window: str, *, terminals: int,
             full: int, seconds: float, returns: int, processes: int = 2) -> LoadRun:
    first = PC(tmp / "t00", server).enroll(window=window)
    authorize(first, first.login("boss"), "clerk", window)
    authorize(first, first.login("boss"), "clerk2", window)
    first.run()
    first.close()
    folders = [first.folder]
    for i in range(1, full):
        pc = PC(tmp / f"t{i:02d}", server).enroll(window=window)
        pc.close()
        folders.append(pc.folder)
    tokens = _light_tokens(server, window, terminals - full)
    # The approver's side, here: cases signed for, then returned one by one. Another
    # clerk's cases: returns count against the clerk who received them.
    a = PC(tmp / "clerk-a", server).enroll(window=window)
    c = PC(tmp / "approver-c", server).enroll("approver")
    clerk, approver = a.login("clerk2"), c.login("approver")
    cases = [receive(a, clerk, item) for _ in range(returns)]
    (batch,) = a.handoff.create_batches(clerk, cases)
    a.run()
    c.run()
    c.handoff.sign(approver, batch, [CaseCheck(n) for n in cases])
    c.run()
    a.run()

    ca = tmp / "ca.pem"
    ca.write_text((server.folder / "tls" / "ca.pem").read_text(encoding="ascii"), encoding="ascii")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [str(seconds), str(INTERVAL)]
    procs = [subprocess.Popen(
        [sys.executable, "-m", "tests.hall.load_worker", *argv, item,
         *map(str, folders[i::processes])], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
        for i in range(min(processes, full))]
    light = subprocess.Popen(
        [sys.executable, "-m", "tests.hall.light_terminals", server.url, str(ca), *argv, *tokens],
        stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    changed: list[float] = []
    cfg = a.sync.cfg
    feed = ChangeFeed(lambda: HallClient(cfg.url, cfg.ca_pem, cfg.token),
                      lambda _s: changed.append(time.monotonic())).start()
    run = LoadRun({}, {}, [], clerk=a)
    try:
        time.sleep(min(15.0, seconds / 4))  # the light terminals' first syncs, then steady
        assert server.proc is not None
        cpu0, t0_all = process_cpu_s(server.proc.pid), time.monotonic()
        for case_no in cases:
            c.handoff.return_case(approver, case_no, "负载测试退回")
            t0 = time.monotonic()
            c.run()
            while a.status_of(case_no) != "returned":
                if time.monotonic() - t0 > 60:
                    raise AssertionError(f"the return of {case_no} never reached the clerk's PC")
                if changed and changed[-1] >= t0:
                    a.run()
                time.sleep(0.02)
            run.delays.append(time.monotonic() - t0)
            run.loads.append(os.getloadavg()[0])
            time.sleep(seconds * 0.6 / returns)
        run.service_cores = (process_cpu_s(server.proc.pid) - cpu0) / (time.monotonic() - t0_all)
    finally:
        feed.stop()
        for p in procs:
            out, _ = p.communicate(timeout=seconds + 600)
            assert p.returncode == 0, f"a load worker exited with {p.returncode}"
            run.full.update(json.loads(out))
        out, _ = light.communicate(timeout=seconds + 600)
        assert light.returncode == 0, f"the light terminals exited with {light.returncode}"
        run.light = json.loads(out)
        c.close()
    return run
