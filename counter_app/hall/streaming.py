"""A blocking producer (a database read) behind a streamed answer: it runs on a thread of its
own and hands its items to the event loop through a small bounded queue, so it is never more
than ``depth`` items ahead of what the client has taken (a slow PC slows the read instead of
filling the service's memory). A client that goes away, or a service that stops, closes the
producer: its transaction ends at once."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from collections.abc import AsyncIterator, Callable, Generator

log = logging.getLogger(__name__)
_END = object()
WAIT_S = 0.5  # how often a producer waiting for room looks whether it was stopped
# Nothing taken for this long: the client is gone (its own read timeout is shorter), or the
# answer was never started (a client gone before its first byte): the producer gives up.
STALL_S = 180.0


class _Failed:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


class Streamed:
    def __init__(self, make: Callable[[], Generator[bytes, None, None]], depth: int = 2) -> None:
        self._loop = asyncio.get_running_loop()
        self._queue: asyncio.Queue[object] = asyncio.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(make,), daemon=True,
                                        name="snapshot-stream")
        self._thread.start()

    def _hand(self, item: object) -> bool:
        """Waits for room in the queue; False once the consumer stopped."""
        fut = asyncio.run_coroutine_threadsafe(self._queue.put(item), self._loop)
        waited = 0.0
        while True:
            try:
                fut.result(timeout=WAIT_S)
                return True
            except concurrent.futures.TimeoutError:
                waited += WAIT_S
                if self._stop.is_set() or waited >= STALL_S:
                    fut.cancel()
                    return False
            except (concurrent.futures.CancelledError, RuntimeError):  # the loop is gone
                return False

    def _run(self, make: Callable[[], Generator[bytes, None, None]]) -> None:
        gen = None
        try:
            gen = make()
            for item in gen:
                if not self._hand(item):
                    return
        except BaseException as exc:  # handed to the consumer, which raises or logs it
            self._hand(_Failed(exc))
            return
        finally:
            if gen is not None:
                gen.close()  # ends the read transaction now, not at garbage collection
        self._hand(_END)

    async def first(self) -> bytes:
        """The first item, or the producer's error raised here (before any byte is sent,
        so it is answered as any refusal is)."""
        item = await self._queue.get()
        if isinstance(item, _Failed):
            self._stop.set()
            raise item.exc
        if item is _END:
            self._stop.set()
            return b""
        assert isinstance(item, bytes)
        return item

    async def rest(self, first: bytes) -> AsyncIterator[bytes]:
        """``first``, then every further item. An error after the first byte can only end
        the answer early: the client sees an answer without its end and starts over."""
        try:
            if first:
                yield first
            while True:
                item = await self._queue.get()
                if item is _END:
                    return
                if isinstance(item, _Failed):
                    log.error("streamed answer cut short: %s", type(item.exc).__name__,
                              exc_info=item.exc)
                    return
                assert isinstance(item, bytes)
                yield item
        finally:
            self._stop.set()
