"""Read, check and write the service-item catalog (事项目录) as YAML, JSON or Excel.

The catalog is data that supervisors and departments maintain, often in Excel, so loading never
stops at the first mistake: every problem is collected with its sheet, row and column and
reported at once, in Chinese, for the people who fix the sheet. Pure Python: no database, no Qt.

Rules the checker enforces (decided here, so that departments get one answer):
- A committed item (承诺件) needs 1 <= promised days <= statutory days. An immediate item (即办件)
  may keep the law's statutory limit (many guides print one) but promises 0 days.
- Only immediate items may be finished by the front desk (前台可办结).
- Any applicant may send an agent, so an item lists a conditional material keyed ``agent``
  (授权委托书 ...). Items the law requires in person (结婚登记, 居民身份证) say
  ``agent_allowed: false`` and must not list one.
- Text is stripped, blank optional text becomes None, list entries are single lines (Excel keeps
  a list in one cell, one entry per line). Codes are ASCII ``[A-Za-z0-9_-]``.
- In the sheet enums are Chinese (原件, 条件必需, 是/否); in YAML/JSON they are ASCII. Either
  spelling is accepted on input.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import reprlib
import tempfile
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

FORMAT_ID = "counter-catalog/1"

# The enum labels live with the models, which store the same ASCII values.
from ..models.catalog import FORM_LABELS, KIND_LABELS, REQUIREMENT_LABELS  # noqa: E402

DELIVERY_LABELS = {"window": "窗口领取", "mail": "邮寄送达", "electronic": "电子证照"}
STAFFED_BY_LABELS = {"outsourced": "外包人员", "department": "部门人员"}
WINDOW_KIND_LABELS = {"counter": "综合窗口", "help_desk": "引导帮办", "management": "管理"}
# Conditions the app decides from the case itself; other conditions are the clerk's judgement.
CONDITION_KEYS = {
    "agent": "委托代理人办理",
    "organisation": "申请人为单位",
    "person": "申请人为自然人",
    "married": "申请人已婚",
    "foreign": "涉及境外人员或机构",
}

MAX_DAYS = 999
MAX_COPIES = 99
MAX_PAGES = 9999
MAX_STAFF = 999
MAX_TEXT = 32000  # an Excel cell holds 32,767 characters

_CODE_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
# XML 1.0 and Excel refuse these; \t and \n are fine.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class HallSpec:
    name: str
    region_code: str
    complaint_phone: str
    supervision_phone: str
    address: str
    progress_url: str


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name: str
    phone: str | None = None


@dataclass(frozen=True)
class WindowSpec:
    code: str
    name: str
    lead_department: str
    planned_staff: int = 0
    staffed_by: str = "outsourced"  # STAFFED_BY_LABELS
    kind: str = "counter"  # WINDOW_KIND_LABELS; only "counter" windows receive items
    co_departments: tuple[str, ...] = ()


@dataclass(frozen=True)
class MaterialSpec:
    name: str
    form: str  # FORM_LABELS
    copies: int = 1
    requirement: str = "required"  # REQUIREMENT_LABELS
    pages_hint: int | None = None
    condition: str | None = None  # required when requirement == "conditional"
    condition_key: str | None = None  # CONDITION_KEYS, or None when the clerk judges
    note: str | None = None
    template: str | None = None


@dataclass(frozen=True)
class ItemSpec:
    code: str
    name: str
    window: str
    department: str
    kind: str  # KIND_LABELS
    statutory_days: int
    promised_days: int
    conditions: str
    review_points: tuple[str, ...]
    legal_basis: str
    delivery: tuple[str, ...]  # DELIVERY_LABELS
    materials: tuple[MaterialSpec, ...]
    front_desk_can_finish: bool = False
    agent_allowed: bool = True
    fee: str = "不收费"
    keywords: tuple[str, ...] = ()  # extra search words (营业执照, 开公司 ...)


@dataclass(frozen=True)
class CatalogData:
    hall: HallSpec
    departments: tuple[DepartmentSpec, ...]
    windows: tuple[WindowSpec, ...]
    items: tuple[ItemSpec, ...]
    format: str = FORMAT_ID

    def item(self, code: str) -> ItemSpec | None:
        return next((i for i in self.items if i.code == code), None)

    def window(self, code: str) -> WindowSpec | None:
        return next((w for w in self.windows if w.code == code), None)

    def department(self, code: str) -> DepartmentSpec | None:
        return next((d for d in self.departments if d.code == code), None)


@dataclass(frozen=True)
class CatalogProblem:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        excel = not self.sheet.isascii()
        where = f"「{self.sheet}」" + ("表" if excel else "") if self.sheet else ""
        if self.row is not None:
            where += f"第 {self.row} {'行' if excel else '项'}"
        if self.column:
            where += f"「{self.column}」" + ("列" if excel else "")
        return f"{where}：{self.message}" if where else self.message


class CatalogError(Exception):
    def __init__(self, problems: list[CatalogProblem]) -> None:
        self.problems = problems
        lines = [str(p) for p in problems[:30]]
        if len(problems) > 30:
            lines.append(f"……另有 {len(problems) - 30} 处问题")
        super().__init__(f"事项目录有 {len(problems)} 处问题：\n" + "\n".join(lines))


# --------------------------------------------------------------------------- labels

_LABELS: dict[str, dict[str, str]] = {
    "hall": {
        "format": "格式",
        "name": "大厅名称",
        "region_code": "行政区划代码",
        "complaint_phone": "投诉电话",
        "supervision_phone": "监督电话",
        "address": "地址",
        "progress_url": "进度查询网址",
    },
    "departments": {"code": "部门编码", "name": "部门名称", "phone": "联系电话"},
    "windows": {
        "code": "窗口编码",
        "name": "窗口名称",
        "kind": "窗口类型",
        "lead_department": "牵头部门",
        "co_departments": "协同部门",
        "planned_staff": "计划人数",
        "staffed_by": "人员来源",
    },
    "items": {
        "code": "事项编码",
        "name": "事项名称",
        "window": "窗口编码",
        "department": "部门编码",
        "kind": "类型",
        "statutory_days": "法定时限",
        "promised_days": "承诺时限",
        "front_desk_can_finish": "前台可办结",
        "agent_allowed": "允许代办",
        "conditions": "受理条件",
        "review_points": "审查要点",
        "legal_basis": "设定依据",
        "delivery": "送达方式",
        "fee": "收费",
        "keywords": "检索关键词",
        "materials": "材料",
    },
    "materials": {
        "item": "事项编码",
        "seq": "序号",
        "name": "材料名称",
        "form": "形式",
        "copies": "份数",
        "pages_hint": "页数",
        "requirement": "要求",
        "condition": "条件",
        "condition_key": "条件键",
        "note": "说明",
        "template": "样表",
    },
}
_ENUMS: dict[tuple[str, str], dict[str, str]] = {
    ("items", "kind"): KIND_LABELS,
    ("items", "delivery"): DELIVERY_LABELS,
    ("materials", "form"): FORM_LABELS,
    ("materials", "requirement"): REQUIREMENT_LABELS,
    ("windows", "staffed_by"): STAFFED_BY_LABELS,
    ("windows", "kind"): WINDOW_KIND_LABELS,
}
_SHEETS = {
    "hall": "说明",
    "departments": "部门",
    "windows": "窗口",
    "items": "事项",
    "materials": "材料",
}
_TRUE = {"是", "true", "yes", "y", "1", "√"}
_FALSE = {"否", "false", "no", "n", "0", "×"}


def _show(value: Any) -> str:
    try:
        return reprlib.repr(value)
    except Exception:  # huge ints and odd objects must not break error reporting
        return f"<{type(value).__name__}>"


# --------------------------------------------------------------------------- checking


@dataclass
class _Rec:
    """One record (a YAML mapping or a sheet row) and where it came from."""

    section: str
    data: Mapping[Any, Any]
    sheet: str
    row: int | None
    excel: bool = False
    context: str = ""  # message prefix, e.g. the item a YAML material belongs to
    field_rows: dict[str, int] = field(default_factory=dict)  # 说明 sheet: a row per field

    def get(self, name: str) -> Any:
        return self.data.get(name)

    def where(self) -> str:
        return f"第 {self.row} {'行' if self.excel else '项'}"


class _Checker:
    def __init__(self) -> None:
        self.problems: list[CatalogProblem] = []

    def label(self, rec: _Rec, name: str) -> str:
        return _LABELS[rec.section].get(name, name)

    def add(self, rec: _Rec, name: str | None, message: str) -> None:
        column = None
        if name is not None:
            column = self.label(rec, name) if rec.excel else name
        if rec.excel and rec.section == "hall":
            column = "内容"
        row = rec.field_rows.get(name, rec.row) if name else rec.row
        self.problems.append(CatalogProblem(rec.sheet, row, column, rec.context + message))

    def text(
        self, rec: _Rec, name: str, *, required: bool = True, multiline: bool = False
    ) -> str | None:
        value = rec.get(name)
        label = self.label(rec, name)
        if value is None:
            if required:
                self.add(rec, name, f"缺少必填项「{label}」")
            return None
        if not isinstance(value, str):
            self.add(rec, name, f"「{label}」应为文本，实为 {_show(value)}")
            return None
        text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        if not text:
            if required:
                self.add(rec, name, f"「{label}」不能为空")
            return None
        if _BAD_CHARS.search(text):
            self.add(rec, name, f"「{label}」含有不可见的控制字符")
        elif not multiline and "\n" in text:
            self.add(rec, name, f"「{label}」不能换行")
        elif len(text) > MAX_TEXT:
            self.add(rec, name, f"「{label}」过长（{len(text)} 字，最多 {MAX_TEXT} 字）")
        else:
            return text
        return None

    def code(self, rec: _Rec, name: str, *, required: bool = True) -> str | None:
        text = self.text(rec, name, required=required)
        if text is not None and not _CODE_RE.fullmatch(text):
            self.add(
                rec,
                name,
                f"「{self.label(rec, name)}」「{text}」只能由英文字母、数字、“-”和“_”组成"
                "（不超过 64 个字符）",
            )
            return None
        return text

    def integer(
        self,
        rec: _Rec,
        name: str,
        *,
        default: int | None = None,
        required: bool = True,
        minimum: int = 0,
        maximum: int = MAX_DAYS,
    ) -> int | None:
        value = rec.get(name)
        label = self.label(rec, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if default is None and required:
                self.add(rec, name, f"缺少必填项「{label}」")
            return default
        number: int | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
            number = int(value)
        elif isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,9}\s*", value):
            number = int(value)
        if number is None:
            self.add(rec, name, f"「{label}」应为整数，实为 {_show(value)}")
            return None
        if number < minimum:
            why = "不能为负数" if minimum == 0 else f"不能小于 {minimum}"
            self.add(rec, name, f"「{label}」{why}（实为 {number}）")
            return None
        if number > maximum:
            self.add(rec, name, f"「{label}」超出合理范围（{_show(number)}，最大 {maximum}）")
            return None
        return number

    def boolean(self, rec: _Rec, name: str, default: bool) -> bool | None:
        value = rec.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str):
            word = value.strip().lower()
            if word in _TRUE:
                return True
            if word in _FALSE:
                return False
        self.add(rec, name, f"「{self.label(rec, name)}」应为“是”或“否”，实为 {_show(value)}")
        return None

    def _enum_value(self, rec: _Rec, name: str, value: Any) -> str | None:
        table = _ENUMS[(rec.section, name)]
        if isinstance(value, str):
            word = value.strip()
            if word in table:
                return word
            for key, chinese in table.items():
                if word == chinese:
                    return key
        allowed = "、".join(f"{c}（{k}）" for k, c in table.items())
        self.add(rec, name, f"「{self.label(rec, name)}」的值 {_show(value)} 无效，应为：{allowed}")
        return None

    def enum(self, rec: _Rec, name: str, *, default: str | None = None) -> str | None:
        value = rec.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if default is None:
                self.add(rec, name, f"缺少必填项「{self.label(rec, name)}」")
            return default
        return self._enum_value(rec, name, value)

    def strings(
        self, rec: _Rec, name: str, *, required: bool, enum: bool = False, code: bool = False
    ) -> tuple[str, ...] | None:
        """A list of single-line strings; a string is read as one entry per line."""
        value = rec.get(name)
        label = self.label(rec, name)
        if isinstance(value, str):
            value = value.replace("\r", "\n").split("\n")
            value = [v for v in value if v.strip()]
        if value is None:
            value = []
        if not isinstance(value, list | tuple):
            self.add(rec, name, f"「{label}」应为列表（表格中每行一条），实为 {_show(value)}")
            return None
        if not value:
            if required:
                self.add(rec, name, f"「{label}」至少要有一条")
                return None
            return ()
        out: list[str] = []
        ok = True
        for n, entry in enumerate(value, 1):
            sub = _Rec(rec.section, {name: entry}, rec.sheet, rec.row, rec.excel, rec.context)
            sub.context += f"「{label}」第 {n} 条："
            one = None
            if enum:
                one = self._enum_value(sub, name, entry)
            elif code:
                one = self.code(sub, name)
            else:
                one = self.text(sub, name)
            if one is None:
                ok = False
            elif one in out:
                self.add(rec, name, f"「{label}」中“{one}”重复")
                ok = False
            else:
                out.append(one)
        return tuple(out) if ok else None


def _raw_code(rec: _Rec) -> str | None:
    """The code as written, so a duplicate is reported even when its record has other faults."""
    code = rec.get("code")
    return code.strip() or None if isinstance(code, str) else None


def _unique(ck: _Checker, recs: list[_Rec], codes: list[str | None], what: str) -> None:
    """Report every repeated code, naming the first record that used it."""
    first: dict[str, _Rec] = {}
    for rec, code in zip(recs, codes, strict=True):
        if code is None:
            continue
        if code in first:
            ck.add(rec, "code", f"{what}「{code}」重复（{first[code].where()}已使用）")
        else:
            first[code] = rec


# --------------------------------------------------------------------------- building


@dataclass
class _Source:
    """A catalog read into records, before checking."""

    format_rec: _Rec
    hall: _Rec | None
    departments: list[_Rec]
    windows: list[_Rec]
    items: list[tuple[_Rec, list[_Rec] | None]]


def _build(src: _Source, ck: _Checker) -> CatalogData:
    fmt = src.format_rec.get("format")
    if fmt != FORMAT_ID:
        name = "format"
        if fmt is None:
            ck.add(src.format_rec, name, f"缺少格式标识「格式」（应为 {FORMAT_ID}）")
        else:
            ck.add(src.format_rec, name, f"格式标识 {_show(fmt)} 无法识别，应为 {FORMAT_ID}")

    hall = _build_hall(src.hall, ck) if src.hall is not None else None

    departments: list[DepartmentSpec] = []
    codes: list[str | None] = []
    for rec in src.departments:
        code, name = ck.code(rec, "code"), ck.text(rec, "name")
        phone = ck.text(rec, "phone", required=False)
        codes.append(code)
        if code and name:
            departments.append(DepartmentSpec(code, name, phone))
    _unique(ck, src.departments, codes, "部门编码")
    # References go by the codes as written, so one faulty record does not cascade into
    # "unknown department/window" on every record that names it.
    dept_codes = {c for c in map(_raw_code, src.departments) if c}

    windows = [_build_window(rec, dept_codes, ck) for rec in src.windows]
    _unique(ck, src.windows, [_raw_code(r) for r in src.windows], "窗口编码")
    counter_windows, other_windows = set(), set()
    for rec in src.windows:
        kind = rec.get("kind")
        word = kind.strip() if isinstance(kind, str) else kind
        counter = word in (None, "", "counter", "综合窗口")
        (counter_windows if counter else other_windows).add(_raw_code(rec))

    items: list[ItemSpec | None] = []
    for rec, materials in src.items:
        items.append(_build_item(rec, materials, dept_codes, counter_windows, other_windows, ck))
    item_recs = [r for r, _ in src.items]
    _unique(ck, item_recs, [_raw_code(r) for r in item_recs], "事项编码")

    if ck.problems or hall is None:
        raise CatalogError(ck.problems)
    return CatalogData(
        hall=hall,
        departments=tuple(departments),
        windows=tuple(w for w in windows if w),
        items=tuple(i for i in items if i),
    )


def _build_hall(rec: _Rec, ck: _Checker) -> HallSpec | None:
    values = {
        name: ck.text(rec, name)
        for name in ("name", "region_code", "complaint_phone", "supervision_phone", "address")
    }
    region = values["region_code"]
    if region is not None and not re.fullmatch(r"\d{6}", region):
        ck.add(rec, "region_code", f"「行政区划代码」应为 6 位数字，实为「{region}」")
        values["region_code"] = None
    url = ck.text(rec, "progress_url")
    if url is not None and not (url.isascii() and re.match(r"https?://\S+$", url)):
        ck.add(rec, "progress_url", f"「进度查询网址」应为 http(s):// 开头的英文网址，实为「{url}」")
        url = None
    if url is None or any(v is None for v in values.values()):
        return None
    return HallSpec(progress_url=url, **values)  # type: ignore[arg-type]


def _build_window(rec: _Rec, dept_codes: set[str], ck: _Checker) -> WindowSpec | None:
    code, name = ck.code(rec, "code"), ck.text(rec, "name")
    kind = ck.enum(rec, "kind", default="counter")
    lead = ck.code(rec, "lead_department")
    co = ck.strings(rec, "co_departments", required=False, code=True)
    staff = ck.integer(rec, "planned_staff", default=0, maximum=MAX_STAFF)
    staffed_by = ck.enum(rec, "staffed_by", default="outsourced")
    ok = True
    for ref in ([lead] if lead else []) + list(co or ()):
        if ref not in dept_codes:
            column = "lead_department" if ref == lead else "co_departments"
            ck.add(rec, column, f"部门编码「{ref}」在「部门」中不存在")
            ok = False
    parts = (code, name, kind, lead, co, staff, staffed_by)
    if not ok or any(p is None for p in parts):
        return None
    return WindowSpec(code, name, lead, staff, staffed_by, kind, co)  # type: ignore[arg-type]


def _build_item(
    rec: _Rec,
    material_recs: list[_Rec] | None,
    dept_codes: set[str],
    counter_windows: set[str],
    other_windows: set[str],
    ck: _Checker,
) -> ItemSpec | None:
    before = len(ck.problems)
    code, name = ck.code(rec, "code"), ck.text(rec, "name")
    window, department = ck.code(rec, "window"), ck.code(rec, "department")
    if window and window not in counter_windows:
        why = "不是受理事项的综合窗口" if window in other_windows else "在「窗口」中不存在"
        ck.add(rec, "window", f"窗口编码「{window}」{why}")
    if department and department not in dept_codes:
        ck.add(rec, "department", f"部门编码「{department}」在「部门」中不存在")
    kind = ck.enum(rec, "kind")
    statutory = ck.integer(rec, "statutory_days")
    promised = ck.integer(rec, "promised_days")
    front = ck.boolean(rec, "front_desk_can_finish", False)
    agent_allowed = ck.boolean(rec, "agent_allowed", True)
    conditions = ck.text(rec, "conditions", multiline=True)
    review = ck.strings(rec, "review_points", required=True)
    basis = ck.text(rec, "legal_basis", multiline=True)
    delivery = ck.strings(rec, "delivery", required=True, enum=True)
    fee = ck.text(rec, "fee", required=False, multiline=True) or "不收费"
    keywords = ck.strings(rec, "keywords", required=False)

    if kind == "immediate" and promised not in (None, 0):
        ck.add(rec, "promised_days", f"即办件的「承诺时限」应为 0（实为 {promised}）")
    if kind == "committed" and promised == 0:
        ck.add(rec, "promised_days", "承诺件的「承诺时限」至少为 1 个工作日")
    if kind == "committed" and statutory == 0:
        ck.add(rec, "statutory_days", "承诺件的「法定时限」至少为 1 个工作日")
    if statutory is not None and promised is not None and promised > statutory:
        ck.add(rec, "promised_days", f"承诺时限（{promised}）不能大于法定时限（{statutory}）")
    if front and kind == "committed":
        ck.add(rec, "front_desk_can_finish", "只有即办件可以设为「前台可办结」")

    if material_recs is None:  # YAML/JSON: the materials list is missing or is no list
        found = rec.get("materials")
        why = "缺少「材料」列表" if found is None else f"「材料」应为列表，实为 {_show(found)}"
        ck.add(rec, "materials", why)
        material_recs = []
    elif not material_recs:
        ck.add(rec, None, f"事项「{code or name or ''}」没有任何申请材料")
    materials = [_build_material(m, ck) for m in material_recs]
    seen: dict[str, _Rec] = {}
    for m_rec in material_recs:  # by the name as written: a faulty material still counts
        m_name = m_rec.get("name")
        if not isinstance(m_name, str) or not m_name.strip():
            continue
        m_name = m_name.strip()
        if m_name in seen:
            ck.add(m_rec, "name", f"同一事项中材料名称「{m_name}」重复（{seen[m_name].where()}）")
        seen.setdefault(m_name, m_rec)
    agent = [m for m in materials if m and m.condition_key == "agent"]
    if agent_allowed and material_recs and not agent:
        ck.add(
            rec,
            None,
            "允许代办的事项须列出条件键为 agent 的代理人材料（如授权委托书、代理人身份证件）；"
            "法律要求本人办理的，请将「允许代办」设为否",
        )
    if agent_allowed is False and agent:
        ck.add(rec, "agent_allowed", "「允许代办」为否，却列出了条件键为 agent 的代理人材料")

    if len(ck.problems) > before:
        return None
    values = dict(  # every value was checked above: none is None here
        code=code, name=name, window=window, department=department, kind=kind,
        statutory_days=statutory, promised_days=promised, conditions=conditions,
        review_points=review, legal_basis=basis, delivery=delivery, materials=tuple(materials),
        front_desk_can_finish=front, agent_allowed=agent_allowed, fee=fee, keywords=keywords,
    )
    return ItemSpec(**values)  # type: ignore[arg-type]


def _build_material(rec: _Rec, ck: _Checker) -> MaterialSpec | None:
    before = len(ck.problems)
    name = ck.text(rec, "name")
    form = ck.enum(rec, "form")
    copies = ck.integer(rec, "copies", default=1, minimum=1, maximum=MAX_COPIES)
    pages = ck.integer(rec, "pages_hint", required=False, minimum=1, maximum=MAX_PAGES)
    requirement = ck.enum(rec, "requirement", default="required")
    condition = ck.text(rec, "condition", required=False, multiline=True)
    key = ck.text(rec, "condition_key", required=False)
    note = ck.text(rec, "note", required=False, multiline=True)
    template = ck.text(rec, "template", required=False)
    if key is not None and key not in CONDITION_KEYS:
        allowed = "、".join(f"{k}（{v}）" for k, v in CONDITION_KEYS.items())
        ck.add(rec, "condition_key", f"「条件键」「{key}」无效，应为：{allowed}，或留空由受理员判断")
    if requirement == "conditional" and condition is None:
        ck.add(rec, "condition", "「要求」为条件必需时必须填写「条件」")
    if requirement not in (None, "conditional") and (condition or key):
        column = "condition" if condition else "condition_key"
        ck.add(rec, column, "只有「条件必需」的材料才能填写「条件」和「条件键」")
    if len(ck.problems) > before:
        return None
    return MaterialSpec(
        name, form, copies, requirement, pages,  # type: ignore[arg-type]
        condition, key, note, template,
    )


# --------------------------------------------------------------------------- dicts

_TOP_KEYS = ("format", "hall", "departments", "windows", "items")
_ALLOWED = {
    "hall": set(_LABELS["hall"]) - {"format"},
    "departments": set(_LABELS["departments"]),
    "windows": set(_LABELS["windows"]),
    "items": set(_LABELS["items"]),
    "materials": set(_LABELS["materials"]) - {"item", "seq"},
}


def _records(
    ck: _Checker, top: Mapping[Any, Any], section: str, context: str = ""
) -> Iterator[_Rec]:
    """The mappings in a YAML/JSON list, reporting anything that is not one."""
    value = top.get(section)
    holder = _Rec(section, {}, "catalog" if not context else "materials", None, context=context)
    if value is None:
        ck.add(holder, section, f"缺少「{section}」列表")
        return
    if not isinstance(value, list):
        ck.add(holder, section, f"「{section}」应为列表，实为 {_show(value)}")
        return
    sheet = "materials" if context else section
    for n, entry in enumerate(value, 1):
        if not isinstance(entry, dict):
            bad = _Rec(section, {}, sheet, n, context=context)
            ck.add(bad, None, f"应为映射（键: 值），实为 {_show(entry)}")
            continue
        rec = _Rec(section, entry, sheet, n, context=context)
        _unknown_keys(ck, rec, section)
        yield rec


def _unknown_keys(ck: _Checker, rec: _Rec, section: str) -> None:
    for key in rec.data:
        if key not in _ALLOWED[section]:
            ck.add(rec, None, f"未知字段 {_show(key)}")


def catalog_from_dict(raw: Any) -> CatalogData:
    """Check a YAML/JSON-shaped mapping and build the catalog; raises CatalogError."""
    ck = _Checker()
    top_rec = _Rec("hall", {}, "catalog", None)
    if not isinstance(raw, dict):
        ck.add(top_rec, None, f"文件顶层应为映射（format/hall/departments/...），实为 {_show(raw)}")
        raise CatalogError(ck.problems)
    if raw.get("format") != FORMAT_ID and not any(k in raw for k in _TOP_KEYS):
        ck.add(top_rec, None, f"不是事项目录文件（缺少 format: {FORMAT_ID} 及各部分）")
        raise CatalogError(ck.problems)
    for key in raw:
        if key not in _TOP_KEYS:
            ck.add(top_rec, None, f"未知的顶层字段 {_show(key)}")
    hall_raw = raw.get("hall")
    hall: _Rec | None = None
    if isinstance(hall_raw, dict):
        hall = _Rec("hall", hall_raw, "hall", None)
        _unknown_keys(ck, hall, "hall")
    else:
        ck.add(top_rec, "hall", f"缺少「hall」映射或类型不对：{_show(hall_raw)}")
    items: list[tuple[_Rec, list[_Rec] | None]] = []
    for rec in _records(ck, raw, "items"):
        label = rec.get("code") if isinstance(rec.get("code"), str) else f"第 {rec.row} 项"
        mats: list[_Rec] | None = None
        if isinstance(rec.get("materials"), list):
            mats = list(_records(ck, rec.data, "materials", context=f"事项 {label} 的材料："))
        items.append((rec, mats))
    src = _Source(
        format_rec=_Rec("hall", {"format": raw.get("format")}, "catalog", None),
        hall=hall,
        departments=list(_records(ck, raw, "departments")),
        windows=list(_records(ck, raw, "windows")),
        items=items,
    )
    return _build(src, ck)


def _material_dict(m: MaterialSpec) -> dict[str, Any]:
    out: dict[str, Any] = {"name": m.name, "form": m.form, "copies": m.copies}
    if m.pages_hint is not None:
        out["pages_hint"] = m.pages_hint
    out["requirement"] = m.requirement
    for name in ("condition", "condition_key", "note", "template"):
        if getattr(m, name) is not None:
            out[name] = getattr(m, name)
    return out


def item_to_dict(item: ItemSpec) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": item.code,
        "name": item.name,
        "window": item.window,
        "department": item.department,
        "kind": item.kind,
        "statutory_days": item.statutory_days,
        "promised_days": item.promised_days,
        "front_desk_can_finish": item.front_desk_can_finish,
    }
    if not item.agent_allowed:
        out["agent_allowed"] = False
    out.update(
        conditions=item.conditions,
        review_points=list(item.review_points),
        legal_basis=item.legal_basis,
        delivery=list(item.delivery),
        fee=item.fee,
    )
    if item.keywords:
        out["keywords"] = list(item.keywords)
    out["materials"] = [_material_dict(m) for m in item.materials]
    return out


def item_digest(item: ItemSpec) -> str:
    """A stable fingerprint of an item's checklist, so a case can record which version it
    was received under and a changed guide is noticed."""
    blob = json.dumps(item_to_dict(item), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def catalog_to_dict(data: CatalogData) -> dict[str, Any]:
    """The YAML/JSON shape: ASCII enums, optional fields left out when empty."""
    h = data.hall
    windows = []
    for w in data.windows:
        wd: dict[str, Any] = {"code": w.code, "name": w.name, "kind": w.kind}
        wd.update(lead_department=w.lead_department)
        if w.co_departments:
            wd["co_departments"] = list(w.co_departments)
        wd.update(planned_staff=w.planned_staff, staffed_by=w.staffed_by)
        windows.append(wd)
    return {
        "format": data.format,
        "hall": {
            "name": h.name,
            "region_code": h.region_code,
            "complaint_phone": h.complaint_phone,
            "supervision_phone": h.supervision_phone,
            "address": h.address,
            "progress_url": h.progress_url,
        },
        "departments": [
            {"code": d.code, "name": d.name, **({"phone": d.phone} if d.phone else {})}
            for d in data.departments
        ],
        "windows": windows,
        "items": [item_to_dict(i) for i in data.items],
    }


# --------------------------------------------------------------------------- Excel

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


# --------------------------------------------------------------------------- files

_YAML_HEADER = "# 事项目录（counter-catalog/1）。字段说明见 counter_app/services/catalog_io.py。\n"


# libyaml's C loader and dumper when present: ten times faster on a full catalog.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None  # long texts stay readable in review
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def _problem(path: Path, message: str, row: int | None = None) -> CatalogError:
    return CatalogError([CatalogProblem(path.name, row, None, message)])


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    if not raw.strip():
        raise _problem(path, "文件为空")
    if b"\x00" in raw:
        raise _problem(path, "文件不是文本文件（含有二进制内容）")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _problem(path, f"文件不是 UTF-8 编码的文本（第 {exc.start} 字节）") from None


def load_catalog(path: str | os.PathLike[str]) -> CatalogData:
    """Load and check a catalog file (.yaml/.yml, .json, .xlsx); raises CatalogError."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json", ".xlsx"):
        raise _problem(path, f"不支持的文件类型「{suffix}」，应为 .yaml、.json 或 .xlsx")
    if not path.is_file():
        raise _problem(path, "文件不存在")
    try:
        if suffix == ".xlsx":
            ck = _Checker()
            try:
                src = _read_xlsx(path, ck)
            except Exception as exc:  # a zip that is no workbook fails in many ways
                raise _problem(path, f"无法读取 Excel 文件（{type(exc).__name__}）") from None
            try:
                if src is None:
                    raise CatalogError(ck.problems)
                return _build(src, ck)
            except CatalogError as exc:  # list by sheet, then row, as people read the workbook
                order = list(_SHEETS.values())
                exc.problems.sort(key=lambda p: (order.index(p.sheet), p.row or 0))
                raise CatalogError(exc.problems) from None
        text = _read_text(path)
        if suffix == ".json":
            try:
                raw = json.loads(text)
            except json.JSONDecodeError as exc:
                raise _problem(path, f"JSON 格式错误：{exc.msg}（第 {exc.lineno} 行）") from None
        else:
            try:
                raw = yaml.load(text, Loader=_Loader)  # a safe loader, C or Python
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = f"（第 {mark.line + 1} 行）" if mark is not None else ""
                raise _problem(path, f"YAML 格式错误{line}") from None
        return catalog_from_dict(raw)
    except CatalogError:
        raise
    except (OSError, RecursionError, MemoryError, ValueError) as exc:
        raise _problem(path, f"无法读取文件（{type(exc).__name__}）") from None


def save_catalog(data: CatalogData, path: str | os.PathLike[str]) -> None:
    """Check ``data`` and write it by extension; the write replaces the file atomically.

    What is written is the checked, normalised form, so load(save(x)) == x for loaded data.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    writers: dict[str, Callable[[CatalogData, Path], None]] = {
        ".yaml": _write_yaml,
        ".yml": _write_yaml,
        ".json": _write_json,
        ".xlsx": _write_xlsx,
    }
    if suffix not in writers:
        raise _problem(path, f"不支持的文件类型「{suffix}」，应为 .yaml、.json 或 .xlsx")
    checked = catalog_from_dict(catalog_to_dict(data))
    fd, tmp = tempfile.mkstemp(prefix=".catalog-", suffix=suffix, dir=path.parent)
    os.close(fd)
    try:
        writers[suffix](checked, Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _write_yaml(data: CatalogData, path: Path) -> None:
    body = yaml.dump(
        catalog_to_dict(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
    )
    path.write_text(_YAML_HEADER + body, encoding="utf-8")


def _write_json(data: CatalogData, path: Path) -> None:
    text = json.dumps(catalog_to_dict(data), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
