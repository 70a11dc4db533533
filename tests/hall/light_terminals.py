"""Light terminals for the hall load (``tests/hall/load.py``, run by its test and by
``bench/bench_hall_load.py``): each one an enrolled terminal with its own credential,
speaking the real protocol of a PC's sync round over its own keep-alive HTTPS connection
pinned to the hall CA: check-in (``/v1/hello`` with its clock), then ``/v1/pull`` page by
page whenever the hall's journal is ahead of it. What it leaves out is the PC's own SQLite
work (applying rows, its settings): on a 2-core box that work, 60 times over, is what
saturated the box, not the service.

All terminals run in one asyncio loop (one process). Per round: the wall time as the
terminal saw it, and the service's own time from each answer's ``Server-Timing`` header.
One more client sends a bare ``GET /v1/ca`` (no database, no credential) every second: the
baseline, under the same load at the same time.

    python -m tests.hall.light_terminals URL CA_FILE DURATION_S INTERVAL_S TOKEN...

(JSON on stdout)
"""

from __future__ import annotations

import asyncio
import json
import random
import ssl
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx

HALL_TZ = timezone(timedelta(hours=8))
MAX_ROUNDS = 2000  # per terminal: bounded in count as well as in time


def _server_ms(r: httpx.Response) -> float:
    for part in r.headers.get("server-timing", "").split(";"):
        if part.startswith("dur="):
            return float(part[4:])
    return float("nan")


async def _first_sync(c: httpx.AsyncClient) -> int:
    r = await c.get("/v1/snapshot")
    r.raise_for_status()
    return int(r.json()["last_seq"])


async def _terminal(c: httpx.AsyncClient, seq: int, end: float, interval: float,
                    out: dict[str, Any]) -> None:
    await asyncio.sleep(random.uniform(0, interval))
    for _ in range(MAX_ROUNDS):
        if time.monotonic() >= end:
            break
        t0 = time.perf_counter()
        try:
            now = datetime.now(HALL_TZ).replace(tzinfo=None).isoformat()
            r = await c.get("/v1/hello", params={"t": now})
            r.raise_for_status()
            served = _server_ms(r)
            hall_seq = int(r.json()["journal_seq"])
            pulled = False
            while hall_seq > seq:
                p = await c.get("/v1/pull", params={"after": seq, "limit": 5000})
                p.raise_for_status()
                served += _server_ms(p)
                page = p.json()
                pulled = True
                if not page["entries"]:
                    break
                seq = int(page["last_seq"])
            wall = time.perf_counter() - t0
            out["busy" if pulled else "idle"].append(wall)
            out["server_busy" if pulled else "server_idle"].append(served / 1000)
        except httpx.HTTPError as exc:
            out["errors"].append(repr(exc))
        await asyncio.sleep(max(0.0, interval - (time.perf_counter() - t0)))


async def _bare(c: httpx.AsyncClient, end: float, interval: float, out: list[float]) -> None:
    while time.monotonic() < end:
        t0 = time.perf_counter()
        (await c.get("/v1/ca")).raise_for_status()
        out.append(time.perf_counter() - t0)
        await asyncio.sleep(max(0.0, interval - (time.perf_counter() - t0)))


async def main(url: str, ca: str, duration: float, interval: float, tokens: list[str]) -> dict:
    verify = ssl.create_default_context(cadata=ca)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    clients = [httpx.AsyncClient(base_url=url, verify=verify, limits=limits, timeout=60,
                                 headers={"Authorization": f"Bearer {t}"}) for t in tokens]
    out: dict[str, Any] = {"idle": [], "busy": [], "server_idle": [], "server_busy": [],
                           "errors": [], "bare": []}
    try:
        seqs = [await _first_sync(c) for c in clients]  # before the clock starts
        end = time.monotonic() + duration
        async with httpx.AsyncClient(base_url=url, verify=verify, limits=limits) as bare:
            await asyncio.gather(_bare(bare, end, interval, out["bare"]),
                                 *(_terminal(c, s, end, interval, out)
                                   for c, s in zip(clients, seqs, strict=True)))
    finally:
        for c in clients:
            await c.aclose()
    return out


if __name__ == "__main__":
    a = sys.argv[1:]
    result = asyncio.run(main(a[0], Path(a[1]).read_text(encoding="ascii"), float(a[2]),
                              float(a[3]), a[4:]))
    print(json.dumps(result))
