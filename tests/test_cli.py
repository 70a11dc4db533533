"""counter-admin from a fresh data folder: init, catalog round trip, demo data, ledger import."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook

from counter_app.cli.main import main
from counter_app.services.catalog.exchange import load_catalog


def admin(folder: Path, *args: str) -> int:
    return main(["--data-dir", str(folder), *args])


def count(folder: Path, sql: str) -> int:
    con = sqlite3.connect(folder / "counter.sqlite3")
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


@pytest.fixture()
def initialised(tmp_path: Path) -> Path:
    folder = tmp_path / "pc"
    assert admin(folder, "init", "--terminal", "7") == 0
    return folder


def test_init_is_idempotent_and_loads_the_catalog(initialised: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    items = count(initialised, "SELECT COUNT(*) FROM service_item")
    assert items >= 60
    assert admin(initialised, "init") == 0
    assert "未变" in capsys.readouterr().out
    assert count(initialised, "SELECT COUNT(*) FROM item_version") == items  # no new versions


@pytest.mark.parametrize("ext", ["xlsx", "json", "yaml"])
def test_export_then_import_gives_the_same_catalog(initialised: Path, tmp_path: Path,
                                                    ext: str) -> None:
    out = tmp_path / f"catalog.{ext}"
    assert admin(initialised, "export-catalog", str(out)) == 0
    exported = load_catalog(out)
    fresh = tmp_path / "other"
    assert admin(fresh, "init", "--terminal", "8", "--catalog", str(out)) == 0
    again = tmp_path / f"again.{ext}"
    assert admin(fresh, "export-catalog", str(again)) == 0
    assert load_catalog(again) == exported
    versions = count(initialised, "SELECT COUNT(*) FROM item_version")
    assert admin(initialised, "import-catalog", str(out)) == 0
    assert count(initialised, "SELECT COUNT(*) FROM item_version") == versions


def test_bad_catalog_is_refused_whole(initialised: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "c.xlsx"
    admin(initialised, "export-catalog", str(good))
    from openpyxl import load_workbook

    wb = load_workbook(good)
    ws = wb["事项"]
    header = [c.value for c in ws[1]]
    ws.cell(row=3, column=header.index("事项名称") + 1, value="新名称（应不会导入）")
    ws.cell(row=5, column=header.index("类型") + 1, value="快办件")
    ws.cell(row=9, column=header.index("承诺时限") + 1, value=999)
    wb.save(good)
    before = count(initialised, "SELECT COUNT(*) FROM item_version")
    assert admin(initialised, "import-catalog", str(good)) == 2
    err = capsys.readouterr().err
    assert "第 5 行" in err and "第 9 行" in err and "类型" in err and "承诺时限" in err
    assert count(initialised, "SELECT COUNT(*) FROM item_version") == before
    assert count(initialised, "SELECT COUNT(*) FROM item_version WHERE name LIKE '新名称%'") == 0


def test_demo_data_of_two_terminals_never_share_a_number(tmp_path: Path) -> None:
    numbers = []
    for term in ("3", "4"):
        folder = tmp_path / f"t{term}"
        assert admin(folder, "init", "--terminal", term) == 0
        assert admin(folder, "demo-data", "--cases", "300", "--days", "5") == 0
        con = sqlite3.connect(folder / "counter.sqlite3")
        numbers.append({r[0] for r in con.execute("SELECT case_no FROM case_file")})
        statuses = {r[0] for r in con.execute("SELECT DISTINCT status FROM case_file")}
        con.close()
        assert len(numbers[-1]) == 300
        assert "awaiting_supplement" in statuses  # accepted cases go on, as real ones do
        assert statuses & {"accepted", "in_handoff", "with_approver", "approved", "issued"}
        assert admin(folder, "verify-audit") == 0
    assert not numbers[0] & numbers[1]


def _ledger_rows(item_code: str) -> list[list[str]]:
    header = ["台账编号", "事项编码", "申请人", "证件号码", "联系电话", "收件日期", "受理日期", "状态",
              "受理人"]
    return [
        header,
        ["TZ-001", item_code, "张伟", "11010519491231002X", "13812345678", "2026-11-02",
         "2026-11-02", "已受理", "clerk1"],
        ["TZ-002", item_code, "李娜", "110105194912310021", "13812345678", "2026-11-02", "",
         "已受理", "clerk1"],  # bad ID checksum
        ["TZ-003", "NOPE-9", "王芳", "440524188001010014", "13812345678", "2026/11/03", "",
         "待补正", "clerk1"],  # unknown item
        ["TZ-004", item_code, "赵强", "440524188001010014", "0376-2345678", "2026年11月4日",
         "2026-11-05", "已办结", "clerk1"],
        ["TZ-005", item_code, "刘洋", "11010519491231002X", "13812345678", "2026-13-01", "",
         "暂停", "nobody"],  # bad date, bad status, unknown clerk
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_cases_reports_bad_rows_and_imports_good_rows_once(initialised: Path,
                                                                  tmp_path: Path, fmt: str,
                                                                  capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COUNTER_TEST_PW", "counter123")
    assert admin(initialised, "add-user", "clerk1", "--name", "陈静", "--roles", "clerk",
                 "--password-env", "COUNTER_TEST_PW") == 0
    item = load_catalog(Path(__file__).resolve().parent.parent / "resources" / "catalog"
                        / "luoshan.yaml").items[0].code
    rows = _ledger_rows(item)
    path = tmp_path / f"ledger.{fmt}"
    if fmt == "csv":
        with path.open("w", encoding="gb18030", newline="") as f:  # as Excel saves it in China
            csv.writer(f).writerows(rows)
    else:
        wb = Workbook()
        for r in rows:
            wb.active.append(r)
        wb.save(path)
    assert admin(initialised, "import-cases", str(path)) == 1
    out = capsys.readouterr().out
    assert "导入 2 件" in out
    assert "第 3 行「证件号码」" in out and "第 4 行「事项编码」" in out
    assert "第 6 行「收件日期」" in out and "第 6 行「状态」" in out and "第 6 行「受理人」" in out
    assert admin(initialised, "import-cases", str(path)) == 1
    assert "导入 0 件；已导入过（跳过）2 件" in capsys.readouterr().out
    assert count(initialised, "SELECT COUNT(*) FROM case_file") == 2
    assert admin(initialised, "verify-audit") == 0


def test_unreadable_ledger_gets_a_message(initialised: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"\x00\x01garbage")
    assert admin(initialised, "import-cases", str(bad)) == 2
    assert "无法读取" in capsys.readouterr().err


def test_holiday_overrides_and_unknown_years(initialised: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert admin(initialised, "holiday", "list", "--year", "2027") == 0
    assert "尚未完整录入" in capsys.readouterr().out
    assert admin(initialised, "holiday", "set", "2027-01-01", "--holiday", "--note", "元旦") == 0
    assert admin(initialised, "holiday", "set", "2027-13-01", "--holiday") == 2
    assert "无法识别" in capsys.readouterr().err
    assert admin(initialised, "holiday", "complete", "2027") == 0
    capsys.readouterr()
    assert admin(initialised, "holiday", "list", "--year", "2027") == 0
    out = capsys.readouterr().out
    assert "2027-01-01  放假  元旦" in out and "尚未完整录入" not in out
