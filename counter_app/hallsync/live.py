"""Live operations (the queue) sent to the hall service and answered at once.

A window's call-next must never give two windows one ticket, so it is not run on the PC
and queued like other operations: the hall service runs it under its one lock and answers.
When the service cannot be reached the act is refused here with a clear message (receiving
without a ticket still works). A request that timed out is sent again with the same id:
the service answers a resend with what it did the first time, never with a second ticket.
"""

from __future__ import annotations

import threading
from typing import Any

import httpx

from ..models.database import Database
from ..models.opstate import OpState
from ..services.context import Actor
from ..services.operations import OperationError, decode
from ..sync.errors import SyncError
from . import config
from .client import HallClient, HallRefused, HallUnavailable

LIVE_TIMEOUT = httpx.Timeout(4.0, connect=2.0)  # a window key: seconds, not the sync's 20
TRIES = 3


class LiveRefused(SyncError):
    """The hall service refused the act; the message is its reason, in Chinese."""


def _no_actor(_staff_id: str) -> Actor:
    raise OperationError("大厅服务的答复格式无效")


class LiveLink:
    """``ServiceContext.live`` of an enrolled PC. Thread-safe: one connection, kept."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._client: HallClient | None = None
        self._lock = threading.Lock()

    def client(self) -> HallClient:
        if self._client is None:
            cfg = config.load(self.db)
            if cfg is None:
                raise SyncError("本机尚未注册到大厅服务：请运行 counter-admin enroll 服务器地址 注册码")
            self._client = HallClient(cfg.url, cfg.ca_pem, cfg.token)
            self._client.http.timeout = LIVE_TIMEOUT
        return self._client

    def __call__(self, state: OpState) -> Any:
        body = {"op_id": state.op_id, "name": state.name, "staff_id": state.staff_id,
                "args": state.args, "at": state.at.isoformat(), "key_id": state.key_id,
                "sig": state.sig}
        with self._lock:
            for attempt in range(1, TRIES + 1):
                try:
                    answer = self.client().post("/v1/live", body)
                    break
                except HallUnavailable as exc:
                    self.close()
                    if attempt == TRIES:
                        raise HallUnavailable(f"叫号与取号须经大厅服务器，现在连接不上：{exc}"
                                              "（没有号也可以照常收件）") from None
                except HallRefused:
                    self.close()
                    raise
        if answer.get("status") != "done":
            raise LiveRefused(str(answer.get("reason") or "大厅服务器拒绝了此操作"))
        return decode(answer["result"], _no_actor)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
