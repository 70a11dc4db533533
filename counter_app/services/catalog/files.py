"""Catalog files: load_catalog and save_catalog, by extension (.yaml/.yml, .json, .xlsx).

Loading turns unreadable, empty, binary or malformed files into one CatalogError that names
the file; saving checks the data again and replaces the file atomically, so
load(save(x)) == x. The YAML dumper and loader (libyaml's when present) live here too.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from .build import _build
from .checker import _Checker
from .from_dict import catalog_from_dict
from .labels import _SHEETS
from .spec import CatalogData, CatalogError, CatalogProblem
from .to_dict import catalog_to_dict
from .xlsx import _read_xlsx, _write_xlsx

_YAML_HEADER = "# 事项目录（counter-catalog/1）。字段说明见 counter_app/services/catalog/exchange.py。\n"


# libyaml's C loader and dumper when present: ten times faster on a full catalog.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]  # base chosen at run time (C dumper if built)
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
