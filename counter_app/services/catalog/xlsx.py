"""The Excel workbook (说明, 部门, 窗口, 事项, 材料 sheets): reading rows and writing the file.

_read_xlsx turns the sheets into records (columns found by their Chinese titles, materials
grouped under their item by 序号) for build._build; _write_xlsx writes the checked catalog with
Chinese enum values, list cells one entry per line, and drop-down validation. openpyxl is
imported only when a workbook is actually read or written.
"""

from __future__ import annotations

import warnings
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from .build import _ItemRecs, _Source
from .checker import _Checker, _Rec
from .labels import _ENUMS, _LABELS, _SHEETS
from .spec import FORMAT_ID, MAX_PAGES, OLD_FORMATS, CatalogData, ItemSpec
from .to_dict import fee_to_dict

_INT_FIELDS = {"statutory_days", "promised_days", "planned_staff", "copies", "pages_hint", "seq",
               "days", "originals", "photocopies"}
_BOOL_FIELDS = {"front_desk_can_finish", "agent_allowed", "seal_authorized", "fee:free", "waiver",
                "counted", "shared"}
_MONEY_FIELDS = {"amount", "extra_certificate"}
_FEE_COLUMNS = ("fee:free", "fee:basis", "fee:payer", "fee:note")
# Columns a sheet must have; the rest may be left out and take their defaults.
_REQUIRED_COLUMNS = {
    "departments": ("code", "name"),
    "windows": ("code", "name", "lead_department"),
    "items": (
        "code", "name", "window", "department", "kind", "statutory_days", "promised_days",
        "conditions", "review_points", "legal_basis", "delivery",
    ),
    "materials": ("item", "name", "form"),
    "fees": ("item", "name", "amount"),
    "procedures": ("item", "kind"),
}
# A workbook of the current format must also have these (an old one lacks them).
_REQUIRED_NOW = {"items": ("item_type", "statutory_unit", "promised_unit", "fee:free")}
_OPTIONAL_SHEETS = ("fees", "procedures")
_SHEET_COLUMNS = {
    "departments": (
        "code", "name", "phone", "nature", "credit_code", "seal_text", "reconsideration_body",
        "court", "complaint_channel",
    ),
    "windows": (
        "code", "name", "kind", "lead_department", "co_departments", "planned_staff", "staffed_by",
    ),
    "items": (
        "code", "name", "window", "department", "item_type", "basic_code", "impl_code", "kind",
        "statutory_days", "statutory_unit", "promised_days", "promised_unit", "limit_note",
        "front_desk_can_finish", "agent_allowed", "conditions", "review_points", "legal_basis",
        "acceptance_basis", "delivery", "place", *_FEE_COLUMNS, "keywords", "sources",
        "check_state", "checked_by", "checked_on", "unconfirmed",
    ),
    "materials": (
        "item", "seq", "name", "form", "originals", "photocopies", "copies", "pages_hint",
        "requirement", "condition", "condition_key", "source", "issuer", "shared", "medium",
        "standard", "note", "template",
    ),
    "fees": (
        "item", "seq", "name", "amount", "unit", "condition", "extra_certificate", "waiver",
        "basis",
    ),
    "procedures": ("item", "seq", "kind", "days", "unit", "counted", "note"),
}
_HALL_ROWS = ("format", "name", "region_code", "complaint_phone", "supervision_phone",
              "address", "progress_url", "doc_prefix", "seal_text", "seal_authorized")
_README = (
    "本工作簿是“综合窗口受理台”的事项目录，可导入、导出。",
    "「部门」「窗口」「事项」「材料」四张表各占一行一条记录，第 1 行为列名，请勿改动列名。",
    "「事项」表的审查要点、送达方式、检索关键词，以及「窗口」表的协同部门：一个单元格内每行一条。",
    "「材料」表按「事项编码」归入事项，按「序号」排序；每个事项至少一条材料。",
    "类型：即办件 / 承诺件。即办件承诺时限填 0；承诺件 1 ≤ 承诺时限 ≤ 法定时限。",
    "时限单位按法规原文：工作日 / 日（自然日，末日遇节假日顺延）/ 当场。",
    "事项类型：行政许可 / 行政确认 / 行政给付 / 行政征收 / 行政裁决 / 行政奖励 / 其他行政权力 / "
    "公共服务。主体性质：法定机关 / 授权组织 / 受委托组织 / 公用企业 / 公证机构。",
    "「收费标准」表每行一个收费档次（按事项编码归入）；有多个档次时每档须填「适用条件」。"
    "「特别程序」表列出公告、检验检测、鉴定、专家评审、听证等及其时长、是否计入时限。",
    "核对状态：待核对 / 已核对（须填核对人、核对日期和信息来源）。",
    "形式：原件 / 复印件 / 原件及复印件 / 原件核验；要求：必需 / 可选 / 条件必需（须填条件）。",
    "「材料」表的原件份数、复印件份数须与形式相符（原件核验：原件 1 份，核验后退回）；"
    "来源渠道：申请人自备 / 政府部门核发（须填核发部门）；政府部门能共享提供的设“共享免提交”为是，"
    "受理时不再向申请人要；载体：纸质 / 电子 / 纸质或电子；受理标准写明材料合格的要求。",
    "条件键（程序可自动判断的条件）：agent 委托代理人、organisation 单位申请、"
    "person 自然人申请、married 已婚、foreign 涉外；其他条件留空，由受理员判断。",
    "允许代办的事项须有条件键为 agent 的材料（授权委托书等）。是/否 列填“是”或“否”。",
)


def _cell_value(name: str, value: Any) -> Any:
    """Excel gives numbers where a department typed digits into a text column."""
    if value is None or name in _INT_FIELDS or name in _BOOL_FIELDS or name in _MONEY_FIELDS:
        return value
    if name == "checked_on" and hasattr(value, "year"):
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


def _label(section: str, name: str) -> str:
    if name.startswith("fee:"):
        return _LABELS["fee"][name[4:]]
    return _LABELS[section][name]


def _sheet_records(ck: _Checker, wb: Any, section: str, legacy: bool) -> list[_Rec] | None:
    sheet = _SHEETS[section]
    holder = _Rec(section, {}, sheet, None, excel=True)
    if sheet not in wb.sheetnames:
        if section in _OPTIONAL_SHEETS:
            return []
        ck.add(holder, None, f"缺少工作表「{sheet}」")
        return None
    rows = wb[sheet].iter_rows(values_only=True)
    header = next(rows, None) or ()
    by_label = {label: name for name, label in _LABELS[section].items()}
    if section == "items":
        by_label.update({_label(section, n): n for n in _FEE_COLUMNS})
    columns: dict[int, str] = {}
    for index, title in enumerate(header):
        name = by_label.get(str(title).strip()) if title is not None else None
        if name and name not in columns.values():
            columns[index] = name
    required = _REQUIRED_COLUMNS[section] + (() if legacy else _REQUIRED_NOW.get(section, ()))
    missing = [n for n in required if n not in columns.values()]
    for name in missing:
        head = _Rec(section, {}, sheet, 1, excel=True)
        if name.startswith("fee:"):
            head = _Rec("fee", {}, sheet, 1, excel=True)
            name = name[4:]
        ck.add(head, name, f"第 1 行缺少列名「{_label(head.section, name)}」")
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
                    target.data[name] = _cell_value(name, value)  # type: ignore[index]  # _Rec.data is a dict while reading
                    target.field_rows[name] = row_no
                    hall.field_rows[name] = row_no
            legacy = fmt.data.get("format") in OLD_FORMATS
            sheets = {s: _sheet_records(ck, wb, s, legacy) for s in _SHEET_COLUMNS}
        finally:
            wb.close()
    if any(v is None for v in sheets.values()):
        return None
    items = [_ItemRecs(rec, [], tiers=[], procedures=[]) for rec in sheets["items"] or ()]
    by_code: dict[str, _ItemRecs] = {}
    for recs in items:
        rec = recs.rec
        fee = {k[4:]: rec.data.pop(k) for k in _FEE_COLUMNS if k in rec.data}  # type: ignore[attr-defined]  # _Rec.data is a dict while reading
        if fee or not legacy:
            recs.fee = _Rec("fee", fee, rec.sheet, rec.row, excel=True)
        code = rec.get("code")
        if isinstance(code, str) and code.strip():
            by_code.setdefault(code.strip(), recs)
    children = (("materials", "materials"), ("fees", "tiers"), ("procedures", "procedures"))
    for section, attr in children:
        for m in sheets[section] or ():
            code = ck.text(m, "item")
            ck.integer(m, "seq", required=False, minimum=1, maximum=MAX_PAGES)
            if code is None:
                continue
            if code not in by_code:
                ck.add(m, "item", f"事项编码「{code}」在「事项」表中不存在")
                continue
            getattr(by_code[code], attr).append(m)
    for recs in items:
        for attr in ("materials", "tiers", "procedures"):
            _order(ck, getattr(recs, attr))
    return _Source(fmt, hall, sheets["departments"] or [], sheets["windows"] or [], items)


def _order(ck: _Checker, mats: list[_Rec]) -> None:
    mats.sort(key=_seq_key)
    seen: dict[int, _Rec] = {}
    for m in mats:
        seq = _seq_key(m)[0]
        if seq in seen:
            ck.add(m, "seq", f"同一事项中序号 {seq} 重复（{seen[seq].where()}）")
        elif seq < 10**9:
            seen[seq] = m


def _seq_key(rec: _Rec) -> tuple[int, int]:
    seq = rec.get("seq")
    if isinstance(seq, float) and seq.is_integer():
        seq = int(seq)
    if isinstance(seq, str) and seq.strip().isdigit():
        seq = int(seq.strip())
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        seq = 10**9  # unnumbered or bad rows keep their sheet order after the numbered ones
    return seq, rec.row or 0


def _excel_value(name: str, value: Any, section: str = "") -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "\n".join(_excel_value(name, v, section) for v in value)
    for (enum_section, enum_name), table in _ENUMS.items():
        if enum_name == name and value in table and section in ("", enum_section):
            return table[value]
    return value


def _write_xlsx(data: CatalogData, path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    readme = wb.worksheets[0]
    readme.title = _SHEETS["hall"]
    readme.append(["项目", "内容"])
    hall = {**vars(data.hall), "format": FORMAT_ID}
    for name in _HALL_ROWS:
        readme.append([_LABELS["hall"][name], _excel_value(name, hall[name])])
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
        "items": [_item_row(i) for i in data.items],
        "materials": [
            {"item": i.code, "seq": n, **vars(m)}
            for i in data.items
            for n, m in enumerate(i.materials, 1)
        ],
        "fees": [
            {"item": i.code, "seq": n, **vars(t)}
            for i in data.items
            for n, t in enumerate(i.fee.tiers, 1)
        ],
        "procedures": [
            {"item": i.code, "seq": n, **vars(p)}
            for i in data.items
            for n, p in enumerate(i.special_procedures, 1)
        ],
    }
    wide = {"conditions", "review_points", "legal_basis", "note", "condition", "name", "sources",
            "standard",
            "unconfirmed", "acceptance_basis", "fee:basis", "basis", "complaint_channel"}
    for section, fields in _SHEET_COLUMNS.items():
        ws = wb.create_sheet(_SHEETS[section])
        ws.append([_label(section, f) for f in fields])
        for record in rows[section]:
            ws.append([_excel_value(f, record.get(f), section) for f in fields])
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


def _item_row(item: ItemSpec) -> dict[str, Any]:
    row = dict(vars(item))
    fee = fee_to_dict(item.fee)
    for name in ("free", "basis", "payer", "note"):
        row[f"fee:{name}"] = fee.get(name)
    return row
