"""The paths a clerk waits on, written without the ORM: the scanner's fast path
(models/prepared.py) returns what a Core read of the same statement returns, value for value
and type for type; opening a case reads what the case holds; a supplement writes, chains and
seals what the ORM path did."""

from __future__ import annotations

from sqlalchemy import select

from counter_app.models import CaseFile, CaseMaterial
from counter_app.models.prepared import Prepared
from counter_app.services.handoff.case_queries import _BY_NUMBER, CaseQueries
from counter_app.services.intake.service import IntakeService

from .conftest import Hall
from .helpers import complete_intake


def test_prepared_matches_core(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    no = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept").case_no
    svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    fast = Prepared(_BY_NUMBER, hall.ctx.db.engine).all({"no": no})
    with hall.ctx.db.read() as conn:
        core = conn.execute(_BY_NUMBER, {"no": no}).all()
    assert len(fast) == len(core) == 1
    assert tuple(fast[0]) == tuple(core[0])
    assert [type(v) for v in fast[0]] == [type(v) for v in core[0]]
    assert fast[0]._fields == tuple(core[0]._fields)
    assert Prepared(_BY_NUMBER, hall.ctx.db.engine).all({"no": "0" * 20}) == []
    [row] = CaseQueries(hall.ctx).search(hall.clerk, no)
    assert (row.case_no, row.status, row.is_training) == (no, "accepted", False)


def test_open_case_reads_the_stored_materials(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    gone = next(m for m in intake.materials if m.requirement == "required")
    gone.state, gone.form, gone.copies, gone.pages = "missing", "", 0, 0
    no = svc.record(hall.clerk, intake, "notify").case_no
    opened = CaseQueries(hall.ctx).read_case(hall.clerk, no)
    assert opened is not None and opened.awaiting
    with hall.ctx.db.session() as s:
        case = s.execute(select(CaseFile).where(CaseFile.case_no == no)).scalar_one()
        stored = s.execute(select(CaseMaterial.name, CaseMaterial.state, CaseMaterial.pages)
                           .where(CaseMaterial.case_id == case.id)
                           .order_by(CaseMaterial.seq)).all()
    assert [(m.name, m.state, m.pages) for m in opened.materials] == [tuple(r) for r in stored]
    assert next(m for m in opened.materials if m.name == gone.name).state == "missing"
    assert all(m.default_copies >= 1 for m in opened.materials if m.requirement_id)
    assert CaseQueries(hall.ctx).read_case(hall.clerk, "0" * 20) is None


def test_supplement_through_core_writes_and_seals_what_the_orm_did(hall: Hall) -> None:
    from pathlib import Path

    from counter_app.models import Event
    from counter_app.services.audit.verify import verify_folder
    from counter_app.services.intake.service import MaterialEntry

    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    gaps = [m for m in intake.materials if m.requirement == "required"][:2]
    for m in gaps:
        m.state, m.form, m.copies, m.pages = "missing", "", 0, 0
    no = svc.record(hall.clerk, intake, "notify").case_no
    bad = MaterialEntry(name=gaps[0].name, requirement="required", state="defective",
                        reason=" 复印件不清晰 ")
    first = svc.supplement(hall.clerk, no, [bad])
    assert (first.status, first.documents) == ("awaiting_supplement", ())
    got = [MaterialEntry(name=m.name, requirement="required", state="received", form="original",
                         copies=1, pages=3) for m in gaps]
    done = svc.supplement(hall.clerk, no, got)
    assert (done.status, done.documents) == ("accepted", ("supplement_receipt", "acceptance"))
    now = hall.clock.now
    with hall.ctx.db.session() as s:
        case = s.execute(select(CaseFile).where(CaseFile.case_no == no)).scalar_one()
        assert (case.status, case.accepted_on) == ("accepted", now.date())
        assert case.promised_due is not None and case.statutory_due is not None
        rows = {m.name: m for m in case.materials}
        for m in gaps:
            assert (rows[m.name].state, rows[m.name].supplied_at, rows[m.name].pages) == (
                "received", now, 3)
        kinds = s.execute(select(Event.kind).where(Event.case_id == case.id)
                          .order_by(Event.seq)).scalars().all()
    assert kinds == ["received", "notice_issued", "supplemented", "supplemented", "accepted"]
    folder = Path(hall.ctx.db.url.removeprefix("sqlite:///")).parent
    report = verify_folder(folder, workers=1)  # chains and the case's seal
    assert report.ok, [str(f) for f in report.findings]
