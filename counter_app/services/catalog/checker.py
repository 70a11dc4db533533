"""The record checker: one value at a time, every problem collected with where it was found.

_Rec is one YAML mapping or sheet row with its origin; _Checker reads text, codes, integers,
yes/no, enums and lists from it, normalising what it accepts and recording a CatalogProblem
for what it does not, so loading never stops at the first mistake. _raw_code and _unique
find repeated codes.
"""

from __future__ import annotations

import math
import re
import reprlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .labels import _ENUMS, _LABELS
from .spec import MAX_DAYS, MAX_TEXT, CatalogProblem

_CODE_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
# XML 1.0 and Excel refuse these; \t and \n are fine.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


_TRUE = {"是", "true", "yes", "y", "1", "√"}
_FALSE = {"否", "false", "no", "n", "0", "×"}


def yes_no(word: str) -> bool | None:
    """是/否 as a sheet or the catalog editor's table has it (None: neither)."""
    w = word.strip().lower()
    return True if w in _TRUE else False if w in _FALSE else None


def _show(value: Any) -> str:
    try:
        return reprlib.repr(value)
    except Exception:  # huge ints and odd objects must not break error reporting
        return f"<{type(value).__name__}>"


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

    def money(self, rec: _Rec, name: str, *, required: bool = True) -> Decimal | None:
        """A non-negative amount of yuan with at most two decimals (80, 10.5, "550")."""
        value = rec.get(name)
        label = self.label(rec, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(rec, name, f"缺少必填项「{label}」")
            return None
        number: Decimal | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int) and abs(value) < 10**9:
            number = Decimal(value)
        elif isinstance(value, float) and math.isfinite(value) and abs(value) < 10**9:
            number = Decimal(str(value))
        elif isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,9}(\.\d{1,2})?\s*", value):
            try:
                number = Decimal(value.strip())
            except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
                number = None
        if number is None or number != number.quantize(Decimal("0.01")):
            self.add(rec, name, f"「{label}」应为金额（元，最多两位小数），实为 {_show(value)}")
            return None
        if number < 0:
            self.add(rec, name, f"「{label}」不能为负数（实为 {number}）")
            return None
        number = number.quantize(Decimal("0.01")).normalize()
        return number if int(number.as_tuple().exponent) <= 0 else number.quantize(Decimal(1))

    def day(self, rec: _Rec, name: str) -> date | None:
        """An optional date written 2026-12-06 (or an Excel date cell)."""
        value = rec.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.add(rec, name, f"「{self.label(rec, name)}」应为日期（如 2026-12-06），实为 {_show(value)}")
        return None

    def boolean(self, rec: _Rec, name: str, default: bool) -> bool | None:
        value = rec.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and (said := yes_no(value)) is not None:
            return said
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
