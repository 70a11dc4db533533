"""staff signing keys: each operation carries the signed-in person's signature; the hall
keeps the public keys it bound to each staff member

Revision ID: 0014
Revises: 0008
Create Date: 2026-12-06

Plain CREATE TABLE / ADD COLUMN: neither is synced. Operations queued before this version
carry no signature; the hall refuses them with the reason (docs/HALL-SERVICE.md).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sync_op", sa.Column("key_id", sa.String(64), nullable=False, server_default=""))
    op.add_column("sync_op", sa.Column("sig", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "hall_staff_key",
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("public", sa.String(length=64), nullable=False),
        sa.Column("terminal", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("bound_at", sa.DateTime(), nullable=True),
        sa.Column("bound_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_hall_staff_key")),
    )
    op.create_index(op.f("ix_hall_staff_key_staff_id"), "hall_staff_key", ["staff_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_hall_staff_key_staff_id"), table_name="hall_staff_key")
    op.drop_table("hall_staff_key")
    with op.batch_alter_table("sync_op") as batch:
        batch.drop_column("sig")
        batch.drop_column("key_id")
