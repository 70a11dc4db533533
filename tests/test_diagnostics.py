"""Issue 16: a rotating log in the data folder, an excepthook that apologises in Chinese and
names the log, and counter-admin diagnose with ID numbers masked."""

from __future__ import annotations

import json
import logging
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from counter_app.cli.main import main
from counter_app.diagnostics import (
    install_excepthook,
    log_path,
    mask_ids,
    mask_quoted,
    setup_logging,
)
from counter_app.services.intake.service import IntakeService

from .conftest import Hall
from .helpers import PERSON_ID, complete_intake


@pytest.fixture()
def clean_logging():  # type: ignore[no-untyped-def]
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    hooks = sys.excepthook, threading.excepthook
    yield
    for h in root.handlers:
        if h not in handlers:
            root.removeHandler(h)
            h.close()
    root.setLevel(level)
    sys.excepthook, threading.excepthook = hooks


def test_mask_ids() -> None:
    assert mask_ids(f"申请人 {PERSON_ID} 电话 13812345678") == "申请人 110105********002X 电话 138****5678"
    assert mask_ids("[SQL: INSERT ...]\n[parameters: ('张伟', '13812345678')]\n") == \
        "[SQL: INSERT ...]\n[parameters: （已隐去）]\n"
    assert mask_ids("办件 41152126112301100042") == "办件 41152126112301100042"  # 20 digits: a case no
    assert mask_ids("postgresql://sync:s3cret@hall.local/db") == "postgresql://sync:***@hall.local/db"


def test_mask_quoted() -> None:
    assert mask_quoted("申请人“张伟”的证件号码“4101”无效；编号“X”") == "申请人“…”的证件号码“…”无效；编号“…”"
    assert mask_quoted("办件编号不存在") == "办件编号不存在"


def test_database_errors_carry_no_applicant_data(hall: Hall) -> None:
    """A failing statement's text (logged, maybe shown) holds no parameters."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError) as exc, hall.ctx.db.transaction() as s:
        s.execute(text("INSERT INTO setting (key, value) VALUES (:k, :v), (:k, :v)"),
                  {"k": "dup", "v": f"张伟 {PERSON_ID} 13812345678"})
    assert PERSON_ID not in str(exc.value) and "13812345678" not in str(exc.value)


def test_the_log_rotates_in_the_data_folder_and_masks_ids(tmp_path: Path, clean_logging) -> None:  # type: ignore[no-untyped-def]
    path = setup_logging(tmp_path)
    assert path == log_path(tmp_path) and path.parent == tmp_path / "logs"
    log = logging.getLogger("counter.test")
    log.warning("lookup of %s failed", PERSON_ID)
    for _ in range(1200):
        log.info("x" * 1000)
    text = path.read_text(encoding="utf-8")
    rotated = sorted(p.name for p in path.parent.iterdir())
    assert "counter.log.1" in rotated and len(rotated) <= 6
    everything = "".join(p.read_text(encoding="utf-8") for p in path.parent.iterdir())
    assert PERSON_ID not in everything and "110105********002X" in everything
    assert path.stat().st_size <= 1_100_000 and text


def test_the_excepthook_apologises_and_logs_the_traceback(tmp_path: Path, clean_logging) -> None:  # type: ignore[no-untyped-def]
    path = setup_logging(tmp_path)
    shown: list[str] = []
    install_excepthook(path, shown.append)
    try:
        raise RuntimeError(f"boom for {PERSON_ID}")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    worker = threading.Thread(target=lambda: 1 / 0)
    worker.start()
    worker.join()
    assert len(shown) == 2
    assert shown[0].startswith("很抱歉，程序出错了") and str(path) in shown[0]
    text = path.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: boom" in text and "ZeroDivisionError" in text
    assert PERSON_ID not in text


def test_the_lane_bug_message_names_the_log(tmp_path: Path, clean_logging) -> None:  # type: ignore[no-untyped-def]
    from counter_app.failures import UnexpectedError, user_error

    path = setup_logging(tmp_path)
    err = user_error(KeyError("item_code"))
    assert isinstance(err, UnexpectedError) and str(path) in str(err)
    assert "KeyError: 'item_code'" in path.read_text(encoding="utf-8")


def test_diagnose_bundles_what_support_needs_without_ids(hall: Hall, tmp_path: Path, capsys,  # type: ignore[no-untyped-def]
                                                         clean_logging) -> None:
    svc = IntakeService(hall.ctx)
    svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    folder = Path(hall.ctx.db.url.removeprefix("sqlite:///")).parent
    with hall.ctx.db.transaction() as s:
        from counter_app.services.settings import set_setting

        set_setting(s, "server_url", "postgresql://sync:s3cret@hall.local/counter")
    hall.ctx.db.dispose()
    setup_logging(folder)
    logging.getLogger("counter.sync").error("push failed for %s", PERSON_ID)
    out = tmp_path / "diag.zip"
    assert main(["--data-dir", str(folder), "diagnose", str(out)]) == 0
    assert "诊断包已写入" in capsys.readouterr().out
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        blob = "".join(z.read(n).decode("utf-8") for n in names)
        report = json.loads(z.read("report.json"))
    assert "report.json" in names and "logs/counter.log" in names
    assert PERSON_ID not in blob and "s3cret" not in blob and "110105********002X" in blob
    assert report["integrity_check"] == ["ok"] and report["journal_mode"] == "wal"
    assert report["settings"]["terminal_code"] == "01"
    assert report["settings"]["server_url"] == "（已隐去）"
    assert report["versions"]["sqlite"] and report["counts"]["case_file"] == 1
    assert "outbox_waiting" in report["sync"]


def test_diagnose_reports_a_broken_database_instead_of_failing(tmp_path: Path, capsys,  # type: ignore[no-untyped-def]
                                                               clean_logging) -> None:
    folder = tmp_path / "pc"
    folder.mkdir()
    (folder / "counter.sqlite3").write_bytes(b"not a database at all" * 100)
    out = tmp_path / "diag.zip"
    assert main(["--data-dir", str(folder), "diagnose", str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        report = json.loads(z.read("report.json"))
    assert "not a database" in json.dumps(report)
