"""The checked catalog as frozen dataclasses, its limits and enum labels, and its errors.

HallSpec, DepartmentSpec, WindowSpec, MaterialSpec and ItemSpec make up CatalogData, the
form every reader produces and every writer takes. CatalogProblem is one fault with its
sheet, row and column; CatalogError carries all of them at once, worded in Chinese for the
people who fix the sheet. Nothing here reads or checks anything.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_ID = "counter-catalog/1"

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
