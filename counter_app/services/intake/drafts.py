"""Intakes in progress, saved as the clerk types so that a crash loses nothing.

One draft per clerk (a counter has one applicant in front of it at a time): saving replaces
the clerk's draft, a recorded case discards it, and the next login offers it back. Drafts are
local rows (``intake_draft``), never synchronised: they hold unfinished personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from ...models import IntakeDraft
from ..context import ServiceContext
from .service import Intake


@dataclass(frozen=True)
class Draft:
    id: str
    staff_id: str
    case_id: str | None  # set when the draft is a supplement of an existing case
    intake: Intake
    updated_at: datetime


class DraftService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def save(self, staff_id: str, intake: Intake, case_id: str | None = None) -> str:
        """Replace the clerk's draft with ``intake``; returns the draft id."""
        data = intake.to_json()
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            rows = s.execute(select(IntakeDraft).where(IntakeDraft.staff_id == staff_id)
                             .order_by(IntakeDraft.updated_at.desc())).scalars().all()
            row = rows[0] if rows else IntakeDraft(staff_id=staff_id)
            for extra in rows[1:]:
                s.delete(extra)
            row.case_id, row.data, row.updated_at = case_id, data, now
            s.add(row)
            s.flush()
            return row.id

    def load(self, staff_id: str) -> Draft | None:
        """The clerk's draft, or None. A draft that cannot be read is dropped, not fatal."""
        with self.ctx.db.session() as s:
            row = s.execute(select(IntakeDraft).where(IntakeDraft.staff_id == staff_id)
                            .order_by(IntakeDraft.updated_at.desc())).scalars().first()
            if row is None:
                return None
            try:
                return Draft(row.id, row.staff_id, row.case_id, Intake.from_json(row.data),
                             row.updated_at)
            except (ValueError, TypeError, KeyError):
                pass
        self.discard(staff_id)
        return None

    def discard(self, staff_id: str) -> None:
        with self.ctx.db.transaction() as s:
            s.execute(delete(IntakeDraft).where(IntakeDraft.staff_id == staff_id))
