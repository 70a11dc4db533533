"""The append-only event log (hash-chained per terminal) and the print log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, SyncedMixin


class Event(SyncedMixin, Base):
    """One state change. Never updated or deleted; corrections are new events.

    ``seq`` counts per terminal and ``hash`` covers this event's content and the previous
    event's hash of the same terminal, so a chain can be built offline and checked anywhere.
    """

    __tablename__ = "event_log"
    # Events by time with their kind and actor in the index: who worked on a day (the
    # bulletin's staffing) is read from the index alone (migration 0017).
    __table_args__ = (UniqueConstraint("terminal_code", "seq", name="uq_event_terminal_seq"),
                      Index("ix_event_log_at_kind_actor", "at", "kind", "actor_id"))
    terminal_code: Mapped[str] = mapped_column(String(8))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    case_id: Mapped[str | None] = mapped_column(String(36), index=True)
    batch_id: Mapped[str | None] = mapped_column(String(36), index=True)
    actor_id: Mapped[str | None] = mapped_column(String(36))
    actor_role: Mapped[str] = mapped_column(String(16), default="")
    payload: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # What this event commits to besides itself (services/audit/seal.py): the digest of each
    # case or batch it touched, as their rows stood when the act committed. NULL on events
    # written before the seal existed; the hash then covers neither this nor ``created_at``.
    state: Mapped[str | None] = mapped_column(Text, nullable=True)


class PrintRecord(SyncedMixin, Base):
    __tablename__ = "print_log"
    case_id: Mapped[str | None] = mapped_column(ForeignKey("case_file.id"), index=True)
    batch_id: Mapped[str | None] = mapped_column(ForeignKey("handoff_batch.id"))
    doc_kind: Mapped[str] = mapped_column(String(32))
    layout: Mapped[str] = mapped_column(String(16))
    reprint_no: Mapped[int] = mapped_column(Integer, default=0)
    printed_by_id: Mapped[str | None] = mapped_column(String(36))
    terminal_code: Mapped[str] = mapped_column(String(8))
    printed_at: Mapped[datetime] = mapped_column(DateTime)
    printer: Mapped[str] = mapped_column(String(200), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
