"""The access log: each way of looking at personal data leaves exactly one entry, chained."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from counter_app.models import Event
from counter_app.services.audit.chain import verify_chains
from counter_app.services.context import PermissionDenied
from counter_app.services.handoff.case_queries import CaseQueries
from counter_app.services.handoff.service import CaseCheck, HandoffService
from counter_app.services.intake.service import IntakeService
from counter_app.services.printing.service import PrintService
from counter_app.services.privacy.access_log import ACCESS_KIND, PRINT_KINDS
from counter_app.services.privacy.access_queries import AccessQueries, AccessQueryError

from .conftest import Hall
from .helpers import PERSON_ID, complete_intake

MASKED = PERSON_ID[:6] + "*" * 8 + PERSON_ID[-4:]


def _looks(hall: Hall) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    with hall.ctx.db.session() as s:
        rows = s.execute(select(Event.kind, Event.payload).where(
            Event.kind.in_((ACCESS_KIND, *PRINT_KINDS))).order_by(Event.at, Event.seq)).all()
    return [(k, json.loads(p)) for k, p in rows]


def _accepted(hall: Hall) -> str:
    svc = IntakeService(hall.ctx)
    return svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept").case_no


def test_each_way_of_looking_leaves_one_entry(hall: Hall) -> None:
    case_no = _accepted(hall)
    q = CaseQueries(hall.ctx)
    assert _looks(hall) == [], "receiving a case is not a look"

    q.today(hall.clerk)
    q.awaiting_supplement(hall.clerk)
    q.search(hall.clerk, "张伟")
    q.search(hall.clerk, case_no)
    assert _looks(hall) == [], "lists and searches by name or number are not logged"

    q.search(hall.clerk, PERSON_ID.lower())
    (entry,) = _looks(hall)
    assert entry[1]["what"] == "search" and entry[1]["term"] == MASKED
    assert PERSON_ID not in json.dumps(entry), "the search term is never stored whole"

    q.open_case(hall.clerk, case_no)
    _kind, p = _looks(hall)[-1]
    assert len(_looks(hall)) == 2 and p["what"] == "open" and p["full"] is True

    PrintService(hall.ctx).produce(hall.clerk, "acceptance", case_no)
    assert len(_looks(hall)) == 3 and _looks(hall)[-1][0] == "printed"
    PrintService(hall.ctx).prepare(hall.clerk, "acceptance", case_no)  # a preview on screen
    assert len(_looks(hall)) == 3

    HandoffService(hall.ctx).case_view(case_no, hall.approver)
    assert len(_looks(hall)) == 4 and _looks(hall)[-1][1]["full"] is False
    HandoffService(hall.ctx).case_view(case_no)  # a program reading, not a person
    assert len(_looks(hall)) == 4

    with hall.ctx.db.session() as s:
        report = verify_chains(s)
    assert report.ok, report.problems
    steps = HandoffService(hall.ctx).case_view(case_no).steps
    assert ACCESS_KIND not in {s.kind for s in steps}, "the case's history leaves looks out"


def test_lists_are_masked_and_full_values_only_for_a_reason(hall: Hall) -> None:
    case_no = _accepted(hall)
    q = CaseQueries(hall.ctx)
    for actor in (hall.clerk, hall.approver, hall.supervisor):
        assert q.search(actor, case_no)[0].id_no == MASKED
        assert {r.id_no for r in q.today(actor, scope="window")} == {MASKED}
    mine = q.open_case(hall.clerk, case_no)
    assert mine is not None and mine.id_no == PERSON_ID and mine.phone == "13812345678"
    assert mine.full_reason == "受理人"
    other = q.open_case(hall.trainee, case_no)  # a clerk of the same window, not the receiver
    assert other is not None and other.id_no == MASKED and other.phone == "138****5678"
    boss = q.open_case(hall.supervisor, case_no)
    assert boss is not None and boss.id_no == PERSON_ID

    handoff = HandoffService(hall.ctx)
    assert handoff.case_view(case_no, hall.approver).applicant_id_shown == MASKED
    (batch,) = handoff.create_batches(hall.clerk, [case_no])
    approver = hall.approver.__class__(**{**vars(hall.approver),
                                           "department_code": hall.committed.department_code})
    handoff.sign(approver, batch, [CaseCheck(case_no)])
    held = handoff.case_view(case_no, approver)
    assert held.applicant_id_shown == PERSON_ID and held.full_reason == "持有办件的审批人"
    assert held.phone_shown == "13812345678"


def test_who_looked_and_unusual_volume(hall: Hall) -> None:
    q, aq = CaseQueries(hall.ctx), AccessQueries(hall.ctx)
    assert q.search(hall.trainee, PERSON_ID) == []  # before the person ever came: no case
    hall.clock.now += timedelta(minutes=1)
    case_no = _accepted(hall)
    q.open_case(hall.trainee, case_no)
    q.search(hall.clerk, PERSON_ID)
    PrintService(hall.ctx).produce(hall.clerk, "acceptance", case_no)
    q.search(hall.clerk, "110105194912310037")  # someone else, found nothing

    with pytest.raises(PermissionDenied):
        aq.who_looked(hall.clerk, PERSON_ID)
    with pytest.raises(AccessQueryError, match="证件号码"):
        aq.who_looked(hall.supervisor, "  ")
    lines = aq.who_looked(hall.supervisor, PERSON_ID)
    assert [(line.what, line.who.split("（")[0]) for line in lines] == [
        ("按证件号码查询", "测试trainee"),
        ("查看办件", "测试trainee"), ("按证件号码查询", "测试clerk"), ("打印", "测试clerk")]
    assert lines[0].possible and lines[0].case_no == "", "found nothing: matched by the masked term"
    assert all(line.case_no.replace(" ", "") == case_no for line in lines[1:])
    assert not any(line.possible for line in lines[1:])
    assert _looks(hall)[-1][1]["detail"] == "查看访问记录", "the supervisor's look is logged too"

    # 5 cases of another window opened within 10 minutes by one clerk: a warning at 5 / 10 min.
    aq.set_thresholds(hall.supervisor, 5, 10)
    assert aq.alerts(hall.supervisor) == []
    other = hall.clerk.__class__(**{**vars(hall.trainee), "window_code": "OTHER"})
    for _ in range(5):
        hall.clock.now += timedelta(minutes=1)
        q.open_case(other, case_no)
    (alert,) = aq.alerts(hall.supervisor)
    assert alert.count == 5 and alert.minutes == 10 and "trainee" in alert.who
    aq.set_thresholds(hall.supervisor, 5, 3)
    assert aq.alerts(hall.supervisor) == [], "spread over more than 3 minutes"
    with pytest.raises(AccessQueryError, match="预警件数"):
        aq.set_thresholds(hall.supervisor, 0, 60)
    with hall.ctx.db.session() as s:
        n = s.execute(select(func.count()).select_from(Event).where(Event.kind == ACCESS_KIND)).scalar()
    assert n == 1 + 3 + 1 + 5  # an open, three searches, the supervisor's look, five opens
