"""The service's own time per request, apart from the network and the client: every answer
carries a ``Server-Timing: app;dur=<ms>`` header (the W3C header browsers and tools read),
from the request's arrival to its answer's first byte. A load test reads it to tell what
the service costs from what a loaded box adds around it."""

from __future__ import annotations

import time
from typing import Any

Scope = dict[str, Any]


class ServerTiming:
    """A plain ASGI wrapper (no BaseHTTPMiddleware: that would cost more than it measures)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()

        async def timed(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                ms = (time.perf_counter() - t0) * 1000
                headers = list(message.get("headers", []))
                headers.append((b"server-timing", f"app;dur={ms:.2f}".encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, timed)


def server_ms(headers: Any) -> float | None:
    """The service's time in a response's headers (``None`` if it did not say)."""
    value = headers.get("server-timing", "")
    for part in value.split(";"):
        if part.startswith("dur="):
            try:
                return float(part[4:])
            except ValueError:
                return None
    return None
