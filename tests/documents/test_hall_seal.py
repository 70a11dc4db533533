"""The hall's 受理专用章 as a supervisor's explicit authorisation, per document kind: the
service decides, the documents obey, an issued notice keeps its seal (the screen:
tests/supervision/test_seal_screen.py; across PCs: tests/hall/test_hall_seal_sync.py)."""

from __future__ import annotations

import pytest

from counter_app.services.context import PermissionDenied
from counter_app.services.intake.service import IntakeService
from counter_app.services.printing.hall_seal import SealError, SealService, SealSetting
from counter_app.services.printing.service import PrintService

from ..conftest import Hall
from ..helpers import complete_intake


def _accepted(hall: Hall) -> str:
    svc = IntakeService(hall.ctx)
    return svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept").case_no


def _refused(hall: Hall) -> str:
    svc = IntakeService(hall.ctx)
    return svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "not_accept",
                      reason="申请事项不属于本窗口受理范围", redirect="县有关部门").case_no


def _text(pdf_tools, kind: str, case_no: str, hall: Hall) -> str:
    job = PrintService(hall.ctx).prepare(hall.clerk, kind, case_no, "a4")
    return pdf_tools.pages(job.pdf)[0]


def test_the_documents_obey_the_authorisation_per_kind(hall: Hall, pdf_tools) -> None:
    seal = SealService(hall.ctx)
    assert not seal.current().explicit  # nobody set it: the catalog's hall section decides
    saved = seal.set(hall.supervisor, SealSetting(" 综合受理 专用章 ", ("not_accepted",)))
    assert saved == SealSetting("综合受理专用章", ("not_accepted",))
    refused, accepted = _refused(hall), _accepted(hall)
    hall_name = "罗山县政务服务中心"
    on_refusal = _text(pdf_tools, "not_accepted", refused, hall)
    assert "（综合受理专用章）" in on_refusal and hall_name + "（综合受理专用章）" in on_refusal
    on_acceptance = _text(pdf_tools, "acceptance", accepted, hall)
    assert "综合受理专用章" not in on_acceptance  # not authorised there: the department's seal

    # Withdrawn later: a reprint of the refusal is the notice as issued, with the seal it bore;
    # a new acceptance notice still has the department's seal.
    seal.set(hall.supervisor, SealSetting("综合受理专用章", ()))
    assert "（综合受理专用章）" in _text(pdf_tools, "not_accepted", refused, hall)
    assert "综合受理专用章" not in _text(pdf_tools, "acceptance", _accepted(hall), hall)


def test_only_a_supervisor_sets_it_and_bad_input_is_named(hall: Hall) -> None:
    seal = SealService(hall.ctx)
    with pytest.raises(PermissionDenied):
        seal.set(hall.clerk, SealSetting("受理专用章", ("acceptance",)))
    with pytest.raises(SealError, match=r"^印章名称：不能为空"):
        seal.set(hall.supervisor, SealSetting("  ", ("acceptance",)))
    with pytest.raises(SealError, match=r"^印章名称：不能超过 20 个字"):
        seal.set(hall.supervisor, SealSetting("章" * 21, ("acceptance",)))
    with pytest.raises(SealError, match="不加盖印章"):
        seal.set(hall.supervisor, SealSetting("受理专用章", ("handoff",)))
    assert not seal.current().explicit  # nothing was saved
