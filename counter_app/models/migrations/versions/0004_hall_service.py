"""hall service: operations queued on a PC; terminals, enrollment codes and applied
operations on the service

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

Plain CREATE TABLE, no batch copy: the sync capture triggers stay in place. None of these
tables is synced (they lack the synced columns).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    seq_type = sa.Integer() if sqlite else sa.BigInteger()
    op.create_table(
        'sync_op',
        sa.Column('seq', seq_type, autoincrement=False, nullable=False),
        sa.Column('op_id', sa.String(length=36), nullable=False),
        sa.Column('terminal', sa.String(length=8), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('staff_id', sa.String(length=36), nullable=False),
        sa.Column('args', sa.Text(), nullable=False),
        sa.Column('numbers', sa.Text(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('answered_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_op')),
        sa.UniqueConstraint('op_id', name=op.f('uq_sync_op_op_id')),
    )
    op.create_index(op.f('ix_sync_op_status'), 'sync_op', ['status'], unique=False)
    op.create_table(
        'hall_terminal',
        sa.Column('code', sa.String(length=8), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('enrolled_at', sa.DateTime(), nullable=False),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.Column('last_seq', seq_type, nullable=False),
        sa.Column('last_seen_at', sa.DateTime(), nullable=True),
        sa.Column('clock_offset_s', sa.Float(), nullable=False),
        sa.Column('diverged', sa.Text(), nullable=False),
        sa.Column('previous', sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_hall_terminal')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_hall_terminal_token_hash')),
    )
    op.create_table(
        'hall_enroll_code',
        sa.Column('code_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('used_by', sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint('code_hash', name=op.f('pk_hall_enroll_code')),
    )
    op.create_table(
        'hall_op',
        sa.Column('op_id', sa.String(length=36), nullable=False),
        sa.Column('terminal', sa.String(length=8), nullable=False),
        sa.Column('seq', seq_type, nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('staff_id', sa.String(length=36), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('applied_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('op_id', name=op.f('pk_hall_op')),
        sa.UniqueConstraint('terminal', 'seq', name='uq_hall_op_terminal_seq'),
    )
    op.create_index('ix_hall_op_applied', 'hall_op', ['applied_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_hall_op_applied', table_name='hall_op')
    op.drop_table('hall_op')
    op.drop_table('hall_enroll_code')
    op.drop_table('hall_terminal')
    op.drop_index(op.f('ix_sync_op_status'), table_name='sync_op')
    op.drop_table('sync_op')
