"""The counter's day: today's cases, those awaiting the applicant, search, masked IDs."""

from __future__ import annotations

from datetime import timedelta

from counter_app.services.handoff.case_queries import CaseQueries
from counter_app.services.intake.service import IntakeService

from .conftest import Hall
from .helpers import PERSON_ID, complete_intake, fill_person


def _notify(svc: IntakeService, hall: Hall, name: str) -> str:
    intake = complete_intake(svc, hall.committed.code)
    intake.applicant.name = name
    next(m for m in intake.materials if m.requirement == "required").state = "missing"
    return svc.record(hall.clerk, intake, "notify").case_no


def test_today_awaiting_and_search(hall: Hall) -> None:
    svc, q = IntakeService(hall.ctx), CaseQueries(hall.ctx)
    accepted = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept").case_no
    waiting = _notify(svc, hall, "王芳")
    hall.clock.now += timedelta(days=1)
    tomorrow = _notify(svc, hall, "赵敏")

    today = [r.case_no for r in q.today(hall.clerk)]
    assert today == [tomorrow]
    yesterday = q.today(hall.clerk, day=hall.clock.now.date() - timedelta(days=1))
    assert {r.case_no for r in yesterday} == {accepted, waiting}
    assert q.today(hall.trainee) == []
    assert {r.case_no for r in q.today(hall.trainee, scope="window")} == {tomorrow}

    awaiting = q.awaiting_supplement(hall.clerk)
    assert [r.case_no for r in awaiting] == [waiting, tomorrow]
    assert awaiting[0].status_label == "待补正"

    assert [r.case_no for r in q.search(hall.clerk, accepted)] == [accepted]
    spaced = f"{accepted[:6]} {accepted[6:12]} {accepted[12:]}"
    assert [r.case_no for r in q.search(hall.clerk, spaced)] == [accepted]
    tail = [r.case_no for r in q.search(hall.clerk, accepted[-5:])]  # seq 1 of both days
    assert tail == [tomorrow, accepted]
    assert [r.case_no for r in q.search(hall.clerk, "王")] == [waiting]
    assert len(q.search(hall.clerk, PERSON_ID)) == 3
    assert len(q.search(hall.clerk, PERSON_ID.lower())) == 3
    assert q.search(hall.clerk, PERSON_ID[:-1] + "1") == []  # exact match only
    assert q.search(hall.clerk, "  ") == []
    assert q.search(hall.clerk, "%") == []


def test_ids_are_masked_in_lists_whoever_asks(hall: Hall) -> None:
    svc, q = IntakeService(hall.ctx), CaseQueries(hall.ctx)
    case_no = svc.record(hall.clerk, fill_person(complete_intake(svc, hall.committed.code)),
                         "accept").case_no
    masked = PERSON_ID[:6] + "*" * 8 + PERSON_ID[-4:]
    for actor in (hall.clerk, hall.approver, hall.supervisor):
        assert q.search(actor, case_no)[0].id_no == masked
    opened = q.open_case(hall.approver, case_no)  # not holding the case: no reason
    assert opened is not None and opened.id_no == masked


def test_open_case_returns_the_checklist(hall: Hall) -> None:
    svc, q = IntakeService(hall.ctx), CaseQueries(hall.ctx)
    case_no = _notify(svc, hall, "王芳")
    opened = q.open_case(hall.clerk, case_no)
    assert opened is not None and opened.awaiting and opened.status_label == "待补正"
    assert opened.item_name == hall.committed.name
    missing = [m for m in opened.materials if m.state == "missing"]
    assert len(missing) == 1 and missing[0].default_copies >= 1
    assert q.open_case(hall.clerk, "41152126112310100099") is None
