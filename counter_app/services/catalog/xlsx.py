"""The Excel workbook (说明, 部门, 窗口, 事项, 材料 sheets): reading rows and writing the file.

_read_xlsx turns the sheets into records (columns found by their Chinese titles, materials
grouped under their item by 序号) for build._build; _write_xlsx writes the checked catalog with
Chinese enum values, list cells one entry per line, and drop-down validation. openpyxl is
imported only when a workbook is actually read or written.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from .build import _Source
from .checker import _Checker, _Rec
from .labels import _ENUMS, _LABELS, _SHEETS
from .spec import MAX_PAGES, CatalogData

_INT_FIELDS = {"statutory_days", "promised_days", "planned_staff", "copies", "pages_hint", "seq"}
_BOOL_FIELDS = {"front_desk_can_finish", "agent_allowed"}
# Columns a sheet must have; the rest may be left out and take their defaults.
_REQUIRED_COLUMNS = {
    "departments": ("code", "name"),
    "windows": ("code", "name", "lead_department"),
    "items": (
        "code", "name", "window", "department", "kind", "statutory_days", "promised_days",
        "conditions", "review_points", "legal_basis", "delivery",
    ),
    "materials": ("item", "name", "form"),
}
_SHEET_COLUMNS = {
    "departments": ("code", "name", "phone"),
    "windows": (
        "code", "name", "kind", "lead_department", "co_departments", "planned_staff", "staffed_by",
    ),
    "items": (
        "code", "name", "window", "department", "kind", "statutory_days", "promised_days",
        "front_desk_can_finish", "agent_allowed", "conditions", "review_points", "legal_basis",
        "delivery", "fee", "keywords",
    ),
    "materials": (
        "item", "seq", "name", "form", "copies", "pages_hint", "requirement", "condition",
        "condition_key", "note", "template",
    ),
}
_HALL_ROWS = ("format", "name", "region_code", "complaint_phone", "supervision_phone",
              "address", "progress_url")
_README = (
    "本工作簿是“综合窗口受理台”的事项目录，可导入、导出。",
    "「部门」「窗口」「事项」「材料」四张表各占一行一条记录，第 1 行为列名，请勿改动列名。",
    "「事项」表的审查要点、送达方式、检索关键词，以及「窗口」表的协同部门：一个单元格内每行一条。",
    "「材料」表按「事项编码」归入事项，按「序号」排序；每个事项至少一条材料。",
    "类型：即办件 / 承诺件。即办件承诺时限填 0；承诺件 1 ≤ 承诺时限 ≤ 法定时限（工作日）。",
    "形式：原件 / 复印件 / 原件及复印件 / 原件核验；要求：必需 / 可选 / 条件必需（须填条件）。",
    "条件键（程序可自动判断的条件）：agent 委托代理人、organisation 单位申请、"
    "person 自然人申请、married 已婚、foreign 涉外；其他条件留空，由受理员判断。",
    "允许代办的事项须有条件键为 agent 的材料（授权委托书等）。是/否 列填“是”或“否”。",
)


def _cell_value(name: str, value: Any) -> Any:
    """Excel gives numbers where a department typed digits into a text column."""
    if value is None or name in _INT_FIELDS or name in _BOOL_FIELDS:
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if not isinstance(value, str):
        return str(value)
    return value


def _sheet_records(ck: _Checker, wb: Any, section: str) -> list[_Rec] | None:
    sheet = _SHEETS[section]
    holder = _Rec(section, {}, sheet, None, excel=True)
    if sheet not in wb.sheetnames:
        ck.add(holder, None, f"缺少工作表「{sheet}」")
        return None
    rows = wb[sheet].iter_rows(values_only=True)
    header = next(rows, None) or ()
    by_label = {label: name for name, label in _LABELS[section].items()}
    columns: dict[int, str] = {}
    for index, title in enumerate(header):
        name = by_label.get(str(title).strip()) if title is not None else None
        if name and name not in columns.values():
            columns[index] = name
    missing = [n for n in _REQUIRED_COLUMNS[section] if n not in columns.values()]
    for name in missing:
        head = _Rec(section, {}, sheet, 1, excel=True)
        ck.add(head, name, f"第 1 行缺少列名「{_LABELS[section][name]}」")
    if missing:
        return None
    out = []
    for row_no, row in enumerate(rows, 2):
        data = {
            name: _cell_value(name, row[i]) for i, name in columns.items() if i < len(row)
        }
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in data.values()):
            continue
        out.append(_Rec(section, data, sheet, row_no, excel=True))
    return out


def _read_xlsx(path: Path, ck: _Checker) -> _Source | None:
    import openpyxl  # heavy: only when a workbook is read or written

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            hall = _Rec("hall", {}, _SHEETS["hall"], None, excel=True)
            fmt = _Rec("hall", {}, _SHEETS["hall"], None, excel=True)
            if _SHEETS["hall"] not in wb.sheetnames:
                ck.add(hall, None, f"缺少工作表「{_SHEETS['hall']}」")
            else:
                by_label = {_LABELS["hall"][n]: n for n in _HALL_ROWS}
                rows = wb[_SHEETS["hall"]].iter_rows(values_only=True)
                for row_no, row in enumerate(rows, 1):
                    if not row or not isinstance(row[0], str):
                        continue
                    name = by_label.get(row[0].strip())
                    if name is None or name in hall.field_rows:
                        continue
                    target = fmt if name == "format" else hall
                    value = row[1] if len(row) > 1 else None
                    target.data[name] = _cell_value(name, value)  # type: ignore[index]
                    target.field_rows[name] = row_no
                    hall.field_rows[name] = row_no
            sheets = {s: _sheet_records(ck, wb, s) for s in _SHEET_COLUMNS}
        finally:
            wb.close()
    if any(v is None for v in sheets.values()):
        return None
    items = [(rec, []) for rec in sheets["items"] or ()]
    by_code: dict[str, list[_Rec]] = {}
    for rec, mats in items:
        code = rec.get("code")
        if isinstance(code, str) and code.strip():
            by_code.setdefault(code.strip(), mats)
    for m in sheets["materials"] or ():
        code = ck.text(m, "item")
        ck.integer(m, "seq", required=False, minimum=1, maximum=MAX_PAGES)
        if code is None:
            continue
        if code not in by_code:
            ck.add(m, "item", f"事项编码「{code}」在「事项」表中不存在")
            continue
        by_code[code].append(m)
    for _, mats in items:
        mats.sort(key=_seq_key)
        seen: dict[int, _Rec] = {}
        for m in mats:
            seq = _seq_key(m)[0]
            if seq in seen:
                ck.add(m, "seq", f"同一事项中序号 {seq} 重复（{seen[seq].where()}）")
            elif seq < 10**9:
                seen[seq] = m
    return _Source(fmt, hall, sheets["departments"] or [], sheets["windows"] or [], items)


def _seq_key(rec: _Rec) -> tuple[int, int]:
    seq = rec.get("seq")
    if isinstance(seq, float) and seq.is_integer():
        seq = int(seq)
    if isinstance(seq, str) and seq.strip().isdigit():
        seq = int(seq.strip())
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        seq = 10**9  # unnumbered or bad rows keep their sheet order after the numbered ones
    return seq, rec.row or 0


def _excel_value(name: str, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, tuple | list):
        return "\n".join(_excel_value(name, v) for v in value)
    for (_, enum_name), table in _ENUMS.items():
        if enum_name == name and value in table:
            return table[value]
    return value


def _write_xlsx(data: CatalogData, path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    readme = wb.active
    readme.title = _SHEETS["hall"]
    readme.append(["项目", "内容"])
    hall = {"format": data.format, **vars(data.hall)}
    for name in _HALL_ROWS:
        readme.append([_LABELS["hall"][name], hall[name]])
    readme.append([])
    for line in _README:
        readme.append([line])
    readme.column_dimensions["A"].width = 18
    readme.column_dimensions["B"].width = 60
    for row in readme.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, not a formula (an address may start with "=")

    rows: dict[str, list[dict[str, Any]]] = {
        "departments": [vars(d) for d in data.departments],
        "windows": [vars(w) for w in data.windows],
        "items": [vars(i) for i in data.items],
        "materials": [
            {"item": i.code, "seq": n, **vars(m)}
            for i in data.items
            for n, m in enumerate(i.materials, 1)
        ],
    }
    wide = {"conditions", "review_points", "legal_basis", "note", "condition", "name"}
    for section, fields in _SHEET_COLUMNS.items():
        ws = wb.create_sheet(_SHEETS[section])
        ws.append([_LABELS[section][f] for f in fields])
        for record in rows[section]:
            ws.append([_excel_value(f, record.get(f)) for f in fields])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
        ws.freeze_panes = "A2"
        last = max(ws.max_row, 2)
        for col, name in enumerate(fields, 1):
            letter = get_column_letter(col)
            ws.column_dimensions[letter].width = 36 if name in wide else 14
            choices = _ENUMS.get((section, name))
            if name in _BOOL_FIELDS:
                choices = {"y": "是", "n": "否"}
            if choices and name != "delivery":
                dv = DataValidation(type="list", formula1='"' + ",".join(choices.values()) + '"')
                dv.add(f"{letter}2:{letter}{last + 500}")
                ws.add_data_validation(dv)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    if cell.value.startswith("="):
                        cell.data_type = "s"  # text, not a formula
                    if "\n" in cell.value:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(path)
