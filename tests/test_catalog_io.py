"""The catalog file formats: the shipped catalog, exact round trips, and problem reports."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.paths import resource
from counter_app.services.catalog.exchange import (
    FORMAT_ID,
    ITEM_TYPE_LABELS,
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
    catalog_from_dict,
    catalog_to_dict,
    item_digest,
    load_catalog,
    save_catalog,
)

SHIPPED = resource("catalog", "luoshan.yaml")
SERVICE_WINDOWS = {"SCZR", "BDC", "JSGC", "YBSB", "GJJ", "SDQ", "QKSL", "SW", "GA", "MZ", "SF"}
BIG_WINDOWS = {"SCZR", "BDC", "JSGC", "YBSB", "GJJ", "QKSL"}
PLAN_STAFF = {"SCZR": 4, "BDC": 7, "JSGC": 2, "YBSB": 9, "GJJ": 6, "SDQ": 1, "QKSL": 6,
              "YDBB": 18, "GL": 2}


@pytest.fixture(scope="module")
def shipped() -> CatalogData:
    return load_catalog(SHIPPED)


def where(err: CatalogError) -> set[tuple[str, int | None, str | None]]:
    return {(p.sheet, p.row, p.column) for p in err.problems}


def problems_of(raw: Any) -> CatalogError:
    with pytest.raises(CatalogError) as info:
        catalog_from_dict(raw)
    return info.value


# ---------------------------------------------------------------------- the shipped catalog


def test_shipped_catalog_covers_every_window(shipped: CatalogData) -> None:
    assert shipped.format == FORMAT_ID
    assert shipped.hall.region_code == "411521"
    assert shipped.hall.progress_url.isascii()
    assert len(shipped.items) >= 66
    per_window = Counter(i.window for i in shipped.items)
    assert set(per_window) == SERVICE_WINDOWS
    assert all(per_window[w] >= 8 for w in BIG_WINDOWS), per_window
    assert all(per_window[w] >= 3 for w in SERVICE_WINDOWS), per_window


def test_shipped_staffing_follows_the_plan(shipped: CatalogData) -> None:
    staff = {w.code: w.planned_staff for w in shipped.windows if w.staffed_by == "outsourced"}
    assert staff == PLAN_STAFF
    assert sum(staff.values()) == 55
    by_department = {w.code for w in shipped.windows if w.staffed_by == "department"}
    assert by_department == {"SW", "GA", "MZ", "SF"}
    assert shipped.window("YBSB").co_departments == ("YBJ",)  # 人社局 + 医保局


def test_shipped_items_are_complete_guides(shipped: CatalogData) -> None:
    for item in shipped.items:
        assert 3 <= len(item.materials) <= 10, item.code
        assert item.conditions and item.legal_basis and item.review_points, item.code
        assert item.promised_days <= item.statutory_days
        agent = [m for m in item.materials if m.condition_key == "agent"]
        # any applicant may send an agent, except where the law wants the person (结婚, 身份证)
        assert bool(agent) == item.agent_allowed, item.code
        if item.front_desk_can_finish:
            assert item.kind == "immediate"
    in_person = {i.name for i in shipped.items if not i.agent_allowed}
    assert in_person == {"内地居民结婚登记", "居民身份证换领"}
    names = {i.name for i in shipped.items}
    for expected in ("有限责任公司设立登记", "个体工商户设立登记", "食品经营许可（新办）",
                     "不动产抵押权首次登记", "建筑工程施工许可证核发", "医保异地就医备案",
                     "城乡居民基本养老保险参保登记", "住房公积金提取（购买自住住房）",
                     "低压居民用电新装", "内地居民结婚登记", "居民身份证换领"):
        assert expected in names


# ---------------------------------------------------------------------- round trips


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json", ".xlsx"])
def test_round_trip_is_exact(shipped: CatalogData, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"catalog{suffix}"
    save_catalog(shipped, path)
    assert load_catalog(path) == shipped


def test_excel_to_yaml_to_excel(shipped: CatalogData, tmp_path: Path) -> None:
    save_catalog(shipped, tmp_path / "a.xlsx")
    first = load_catalog(tmp_path / "a.xlsx")
    save_catalog(first, tmp_path / "b.yaml")
    second = load_catalog(tmp_path / "b.yaml")
    save_catalog(second, tmp_path / "c.xlsx")
    assert load_catalog(tmp_path / "c.xlsx") == first == second == shipped


def test_excel_speaks_chinese_and_yaml_ascii(shipped: CatalogData, tmp_path: Path) -> None:
    save_catalog(shipped, tmp_path / "c.xlsx")
    save_catalog(shipped, tmp_path / "c.json")
    wb = openpyxl.load_workbook(tmp_path / "c.xlsx")
    assert wb.sheetnames == ["说明", "部门", "窗口", "事项", "材料", "收费标准", "特别程序"]
    header = [c.value for c in wb["材料"][1]]
    assert header == ["事项编码", "序号", "材料名称", "形式", "原件份数", "复印件份数", "份数", "页数",
                      "要求", "条件", "条件键", "来源渠道", "核发部门", "共享免提交", "载体",
                      "受理标准", "说明", "样表"]
    forms = {row[3] for row in wb["材料"].iter_rows(min_row=2, values_only=True)}
    assert forms <= {"原件", "复印件", "原件及复印件", "原件核验"}
    head = [c.value for c in wb["事项"][1]]
    rows = list(wb["事项"].iter_rows(min_row=2, values_only=True))
    assert {row[head.index("类型")] for row in rows} == {"即办件", "承诺件"}
    assert {row[head.index("法定时限单位")] for row in rows} == {"工作日", "日"}
    assert {row[head.index("事项类型")] for row in rows} >= {"行政许可", "行政确认", "公共服务"}
    raw = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert {i["kind"] for i in raw["items"]} == {"immediate", "committed"}


def test_formula_like_text_stays_text(shipped: CatalogData, tmp_path: Path) -> None:
    item = shipped.items[0]
    odd = dataclasses.replace(item.materials[0], note="=SUM(A1:A3)", template="0376")
    changed = dataclasses.replace(item, materials=(odd, *item.materials[1:]))
    data = dataclasses.replace(shipped, items=(changed, *shipped.items[1:]))
    save_catalog(data, tmp_path / "odd.xlsx")
    assert load_catalog(tmp_path / "odd.xlsx") == data


def test_save_refuses_invalid_data_and_keeps_the_old_file(
    shipped: CatalogData, tmp_path: Path
) -> None:
    path = tmp_path / "catalog.yaml"
    save_catalog(shipped, path)
    before = path.read_bytes()
    bad = dataclasses.replace(shipped.items[0], promised_days=99)
    with pytest.raises(CatalogError):
        save_catalog(dataclasses.replace(shipped, items=(bad,)), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["catalog.yaml"]  # no temporary left over


def test_digest_follows_the_checklist(shipped: CatalogData) -> None:
    item = shipped.items[0]
    assert item_digest(item) == item_digest(copy.deepcopy(item))
    fewer = dataclasses.replace(item, materials=item.materials[1:])
    assert item_digest(fewer) != item_digest(item)


# ---------------------------------------------------------------------- problems


def _set(ws: Any, row: int, header: str, value: object) -> None:
    columns = [c.value for c in ws[1]]
    ws.cell(row=row, column=columns.index(header) + 1).value = value


def test_excel_reports_every_problem_with_sheet_row_column(
    shipped: CatalogData, tmp_path: Path
) -> None:
    path = tmp_path / "bad.xlsx"
    save_catalog(shipped, path)
    wb = openpyxl.load_workbook(path)
    items = wb["事项"]
    committed_row = next(
        n for n, i in enumerate(shipped.items, 2) if i.kind == "committed" and n >= 9
    )
    _set(items, 5, "类型", "急办件")
    _set(items, committed_row, "法定时限", 3)
    _set(items, committed_row, "承诺时限", 5)
    _set(items, 12, "窗口编码", "NOWHERE")
    _set(items, 13, "前台可办结", "也许")
    _set(items, 14, "部门编码", "无此部门")
    materials = wb["材料"]
    _set(materials, 7, "形式", "扫描件")
    _set(materials, 8, "份数", -2)
    _set(materials, 10, "要求", "条件必需")
    _set(materials, 10, "条件", None)
    _set(materials, 11, "条件键", "maybe")
    _set(wb["窗口"], 3, "牵头部门", "XXJ")
    wb.save(path)

    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    found = where(info.value)
    expected = {
        ("事项", 5, "类型"),
        ("事项", committed_row, "承诺时限"),
        ("事项", 12, "窗口编码"),
        ("事项", 13, "前台可办结"),
        ("事项", 14, "部门编码"),
        ("材料", 7, "形式"),
        ("材料", 8, "份数"),
        ("材料", 10, "条件"),
        ("材料", 11, "条件键"),
        ("窗口", 3, "牵头部门"),
    }
    assert expected <= found, expected - found
    text = str(info.value)
    assert f"「事项」表第 {committed_row} 行「承诺时限」列：承诺时限（5）不能大于法定时限（3）" in text
    assert "「事项」表第 5 行「类型」列：「类型」的值 '急办件' 无效" in text
    # listed as people read the workbook: sheet by sheet, row by row
    order = ["说明", "部门", "窗口", "事项", "材料", "收费标准", "特别程序"]
    keys = [(order.index(p.sheet), p.row or 0) for p in info.value.problems]
    assert keys == sorted(keys)


def test_excel_structure_problems(shipped: CatalogData, tmp_path: Path) -> None:
    path = tmp_path / "structure.xlsx"
    save_catalog(shipped, path)
    wb = openpyxl.load_workbook(path)
    del wb["部门"]
    wb["事项"].cell(row=1, column=2).value = "名称"  # renamed: 事项名称 is missing
    wb.save(path)
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    assert ("部门", None, None) in where(info.value)
    assert ("事项", 1, "事项名称") in where(info.value)


def test_excel_materials_need_a_known_item_and_items_need_materials(
    shipped: CatalogData, tmp_path: Path
) -> None:
    path = tmp_path / "orphans.xlsx"
    save_catalog(shipped, path)
    wb = openpyxl.load_workbook(path)
    first_code = shipped.items[0].code
    for row in wb["材料"].iter_rows(min_row=2):
        if row[0].value == first_code:
            row[0].value = "NO-SUCH-ITEM"
    wb.save(path)
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    assert ("事项", 2, None) in where(info.value)  # the first item lost all its materials
    assert ("材料", 2, "事项编码") in where(info.value)


def _valid_dict() -> dict[str, Any]:
    return catalog_to_dict(load_catalog(SHIPPED))


def test_yaml_problems_name_section_index_and_field() -> None:
    raw = _valid_dict()
    raw["items"][1]["kind"] = "fast"
    raw["items"][2]["code"] = raw["items"][0]["code"]
    raw["items"][3]["department"] = "NOPE"
    raw["items"][4]["statutory_days"] = -1
    raw["items"][5]["code"] = "市场-1"
    raw["items"][6]["materials"] = []
    raw["items"][7]["materials"][0]["form"] = "scan"
    raw["items"][7]["materials"][1]["name"] = raw["items"][7]["materials"][0]["name"]
    raw["items"][8]["materials"] = [m for m in raw["items"][8]["materials"]
                                    if m.get("condition_key") != "agent"]
    raw["items"][9]["materials"][0].update(requirement="conditional")
    raw["items"][10]["promised_days"] = "five"
    raw["items"][11]["promised_days"] = 2
    raw["items"][11]["statutory_days"] = 1
    raw["items"][12]["colour"] = "red"
    raw["windows"][0]["planned_staff"] = True
    raw["departments"].append({"code": "SCJGJ", "name": "重复的部门"})
    err = problems_of(raw)
    found = where(err)
    assert {
        ("items", 2, "kind"),
        ("items", 3, "code"),
        ("items", 4, "department"),
        ("items", 5, "statutory_days"),
        ("items", 6, "code"),
        ("items", 7, None),
        ("materials", 1, "form"),
        ("materials", 2, "name"),
        ("items", 9, None),
        ("materials", 1, "condition"),
        ("items", 11, "promised_days"),
        ("items", 12, "promised_days"),
        ("items", 13, None),
        ("windows", 1, "planned_staff"),
        ("departments", len(raw["departments"]), "code"),
    } <= found
    text = str(err)
    assert "「items」第 12 项「promised_days」：承诺时限（2）不能大于法定时限（1）" in text
    assert f"事项 {raw['items'][7]['code']} 的材料" in text  # a material names its item


def test_immediate_items_promise_nothing_and_only_they_finish_at_the_desk() -> None:
    raw = _valid_dict()
    immediate = next(i for i in raw["items"] if i["kind"] == "immediate")
    immediate["promised_days"] = 2
    committed = next(i for i in raw["items"] if i["kind"] == "committed")
    committed["front_desk_can_finish"] = True
    messages = " ".join(p.message for p in problems_of(raw).problems)
    assert "即办件的「承诺时限」应为 0" in messages
    assert "只有即办件可以设为「前台可办结」" in messages


def test_in_person_items_must_not_list_an_agent_letter() -> None:
    raw = _valid_dict()
    raw["items"][0]["agent_allowed"] = False
    assert ("items", 1, "agent_allowed") in where(problems_of(raw))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("garbage.xlsx", bytes(range(256)) * 4),
        ("garbage.yaml", b"\x00\x01\x02\xff\xfe" * 50),
        ("gbk.yaml", "格式: 事项目录".encode("gbk")),
        ("other.yaml", b"name: some other file\nversion: 3\n"),
        ("garbage.json", b"\x89PNG\r\n\x1a\n" + bytes(100)),
        ("empty.yaml", b""),
        ("empty.json", b"   \n"),
        ("empty.xlsx", b""),
        ("broken.yaml", b"items: [unclosed\n  - {a: b\n"),
        ("broken.json", b'{"format": "counter-catalog/1",'),
        ("list.yaml", b"- 1\n- 2\n"),
        ("scalar.json", b"42"),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000),
        ("zip.xlsx", b"PK\x05\x06" + bytes(18)),  # an empty zip: no workbook inside
        ("catalog.txt", b"format: counter-catalog/1"),
    ],
)
def test_malformed_files_give_one_clear_problem(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    assert len(info.value.problems) == 1
    assert isinstance(info.value.problems[0], CatalogProblem)
    assert str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="文件不存在"):
        load_catalog(tmp_path / "nothing.yaml")


def test_wrong_types_inside_a_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "types.yaml"
    path.write_text(
        "format: counter-catalog/1\nhall: [1, 2]\ndepartments: {a: 1}\nwindows: 7\nitems:\n  - 3\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    assert len(info.value.problems) >= 4


# ---------------------------------------------------------------------- never a raw exception

_LEAF = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
_JSONISH = st.recursive(
    _LEAF,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_JSONISH)
def test_random_input_only_ever_raises_catalog_error(value: Any) -> None:
    try:
        catalog_from_dict(value)
    except CatalogError as exc:
        assert exc.problems
        assert str(exc)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            out += _paths(value, (*prefix, n))
    return out


_VALID = _valid_dict()
_VALID["items"] = _VALID["items"][::8]  # a dozen items from every window keep examples quick
_VALID_PATHS = _paths(_VALID)
_VALID_JSON = json.dumps(_VALID, ensure_ascii=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_VALID_PATHS), _JSONISH), min_size=1, max_size=3))
def test_damaged_catalog_only_ever_raises_catalog_error(
    damage: list[tuple[tuple[Any, ...], Any]],
) -> None:
    raw = json.loads(_VALID_JSON)
    for path, value in damage:
        node = raw
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed the path
    try:
        data = catalog_from_dict(raw)
    except CatalogError as exc:
        assert exc.problems and str(exc)
    else:
        assert catalog_from_dict(catalog_to_dict(data)) == data


# ---------------------------------------------------------------------- random valid catalogs

_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1,
    max_size=12,
).map(str.strip).filter(bool)
_CODE = st.text("ABCXYZ0129-_", min_size=1, max_size=8)


def _material_facts(draw: st.DrawFn, m: MaterialSpec) -> MaterialSpec:
    """Sometimes the issue-22 facts: counts that agree with the form, 来源渠道, medium, standard."""
    if not draw(st.booleans()):
        return m  # as an older file gives it
    count = draw(st.integers(1, 9))
    originals, photocopies = (None, count) if m.form == "copy" else (count, None)
    issued = draw(st.booleans())
    return dataclasses.replace(
        m, originals=originals, photocopies=photocopies,
        source="issuer" if issued else "applicant", issuer=draw(_TEXT) if issued else None,
        shared=issued and m.requirement != "optional" and draw(st.booleans()),
        medium=draw(st.sampled_from(["paper", "electronic", "either"])),
        standard=draw(st.none() | _TEXT))


@st.composite
def catalogs(draw: st.DrawFn) -> CatalogData:
    hall = HallSpec(draw(_TEXT), "411521", draw(_TEXT), draw(_TEXT), draw(_TEXT), "https://x.cn")
    dept = DepartmentSpec(draw(_CODE), draw(_TEXT), draw(st.none() | _TEXT))
    window = WindowSpec("W1", draw(_TEXT), dept.code, draw(st.integers(0, 50)))
    items = []
    for n in range(draw(st.integers(1, 3))):
        names = draw(st.lists(_TEXT, min_size=1, max_size=3, unique=True))
        materials = [
            _material_facts(draw, MaterialSpec(
                name, draw(st.sampled_from(["original", "copy", "original_for_check"])),
                draw(st.integers(1, 9)), "optional", draw(st.none() | st.integers(1, 99)),
                note=draw(st.none() | _TEXT), template=draw(st.none() | _TEXT)))
            for name in names if name != "委托书"
        ] + [MaterialSpec("委托书", "original", 1, "conditional", condition="代办的",
                          condition_key="agent")]
        statutory = draw(st.integers(1, 60))
        unit = draw(st.sampled_from(["workday", "day"]))
        tiers = tuple(
            FeeTier(name, Decimal(draw(st.integers(0, 99999))) / 100, draw(_TEXT),
                    condition=draw(_TEXT), extra_certificate=draw(st.none() | st.just(Decimal(10))),
                    waiver=draw(st.booleans()), basis=draw(_TEXT))
            for name in draw(st.lists(_TEXT, max_size=3, unique=True))
        )
        fee = FeeSpec(free=not tiers, basis=draw(_TEXT) if tiers else draw(st.none() | _TEXT),
                      payer=draw(st.none() | _TEXT), tiers=tiers)
        procs = tuple(SpecialProcedure(draw(_TEXT), draw(st.integers(1, 60)), unit,
                                       draw(st.booleans()), draw(st.none() | _TEXT))
                      for _ in range(draw(st.integers(0, 2))))
        items.append(ItemSpec(
            code=f"I-{n}", name=draw(_TEXT), window="W1", department=dept.code,
            kind="committed", statutory_days=statutory,
            promised_days=draw(st.integers(1, statutory)),
            conditions=draw(_TEXT) + "\n" + draw(_TEXT), review_points=(draw(_TEXT),),
            legal_basis=draw(_TEXT), delivery=("window",), materials=tuple(materials),
            fee=fee, keywords=tuple(draw(st.lists(_TEXT, max_size=2, unique=True))),
            item_type=draw(st.sampled_from(sorted(ITEM_TYPE_LABELS))), statutory_unit=unit,
            promised_unit=unit, special_procedures=procs, sources=(draw(_TEXT),),
            limit_note=draw(st.none() | _TEXT), place=draw(st.none() | _TEXT),
        ))
    return CatalogData(hall, (dept,), (window,), tuple(items))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(), st.sampled_from([".yaml", ".json", ".xlsx"]))
def test_random_catalogs_round_trip(tmp_path_factory: pytest.TempPathFactory,
                                   data: CatalogData, suffix: str) -> None:
    data = catalog_from_dict(catalog_to_dict(data))  # the normalised form is what is written
    path = tmp_path_factory.mktemp("rt") / f"c{suffix}"
    save_catalog(data, path)
    assert load_catalog(path) == data


# ---------------------------------------------------------------------- what the law says (issue 22)


def test_every_shipped_item_has_a_type_units_and_sources_or_an_honest_pending(
    shipped: CatalogData,
) -> None:
    for item in shipped.items:
        assert item.item_type in ITEM_TYPE_LABELS and item.item_type != "unknown", item.code
        assert item.statutory_unit in ("workday", "day", "onsite"), item.code
        assert (item.check_state == "checked" and item.sources) or (
            item.check_state == "pending" and item.unconfirmed), item.code
    # statutes that count 日, not 工作日
    for code in ("GJJ-0003", "GJJ-0007", "YBSB-0007", "GA-0001"):
        assert shipped.item(code).statutory_unit == "day", code
    bdc9 = shipped.item("BDC-0009").fee
    assert [(t.name, t.amount) for t in bdc9.tiers] == [("证书工本费", 10)]
    marriage = shipped.item("MZ-0001")
    assert marriage.fee.free and "户口簿" not in " ".join(m.name for m in marriage.materials)
    assert "804" in marriage.legal_basis
    utilities = {shipped.item(c).department for c in ("SDQ-0001", "SDQ-0004", "SDQ-0006")}
    assert {shipped.department(d).nature for d in utilities} == {"enterprise"}
    assert shipped.department("GZC").nature == "notary"
    assert not shipped.department("GZC").reconsideration_body


def test_an_old_format_file_still_loads_and_flags_every_item(tmp_path: Path) -> None:
    raw = _valid_dict()
    raw["format"] = "counter-catalog/1"
    for item in raw["items"]:
        for key in ("item_type", "statutory_unit", "promised_unit", "limit_note", "sources",
                    "check_state", "unconfirmed", "acceptance_basis"):
            item.pop(key, None)
        item["fee"] = "不收费" if item["fee"]["free"] else "住宅 80 元/件"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    old = load_catalog(path)
    assert old.migrated_from == "counter-catalog/1"
    assert all(i.statutory_unit == "workday" and i.check_state == "pending" and i.unconfirmed
               for i in old.items)
    assert {i.item_type for i in old.items} == {"unknown"}
    charged = next(i for i in old.items if not i.fee.free)
    assert charged.fee.note == "住宅 80 元/件" and not charged.fee.tiers
    save_catalog(old, tmp_path / "new.yaml")  # saved in the current format, still 待核对
    again = load_catalog(tmp_path / "new.yaml")
    assert again.format == FORMAT_ID and again.migrated_from is None
    assert {i.check_state for i in again.items} == {"pending"}


def test_bad_law_values_are_refused_with_sheet_row_and_column(
    shipped: CatalogData, tmp_path: Path
) -> None:
    path = tmp_path / "bad.xlsx"
    save_catalog(shipped, path)
    wb = openpyxl.load_workbook(path)
    _set(wb["事项"], 3, "事项类型", "行政许可证")
    _set(wb["事项"], 4, "法定时限单位", "周")
    fees = wb["收费标准"]
    _set(fees, 2, "金额", -80)
    _set(fees, 3, "适用条件", None)  # 非住宅 with no rule selecting it
    wb.save(path)
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    found = where(info.value)
    assert {("事项", 3, "事项类型"), ("事项", 4, "法定时限单位"), ("收费标准", 2, "金额"),
            ("收费标准", 3, "适用条件")} <= found, found
    assert "不能为负数" in str(info.value)


def test_a_checked_item_needs_its_signer_and_sources() -> None:
    raw = _valid_dict()
    raw["items"][0]["check_state"] = "checked"
    raw["items"][0].pop("sources", None)
    found = where(problems_of(raw))
    assert ("items", 1, "check_state") in found and ("items", 1, "sources") in found
