"""Operations: what a person did, recorded on the PC and replayed by the hall service.

A service method marked as an operation runs twice: on the PC at once (optimistic, works
offline) and on the hall service later (authoritative). While one runs, an ``OpState`` is
active in this context (a ``ContextVar``, so the GUI's lane thread and the sync thread never
see each other's) and makes both runs agree on what would otherwise differ:

- ids: ``new_id()`` draws ``uuid5(op id, n)``, so both runs make rows with the same keys;
- the clock: ``ServiceContext.now()`` returns the operation's one time;
- numbers: the PC records each case or batch number it takes; the service takes the same
  ones, in the same order (a number printed on a receipt can never change).

``opstate`` holds the running operation. ``SyncOp`` is the PC's queue of operations not
yet confirmed. The hall service's own tables (terminals, enrollment codes, the operations
it applied) live here as well, so one schema and one migration path serve both kinds of
database; none of them is ever synced.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Connection,
    DateTime,
    Float,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .opstate import OpState

OP_SEQ_KEY = "hall.op_seq"  # the last operation sequence this PC used (never reused)

_SEQ = BigInteger().with_variant(Integer(), "sqlite")


class SyncOp(Base):
    """An operation of this PC, kept until the hall service has confirmed or refused it.

    ``status``: ``pending`` (not yet answered), ``done`` (applied by the service),
    ``refused`` (the service said no; ``reason`` says why, in Chinese, for the clerk and the
    supervisor: nothing is dropped silently)."""

    __tablename__ = "sync_op"
    seq: Mapped[int] = mapped_column(_SEQ, primary_key=True, autoincrement=False)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    terminal: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(64))
    staff_id: Mapped[str] = mapped_column(String(36), default="")
    args: Mapped[str] = mapped_column(Text)
    numbers: Mapped[str] = mapped_column(Text, default="[]")
    at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The signed-in person's signature over the operation (services/people/op_signing.py), made
    # when it was done: the hall checks it against the key it bound to that person.
    key_id: Mapped[str] = mapped_column(String(64), default="", server_default="")
    sig: Mapped[str] = mapped_column(Text, default="", server_default="")


class HallTerminal(Base):
    """A PC enrolled with the hall service. The service assigns ``code`` (unique by
    construction) and keeps only a hash of the PC's credential; ``revoked`` ends it."""

    __tablename__ = "hall_terminal"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(16), default="counter")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_seq: Mapped[int] = mapped_column(_SEQ, default=0)  # last operation applied or refused
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime)
    clock_offset_s: Mapped[float] = mapped_column(Float, default=0.0)  # PC clock minus service clock
    diverged: Mapped[str] = mapped_column(Text, default="")  # why it was stopped, if it was
    # The code this PC had before it was rebuilt: its unsent cases carry numbers of that code.
    previous: Mapped[str] = mapped_column(String(8), default="")
    # What this PC may hold (docs/PERSONAL-DATA.md): the cases of one window, or of one
    # department, plus those it received itself; both empty = the whole hall.
    window_code: Mapped[str] = mapped_column(String(32), default="", server_default="")
    department_code: Mapped[str] = mapped_column(String(32), default="", server_default="")
    # Enrolled before operations were signed (migration 0018): its unsigned operations,
    # queued by the older version, are taken until its first signed one.
    legacy_unsigned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))


class HallEnrollCode(Base):
    """A one-time enrollment code (its hash), valid until ``expires_at``."""

    __tablename__ = "hall_enroll_code"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_by: Mapped[str] = mapped_column(String(8), default="")
    window_code: Mapped[str] = mapped_column(String(32), default="", server_default="")  # the scope
    department_code: Mapped[str] = mapped_column(String(32), default="", server_default="")


class HallRecovery(Base):
    """A PC's recovery slot, kept by the hall service: the PC's database key wrapped under a
    secret only that PC's data folder holds (vault.py). Given back (``/v1/recover``) to whoever
    shows that folder's slot id together with a supervisor's credential."""

    __tablename__ = "hall_recovery"
    terminal: Mapped[str] = mapped_column(String(8), primary_key=True)
    rid_hash: Mapped[str] = mapped_column(String(64))
    wrapped: Mapped[str] = mapped_column(Text)
    registered_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    used_by: Mapped[str] = mapped_column(String(64), default="")  # the supervisor's user name


class HallOp(Base):
    """An operation the hall service answered: the key that makes a resend harmless and
    that tells a restored or cloned PC (same sequence, other content) from a resend."""

    __tablename__ = "hall_op"
    __table_args__ = (UniqueConstraint("terminal", "seq", name="uq_hall_op_terminal_seq"),
                      Index("ix_hall_op_applied", "applied_at"))
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    terminal: Mapped[str] = mapped_column(String(8))
    seq: Mapped[int] = mapped_column(_SEQ)
    digest: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(64))
    staff_id: Mapped[str] = mapped_column(String(36), default="")
    status: Mapped[str] = mapped_column(String(12))  # done / refused
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime)  # the PC's time of the act
    applied_at: Mapped[datetime] = mapped_column(DateTime)  # the service's time


class HallStaffKey(Base):
    """A staff member's signing key on one PC (the public half), as the hall knows it.

    ``status``: ``bound`` (the hall checked the person's password at an online sign-in, or a
    supervisor approved it), ``pending`` (made at an offline sign-in, sent with a push: the
    hall holds that PC's operations signed with it until it is bound), ``rejected`` (a
    supervisor said it is not that person's: operations signed with it are refused)."""

    __tablename__ = "hall_staff_key"
    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the key
    staff_id: Mapped[str] = mapped_column(String(36), index=True)
    public: Mapped[str] = mapped_column(String(64))  # raw Ed25519 public key, base64
    terminal: Mapped[str] = mapped_column(String(8))  # the PC it was made on
    status: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(DateTime)  # the service's time
    bound_at: Mapped[datetime | None] = mapped_column(DateTime)
    bound_by: Mapped[str] = mapped_column(String(64), default="")  # "sign-in" or a supervisor


class HallAnchor(Base):
    """A terminal's event-chain head as the PC reported it at a sync (append-only: rows are
    only ever added). With the hall's own copy of each chain, it lets ``verify-audit`` on
    any PC tell a truncated, rewritten or invented chain (docs/AUDIT.md)."""

    __tablename__ = "hall_anchor"
    __table_args__ = (Index("ix_hall_anchor_terminal_seq", "terminal", "seq"),)
    id: Mapped[int] = mapped_column(_SEQ, primary_key=True, autoincrement=True)
    terminal: Mapped[str] = mapped_column(String(8))
    seq: Mapped[int] = mapped_column(_SEQ)  # the event sequence of the head
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime)  # the service's time
    hall_hash: Mapped[str] = mapped_column(String(64), default="")  # the hall's own event there


_TAKE_SEQ = text(
    "INSERT INTO setting (key, value) VALUES (:k, '1') ON CONFLICT (key) DO UPDATE SET "
    "value = CAST(CAST(setting.value AS INTEGER) + 1 AS TEXT) RETURNING value")


def save_op(conn: Connection, op: OpState) -> None:
    """Queue the running operation in the caller's transaction (once; a later transaction
    of the same operation only adds the numbers it took)."""
    numbers = json.dumps(op.numbers)
    if op.saved:
        conn.execute(SyncOp.__table__.update().where(SyncOp.op_id == op.op_id)
                     .values(numbers=numbers))
        return
    seq = int(conn.execute(_TAKE_SEQ, {"k": OP_SEQ_KEY}).scalar_one())
    conn.execute(SyncOp.__table__.insert().values(
        seq=seq, op_id=op.op_id, terminal=op.terminal, name=op.name, staff_id=op.staff_id,
        args=op.args, numbers=numbers, at=op.at, status="pending", reason="",
        key_id=op.key_id, sig=op.sig))
    op.saved = True
