"""This PC's settings, kept in the local database's ``setting`` table."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from ..models import Setting

TERMINAL_KEY = "terminal_code"
HALL_KEY = "hall"
HALL_URL_KEY = "hall.url"  # set when this PC is enrolled with a hall service
HALL_OFFSET_KEY = "hall.clock_offset_s"  # this PC's clock minus the hall service's


def get_setting(session: Session, key: str, default: str = "") -> str:
    row = session.get(Setting, key)
    return row.value if row else default


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def get_json(session: Session, key: str, default: Any = None) -> Any:
    text = get_setting(session, key)
    return json.loads(text) if text else default


def set_json(session: Session, key: str, value: Any) -> None:
    set_setting(session, key, json.dumps(value, ensure_ascii=False))
