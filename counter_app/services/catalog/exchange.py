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

This module is the public face: the code lives in the ``catalog`` package (spec: the dataclasses
and errors; labels: Chinese names; checker: per-value checks; build: the rules above; from_dict
and to_dict: the YAML/JSON shape; xlsx: the workbook; files: load_catalog and save_catalog).
"""

from __future__ import annotations

from ...models.catalog import FORM_LABELS, KIND_LABELS, REQUIREMENT_LABELS
from .files import load_catalog, save_catalog
from .from_dict import catalog_from_dict
from .spec import (
    BODY_NATURE_LABELS,
    CHECK_STATE_LABELS,
    CONDITION_KEYS,
    DELIVERY_LABELS,
    FORMAT_ID,
    ITEM_TYPE_LABELS,
    LIMIT_UNIT_LABELS,
    MAX_COPIES,
    MAX_DAYS,
    MAX_PAGES,
    MAX_STAFF,
    MAX_TEXT,
    MEDIUM_LABELS,
    NON_ORGANS,
    OLD_FORMATS,
    SOURCE_LABELS,
    STAFFED_BY_LABELS,
    WINDOW_KIND_LABELS,
    CatalogData,
    CatalogError,
    CatalogProblem,
    DepartmentSpec,
    FeeSpec,
    FeeTier,
    HallSpec,
    ItemSpec,
    MaterialSpec,
    SpecialProcedure,
    WindowSpec,
)
from .to_dict import catalog_to_dict, fee_to_dict, item_digest, item_to_dict

__all__ = [
    "BODY_NATURE_LABELS",
    "CHECK_STATE_LABELS",
    "CONDITION_KEYS",
    "DELIVERY_LABELS",
    "FORMAT_ID",
    "FORM_LABELS",
    "ITEM_TYPE_LABELS",
    "KIND_LABELS",
    "LIMIT_UNIT_LABELS",
    "MAX_COPIES",
    "MAX_DAYS",
    "MAX_PAGES",
    "MAX_STAFF",
    "MAX_TEXT",
    "MEDIUM_LABELS",
    "NON_ORGANS",
    "OLD_FORMATS",
    "REQUIREMENT_LABELS",
    "SOURCE_LABELS",
    "STAFFED_BY_LABELS",
    "WINDOW_KIND_LABELS",
    "CatalogData",
    "CatalogError",
    "CatalogProblem",
    "DepartmentSpec",
    "FeeSpec",
    "FeeTier",
    "HallSpec",
    "ItemSpec",
    "MaterialSpec",
    "SpecialProcedure",
    "WindowSpec",
    "catalog_from_dict",
    "catalog_to_dict",
    "fee_to_dict",
    "item_digest",
    "item_to_dict",
    "load_catalog",
    "save_catalog",
]
