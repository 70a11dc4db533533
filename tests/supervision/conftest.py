"""Fixtures for the supervision tests: cases made through the real services, a GUI lane."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from counter_app.models import CaseFile, CaseReturn, HandoffBatch, HandoffItem, new_id
from counter_app.services.context import Actor
from counter_app.services.intake.service import IntakeService

from ..conftest import Hall
from ..helpers import complete_intake, fill_person


def accept(hall: Hall, actor: Actor | None = None, item: str = "", training: bool = False,
           decision: str = "accept") -> str:
    """A complete case recorded by ``actor`` (the authorized clerk); returns its number."""
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, item or hall.committed.code)
    intake.is_training = training
    return svc.record(actor or hall.clerk, intake, decision).case_no


def notify(hall: Hall) -> str:
    """An incomplete case: the one-time notice is issued."""
    svc = IntakeService(hall.ctx)
    intake = fill_person(svc.new_intake(hall.committed.code))
    return svc.record(hall.clerk, intake, "notify").case_no


def not_accept(hall: Hall) -> str:
    svc = IntakeService(hall.ctx)
    intake = fill_person(svc.new_intake(hall.committed.code))
    return svc.record(hall.clerk, intake, "not_accept", reason="不属于本中心受理范围",
                      redirect="县民政局").case_no


def case_row(hall: Hall, case_no: str) -> CaseFile:
    with hall.ctx.db.session() as s:
        case = s.execute(select(CaseFile).where(CaseFile.case_no == case_no)).scalar_one()
        s.expunge_all()
        return case


def add_return(hall: Hall, case_no: str, at: datetime) -> None:
    """An approver's return (退回), as the handoff service records it."""
    with hall.ctx.db.transaction() as s:
        case = s.execute(select(CaseFile).where(CaseFile.case_no == case_no)).scalar_one()
        s.add(CaseReturn(case_id=case.id, clerk_id=case.clerk_id, item_code=case.item_code,
                         approver_id=hall.approver.staff_id, reason="材料不全", returned_at=at))
        s.execute(update(CaseFile).where(CaseFile.id == case.id).values(status="returned"))


def open_batch(hall: Hall, case_nos: list[str], at: datetime) -> str:
    """A handoff batch made at ``at`` and not yet signed for."""
    with hall.ctx.db.transaction() as s:
        cases = s.execute(select(CaseFile).where(CaseFile.case_no.in_(case_nos))).scalars().all()
        bid = new_id()
        s.add(HandoffBatch(id=bid, batch_no=f"4115212611{len(case_nos):02d}0100{at:%H%M}",
                           department_code=cases[0].department_code,
                           window_code=cases[0].window_code, clerk_id=cases[0].clerk_id,
                           status="open", created_at=at))
        s.flush()
        for c in cases:
            s.add(HandoffItem(batch_id=bid, case_id=c.id, material_count=3, page_count=6))
            c.status = "in_handoff"
        return bid


def at(hall: Hall, days: float = 0, hours: float = 0) -> datetime:
    """Move the hall's clock forward and return the new now."""
    hall.clock.now = hall.clock.now + timedelta(days=days, hours=hours)
    return hall.clock.now


@pytest.fixture()
def app_services(hall: Hall, qapp) -> Iterator:  # type: ignore[no-untyped-def]
    from counter_app.ui.services import AppServices
    from counter_app.ui.worker import DbLane

    lane = DbLane()
    svc = AppServices(ctx=hall.ctx, lane=lane)
    svc.actor = hall.supervisor
    yield svc
    lane.stop()
    qapp.processEvents()
