"""Moving a hall that synced the old way (PCs writing rows into a shared PostgreSQL) onto
the hall service: ``counter-server adopt`` takes the database over; each PC, once its old
outbox is empty, enrolls with ``--adopt`` and keeps its cases; new numbers never repeat."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from counter_app.bootstrap import open_context, set_terminal_code
from counter_app.hall.store import Hall
from counter_app.hallsync.enroll import enroll
from counter_app.legacy_sync import SyncEngine
from counter_app.models import CaseFile
from counter_app.paths import resource
from counter_app.services.catalog.exchange import load_catalog
from counter_app.services.catalog.store import import_catalog
from counter_app.services.context import Actor
from counter_app.services.intake.rules import set_training
from counter_app.services.intake.service import IntakeService
from counter_app.services.people import auth
from counter_app.sync.server import init_server
from tests.pgtest import PgServer

from ..helpers import complete_intake
from .kit import PASSWORD, PC, HallServer, receive, snapshot


def _old_way_pc(folder: Path, url: str) -> tuple[str, str]:
    """A counter set up and working the old way: returns (its case number, item code)."""
    ctx = open_context(folder)
    set_terminal_code(ctx.db, "07")
    ctx.terminal = "07"
    with ctx.db.transaction() as s:
        import_catalog(s, load_catalog(resource("catalog", "luoshan.yaml")), terminal="07")
        from counter_app.services.catalog.store import current_versions

        v = next(v for v in current_versions(s) if v.kind == "committed" and v.promised_days >= 3)
        clerk = auth.add_user(s, "clerk", "测试clerk", PASSWORD, ["clerk"],
                              window_code=v.window_code, terminal="07")
        boss = auth.add_user(s, "boss", "测试boss", PASSWORD, ["supervisor"], terminal="07")
        set_training(s, staff_id=clerk.id, scope="window", scope_code=v.window_code,
                     stage="authorized", set_by_id=boss.id, at=ctx.now(), terminal="07")
        s.flush()
        actor, item = Actor.of(clerk, v.window_code), v.code
    svc = IntakeService(ctx)
    case_no = svc.record(actor, complete_intake(svc, item), "accept").case_no
    engine = SyncEngine(ctx.db, url, "07")
    report = engine.run_once()
    assert report.ok, report.errors
    engine.close()
    ctx.db.dispose()
    return case_no, item


def test_adopt_an_old_way_hall(tmp_path: Path, hall_pg: PgServer) -> None:
    url = hall_pg.create_database("adopted")
    init_server(url)
    old_case, item = _old_way_pc(tmp_path / "pc", url)
    server = HallServer(tmp_path / "server", url)
    from counter_app.hall.cli import main as server_main

    assert server_main(["--data-dir", str(server.folder), "adopt", "--postgres", url]) == 0
    server.start()
    try:
        pc = PC(tmp_path / "pc", server)
        pc.ctx = open_context(pc.folder)
        code = enroll(pc.ctx.db, server.url, server.code(), adopt=True)
        assert code != "07", "a code already inside issued numbers is never given again"
        pc.ctx.db.dispose()
        pc.reopen()
        pc.run()
        assert pc.status_of(old_case) == "accepted", "the PC keeps its case"
        pc.item_code = item  # type: ignore[attr-defined]
        new_case = receive(pc, pc.login("clerk"), item)
        pc.run()
        assert new_case[13:15] == code
        hall = Hall(server.folder)
        with hall.db.session() as s:
            held = sorted(s.execute(select(CaseFile.case_no)).scalars())
        assert held == sorted([old_case, new_case])
        want = snapshot(hall)
        hall.db.dispose()
        got = snapshot(pc.ctx)
        for table in want:
            assert got[table] == want[table], table
    finally:
        server.stop()
