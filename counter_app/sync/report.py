"""What a sync round reports, and a PC's sync status: the same for the hall service's
engine (``hallsync/engine.py``) and the old row sync (``legacy_sync/engine.py``), so the screens
and the command line read either without importing the other engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class SyncReport:
    pushed: int = 0      # changes the server took in this round (new to it)
    duplicates: int = 0  # changes the server had already (a resend): ignored
    pulled: int = 0      # rows applied locally from the server
    conflicts: int = 0   # conflicts recorded (server and local side)
    errors: list[str] = field(default_factory=list)
    started_at: datetime | None = None
    finished_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class SyncStatus:
    waiting: int                  # local changes not yet confirmed by the server
    last_sync_at: datetime | None  # end of the last round without error
    last_attempt_at: datetime | None
    last_error: str
    server: str                   # the server URL, password masked
    local_conflicts: int          # open conflicts met while pulling on this PC

    @property
    def summary(self) -> str:
        when = f"{self.last_sync_at:%m-%d %H:%M}" if self.last_sync_at else "从未"
        text_ = f"待上传 {self.waiting} 条；上次同步 {when}"
        return f"{text_}；上次出错：{self.last_error}" if self.last_error else text_
