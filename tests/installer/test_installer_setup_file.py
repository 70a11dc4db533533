"""Set-up files: parsing good and bad files, applying them (idempotent), and the commands."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter_app import app as counter_app_main
from counter_app.bootstrap import open_database
from counter_app.cli.main import main as admin_main
from counter_app.legacy_sync.credentials import load_server_url
from counter_app.models import HallWindow, ServiceItem, Staff, Terminal
from counter_app.services.context import ServiceContext
from counter_app.services.intake.numbering import KIND_CASE
from counter_app.services.people.auth import AuthService, check_password, hash_password
from counter_app.services.settings import TERMINAL_KEY, get_setting
from counter_app.setup_file import (
    LAYOUT_KEY,
    PRINTER_KEY,
    SERVER_KEY,
    WINDOW_KEY,
    SetupError,
    apply_file,
    apply_setup,
    current_state,
    first_run_pending,
    load_setup,
    parse_setup,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "installer" / "setup-example.yaml"
GOOD = {
    "terminal": 7,
    "window": "SCZR",
    "server_url": None,
    "printer": {"name": "HP LaserJet 1020", "layout": "receipt"},
    "supervisor": {"username": "boss", "full_name": "王主任", "password": "secret-123"},
}


def problems(raw: object) -> list[str]:
    with pytest.raises(SetupError) as info:
        parse_setup(raw)
    return info.value.problems


def settings(folder: Path) -> dict[str, str]:
    db = open_database(folder)
    try:
        with db.session() as s:
            return {k: get_setting(s, k) for k in (TERMINAL_KEY, WINDOW_KEY, SERVER_KEY, PRINTER_KEY,
                                                   LAYOUT_KEY)}
    finally:
        db.dispose()


def test_example_file_parses() -> None:
    spec = load_setup(EXAMPLE)
    assert (spec.terminal, spec.window, spec.server_url, spec.layout) == ("07", "SCZR", "", "a4")
    assert spec.supervisor is not None and spec.supervisor.username == "admin"


def test_yaml_and_json_read_alike(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    text = json.dumps(GOOD, ensure_ascii=False)  # JSON is YAML too; here with a BOM, as Notepad writes
    (tmp_path / "a.yaml").write_bytes("\ufeff".encode() + text.encode())
    assert load_setup(tmp_path / "a.json") == load_setup(tmp_path / "a.yaml")
    (tmp_path / "gbk.yaml").write_bytes("terminal: 3\nwindow: 市场\n".encode("gb18030"))
    assert load_setup(tmp_path / "gbk.yaml").window == "市场"


@pytest.mark.parametrize("raw, expected", [
    ({}, "缺少终端编号"),
    ({"terminal": 0}, "终端编号“0”无效"),
    ({"terminal": 100}, "终端编号“100”无效"),
    ({"terminal": "ab"}, "终端编号“ab”无效"),
    ({"terminal": True}, "终端编号“True”无效"),
    ({"terminal": 1, "windw": "X"}, "不认识的项“windw”"),
    ({"terminal": 1, "window": 12}, "窗口编码（window）应为文字"),
    ({"terminal": 1, "server_url": "ftp://x"}, "服务器地址（server_url）：不支持的服务器类型：ftp"),
    ({"terminal": 1, "server_url": "not a url"}, "服务器地址（server_url）：服务器地址格式无效"),
    ({"terminal": 1, "server_url": "sqlite://"}, "共享 SQLite 数据库必须是一个文件"),
    ({"terminal": 1, "printer": {"layout": "a5"}}, "纸张版式（printer.layout）“a5”无效"),
    ({"terminal": 1, "printer": {"name": "x", "size": 1}}, "打印机（printer）有不认识的项“size”"),
    ({"terminal": 1, "printer": 3}, "打印机（printer）应包含"),
    ({"terminal": 1, "supervisor": "admin"}, "管理员（supervisor）应包含"),
    ({"terminal": 1, "supervisor": {"full_name": "甲", "password": "12345678"}}, "缺少管理员用户名"),
    ({"terminal": 1, "supervisor": {"username": "张三", "full_name": "甲", "password": "12345678"}},
     "管理员用户名“张三”无效"),
    ({"terminal": 1, "supervisor": {"username": "a", "password": "12345678"}}, "缺少管理员姓名"),
    ({"terminal": 1, "supervisor": {"username": "a", "full_name": "甲"}}, "缺少管理员密码"),
    ({"terminal": 1, "supervisor": {"username": "a", "full_name": "甲", "password": "short"}},
     "管理员密码太短"),
    ({"terminal": 1, "supervisor": {"username": "a", "full_name": "甲", "password": 12345678}},
     "应为文字，请加引号"),
    ({"terminal": 1, "supervisor": {"username": "a", "full_name": "甲", "password_hash": "plain"}},
     "不是有效的 argon2 哈希"),
    ({"terminal": 1, "supervisor": {"username": "a", "full_name": "甲", "password": "12345678",
                                    "password_hash": hash_password("12345678")}}, "只能给一种"),
    ({"terminal": 1, "catalog": "no-such-file.yaml"}, "事项目录文件（catalog）不存在"),
])  # fmt: skip
def test_each_bad_field_has_a_chinese_message(raw: dict, expected: str) -> None:
    assert any(expected in p for p in problems(raw)), problems(raw)


def test_every_problem_is_reported_at_once() -> None:
    found = problems({"terminal": 0, "server_url": "x", "printer": {"layout": "a5"}, "extra": 1})
    assert len(found) == 4


@pytest.mark.parametrize("text, name, expected", [
    ("terminal: [1\n", "bad.yaml", "不是有效的 YAML：第 2 行"),
    ("{\"terminal\": }", "bad.json", "不是有效的 JSON：第 1 行"),
    ("- 1\n- 2\n", "list.yaml", "应为“项: 值”的列表"),
])  # fmt: skip
def test_broken_files(tmp_path: Path, text: str, name: str, expected: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(SetupError, match=expected):
        load_setup(tmp_path / name)
    with pytest.raises(SetupError, match="设置文件不存在"):
        load_setup(tmp_path / "missing.yaml")


def test_standalone_words() -> None:
    for word in (None, "", "none", "单机", " standalone "):
        assert parse_setup({"terminal": 1, "server_url": word}).server_url == ""
    url = "postgresql+psycopg://counter@hall/counter"
    assert parse_setup({"terminal": 1, "server_url": url}).server_url == url
    assert parse_setup({"terminal": 1}).server_url is None  # left as it is


def test_apply_sets_everything_and_is_idempotent(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    assert first_run_pending(folder)
    db = open_database(folder)
    try:
        first = apply_setup(db, parse_setup(GOOD))
        assert any("事项目录" in line for line in first)
        assert "已新建管理员账号 boss（王主任）" in first
        with db.session() as s:
            before = {t: s.scalar(select(func.count()).select_from(t))
                      for t in (ServiceItem, HallWindow, Staff, Terminal)}
        again = apply_setup(db, parse_setup(GOOD))
        assert not any("事项目录" in line for line in again)
        assert "已有工作人员账号，未新建管理员 boss" in again
        with db.session() as s:
            assert before == {t: s.scalar(select(func.count()).select_from(t)) for t in before}
            term = s.execute(select(Terminal).where(Terminal.code == "07")).scalar_one()
            win = s.get(HallWindow, term.window_id)
            assert win is not None and win.code == "SCZR"
        actor = AuthService(ServiceContext(db=db, terminal="07")).login("boss", "secret-123")
        assert actor.has("supervisor")
    finally:
        db.dispose()
    assert settings(folder) == {TERMINAL_KEY: "07", WINDOW_KEY: "SCZR", SERVER_KEY: "",
                                PRINTER_KEY: "HP LaserJet 1020", LAYOUT_KEY: "receipt"}
    assert not first_run_pending(folder)


def test_missing_keys_leave_settings_alone(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    db = open_database(folder)
    try:
        apply_setup(db, parse_setup(GOOD))
        secret = "postgresql+psycopg://counter:pa55word@hall-server/counter"
        assert "服务器：postgresql+psycopg://counter:***@hall-server/counter" in apply_setup(
            db, parse_setup({"terminal": 7, "server_url": secret}))
        with db.session() as s:
            assert load_server_url(s) == secret
            assert "pa55word" not in get_setting(s, SERVER_KEY)  # sealed by legacy_sync.credentials
        assert current_state(db).server_url == "postgresql+psycopg://counter:***@hall-server/counter"
    finally:
        db.dispose()
    got = settings(folder)
    assert (got[WINDOW_KEY], got[PRINTER_KEY], got[LAYOUT_KEY]) == ("SCZR", "HP LaserJet 1020", "receipt")


def test_password_hash_and_unknown_window_change_nothing(tmp_path: Path) -> None:
    db = open_database(tmp_path / "data")
    try:
        raw = {**GOOD, "window": "NOPE"}
        with pytest.raises(SetupError, match=r"窗口编码“NOPE”不在事项目录中；已有的窗口：.*SCZR"):
            apply_setup(db, parse_setup(raw))
        with db.session() as s:  # all or nothing: not even the catalog stayed
            assert not s.scalar(select(func.count()).select_from(ServiceItem))
            assert not get_setting(s, TERMINAL_KEY)
        sup = {"username": "boss", "full_name": "王主任", "password_hash": hash_password("from-a-hash")}
        apply_setup(db, parse_setup({"terminal": "7", "supervisor": sup}))
        AuthService(ServiceContext(db=db, terminal="07")).login("boss", "from-a-hash")
    finally:
        db.dispose()


def test_terminal_cannot_change_once_numbers_were_issued(tmp_path: Path) -> None:
    from counter_app.models import NumberCounter

    db = open_database(tmp_path / "data")
    try:
        apply_setup(db, parse_setup({"terminal": 3}))
        apply_setup(db, parse_setup({"terminal": 4}))  # nothing numbered yet: allowed
        with db.transaction() as s:
            s.add(NumberCounter(kind=KIND_CASE, day="261123", last=1))
        apply_setup(db, parse_setup({"terminal": "04"}))  # the same code: fine
        with pytest.raises(SetupError, match=r"本机已用终端编号 04 编过号.*不能改为 05"):
            apply_setup(db, parse_setup({"terminal": 5}))
    finally:
        db.dispose()


def test_catalog_path_is_relative_to_the_file(tmp_path: Path) -> None:
    from counter_app.paths import resource

    (tmp_path / "cat.yaml").write_bytes(resource("catalog", "luoshan.yaml").read_bytes())
    (tmp_path / "setup.yaml").write_text("terminal: 2\ncatalog: cat.yaml\n", encoding="utf-8")
    assert load_setup(tmp_path / "setup.yaml").catalog == tmp_path / "cat.yaml"
    done = apply_file(tmp_path / "setup.yaml", tmp_path / "data")
    assert "事项新增" in done[0]


def test_counter_admin_setup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    assert admin_main(["--data-dir", data, "setup", str(EXAMPLE), "--check"]) == 0
    assert "设置文件无误" in capsys.readouterr().out
    assert first_run_pending(Path(data))
    assert admin_main(["--data-dir", data, "setup", str(EXAMPLE)]) == 0
    assert "已新建管理员账号 admin" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("terminal: 0\n", encoding="utf-8")
    assert admin_main(["--data-dir", data, "setup", str(bad)]) == 2
    assert "未应用：\n  终端编号“0”无效" in capsys.readouterr().err


def test_counter_admin_hash_password(monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("secret-123\n"))
    assert admin_main(["hash-password"]) == 0
    hashed = capsys.readouterr().out.strip()
    assert check_password(hashed, "secret-123")
    assert parse_setup({"terminal": 1, "supervisor": {"username": "a", "full_name": "甲",
                                                      "password_hash": hashed}}).supervisor
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert admin_main(["hash-password"]) == 2


def test_counter_app_setup_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    assert counter_app_main.main(["--data-dir", data, "--setup", str(EXAMPLE), "--setup-only"]) == 0
    assert "已按设置文件完成设置" in capsys.readouterr().out
    assert not first_run_pending(Path(data))
    bad = tmp_path / "bad.yaml"
    bad.write_text("terminal: 1\nprinter: {layout: a3}\n", encoding="utf-8")
    assert counter_app_main.main(["--data-dir", data, "--setup", str(bad), "--setup-only"]) == 2
    assert "纸张版式（printer.layout）“a3”无效" in capsys.readouterr().err
    assert counter_app_main.main(["--setup-only"]) == 2


def test_first_run_pending_needs_terminal_and_users(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    open_database(folder).dispose()  # tables, but nothing set
    assert first_run_pending(folder)
    db = open_database(folder)
    try:
        apply_setup(db, parse_setup({"terminal": 9}))
        assert first_run_pending(folder)  # still no users
        apply_setup(db, parse_setup({"terminal": 9, "supervisor": GOOD["supervisor"]}))
    finally:
        db.dispose()
    assert not first_run_pending(folder)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "counter.sqlite3").write_bytes(b"")
    assert first_run_pending(tmp_path / "empty")
