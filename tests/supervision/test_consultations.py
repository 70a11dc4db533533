"""Consultations are logged in one call and counted in the bulletin."""

from __future__ import annotations

import pytest

from counter_app.services.context import Actor, PermissionDenied
from counter_app.services.supervision.bulletin.build import compute_bulletin
from counter_app.services.supervision.consultations import ConsultationError, ConsultationService

from ..conftest import Hall
from .conftest import accept


def test_log_and_count(hall: Hall) -> None:
    svc = ConsultationService(hall.ctx)
    no = accept(hall)
    svc.log(hall.clerk, "answered", item_code=hall.committed.code)
    svc.log(hall.clerk, "prechecked", topic="营业执照需要什么材料")
    svc.log(hall.clerk, "sent_to_window", item_code=hall.committed.code, case_no=no)
    recent = svc.recent(hall.clerk)
    assert [c.outcome_label for c in recent] == ["引导至窗口", "预审材料", "已解答"]
    assert recent[0].case_no == no and recent[0].item_name == hall.committed.name
    assert svc.count_today(hall.clerk) == {"answered": 1, "prechecked": 1, "sent_to_window": 1}
    b = compute_bulletin(hall.ctx, "day")
    assert sum(b.consultations.values()) == 3
    assert next(w for w in b.windows if w.code == hall.committed.window_code).consultations == 3
    assert (hall.committed.code, hall.committed.name, hall.committed.window_code) in svc.items()


def test_guides_log_too_and_bad_input_is_refused(hall: Hall) -> None:
    svc = ConsultationService(hall.ctx)
    guide = Actor("g1", "guide", "帮办员", frozenset({"guide"}))
    with pytest.raises(ConsultationError, match="事项或填写咨询内容"):
        svc.log(guide, "answered")
    with pytest.raises(ConsultationError, match="结果"):
        svc.log(guide, "gossip", topic="x")
    with pytest.raises(ConsultationError, match="事项编码"):
        svc.log(guide, "answered", item_code="NOPE")
    with pytest.raises(PermissionDenied):
        svc.log(hall.supervisor, "answered", topic="x")
