"""Building a hall for sync tests: reference data on the server, counters with their own
SQLite files, cases made the way the intake service makes them (ORM rows and chained
events in one transaction), the approver's signature on the server, and comparisons."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.pool import NullPool

from counter_app.bootstrap import open_database, set_terminal_code
from counter_app.ids.canon import canon
from counter_app.legacy_sync.engine import SyncEngine
from counter_app.models import (
    CaseFile,
    CaseMaterial,
    Department,
    HallWindow,
    HandoffBatch,
    HandoffItem,
    HolidayOverride,
    ItemVersion,
    MaterialRequirement,
    OutboxEntry,
    PrintRecord,
    ServiceItem,
    Staff,
    StaffRole,
    TrainingRecord,
    hall_now,
)
from counter_app.models.database import Database
from counter_app.services.audit.events import append_event
from counter_app.services.context import ServiceContext
from counter_app.services.intake.numbering import KIND_BATCH, KIND_CASE, next_number
from counter_app.sync.report import SyncReport
from counter_app.sync.tables import synced_tables
from tests.pgtest import PgServer

APPROVER_TERMINAL = "90"  # the approvers' PCs keep their own event chain on the server
MATERIALS = ("营业执照申请书", "法定代表人身份证明", "住所使用证明")


@dataclass
class ServerTarget:
    kind: str
    url: str
    pg: PgServer | None
    _db: Database | None = None

    @property
    def db(self) -> Database:
        """The shared database as an approver's PC opens it."""
        if self._db is None:
            self._db = Database(self.url, poolclass=NullPool)
        return self._db

    def dispose(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None


@dataclass
class HallRef:
    version_id: str
    item_code: str
    window_code: str
    department_code: str
    requirement_ids: list[str]
    clerks: list[str]
    approver: str


def seed_hall(db: Database, clerks: int = 10) -> HallRef:
    """What a supervisor sets up on the server before counters join."""
    now = hall_now()
    with db.transaction() as s:
        dep = Department(code="SCJGJ", name="县市场监督管理局")
        s.add(dep)
        s.flush()
        win = HallWindow(code="SCZR", name="市场准入", lead_department_id=dep.id)
        item = ServiceItem(code="SC0001")
        s.add_all([win, item])
        s.flush()
        ver = ItemVersion(item_id=item.id, version=1, code=item.code, name="企业设立登记",
                          window_code=win.code, department_code=dep.code, kind="committed",
                          statutory_days=20, promised_days=5)
        ver.materials = [MaterialRequirement(seq=i, name=n, form="original", copies=1,
                                             requirement="required")
                         for i, n in enumerate(MATERIALS, start=1)]
        s.add(ver)
        s.flush()
        item.current_version_id = ver.id
        staff = []
        for i in range(1, clerks + 1):
            st = Staff(username=f"clerk{i:02d}", full_name=f"受理员{i}", window_id=win.id)
            st.roles = [StaffRole(role="clerk")]
            staff.append(st)
        approver = Staff(username="approver1", full_name="审批员甲", employer="department",
                         department_id=dep.id, window_id=win.id)
        approver.roles = [StaffRole(role="approver")]
        s.add_all([*staff, approver])
        s.flush()
        for st in staff:
            s.add(TrainingRecord(staff_id=st.id, scope="window", scope_code=win.code,
                                 stage="authorized", set_at=now, set_by_id=approver.id))
        s.add(HolidayOverride(day=now.date().replace(month=12, day=31), is_workday=True,
                              note="测试调休"))
        return HallRef(ver.id, item.code, win.code, dep.code,
                       [m.id for m in ver.materials], [st.id for st in staff], approver.id)


@dataclass
class Counter:
    code: str
    ctx: ServiceContext
    engine: SyncEngine
    clerk: str
    made: list[str] = field(default_factory=list)  # case ids made here

    @property
    def db(self) -> Database:
        return self.ctx.db

    def sync(self) -> SyncReport:
        return self.engine.run_once()

    def close(self) -> None:
        self.engine.close()
        self.ctx.db.dispose()


def blank_local_db(folder: Path) -> Path:
    """A migrated, empty counter database, copied for each counter (migrating takes ~1 s)."""
    db = open_database(folder)
    raw = db.engine.raw_connection()  # autocommit: a checkpoint cannot run in a transaction
    try:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    db.dispose()
    return folder / "counter.sqlite3"


def make_counter(folder: Path, code: str, server_url: str, clerk: str,
                 clock: Any = None, template: Path | None = None,
                 **engine_kwargs: Any) -> Counter:
    if template is not None and not (folder / "counter.sqlite3").exists():
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, folder / "counter.sqlite3")
    db = open_database(folder)
    set_terminal_code(db, code)
    ctx = ServiceContext(db=db, terminal=code, clock=clock or hall_now)
    return Counter(code, ctx, SyncEngine(db, server_url, code, clock=ctx.clock,
                                         **engine_kwargs), clerk)


def receive_case(c: Counter, ref: HallRef, *, printed: bool = True) -> tuple[str, str]:
    """Receive and accept one complete case at counter ``c``: (case id, case number)."""
    ctx, now = c.ctx, c.ctx.now()
    with ctx.db.transaction() as s:
        case = CaseFile(
            case_no=next_number(s, now.date(), KIND_CASE, ctx.terminal),
            item_version_id=ref.version_id, item_code=ref.item_code,
            window_code=ref.window_code, department_code=ref.department_code,
            clerk_id=c.clerk, status="accepted", applicant_kind="person",
            applicant_name="张伟", applicant_id_no="11010519491231002X", phone="13812345678",
            received_at=now, received_on=now.date(), accepted_on=now.date(),
            promised_due=(now + timedelta(days=7)).date(), origin_terminal=ctx.terminal,
            created_at=now, updated_at=now)
        case.materials = [
            CaseMaterial(seq=i, name=n, requirement="required", requirement_id=rid,
                         state="received", form="original", copies=1, pages=2,
                         supplied_at=now, origin_terminal=ctx.terminal, created_at=now,
                         updated_at=now)
            for i, (n, rid) in enumerate(zip(MATERIALS, ref.requirement_ids, strict=True), 1)]
        s.add(case)
        s.flush()
        ev = dict(terminal=ctx.terminal, at=now, actor_id=c.clerk, actor_role="clerk",
                  case_id=case.id)
        append_event(s, kind="received", case_no=case.case_no, **ev)
        append_event(s, kind="accepted", **ev)
        if printed:
            s.add(PrintRecord(case_id=case.id, doc_kind="acceptance", layout="a4",
                              printed_by_id=c.clerk, terminal_code=ctx.terminal,
                              printed_at=now, origin_terminal=ctx.terminal, created_at=now,
                              updated_at=now))
            append_event(s, kind="printed", doc="acceptance", **ev)
        c.made.append(case.id)
        return case.id, case.case_no


def receive_by_service(c: Counter, ref: HallRef) -> tuple[str, str]:
    """The real intake path (IntakeService.record: validation, numbering, events)."""
    from counter_app.services.context import Actor
    from counter_app.services.intake.service import IntakeService

    from ..helpers import complete_intake

    with c.db.session() as s:
        staff = s.get(Staff, c.clerk)
        assert staff is not None
        actor = Actor.of(staff, ref.window_code)
    svc = IntakeService(c.ctx)
    result = svc.record(actor, complete_intake(svc, ref.item_code), "accept")
    c.made.append(result.case_id)
    return result.case_id, result.case_no


def hand_over(c: Counter, ref: HallRef, case_ids: list[str]) -> str:
    """Group accepted cases into an open handoff batch (交接单); the batch id."""
    ctx, now = c.ctx, c.ctx.now()
    with ctx.db.transaction() as s:
        batch = HandoffBatch(batch_no=next_number(s, now.date(), KIND_BATCH, ctx.terminal),
                             department_code=ref.department_code, window_code=ref.window_code,
                             clerk_id=c.clerk, origin_terminal=ctx.terminal, created_at=now,
                             updated_at=now)
        s.add(batch)
        s.flush()
        for cid in case_ids:
            case = s.get(CaseFile, cid)
            assert case is not None
            case.status, case.updated_at = "in_handoff", now
            s.add(HandoffItem(batch_id=batch.id, case_id=cid, material_count=3, page_count=6,
                              origin_terminal=ctx.terminal, created_at=now, updated_at=now))
            append_event(s, terminal=ctx.terminal, kind="batched", at=now, actor_id=c.clerk,
                         actor_role="clerk", case_id=cid, batch_id=batch.id)
        return batch.id


def sign_on_server(server: Database, batch_id: str, approver: str,
                   at: datetime | None = None) -> None:
    """The approver scans the handoff receipt on their PC, which works on the server."""
    at = at or hall_now()
    with server.transaction() as s:
        batch = s.get(HandoffBatch, batch_id)
        assert batch is not None
        batch.status, batch.signed_by_id, batch.signed_at, batch.updated_at = (
            "signed", approver, at, at)
        for item in batch.items:
            item.state, item.updated_at = "signed", at
            case = s.get(CaseFile, item.case_id)
            assert case is not None
            case.status, case.updated_at = "with_approver", at
            append_event(s, terminal=APPROVER_TERMINAL, kind="signed", at=at,
                         actor_id=approver, actor_role="approver", case_id=case.id,
                         batch_id=batch.id)


# -- comparing -----------------------------------------------------------------------------

def snapshot(db: Database) -> dict[str, dict[str, tuple[Any, ...]]]:
    out = {}
    with db.engine.connect() as conn:
        for t in synced_tables():
            out[t.name] = {r["id"]: tuple(canon(r[k]) for k in sorted(r.keys()))
                           for r in conn.execute(select(t)).mappings()}
    return out


def diff(a: dict[str, dict[str, Any]], b: dict[str, dict[str, Any]]) -> list[str]:
    """Human-readable differences between two snapshots (empty when equal)."""
    out = []
    for table in a:
        x, y = a[table], b[table]
        for rid in sorted(x.keys() - y.keys())[:3]:
            out.append(f"{table} {rid}: only in first")
        for rid in sorted(y.keys() - x.keys())[:3]:
            out.append(f"{table} {rid}: only in second")
        out += [f"{table} {rid}: {x[rid]} != {y[rid]}"
                for rid in sorted(x.keys() & y.keys()) if x[rid] != y[rid]][:3]
    return out


def outbox_size(db: Database) -> int:
    with db.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(OutboxEntry)).scalar_one()


def converge(counters: list[Counter], rounds: int = 3) -> None:
    """Quiet rounds until every counter has pushed and pulled everything."""
    for _ in range(rounds):
        for c in counters:
            rep = c.sync()
            assert rep.ok, rep.errors


def assert_converged(server: Database, counters: list[Counter]) -> dict[str, Any]:
    ref = snapshot(server)
    for c in counters:
        assert outbox_size(c.db) == 0, f"counter {c.code} still has unsent changes"
        problems = diff(ref, snapshot(c.db))
        assert problems == [], f"counter {c.code} differs from the server: {problems}"
    made = [cid for c in counters for cid in c.made]
    assert len(made) == len(set(made))
    assert set(made) <= set(ref["case_file"]), "a case made at a counter is missing"
    nos = [row for row in ref["case_file"].values()]
    with server.engine.connect() as conn:
        numbers = conn.execute(select(CaseFile.case_no)).scalars().all()
    assert len(numbers) == len(set(numbers)) == len(nos)
    return ref
