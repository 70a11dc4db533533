"""Every barcode and QR code scans back to its value, on every page, as a 203 dpi thermal
printer (monochrome) and a 300 dpi grey scan would render it; bars sit on whole dots."""

from __future__ import annotations

from itertools import groupby

import pytest

from counter_app.documents import render
from counter_app.documents.barcodes import Code128, code128_modules, qr_matrix
from counter_app.documents.common import progress_payload
from tests.documents import samples

DOCS = {
    "acceptance": samples.case,
    "one_time_notice": samples.notice_case,
    "not_accepted": samples.person_case,
    "supplement_receipt": samples.supplement,
    "handoff": samples.batch,
    "collection": samples.collection,
}
# A 203 dpi thermal printer (mono), a 300 dpi scan, and a fax / phone photo / cheap flatbed.
RASTERS = [(203, True), (300, False), (150, False)]
MM_AT_203 = 203 / 25.4


@pytest.mark.parametrize(("dpi", "mono"), RASTERS)
@pytest.mark.parametrize("layout", ["a4", "receipt"])
@pytest.mark.parametrize("kind", DOCS)
def test_every_symbol_scans_on_every_page(kind, layout, dpi, mono, pdf_tools) -> None:
    doc = DOCS[kind]()
    number = doc.batch_no if kind == "handoff" else doc.case_no
    pages = pdf_tools.raster(render(kind, doc, layout), dpi, mono)
    assert pages
    ticked: list[str] = []  # the handoff list's own barcode per case, to tick it off
    for image in pages:
        found = pdf_tools.symbols(image)
        codes = [s.text for s in found if s.format == "Code128"]
        assert codes.count(number) == 1, (kind, layout, dpi, found)
        ticked += [c for c in codes if c != number]
        qrs = [s.text for s in found if s.format == "QRCode"]
        if kind == "acceptance":  # each copy is one page here, each with its QR code
            assert qrs == [progress_payload(doc.hall, doc.case_no)]
        else:
            assert qrs == []
    cases = [c.case_no for c in doc.cases] if kind == "handoff" else []
    assert set(ticked) == set(cases), (kind, layout, dpi)


def _runs(row: list[int]) -> list[tuple[bool, int]]:
    runs: list[tuple[bool, int]] = []
    for value in row:
        dark = value < 128
        if runs and runs[-1][0] == dark:
            runs[-1] = (dark, runs[-1][1] + 1)
        else:
            runs.append((dark, 1))
    return runs


@pytest.mark.parametrize("layout", ["a4", "receipt"])
def test_code128_on_whole_dots_with_quiet_zones_and_height(layout, pdf_tools) -> None:
    doc = samples.case()
    image = pdf_tools.raster(render("acceptance", doc, layout), 203, True)[0]
    symbol = next(s for s in pdf_tools.symbols(image) if s.format == "Code128")
    top, bottom = symbol.rows
    y = (top + bottom) // 2
    runs = _runs([image.getpixel((x, y)) for x in range(image.width)])
    modules = code128_modules(doc.case_no)
    expected = [len(list(group)) for _, group in groupby(modules)]
    # Find the symbol's runs in the row: module runs times 3 dots each, exactly.
    widths = [n for _, n in runs]
    want = [3 * n for n in expected]
    start = next(i for i in range(len(widths)) if widths[i : i + len(want)] == want)
    assert runs[start][0], "the symbol starts with a bar"
    assert runs[start - 1][1] >= 30 and runs[start + len(want)][1] >= 30  # 10 modules quiet
    # Bar height: the first bar is dark for at least 10 mm.
    x = sum(widths[:start]) + 1
    column = [image.getpixel((x, yy)) < 128 for yy in range(image.height)]
    height = 0
    yy = y
    while yy > 0 and column[yy]:
        yy -= 1
    yy += 1
    while yy < len(column) and column[yy]:
        height += 1
        yy += 1
    assert height >= 10 * MM_AT_203


def test_qr_is_level_m_and_not_micro() -> None:
    import segno

    payload = progress_payload(samples.HALL, samples.CASE_NO)
    qr = segno.make_qr(payload, error="m", boost_error=False)
    assert not qr.is_micro and qr.error == "M"
    assert len(qr_matrix(payload)) == qr.symbol_size(border=0)[0]


def test_code128_geometry() -> None:
    symbol = Code128(samples.CASE_NO)
    assert len(symbol.modules) == 145  # start C + 10 pairs + check + stop (13)
    assert symbol.module == pytest.approx(2 * 72 / 203)  # 0.2502 mm: 2 dots at 203 dpi
    n = samples.CASE_NO  # grouped by its structure: region, date, kind, terminal, sequence
    assert symbol.label == f"{n[:6]} {n[6:12]} {n[12]} {n[13:15]} {n[15:]}"
    with pytest.raises(ValueError):
        Code128("办件")


@pytest.mark.parametrize("layout", ["a4", "receipt"])
@pytest.mark.parametrize("kind", ["acceptance", "handoff"])
def test_code128_survives_ink_spread(kind, layout, pdf_tools) -> None:
    """An ink-heavy laser printer: every dark pixel of a 300 dpi page spreads to its 3x3
    neighbourhood (bars 0.17 mm wider). Measured: 2-dot modules fail at 150 dpi grey, 3-dot
    modules pass there and after this spread; a 3x3 spread of a 150 dpi image (0.34 mm) would
    need more than 4 dots."""
    from PIL import ImageFilter

    doc = DOCS[kind]()
    number = doc.batch_no if kind == "handoff" else doc.case_no
    for dpi in (300, 600):
        page = pdf_tools.raster(render(kind, doc, layout), dpi, False)[0]
        inked = page.filter(ImageFilter.MinFilter(3))
        codes = [s.text for s in pdf_tools.symbols(inked) if s.format == "Code128"]
        assert codes.count(number) == 1, (kind, layout, dpi)
        if kind == "handoff":  # and every case on the first page with its own
            assert set(codes) - {number} == {c.case_no for c in doc.cases[: len(codes) - 1]}
            assert len(codes) > 2
