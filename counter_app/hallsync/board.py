"""The hall display's feed: the board as it is, then every call the moment the hall service
makes it (server-sent events). Qt-free; a daemon thread that says when the link is lost and
reconnects with a growing pause, fetching the whole board again when it is back."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Any

from ..sync.errors import SyncError
from .client import HallClient

log = logging.getLogger(__name__)
READ_TIMEOUT = 30.0  # the service pings every 15 s and wakes a listener every 5 s


class BoardFeed:
    def __init__(self, make_client: Callable[[], HallClient], on_board: Callable[[dict[str, Any]], None],
                 on_call: Callable[[dict[str, Any]], None], on_lost: Callable[[str], None]) -> None:
        self._make_client = make_client
        self._on_board, self._on_call, self._on_lost = on_board, on_call, on_lost
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="hall-board", daemon=True)

    def start(self) -> BoardFeed:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        pause = 1.0
        while not self._stop.is_set():
            try:
                with self._make_client() as c:
                    board = c.get("/v1/board")
                    self._on_board(board)
                    pause = 1.0
                    for line in c.stream_lines(f"/v1/calls?after={int(board['version'])}", READ_TIMEOUT):
                        if self._stop.is_set():
                            return
                        if line.startswith("data:") and line[5:].strip().startswith("{"):
                            self._on_call(json.loads(line[5:]))
                raise SyncError("大厅服务器关闭了连接")
            except (SyncError, ValueError, KeyError) as exc:
                if not self._stop.is_set():
                    self._on_lost(str(exc))
            except Exception as exc:  # the display must keep trying, never die
                log.exception("hall board feed failed")
                if not self._stop.is_set():
                    self._on_lost(f"叫号显示出错：{type(exc).__name__}")
            self._stop.wait(pause)
            pause = min(pause * 2, 30.0)
