"""Issue 16: every SQLite connection the app opens for writing runs in WAL mode with
``synchronous=FULL`` (each commit fsynced before it is acknowledged: what a power cut needs,
and what the SIGKILL test in test_durability.py cannot tell apart from OFF).

A pool "checkout" listener on every engine of the process records the pragmas of each
connection handed out while the app's real paths run: opening (and migrating) a data folder,
recording and supplementing at the counter, the ledger import, printing, the CLI commands and
the sync engine's connection to a SQLite hall file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.pool import Pool

from counter_app.bootstrap import open_context
from counter_app.cli.main import main
from counter_app.services.intake.ledger_import import import_ledger
from counter_app.services.intake.service import IntakeService
from counter_app.services.printing.service import PrintService
from counter_app.sync.connection import server_engine

from .conftest import Hall
from .helpers import complete_intake

ROOT = Path(__file__).resolve().parents[1] / "counter_app"
SYNC_MODES = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


@pytest.fixture()
def seen() -> list[tuple[str, str, str]]:
    found: list[tuple[str, str, str]] = []

    def checkout(dbapi_conn, _record, _proxy) -> None:  # type: ignore[no-untyped-def]
        if type(dbapi_conn).__module__.startswith("sqlite3"):
            cur = dbapi_conn.cursor()
            path = cur.execute("PRAGMA database_list").fetchone()[2]
            mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
            sync = SYNC_MODES[cur.execute("PRAGMA synchronous").fetchone()[0]]
            cur.close()
            found.append((path, mode, sync))

    event.listen(Pool, "checkout", checkout)
    yield found
    event.remove(Pool, "checkout", checkout)


def test_every_connection_is_wal_and_synchronous_full(hall: Hall, tmp_path: Path, seen,  # type: ignore[no-untyped-def]
                                                      capsys) -> None:
    folder = Path(hall.ctx.db.url.removeprefix("sqlite:///")).parent
    hall.ctx.db.dispose()
    ctx = open_context(folder)  # opening: migrations and capture triggers
    ctx.clock = hall.clock
    svc = IntakeService(ctx)
    intake = complete_intake(svc, hall.committed.code)
    gap = next(m for m in intake.materials if m.requirement == "required")
    gap.state = "missing"
    case_no = svc.record(hall.clerk, intake, "notify").case_no
    svc.supplement(hall.clerk, case_no, [type(gap)(name=gap.name, requirement="required",
                                                   state="received", copies=1, pages=1)])
    PrintService(ctx).produce(hall.clerk, "acceptance", case_no, "a4")
    ledger = tmp_path / "l.csv"
    ledger.write_text("台账编号,事项编码,申请人,证件号码,收件日期,受理人\n"
                      f"P1,{hall.committed.code},张伟,11010519491231002X,2026-11-02,clerk\n",
                      encoding="utf-8")
    assert import_ledger(ctx, ledger).imported == 1
    ctx.db.dispose()
    for command in (["verify-audit"], ["init"], ["export-catalog", str(tmp_path / "c.json")]):
        assert main(["--data-dir", str(folder), *command]) == 0
    hall_file = tmp_path / "hall.sqlite3"
    assert main(["--data-dir", str(folder), "init-server", f"sqlite:///{hall_file}"]) == 0
    with server_engine(f"sqlite:///{hall_file}").connect() as conn:
        conn.exec_driver_sql("SELECT 1")
    capsys.readouterr()

    paths = {Path(p).name for p, _m, _s in seen}
    assert {"counter.sqlite3", "hall.sqlite3"} <= paths
    assert len(seen) >= 10
    bad = sorted({(p, m, s) for p, m, s in seen if (m, s) != ("wal", "FULL")})
    assert bad == []


def test_raw_sqlite_connections_in_the_app_are_read_only() -> None:
    """The two places that bypass the engine (the start-up check, the diagnostics bundle)
    only read: they open the file with mode=ro, so they cannot commit anything unsynced."""
    raw = []
    for path in ROOT.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"\bsqlite3\.connect\(", line):
                raw.append((path.relative_to(ROOT).as_posix(), "mode=ro" in line))
    assert raw and all(ro for _p, ro in raw), raw
