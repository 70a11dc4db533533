"""Which tables synchronise, in which order, and rows in canonical form (``ids/canon.py``).

A table syncs when it carries the ``SyncedMixin`` columns (client-made ``id``, times, origin)
and is not named in ``LOCAL_ONLY``. The rule reads the real schema, so a table added later
syncs without anyone remembering to list it.

The canonical form is how SQLite stores a value (datetimes ``YYYY-MM-DD HH:MM:SS.ffffff``,
booleans 0/1): the outbox triggers snapshot old rows with ``json_object`` in exactly that
form, so a value read through SQLAlchemy and one copied by a trigger compare equal.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, Table

from ..ids.canon import canon_row
from ..models import Base

# Rows that belong to one PC or to the sync machinery itself: never sent, never pulled.
LOCAL_ONLY = frozenset({
    "setting", "number_counter", "intake_draft", "sync_outbox", "sync_capture", "sync_meta",
    "sync_journal", "sync_applied", "sync_conflict", "alembic_version",
})
MIXIN_COLUMNS = frozenset({"id", "created_at", "updated_at", "origin_terminal"})
# Carried as data, never used to decide anything (terminal clocks can be hours wrong).
META_COLUMNS = MIXIN_COLUMNS
# Rows written once and never changed: the hash-chained event log.
IMMUTABLE = frozenset({"event_log"})


def is_synced_name(name: str, columns: Iterable[str]) -> bool:
    return name not in LOCAL_ONLY and MIXIN_COLUMNS <= set(columns)


@cache
def synced_tables() -> tuple[Table, ...]:
    """Synced tables of the models, parents before children (foreign-key order)."""
    return tuple(t for t in Base.metadata.sorted_tables if is_synced_name(t.name, t.c.keys()))


@cache
def table_map() -> dict[str, Table]:
    return {t.name: t for t in synced_tables()}


@cache
def table_rank() -> dict[str, int]:
    return {t.name: i for i, t in enumerate(synced_tables())}


def data_columns(table: Table) -> list[str]:
    return [c for c in table.c.keys() if c not in META_COLUMNS]


def decode_value(table: Table, column: str, value: Any) -> Any:
    """The Python value of a canonical (JSON) value, by the column's type."""
    if value is None or column not in table.c:
        return value
    typ = table.c[column].type
    if isinstance(typ, DateTime):
        return datetime.fromisoformat(value) if isinstance(value, str) else value
    if isinstance(typ, Date):
        return date.fromisoformat(value[:10]) if isinstance(value, str) else value
    if isinstance(typ, Boolean):
        return bool(value)
    if isinstance(typ, Integer) and isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return value


def decode_row(table: Table, data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: decode_value(table, k, v) for k, v in data.items() if k in table.c}


def to_json(row: Mapping[str, Any] | None) -> str | None:
    if row is None:
        return None
    return json.dumps(canon_row(row), ensure_ascii=False, sort_keys=True)


def from_json(table: Table, text: str | None) -> dict[str, Any] | None:
    """Python values of a canonical JSON row; values are normalised through the types so a
    loosely stored value (a date in a datetime column) compares like the typed one."""
    if text is None:
        return None
    return decode_row(table, json.loads(text))
