"""Child process for the process-crash (SIGKILL) test: records cases in a loop, reporting each commit.

Usage: python durability_child.py DATA_DIR ITEM_CODE CLERK_USERNAME
Prints "ready" once, then one committed case number per line, flushed after each commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import select

from counter_app.bootstrap import terminal_code
from counter_app.models import Staff
from counter_app.models.database import Database
from counter_app.services.context import Actor, ServiceContext
from counter_app.services.intake.service import IntakeService

sys.path.insert(0, str(Path(__file__).resolve().parent))
from helpers import complete_intake


def main() -> None:
    folder, item_code, username = sys.argv[1:4]
    db = Database.local(Path(folder))
    ctx = ServiceContext(db=db, terminal=terminal_code(db))
    with db.session() as s:
        staff = s.execute(select(Staff).where(Staff.username == username)).scalar_one()
        actor = Actor.of(staff)
    svc = IntakeService(ctx)
    template = complete_intake(svc, item_code)
    print("ready", flush=True)
    while True:
        res = svc.record(actor, template, "accept")
        print(res.case_no, flush=True)


if __name__ == "__main__":
    main()
