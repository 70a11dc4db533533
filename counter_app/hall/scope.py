"""What each PC may hold: the hall service sends a PC only the rows of its scope.

A counter PC holds the cases of its window, an approver PC those of its department, and
each PC the cases it received itself (their numbers carry its terminal code); a PC enrolled
for the whole hall (the supervisors') holds everything. A closed case stops being sent to
counters and approvers once the hall's retention period has passed: a PC's first pull
skips it, and a PC that holds it drops it (``hallsync/retention.py``); the service keeps
every record.

Rows that belong to a case (materials, notices, events, decisions, ratings ...) follow
their case, and rows of a handoff batch follow the batch. Rows of no case (the catalog,
staff, calendar) go to everyone; complaints and consultations of no case go to their
window. The access log (who looked at whom) goes to the supervisors' PCs, and each entry
back to the PC it was made on. A deletion is always passed on: it carries an id and nothing
else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select

from ..models import CaseFile, HallTerminal, HandoffBatch
from ..services.audit.events import ACCESS_KIND
from ..sync.bulk import chunks
from ..sync.pull import Page

RETENTION_KEY = "hall.retention_days"
DEFAULT_RETENTION_DAYS = 30
_TERMINAL_AT = slice(13, 15)  # the terminal code inside a case or batch number


@dataclass(frozen=True)
class Scope:
    codes: frozenset[str]  # this terminal's code, and the one it had before a rebuild
    window: str = ""
    department: str = ""
    retention_days: int = DEFAULT_RETENTION_DAYS

    @classmethod
    def of(cls, term: HallTerminal, retention_days: int) -> Scope:
        codes = frozenset(c for c in (term.code, term.previous) if c)
        return cls(codes, term.window_code or "", term.department_code or "", retention_days)

    @property
    def whole_hall(self) -> bool:
        return not (self.window or self.department)

    def label(self) -> str:
        """As ``counter-server terminals`` and the PC's settings page say it."""
        if self.whole_hall:
            return "全馆"
        return f"窗口 {self.window}" if self.window else f"部门 {self.department}"

    def token(self) -> str:
        """Compared by the PC between rounds: a change means it must start afresh."""
        return f"w={self.window};d={self.department}"

    def holds(self, number: str, window: str, department: str) -> bool:
        return (self.whole_hall or number[_TERMINAL_AT] in self.codes
                or (bool(self.window) and window == self.window)
                or (bool(self.department) and department == self.department))

    def retained(self, closed_at: datetime | None, now: datetime) -> bool:
        return (self.whole_hall or closed_at is None
                or closed_at >= now - timedelta(days=self.retention_days))


def narrow(conn: Connection, page: Page, scope: Scope, now: datetime, fresh: bool = False) -> None:
    """Drop from ``page`` every row ``scope`` may not hold (in place). ``fresh``: the PC
    holds nothing yet (its first pull): closed cases past retention are not sent at all.
    Otherwise they are, as they change, so that a PC learns that a case it holds was
    closed; the PC then lets it go itself (``hallsync/retention.py``)."""
    if scope.whole_hall:
        return
    case_ids: set[str] = set()
    batch_ids: set[str] = set()
    for table, rows in page.rows.items():
        for row in rows.values():
            if row.get("case_id"):
                case_ids.add(row["case_id"])
            elif row.get("batch_id"):
                batch_ids.add(row["batch_id"])
        if table == "case_file":
            case_ids |= set(rows)
        elif table == "handoff_batch":
            batch_ids |= set(rows)
    cases = _held_cases(conn, case_ids, scope, now if fresh else None)
    batches = _held_batches(conn, batch_ids, scope)
    for table, rows in list(page.rows.items()):
        keep = {rid: row for rid, row in rows.items() if keeps(table, rid, row, scope, cases, batches)}
        dropped = set(rows) - set(keep)
        page.rows[table] = keep
        page.wanted[table] -= dropped




def keeps(table: str, row_id: str, row: Mapping[str, Any], scope: Scope,
           cases: set[str], batches: set[str]) -> bool:
    if table == "event_log" and row.get("kind") == ACCESS_KIND:
        # Who looked at whom is the supervisors' to read, and each PC's own record.
        return row.get("terminal_code") in scope.codes
    if table == "case_file":
        return row_id in cases
    if table == "handoff_batch":
        return row_id in batches
    if row.get("case_id"):
        return row["case_id"] in cases
    if row.get("batch_id"):
        return row["batch_id"] in batches
    if table in ("complaint", "consultation"):  # of no case: the window's own
        return bool(scope.window) and row.get("window_code") == scope.window
    return True


def _held_cases(conn: Connection, ids: set[str], scope: Scope, now: datetime | None) -> set[str]:
    t = CaseFile.__table__
    held: set[str] = set()
    for part in chunks(sorted(ids)):
        for r in conn.execute(select(t.c.id, t.c.case_no, t.c.window_code, t.c.department_code,
                                     t.c.closed_at).where(t.c.id.in_(part))):
            if scope.holds(r.case_no, r.window_code, r.department_code) and \
                    (now is None or scope.retained(r.closed_at, now)):
                held.add(r.id)
    return held


def _held_batches(conn: Connection, ids: set[str], scope: Scope) -> set[str]:
    t = HandoffBatch.__table__
    held: set[str] = set()
    for part in chunks(sorted(ids)):
        for r in conn.execute(select(t.c.id, t.c.batch_no, t.c.window_code, t.c.department_code)
                              .where(t.c.id.in_(part))):
            if scope.holds(r.batch_no, r.window_code, r.department_code):
                held.add(r.id)
    return held
