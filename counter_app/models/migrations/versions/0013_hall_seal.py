"""hall_seal: the supervisor's authorisation of the hall's 受理专用章, per document kind

Revision ID: 0013
Revises: 0008
Create Date: 2026-12-06

A plain CREATE TABLE: the sync capture triggers of a new synced table are made from the
live schema when the database is opened.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hall_seal",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin_terminal", sa.String(8), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("seal_text", sa.String(60), nullable=False),
        sa.Column("kinds", sa.Text(), nullable=False),
        sa.Column("set_by_id", sa.String(36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hall_seal")),
        sa.UniqueConstraint("scope", name=op.f("uq_hall_seal_scope")),
    )


def downgrade() -> None:
    op.drop_table("hall_seal")
