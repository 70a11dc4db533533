"""Long documents run over pages: "第 i 页 共 n 页" per copy, the number and its barcode on
every page, nothing lost between pages."""

from __future__ import annotations

import re
from dataclasses import replace

from counter_app.documents import MaterialLine, render
from tests.documents import samples


def _notice_40():
    status = ["defective", "missing"]
    lines = tuple(
        MaterialLine(
            k, f"补正材料第{k:02d}号", "原件", 1, 0, status[k % 2], f"问题说明{k:02d}", f"补正要求{k:02d}"
        )
        for k in range(1, 41)
    )
    return samples.notice_case(materials=samples.RECEIVED[:2] + lines)


def _page_numbers(pages: list[str]) -> list[tuple[int, int]]:
    out = []
    for page in pages:
        found = re.findall(r"第(\d+)页共(\d+)页", page)
        assert len(found) == 1, page[:200]
        out.append((int(found[0][0]), int(found[0][1])))
    return out


def test_one_time_notice_with_40_materials(pdf_tools) -> None:
    doc = _notice_40()
    pdf = render("one_time_notice", doc, "a4")
    pages = pdf_tools.pages(pdf)
    numbers = _page_numbers(pages)
    n = len(pages) // 2
    assert n >= 2, "40 materials must run over more than one page per copy"
    assert numbers == [(i, n) for i in range(1, n + 1)] * 2  # applicant copy, then stub
    copies = ["".join(pages[:n]), "".join(pages[n:])]
    assert all("第一联申请人留存" in p for p in pages[:n])
    assert all("第二联存根联（窗口留存）" in p for p in pages[n:])
    for text in copies:
        assert "共40项" in text
        for k in range(1, 41):
            assert text.count(f"补正材料第{k:02d}号") == 1
            assert f"问题说明{k:02d}" in text and f"补正要求{k:02d}" in text
        assert "申请人（代办人）签收" in text
    for image in pdf_tools.raster(pdf, 203, True):
        codes = [s.text for s in pdf_tools.symbols(image) if s.format == "Code128"]
        assert codes == [doc.case_no]


def test_one_time_notice_40_materials_on_receipt_is_one_long_page(pdf_tools) -> None:
    pdf = render("one_time_notice", _notice_40(), "receipt")
    pages = pdf_tools.pages(pdf)
    assert len(pages) == 2  # the applicant's slip and the counter's stub, each one page
    for page in pages:
        assert all(f"补正材料第{k:02d}号" in page for k in range(1, 41))
        assert "第1页" not in page  # a single slip carries no page number


def test_handoff_with_200_cases(pdf_tools) -> None:
    doc = samples.batch(200)
    pdf = render("handoff", doc, "a4")
    pages = pdf_tools.pages(pdf)
    n = len(pages)
    assert n > 5
    assert _page_numbers(pages) == [(i, n) for i in range(1, n + 1)]
    text = "".join(pages)
    for case in doc.cases:
        assert text.count(case.case_no) == 1
    assert "合计：办件200件" in text and "接收人签字" in pages[-1]
    assert all("序号" in page for page in pages)  # header row repeated
    ticked: list[str] = []
    for image in pdf_tools.raster(pdf, 203, True):
        codes = [s.text for s in pdf_tools.symbols(image) if s.format == "Code128"]
        assert codes.count(doc.batch_no) == 1
        ticked += [c for c in codes if c != doc.batch_no]
    assert sorted(ticked) == sorted(c.case_no for c in doc.cases)  # each case's own barcode


def test_handoff_200_cases_on_receipt_paper(pdf_tools) -> None:
    """Longer than a PDF page may be (200 in): continues on further pages, each numbered and
    each with the batch barcode."""
    doc = samples.batch(200)
    pdf = render("handoff", doc, "receipt")
    pages = pdf_tools.pages(pdf)
    n = len(pages)
    if n > 1:
        assert _page_numbers(pages) == [(i, n) for i in range(1, n + 1)]
    text = "".join(pages)
    assert all(text.count(c.case_no) == 1 for c in doc.cases)
    for _, height in pdf_tools.page_sizes(pdf):
        assert height <= 14400  # PDF viewers' limit
    ticked: list[str] = []
    for image in pdf_tools.raster(pdf, 203, True):
        codes = [s.text for s in pdf_tools.symbols(image) if s.format == "Code128"]
        assert codes.count(doc.batch_no) == 1
        ticked += [c for c in codes if c != doc.batch_no]
    assert set(ticked) == {c.case_no for c in doc.cases}  # zxing may report a symbol twice


def test_case_with_more_materials_than_a_page_holds(pdf_tools) -> None:
    """A row taller than a page is split between pages (not refused); the continuation says
    again which case it belongs to."""
    many = tuple(MaterialLine(k, f"第{k:03d}号材料", "原件", 1, 2) for k in range(1, 81))
    batch = samples.batch(3)
    tall = replace(batch.cases[1], materials=many)
    doc = replace(batch, cases=(batch.cases[0], tall, batch.cases[2]))
    pages = pdf_tools.pages(render("handoff", doc, "a4"))
    assert len(pages) >= 2
    text = "".join(pages)
    assert all(text.count(f"第{k:03d}号材料") == 1 for k in range(1, 81))
    assert sum(tall.case_no in page for page in pages) == 2  # its row and the continuation
    assert _page_numbers(pages) == [(i, len(pages)) for i in range(1, len(pages) + 1)]
