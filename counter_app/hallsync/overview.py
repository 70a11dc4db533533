"""What the settings page shows of a PC enrolled with the hall service: where the hall is,
this PC's terminal, the clock offset, what waits to be sent and every operation the hall
refused with its reason. Qt-free; read on the database lane, in one read-only session."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ..models import SyncOp
from ..models.database import Database
from ..services.settings import get_setting
from . import config


@dataclass(frozen=True)
class HallView:
    url: str
    terminal: str
    offset_s: int
    waiting: int
    refused: list[tuple[str, int, str, str]]  # (when, seq, operation, reason)
    scope: str = ""  # the service's words: 全馆 / 窗口 X / 部门 Y
    retention_days: str = ""


def read_hall(db: Database, terminal: str) -> HallView:
    with db.session() as s:
        cfg = config.read(s)
        waiting = s.execute(select(func.count()).select_from(SyncOp).where(
            SyncOp.status == "pending")).scalar_one()
        refused = [(f"{o.at:%Y-%m-%d %H:%M}", o.seq, o.name, o.reason) for o in s.execute(
            select(SyncOp).where(SyncOp.status == "refused").order_by(SyncOp.seq.desc())).scalars()]
        offset = int(float(get_setting(s, config.K_OFFSET) or 0))
        scope = get_setting(s, config.K_SCOPE_LABEL)
        days = get_setting(s, config.K_RETENTION) if config.holds_part(s) else ""
    return HallView(cfg.url if cfg else "", terminal, offset, int(waiting), refused, scope, days)
