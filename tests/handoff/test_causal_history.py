"""A case's history follows the order its acts were applied (each act's seal carries the
case's revision), not the clocks of the PCs that did them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from counter_app.services.handoff.causal import causal_order
from counter_app.services.handoff.service import CaseCheck, HandoffService

from ..conftest import T0, Hall
from .conftest import accept_cases


def test_a_clock_twelve_hours_fast_does_not_reorder_the_history(hall: Hall) -> None:
    svc = HandoffService(hall.ctx)
    hall.clock.now = T0 + timedelta(hours=12)  # the counter PC's clock, half a day fast
    (case_no,) = accept_cases(hall, 1)
    hall.clock.now = T0 + timedelta(hours=1)  # the approver's PC, right
    (batch,) = svc.create_batches(hall.clerk, [case_no])
    svc.sign(hall.approver, batch, [CaseCheck(case_no)])

    view = svc.case_view(case_no, record=False)
    assert view is not None
    kinds = [s.kind for s in view.steps]
    assert kinds.index("received") < kinds.index("batched") < kinds.index("signed"), kinds
    received = next(s for s in view.steps if s.kind == "received")
    signed = next(s for s in view.steps if s.kind == "signed")
    assert signed.at < received.at, "the clocks say otherwise: a wall-clock sort would fail"
    # Custody follows: the file is with the approver now, not with the clerk.
    assert view.custody[-1].side == "back" and view.custody[-1].until is None
    assert hall.approver.full_name in view.custody[-1].holder


class Ev(NamedTuple):
    at: datetime
    seq: int
    terminal_code: str
    state: str | None
    kind: str


def _seal(rev: int) -> str:
    return f"ccase1:{rev}:{'0' * 64}:"


def test_unsealed_events_sit_with_their_act_or_by_time() -> None:
    t = T0
    events = [
        Ev(t + timedelta(hours=12), 1, "01", None, "received"),  # same act as seq 2
        Ev(t + timedelta(hours=12), 2, "01", _seal(1), "accepted"),
        Ev(t, 5, "03", _seal(2), "signed"),  # another PC, slow clock, applied later
        Ev(t + timedelta(hours=12, minutes=1), 3, "01", None, "printed"),  # after PC 01's act
        Ev(t + timedelta(minutes=5), 9, "07", None, "reprinted"),  # no sealed act of its PC
    ]
    got = [e.kind for e in causal_order(events, "case1")]
    assert got == ["received", "accepted", "printed", "signed", "reprinted"]


def test_without_any_seal_the_clock_orders_as_before() -> None:
    events = [Ev(T0 + timedelta(minutes=2), 1, "01", None, "b"),
              Ev(T0, 7, "02", "", "a"), Ev(T0, 8, "02", None, "a2")]
    assert [e.kind for e in causal_order(events, "case1")] == ["a", "a2", "b"]
