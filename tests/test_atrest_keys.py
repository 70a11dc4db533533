"""Issue 23, item 2: the keys of an encrypted data folder. A wrong password does not unlock;
a changed password rewraps; an administrator's reset keeps every case; the command line
unlocks with --user. (The hall's recovery slot: tests/hall/test_hall_recovery_slot.py.)"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter_app import vault
from counter_app.bootstrap import open_context, open_database, unlock_folder
from counter_app.cli.main import main as admin_main
from counter_app.models import CaseFile, Staff
from counter_app.services.intake.service import IntakeService
from counter_app.services.people.auth import AuthService, LoginError
from counter_app.services.people.staffing import StaffService

from .conftest import PASSWORD, _build_template
from .helpers import complete_intake

CASES = 3


@pytest.fixture(scope="module")
def template(shipped_catalog) -> Iterator[tuple[Path, list[str]]]:  # type: ignore[no-untyped-def]
    """An encrypted folder: the shared test staff, clerk and boss with slots, three cases."""
    folder = Path(tempfile.mkdtemp(prefix="counter-atrest-")) / "data"
    open_database(folder, protect=True).dispose()  # created encrypted, key pending
    info = _build_template(folder, shipped_catalog, "01")
    ctx = open_context(folder)
    for user in ("clerk", "boss"):
        ctx.keys.grant(user, PASSWORD)
    svc = IntakeService(ctx)
    cases = [svc.record(info["actors"]["clerk"], complete_intake(svc, info["committed"].code),
                        "accept").case_no for _ in range(CASES)]
    ctx.db.dispose()
    vault.forget(folder)
    yield folder, cases
    shutil.rmtree(folder.parent, ignore_errors=True)


@pytest.fixture()
def folder(template: tuple[Path, list[str]], tmp_path: Path) -> Iterator[Path]:
    shutil.copytree(template[0], tmp_path / "data")
    yield tmp_path / "data"
    vault.forget(tmp_path / "data")


def _case_numbers(folder: Path) -> list[str]:
    ctx = open_context(folder)
    try:
        with ctx.db.session() as s:
            return sorted(s.execute(select(CaseFile.case_no)).scalars())
    finally:
        ctx.db.dispose()


def _unlocks(folder: Path, user: str, password: str) -> bool:
    vault.forget(folder)
    try:
        unlock_folder(folder, user, password)
    except vault.VaultError:
        return False
    return True


def test_the_folder_is_unreadable_and_locked_without_a_password(folder: Path) -> None:
    with pytest.raises(vault.Locked, match="数据文件夹已加密"):
        open_context(folder)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(folder / "counter.sqlite3").execute("SELECT * FROM case_file").fetchall()
    assert folder.stat().st_mode & 0o777 == 0o700
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in folder.iterdir() if p.is_file())


def test_a_wrong_password_does_not_unlock(folder: Path, template: tuple[Path, list[str]]) -> None:
    with pytest.raises(vault.VaultError) as wrong:
        unlock_folder(folder, "clerk", "not-the-password")
    with pytest.raises(vault.VaultError) as stranger:
        unlock_folder(folder, "nobody", PASSWORD)
    assert str(wrong.value) == str(stranger.value)  # no user name is confirmed
    assert str(wrong.value).startswith("用户名或密码错误")
    assert vault.unlocked(folder) is None
    with pytest.raises(vault.Locked):
        open_context(folder)
    unlock_folder(folder, "clerk", PASSWORD)
    assert _case_numbers(folder) == sorted(template[1])


def test_a_password_change_rewraps(folder: Path) -> None:
    unlock_folder(folder, "clerk", PASSWORD)
    ctx = open_context(folder)
    clerk = AuthService(ctx).login("clerk", PASSWORD)
    with pytest.raises(ValueError, match="原密码不对"):
        StaffService(ctx).change_password(clerk, "not-the-password", "brand-new-pw")
    StaffService(ctx).change_password(clerk, PASSWORD, "brand-new-pw")
    ctx.db.dispose()
    assert not _unlocks(folder, "clerk", PASSWORD)  # the old password opens nothing at rest
    assert _unlocks(folder, "clerk", "brand-new-pw")
    assert _unlocks(folder, "boss", PASSWORD)  # nobody else's slot changed
    ctx = open_context(folder)
    with pytest.raises(LoginError):
        AuthService(ctx).login("clerk", PASSWORD)
    assert AuthService(ctx).login("clerk", "brand-new-pw").username == "clerk"
    ctx.db.dispose()


def test_an_administrators_reset_keeps_every_case(folder: Path, template: tuple[Path, list[str]]) -> None:
    """The clerk forgot the password: the supervisor resets it; every case is still there,
    read with the clerk's new password after a restart (a new process's view: keys forgotten)."""
    unlock_folder(folder, "boss", PASSWORD)
    ctx = open_context(folder)
    boss = AuthService(ctx).login("boss", PASSWORD)
    with ctx.db.session() as s:
        clerk_id = s.execute(select(Staff.id).where(Staff.username == "clerk")).scalar_one()
    clerk = AuthService(ctx).login("clerk", PASSWORD)
    with pytest.raises(Exception, match="没有权限"):  # a clerk resets nobody else's password
        StaffService(ctx).reset_password(clerk, boss.staff_id, "taken-over-1")
    StaffService(ctx).reset_password(boss, clerk_id, "reset-by-boss")
    ctx.db.dispose()
    assert not _unlocks(folder, "clerk", PASSWORD)
    assert _unlocks(folder, "clerk", "reset-by-boss")
    assert _case_numbers(folder) == sorted(template[1])
    ctx = open_context(folder)
    with ctx.db.session() as s:
        assert s.execute(select(func.count()).select_from(CaseFile)).scalar_one() == CASES
    assert AuthService(ctx).login("clerk", "reset-by-boss").username == "clerk"
    ctx.db.dispose()


def test_a_sign_in_on_an_unlocked_pc_gives_a_slot(folder: Path) -> None:
    """A colleague with no slot here signs in after someone unlocked the PC: from then on
    their own password unlocks it (the app's switch-user path)."""
    assert not _unlocks(folder, "approver", PASSWORD)
    unlock_folder(folder, "clerk", PASSWORD)
    ctx = open_context(folder)
    AuthService(ctx).login("approver", PASSWORD)
    ctx.db.dispose()
    assert _unlocks(folder, "approver", PASSWORD)


def test_the_command_line_unlocks_with_user(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    data = str(folder)
    assert admin_main(["--data-dir", data, "verify-audit"]) == 2
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("COUNTER_PASSWORD", "not-the-password")
    assert admin_main(["--data-dir", data, "--user", "clerk", "verify-audit"]) == 2
    assert "用户名或密码错误" in capsys.readouterr().err
    monkeypatch.setenv("COUNTER_PASSWORD", PASSWORD)
    assert admin_main(["--data-dir", data, "--user", "clerk", "verify-audit"]) == 0
    assert "审计通过" in capsys.readouterr().out
    assert vault.unlocked(folder) is None  # the key went with the command
    monkeypatch.setenv("COUNTER_NEW_PASSWORD", "via-the-cli-1")
    assert admin_main(["--data-dir", data, "--user", "boss", "reset-password", "clerk"]) == 0
    assert _unlocks(folder, "clerk", "via-the-cli-1")


def test_init_with_a_user_creates_an_encrypted_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "new"
    monkeypatch.setenv("COUNTER_PASSWORD", PASSWORD)
    assert admin_main(["--data-dir", str(data), "--user", "admin", "init", "--terminal", "3"]) == 0
    assert "已建立加密的数据文件夹" in capsys.readouterr().out
    assert vault.is_protected(data) and vault.pending_key(data) is None
    assert _unlocks(data, "admin", PASSWORD)
    plain = tmp_path / "plain"
    assert admin_main(["--data-dir", str(plain), "init", "--terminal", "4"]) == 0
    assert "未加密" in capsys.readouterr().err  # said, not silent
    assert not vault.is_protected(plain)


def test_the_log_of_an_encrypted_folder_is_sealed(folder: Path) -> None:
    import logging

    from counter_app.diagnostics import log_path, read_log, setup_logging, stop_logging

    setup_logging(folder)
    try:
        logging.getLogger("counter.test").warning("申请人欧阳龑昶 的办件出错")
    finally:
        stop_logging()
    raw = log_path(folder).read_bytes()
    assert "欧阳龑昶".encode() not in raw and b"sealed " in raw
    assert "欧阳龑昶" not in read_log(log_path(folder), None)
    unlock_folder(folder, "clerk", PASSWORD)
    key = vault.unlocked(folder)
    assert key is not None
    assert "申请人欧阳龑昶 的办件出错" in read_log(log_path(folder), vault.log_private_key(folder, key))


def test_protect_turns_a_plain_folder_into_an_encrypted_one(
        tmp_path: Path, hall, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        capsys: pytest.CaptureFixture[str]) -> None:
    from .helpers import PERSON_ID

    svc = IntakeService(hall.ctx)
    case_no = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept").case_no
    folder = Path(hall.ctx.db.url.removeprefix("sqlite:///")).parent
    hall.ctx.db.dispose()
    assert PERSON_ID.encode() in (folder / "counter.sqlite3").read_bytes()
    monkeypatch.setenv("COUNTER_PASSWORD", PASSWORD)
    assert admin_main(["--data-dir", str(folder), "--user", "clerk", "protect"]) == 2
    assert "不是管理人员" in capsys.readouterr().err
    assert admin_main(["--data-dir", str(folder), "--user", "boss", "protect"]) == 0
    assert "数据文件夹已加密（1 件办件）" in capsys.readouterr().out
    for path in folder.iterdir():
        assert not path.is_file() or PERSON_ID.encode() not in path.read_bytes(), path
    assert not (folder / "counter.sqlite3.encrypted-new").exists()
    assert _unlocks(folder, "boss", PASSWORD)
    assert _case_numbers(folder) == [case_no]


def test_an_account_made_here_can_unlock(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTER_PASSWORD", PASSWORD)
    monkeypatch.setenv("NEW_PW", "newcomer-pw1")
    assert admin_main(["--data-dir", str(folder), "--user", "boss", "add-user", "newcomer",
                       "--name", "新来的", "--roles", "clerk", "--password-env", "NEW_PW"]) == 0
    assert _unlocks(folder, "newcomer", "newcomer-pw1")
    ctx = open_context(folder)
    boss = AuthService(ctx).login("boss", PASSWORD)
    StaffService(ctx).add(boss, "second", "第二位", "second-pw-1", ["clerk"])
    ctx.db.dispose()
    assert _unlocks(folder, "second", "second-pw-1")
