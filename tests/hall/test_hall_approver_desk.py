"""The approver desk writes through the hall service while it is up: sign, return and
decide are on the hall before the call returns, a refusal is the approver's error at once,
and the clerk's PC learns of them from the change feed. With the hall down the desk works
on its own copy and the acts go at the next sync."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from sqlalchemy import select

from counter_app.hallsync import config
from counter_app.hallsync.client import HallClient
from counter_app.hallsync.feed import ChangeFeed
from counter_app.models import CaseFile
from counter_app.services.handoff.service import CaseCheck
from counter_app.services.operations import RefusedByHall

from .conftest import Staffed
from .kit import PC, authorize, receive


def _through(pc: PC) -> None:
    """As the app wires an enrolled PC that syncs (ui/sync_status.py)."""
    pc.ctx.through = lambda state: pc.sync.through(state.op_id)


def _on_hall(staffed: Staffed, case_no: str) -> str:
    hall = staffed.server.hall()
    try:
        with hall.db.session() as s:
            return s.execute(select(CaseFile.status).where(CaseFile.case_no == case_no)).scalar_one()
    finally:
        hall.db.dispose()


def _within(seconds: float, what: Callable[[], bool], why: str) -> None:
    t0 = time.monotonic()
    while not what():
        assert time.monotonic() - t0 < seconds, why
        time.sleep(0.05)


def test_the_desk_writes_through_the_hall_and_works_offline(staffed: Staffed) -> None:
    a, c, d = staffed.pc("counter-a"), staffed.pc("approver-c", "approver"), \
        staffed.pc("approver-d", "approver")
    authorize(a, a.login("boss"), "clerk", staffed.window)
    a.run()
    clerk = a.login("clerk")
    first, second = receive(a, clerk, staffed.item_code), receive(a, clerk, staffed.item_code, "李娜")
    (batch,) = a.handoff.create_batches(clerk, [first, second])
    a.run()
    c.run()
    d.run()
    for pc in (c, d):
        _through(pc)
    approver = c.login("approver")

    cfg = config.load(a.ctx.db)
    assert cfg is not None
    feed = ChangeFeed(lambda: HallClient(cfg.url, cfg.ca_pem, cfg.token),
                      lambda _seq: a.sync.run_once()).start()
    try:
        # Online: each act is on the hall when the call returns (no sync called here), and
        # the clerk's PC has it within seconds, by the change feed alone.
        c.handoff.sign(approver, batch, [CaseCheck(first), CaseCheck(second)])
        assert _on_hall(staffed, first) == _on_hall(staffed, second) == "with_approver"
        _within(10, lambda: a.status_of(first) == "with_approver", "the signing never reached the clerk")
        d.run()  # approver D's copy: signed, as the hall has it now
        c.handoff.return_case(approver, first, "申请表缺少签字")
        assert _on_hall(staffed, first) == "returned"
        _within(10, lambda: a.status_of(first) == "returned", "the return never reached the clerk")

        # D had not seen the return: the hall refuses D's decision at once, with its reason,
        # and D's copy shows the hall's case again.
        with pytest.raises(RefusedByHall, match="大厅服务器不予受理"):
            d.handoff.decide(d.login("approver"), first, "approved", decision_no="罗准〔2026〕7号")
        assert d.status_of(first) == "returned" and _on_hall(staffed, first) == "returned"
    finally:
        feed.stop()

    # Offline: the desk works on its own copy; the decision goes at the next round.
    staffed.server.stop()
    c.handoff.decide(approver, second, "approved", decision_no="罗准〔2026〕8号")
    assert c.status_of(second) == "approved"
    staffed.server.start()
    assert _on_hall(staffed, second) == "with_approver"
    c.run()
    assert _on_hall(staffed, second) == "approved"
    a.run()
    assert a.status_of(second) == "approved"
    assert c.sync.refused() == []
