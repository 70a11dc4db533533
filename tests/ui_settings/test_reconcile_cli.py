"""counter-admin reconcile: what this counter printed against the server, exit 1 when a
printed document has no (matching) server record."""

from __future__ import annotations

import argparse

import pytest

from counter_app.cli import commands_reconcile
from counter_app.cli.main import UserError
from counter_app.legacy_sync import SyncEngine, store_server_url
from counter_app.sync.server import init_server

from ..conftest import Hall
from .conftest import accept_case, lose_from_outbox, print_acceptance


def reconcile_cli(hall: Hall, *args: str) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir")
    commands_reconcile.register(parser.add_subparsers(dest="command", required=True))
    folder = hall.ctx.db.engine.url.database or ""
    ns = parser.parse_args(["--data-dir", folder.rsplit("/", 1)[0], "reconcile", *args])
    return int(ns.func(ns))


def test_reconcile_exit_status_and_report(hall: Hall, server_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="单机使用"):
        reconcile_cli(hall, "--date", "2026-11-23")
    init_server(server_url)
    with hall.ctx.db.transaction() as s:
        store_server_url(s, server_url)
    case_no = accept_case(hall)
    print_acceptance(hall, case_no)
    engine = SyncEngine(hall.ctx.db, server_url, hall.ctx.terminal)
    try:
        assert engine.run_once().ok
        assert reconcile_cli(hall, "--date", "2026-11-23") == 0
        out = capsys.readouterr().out
        assert "共打印 1 份：一致 1" in out and "受理通知书" in out
        lost = print_acceptance(hall, case_no)  # a reprint whose record never reaches the server
        lose_from_outbox(hall, lost)
        assert engine.run_once().ok
        print_acceptance(hall, accept_case(hall))  # printed, not yet synced
        assert reconcile_cli(hall, "--date", "2026-11-23", "--server", server_url) == 1
        out = capsys.readouterr().out
        assert "一致 1，待上传（尚未同步） 1，服务器无记录 1" in out
        assert "（补打第 1 次）" in out and "且本机待上传队列中也没有" in out
        assert reconcile_cli(hall, "--date", "2026-11-22") == 0  # nothing printed that day
    finally:
        engine.close()
    with pytest.raises(UserError, match="日期"):
        reconcile_cli(hall, "--date", "23/11/2026")
    with pytest.raises(UserError, match="不存在"):
        reconcile_cli(hall, "--server", server_url + "-gone")
