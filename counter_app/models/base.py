"""Declarative base and the columns every synchronised row carries.

Rows are made on counter PCs that may be offline, so keys are client-made UUIDs (text, so
SQLite and PostgreSQL store them alike) and every row records the terminal that made it.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import DateTime, MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .opstate import current as current_op

# Stable constraint names so Alembic migrations behave the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    # Inside an operation both runs (PC and hall service) draw the same ids; see oplog.
    op = current_op()
    return op.next_id() if op is not None else str(uuid.uuid4())


# China has one time zone and no daylight saving: every stored time is naive Beijing time,
# whatever zone the PC's operating system happens to be set to.
HALL_TZ = timezone(timedelta(hours=8))


def hall_now() -> datetime:
    return datetime.now(HALL_TZ).replace(tzinfo=None)


def row_now() -> datetime:
    """Row times: inside an operation its one time, so both runs write the same row."""
    op = current_op()
    return op.at if op is not None else hall_now()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    if TYPE_CHECKING:  # every model maps one Table (SQLAlchemy types it as any FromClause)
        __table__: ClassVar[Table]


class SyncedMixin:
    """Key, times and origin terminal: what the sync engine needs on every shared row."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=row_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=row_now, onupdate=row_now)
    origin_terminal: Mapped[str] = mapped_column(String(8), default="")
