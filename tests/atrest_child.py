"""Child process of the stolen-folder test: a counter PC at work, killed mid-work.

Usage: python atrest_child.py DATA_DIR ITEM_CODE CLERK PEOPLE.json
Unlocks the encrypted folder as CLERK (password in COUNTER_PASSWORD, as a script would),
then, for each person, saves a draft as the clerk types and records the case, and issues
its acceptance notice; prints one case number per line, then starts over with the same
people until it is killed.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import complete_intake

from counter_app.bootstrap import open_context, unlock_folder
from counter_app.diagnostics import setup_logging
from counter_app.services.intake.drafts import DraftService
from counter_app.services.intake.service import IntakeService
from counter_app.services.people.auth import AuthService
from counter_app.services.printing.service import PrintService


def main() -> None:
    folder, item_code, clerk_name, people_file = sys.argv[1:5]
    setup_logging(Path(folder))
    password = os.environ["COUNTER_PASSWORD"]
    unlock_folder(folder, clerk_name, password)
    ctx = open_context(folder)
    clerk = AuthService(ctx).login(clerk_name, password)
    people = json.loads(Path(people_file).read_text(encoding="utf-8"))
    intake, drafts, printing = IntakeService(ctx), DraftService(ctx), PrintService(ctx)
    print("ready", flush=True)
    while True:
        for p in people:
            form = complete_intake(intake, item_code)
            form.applicant.name, form.applicant.id_no = p["name"], p["id_no"]
            form.applicant.phone, form.applicant.address = p["phone"], p["address"]
            drafts.save(clerk.staff_id, form)
            case_no = intake.record(clerk, form, "accept").case_no
            printing.prepare(clerk, "acceptance", case_no)
            print(case_no, flush=True)


if __name__ == "__main__":
    main()
