"""The bulletin as PDF (embedded fonts only, same charts) and as a workbook; the CLI."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from counter_app.cli import commands_report
from counter_app.cli.main import UserError
from counter_app.services.supervision.bulletin.build import compute_bulletin
from counter_app.services.supervision.bulletin.pdf import render_bulletin_pdf
from counter_app.services.supervision.bulletin.xlsx import bulletin_xlsx_bytes

from ..conftest import Hall
from .test_bulletin import _busy_day


def _fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    """(font name, embedded) for every font of every page, charts included."""
    out = []
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out.append((str(font["/BaseFont"]), embedded))
    return out


@pytest.fixture()
def busy(hall: Hall) -> Hall:
    _busy_day(hall)
    return hall


@pytest.mark.parametrize("kind", ["day", "week", "month"])
def test_pdf_embeds_every_font_and_shows_the_figures(busy: Hall, kind: str, tmp_path: Path) -> None:
    b = compute_bulletin(busy.ctx, kind)
    pdf = render_bulletin_pdf(b)
    path = tmp_path / "b.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(path)
    fonts = _fonts(reader)
    assert fonts and all(embedded for _name, embedded in fonts), fonts
    assert not any("Helvetica" in name for name, _e in fonts)
    if shutil.which("pdffonts"):
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
        rows = listing.stdout.splitlines()[2:]
        assert rows and all(r.split()[-5] == "yes" for r in rows), listing.stdout
    first = reader.pages[0].extract_text()
    assert b.title.replace("（", "(").split("(")[0] in first.replace("（", "(")
    assert "分窗口办件量" in first and "评价等级分布" in first  # the charts' titles
    text = "".join(p.extract_text() for p in reader.pages)
    assert "分人员情况" in text and "测试clerk" in text


def test_workbook_has_every_table_and_the_same_numbers(busy: Hall) -> None:
    b = compute_bulletin(busy.ctx, "day")
    import io

    wb = load_workbook(io.BytesIO(bulletin_xlsx_bytes(b)))
    assert wb.sheetnames[:3] == ["小结", "图表", "分窗口"] and "分人员" in wb.sheetnames
    assert wb["小结"]["A1"].value == b.title
    assert len(wb["图表"]._charts) == 4
    ws = wb["分窗口"]
    heads = [c.value for c in ws[2]]
    assert heads[:5] == ["窗口", "计划", "在册", "在岗", "收件"]
    total = [c.value for c in ws[ws.max_row]]
    assert total[0] == "合计" and total[heads.index("收件")] == b.totals.received == 6
    assert total[heads.index("一次性告知")] == 1 and total[heads.index("计划")] == 55
    people = wb["分人员"]
    row = next(r for r in people.iter_rows(min_row=3, values_only=True) if r[0] == "测试clerk")
    pheads = [c.value for c in people[2]]
    assert row[pheads.index("收件")] == 5 and row[pheads.index("培训授权")] == "已授权"
    assert row[pheads.index("授权人")] == "测试boss"
    bad = wb["差评整改"]
    assert bad.max_row == 3 and bad.cell(3, 4).value == "不满意"


def _report(folder: Path, *args: str) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir")
    commands_report.register(parser.add_subparsers(dest="command", required=True))
    ns = parser.parse_args(["--data-dir", str(folder), "report", *args])
    return ns.func(ns)


def test_cli_writes_pdf_and_xlsx(busy: Hall, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    busy.ctx.db.dispose()
    for period, out in (("daily", "d.pdf"), ("week", "w.xlsx"), ("month", "m.pdf")):
        assert _report(folder, period, "--date", "2026-11-23", "--out", str(tmp_path / out)) == 0
        assert (tmp_path / out).stat().st_size > 2000
    said = capsys.readouterr().out
    assert "日报（2026年11月23日）" in said and "收件 6 件" in said
    assert load_workbook(tmp_path / "w.xlsx")["小结"]["A1"].value.endswith("周报（2026年11月23日至11月29日）")
    with pytest.raises(UserError, match=r"\.pdf 或 \.xlsx"):
        _report(folder, "daily", "--out", str(tmp_path / "x.docx"))
    with pytest.raises(UserError, match="日期"):
        _report(folder, "daily", "--date", "2026-13-01", "--out", str(tmp_path / "x.pdf"))


def test_empty_day_renders(hall: Hall) -> None:
    b = compute_bulletin(hall.ctx, "day", date(2026, 11, 22))  # a Sunday, nothing happened
    assert render_bulletin_pdf(b).startswith(b"%PDF")
    assert bulletin_xlsx_bytes(b)[:2] == b"PK"
