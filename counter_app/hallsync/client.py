"""HTTP to the hall service, pinned to the hall's CA; every failure a Chinese message."""

from __future__ import annotations

import ssl
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from ..sync.errors import SyncError

TIMEOUT = httpx.Timeout(20.0, connect=5.0)


class HallUnavailable(SyncError):
    """The service cannot be reached now; nothing is lost, the next round tries again."""


class HallRefused(SyncError):
    """The service answered with a refusal (credential, divergence, bad request)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def pinned(ca_pem: str) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cadata=ca_pem)
    return ctx


class HallClient:
    def __init__(self, url: str, ca_pem: str | None, token: str = "",
                 transport: httpx.BaseTransport | None = None) -> None:
        verify: ssl.SSLContext | bool = pinned(ca_pem) if ca_pem else False
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.url = url.rstrip("/")
        self.http = httpx.Client(base_url=self.url, verify=verify, headers=headers,
                                 timeout=TIMEOUT, transport=transport)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> HallClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, path: str, **params: Any) -> Any:
        with self._errors():
            return self._answer(self.http.get(path, params=params))

    def post(self, path: str, body: dict[str, Any]) -> Any:
        with self._errors():
            return self._answer(self.http.post(path, json=body))

    def stream_lines(self, path: str, timeout: float) -> Generator[str, None, None]:
        with self._errors(), self.http.stream("GET", path, timeout=httpx.Timeout(
                timeout, connect=5.0)) as resp:
            if resp.status_code >= 400:
                resp.read()
                self._answer(resp)
            yield from resp.iter_lines()

    @staticmethod
    def _answer(resp: httpx.Response) -> Any:
        if resp.status_code >= 400:
            try:
                detail = resp.json().get("detail")
            except ValueError:
                detail = None
            if not isinstance(detail, str):
                detail = f"大厅服务拒绝了请求（HTTP {resp.status_code}）"
            raise HallRefused(detail, resp.status_code)
        return resp.json()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except ssl.SSLCertVerificationError:
            raise HallRefused(f"大厅服务器“{self.url}”的证书与本机注册时记录的不符："
                              "可能连到了别的服务器。请联系管理员核实", 495) from None
        except httpx.ConnectError as exc:
            if "CERTIFICATE_VERIFY_FAILED" in str(exc):
                raise HallRefused(f"大厅服务器“{self.url}”的证书与本机注册时记录的不符："
                                  "可能连到了别的服务器。请联系管理员核实", 495) from None
            raise HallUnavailable(f"无法连接大厅服务器“{self.url}”：请检查网络或服务器是否开启。"
                                  "本机可继续离线办理，恢复后自动上传") from None
        except httpx.TimeoutException:
            raise HallUnavailable(f"大厅服务器“{self.url}”响应超时："
                                  "本机可继续离线办理，稍后自动重试") from None
        except httpx.HTTPError as exc:
            raise HallUnavailable(f"与大厅服务器通信中断（{type(exc).__name__}）：稍后自动重试") from None
