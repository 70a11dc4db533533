"""Issue 16: each storage fault a counter PC meets ends in a Chinese message that says what
happened and what to do; nothing is half-saved and no traceback or raw English shows.

The faults are real: a file that is not a database, a truncated one, one that fails
integrity_check, a read-only and a full file system (tmpfs, mounted as root; skipped where
mounting is not allowed), a relative data folder, a held write lock, exhausted numbers.
"""

from __future__ import annotations

import contextlib
import csv
import os
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter_app.bootstrap import open_context
from counter_app.cli.main import main
from counter_app.failures import StorageError, describe
from counter_app.first_run_check import first_run_pending
from counter_app.models import CaseFile, PrintRecord
from counter_app.models.database import DB_FILENAME
from counter_app.services.intake.numbering import MAX_SEQ, NumberError
from counter_app.services.intake.service import IntakeService

from .conftest import Hall
from .helpers import PERSON_ID, complete_intake

RAW = ("Traceback", "sqlite3.", "OperationalError", "sqlalche.me", "Errno")


def admin(capsys, *args: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    code = main(list(args))
    out = capsys.readouterr()
    text = out.out + out.err
    assert not any(r in text for r in RAW), text
    return code, text


@pytest.fixture()
def folder(tmp_path: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    f = tmp_path / "pc"
    assert main(["--data-dir", str(f), "init", "--terminal", "3"]) == 0
    capsys.readouterr()
    return f


def test_a_file_that_is_not_a_database(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "pc"
    f.mkdir()
    (f / DB_FILENAME).write_bytes(b"PK\x03\x04 this is a zip, copied over the database" * 50)
    assert first_run_pending(f) is False  # the login screen opens it and says why
    with pytest.raises(StorageError, match="已损坏（不是本系统的数据库文件）"):
        open_context(f)
    for command in (["verify-audit"], ["init"], ["import-cases", "x.csv"], ["sync-conflicts"]):
        code, text = admin(capsys, "--data-dir", str(f), *command)
        assert code == 2 and "已损坏" in text and "请不要删除" in text, (command, text)


def test_a_truncated_database(folder: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = folder / DB_FILENAME
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.truncate(size // 3)
    code, text = admin(capsys, "--data-dir", str(folder), "verify-audit")
    assert code == 2 and "文件被截断" in text


def test_a_database_that_fails_integrity_check(folder: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = folder / DB_FILENAME
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'service_item'").fetchone()[0]
    con.close()
    with path.open("r+b") as f:  # scribble over the catalog table's root page
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * page_size)
    code, text = admin(capsys, "--data-dir", str(folder), "export-catalog",
                       str(folder.parent / "out.json"))
    assert code == 2 and "已损坏（完整性检查未通过）" in text


def test_a_relative_data_folder_simply_works(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    code, _text = admin(capsys, "--data-dir", "rel", "init", "--terminal", "4")
    assert code == 0 and (tmp_path / "rel" / DB_FILENAME).exists()
    monkeypatch.setenv("COUNTER_DATA_DIR", "rel")
    from counter_app.paths import data_dir

    assert data_dir().is_absolute()
    assert first_run_pending(data_dir()) is True  # set up, but nobody can log in yet
    assert admin(capsys, "verify-audit")[0] == 0


@contextlib.contextmanager
def _tmpfs(size: str) -> Iterator[Path]:
    mount = Path(tempfile.mkdtemp(prefix="counter-fs-"))
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}",
                                            "tmpfs", str(mount)], capture_output=True).returncode:
        mount.rmdir()
        pytest.skip("mounting a tmpfs needs root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
        mount.rmdir()


def test_a_read_only_data_folder(capsys, shipped_catalog) -> None:  # type: ignore[no-untyped-def]
    with _tmpfs("64m") as mount:
        f = mount / "pc"
        assert main(["--data-dir", str(f), "init"]) == 0
        capsys.readouterr()
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        with pytest.raises(StorageError, match="只读") as exc:
            open_context(f)
        assert "--data-dir" in str(exc.value)
        code, text = admin(capsys, "--data-dir", str(f), "verify-audit")
        assert code == 2 and "只读" in text
        code, text = admin(capsys, "--data-dir", str(mount / "new"), "init")
        assert code == 2 and "只读" in text


def _ledger(path: Path, item: str, n: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["台账编号", "事项编码", "申请人", "证件号码", "收件日期", "受理日期", "受理人"])
        for i in range(n):
            w.writerow([f"F{i}", item, "张伟", PERSON_ID, "2026-11-02", "2026-11-02", "admin"])
    return path


def test_a_full_disk_during_import_and_print(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with _tmpfs("24m") as mount:
        f = mount / "pc"
        assert main(["--data-dir", str(f), "init"]) == 0
        ctx = open_context(f)
        from counter_app.services.people import auth

        with ctx.db.transaction() as s:
            auth.add_user(s, "admin", "管理员", "counter123", ["clerk"], terminal="01")
            from counter_app.services.catalog.store import current_versions

            item = next(v.code for v in current_versions(s) if v.agent_allowed)
        ctx.db.dispose()
        capsys.readouterr()
        filler = mount / "filler"
        free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
        filler.write_bytes(b"\0" * max(free - 256 * 1024, 0))  # leave ~256 KB
        ledger = _ledger(tmp_path / "big.csv", item, 3000)
        code, text = admin(capsys, "--data-dir", str(f), "import-cases", str(ledger))
        assert code == 2 and "磁盘空间已满" in text and "重新导入同一文件" in text, text
        con = sqlite3.connect(f / DB_FILENAME)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        saved = con.execute("SELECT COUNT(*) FROM case_file").fetchone()[0]
        con.close()
        assert f"此前已保存 {saved} 件" in text
        filler.unlink()  # space again: the same file finishes the job, nothing twice
        code, text = admin(capsys, "--data-dir", str(f), "import-cases", str(ledger))
        assert code == 0 and f"已导入过（跳过）{saved} 件" in text
        con = sqlite3.connect(f / DB_FILENAME)
        assert con.execute("SELECT COUNT(*) FROM case_file").fetchone()[0] == 3000
        case_no = con.execute("SELECT case_no FROM case_file LIMIT 1").fetchone()[0]
        con.close()
        # A PDF that cannot be written is not logged, and leaves no stub.
        out = mount / "receipt.pdf"
        filler.write_bytes(b"\0" * (os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize))
        code, text = admin(capsys, "--data-dir", str(f), "print", "--case", case_no,
                           "--doc", "acceptance", "--out", str(out))
        assert code == 2 and "磁盘空间已满" in text and str(out) in text
        assert not out.exists() and not list(mount.glob("*.part"))
        filler.unlink()
        con = sqlite3.connect(f / DB_FILENAME)
        assert con.execute("SELECT COUNT(*) FROM print_log").fetchone()[0] == 0
        con.close()


def test_print_to_a_file_that_cannot_be_written_logs_nothing(hall: Hall, capsys) -> None:  # type: ignore[no-untyped-def]
    svc = IntakeService(hall.ctx)
    case_no = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept").case_no
    folder = Path(hall.ctx.db.url.removeprefix("sqlite:///")).parent
    hall.ctx.db.dispose()
    bad = folder / "no-such-folder" / "r.pdf"
    code, text = admin(capsys, "--data-dir", str(folder), "print", "--case", case_no, "--doc",
                       "acceptance", "--out", str(bad))
    assert code == 2 and "找不到" in text and "没有保存" in text
    with hall.ctx.db.session() as s:
        assert s.execute(select(func.count()).select_from(PrintRecord)).scalar_one() == 0
    assert admin(capsys, "--data-dir", str(folder), "print", "--case", case_no, "--doc",
                 "acceptance", "--out", str(folder / "ok.pdf"))[0] == 0
    with hall.ctx.db.session() as s:
        assert s.execute(select(func.count()).select_from(PrintRecord)).scalar_one() == 1


def test_a_held_write_lock_is_named(hall: Hall) -> None:
    path = hall.ctx.db.url.removeprefix("sqlite:///")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        waiter = sqlite3.connect(path, timeout=0.2)
        with pytest.raises(sqlite3.OperationalError) as exc:
            waiter.execute("BEGIN IMMEDIATE")
        waiter.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    message = describe(exc.value)
    assert message is not None and "另一程序占用" in message and "没有保存" in message


def test_exhausted_numbers_are_a_message(hall: Hall, capsys) -> None:  # type: ignore[no-untyped-def]
    day = hall.clock.now.date()
    with hall.ctx.db.transaction() as s:
        s.connection().exec_driver_sql(
            "INSERT INTO number_counter (kind, day, last) VALUES ('1', ?, ?)",
            (f"{day:%y%m%d}", MAX_SEQ))
    svc = IntakeService(hall.ctx)
    with pytest.raises(NumberError, match=r"已用完.*本次没有登记.*另一台受理电脑"):
        svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    with hall.ctx.db.session() as s:
        assert s.execute(select(func.count()).select_from(CaseFile)).scalar_one() == 0
    assert day == date(2026, 11, 23)
