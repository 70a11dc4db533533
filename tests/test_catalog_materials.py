"""Materials in the catalog (issue 22): separate 原件 and 复印件 counts, 来源渠道 (a material its
issuer shares electronically is waived: not asked for), paper or electronic, and the
acceptance standard. Carried by every format and the database; an older file still loads;
bad values are refused with sheet, row and column; the counter's checklist and the one-time
notice show the counts and the standard (the notice printed and read back with pdftotext)."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from counter_app.models import ItemVersion, ServiceItem
from counter_app.paths import resource
from counter_app.services.catalog.exchange import (
    CatalogData,
    CatalogError,
    MaterialSpec,
    catalog_from_dict,
    catalog_to_dict,
    load_catalog,
    save_catalog,
)
from counter_app.services.catalog.store import export_catalog, version_to_spec
from counter_app.services.intake.service import IntakeService
from counter_app.services.people.staffing import CatalogEditor
from counter_app.services.printing.service import PrintService

from .conftest import Hall
from .helpers import fill_person, receive_all
from .test_notice_law import _authorize, text_of

SHIPPED = resource("catalog", "luoshan.yaml")

# Shared by the first item's materials below: one of each new kind.
FACTS: list[dict[str, Any]] = [
    {"form": "original_and_copy", "originals": 1, "photocopies": 2,
     "standard": "复印件须与原件一致，A4 纸，清晰可辨"},
    {"form": "copy", "photocopies": 1, "source": "issuer", "issuer": "罗山县公安局",
     "shared": True},
    {"form": "original", "originals": 1, "medium": "electronic", "source": "issuer",
     "issuer": "信阳市市场监督管理局"},
]


@pytest.fixture(scope="module")
def shipped() -> CatalogData:
    return load_catalog(SHIPPED)


def _with_facts(raw: dict[str, Any], item: int = 0) -> dict[str, Any]:
    """The first (required) materials of one item given the new facts."""
    mats = [m for m in raw["items"][item]["materials"] if m["requirement"] == "required"]
    assert len(mats) >= len(FACTS)
    for m, facts in zip(mats, FACTS, strict=False):
        m.pop("copies", None)
        m.update(facts)
    return raw


def test_the_facts_survive_yaml_json_and_excel(shipped: CatalogData, tmp_path: Path) -> None:
    data = catalog_from_dict(_with_facts(catalog_to_dict(shipped)))
    mats = [m for m in data.items[0].materials if m.requirement == "required"]
    assert mats[0].counts == (1, 2) and mats[0].standard.startswith("复印件须与原件一致")
    assert mats[0].need == "原件 1 份、复印件 2 份"
    assert mats[1].shared and mats[1].issuer == "罗山县公安局" and mats[1].counts == (0, 1)
    assert mats[2].medium == "electronic" and mats[2].need == "原件 1 份；电子"
    for suffix in (".yaml", ".json", ".xlsx"):
        save_catalog(data, tmp_path / f"c{suffix}")
        assert load_catalog(tmp_path / f"c{suffix}") == data, suffix
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx")["材料"]
    head = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[3]]  # the second material of the first item
    assert row[head.index("来源渠道")] == "政府部门核发"
    assert row[head.index("共享免提交")] == "是"
    assert row[head.index("复印件份数")] == 1


def test_an_older_file_without_the_facts_reads_its_counts_from_the_form(
    shipped: CatalogData, tmp_path: Path
) -> None:
    """The shipped materials give one count for their form, as every older file does."""
    for item in shipped.items:
        for m in item.materials:
            assert m.originals is None and m.source == "applicant" and m.medium == "paper"
    forms = {m.form: m for i in shipped.items for m in i.materials}
    assert forms["copy"].counts == (0, forms["copy"].copies)
    assert forms["original"].counts == (forms["original"].copies, 0)
    assert forms["original_and_copy"].counts == (1, forms["original_and_copy"].copies)
    assert forms["original_for_check"].need == "原件 1 份（核验后退回）"
    raw = catalog_to_dict(shipped)
    raw["format"] = "counter-catalog/1"  # the first format had none of these keys either
    assert all("originals" not in m and "source" not in m
               for i in raw["items"] for m in i["materials"])
    path = tmp_path / "old.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    old = load_catalog(path)
    assert [i.materials for i in old.items] == [i.materials for i in shipped.items]


BAD_YAML = [
    ({"form": "copy", "originals": 1, "photocopies": 1}, "originals", "应为 0"),
    ({"form": "original", "originals": 0}, "originals", "至少为 1"),
    ({"form": "original_and_copy", "originals": 1, "photocopies": 0}, "photocopies", "至少为 1"),
    ({"originals": -1}, "originals", "不能为负数"),
    ({"originals": "两份"}, "originals", "应为整数"),
    ({"source": "neighbour"}, "source", "无效"),
    ({"source": "issuer"}, "issuer", "须填写「核发部门」"),
    ({"issuer": "罗山县公安局"}, "issuer", "不应填写「核发部门」"),
    ({"shared": True}, "shared", "只有政府部门核发"),
    ({"shared": "也许", "source": "issuer", "issuer": "县公安局"}, "shared", "“是”或“否”"),
    ({"medium": "微缩胶片"}, "medium", "无效"),
    ({"standard": 5}, "standard", "应为文本"),
]


@pytest.mark.parametrize(("change", "field", "words"), BAD_YAML)
def test_a_bad_fact_is_refused_naming_item_material_and_field(
    shipped: CatalogData, change: dict[str, Any], field: str, words: str
) -> None:
    raw = catalog_to_dict(shipped)
    raw["items"][2]["materials"][0].update(change)
    with pytest.raises(CatalogError) as info:
        catalog_from_dict(raw)
    (problem,) = info.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("materials", 1, field)
    assert problem.message.startswith(f"事项 {shipped.items[2].code} 的材料：")
    assert words in problem.message


def _set(ws: Any, row: int, header: str, value: object) -> None:
    columns = [c.value for c in ws[1]]
    ws.cell(row=row, column=columns.index(header) + 1).value = value


def test_excel_refuses_bad_facts_with_sheet_row_and_column_and_imports_nothing(
    hall: Hall, shipped: CatalogData, tmp_path: Path
) -> None:
    path = tmp_path / "bad.xlsx"
    good = catalog_from_dict(_with_facts(catalog_to_dict(shipped), item=1))
    save_catalog(good, path)
    wb = openpyxl.load_workbook(path)
    mats = wb["材料"]
    _set(mats, 4, "形式", "复印件")
    _set(mats, 4, "原件份数", 2)  # a copy with originals
    _set(mats, 5, "来源渠道", "政府部门核发")  # and no issuing body
    _set(mats, 5, "核发部门", None)
    _set(mats, 6, "载体", "胶片")
    _set(mats, 7, "共享免提交", "是")  # the applicant's own material cannot be shared
    _set(mats, 7, "来源渠道", "申请人自备")
    _set(mats, 7, "核发部门", None)
    wb.save(path)
    before = _stored(hall)
    with pytest.raises(CatalogError) as info:
        CatalogEditor(hall.ctx).import_file(hall.supervisor, path)
    found = {(p.sheet, p.row, p.column) for p in info.value.problems}
    assert {("材料", 4, "原件份数"), ("材料", 5, "核发部门"), ("材料", 6, "载体"),
            ("材料", 7, "共享免提交")} <= found, found
    assert "「材料」表第 6 行「载体」列：「载体」的值 '胶片' 无效" in str(info.value)
    assert _stored(hall) == before  # nothing half-imported: not even the good items


def _stored(hall: Hall) -> list[tuple[str, int]]:
    with hall.ctx.db.session() as s:
        rows = s.execute(select(ItemVersion.code, ItemVersion.version)).all()
    return sorted((code, version) for code, version in rows)


def _edit_first_materials(hall: Hall, code: str) -> list[MaterialSpec]:
    """A supervisor gives the item's first required materials the facts, in the editor's
    service; returns the edited materials."""
    editor = CatalogEditor(hall.ctx)
    spec = editor.catalog().item(code)
    assert spec is not None
    mats = list(spec.materials)
    required = [n for n, m in enumerate(mats) if m.requirement == "required"]
    for n, facts in zip(required, FACTS, strict=False):
        mats[n] = dataclasses.replace(mats[n], copies=1, **facts)
    version, what = editor.save_item(hall.supervisor, dataclasses.replace(spec,
                                                                          materials=tuple(mats)))
    assert what == "changed" and version == 2
    return [mats[n] for n in required[:len(FACTS)]]


def test_the_database_keeps_the_facts_and_a_shared_material_is_not_asked_for(
    hall: Hall,
) -> None:
    code = hall.committed.code
    edited = _edit_first_materials(hall, code)
    with hall.ctx.db.session() as s:
        item = s.execute(select(ServiceItem).where(ServiceItem.code == code)).scalar_one()
        spec = version_to_spec(s.get(ItemVersion, item.current_version_id))
        assert export_catalog(s).item(code) == spec
    assert [m for m in spec.materials if m.requirement == "required"][:3] == edited
    svc = IntakeService(hall.ctx)
    intake = svc.new_intake(code, "person")
    by_name = {m.name: m for m in intake.materials}
    copied, shared, electronic = (by_name[m.name] for m in edited)
    assert copied.need == "原件 1 份、复印件 2 份" and copied.standard.startswith("复印件须与原件")
    assert copied.state == "missing"
    assert shared.state == "not_applicable" and shared.condition == "免提交：由罗山县公安局共享提供"
    assert electronic.need == "原件 1 份；电子"
    # the waived material needs nothing from the applicant: the case is complete without it
    case = svc.record(hall.clerk, receive_all(fill_person(intake)), "accept")
    with hall.ctx.db.session() as s:
        from counter_app.models import CaseFile

        row = s.execute(select(CaseFile).where(CaseFile.case_no == case.case_no)).scalar_one()
        states = {m.name: m.state for m in row.materials}
    assert states[shared.name] == "not_applicable" and states[copied.name] == "received"


def test_the_one_time_notice_lists_what_is_missing_with_counts_and_standard(
    hall: Hall, tmp_path: Path
) -> None:
    code = hall.committed.code
    _authorize(hall, hall.committed.window_code)
    edited = _edit_first_materials(hall, code)
    svc = IntakeService(hall.ctx)
    intake = receive_all(fill_person(svc.new_intake(code, "person")))
    missing = next(m for m in intake.materials if m.name == edited[0].name)
    missing.state, missing.form, missing.copies, missing.pages = "missing", "", 0, 0
    case = svc.record(hall.clerk, intake, "notify")
    pdf = PrintService(hall.ctx).produce(hall.clerk, "one_time_notice", case.case_no).pdf
    text = text_of(pdf, tmp_path)
    (tmp_path / "notice.pdf").write_bytes(pdf)  # the table's cell wraps: read it in reading order
    cell = re.sub(r"\s+", "", subprocess.run(
        ["pdftotext", "-raw", str(tmp_path / "notice.pdf"), "-"], check=True,
        capture_output=True, text=True).stdout)
    assert edited[0].name.replace(" ", "") in text
    assert "原件1份、复印件2份；受理标准：复印件须与原件一致，A4纸，清晰可辨" in cell
    assert edited[1].name not in text  # waived: shared by its issuer, never asked for


def test_a_database_from_before_reads_its_materials_as_before(tmp_path: Path) -> None:
    """A material row written before migration 0012: counts from its form, the applicant's
    own, on paper, no standard; the checklist still asks for it with its counts."""
    from sqlalchemy import text

    from counter_app.models.database import Database
    from counter_app.models.migrate import current_revision, head_revision, upgrade
    from counter_app.services.intake.service import build_checklist

    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(db, "0008")
    stamp = "'2026-01-01', '2026-01-01', '01'"
    with db.engine.begin() as c:
        c.execute(text(f"INSERT INTO service_item (id, code, current_version_id, active, "
                       f"created_at, updated_at, origin_terminal) VALUES "
                       f"('i1', 'X-1', 'v1', 1, {stamp})"))
        c.execute(text(
            "INSERT INTO item_version (id, item_id, version, code, name, window_code, "
            "department_code, kind, statutory_days, promised_days, front_desk_can_finish, "
            "conditions, review_points, legal_basis, delivery, fee, agent_allowed, keywords, "
            f"created_at, updated_at, origin_terminal) VALUES ('v1', 'i1', 1, 'X-1', '旧事项', "
            "'W', 'D', 'committed', 20, 10, 0, '', '', '', 'window', '不收费', 0, '', "
            f"{stamp})"))
        for n, (name, form, copies) in enumerate(
                [("申请书", "original", 1), ("身份证", "original_and_copy", 2),
                 ("营业执照", "copy", 3)], 1):
            c.execute(text(
                "INSERT INTO material_requirement (id, version_id, seq, name, form, copies, "
                "requirement, condition, condition_key, note, template, created_at, "
                f"updated_at, origin_terminal) VALUES ('m{n}', 'v1', {n}, '{name}', '{form}', "
                f"{copies}, 'required', '', '', '', '', {stamp})"))
    upgrade(db)
    assert current_revision(db) == head_revision()
    with db.session() as s:
        ver = s.get(ItemVersion, "v1")
        spec = version_to_spec(ver)
        assert [m.counts for m in spec.materials] == [(1, 0), (1, 2), (0, 3)]
        assert {(m.source, m.shared, m.medium, m.standard) for m in spec.materials} == {
            ("applicant", False, "paper", None)}
        entries = build_checklist(ver, "person", False)
    assert [e.need for e in entries] == ["原件 1 份", "原件 1 份、复印件 2 份", "复印件 3 份"]
    assert all(e.state == "missing" and not e.waived for e in entries)
    db.dispose()
