"""Reading the YAML/JSON shape: a parsed mapping to records, then to a checked catalog.

catalog_from_dict refuses what is not a catalog at all, reports unknown keys and entries
that are no mapping, and hands the records to build._build.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .build import _build, _ItemRecs, _Source
from .checker import _Checker, _Rec, _show
from .labels import _LABELS
from .spec import FORMAT_ID, OLD_FORMATS, CatalogData, CatalogError

_TOP_KEYS = ("format", "hall", "departments", "windows", "items")
_ALLOWED = {
    "hall": set(_LABELS["hall"]) - {"format"},
    "departments": set(_LABELS["departments"]),
    "windows": set(_LABELS["windows"]),
    "items": set(_LABELS["items"]),
    "materials": set(_LABELS["materials"]) - {"item", "seq"},
    "fee": set(_LABELS["fee"]) | {"tiers"},
    "fees": set(_LABELS["fees"]) - {"item", "seq"},
    "procedures": set(_LABELS["procedures"]) - {"item", "seq"},
}
_CHILD_SHEETS = {"materials": "materials", "tiers": "fees", "special_procedures": "procedures"}


def _records(
    ck: _Checker, top: Mapping[Any, Any], section: str, context: str = "", sheet: str = ""
) -> Iterator[_Rec]:
    """The mappings in a YAML/JSON list, reporting anything that is not one."""
    value = top.get(section)
    kind = _CHILD_SHEETS.get(section, section) if context else section
    holder = _Rec(section, {}, "catalog" if not context else kind, None, context=context)
    if value is None:
        ck.add(holder, section, f"缺少「{section}」列表")
        return
    if not isinstance(value, list):
        ck.add(holder, section, f"「{section}」应为列表，实为 {_show(value)}")
        return
    sheet = sheet or kind
    for n, entry in enumerate(value, 1):
        if not isinstance(entry, dict):
            bad = _Rec(kind, {}, sheet, n, context=context)
            ck.add(bad, None, f"应为映射（键: 值），实为 {_show(entry)}")
            continue
        rec = _Rec(kind, entry, sheet, n, context=context)
        _unknown_keys(ck, rec, kind)
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
    if raw.get("format") not in (FORMAT_ID, *OLD_FORMATS) and not any(k in raw for k in _TOP_KEYS):
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
    legacy = raw.get("format") in OLD_FORMATS
    items: list[_ItemRecs] = []
    for rec in _records(ck, raw, "items"):
        items.append(_item_recs(ck, rec, legacy))
    src = _Source(
        format_rec=_Rec("hall", {"format": raw.get("format")}, "catalog", None),
        hall=hall,
        departments=list(_records(ck, raw, "departments")),
        windows=list(_records(ck, raw, "windows")),
        items=items,
    )
    return _build(src, ck)


def _item_recs(ck: _Checker, rec: _Rec, legacy: bool) -> _ItemRecs:
    label = rec.get("code") if isinstance(rec.get("code"), str) else f"第 {rec.row} 项"
    mats: list[_Rec] | None = None
    if isinstance(rec.get("materials"), list):
        mats = list(_records(ck, rec.data, "materials", context=f"事项 {label} 的材料："))
    out = _ItemRecs(rec, mats)
    procs = rec.get("special_procedures")
    if procs is not None:
        out.procedures = list(_records(ck, rec.data, "special_procedures",
                                       context=f"事项 {label} 的特别程序："))
    fee = rec.get("fee")
    if legacy and not isinstance(fee, dict):
        return out  # the old free text, read by build._build_fee
    if isinstance(fee, str) and fee.strip() in ("不收费", "免费"):
        fee = {"free": True}  # shorthand
    if fee is None:
        return out
    if not isinstance(fee, dict):
        ck.add(rec, "fee", f"「收费」应为映射（free/basis/payer/tiers），实为 {_show(fee)}")
        out.fee = _Rec("fee", {"free": True}, rec.sheet, rec.row, context=rec.context)
        return out
    out.fee = _Rec("fee", fee, "items", rec.row, context=f"事项 {label} 的收费：")
    _unknown_keys(ck, out.fee, "fee")
    out.tiers = []
    if fee.get("tiers") is not None:
        out.tiers = list(_records(ck, fee, "tiers", context=f"事项 {label} 的收费标准："))
    return out
