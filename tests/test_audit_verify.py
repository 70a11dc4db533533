"""``verify-audit`` as an auditor with the data folder tries it: every tampering is caught
and located, on a copy of a folder made through the services; nothing is not a pass."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.cli.main import main
from counter_app.services.audit.events import chain_row
from counter_app.services.audit.verify import AuditFileError, AuditResult, verify_folder
from counter_app.services.handoff.service import CaseCheck, HandoffService, IssueInput
from counter_app.services.intake.service import IntakeService
from counter_app.services.printing.service import PrintService

from .conftest import Hall
from .helpers import complete_intake

PILOT_CODE = "91110000600037341M"  # fails the checksum: an early pilot code


def _trail(hall: Hall, out: Path) -> dict[str, str]:
    """A small hall's day: cases accepted (one overriding a checksum warning), one waiting
    for materials, a batch signed, a decision, an issuance, prints."""
    intake_svc, handoff = IntakeService(hall.ctx), HandoffService(hall.ctx)
    nos = []
    for name in ("张伟", "李娜"):
        intake = complete_intake(intake_svc, hall.committed.code)
        intake.applicant.name = name
        nos.append(intake_svc.record(hall.clerk, intake, "accept").case_no)
    org = complete_intake(intake_svc, hall.committed.code)
    org.applicant.kind, org.applicant.name = "organisation", "罗山县鑫源商贸有限公司"
    org.applicant.legal_rep, org.applicant.id_no = "王芳", PILOT_CODE
    org = intake_svc.refresh(org)
    for m in org.materials:
        if m.state == "missing":
            m.state, m.copies = "received", 1
    org.override_reason = "营业执照原件核对无误，早期试点代码"
    override_no = intake_svc.record(hall.clerk, org, "accept").case_no
    short = complete_intake(intake_svc, hall.committed.code)
    next(m for m in short.materials if m.requirement == "required").state = "missing"
    waiting_no = intake_svc.record(hall.clerk, short, "notify").case_no
    hall.clock.now += timedelta(minutes=5)
    (batch,) = handoff.create_batches(hall.clerk, nos)
    handoff.sign(hall.approver, batch, [CaseCheck(n) for n in nos])
    handoff.decide(hall.approver, nos[0], "approved", decision_no="罗审〔2026〕1号")
    handoff.return_case(hall.approver, nos[1], "申请表缺少签字")
    handoff.issue(hall.clerk, nos[0], IssueInput(collector_name="张伟",
                                                 collector_id_no="11010519491231002X"))
    printing = PrintService(hall.ctx)
    for kind, number in (("acceptance", override_no), ("one_time_notice", waiting_no),
                         ("handoff", batch)):
        printing.produce(hall.clerk, kind, number, deliver=(out / f"{kind}.pdf").write_bytes)
    return {"first": nos[0], "second": nos[1], "override": override_no, "waiting": waiting_no,
            "batch": batch}


@pytest.fixture()
def folder(hall: Hall, tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    nos = _trail(hall, tmp_path)
    hall.ctx.db.dispose()
    yield tmp_path / "data", nos


def _copy(src: Path, tmp_path: Path, name: str) -> Path:
    dst = tmp_path / name
    shutil.copytree(src, dst)
    return dst


def _sql(folder: Path, *statements: str, params: tuple = ()) -> None:
    conn = sqlite3.connect(folder / "counter.sqlite3")
    for statement in statements:
        conn.execute(statement, params if "?" in statement else ())
    conn.commit()
    conn.close()


def _failed(folder: Path) -> AuditResult:
    result = verify_folder(folder)
    assert not result.ok, "tampering not caught"
    return result


def test_an_untouched_day_passes_and_overrides_are_in_the_chain(folder, capsys) -> None:  # type: ignore[no-untyped-def]
    path, _ = folder
    result = verify_folder(path)
    assert result.ok, [str(f) for f in result.findings]
    assert result.cases == 4 and result.batches == 1 and result.unsealed == 0
    conn = sqlite3.connect(path / "counter.sqlite3")
    payloads = [json.loads(p) for (p,) in conn.execute(
        "SELECT payload FROM event_log WHERE kind = 'received'")]
    assert "营业执照原件核对无误，早期试点代码" in [p.get("override") for p in payloads]
    conn.close()
    assert main(["--data-dir", str(path), "verify-audit", "--quiet"]) == 0
    assert "审计通过" in capsys.readouterr().out


def test_a_case_field_changed_is_named(folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, nos = folder
    bad = _copy(path, tmp_path, "applicant")
    _sql(bad, "UPDATE case_file SET applicant_name = '王五' WHERE case_no = ?", params=(nos["first"],))
    (f,) = _failed(bad).findings
    assert f.case_no == nos["first"] and "申请人（case_file.applicant_name）被改动" in f.message


def test_a_status_and_an_override_reason_changed_are_named(folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, nos = folder
    bad = _copy(path, tmp_path, "status")
    _sql(bad, "UPDATE case_file SET status = 'accepted' WHERE case_no = ?", params=(nos["first"],))
    _sql(bad, "UPDATE case_file SET override_note = '' WHERE case_no = ?", params=(nos["override"],))
    found = {f.case_no: f.message for f in _failed(bad).findings}
    assert "状态（case_file.status）" in found[nos["first"]]
    assert "放行理由（case_file.override_note）" in found[nos["override"]]


def test_a_deleted_case_with_its_materials_is_named(folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, nos = folder
    bad = _copy(path, tmp_path, "deleted")
    no = nos["waiting"]
    _sql(bad, "PRAGMA foreign_keys=OFF",
         f"DELETE FROM case_material WHERE case_id = (SELECT id FROM case_file WHERE case_no = '{no}')",
         f"DELETE FROM notice WHERE case_id = (SELECT id FROM case_file WHERE case_no = '{no}')",
         f"DELETE FROM print_log WHERE case_id = (SELECT id FROM case_file WHERE case_no = '{no}')",
         f"DELETE FROM case_file WHERE case_no = '{no}'")
    (f,) = _failed(bad).findings
    assert f.case_no == no and "已从数据库中删除" in f.message


def test_a_material_a_signature_and_a_print_changed_are_located(folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, nos = folder
    bad = _copy(path, tmp_path, "rows")
    _sql(bad, "UPDATE case_material SET pages = pages + 1 WHERE rowid = (SELECT min(m.rowid) FROM "
              "case_material m JOIN case_file c ON c.id = m.case_id WHERE c.case_no = ? "
              "AND m.state = 'received')", params=(nos["second"],))
    _sql(bad, "UPDATE handoff_batch SET signed_at = '2026-11-27 08:00:00.000000'")
    _sql(bad, "DELETE FROM print_log WHERE doc_kind = 'one_time_notice'")
    found = [str(f) for f in _failed(bad).findings]
    assert any(nos["second"] in m and "页数（case_material.pages）" in m for m in found)
    assert any("交接单" in m and "签收时间（handoff_batch.signed_at）" in m for m in found)
    assert any(nos["waiting"] in m and "打印记录中的一条记录被删除" in m for m in found)


def test_a_row_inserted_behind_the_app_is_caught(folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, nos = folder
    bad = _copy(path, tmp_path, "inserted")
    conn = sqlite3.connect(bad / "counter.sqlite3")
    cols = [r[1] for r in conn.execute("PRAGMA table_info(case_file)")]
    row = dict(zip(cols, conn.execute("SELECT * FROM case_file WHERE case_no = ?",
                                      (nos["first"],)).fetchone(), strict=True))
    row.update(id="forged-case", case_no="20261127011000099999", applicant_name="赵六")
    conn.execute(f"INSERT INTO case_file ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                 [row[c] for c in cols])
    conn.commit()
    conn.close()
    (f,) = _failed(bad).findings
    assert f.case_no == "20261127011000099999" and "没有它的任何记录" in f.message


def test_the_last_event_or_ten_deleted_is_caught(folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, _ = folder
    for n in (1, 10):
        bad = _copy(path, tmp_path, f"trunc{n}")
        _sql(bad, f"DELETE FROM event_log WHERE seq > (SELECT max(seq) - {n} FROM event_log)")
        assert _failed(bad).findings[0].kind == "state"


def test_an_edited_event_is_located_and_created_at_is_covered(folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, _ = folder
    bad = _copy(path, tmp_path, "edited")
    _sql(bad, "UPDATE event_log SET created_at = '2026-01-01 00:00:00.000000' WHERE seq = 3")
    (f,) = _failed(bad).findings
    assert (f.kind, f.terminal, f.seq) == ("chain", "01", 3) and "被修改" in f.message


def test_a_forged_terminal_is_named(folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, _ = folder
    bad = _copy(path, tmp_path, "forged")
    from datetime import datetime

    row = chain_row(terminal="09", seq=1, prev_hash="0" * 64, kind="received",
                    at=datetime(2026, 11, 27, 9), actor_id="forger")
    for k in ("at", "created_at", "updated_at"):
        row[k] = "2026-11-27 09:00:00.000000"
    conn = sqlite3.connect(bad / "counter.sqlite3")
    conn.execute(f"INSERT INTO event_log ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                 list(row.values()))
    conn.commit()
    conn.close()
    (f,) = _failed(bad).findings
    assert f.terminal == "09" and "伪造的终端" in f.message


def test_an_empty_log_beside_cases_fails(folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, _ = folder
    bad = _copy(path, tmp_path, "empty-log")
    _sql(bad, "DELETE FROM event_log")
    (f,) = _failed(bad).findings
    assert "事件日志是空的" in f.message and "4 件办件" in f.message


def test_nothing_is_not_a_pass(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "nowhere"
    assert main(["--data-dir", str(missing), "verify-audit"]) == 2
    assert not missing.exists()
    assert "不存在" in capsys.readouterr().err
    empty_dir = tmp_path / "empty-dir"
    empty_dir.mkdir()
    with pytest.raises(AuditFileError, match="没有数据库文件"):
        verify_folder(empty_dir)
    zero = tmp_path / "zero"
    zero.mkdir()
    (zero / "counter.sqlite3").write_bytes(b"")
    with pytest.raises(AuditFileError, match="空文件"):
        verify_folder(zero)
    text = tmp_path / "text"
    text.mkdir()
    (text / "counter.sqlite3").write_text("这不是数据库" * 100, encoding="utf-8")
    with pytest.raises(AuditFileError, match="不是本系统的数据库文件"):
        verify_folder(text)
    assert main(["--data-dir", str(text), "verify-audit"]) == 2


def test_a_file_failing_integrity_check_fails(folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, _ = folder
    bad = _copy(path, tmp_path, "corrupt")
    _scramble_an_index(bad)
    with pytest.raises(AuditFileError, match=r"完整性检查|已损坏"):
        verify_folder(bad)


def _scramble_an_index(folder: Path) -> None:
    """An index page overwritten: the tables stay readable, the file's own check fails."""
    db = folder / "counter.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_case_file_status'"
                        ).fetchone()[0]
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with db.open("r+b") as f:
        f.seek((root - 1) * page + 8)
        f.write(b"\xff" * 64)


AUDITED = ["case_file", "case_material", "notice", "case_return", "case_decision", "issuance",
           "print_log", "handoff_batch", "handoff_item"]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_single_change_in_the_audited_tables_is_caught(folder, tmp_path_factory, data) -> None:  # type: ignore[no-untyped-def]
    path, _ = folder
    bad = tmp_path_factory.mktemp("change") / "data"
    shutil.copytree(path, bad)
    conn = sqlite3.connect(bad / "counter.sqlite3")
    conn.execute("PRAGMA foreign_keys=OFF")
    table = data.draw(st.sampled_from(AUDITED), label="table")
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    rowids = [r[0] for r in conn.execute(f"SELECT rowid FROM {table}")]
    rowid = data.draw(st.sampled_from(rowids), label="row")
    action = data.draw(st.sampled_from(["update", "update", "update", "delete"]), label="action")
    if action == "delete":
        conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))
    else:
        col = data.draw(st.sampled_from(cols), label="column")
        old = conn.execute(f'SELECT "{col}" FROM {table} WHERE rowid = ?', (rowid,)).fetchone()[0]
        if isinstance(old, int):
            new: object = old + data.draw(st.integers(1, 1000), label="plus")
        else:
            new = data.draw(st.text(min_size=1, max_size=12).filter(lambda t: t != old), label="text")
        conn.execute(f'UPDATE {table} SET "{col}" = ? WHERE rowid = ?', (new, rowid))
    conn.commit()
    conn.close()
    result = verify_folder(bad)
    assert not result.ok and all(f.kind == "state" for f in result.findings)
    shutil.rmtree(bad.parent)


def test_worker_processes_find_what_one_process_finds(folder, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A big log is split among processes and stitched per terminal: the same answers."""
    import counter_app.services.audit.verify as check

    path, nos = folder
    monkeypatch.setattr(check, "SPLIT_EVENTS", 0)
    monkeypatch.setattr(check, "SPLIT_CASES", 0)
    assert verify_folder(path, workers=2).ok
    bad = _copy(path, tmp_path, "split")
    _sql(bad, "UPDATE case_file SET phone = '13900000000' WHERE case_no = ?", params=(nos["second"],))
    _sql(bad, "UPDATE event_log SET payload = '{}' WHERE seq = 7")
    one = [str(f) for f in verify_folder(bad, workers=1).findings]
    many = [str(f) for f in verify_folder(bad, workers=2).findings]
    assert one == many and len(many) == 2 and "第 7 条" in many[0]


def test_the_daily_run_checks_only_what_is_new_and_the_old_head(hall: Hall, tmp_path: Path,
                                                                capsys) -> None:  # type: ignore[no-untyped-def]
    nos = _trail(hall, tmp_path)
    data, saved = tmp_path / "data", tmp_path / "verified.json"
    assert main(["--data-dir", str(data), "verify-audit", "--quiet", "--save", str(saved)]) == 0
    intake = complete_intake(IntakeService(hall.ctx), hall.committed.code)
    new_no = IntakeService(hall.ctx).record(hall.clerk, intake, "accept").case_no
    hall.ctx.db.dispose()
    capsys.readouterr()
    assert main(["--data-dir", str(data), "verify-audit", "--quiet", "--since", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "自上次核验以来" in out and "1 件办件" in out and "2 条事件" in out
    new = _copy(data, tmp_path, "daily-new")
    _sql(new, "UPDATE case_file SET applicant_name = '赵六' WHERE case_no = ?", params=(new_no,))
    assert main(["--data-dir", str(new), "verify-audit", "--quiet", "--since", str(saved)]) == 1
    assert new_no in capsys.readouterr().out
    old = _copy(data, tmp_path, "daily-old")
    _sql(old, "DELETE FROM event_log WHERE seq >= 10")
    assert main(["--data-dir", str(old), "verify-audit", "--quiet", "--since", str(saved)]) == 1
    assert "上次核验时的链头" in capsys.readouterr().out
    damaged = _copy(data, tmp_path, "daily-damaged")  # new work fine, the file not
    _scramble_an_index(damaged)
    assert main(["--data-dir", str(damaged), "verify-audit", "--quiet", "--since", str(saved)]) == 2
    assert "快速完整性检查" in capsys.readouterr().err
    assert nos


def test_a_cases_custody_trail_prints_for_an_inquiry(folder, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    path, nos = folder
    out = tmp_path / "custody.pdf"
    assert main(["--data-dir", str(path), "custody", "--case", nos["first"], "--out", str(out)]) == 0
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace(" ", "").replace("\n", "")
    assert "办件监管履历" in text and "与事件链中最新的封存一致" in text
    assert "审批员" in text and "终端01" in text and "签收" in text and "发证" in text
    bad = _copy(path, tmp_path, "custody-bad")
    _sql(bad, "UPDATE case_file SET status = 'returned' WHERE case_no = ?", params=(nos["first"],))
    capsys.readouterr()
    assert main(["--data-dir", str(bad), "custody", "--case", nos["first"], "--out", str(out)]) == 1
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace(" ", "").replace("\n", "")
    assert "不一致" in text and "case_file.status" in text
    assert main(["--data-dir", str(path), "custody", "--case", "4115", "--out", str(out)]) == 2
    assert "没有找到办件" in capsys.readouterr().err


def test_a_database_from_before_the_seal_is_checked_without_upgrading(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Events written before migration 0007 (no ``state`` column): their chain still checks."""
    from datetime import datetime

    from counter_app.bootstrap import open_context
    from counter_app.services.audit.events import GENESIS, event_digest, hashed_fields

    open_context(tmp_path / "old").db.dispose()  # terminal 01
    conn = sqlite3.connect(tmp_path / "old" / "counter.sqlite3")
    prev = GENESIS
    for seq in range(1, 6):
        row = chain_row(terminal="01", seq=seq, prev_hash=prev, kind="received",
                        at=datetime(2026, 11, 27, 9, seq), actor_id="clerk")
        row["state"] = None
        row["hash"] = prev = event_digest(prev, hashed_fields(row))
        del row["state"]
        for k in ("at", "created_at", "updated_at"):
            row[k] = row[k].isoformat(" ", "microseconds")
        conn.execute(f"INSERT INTO event_log ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                     list(row.values()))
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                "AND tbl_name = 'event_log'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')  # the old schema's triggers knew no seal
    conn.execute("ALTER TABLE event_log DROP COLUMN state")
    conn.commit()
    conn.close()
    assert verify_folder(tmp_path / "old").ok
    _sql(tmp_path / "old", "UPDATE event_log SET payload = '{\"x\":1}' WHERE seq = 3")
    (f,) = verify_folder(tmp_path / "old").findings
    assert (f.terminal, f.seq) == ("01", 3)


def test_the_scope_is_read_once_a_run(folder, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """``own_if_partial`` is read once a run: the chains, the rows and the anchors share it."""
    import counter_app.services.audit.verify as check

    path, _ = folder
    calls: list[int] = []
    real = check.own_if_partial
    monkeypatch.setattr(check, "own_if_partial", lambda conn: calls.append(1) or real(conn))
    assert verify_folder(path, workers=1).ok and len(calls) == 1
