"""The handoff list (交接单) as the approver uses it: a barcode per case to tick it off, the
discrepancy column, and who signed and when once signed; a big batch goes to A4."""

from __future__ import annotations

import pytest

from counter_app.services.handoff.service import CaseCheck, HandoffService
from counter_app.services.intake.service import IntakeService
from counter_app.services.printing.service import RECEIPT_MAX_CASES, PrintError, PrintService

from ..conftest import Hall
from ..helpers import complete_intake

RASTERS = ((150, False), (203, True), (300, False))


def _batch(hall: Hall, n: int) -> tuple[str, list[str]]:
    svc = IntakeService(hall.ctx)
    cases = [svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept").case_no
             for _ in range(n)]
    (batch,) = HandoffService(hall.ctx).create_batches(hall.clerk, cases)
    return batch, cases


def _codes(pdf_tools, pdf: bytes, dpi: int, mono: bool) -> list[str]:
    out: list[str] = []
    for image in pdf_tools.raster(pdf, dpi, mono):
        out += [s.text for s in pdf_tools.symbols(image) if s.format == "Code128"]
    return out


@pytest.mark.parametrize("layout", ["a4", "receipt"])
def test_each_case_scans_and_a_reprint_after_signing_shows_who_signed(hall: Hall, pdf_tools,
                                                                      layout: str) -> None:
    batch, cases = _batch(hall, 3)
    printing = PrintService(hall.ctx)
    before = printing.prepare(hall.clerk, "handoff", batch, layout).pdf
    for dpi, mono in RASTERS:
        codes = _codes(pdf_tools, before, dpi, mono)
        assert set(codes) == {batch, *cases}, (layout, dpi, codes)
    text = "".join(pdf_tools.pages(before))
    assert "未签收" in text and "签收人" not in text and "差异" in text

    missing = CaseCheck(cases[1], present=False)
    HandoffService(hall.ctx).sign(hall.approver, batch,
                                  [CaseCheck(cases[0]), missing, CaseCheck(cases[2])])
    after = printing.prepare(hall.clerk, "handoff", batch, layout).pdf
    text = "".join(pdf_tools.pages(after))
    signed_at = f"{hall.clock.now:%Y年%-m月%-d日%H:%M}"
    assert "签收人" + hall.approver.full_name in text
    assert "签收时间" + signed_at in text
    assert "签收2件，差异1件（退回移交方）" in text
    assert "办件未随交接单移交" in text  # the discrepancy, in its column (A4) or under the case
    for dpi, mono in RASTERS:
        assert set(_codes(pdf_tools, after, dpi, mono)) == {batch, *cases}, (layout, dpi)


def test_a_batch_too_long_for_receipt_paper_is_refused_there_and_prints_on_a4(hall: Hall,
                                                                               pdf_tools) -> None:
    batch, cases = _batch(hall, RECEIPT_MAX_CASES + 1)
    printing = PrintService(hall.ctx)
    with pytest.raises(PrintError) as refused:
        printing.prepare(hall.clerk, "handoff", batch, "receipt")
    assert str(refused.value) == (f"交接单有 {RECEIPT_MAX_CASES + 1} 件，超过 80 毫米小票打印的上限"
                                  f"（{RECEIPT_MAX_CASES} 件）：请改用 A4 版式打印")
    pdf = printing.prepare(hall.clerk, "handoff", batch, "a4").pdf
    assert set(_codes(pdf_tools, pdf, 150, False)) == {batch, *cases}
