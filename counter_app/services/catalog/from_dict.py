"""Reading the YAML/JSON shape: a parsed mapping to records, then to a checked catalog.

catalog_from_dict refuses what is not a catalog at all, reports unknown keys and entries
that are no mapping, and hands the records to build._build.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .build import _build, _Source
from .checker import _Checker, _Rec, _show
from .labels import _LABELS
from .spec import FORMAT_ID, CatalogData, CatalogError

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
