"""The event log is tamper-evident: each of the four kinds of tampering is found and named."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from counter_app.bootstrap import open_database
from counter_app.models.database import Database
from counter_app.services.audit.chain import verify_chains
from counter_app.services.audit.events import append_event


@pytest.fixture()
def chained_db(tmp_path: Path) -> Database:
    db = open_database(tmp_path)
    t0 = datetime(2026, 11, 27, 9, 0)
    with db.transaction() as s:
        for i in range(10):
            for term in ("01", "02"):
                append_event(s, terminal=term, kind="received", at=t0 + timedelta(minutes=i),
                             actor_id="clerk", actor_role="clerk", case_id=f"case-{term}-{i}",
                             note=f"第{i}件")
    return db


def _problems(db: Database):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return verify_chains(s)


def test_intact_chains_verify(chained_db: Database) -> None:
    report = _problems(chained_db)
    assert report.ok and report.chains == 2 and report.events == 20


def test_changed_event_is_named(chained_db: Database) -> None:
    with chained_db.engine.begin() as c:
        c.execute(text("UPDATE event_log SET payload='{\"note\":\"x\"}' "
                       "WHERE terminal_code='01' AND seq=4"))
    report = _problems(chained_db)
    assert [(p.terminal, p.seq, p.kind) for p in report.problems] == [("01", 4, "changed")]


def test_deleted_event_is_named(chained_db: Database) -> None:
    with chained_db.engine.begin() as c:
        c.execute(text("DELETE FROM event_log WHERE terminal_code='02' AND seq=6"))
    report = _problems(chained_db)
    assert [(p.terminal, p.seq, p.kind) for p in report.problems] == [("02", 6, "deleted")]


def test_inserted_event_is_named(chained_db: Database) -> None:
    # A forger shifts later events to make room and writes a well-formed event at seq 5.
    from counter_app.services.audit.events import chain_row

    with chained_db.engine.begin() as c:
        prev = c.execute(text("SELECT hash FROM event_log WHERE terminal_code='01' AND seq=4")
                         ).scalar_one()
        c.execute(text("UPDATE event_log SET seq = seq + 100 WHERE terminal_code='01' AND seq>=5"))
        c.execute(text("UPDATE event_log SET seq = seq - 99 WHERE terminal_code='01' AND seq>=100"))
        row = chain_row(terminal="01", seq=5, prev_hash=prev, kind="accepted",
                        at=datetime(2026, 11, 27, 12), actor_id="forger")
        cols = ", ".join(row)
        c.execute(text(f"INSERT INTO event_log ({cols}, created_at, updated_at) "
                       f"VALUES ({', '.join(':' + k for k in row)}, :at, :at)"), row)
    report = _problems(chained_db)
    assert [(p.terminal, p.seq, p.kind) for p in report.problems] == [("01", 5, "inserted")]
    assert report.problems[0].event_id == row["id"]


def test_reordered_events_are_named(chained_db: Database) -> None:
    with chained_db.engine.begin() as c:
        c.execute(text("UPDATE event_log SET seq=-1 WHERE terminal_code='02' AND seq=3"))
        c.execute(text("UPDATE event_log SET seq=3 WHERE terminal_code='02' AND seq=4"))
        c.execute(text("UPDATE event_log SET seq=4 WHERE terminal_code='02' AND seq=-1"))
    report = _problems(chained_db)
    assert [(p.terminal, p.seq, p.kind) for p in report.problems] == [("02", 3, "reordered")]
