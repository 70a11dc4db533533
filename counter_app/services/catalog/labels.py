"""The Chinese names of every field, enum value and sheet, shared by the checker and Excel.

_LABELS names each field per section (the Excel column titles and the words in problem
messages), _ENUMS maps each enum field to its labels, and _SHEETS names the workbook's
sheets in reading order.
"""

from __future__ import annotations

# The enum labels live with the models, which store the same ASCII values.
from ...models.catalog import FORM_LABELS, KIND_LABELS, REQUIREMENT_LABELS
from .spec import DELIVERY_LABELS, STAFFED_BY_LABELS, WINDOW_KIND_LABELS

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
