"""hall_terminal.legacy_unsigned: a PC enrolled before operations were signed (0014) may
still hold operations queued unsigned by its older version. The hall accepts those, in
order, until that PC's first signed operation; a PC enrolled later never may.

Revision ID: 0018
Revises: 0015
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("hall_terminal", sa.Column("legacy_unsigned", sa.Boolean(), nullable=False,
                                             server_default=sa.false()))
    # Every terminal enrolled by now ran a version that did not sign (before 0014).
    op.execute("UPDATE hall_terminal SET legacy_unsigned = TRUE WHERE revoked_at IS NULL")


def downgrade() -> None:
    with op.batch_alter_table("hall_terminal") as batch:
        batch.drop_column("legacy_unsigned")
