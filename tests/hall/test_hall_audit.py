"""The hall service anchors every terminal's chain: a PC's copy truncated, rewritten and
rehashed, given an invented terminal or a forged event is caught by ``verify-audit`` on that
copy, against the heads the service recorded at each sync."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from counter_app.cli.main import main
from counter_app.services.audit.events import event_digest, hashed_fields

from .conftest import Staffed
from .kit import PC, authorize, receive


def _day(staffed: Staffed) -> PC:
    a = staffed.pc("a")
    authorize(a, a.login("boss"), "clerk", staffed.window)
    clerk = a.login("clerk")
    for name in ("张伟", "李娜", "王芳"):
        receive(a, clerk, staffed.item_code, name)
        a.run()
    a.close()
    return a


def _copy(a: PC, tmp: Path, name: str) -> Path:
    dst = tmp / name
    shutil.copytree(a.folder, dst)
    return dst


def _audit(folder: Path, capsys) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    code = main(["--data-dir", str(folder), "verify-audit", "--quiet"])
    return code, capsys.readouterr().out


def _terminal(folder: Path) -> str:
    conn = sqlite3.connect(folder / "counter.sqlite3")
    try:
        return conn.execute("SELECT value FROM setting WHERE key = 'terminal_code'").fetchone()[0]
    finally:
        conn.close()


def test_tampered_copies_fail_against_the_halls_anchors(staffed: Staffed, tmp_path: Path,
                                                        capsys) -> None:  # type: ignore[no-untyped-def]
    a = _day(staffed)
    term = _terminal(a.folder)
    code, out = _audit(a.folder, capsys)
    assert code == 0 and "审计通过" in out and "链头" in out

    # The last act undone whole: its events and the case they made, as if never received.
    cut = _copy(a, tmp_path, "cut")
    conn = sqlite3.connect(cut / "counter.sqlite3")
    conn.execute("PRAGMA foreign_keys=OFF")
    last = conn.execute("SELECT case_id, seq FROM event_log WHERE terminal_code = ? "
                        "ORDER BY seq DESC LIMIT 1", (term,)).fetchone()
    conn.execute("DELETE FROM event_log WHERE case_id = ?", (last[0],))
    for table in ("case_material", "notice", "print_log"):
        conn.execute(f"DELETE FROM {table} WHERE case_id = ?", (last[0],))
    conn.execute("DELETE FROM case_file WHERE id = ?", (last[0],))
    conn.commit()
    conn.close()
    code, out = _audit(cut, capsys)
    assert code == 1 and f"终端 {term} 的链头第 {last[1]} 条" in out and "截断" in out

    # An event edited and every later one hashed again: the chain holds, the anchor does not.
    rewritten = _copy(a, tmp_path, "rewritten")
    conn = sqlite3.connect(rewritten / "counter.sqlite3")
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute(
        "SELECT * FROM event_log WHERE terminal_code = ? ORDER BY seq", (term,))]
    rows[0]["actor_role"] += "x"
    prev = rows[0]["prev_hash"]
    for r in rows:
        r["prev_hash"] = prev
        r["hash"] = prev = event_digest(prev, hashed_fields(r))
        conn.execute("UPDATE event_log SET actor_role = ?, prev_hash = ?, hash = ? WHERE id = ?",
                     (r["actor_role"], r["prev_hash"], r["hash"], r["id"]))
    conn.commit()
    conn.close()
    code, out = _audit(rewritten, capsys)
    assert code == 1 and f"终端 {term} 第" in out and "改写" in out

    # A chain for a terminal the hall never enrolled, well formed; an applicant changed.
    forged = _copy(a, tmp_path, "forged")
    conn = sqlite3.connect(forged / "counter.sqlite3")
    conn.row_factory = sqlite3.Row
    first = dict(conn.execute("SELECT * FROM event_log WHERE seq = 1 AND terminal_code = ?",
                              (term,)).fetchone())
    fake = dict(first, id="forged-09", terminal_code="09", origin_terminal="09")
    fake["hash"] = event_digest(fake["prev_hash"], hashed_fields(fake))
    conn.execute(f"INSERT INTO event_log ({', '.join(fake)}) VALUES ({', '.join('?' * len(fake))})",
                 list(fake.values()))
    case_no = conn.execute("SELECT case_no FROM case_file LIMIT 1").fetchone()[0]
    conn.execute("UPDATE case_file SET applicant_name = '赵六' WHERE case_no = ?", (case_no,))
    conn.commit()
    conn.close()
    code, out = _audit(forged, capsys)
    assert code == 1 and "终端 09" in out and "伪造的终端" in out
    assert f"办件 {case_no}" in out and "申请人（case_file.applicant_name）被改动" in out


def test_a_forged_event_synced_is_caught_by_the_hall(staffed: Staffed, tmp_path: Path,
                                                      capsys) -> None:  # type: ignore[no-untyped-def]
    a = _day(staffed)
    term = _terminal(a.folder)
    db = a.folder / "counter.sqlite3"
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    head = dict(conn.execute("SELECT * FROM event_log WHERE terminal_code = ? ORDER BY seq DESC "
                             "LIMIT 1", (term,)).fetchone())
    forged = dict(head, id="forged-event", seq=head["seq"] + 1, prev_hash=head["hash"],
                  kind="returned", state="", payload='{"reason":"伪造"}')
    forged["hash"] = event_digest(forged["prev_hash"], hashed_fields(forged))
    conn.execute(f"INSERT INTO event_log ({', '.join(forged)}) VALUES ({', '.join('?' * len(forged))})",
                 list(forged.values()))
    conn.execute("DELETE FROM sync_outbox WHERE row_id = 'forged-event'")  # hide it from the sync
    conn.commit()
    conn.close()
    a.reopen()
    a.run()  # the PC reports its head: one the hall does not have
    a.close()
    code, out = _audit(a.folder, capsys)
    assert code == 1 and f"第 {head['seq'] + 1} 条事件在大厅服务器上没有" in out
