"""Copies that went back in time: a PC restored from an older backup, a PC cloned from
another, a hall service restored from an older file. Each is noticed by name, recovered,
and no case number is ever held twice."""

from __future__ import annotations

import shutil

from sqlalchemy import func, select

from counter_app.models import CaseFile, HallTerminal
from counter_app.services.handoff.service import CaseCheck

from .conftest import Staffed
from .kit import PC, authorize, receive, snapshot


def _copy_pc(pc: PC, to: str) -> PC:
    pc.ctx.db.dispose()  # fold the WAL in, as a backup tool copying a closed file would
    dest = pc.folder.parent / to
    shutil.copytree(pc.folder, dest)
    pc.reopen()
    twin = PC(dest, pc.server)
    twin.reopen()
    return twin


def _numbers(staffed: Staffed) -> list[str]:
    hall = staffed.server.hall()
    try:
        with hall.db.session() as s:
            return list(s.execute(select(CaseFile.case_no)).scalars())
    finally:
        hall.db.dispose()


def _ready(staffed: Staffed) -> PC:
    a = staffed.pc("counter-a")
    authorize(a, a.login("boss"), "clerk", staffed.window)
    a.run()
    return a


def test_restored_pc_is_stopped_and_rebuilt(staffed: Staffed) -> None:
    a = _ready(staffed)
    a.login("clerk")  # her signing key is in the backup too
    backup = _copy_pc(a, "backup-of-a")  # last night's backup
    backup.close()
    clerk = a.login("clerk")  # A restarted after the copy: she signs in again
    first = receive(a, clerk, staffed.item_code, "张甲")
    a.run()
    a.close()  # the disk dies; the backup is put back in its place
    restored = PC(backup.folder, staffed.server)
    restored.reopen()
    errors = restored.run(ok=False)
    assert errors and "旧备份恢复" in errors[0], errors
    # Offline work done on it before anyone noticed is kept and re-sent after the rebuild.
    later = receive(restored, restored.login("clerk"), staffed.item_code, "李乙")
    assert later == first, "the restored copy reuses the number (this is what must not land)"
    assert restored.run(ok=False)
    from counter_app.hallsync.enroll import enroll

    old = restored.ctx.terminal
    enroll(restored.ctx.db, staffed.server.url, staffed.server.code(), fresh=True)
    restored.close()
    restored.reopen()
    assert restored.ctx.terminal != old
    restored.run()
    (op,) = restored.sync.refused()
    assert "编号已被使用" in op.reason or "冲突" in op.reason
    numbers = _numbers(staffed)
    assert len(numbers) == len(set(numbers)) == 1, "no number is held twice"
    new = receive(restored, restored.login("clerk"), staffed.item_code, "王丙")
    assert new[13:15] == restored.ctx.terminal
    restored.run()
    assert len(_numbers(staffed)) == 2


def test_cloned_pc_is_stopped_by_name_and_keeps_its_work(staffed: Staffed) -> None:
    a = _ready(staffed)
    clone = _copy_pc(a, "clone-of-a")  # two PCs from one image
    ca = receive(a, a.login("clerk"), staffed.item_code, "张甲")
    cb = receive(clone, clone.login("clerk"), staffed.item_code, "李乙")
    assert ca == cb  # same terminal code, same counter: the very thing to catch
    a.run()
    errors = clone.run(ok=False)
    assert errors and "复制" in errors[0]
    hall = staffed.server.hall()
    with hall.db.session() as s:
        term = s.get(HallTerminal, a.ctx.terminal)
        assert term is not None and "复制" in term.diverged
    hall.db.dispose()
    from counter_app.hallsync.enroll import enroll

    enroll(clone.ctx.db, staffed.server.url, staffed.server.code(), fresh=True)
    clone.close()
    clone.reopen()
    clone.run()
    (op,) = clone.sync.refused()  # its case's number was taken by the original
    assert op.name == "intake.record"
    cc = receive(clone, clone.login("clerk"), staffed.item_code, "王丙")
    clone.run()
    numbers = _numbers(staffed)
    assert sorted(numbers) == sorted([ca, cc]) and len(set(numbers)) == 2


def test_restored_service_gets_back_what_it_lost(staffed: Staffed) -> None:
    a = _ready(staffed)
    c = staffed.pc("approver-c", "approver")
    clerk = a.login("clerk")
    one = receive(a, clerk, staffed.item_code, "张甲")
    a.run()
    staffed.server.stop()
    saved = staffed.server.folder / "hall.sqlite3.bak"
    shutil.copy(staffed.server.folder / "hall.sqlite3", saved)
    staffed.server.start()
    (batch,) = a.handoff.create_batches(clerk, [one])
    two = receive(a, clerk, staffed.item_code, "李乙")
    a.run()
    c.run()
    c.handoff.sign(c.login("approver"), batch, [CaseCheck(one)])
    c.run()
    # The service's disk is replaced by the older copy.
    staffed.server.stop()
    for suffix in ("-wal", "-shm"):
        (staffed.server.folder / f"hall.sqlite3{suffix}").unlink(missing_ok=True)
    shutil.copy(saved, staffed.server.folder / "hall.sqlite3")
    staffed.server.start()
    a.run()
    c.run()
    a.run()
    hall = staffed.server.hall()
    try:
        with hall.db.session() as s:
            status = dict(s.execute(select(CaseFile.case_no, CaseFile.status)).all())
            assert s.execute(select(func.count()).select_from(CaseFile)).scalar_one() == 2
        assert status == {one: "with_approver", two: "accepted"}
        want = snapshot(hall)
    finally:
        hall.db.dispose()
    for pc in (a, c):
        got = snapshot(pc.ctx)
        for table in want:
            assert got[table] == want[table], f"{pc.folder.name}: {table}"
