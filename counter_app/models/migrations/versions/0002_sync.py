"""sync: outbox per row with base, server journal, applied change ids, conflicts, capture

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 16:00:00

Installs the change-capture triggers (``counter_app.sync.capture``), generated from the live
schema. Rows that existed before capture are queued (a counter's SQLite) or journaled
(a PostgreSQL server), so nothing made earlier is left behind.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from counter_app.sync import capture

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    seq_type = sa.Integer() if sqlite else sa.BigInteger()
    op.create_table(
        'sync_capture',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('mode', sa.String(length=16), nullable=False),
        sa.Column('origin', sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_capture')),
    )
    op.create_table(
        'sync_meta',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_sync_meta')),
    )
    op.create_table(
        'sync_journal',
        sa.Column('seq', seq_type, autoincrement=True, nullable=False),
        sa.Column('table_name', sa.String(length=64), nullable=False),
        sa.Column('row_id', sa.String(length=36), nullable=False),
        sa.Column('op', sa.String(length=8), nullable=False),
        sa.Column('origin', sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_journal')),
        sqlite_autoincrement=True,
    )
    op.create_index('ix_sync_journal_row', 'sync_journal', ['row_id'], unique=False)
    op.create_table(
        'sync_applied',
        sa.Column('change_id', sa.String(length=36), nullable=False),
        sa.Column('origin', sa.String(length=36), nullable=False),
        sa.Column('applied_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('change_id', name=op.f('pk_sync_applied')),
    )
    op.create_table(
        'sync_conflict',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('detected_at', sa.DateTime(), nullable=False),
        sa.Column('side', sa.String(length=8), nullable=False),
        sa.Column('origin', sa.String(length=36), nullable=False),
        sa.Column('terminal', sa.String(length=8), nullable=False),
        sa.Column('table_name', sa.String(length=64), nullable=False),
        sa.Column('row_id', sa.String(length=36), nullable=False),
        sa.Column('case_id', sa.String(length=36), nullable=True),
        sa.Column('rule', sa.String(length=32), nullable=False),
        sa.Column('columns', sa.Text(), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
        sa.Column('base_json', sa.Text(), nullable=True),
        sa.Column('local_json', sa.Text(), nullable=True),
        sa.Column('server_json', sa.Text(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('resolved_by_id', sa.String(length=36), nullable=True),
        sa.Column('resolved_at', sa.DateTime(), nullable=True),
        sa.Column('resolution', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflict')),
    )
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflict_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_detected_at'), ['detected_at'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_row_id'), ['row_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_status'), ['status'], unique=False)

    # One outbox entry per row from now on: drop duplicates an older build may have left.
    op.execute("DELETE FROM sync_outbox WHERE seq NOT IN "
               "(SELECT min(seq) FROM sync_outbox GROUP BY table_name, row_id)")
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('base', sa.Text(), nullable=True))
        batch_op.create_unique_constraint('uq_sync_outbox_row', ['table_name', 'row_id'])

    op.execute(sa.text("INSERT INTO sync_capture (id, mode, origin) VALUES (1, :m, '')")
               .bindparams(m="terminal" if sqlite else "server"))
    capture.ensure_capture(bind)
    if sqlite:
        capture.enqueue_all(bind)
    else:
        capture.journal_all(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        names = bind.execute(sa.text(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_%'"
        )).scalars().all()
        for name in names:
            op.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    else:
        for fn in capture.PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {fn}() CASCADE")
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.drop_constraint('uq_sync_outbox_row', type_='unique')
        batch_op.drop_column('base')
    op.drop_table('sync_conflict')
    op.drop_table('sync_applied')
    op.drop_index('ix_sync_journal_row', table_name='sync_journal')
    op.drop_table('sync_journal')
    op.drop_table('sync_meta')
    op.drop_table('sync_capture')
