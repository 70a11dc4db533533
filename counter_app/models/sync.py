"""Tables of the sync machinery. None of them is ever synchronised itself.

On a counter PC: ``sync_capture`` (what the change-capture triggers do now) and
``sync_conflict`` (conflicts met while pulling). On the shared server: ``sync_journal`` (every
change, in commit order, filled by triggers), ``sync_applied`` (the change ids already
applied, so a resend is ignored), ``sync_meta`` (the server's identity) and
``sync_conflict``. Both kinds of database carry all of them: one schema, one migration path.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, hall_now, new_id

# sqlite: INTEGER PRIMARY KEY is the rowid; BIGINT would not be.
_SEQ = BigInteger().with_variant(Integer(), "sqlite")


class SyncCapture(Base):
    """One row. ``mode`` decides what the SQLite triggers do: ``terminal`` queues local
    writes in the outbox, ``server`` journals them, ``applying`` (set only inside the
    transaction that applies pulled rows) records nothing. ``origin`` names the pushing
    terminal while a push is applied on a shared SQLite server."""

    __tablename__ = "sync_capture"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    mode: Mapped[str] = mapped_column(String(16), default="terminal")
    origin: Mapped[str] = mapped_column(String(36), default="")


class SyncMeta(Base):
    __tablename__ = "sync_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class SyncJournal(Base):
    """A change on the server. ``seq`` order is commit order (writers serialise on a lock),
    so a terminal that remembers the last ``seq`` it pulled misses nothing."""

    __tablename__ = "sync_journal"
    __table_args__ = (Index("ix_sync_journal_row", "row_id"), {"sqlite_autoincrement": True})
    seq: Mapped[int] = mapped_column(_SEQ, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(8))  # upsert / delete
    origin: Mapped[str] = mapped_column(String(36), default="")  # pushing instance; "" = server


class SyncApplied(Base):
    """Change ids the server has applied: the unique key that makes a resend harmless."""

    __tablename__ = "sync_applied"
    change_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    origin: Mapped[str] = mapped_column(String(36))
    applied_at: Mapped[datetime] = mapped_column(DateTime)


class SyncConflict(Base):
    """A disagreement the rules met, with every version, kept until a supervisor closes it.

    ``status``: ``settled`` (a written rule decided; kept for the record), ``open`` (no rule
    could decide: the server kept its version until someone chooses), ``resolved``.
    """

    __tablename__ = "sync_conflict"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    detected_at: Mapped[datetime] = mapped_column(DateTime, default=hall_now, index=True)
    side: Mapped[str] = mapped_column(String(8))  # server (on push) / local (on pull)
    origin: Mapped[str] = mapped_column(String(36), default="")
    terminal: Mapped[str] = mapped_column(String(8), default="")
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    case_id: Mapped[str | None] = mapped_column(String(36), index=True)
    rule: Mapped[str] = mapped_column(String(32))
    columns: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    message: Mapped[str] = mapped_column(Text, default="")
    base_json: Mapped[str | None] = mapped_column(Text)
    local_json: Mapped[str | None] = mapped_column(Text)
    server_json: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    resolved_by_id: Mapped[str | None] = mapped_column(String(36))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str] = mapped_column(Text, default="")
