"""A small TCP proxy on loopback for fault tests: it forwards a PC's TLS connection to the
hall service and, when armed, cuts the connection at the moment the service has committed
an operation but before its answer reaches the PC (it watches the service's record of
applied operations; TLS hides the HTTP from it)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable


class CuttingProxy:
    def __init__(self, upstream_port: int, committed: Callable[[], int]) -> None:
        self.upstream_port, self.committed = upstream_port, committed
        self.armed = False  # cut the next answer that follows a commit
        self.cuts = 0
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))  # any free port, bound at once
        self.port = int(self._listener.getsockname()[1])
        self._listener.settimeout(0.2)
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
            except OSError:
                client.close()
                continue
            state = {"before": self.committed()}
            threading.Thread(target=self._pump, args=(client, upstream, state, False),
                             daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, state, True),
                             daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, state: dict[str, int],
              answers: bool) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if not answers:
                    state["before"] = self.committed()  # a new request starts here
                elif self.armed and self.committed() > state["before"]:
                    self.armed = False
                    self.cuts += 1
                    break  # the service committed; its answer is lost on the way
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
