"""One canonical form of a value: how SQLite stores it.

Datetimes ``YYYY-MM-DD HH:MM:SS.ffffff``, dates ISO, booleans 0/1. SQLite's own
``json_array``/``json_object`` write the same text, so a value read through SQLAlchemy, one
copied by a sync trigger and one in an audit seal compare alike (``services/audit/seal.py``,
``sync/tables.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any


def canon(value: Any) -> Any:
    """A value as SQLite stores it, so any two sources compare alike."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def canon_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: canon(v) for k, v in row.items()}
