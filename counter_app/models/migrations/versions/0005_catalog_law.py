"""catalog law: item type, limit units, fee schedule, sources and sign-off; body of each
department; the issued document kept with its notice; the fee tier a clerk chose; the
collector's phone on an issuance

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

Rows from before keep loading: their limits are read as 工作日 and their items as 待核对 with
an unknown type (the catalog import lists them), every department as an administrative organ.
Columns are added in place (no batch copy), so the sync capture triggers stay; they are
regenerated from the live schema when the database is opened.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS: list[tuple[str, sa.Column]] = [
    ("item_version", sa.Column("item_type", sa.String(16), nullable=False,
                               server_default="unknown")),
    ("item_version", sa.Column("statutory_unit", sa.String(8), nullable=False,
                               server_default="workday")),
    ("item_version", sa.Column("promised_unit", sa.String(8), nullable=False,
                               server_default="workday")),
    ("item_version", sa.Column("law", sa.Text(), nullable=False, server_default="{}")),
    ("item_version", sa.Column("check_state", sa.String(16), nullable=False,
                               server_default="pending")),
    ("item_version", sa.Column("checked_by", sa.String(64), nullable=False, server_default="")),
    ("item_version", sa.Column("checked_on", sa.Date(), nullable=True)),
    ("department", sa.Column("nature", sa.String(16), nullable=False, server_default="organ")),
    ("department", sa.Column("body", sa.Text(), nullable=False, server_default="{}")),
    ("notice", sa.Column("doc_no", sa.String(40), nullable=False, server_default="")),
    ("notice", sa.Column("doc", sa.Text(), nullable=False, server_default="")),
    ("notice", sa.Column("sha256", sa.String(64), nullable=False, server_default="")),
    ("case_file", sa.Column("fee_tier", sa.String(100), nullable=False, server_default="")),
    ("issuance", sa.Column("collector_phone", sa.String(32), nullable=False, server_default="")),
]


def upgrade() -> None:
    for table, column in COLUMNS:
        op.add_column(table, column)


def downgrade() -> None:
    for table, column in reversed(COLUMNS):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column.name)
