"""Issue 23, item 2: the recovery slot, through a real hall service. An encrypted PC leaves
its wrapped key with the hall at enrollment; when nobody present can unlock the PC, the
hall gives it back to that folder on a supervisor's credential, and to nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app import vault
from counter_app.bootstrap import open_context, open_database, unlock_folder
from counter_app.models import CaseFile, HallRecovery
from counter_app.services.people.auth import AuthService

from .conftest import Staffed
from .kit import PASSWORD, PC, authorize, receive


def _encrypted_pc(staffed: Staffed, name: str) -> PC:
    folder = staffed.tmp / name
    open_database(folder, protect=True).dispose()  # a new PC's folder, as the app makes it
    return PC(folder, staffed.server).enroll()


def _locked(pc: PC) -> Path:
    """The PC switched off: nothing unlocked any more (a new process's view)."""
    pc.close()
    vault.forget(pc.folder)
    return pc.folder


def test_the_recovery_slot_opens_the_pc_for_a_supervisor_only(staffed: Staffed) -> None:
    pc = _encrypted_pc(staffed, "pc1")
    assert vault.recovery_of(pc.folder) is not None and vault.pending_key(pc.folder) is None
    authorize(pc, pc.login("boss"), "clerk", staffed.window)
    case_no = receive(pc, pc.login("clerk"), staffed.item_code, name="赵敏")
    pc.run()
    folder = _locked(pc)
    with pytest.raises(vault.Locked):
        open_context(folder)
    # Signing in gave both a slot here; say both forgot their passwords since: no slot on
    # this PC opens any more (taken away, which is what a forgotten password amounts to).
    assert vault.revoke(folder, "boss") and vault.revoke(folder, "clerk")
    assert vault.slot_count(folder) == 0

    # A clerk is not enough for the hall...
    with pytest.raises(vault.VaultError, match="管理人员（supervisor）"):
        unlock_folder(folder, "clerk", PASSWORD)
    # ...nor a supervisor with a wrong password.
    with pytest.raises(vault.VaultError, match="用户名或密码错误"):
        unlock_folder(folder, "boss", "not-the-password")
    assert vault.unlocked(folder) is None

    unlock_folder(folder, "boss", PASSWORD)  # the hall gives the wrapped key back
    ctx = open_context(folder)
    with ctx.db.session() as s:
        assert s.execute(select(CaseFile.case_no)).scalars().all() == [case_no]
    AuthService(ctx).login("boss", PASSWORD)  # signing in writes the supervisor's own slot
    ctx.db.dispose()
    hall = staffed.server.hall()
    with hall.db.session() as s:
        row = s.get(HallRecovery, pc.ctx.terminal)
        assert row is not None and row.used_by == "boss" and row.used_at is not None
    hall.db.dispose()

    staffed.server.stop()  # from now on the supervisor's password unlocks it offline too
    vault.forget(folder)
    unlock_folder(folder, "boss", PASSWORD)
    open_context(folder).db.dispose()


def test_the_hall_answers_only_the_folder_that_left_the_slot(staffed: Staffed) -> None:
    pc = _encrypted_pc(staffed, "pc1")
    folder = _locked(pc)
    keys = folder / vault.KEYS_FILE
    data = json.loads(keys.read_text(encoding="utf-8"))
    data["recovery"]["rid"] = "0" * 32  # another folder claiming to be this terminal
    keys.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(vault.VaultError, match=r"没有终端 \d+ 的这份恢复密钥"):
        unlock_folder(folder, "boss", PASSWORD)
    assert vault.unlocked(folder) is None


def test_a_plain_pc_leaves_no_recovery_slot(staffed: Staffed) -> None:
    pc = PC(staffed.tmp / "plain", staffed.server).enroll()
    hall = staffed.server.hall()
    with hall.db.session() as s:
        assert s.get(HallRecovery, pc.ctx.terminal) is None
    hall.db.dispose()
    assert not vault.is_protected(pc.folder)
