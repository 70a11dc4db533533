"""Asking the hall for cases this PC does not hold (its scope: ``hall/scope.py``).

Only when online; the answer is shown, never stored, and the hall logs the look under the
person's name and this PC's terminal code (``hall/lookup.py``).
"""

from __future__ import annotations

from datetime import date, datetime

from ..models.database import Database
from ..services.context import Actor
from ..services.handoff.case_queries import CaseRow
from ..sync.errors import SyncError
from . import config
from .client import HallClient


def ask_hall(db: Database, actor: Actor, text: str) -> tuple[list[CaseRow], int]:
    """The hall's list lines for ``text`` (masked), and how many more it did not send."""
    cfg = config.load(db)
    if cfg is None:
        raise SyncError("本机没有注册到大厅服务，无法在大厅查询")
    with HallClient(cfg.url, cfg.ca_pem, cfg.token) as c:
        answer = c.post("/v1/lookup", {"staff_id": actor.staff_id, "text": text})
    rows = [CaseRow(**{**r, "received_at": datetime.fromisoformat(r["received_at"]),
                       "promised_due": date.fromisoformat(r["promised_due"]) if r["promised_due"] else None})
            for r in answer["rows"]]
    return rows, int(answer.get("more", 0))
