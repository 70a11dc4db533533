"""Looks at personal data on the PCs reach the hall service's own log, chained, once each;
a look by someone deactivated since still arrives (an access entry is never refused)."""

from __future__ import annotations

import json

from sqlalchemy import select, update

from counter_app.models import Event, HallOp, Staff
from counter_app.services.audit.chain import verify_chains
from counter_app.services.handoff.case_queries import CaseQueries
from counter_app.services.printing.service import PrintService
from counter_app.services.privacy.access_log import ACCESS_KIND
from counter_app.services.privacy.access_queries import AccessQueries

from ..helpers import PERSON_ID
from .conftest import Staffed
from .kit import authorize, receive, with_approver


def _looks(db, terminal: str) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        rows = s.execute(select(Event.id, Event.kind, Event.payload)
                         .where(Event.terminal_code == terminal,
                                Event.kind.in_((ACCESS_KIND, "printed")))
                         .order_by(Event.seq)).all()
    return [(r.id, r.kind, json.loads(r.payload).get("what", "")) for r in rows]


def test_looks_reach_the_hall(staffed: Staffed) -> None:
    a, c = staffed.pc("counter-a"), staffed.pc("approver-c", "approver")
    boss = a.login("boss")
    authorize(a, boss, "clerk", staffed.window)
    a.run()
    case_no, approver = with_approver(a, c, staffed.item_code)

    clerk = a.login("clerk")
    CaseQueries(a.ctx).search(clerk, PERSON_ID)
    CaseQueries(a.ctx).open_case(clerk, case_no)
    PrintService(a.ctx).produce(clerk, "acceptance", case_no)
    a.run()
    view = c.handoff.case_view(case_no, approver)
    assert view.applicant_id_shown == PERSON_ID, "the approver holding the case sees it whole"

    # The clerk leaves; the look they made while offline still reaches the hall.
    second = receive(a, clerk, staffed.item_code, name="李雷")
    a.run()
    PrintService(a.ctx).prepare(clerk, "acceptance", second)  # issued while still active
    a.run()
    CaseQueries(a.ctx).open_case(clerk, second)
    PrintService(a.ctx).produce(clerk, "acceptance", second)  # a reprint, logged
    hall = staffed.server.hall()
    try:
        with hall.db.transaction() as s:
            s.execute(update(Staff).where(Staff.username == "clerk").values(active=False))
    finally:
        hall.db.dispose()
    a.run()
    c.run()

    hall = staffed.server.hall()
    try:
        for pc in (a, c):
            mine = _looks(pc.ctx.db, pc.ctx.terminal)
            assert mine, pc.folder.name
            assert _looks(hall.db, pc.ctx.terminal) == mine, "same entries, same ids, once each"
        assert [w for _i, _k, w in _looks(hall.db, a.ctx.terminal)] == [
            "search", "open", "", "open", ""]
        assert [w for _i, _k, w in _looks(hall.db, c.ctx.terminal)] == ["open"]
        with hall.db.session() as s:
            assert verify_chains(s).ok
            ops = s.execute(select(HallOp.status, HallOp.reason)
                            .where(HallOp.name == "access.record")).all()
            logged = set(s.execute(select(HallOp.status).where(HallOp.name == "print.log")).scalars())
        assert len(ops) == 4 and {st for st, _r in ops} == {"done"}, ops
        assert logged == {"done"}, "a print is a fact: kept though the clerk left since"
        # The supervisor asks the hall's data who looked at this person.
        ctx = hall.context("00")
        lines = AccessQueries(ctx).who_looked(boss, PERSON_ID)
        assert [line.what for line in lines] == ["按证件号码查询", "查看办件", "打印", "查看办件",
                                                 "查看办件", "打印"]
        assert {line.terminal for line in lines} == {a.ctx.terminal, c.ctx.terminal}
    finally:
        hall.db.dispose()
