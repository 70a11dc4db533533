"""An index on case_file.closed_at: a PC's retention pass (hallsync/retention.py) looks for
closed cases past the hall's period after every pull that brought rows.

Revision ID: 0015
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain CREATE INDEX, no batch copy: the sync capture triggers stay in place.
    op.create_index("ix_case_file_closed_at", "case_file", ["closed_at"])


def downgrade() -> None:
    op.drop_index("ix_case_file_closed_at", table_name="case_file")
