"""material facts: separate 原件 and 复印件 counts, 来源渠道 (issuer, shared so waived), paper or
electronic, and the acceptance standard

Revision ID: 0012
Revises: 0008
Create Date: 2026-12-06

Rows from before keep loading: no counts (read from form and copies), brought by the
applicant, on paper, no standard. Columns are added in place (no batch copy), so the sync
capture triggers stay; they are regenerated from the live schema when the database is opened.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0013"
branch_labels = None
depends_on = None

COLUMNS: list[sa.Column] = [
    sa.Column("originals", sa.Integer(), nullable=True),
    sa.Column("photocopies", sa.Integer(), nullable=True),
    sa.Column("source", sa.String(16), nullable=False, server_default="applicant"),
    sa.Column("issuer", sa.String(200), nullable=False, server_default=""),
    sa.Column("shared", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("medium", sa.String(16), nullable=False, server_default="paper"),
    sa.Column("standard", sa.Text(), nullable=False, server_default=""),
]


def upgrade() -> None:
    for column in COLUMNS:
        op.add_column("material_requirement", column)


def downgrade() -> None:
    with op.batch_alter_table("material_requirement") as batch:
        for column in reversed(COLUMNS):
            batch.drop_column(column.name)
