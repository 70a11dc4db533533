"""The bulk demo generator: ordered ids, column lists, triggers and chain kept intact."""

from __future__ import annotations

import sqlite3
import uuid
from collections import Counter

import pytest

from counter_app.models import Base
from counter_app.services.audit.chain import verify_chains
from counter_app.services.demo import generate as demo
from counter_app.services.demo import writer as demo_writer
from counter_app.services.demo.child import chunks_from_child
from counter_app.services.demo.ids import OrderedIds
from counter_app.services.demo.rows import COLUMNS, chunks
from counter_app.sync.capture import ensure_capture
from tests.conftest import Hall


def test_ordered_ids_are_uuids_that_grow() -> None:
    ids = OrderedIds()
    made = [ids() for _ in range(50_000)]
    assert made == sorted(made)
    assert len(set(made)) == len(made)
    for text in made[:3] + made[-3:]:
        u = uuid.UUID(text)
        assert str(u) == text and len(text) == 36
        assert u.version == 7 and u.variant == uuid.RFC_4122


def test_two_generators_in_the_same_millisecond_never_share_an_id() -> None:
    a, b = OrderedIds(now_ms=1_800_000_000_000), OrderedIds(now_ms=1_800_000_000_000)
    assert a.node != b.node  # drawn from the OS
    assert not {a() for _ in range(10_000)} & {b() for _ in range(10_000)}


def test_a_full_counter_moves_on_to_the_next_millisecond_in_order() -> None:
    ids = OrderedIds(now_ms=5)
    ids.count = (1 << 26) - 2
    made = [ids() for _ in range(4)]
    assert made == sorted(made) and len(set(made)) == 4
    assert uuid.UUID(made[-1]).int >> 80 == 6


def test_columns_are_exactly_the_tables_columns() -> None:
    for table, cols in COLUMNS.items():
        assert len(cols) == len(set(cols))
        assert set(cols) == set(Base.metadata.tables[table].columns.keys()), table


def _counts(path: str) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
                for t in [*COLUMNS, "sync_outbox"]}
    finally:
        con.close()


def test_generated_rows_are_chained_queued_and_triggers_survive(hall: Hall) -> None:
    summary = demo.generate(hall.ctx, 400, 12, seed=3)
    with hall.ctx.db.session() as s:
        report = verify_chains(s)
    assert report.ok and report.events == summary.events
    with hall.ctx.db.engine.begin() as conn:
        assert ensure_capture(conn) is False  # every trigger back, unchanged
        queued = Counter(dict(conn.exec_driver_sql(
            "SELECT table_name, COUNT(*) FROM sync_outbox GROUP BY table_name").all()))
        ids = conn.exec_driver_sql("SELECT id FROM case_file ORDER BY rowid").scalars().all()
        change_ids = conn.exec_driver_sql(
            "SELECT change_id FROM sync_outbox WHERE table_name = 'event_log' ORDER BY seq"
        ).scalars().all()
        for table in COLUMNS:
            n = conn.exec_driver_sql(f'SELECT COUNT(*) FROM "{table}"').scalar()
            assert queued[table] >= n > 0 or table == "evaluation", table
    assert len(ids) == 400 and ids == sorted(ids)
    assert change_ids == sorted(change_ids) and all(len(c) == 32 for c in change_ids)
    # A later change of a demo row is still captured by the re-created triggers.
    with hall.ctx.db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM sync_outbox")
        conn.exec_driver_sql("UPDATE case_file SET phone = '13800000000' WHERE id = ?", (ids[0],))
        assert conn.exec_driver_sql("SELECT row_id FROM sync_outbox").scalars().all() == [ids[0]]


def test_a_chunk_that_fails_leaves_nothing_behind(hall: Hall,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(hall.ctx.db.engine.url.database)
    demo.ensure_demo_staff(hall.ctx)  # its own transaction, before the chunks
    before = _counts(path)
    real = demo_writer._insert

    def failing(conn, table, rows):  # type: ignore[no-untyped-def]
        if table == "event_log":
            raise RuntimeError("disk gone")
        real(conn, table, rows)

    monkeypatch.setattr(demo_writer, "_insert", failing)
    with pytest.raises(RuntimeError):
        demo.generate(hall.ctx, 50, 3)
    assert _counts(path) == before
    with hall.ctx.db.engine.begin() as conn:
        assert ensure_capture(conn) is False  # the dropped triggers rolled back with the rows


def test_the_child_process_makes_the_same_rows(hall: Hall) -> None:
    demo.ensure_demo_staff(hall.ctx)
    plan = demo.build_plan(hall.ctx, 300, 8, seed=4)
    here, there = list(chunks(plan, chunk=100)), list(chunks_from_child(plan))
    assert [c.cases for c in there][-1] == here[-1].cases == 300

    def shape(cs):  # type: ignore[no-untyped-def]
        case_rows = [r for c in cs for r in c.rows["case_file"]]
        return ([r[4:] for r in case_rows],  # all but the (random) id and times
                {t: sum(len(c.rows[t]) for c in cs) for t in COLUMNS}, cs[-1].events)

    assert shape(here) == shape(there)


def test_demo_cases_have_their_notices_issuances_and_return_reasons(hall: Hall) -> None:
    """`counter-admin print` can reprint a waiting demo case's notice and an issued one's
    领证回执; a returned demo case says why."""
    from sqlalchemy import select

    from counter_app.models import CaseFile, CaseReturn, Notice
    from counter_app.services.printing.service import PrintService

    demo.generate(hall.ctx, 1200, 12, seed=5)  # enough for a few returned cases (~1 in 10 at 3 days)
    with hall.ctx.db.session() as s:
        waiting = s.execute(select(CaseFile).where(
            CaseFile.status == "awaiting_supplement")).scalars().first()
        issued = s.execute(select(CaseFile).where(CaseFile.status == "issued")).scalars().first()
        returned = s.execute(select(CaseFile.id).where(CaseFile.status == "returned")).scalars().all()
        reasons = s.execute(select(CaseReturn.case_id, CaseReturn.reason)).all()
        listed = s.execute(select(Notice.content).where(Notice.case_id == waiting.id)).scalar_one()
        gaps = [m.name for m in waiting.materials if m.state in ("missing", "defective")]
    assert waiting is not None and issued is not None and returned
    assert {r.case_id for r in reasons} == set(returned) and all(r.reason for r in reasons)
    printer = PrintService(hall.ctx)
    notice = printer.prepare(None, "one_time_notice", waiting.case_no, "a4")
    text = "".join(__import__("pypdf").PdfReader(__import__("io").BytesIO(notice.pdf)).pages[0]
                   .extract_text().split())
    assert gaps and all(name in listed for name in gaps)
    assert all("".join(name.split()) in text for name in gaps)
    receipt = printer.prepare(None, "collection", issued.case_no, "a4")
    assert receipt.pdf.startswith(b"%PDF") and receipt.doc_no


def test_demo_cases_close_as_real_ones_do(hall: Hall) -> None:
    """Issue 15, finding 13: the demo bulletin showed most open cases overdue. Every accepted
    case goes on (not only 承诺件), nearly all are decided within their promise, and an issued
    or denied case is closed when its rows say, as the services close one."""
    from sqlalchemy import func, select

    from counter_app.models import CaseDecision, CaseFile, Issuance
    from counter_app.services.deadlines.clock_stops import OPEN_STATUSES
    from counter_app.services.supervision.bulletin.build import compute_bulletin

    demo.generate(hall.ctx, 3000, 30, seed=7)
    with hall.ctx.db.session() as s:
        statuses = dict(s.execute(select(CaseFile.status, func.count()).group_by(CaseFile.status)).all())
        unclosed = s.execute(select(func.count()).where(
            CaseFile.status.in_(("issued", "denied", "finished", "not_accepted")),
            CaseFile.closed_at.is_(None))).scalar_one()
        closed_open = s.execute(select(func.count()).where(
            CaseFile.status.in_(OPEN_STATUSES), CaseFile.closed_at.is_not(None))).scalar_one()
        issued = s.execute(select(CaseFile.closed_at, Issuance.issued_at).join(
            Issuance, Issuance.case_id == CaseFile.id)).all()
        denied = s.execute(select(CaseFile.closed_at, CaseDecision.decided_on).join(
            CaseDecision, CaseDecision.case_id == CaseFile.id).where(
            CaseDecision.outcome == "denied")).all()
    assert unclosed == 0 and closed_open == 0
    assert issued and all(closed == at for closed, at in issued)
    assert denied and all(closed.date() == day for closed, day in denied)
    b = compute_bulletin(hall.ctx, "day")
    open_cases = sum(statuses.get(k, 0) for k in OPEN_STATUSES)
    print(f"\nDEMO: {open_cases} open of {sum(statuses.values())}, {b.overdue_total} overdue")
    assert open_cases < sum(statuses.values()) * 0.15  # a month of cases is mostly done
    assert b.overdue_total < open_cases * 0.3  # and few are past their promise


def test_today_has_only_the_cases_received_so_far(hall: Hall) -> None:
    """At 10:40 today's demo cases were received between 08:30 and a little before now,
    about as many as the morning's share of a day; nothing about any case lies after now.
    Before the hall opens today has none; the run still makes every case asked for."""
    from datetime import datetime

    now = hall.clock.now = datetime(2026, 11, 23, 10, 40)  # a Monday
    assert demo.generate(hall.ctx, 600, 10, seed=5).cases == 600
    con = sqlite3.connect(str(hall.ctx.db.engine.url.database))
    try:
        per_day = dict(con.execute(
            "SELECT received_on, COUNT(*) FROM case_file GROUP BY received_on").fetchall())
        first, last = con.execute("SELECT MIN(received_at), MAX(received_at) FROM case_file "
                                  "WHERE received_on = '2026-11-23'").fetchone()
        latest = [con.execute(q).fetchone()[0] for q in (
            "SELECT MAX(at) FROM event_log", "SELECT MAX(closed_at) FROM case_file",
            "SELECT MAX(rated_at) FROM evaluation", "SELECT MAX(at) FROM consultation",
            "SELECT MAX(supplied_at) FROM case_material", "SELECT MAX(issued_at) FROM notice")]
    finally:
        con.close()
    today = per_day.pop("2026-11-23")
    whole = sum(per_day.values()) / len(per_day)
    assert 0.1 * whole < today < 0.45 * whole  # 1 h 50 of 8 h, a Monday
    assert "2026-11-23 08:30" <= first and last <= "2026-11-23 10:20"
    assert all(t is not None and t <= str(now) for t in latest), latest

    hall.clock.now = datetime(2026, 11, 24, 8, 0)  # the next morning, before opening
    assert demo.generate(hall.ctx, 300, 3, seed=6).cases == 300
    con = sqlite3.connect(str(hall.ctx.db.engine.url.database))
    try:
        assert con.execute("SELECT COUNT(*) FROM case_file WHERE received_on = '2026-11-24'"
                           ).fetchone()[0] == 0
    finally:
        con.close()


def test_a_material_the_hall_gets_by_sharing_is_waived_in_demo_cases(hall: Hall,
                                                                     shipped_catalog) -> None:  # type: ignore[no-untyped-def]
    """Where the catalog marks a material shared by its issuer (免提交), demo cases record it
    as intake does: not asked for, never on a one-time notice, and the case's checklist
    shows it waived. (The shipped catalog marks none: its sources are still to be checked.)"""
    import dataclasses
    import json

    from sqlalchemy import select

    from counter_app.models import CaseFile, Notice
    from counter_app.services.catalog.store import import_catalog
    from counter_app.services.handoff.case_queries import CaseQueries

    item = shipped_catalog.item(hall.committed.code)
    # The applicant's identity document, which the police share electronically.
    k, mat = next((k, m) for k, m in enumerate(item.materials)
                  if m.requirement == "required" and "身份证明" in m.name)
    shared = dataclasses.replace(mat, source="issuer", issuer="县公安局", shared=True)
    mats = (*item.materials[:k], shared, *item.materials[k + 1:])
    catalog = dataclasses.replace(shipped_catalog, items=tuple(
        dataclasses.replace(i, materials=mats) if i.code == item.code else i
        for i in shipped_catalog.items))
    with hall.ctx.db.transaction() as s:
        import_catalog(s, catalog, terminal=hall.ctx.terminal)
    demo.generate(hall.ctx, 1500, 8, seed=5)
    with hall.ctx.db.session() as s:
        cases = s.execute(select(CaseFile.id, CaseFile.case_no, CaseFile.status).where(
            CaseFile.item_code == item.code)).all()
        notices = s.execute(select(Notice.content).where(
            Notice.case_id.in_([c.id for c in cases]))).scalars().all()
    assert len(cases) > 10 and notices
    listed = [m["name"] for n in notices for m in json.loads(n)]
    assert listed and mat.name not in listed
    queries = CaseQueries(hall.ctx)
    for c in cases[:5] + [c for c in cases if c.status == "awaiting_supplement"][:3]:
        opened = queries.read_case(hall.supervisor, c.case_no)
        assert opened is not None
        entry = next(m for m in opened.materials if m.name == mat.name)
        assert entry.waived and entry.state == "not_applicable", (c.case_no, entry)
        others = [m for m in opened.materials if m.name != mat.name]
        assert any(m.state in ("received", "missing", "defective") for m in others)
