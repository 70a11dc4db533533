"""The checked catalog as frozen dataclasses, its limits and enum labels, and its errors.

HallSpec, DepartmentSpec, WindowSpec, MaterialSpec and ItemSpec make up CatalogData, the
form every reader produces and every writer takes. CatalogProblem is one fault with its
sheet, row and column; CatalogError carries all of them at once, worded in Chinese for the
people who fix the sheet. Nothing here reads or checks anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

FORMAT_ID = "counter-catalog/2"
OLD_FORMATS = ("counter-catalog/1",)  # still loaded: limits read as 工作日, items left 待核对

# 事项类型 (GB/T 39046-2020 Table 4 code list; 公共服务 for services that are no power).
ITEM_TYPE_LABELS = {
    "licensing": "行政许可",
    "confirmation": "行政确认",
    "payment": "行政给付",
    "levy": "行政征收",
    "ruling": "行政裁决",
    "reward": "行政奖励",
    "other_power": "其他行政权力",
    "public_service": "公共服务",
    "unknown": "未定（待核对）",
}
# 实施主体性质. The last two are no administrative organ at all: their applicants have no
# 行政复议 or 行政诉讼 against them, only the channels the department's entry names.
BODY_NATURE_LABELS = {
    "organ": "法定机关",
    "authorized": "授权组织",
    "entrusted": "受委托组织",
    "enterprise": "公用企业（非行政机关）",
    "notary": "公证机构（非行政机关）",
}
NON_ORGANS = ("enterprise", "notary")
# 时限单位: 工作日 skip rest days and holidays; 日 are calendar days whose last day, if a rest
# day or holiday, moves to the next working day (民法典第二百零三条); 当场 is 0.
LIMIT_UNIT_LABELS = {"workday": "工作日", "day": "日", "onsite": "当场"}
CHECK_STATE_LABELS = {"pending": "待核对", "checked": "已核对"}

# 来源渠道 of a material: what the applicant brings, or what a government body issued. An issued
# material the hall can fetch by 数据共享 (``shared``) is waived: it is not asked for.
SOURCE_LABELS = {"applicant": "申请人自备", "issuer": "政府部门核发"}
MEDIUM_LABELS = {"paper": "纸质", "electronic": "电子", "either": "纸质或电子"}

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


@dataclass(frozen=True)
class HallSpec:
    name: str
    region_code: str
    complaint_phone: str
    supervision_phone: str
    address: str
    progress_url: str
    doc_prefix: str = ""  # 文书编号 prefix, e.g. 罗政服 (罗政服受〔2026〕第0700042号)
    seal_text: str = "受理专用章"  # the hall's own seal
    # Whether the departments authorized the hall's seal to stand for theirs on notices.
    # False: every notice carries the deciding department's seal.
    seal_authorized: bool = False


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name: str
    phone: str | None = None
    nature: str = "organ"  # BODY_NATURE_LABELS
    credit_code: str | None = None  # 统一社会信用代码
    seal_text: str | None = None  # e.g. 行政审批专用章; None: 公章
    reconsideration_body: str | None = None  # 行政复议机关 (organs only)
    court: str | None = None  # 行政诉讼的人民法院 (organs only)
    complaint_channel: str | None = None  # non-organs: where an applicant complains instead

    @property
    def is_organ(self) -> bool:
        return self.nature not in NON_ORGANS


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
    originals: int | None = None  # 原件份数; None: read from form and copies (an older file)
    photocopies: int | None = None  # 复印件份数; likewise
    source: str = "applicant"  # SOURCE_LABELS
    issuer: str | None = None  # 核发部门, for source == "issuer"
    shared: bool = False  # the issuer shares it electronically: waived, not asked for
    medium: str = "paper"  # MEDIUM_LABELS
    standard: str | None = None  # 受理标准: what makes the material acceptable

    @property
    def counts(self) -> tuple[int, int]:
        """(原件, 复印件). An older file gave one count for its form."""
        return material_counts(self.form, self.copies, self.originals, self.photocopies)

    @property
    def need(self) -> str:
        """What the applicant brings, in words: 原件 1 份（核验后退回）、复印件 2 份；电子."""
        return material_need(self.form, *self.counts, self.medium)


def material_counts(form: str, copies: int, originals: int | None,
                    photocopies: int | None) -> tuple[int, int]:
    """(原件, 复印件) as given, or read from an older entry's one count for its form."""
    if originals is not None or photocopies is not None:
        return originals or 0, photocopies or 0
    return {
        "original": (copies, 0),
        "copy": (0, copies),
        "original_and_copy": (1, copies),
        "original_for_check": (1, 0),
    }.get(form, (0, copies))


def material_need(form: str, originals: int, photocopies: int, medium: str = "paper") -> str:
    parts = []
    if originals:
        parts.append(f"原件 {originals} 份" + ("（核验后退回）" if form == "original_for_check" else ""))
    if photocopies:
        parts.append(f"复印件 {photocopies} 份")
    text = "、".join(parts) or "—"
    if medium != "paper":
        text += f"；{MEDIUM_LABELS.get(medium, medium)}"
    return text


def requirement_words(form: str, copies: int, originals: int | None, photocopies: int | None,
                      medium: str | None) -> str:
    """What a stored checklist row asks for, in words (the row's one old count read as
    ``material_counts`` does): the intake's checklist and a case's material list say it alike."""
    return material_need(form, *material_counts(form, copies, originals, photocopies),
                         medium or "paper")


@dataclass(frozen=True)
class FeeTier:
    """One row of an item's fee schedule."""

    name: str  # 住宅 / 非住宅 / 工本费 / 小微企业（免收）
    amount: Decimal  # yuan, >= 0
    unit: str = "元/件"
    condition: str | None = None  # when it applies; required when there are several tiers
    extra_certificate: Decimal | None = None  # 每增加一本证书加收
    waiver: bool = False  # a reduction or exemption, printed with its basis
    basis: str | None = None  # this row's own basis (a waiver's)


@dataclass(frozen=True)
class FeeSpec:
    free: bool = True
    basis: str | None = None  # 收费依据 (or the rule that forbids a fee)
    payer: str | None = None  # 缴费人
    tiers: tuple[FeeTier, ...] = ()
    note: str | None = None

    @property
    def summary(self) -> str:
        if self.free:
            return "不收费"
        parts = []
        for t in self.tiers:
            if t.amount == 0:
                parts.append(t.name if "免" in t.name else f"{t.name} 免收")
            else:
                parts.append(f"{t.name} {_yuan(t.amount)} {t.unit}")
        return "；".join(parts) or "收费"


def _yuan(value: Decimal) -> str:
    return f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"


@dataclass(frozen=True)
class SpecialProcedure:
    """特别程序 (行政许可法第四十五条): time that is not counted in the limit, unless ``counted``."""

    kind: str  # 公告 / 检验检测 / 鉴定 / 专家评审 / 听证 / 现场勘查 ...
    days: int | None = None
    unit: str = "workday"  # LIMIT_UNIT_LABELS
    counted: bool = False
    note: str | None = None


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
    fee: FeeSpec = FeeSpec()
    keywords: tuple[str, ...] = ()  # extra search words (营业执照, 开公司 ...)
    item_type: str = "unknown"  # ITEM_TYPE_LABELS; unknown: read from an old format
    statutory_unit: str = "workday"  # LIMIT_UNIT_LABELS
    promised_unit: str = "workday"
    limit_note: str | None = None  # how the limit is counted, as the source words it
    special_procedures: tuple[SpecialProcedure, ...] = ()
    acceptance_basis: str | None = None  # the article the notices cite; None: by item_type
    basic_code: str | None = None  # 基本编码 (national), when known
    impl_code: str | None = None  # 实施编码, when known; ``code`` is only the hall's own
    place: str | None = None  # 办理地点 / collection place; None: the window in the hall
    sources: tuple[str, ...] = ()  # statute and article; guide title and address
    check_state: str = "pending"  # CHECK_STATE_LABELS
    checked_by: str | None = None  # name of the lead department's approver who signed off
    checked_on: date | None = None
    unconfirmed: str | None = None  # what could not be confirmed

    @property
    def is_licensing(self) -> bool:
        return self.item_type == "licensing"


@dataclass(frozen=True)
class CatalogData:
    hall: HallSpec
    departments: tuple[DepartmentSpec, ...]
    windows: tuple[WindowSpec, ...]
    items: tuple[ItemSpec, ...]
    format: str = FORMAT_ID
    migrated_from: str | None = None  # an old format this was read from (items left 待核对)

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
