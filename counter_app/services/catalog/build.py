"""Records to specs: the catalog's rules, applied the same way to YAML, JSON and Excel input.

_Source is a catalog read into records but not yet checked; _build checks every record
through a _Checker, cross-checks codes and references (departments, counter windows, the
agent material, time limits) and returns CatalogData, or raises CatalogError with every
problem found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...models.catalog import FORM_LABELS
from .checker import _Checker, _raw_code, _Rec, _show, _unique
from .spec import (
    CONDITION_KEYS,
    FORMAT_ID,
    MAX_COPIES,
    MAX_DAYS,
    MAX_PAGES,
    MAX_STAFF,
    OLD_FORMATS,
    CatalogData,
    CatalogError,
    DepartmentSpec,
    FeeSpec,
    FeeTier,
    HallSpec,
    ItemSpec,
    MaterialSpec,
    SpecialProcedure,
    WindowSpec,
)

LEGACY_NOTE = "旧格式目录导入：时限按工作日读入、事项类型和收费未经结构化，均待核对"


@dataclass
class _ItemRecs:
    """One item's record and its child records (materials, fee rows, special procedures)."""

    rec: _Rec
    materials: list[_Rec] | None  # None: YAML/JSON had no list there
    fee: _Rec | None = None  # section "fee": free, basis, payer, note
    tiers: list[_Rec] | None = None  # section "fees"
    procedures: list[_Rec] | None = None  # section "procedures"


@dataclass
class _Source:
    """A catalog read into records, before checking."""

    format_rec: _Rec
    hall: _Rec | None
    departments: list[_Rec]
    windows: list[_Rec]
    items: list[_ItemRecs]


def _build(src: _Source, ck: _Checker) -> CatalogData:
    fmt = src.format_rec.get("format")
    legacy = fmt in OLD_FORMATS
    if fmt != FORMAT_ID and not legacy:
        name = "format"
        if fmt is None:
            ck.add(src.format_rec, name, f"缺少格式标识「格式」（应为 {FORMAT_ID}）")
        else:
            ck.add(src.format_rec, name, f"格式标识 {_show(fmt)} 无法识别，应为 {FORMAT_ID}")

    hall = _build_hall(src.hall, ck) if src.hall is not None else None

    departments: list[DepartmentSpec] = []
    codes: list[str | None] = []
    for rec in src.departments:
        dep = _build_department(rec, ck)
        codes.append(_raw_code(rec))
        if dep is not None:
            departments.append(dep)
    _unique(ck, src.departments, codes, "部门编码")
    # References go by the codes as written, so one faulty record does not cascade into
    # "unknown department/window" on every record that names it.
    dept_codes = {c for c in map(_raw_code, src.departments) if c}

    windows = [_build_window(rec, dept_codes, ck) for rec in src.windows]
    _unique(ck, src.windows, [_raw_code(r) for r in src.windows], "窗口编码")
    counter_windows, other_windows = set[str | None](), set[str | None]()
    for rec in src.windows:
        kind = rec.get("kind")
        word = kind.strip() if isinstance(kind, str) else kind
        counter = word in (None, "", "counter", "综合窗口")
        (counter_windows if counter else other_windows).add(_raw_code(rec))

    items: list[ItemSpec | None] = []
    for recs in src.items:
        items.append(
            _build_item(recs, dept_codes, counter_windows, other_windows, ck, legacy=legacy)
        )
    item_recs = [r.rec for r in src.items]
    _unique(ck, item_recs, [_raw_code(r) for r in item_recs], "事项编码")

    if ck.problems or hall is None:
        raise CatalogError(ck.problems)
    return CatalogData(
        hall=hall,
        departments=tuple(departments),
        windows=tuple(w for w in windows if w),
        items=tuple(i for i in items if i),
        migrated_from=fmt if legacy else None,
    )


def _build_department(rec: _Rec, ck: _Checker) -> DepartmentSpec | None:
    before = len(ck.problems)
    code, name = ck.code(rec, "code"), ck.text(rec, "name")
    phone = ck.text(rec, "phone", required=False)
    nature = ck.enum(rec, "nature", default="organ")
    credit = ck.text(rec, "credit_code", required=False)
    if credit is not None and not re.fullmatch(r"[0-9A-HJ-NP-RTUWXY]{18}", credit):
        ck.add(rec, "credit_code", f"「统一社会信用代码」应为 18 位代码，实为「{credit}」")
    extra = {
        n: ck.text(rec, n, required=False, multiline=n == "complaint_channel")
        for n in ("seal_text", "reconsideration_body", "court", "complaint_channel")
    }
    organ = nature not in ("enterprise", "notary")
    if not organ and (extra["reconsideration_body"] or extra["court"]):
        column = "reconsideration_body" if extra["reconsideration_body"] else "court"
        ck.add(rec, column, "非行政机关（公用企业、公证机构）的申请人不能申请行政复议或提起行政诉讼，"
               "不应填写复议机关或法院；请填写「投诉渠道」")
    if not organ and not extra["complaint_channel"]:
        ck.add(rec, "complaint_channel", "非行政机关须填写「投诉渠道」（告知申请人向何处投诉、申请复查）")
    if len(ck.problems) > before or code is None or name is None:
        return None
    return DepartmentSpec(code, name, phone, nature, credit, **extra)  # type: ignore[arg-type]  # checked above: none is None


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
    prefix = ck.text(rec, "doc_prefix", required=False) or ""
    if len(prefix) > 12:
        ck.add(rec, "doc_prefix", f"「文书编号前缀」过长（{len(prefix)} 字，最多 12 字）")
    seal = ck.text(rec, "seal_text", required=False) or "受理专用章"
    authorized = ck.boolean(rec, "seal_authorized", False)
    if url is None or authorized is None or any(v is None for v in values.values()):
        return None
    return HallSpec(progress_url=url, doc_prefix=prefix, seal_text=seal,
                    seal_authorized=authorized, **values)  # type: ignore[arg-type]  # none is None: checked above


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
    return WindowSpec(code, name, lead, staff, staffed_by, kind, co)  # type: ignore[arg-type]  # checked above: none is None


def _build_item(
    recs: _ItemRecs,
    dept_codes: set[str],
    counter_windows: set[str | None],
    other_windows: set[str | None],
    ck: _Checker,
    *,
    legacy: bool = False,
) -> ItemSpec | None:
    rec, material_recs = recs.rec, recs.materials
    before = len(ck.problems)
    code, name = ck.code(rec, "code"), ck.text(rec, "name")
    window, department = ck.code(rec, "window"), ck.code(rec, "department")
    if window and window not in counter_windows:
        why = "不是受理事项的综合窗口" if window in other_windows else "在「窗口」中不存在"
        ck.add(rec, "window", f"窗口编码「{window}」{why}")
    if department and department not in dept_codes:
        ck.add(rec, "department", f"部门编码「{department}」在「部门」中不存在")
    kind = ck.enum(rec, "kind")
    item_type = ck.enum(rec, "item_type", default="unknown" if legacy else None)
    statutory = ck.integer(rec, "statutory_days")
    promised = ck.integer(rec, "promised_days")
    s_unit = ck.enum(rec, "statutory_unit", default="workday" if legacy else None)
    p_unit = ck.enum(rec, "promised_unit", default="workday" if legacy else None)
    front = ck.boolean(rec, "front_desk_can_finish", False)
    agent_allowed = ck.boolean(rec, "agent_allowed", True)
    conditions = ck.text(rec, "conditions", multiline=True)
    review = ck.strings(rec, "review_points", required=True)
    basis = ck.text(rec, "legal_basis", multiline=True)
    delivery = ck.strings(rec, "delivery", required=True, enum=True)
    keywords = ck.strings(rec, "keywords", required=False)
    texts = {
        n: ck.text(rec, n, required=False, multiline=n in ("limit_note", "unconfirmed", "place"))
        for n in ("limit_note", "acceptance_basis", "place", "checked_by", "unconfirmed")
    }
    codes = {n: ck.code(rec, n, required=False) for n in ("basic_code", "impl_code")}
    sources = ck.strings(rec, "sources", required=False)
    check_state = ck.enum(rec, "check_state", default="pending")
    checked_on = ck.day(rec, "checked_on")
    fee = _build_fee(recs, ck, legacy)
    procedures = tuple(_build_procedure(p, ck) for p in recs.procedures or ())

    for unit_name, days in (("statutory_unit", statutory), ("promised_unit", promised)):
        unit = s_unit if unit_name == "statutory_unit" else p_unit
        if unit == "onsite" and days not in (None, 0):
            ck.add(rec, unit_name, f"时限单位为「当场」时时限应为 0（实为 {days}）")
    if kind == "immediate" and promised not in (None, 0):
        ck.add(rec, "promised_days", f"即办件的「承诺时限」应为 0（实为 {promised}）")
    if kind == "committed" and promised == 0:
        ck.add(rec, "promised_days", "承诺件的「承诺时限」至少为 1 日")
    if kind == "committed" and statutory == 0:
        ck.add(rec, "statutory_days", "承诺件的「法定时限」至少为 1 日")
    if (statutory is not None and promised is not None and s_unit and p_unit
            and _span(promised, p_unit) > _span(statutory, s_unit)):
        ck.add(rec, "promised_days", f"承诺时限（{promised}）不能大于法定时限（{statutory}）")
    if front and kind == "committed":
        ck.add(rec, "front_desk_can_finish", "只有即办件可以设为「前台可办结」")
    if check_state == "checked" and not (texts["checked_by"] and checked_on):
        ck.add(rec, "check_state", "「已核对」的事项须写明「核对人」和「核对日期」")
    if check_state == "checked" and item_type == "unknown":
        ck.add(rec, "item_type", "「已核对」的事项须定明「事项类型」")
    if check_state == "checked" and fee is not None and not fee.free and not fee.tiers:
        ck.add(rec, "fee", "「已核对」的收费事项须列出收费标准，不能只有文字说明")
    if check_state == "checked" and not sources:
        ck.add(rec, "sources", "「已核对」的事项须列出「信息来源」（法规条款、办事指南及网址）")

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

    if len(ck.problems) > before or fee is None or None in procedures:
        return None
    unconfirmed = texts["unconfirmed"]
    if legacy:
        check_state = "pending"
        unconfirmed = LEGACY_NOTE + (f"；{unconfirmed}" if unconfirmed else "")
    values = dict(  # every value was checked above: none is None here
        code=code, name=name, window=window, department=department, kind=kind,
        statutory_days=statutory, promised_days=promised, conditions=conditions,
        review_points=review, legal_basis=basis, delivery=delivery, materials=tuple(materials),
        front_desk_can_finish=front, agent_allowed=agent_allowed, fee=fee, keywords=keywords,
        item_type=item_type, statutory_unit=s_unit, promised_unit=p_unit,
        limit_note=texts["limit_note"], special_procedures=procedures,
        acceptance_basis=texts["acceptance_basis"], basic_code=codes["basic_code"],
        impl_code=codes["impl_code"], place=texts["place"], sources=sources,
        check_state=check_state, checked_by=texts["checked_by"] if check_state == "checked" else None,
        checked_on=checked_on if check_state == "checked" else None, unconfirmed=unconfirmed,
    )
    return ItemSpec(**values)  # type: ignore[arg-type]  # each value checked above


def _span(days: int, unit: str) -> float:
    """Roughly in calendar days, to compare a promise with the law in another unit."""
    return days * 7 / 5 if unit == "workday" else float(days)


def _build_fee(recs: _ItemRecs, ck: _Checker, legacy: bool) -> FeeSpec | None:
    """The fee schedule; a legacy free-text fee is kept as a note and left to be checked."""
    rec = recs.rec
    if legacy and recs.fee is None:
        text = rec.get("fee")
        if text is None or (isinstance(text, str) and not text.strip()):
            return FeeSpec()
        if not isinstance(text, str):
            ck.add(rec, "fee", f"「收费」应为文本，实为 {_show(text)}")
            return None
        text = text.strip()
        if text.startswith("不收费") or text == "免费":
            rest = text.removeprefix("不收费").strip("（）() ")
            return FeeSpec(free=True, note=rest or None)
        return FeeSpec(free=False, note=text)
    fee = recs.fee
    if fee is None:
        ck.add(rec, "fee", "缺少「收费」（不收费的写 free: true，收费的列出收费标准）")
        return None
    before = len(ck.problems)
    free = ck.boolean(fee, "free", True)
    basis = ck.text(fee, "basis", required=False, multiline=True)
    payer = ck.text(fee, "payer", required=False)
    note = ck.text(fee, "note", required=False, multiline=True)
    tiers = [_build_tier(t, ck) for t in recs.tiers or ()]
    if free and recs.tiers:
        ck.add(fee, "free", "不收费的事项不应列出收费标准")
    if free is False and not recs.tiers and not note:
        ck.add(fee, "free", "收费的事项须列出至少一条收费标准（收费项目、金额、计费单位）")
    if free is False and recs.tiers and not basis:
        ck.add(fee, "basis", "收费的事项须写明「收费依据」（文件名称和文号）")
    if len([t for t in recs.tiers or () if t.get("waiver") not in (True, "是")]) > 1:
        for t_rec, tier in zip(recs.tiers or (), tiers, strict=True):
            if tier is not None and tier.condition is None:
                ck.add(t_rec, "condition", f"收费项目「{tier.name}」没有「适用条件」：有多个档次时，"
                       "每个档次都须写明何时适用，受理员才能选择")
    names: dict[str, _Rec] = {}
    for t_rec, tier in zip(recs.tiers or (), tiers, strict=True):
        if tier is None:
            continue
        if tier.name in names:
            ck.add(t_rec, "name", f"收费项目「{tier.name}」重复（{names[tier.name].where()}）")
        names.setdefault(tier.name, t_rec)
        if tier.waiver and not (tier.basis or basis):
            ck.add(t_rec, "basis", f"减免「{tier.name}」须写明依据")
    if len(ck.problems) > before or free is None or None in tiers:
        return None
    return FeeSpec(free=free, basis=basis, payer=payer, tiers=tuple(tiers),  # type: ignore[arg-type]  # checked above: none is None
                   note=note)


def _build_tier(rec: _Rec, ck: _Checker) -> FeeTier | None:
    before = len(ck.problems)
    name = ck.text(rec, "name")
    amount = ck.money(rec, "amount")
    unit = ck.text(rec, "unit", required=False) or "元/件"
    condition = ck.text(rec, "condition", required=False, multiline=True)
    extra = ck.money(rec, "extra_certificate", required=False)
    waiver = ck.boolean(rec, "waiver", False)
    basis = ck.text(rec, "basis", required=False, multiline=True)
    if len(ck.problems) > before or name is None or amount is None or waiver is None:
        return None
    return FeeTier(name, amount, unit, condition, extra, waiver, basis)


def _build_procedure(rec: _Rec, ck: _Checker) -> SpecialProcedure | None:
    before = len(ck.problems)
    kind = ck.text(rec, "kind")
    days = ck.integer(rec, "days", required=False, maximum=MAX_DAYS)
    unit = ck.enum(rec, "unit", default="workday")
    counted = ck.boolean(rec, "counted", False)
    note = ck.text(rec, "note", required=False, multiline=True)
    if days is None and note is None and len(ck.problems) == before:
        ck.add(rec, "days", f"特别程序「{kind or ''}」须写明「时长」或在「说明」中写明如何确定")
    if len(ck.problems) > before or kind is None or unit is None or counted is None:
        return None
    return SpecialProcedure(kind, days, unit, counted, note)


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
    originals = ck.integer(rec, "originals", required=False, maximum=MAX_COPIES)
    photocopies = ck.integer(rec, "photocopies", required=False, maximum=MAX_COPIES)
    source = ck.enum(rec, "source", default="applicant")
    issuer = ck.text(rec, "issuer", required=False)
    shared = ck.boolean(rec, "shared", False)
    medium = ck.enum(rec, "medium", default="paper")
    standard = ck.text(rec, "standard", required=False, multiline=True)
    _check_counts(rec, ck, form, originals, photocopies)
    if source == "issuer" and issuer is None:
        ck.add(rec, "issuer", "「来源渠道」为政府部门核发时须填写「核发部门」")
    if source == "applicant" and issuer is not None:
        ck.add(rec, "issuer", "申请人自备的材料不应填写「核发部门」；"
               "由政府部门核发的请把「来源渠道」设为政府部门核发")
    if shared and source != "issuer":
        ck.add(rec, "shared", "只有政府部门核发的材料才能设为「共享免提交」")
    if shared and requirement == "optional":
        ck.add(rec, "shared", "可选材料无须设为「共享免提交」")
    if len(ck.problems) > before:
        return None
    return MaterialSpec(
        name, form, copies, requirement, pages,  # type: ignore[arg-type]  # checked above: none is None
        condition, key, note, template, originals, photocopies, source,  # type: ignore[arg-type]  # checked above
        issuer, shared, medium, standard,  # type: ignore[arg-type]  # checked above
    )


# The counts each form asks for: (原件, 复印件), each "need" (>= 1) or "none" (0).
_FORM_COUNTS = {
    "original": ("need", "none"),
    "copy": ("none", "need"),
    "original_and_copy": ("need", "need"),
    "original_for_check": ("need", "none"),
}


def _check_counts(rec: _Rec, ck: _Checker, form: str | None, originals: int | None,
                  photocopies: int | None) -> None:
    """原件 and 复印件 counts must agree with the form (an older file gives neither)."""
    if form not in _FORM_COUNTS or (originals is None and photocopies is None):
        return
    label = FORM_LABELS[form]
    for name, count, rule in zip(("originals", "photocopies"), (originals or 0, photocopies or 0),
                                 _FORM_COUNTS[form], strict=True):
        what = "原件份数" if name == "originals" else "复印件份数"
        if rule == "need" and count < 1:
            ck.add(rec, name, f"形式为「{label}」的材料「{what}」至少为 1")
        if rule == "none" and count > 0:
            ck.add(rec, name, f"形式为「{label}」的材料「{what}」应为 0（实为 {count}）")
