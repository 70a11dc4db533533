"""The bulletin's near/overdue count read from one index: (status, promised_due) widened
with is_training, window_code and clerk_id, so counting the open cases per window and clerk
never visits the table (on a million cases, a quarter of them open: most of the bulletin).
And handoff batches by ``signed_at``: those waiting at a moment and those signed in a period,
without reading every batch the hall ever made; the follow-up index widened with
``followup_due`` (open follow-ups and the late ones counted from the index); the event
log's index on ``at`` widened with ``kind`` and ``actor_id`` (who worked on a day).

Revision ID: 0017
Revises: 0008
Create Date: 2026-12-06

Plain DROP/CREATE INDEX, no batch copy: the sync capture triggers stay in place. The new
index starts with the old one's columns, so every read the old one served it serves.
"""

from __future__ import annotations

from alembic import op

revision = "0017"
down_revision = "0014"
branch_labels = None
depends_on = None

OLD = ("ix_case_file_status_due", ["status", "promised_due"])
NEW = ("ix_case_file_open_due", ["status", "promised_due", "is_training", "window_code",
                                 "clerk_id"])
SIGNED = ("ix_handoff_batch_signed_at", ["signed_at"])
FOLLOWUP_OLD = ("ix_evaluation_followup_status", ["followup_status"])
FOLLOWUP_NEW = ("ix_evaluation_followup_due", ["followup_status", "followup_due"])
EVENTS_OLD = ("ix_event_log_at", ["at"])
EVENTS_NEW = ("ix_event_log_at_kind_actor", ["at", "kind", "actor_id"])


def upgrade() -> None:
    op.drop_index(OLD[0], table_name="case_file")
    op.create_index(NEW[0], "case_file", NEW[1])
    op.create_index(SIGNED[0], "handoff_batch", SIGNED[1])
    op.drop_index(FOLLOWUP_OLD[0], table_name="evaluation")
    op.create_index(FOLLOWUP_NEW[0], "evaluation", FOLLOWUP_NEW[1])
    op.drop_index(EVENTS_OLD[0], table_name="event_log")
    op.create_index(EVENTS_NEW[0], "event_log", EVENTS_NEW[1])


def downgrade() -> None:
    op.drop_index(EVENTS_NEW[0], table_name="event_log")
    op.create_index(EVENTS_OLD[0], "event_log", EVENTS_OLD[1])
    op.drop_index(FOLLOWUP_NEW[0], table_name="evaluation")
    op.create_index(FOLLOWUP_OLD[0], "evaluation", FOLLOWUP_OLD[1])
    op.drop_index(SIGNED[0], table_name="handoff_batch")
    op.drop_index(NEW[0], table_name="case_file")
    op.create_index(OLD[0], "case_file", OLD[1])
