"""Issue 23, the stolen-folder test. An encrypted counter PC does a day's work on a real hall
service (intake, drafts, notices issued and kept, prints logged, sync), is killed mid-work
(SIGKILL of the process recording cases) and restarted. Then every file in its data folder
and in the temporary folder its processes used is searched for each applicant's ID number,
phone and name (UTF-8, UTF-16 and GB18030): none is there, and Python's plain sqlite3 reads
nothing from the database or its WAL.

One notice is printed through a real spooler (a private cupsd with a CUPS-PDF queue,
tests/cupskit.py) by the counter's own print path (QPrinter, as ``counter-admin print
--printer``), its temporary files in the same temp folder.

What it proves: nothing these code paths write to the data folder or the temp folder holds
those values in the clear, after a crash too (the hall's own plain database, searched the
same way, does hold them: the search finds what is there). What it does not: the spooler's
own copy while a job waits (its spool folder, root's), files a user saves elsewhere on
purpose, and memory or swap of a running PC (docs/PERSONAL-DATA.md).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter_app import vault
from counter_app.bootstrap import open_database, unlock_folder
from counter_app.diagnostics import setup_logging, stop_logging
from counter_app.models import CaseFile
from counter_app.services.demo import people as demo_people
from counter_app.services.intake.drafts import DraftService
from counter_app.services.printing.service import PrintService

from .. import cupskit
from ..helpers import complete_intake
from .conftest import Staffed
from .kit import PASSWORD, PC, authorize

CHILD = Path(__file__).resolve().parents[1] / "atrest_child.py"
ROOT = Path(__file__).resolve().parents[2]


def _people(n: int) -> list[dict[str, str]]:
    """Applicants no other test uses: a search can only find what this one wrote."""
    rng = random.Random()
    rare = "龑昶珺琬翀甯霈骞璟瑄"
    out = []
    for _ in range(n):
        name = demo_people.person_name(rng)[:1] + rng.choice(rare) + rng.choice(rare)
        out.append({"name": name, "id_no": demo_people.resident_id(rng),
                    "phone": demo_people.mobile(rng), "address": demo_people.address(rng)})
    return out


def _needles(person: dict[str, str]) -> dict[str, bytes]:
    out = {"id_no": person["id_no"].encode(), "phone": person["phone"].encode()}
    for enc in ("utf-8", "utf-16-le", "gb18030"):
        out[f"name/{enc}"] = person["name"].encode(enc)
    return out


def _found(roots: list[Path], people: list[dict[str, str]]) -> list[str]:
    hits = []
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            data = path.read_bytes()
            for person in people:
                hits += [f"{path}: {person['name']} {what}" for what, needle in
                         _needles(person).items() if needle in data]
    return hits


def _receive(pc: PC, clerk, item: str, person: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    form = complete_intake(pc.intake, item)
    form.applicant.name, form.applicant.id_no = person["name"], person["id_no"]
    form.applicant.phone, form.applicant.address = person["phone"], person["address"]
    return pc.intake.record(clerk, form, "accept").case_no


def _plain_sqlite_reads_nothing(folder: Path) -> None:
    for name in ("counter.sqlite3", "counter.sqlite3-wal"):
        if not (folder / name).exists():
            continue
        con = sqlite3.connect(f"{(folder / name).as_uri()}?mode=ro", uri=True)
        try:
            with pytest.raises(sqlite3.DatabaseError, match="not a database"):
                con.execute("SELECT name FROM sqlite_master").fetchall()
        finally:
            con.close()


@pytest.fixture(scope="module")
def spooler() -> Iterator[cupskit.Spooler]:
    why = cupskit.available()
    if why:
        pytest.skip(why)
    yield from cupskit.start()


def test_a_stolen_folder_gives_nothing_away(staffed: Staffed, tmp_path: Path, spooler: cupskit.Spooler,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "apptemp"  # every temporary file of this PC's processes goes here
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    folder = staffed.tmp / "pc1"
    open_database(folder, protect=True).dispose()  # as the app's first run makes it
    pc = PC(folder, staffed.server).enroll()
    setup_logging(folder)
    people = _people(6)
    by_day, by_child = people[:3], people[3:]
    try:
        authorize(pc, pc.login("boss"), "clerk", staffed.window)
        clerk = pc.login("clerk")
        # The day: cases received, their notices issued (kept for reprints) and printed...
        for person in by_day:
            case_no = _receive(pc, clerk, staffed.item_code, person)
            job = PrintService(pc.ctx).prepare(clerk, "acceptance", case_no)
            PrintService(pc.ctx).log_print(clerk, job, "CounterPDF")
        # ...an intake left half-typed (a draft), and a sync with the hall.
        draft = complete_intake(pc.intake, staffed.item_code)
        draft.applicant.name, draft.applicant.id_no = by_child[0]["name"], by_child[0]["id_no"]
        DraftService(pc.ctx).save(clerk.staff_id, draft)
        pc.run()
        pc.close()
        # A reprint through the spooler, as the counter prints (QPrinter, then CUPS).
        printed = subprocess.run(
            [sys.executable, "-m", "counter_app.cli.main", "--data-dir", str(folder), "--user",
             "clerk", "print", "--case", case_no, "--doc", "acceptance", "--printer",
             spooler.queue],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
            env={**spooler.env, "PYTHONPATH": str(ROOT), "COUNTER_PASSWORD": PASSWORD,
                 "TMPDIR": str(temp)})
        assert printed.returncode == 0, printed.stdout + printed.stderr
        assert spooler.written(f"acceptance-{case_no}").stat().st_size > 0

        # The PC goes on in another process and is killed while recording.
        (tmp_path / "people.json").write_text(json.dumps(by_child, ensure_ascii=False),
                                             encoding="utf-8")
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(folder), staffed.item_code, "clerk",
             str(tmp_path / "people.json")],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "COUNTER_PASSWORD": PASSWORD,
                 "TMPDIR": str(temp)})
        assert child.stdout is not None and child.stderr is not None
        try:
            lines = [child.stdout.readline().strip() for _ in range(len(by_child) + 2)]
            child.send_signal(signal.SIGKILL)  # mid-work: it goes on recording until now
            child.wait(10)
            assert lines[0] == "ready" and all(len(n) == 20 for n in lines[1:]), \
                child.stderr.read()
        finally:
            child.stdout.close()
            child.stderr.close()
        assert (folder / "counter.sqlite3-wal").exists()  # the crash left its WAL behind
        assert _found([folder, temp], people) == []
        _plain_sqlite_reads_nothing(folder)

        # Restart: a sign-in unlocks the folder again; everything is there and syncs.
        vault.forget(folder)
        unlock_folder(folder, "clerk", PASSWORD)
        pc.reopen()
        pc.run()
        with pc.ctx.db.session() as s:
            names = set(s.execute(select(CaseFile.applicant_name)).scalars())
            assert {p["name"] for p in people} - {by_child[0]["name"]} <= names
            assert s.execute(select(func.count()).select_from(CaseFile)).scalar_one() >= 5
        assert DraftService(pc.ctx).load(clerk.staff_id) is not None
    finally:
        stop_logging()
        pc.close()
        vault.forget(folder)

    assert list((folder / "logs").glob("counter.log*"))  # the log was written, and searched
    hits = _found([folder, temp], people)
    assert hits == []
    _plain_sqlite_reads_nothing(folder)
    # The search finds what is there: the hall's own (unencrypted) database holds them.
    hall_hits = _found([staffed.server.folder], by_day)
    assert any("id_no" in h for h in hall_hits) and any("name/utf-8" in h for h in hall_hits)
