"""queue: area letters, desks (physical windows), tickets, acts on tickets, the cases of a
visit; a rating keyed by the visit's ticket

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

Plain CREATE TABLE and ADD COLUMN, no batch copy: the sync capture triggers stay; those of
the new (synced) tables are made from the live schema when the database is opened.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column]:
    return [sa.Column("id", sa.String(36), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.Column("origin_terminal", sa.String(8), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "queue_letter", *_synced(),
        sa.Column("window_code", sa.String(32), nullable=False),
        sa.Column("letter", sa.String(2), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_letter")),
        sa.UniqueConstraint("window_code", name=op.f("uq_queue_letter_window_code")),
        sa.UniqueConstraint("letter", name=op.f("uq_queue_letter_letter")),
    )
    op.create_table(
        "queue_desk", *_synced(),
        sa.Column("no", sa.Integer(), nullable=False),
        sa.Column("groups", sa.String(200), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("staff_id", sa.String(36), nullable=True),
        sa.Column("terminal", sa.String(8), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_queue_desk_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_desk")),
        sa.UniqueConstraint("no", name=op.f("uq_queue_desk_no")),
    )
    op.create_table(
        "queue_ticket", *_synced(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("ticket_no", sa.String(8), nullable=False),
        sa.Column("letter", sa.String(2), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("window_code", sa.String(32), nullable=False),
        sa.Column("item_code", sa.String(32), nullable=False),
        sa.Column("priority", sa.String(16), nullable=False),
        sa.Column("priority_note", sa.String(200), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by_id", sa.String(36), nullable=True),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("to_desk", sa.Integer(), nullable=True),
        sa.Column("transfers", sa.Integer(), nullable=False),
        sa.Column("desk_no", sa.Integer(), nullable=True),
        sa.Column("first_called_at", sa.DateTime(), nullable=True),
        sa.Column("first_desk", sa.Integer(), nullable=True),
        sa.Column("first_window_code", sa.String(32), nullable=False),
        sa.Column("called_at", sa.DateTime(), nullable=True),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.Column("served_by_id", sa.String(36), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("rating_key", sa.String(16), nullable=False),
        sa.ForeignKeyConstraint(["issued_by_id"], ["staff.id"],
                                name=op.f("fk_queue_ticket_issued_by_id_staff")),
        sa.ForeignKeyConstraint(["served_by_id"], ["staff.id"],
                                name=op.f("fk_queue_ticket_served_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_ticket")),
        sa.UniqueConstraint("day", "ticket_no", name="uq_queue_ticket_day_no"),
    )
    op.create_index("ix_queue_ticket_day_status", "queue_ticket", ["day", "status"])
    op.create_table(
        "queue_act", *_synced(),
        sa.Column("ticket_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("desk_no", sa.Integer(), nullable=True),
        sa.Column("window_code", sa.String(32), nullable=False),
        sa.Column("staff_id", sa.String(36), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["queue_ticket.id"],
                                name=op.f("fk_queue_act_ticket_id_queue_ticket")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_queue_act_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_act")),
    )
    op.create_index(op.f("ix_queue_act_ticket_id"), "queue_act", ["ticket_id"])
    op.create_index(op.f("ix_queue_act_at"), "queue_act", ["at"])
    op.create_table(
        "queue_visit_case", *_synced(),
        sa.Column("ticket_id", sa.String(36), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("linked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["queue_ticket.id"],
                                name=op.f("fk_queue_visit_case_ticket_id_queue_ticket")),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"],
                                name=op.f("fk_queue_visit_case_case_id_case_file")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_visit_case")),
        sa.UniqueConstraint("case_id", name=op.f("uq_queue_visit_case_case_id")),
    )
    op.create_index(op.f("ix_queue_visit_case_ticket_id"), "queue_visit_case", ["ticket_id"])
    op.add_column("evaluation", sa.Column("ticket_id", sa.String(36), nullable=True))
    op.create_index(op.f("ix_evaluation_ticket_id"), "evaluation", ["ticket_id"], unique=True)


def downgrade() -> None:
    op.drop_index(op.f("ix_evaluation_ticket_id"), table_name="evaluation")
    with op.batch_alter_table("evaluation") as batch:
        batch.drop_column("ticket_id")
    for table in ("queue_visit_case", "queue_act", "queue_ticket", "queue_desk", "queue_letter"):
        op.drop_table(table)
