"""Records to specs: the catalog's rules, applied the same way to YAML, JSON and Excel input.

_Source is a catalog read into records but not yet checked; _build checks every record
through a _Checker, cross-checks codes and references (departments, counter windows, the
agent material, time limits) and returns CatalogData, or raises CatalogError with every
problem found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .checker import _Checker, _raw_code, _Rec, _show, _unique
from .spec import (
    CONDITION_KEYS,
    FORMAT_ID,
    MAX_COPIES,
    MAX_PAGES,
    MAX_STAFF,
    CatalogData,
    CatalogError,
    DepartmentSpec,
    HallSpec,
    ItemSpec,
    MaterialSpec,
    WindowSpec,
)


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
