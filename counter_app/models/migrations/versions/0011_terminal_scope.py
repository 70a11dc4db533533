"""terminal scope: what each enrolled PC may hold (a window's cases, a department's, or
the whole hall), set by the enrollment code

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-06

Terminals enrolled before keep the whole hall (both columns empty), as they had.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = ("hall_terminal", "hall_enroll_code")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("window_code", sa.String(32), nullable=False, server_default=""))
        op.add_column(table, sa.Column("department_code", sa.String(32), nullable=False,
                                       server_default=""))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("department_code")
            batch.drop_column("window_code")
