"""Two counters and an approver PC, each its own data folder, against a real
``counter-server``: everything through the services and the sync engine."""

from __future__ import annotations

from sqlalchemy import select

from counter_app.models import HallOp, Notice
from counter_app.services.audit.chain import verify_chains
from counter_app.services.handoff.service import CaseCheck, IssueInput
from counter_app.services.intake.service import MaterialEntry
from counter_app.services.printing.service import PrintService

from ..helpers import fill_person
from .conftest import Staffed
from .kit import authorize, snapshot


def test_counter_approver_counter_converge(any_staffed: Staffed) -> None:
    staffed = any_staffed
    a, b, c = staffed.pc("counter-a"), staffed.pc("counter-b"), staffed.pc("approver-c", "approver")
    codes = {a.ctx.terminal, b.ctx.terminal, c.ctx.terminal}
    assert len(codes) == 3, "the service assigns every PC its own terminal code"
    boss = a.login("boss")
    authorize(a, boss, "clerk", staffed.window)
    a.run()

    # The clerk receives an incomplete application: one-time notice, then the supplement.
    clerk = a.login("clerk")
    intake = fill_person(a.intake.new_intake(staffed.item_code))
    missing = next(m for m in intake.materials if m.requirement == "required")
    for m in intake.materials:
        if m.state != "not_applicable" and m is not missing:
            m.state, m.form, m.copies, m.pages = "received", m.default_form, m.default_copies, 2
    first = a.intake.record(clerk, intake, "notify")
    case_no = first.case_no
    printing = PrintService(a.ctx)
    notice = printing.produce(clerk, "one_time_notice", case_no)  # issued: numbered and kept
    preview = printing.prepare(clerk, "one_time_notice", case_no)  # a preview sends nothing
    assert notice.doc_no and preview.doc_no == notice.doc_no
    a.run()
    a.intake.supplement(clerk, case_no, [MaterialEntry(
        name=missing.name, requirement=missing.requirement, state="received",
        form=missing.default_form, copies=missing.default_copies, pages=1)])
    (batch_no,) = a.handoff.create_batches(clerk, [case_no])
    a.run()
    assert a.status_of(case_no) == "in_handoff"

    # The approver PC signs, returns it, the clerk sends it again, the approver approves.
    c.run()
    approver = c.login("approver")
    c.handoff.sign(approver, batch_no, [CaseCheck(case_no)])
    c.handoff.return_case(approver, case_no, "申请表签字不清，请重签")
    c.run()
    a.run()
    assert a.status_of(case_no) == "returned", "the approver's return reaches the clerk"
    (batch2,) = a.handoff.create_batches(clerk, [case_no])
    a.run()
    c.run()
    c.handoff.sign(approver, batch2, [CaseCheck(case_no)])
    c.handoff.decide(approver, case_no, "approved", decision_no="罗市监准字〔2026〕第1号")
    c.run()
    a.run()
    assert a.status_of(case_no) == "approved", "the decision sticks and reaches the clerk"

    a.handoff.issue(clerk, case_no, IssueInput(method="in_person", collector_name="张伟",
                                               collector_id_no="11010519491231002X"))
    a.run()
    for pc in (b, c, a):
        pc.run()

    server = staffed.server.hall()
    try:
        want = snapshot(server)
        for pc in (a, b, c):
            got = snapshot(pc.ctx)
            for table in want:
                assert got[table] == want[table], f"{pc.folder.name}: {table} differs from the hall"
            with pc.ctx.db.session() as s:
                report = verify_chains(s)
            assert not report.problems, report.problems
        with server.db.session() as s:
            assert not verify_chains(s).problems
        assert b.status_of(case_no) == "issued"
        with server.db.session() as s:
            ops = {(o.name, o.status) for o in s.execute(select(HallOp)).scalars()}
        with server.db.session() as s:
            kept = s.execute(select(Notice.doc_no).where(Notice.kind == "one_time_notice")).scalar_one()
        assert kept == notice.doc_no, "the hall keeps the number the applicant holds on paper"
        assert {name for name, _ in ops} == {
            "print.prepare", "print.log",
            "staff.set_stage", "intake.record", "intake.supplement", "handoff.create_batches",
            "handoff.sign", "handoff.return_case", "handoff.decide", "handoff.issue"}
        assert {status for _, status in ops} == {"done"}, "the service refused none of them"
    finally:
        server.db.dispose()
