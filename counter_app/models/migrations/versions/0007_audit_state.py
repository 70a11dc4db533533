"""audit state: each event's seal of the cases and batches it touched, their revision
counters, and the hall service's append-only record of terminals' chain heads

Revision ID: 0007
Revises: 0011
Create Date: 2026-12-06

Columns are added in place (no batch copy), so the sync capture triggers stay; they are
regenerated from the live schema when the database is opened. Events from before keep a
NULL seal and verify as before (docs/AUDIT.md says what that leaves uncovered).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0011"
branch_labels = None
depends_on = None

COLUMNS: list[tuple[str, sa.Column[Any]]] = [
    ("event_log", sa.Column("state", sa.Text(), nullable=True)),
    ("case_file", sa.Column("audit_rev", sa.Integer(), nullable=False, server_default="0")),
    ("handoff_batch", sa.Column("audit_rev", sa.Integer(), nullable=False, server_default="0")),
]


def upgrade() -> None:
    for table, column in COLUMNS:
        op.add_column(table, column)
    sqlite = op.get_bind().dialect.name == "sqlite"
    seq_type = sa.Integer() if sqlite else sa.BigInteger()
    op.create_table(
        "hall_anchor",
        sa.Column("id", seq_type, autoincrement=True, nullable=False),
        sa.Column("terminal", sa.String(length=8), nullable=False),
        sa.Column("seq", seq_type, nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("hall_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hall_anchor")),
    )
    op.create_index("ix_hall_anchor_terminal_seq", "hall_anchor", ["terminal", "seq"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_hall_anchor_terminal_seq", table_name="hall_anchor")
    op.drop_table("hall_anchor")
    for table, column in reversed(COLUMNS):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column.name)
