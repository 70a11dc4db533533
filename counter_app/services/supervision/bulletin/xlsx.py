"""The bulletin as an Excel workbook a supervisor can forward: a summary sheet, native Excel
bar charts of the same figures as the PDF, and one sheet per table with every row."""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .build import Bulletin, ChartData, TableData, charts, tables

SHEETS = {"windows": "分窗口", "clerks": "分人员", "batches": "待签收交接单", "overdue": "超期办件",
          "near_due": "临期办件", "holds": "待审未告知", "complaints": "投诉", "bad_ratings": "差评整改",
          "training": "培训授权", "queue_desks": "排队分窗口", "queue_areas": "排队分区",
          "queue_hours": "排队分时段"}
HEAD_FILL = PatternFill("solid", fgColor="E8EEF6")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _width(value: object) -> float:
    text = str(value)
    return sum(2 if ord(c) > 0x2E80 else 1.1 for c in text.split("\n")[0]) + 2


def _table(ws: Worksheet, data: TableData) -> None:
    ws.append([data.title])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([h.replace("\n", "") for h in data.headers])
    for cell in ws[2]:
        cell.font, cell.fill, cell.border = Font(bold=True), HEAD_FILL, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in data.rows:
        ws.append(row)
    widths = [_width(h.replace("\n", "")) for h in data.headers]
    for r in ws.iter_rows(min_row=3):
        for i, cell in enumerate(r):
            cell.border = BOX
            widths[i] = max(widths[i], min(_width(cell.value or ""), 60))
            if isinstance(cell.value, str) and len(cell.value) > 30:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "B3"
    if data.rows:
        ws.auto_filter.ref = f"A2:{get_column_letter(len(data.headers))}{len(data.rows) + 2}"
    if data.total is not None and data.total > len(data.rows):
        ws.append([f"共 {data.total} 条，此表列出前 {len(data.rows)} 条"])


def _charts(wb: Workbook, items: list[ChartData]) -> None:
    ws = wb.create_sheet("图表")
    src = wb.create_sheet("图表数据")
    row = 1
    for n, chart in enumerate(items):
        src.cell(row, 1, chart.title).font = Font(bold=True)
        src.cell(row + 1, 1, "类别")
        for j, (name, _v) in enumerate(chart.series, 2):
            src.cell(row + 1, j, name)
        for i, cat in enumerate(chart.categories):
            src.cell(row + 2 + i, 1, cat)
            for j, (_n, values) in enumerate(chart.series, 2):
                src.cell(row + 2 + i, j, values[i])
        last = row + 1 + len(chart.categories)
        bar = BarChart()
        bar.type, bar.title, bar.height, bar.width = "col", chart.title, 7.5, 16
        bar.add_data(Reference(src, min_col=2, max_col=1 + len(chart.series), min_row=row + 1,
                               max_row=last), titles_from_data=True)
        bar.set_categories(Reference(src, min_col=1, min_row=row + 2, max_row=last))
        for s, color in zip(bar.series, chart.colors, strict=False):
            s.graphicalProperties.solidFill = color.lstrip("#")
            s.graphicalProperties.line.noFill = True
        ws.add_chart(bar, f"{'A' if n % 2 == 0 else 'K'}{1 + (n // 2) * 16}")
        row = last + 2
    src.column_dimensions["A"].width = 16


def bulletin_workbook(b: Bulletin) -> Workbook:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "小结"
    ws.append([b.title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"统计期间：{b.period.start:%Y-%m-%d} 至 {b.period.end:%Y-%m-%d}　统计截止：{b.as_of:%Y-%m-%d}"
               f"　生成时间：{b.generated_at:%Y-%m-%d %H:%M}"])
    ws.append([])
    for i, line in enumerate(b.summary_lines(), 1):
        ws.append([f"{i}. {line}"])
    ws.append([])
    for note in b.notes:
        ws.append([f"注：{note}"])
    ws.column_dimensions["A"].width = 120
    _charts(wb, charts(b))
    for data in tables(b):
        _table(wb.create_sheet(SHEETS.get(data.key, data.key)), data)
    wb.move_sheet("图表数据", offset=len(wb.sheetnames))
    wb.properties.title, wb.properties.creator = b.title, "Counter"
    return wb


def save_bulletin_xlsx(b: Bulletin, path: str | os.PathLike[str]) -> None:
    bulletin_workbook(b).save(Path(path))


def bulletin_xlsx_bytes(b: Bulletin) -> bytes:
    buf = BytesIO()
    bulletin_workbook(b).save(buf)
    return buf.getvalue()
