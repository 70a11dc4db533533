"""The end-of-day reconciliation, the connection test, server initialisation and the CLI."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from counter_app.cli import commands_sync
from counter_app.legacy_sync import SyncEngine, reconcile
from counter_app.models import CaseMaterial, Event, OutboxEntry, PrintRecord
from counter_app.models.database import Database
from counter_app.sync.connection import test_connection
from counter_app.sync.errors import SyncError
from counter_app.sync.server import init_server

from .hallkit import ServerTarget, make_counter, receive_case, seed_hall


def test_reconcile_finds_a_receipt_without_a_server_record(server: ServerTarget,
                                                           tmp_path: Path,
                                                           blank_db: Path) -> None:
    ref = seed_hall(server.db, clerks=1)
    c = make_counter(tmp_path / "a", "01", server.url, ref.clerks[0], template=blank_db)
    assert c.sync().ok
    synced = [receive_case(c, ref)[0] for _ in range(3)]
    assert c.sync().ok
    waiting, _ = receive_case(c, ref)  # printed, not yet synced
    lost, lost_no = receive_case(c, ref)  # printed, then its queue entries vanish (the bug)
    with c.db.transaction() as s:
        ids = [lost, *s.execute(select(CaseMaterial.id).where(CaseMaterial.case_id == lost))
               .scalars(), *s.execute(select(PrintRecord.id).where(PrintRecord.case_id == lost))
               .scalars(), *s.execute(select(Event.id).where(Event.case_id == lost)).scalars()]
        s.execute(delete(OutboxEntry).where(OutboxEntry.row_id.in_(ids)))
    rows = reconcile(c.db, server.db, c.ctx.now().date(), "01")
    by_case = {r.case_id: r for r in rows}
    assert len(rows) == 5
    assert {by_case[x].status for x in synced} == {"ok"}
    assert by_case[waiting].status == "pending" and "待上传" in by_case[waiting].status_label
    assert by_case[lost].status == "missing" and by_case[lost].case_no == lost_no
    assert "办件" in by_case[lost].detail and by_case[lost].status_label == "服务器无记录"
    assert reconcile(c.db, server.db, date(2020, 1, 1)) == []
    c.close()


def test_connection_messages(server: ServerTarget, tmp_path: Path, blank_db: Path) -> None:
    ok, msg = test_connection(server.url)
    assert ok and "连接成功" in msg
    # A counter's own database is not a server.
    ok, msg = test_connection(f"sqlite:///{blank_db}")
    assert not ok and "不是共享服务器" in msg
    if server.pg is not None:
        ok, msg = test_connection(server.url.replace(f":{server.pg.port}/", ":1/"))
        assert not ok and "无法连接同步服务器" in msg
        empty = server.pg.create_database(f"empty_{tmp_path.name[-20:]}".replace("-", "_"))
        ok, msg = test_connection(empty)
        assert not ok and "尚未初始化" in msg
    else:
        ok, msg = test_connection(f"sqlite:///{tmp_path / 'none.sqlite3'}")
        assert not ok and "不存在" in msg
        ok, msg = test_connection("sqlite:///\\\\fileserver\\share\\hall.sqlite3")
        assert not ok and "网络共享" in msg
    assert test_connection("mysql://u@h/db") == (
        False, "不支持的服务器类型：mysql（应为 PostgreSQL 或 SQLite）")
    assert test_connection("not a url")[0] is False


def test_init_server_is_repeatable_and_a_server_is_no_terminal(server: ServerTarget) -> None:
    first = init_server(server.url)
    again = init_server(server.url)
    assert (again.created, again.server_id) == (False, first.server_id)
    assert again.revision == first.revision and "password" not in again.url
    if server.kind == "sqlite":
        with pytest.raises(SyncError, match="共享服务器"):
            SyncEngine(Database(server.url), "sqlite:///x", "01")


def test_a_counters_own_database_cannot_become_the_server(server: ServerTarget,
                                                          tmp_path: Path,
                                                          blank_db: Path) -> None:
    ref = seed_hall(server.db, clerks=1)
    c = make_counter(tmp_path / "a", "01", server.url, ref.clerks[0], template=blank_db)
    assert c.sync().ok
    c.close()
    with pytest.raises(SyncError, match="终端的本机数据库"):
        init_server(f"sqlite:///{tmp_path / 'a' / 'counter.sqlite3'}")


def _cli(data_dir: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir")
    sub = parser.add_subparsers(dest="command", required=True)
    commands_sync.register(sub)
    args = parser.parse_args(["--data-dir", str(data_dir), *argv])
    return int(args.func(args) or 0)


def test_cli_init_set_sync_conflicts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from counter_app.cli.main import UserError

    shared = tmp_path / "shared" / "hall.sqlite3"
    url = f"sqlite:///{shared}"
    data = tmp_path / "counter"
    assert _cli(data, "init-server", url) == 0
    assert "共享数据库已创建" in capsys.readouterr().out
    with pytest.raises(UserError, match="尚未设置同步服务器"):
        _cli(data, "sync")
    assert _cli(data, "set-server", url) == 0
    assert "连接成功" in capsys.readouterr().out
    db = Database(url)
    seed_hall(db, clerks=1)
    db.dispose()
    assert _cli(data, "sync") == 0
    out = capsys.readouterr().out
    assert "下载" in out and "待上传 0 条" in out
    assert _cli(data, "sync-conflicts") == 0
    assert "没有同步冲突" in capsys.readouterr().out
    monkeypatch.setenv("HALL_DB_PASSWORD", "secret")
    with pytest.raises(UserError, match="同步未完成"):
        _cli(data, "sync", "--server", "sqlite:///" + str(tmp_path / "missing.sqlite3"))
    with pytest.raises(UserError, match="未设置"):
        _cli(data, "sync", "--server", url, "--password-env", "NO_SUCH_VARIABLE")


def test_sync_package_is_qt_free() -> None:
    import ast

    root = Path(__file__).resolve().parents[2] / "counter_app" / "sync"
    for py in root.glob("*.py"):
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] in ("PySide6", "shiboken6") for n in names), py
