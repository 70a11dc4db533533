"""What an enrolled PC keeps about its hall, in its own ``setting`` table: the service's
address, the hall CA it pinned, its terminal credential. No database credentials."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..models.database import Database
from ..services.settings import HALL_OFFSET_KEY, HALL_URL_KEY, get_setting, set_setting

K_URL = HALL_URL_KEY
K_CA, K_TOKEN, K_SERVER = "hall.ca_pem", "hall.token", "hall.server_id"
K_PULL = "hall.pull_seq"
K_LAST_OK, K_LAST_TRY, K_LAST_ERROR = "hall.last_ok_at", "hall.last_attempt_at", "hall.last_error"
K_OFFSET = HALL_OFFSET_KEY
# What this PC may hold, as the service last said (hall/scope.py); a change of K_SCOPE sets
# K_RESCOPE until the PC has dropped what it held and pulled its new scope afresh.
K_SCOPE, K_SCOPE_LABEL, K_RESCOPE = "hall.scope", "hall.scope_label", "hall.rescope"
K_WHOLE, K_RETENTION = "hall.whole_hall", "hall.retention_days"


@dataclass(frozen=True)
class HallConfig:
    url: str
    ca_pem: str
    token: str
    server_id: str


def load(db: Database) -> HallConfig | None:
    with db.session() as s:
        return read(s)


def read(s: Session) -> HallConfig | None:
    url = get_setting(s, K_URL)
    if not url:
        return None
    return HallConfig(url, get_setting(s, K_CA), get_setting(s, K_TOKEN), get_setting(s, K_SERVER))


def save(s: Session, cfg: HallConfig) -> None:
    set_setting(s, K_URL, cfg.url)
    set_setting(s, K_CA, cfg.ca_pem)
    set_setting(s, K_TOKEN, cfg.token)
    set_setting(s, K_SERVER, cfg.server_id)


def holds_part(s: Session) -> bool:
    """Whether the service sends this PC only part of the hall (a window's or a department's
    cases): other terminals' event chains are then held in part."""
    return get_setting(s, K_WHOLE) == "0"
