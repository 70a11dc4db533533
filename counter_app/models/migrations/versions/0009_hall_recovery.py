"""hall service: each enrolled PC's recovery slot (its database key, wrapped)

Revision ID: 0009
Revises: 0005
Create Date: 2026-12-06

Plain CREATE TABLE: the sync capture triggers stay in place. Not synced (no synced columns).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'hall_recovery',
        sa.Column('terminal', sa.String(length=8), nullable=False),
        sa.Column('rid_hash', sa.String(length=64), nullable=False),
        sa.Column('wrapped', sa.Text(), nullable=False),
        sa.Column('registered_at', sa.DateTime(), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=True),
        sa.Column('used_by', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('terminal', name=op.f('pk_hall_recovery')),
    )


def downgrade() -> None:
    op.drop_table('hall_recovery')
