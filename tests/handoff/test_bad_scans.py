"""Every kind of bad scan gives a clear Chinese message and changes nothing."""

from __future__ import annotations

import pytest

from counter_app.services.handoff.service import CaseCheck, HandoffError, HandoffService

from ..conftest import Hall
from .conftest import accept_cases, snapshot


def bad_scans(batch_no: str, case_no: str) -> list[tuple[str, str | None, str]]:
    """(scanned text, what the screen expects, words the message must contain)."""
    unknown_batch = batch_no[:-5] + "99999"
    unknown_case = case_no[:-5] + "99999"
    return [
        ("", None, "未读到编号"),
        ("4115212611", None, "长度为 10 位"),  # wrong length
        (batch_no + "7", None, "长度为 21 位"),
        (batch_no[:13], "batch", "扫描不完整"),  # a partial scan
        ("ABC" + batch_no[3:], None, "非数字"),  # letters
        ("6923450657713", None, "长度为 13 位"),  # a product's EAN-13 barcode
        ("http://weixin.qq.com/r/abc", None, "不是本系统的条码"),
        ("410102" + batch_no[6:], None, "其他地区"),  # another hall's region code
        (batch_no[:6] + "261340" + batch_no[12:], None, "日期无效"),
        (batch_no[:12] + "7" + batch_no[13:], None, "类型码"),
        (case_no, "batch", "扫描的是办件编号，这里需要交接单号"),
        (batch_no, "case", "扫描的是交接单号，这里需要办件编号"),
        (unknown_batch, "batch", "没有找到交接单"),
        (unknown_case, None, "没有找到办件"),
        ("办件" + case_no, "case", "非数字"),
    ]


def test_bad_scans_are_explained_and_change_nothing(hall: Hall, handoff: HandoffService) -> None:
    cases = accept_cases(hall, 2)
    (batch,) = handoff.create_batches(hall.clerk, cases)
    before = snapshot(hall)
    for text, expect, words in bad_scans(batch, cases[0]):
        with pytest.raises(HandoffError) as info:
            handoff.resolve_scan(text, expect)
        assert words in str(info.value), (text, str(info.value))
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(info.value))
    assert snapshot(hall) == before
    # Good scans resolve, spaces and dashes a person may type included.
    assert handoff.resolve_scan(batch, "batch").kind == "batch"
    spaced = f"{cases[0][:6]} {cases[0][6:12]}-{cases[0][12:]}"
    assert handoff.resolve_scan(spaced).number == cases[0]
    assert snapshot(hall) == before


def test_signing_with_a_bad_number_changes_nothing(hall: Hall, handoff: HandoffService) -> None:
    cases = accept_cases(hall, 1)
    (batch,) = handoff.create_batches(hall.clerk, cases)
    before = snapshot(hall)
    for wrong in (batch[:-1] + "9", cases[0], "", "12345"):
        with pytest.raises(HandoffError, match="没有找到交接单"):
            handoff.sign(hall.approver, wrong, [CaseCheck(cases[0])])
    with pytest.raises(HandoffError, match="没有找到办件"):
        handoff.return_case(hall.approver, batch, "理由")
    assert snapshot(hall) == before
