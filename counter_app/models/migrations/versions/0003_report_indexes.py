"""Indexes for the daily bulletin: open cases by due date, notices, returns, follow-ups.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_case_file_status_due", "case_file", ["status", "promised_due"]),
    ("ix_notice_issued_at", "notice", ["issued_at"]),
    ("ix_case_return_returned_at", "case_return", ["returned_at"]),
    ("ix_evaluation_followup_status", "evaluation", ["followup_status"]),
]


def upgrade() -> None:
    # Plain CREATE INDEX, no batch copy: the sync capture triggers stay in place.
    for name, table, cols in INDEXES:
        op.create_index(name, table, cols)


def downgrade() -> None:
    for name, table, _cols in INDEXES:
        op.drop_index(name, table_name=table)
