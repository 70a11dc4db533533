"""Enrollment and its faults, through the real command lines: every failure a Chinese
message and a non-zero exit, nothing unsent dropped; a terminal holds no database
credentials."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import update

from counter_app import vault
from counter_app.models import HallEnrollCode, hall_now

from .conftest import Staffed
from .kit import PASSWORD, HallServer, authorize, receive, refused_port

# As the installed entry points run them (``-m`` would load main twice).
ADMIN = "import sys; from counter_app.cli.main import main; sys.exit(main())"
SERVER = "import sys; from counter_app.hall.cli import main; sys.exit(main())"


def admin(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", ADMIN, "--data-dir", str(folder), *args],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def server_cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", SERVER, "--data-dir", str(folder), *args],
                          capture_output=True, text=True, timeout=120)


def _expect_chinese_failure(r: subprocess.CompletedProcess[str], *words: str) -> None:
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and r.stderr.startswith("错误："), r.stderr
    for w in words:
        assert w in r.stderr, r.stderr


def test_enroll_through_the_commands(staffed: Staffed, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _expect_chinese_failure(server_cli(staffed.server.folder, "enroll-code"), "--window", "--whole-hall")
    _expect_chinese_failure(server_cli(staffed.server.folder, "enroll-code", "--window", "无此窗口"),
                            "窗口“无此窗口”不存在")
    code = server_cli(staffed.server.folder, "enroll-code", "--window", staffed.window)
    assert code.returncode == 0 and re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}-[0-9a-f]{16}\n",
                                                  code.stdout), code.stdout
    pc = tmp_path / "pc"
    r = admin(pc, "enroll", staffed.server.url, code.stdout.strip())
    assert r.returncode == 0, r.stderr
    assert "终端编号 01" in r.stdout and "下载" in r.stdout
    # Made encrypted, as the first-run dialog makes it; a supervisor's hall password opens
    # it the first time (the hall's recovery slot), and then their own slot does.
    assert vault.is_protected(pc) and vault.slot_count(pc) == 0
    assert "管理人员用其大厅账号登录" in r.stdout, r.stdout
    locked = admin(pc, "hall-sync")
    assert locked.returncode == 2 and "已加密" in locked.stderr, locked.stderr
    monkeypatch.setenv("COUNTER_PASSWORD", PASSWORD)
    r = admin(pc, "--user", "boss", "recover")
    assert r.returncode == 0 and vault.has_slot(pc, "boss"), r.stderr
    r = admin(pc, "--user", "boss", "hall-sync")
    assert r.returncode == 0 and "下载" in r.stdout, r.stderr
    # The same code again: used once only.
    r = admin(tmp_path / "pc2", "enroll", staffed.server.url, code.stdout.strip())
    _expect_chinese_failure(r, "已被终端 01 使用过")
    listing = server_cli(staffed.server.folder, "terminals")
    assert listing.returncode == 0 and listing.stdout.startswith("01  "), listing.stdout
    assert "counter" in listing.stdout and "正常" in listing.stdout and "从未" not in listing.stdout
    assert f"窗口 {staffed.window}" in listing.stdout


def test_bad_codes_and_a_server_that_is_not_the_hall(staffed: Staffed, tmp_path: Path) -> None:
    pc = tmp_path / "pc"
    good = staffed.server.code()
    _expect_chinese_failure(admin(pc, "enroll", staffed.server.url, "12345"), "注册码", "格式不对")
    wrong_secret = "AAAAA-BBBBB-" + good.split("-")[2]
    _expect_chinese_failure(admin(pc, "enroll", staffed.server.url, wrong_secret), "注册码无效")
    # A code whose fingerprint is another hall's: the PC never talks to this server.
    impostor = HallServer(tmp_path / "impostor").init()
    other_fp = impostor.code().split("-")[2]
    _expect_chinese_failure(admin(pc, "enroll", staffed.server.url, good[:12] + other_fp),
                     "证书与注册码不符")
    expired = staffed.server.code()
    hall = staffed.server.hall()
    with hall.db.transaction() as s:
        s.execute(update(HallEnrollCode).values(expires_at=hall_now() - timedelta(minutes=1)))
    hall.db.dispose()
    _expect_chinese_failure(admin(pc, "enroll", staffed.server.url, expired), "过期")
    with refused_port() as port:
        _expect_chinese_failure(admin(pc, "enroll", f"https://127.0.0.1:{port}", good),
                                "无法连接大厅服务器")
    _expect_chinese_failure(admin(pc, "enroll", "http://127.0.0.1:1", good), "https://")


def test_revoked_terminal_and_a_server_that_is_down_keep_the_work(staffed: Staffed) -> None:
    a = staffed.pc("counter-a")
    authorize(a, a.login("boss"), "clerk", staffed.window)
    a.run()
    staffed.server.stop()
    case_no = receive(a, a.login("clerk"), staffed.item_code)
    r = admin(a.folder, "hall-sync")
    _expect_chinese_failure(r, "无法连接大厅服务器", "离线办理")
    staffed.server.start()
    r = server_cli(staffed.server.folder, "revoke", a.ctx.terminal)
    assert r.returncode == 0, r.stderr
    r = admin(a.folder, "hall-sync")
    _expect_chinese_failure(r, "已于", "被注销")
    assert a.sync.status().waiting == 1, "the unsent case stays queued"
    assert a.status_of(case_no) == "accepted"


def test_a_terminal_holds_no_database_credentials(staffed: Staffed) -> None:
    """The hall's database URL, user and password appear nowhere in a PC's folder."""
    a = staffed.pc("counter-a")
    a.close()
    hall_cfg = (staffed.server.folder / "hall.json").read_text(encoding="utf-8")
    secrets = {"sqlite:///", "postgresql", "hall.sqlite3", str(staffed.server.folder)}
    for path in a.folder.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            for s in secrets:
                assert s.encode() not in blob, f"{s!r} in {path}"
    assert "db_url" in hall_cfg
    assert oct((staffed.server.folder / "hall.json").stat().st_mode & 0o777) == "0o600"


def test_a_setup_file_enrolls_the_pc(staffed: Staffed, tmp_path: Path) -> None:
    from counter_app.first_run_check import first_run_pending

    spec = tmp_path / "setup.yaml"
    spec.write_text(f"hall:\n  url: {staffed.server.url}\n  code: {staffed.server.code()}\n"
                    "  kind: approver\nprinter:\n  name: ''\n  layout: receipt\n", encoding="utf-8")
    pc = tmp_path / "pc"
    r = admin(pc, "setup", str(spec))
    assert r.returncode == 0, r.stderr
    assert "已注册到大厅服务" in r.stdout and "终端编号 01" in r.stdout and "80" in r.stdout
    assert not first_run_pending(pc)
    bad = tmp_path / "bad.yaml"
    bad.write_text("terminal: 3\nhall:\n  url: http://x\n  kind: boss\n", encoding="utf-8")
    r = admin(tmp_path / "pc2", "setup", str(bad))
    _expect_chinese_failure(r, "hall.url", "hall.code", "hall.kind", "terminal")


def test_retention_is_set_in_chinese_terms(staffed: Staffed) -> None:
    _expect_chinese_failure(server_cli(staffed.server.folder, "retention", "三十"), "保留天数“三十”无效")
    _expect_chinese_failure(server_cli(staffed.server.folder, "retention", "9999"), "0 到 3650")
    r = server_cli(staffed.server.folder, "retention", "45")
    assert r.returncode == 0 and "保留 45 天" in r.stdout, r.stderr
