"""Intake drafts: saved as typed, offered back intact, one per clerk, gone once recorded."""

from __future__ import annotations

from sqlalchemy import select

from counter_app.models import IntakeDraft
from counter_app.services.intake.drafts import DraftService
from counter_app.services.intake.service import AgentInput, IntakeService

from .conftest import Hall
from .helpers import fill_person


def test_draft_round_trip_keeps_everything(hall: Hall) -> None:
    svc, drafts = IntakeService(hall.ctx), DraftService(hall.ctx)
    intake = fill_person(svc.new_intake(hall.committed.code, has_agent=True), name="欧阳·娜")
    intake.agent = AgentInput("李娜", "440524188001010014", "13900001111")
    intake.materials[0].state, intake.materials[0].pages = "received", 3
    intake.materials[1].state, intake.materials[1].reason = "defective", "缺少签字"
    intake.override_reason = "原件核对无误"
    drafts.save(hall.clerk.staff_id, intake)
    back = drafts.load(hall.clerk.staff_id)
    assert back is not None and back.case_id is None
    assert back.intake == intake


def test_one_draft_per_clerk_and_discard(hall: Hall) -> None:
    svc, drafts = IntakeService(hall.ctx), DraftService(hall.ctx)
    first = fill_person(svc.new_intake(hall.committed.code), name="张伟")
    second = fill_person(svc.new_intake(hall.immediate.code), name="王芳")
    drafts.save(hall.clerk.staff_id, first)
    drafts.save(hall.clerk.staff_id, second)
    drafts.save(hall.trainee.staff_id, first)
    mine = drafts.load(hall.clerk.staff_id)
    assert mine is not None and mine.intake.applicant.name == "王芳"
    with hall.ctx.db.session() as s:
        assert len(s.execute(select(IntakeDraft)).scalars().all()) == 2
    drafts.discard(hall.clerk.staff_id)
    assert drafts.load(hall.clerk.staff_id) is None
    assert drafts.load(hall.trainee.staff_id) is not None


def test_unreadable_draft_is_dropped_not_fatal(hall: Hall) -> None:
    with hall.ctx.db.transaction() as s:
        s.add(IntakeDraft(staff_id=hall.clerk.staff_id, data="{not json"))
    assert DraftService(hall.ctx).load(hall.clerk.staff_id) is None
    with hall.ctx.db.session() as s:
        assert s.execute(select(IntakeDraft)).first() is None
