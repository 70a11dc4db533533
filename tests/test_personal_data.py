"""Exports masked by default, an unmasked one only for a supervisor with a reason; the
personal-information report (个人信息保护法第四十五条); each leaves one access entry; the
bulletin, logs and ``diagnose`` never hold a full ID number or phone."""

from __future__ import annotations

import json
import logging
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from counter_app.cli.main import main as admin
from counter_app.diagnostics import setup_logging, stop_logging, write_bundle
from counter_app.models import Event
from counter_app.services.context import PermissionDenied
from counter_app.services.handoff.case_queries import CaseQueries
from counter_app.services.intake.service import IntakeService
from counter_app.services.printing.service import PrintService
from counter_app.services.privacy.access_log import ACCESS_KIND
from counter_app.services.privacy.access_queries import AccessQueryError
from counter_app.services.privacy.exports import ExportError, ExportService
from counter_app.services.privacy.subject_report import SubjectReportService
from counter_app.services.supervision.bulletin.build import compute_bulletin
from counter_app.services.supervision.complaints import ComplaintService

from .conftest import PASSWORD, Hall
from .helpers import PERSON_ID, complete_intake

DAY = date(2026, 11, 23)
PEOPLE = {  # name -> (ID number, mobile)
    "张伟": (PERSON_ID, "13812345678"),
    "王芳": ("440524188001010014", "13900001111"),
    "刘洋": ("110105194912310038", "15011112222"),
}


def _day_of_intake(hall: Hall) -> dict[str, str]:
    """One case per person, printed, looked at; a complaint quoting a number. Case numbers."""
    svc = IntakeService(hall.ctx)
    out = {}
    for name, (id_no, phone) in PEOPLE.items():
        intake = complete_intake(svc, hall.committed.code)
        intake.applicant.name, intake.applicant.id_no, intake.applicant.phone = name, id_no, phone
        out[name] = svc.record(hall.clerk, intake, "accept").case_no
        PrintService(hall.ctx).produce(hall.clerk, "acceptance", out[name])
        CaseQueries(hall.ctx).search(hall.clerk, id_no)
        CaseQueries(hall.ctx).open_case(hall.clerk, out[name])
    ComplaintService(hall.ctx).receive(
        hall.supervisor, f"身份证{PEOPLE['王芳'][0]}，电话{PEOPLE['王芳'][1]}，等了两个小时",
        complainant="王芳", phone=PEOPLE["王芳"][1])
    logging.getLogger("counter_app.test").warning("looked up %s, phone %s", PERSON_ID, "13812345678")
    return out


def _entries(hall: Hall) -> list[dict]:  # type: ignore[type-arg]
    with hall.ctx.db.session() as s:
        return [json.loads(p) for p in s.execute(select(Event.payload).where(
            Event.kind == ACCESS_KIND).order_by(Event.at, Event.seq)).scalars()]


def _full_values() -> list[str]:
    return [v for pair in PEOPLE.values() for v in pair]


def test_case_export_masked_by_default_unmasked_with_role_and_reason(hall: Hall, tmp_path: Path) -> None:
    _day_of_intake(hall)
    exports = ExportService(hall.ctx)
    before = len(_entries(hall))
    done = exports.export_cases(hall.clerk, tmp_path / "a.xlsx", DAY, DAY)
    assert done.rows == 3 and not done.unmasked
    cells = [str(c.value) for row in load_workbook(tmp_path / "a.xlsx").active.iter_rows() for c in row]
    assert "110105********002X" in cells and "138****5678" in cells
    assert not any(v in cell for v in _full_values() for cell in cells)
    assert len(_entries(hall)) == before + 1 and _entries(hall)[-1]["what"] == "export"

    for actor, reason, error in ((hall.clerk, "配合审计检查", PermissionDenied),
                                 (None, "配合审计检查", PermissionDenied),
                                 (hall.supervisor, "", ExportError),
                                 (hall.supervisor, " 导出 ", ExportError)):
        with pytest.raises(error):
            exports.export_cases(actor, tmp_path / "b.xlsx", DAY, DAY, unmasked=True, reason=reason)
    assert not (tmp_path / "b.xlsx").exists() and len(_entries(hall)) == before + 1
    with pytest.raises(ExportError, match="日期范围"):
        exports.export_cases(hall.supervisor, tmp_path / "b.xlsx", DAY, date(2026, 11, 1))

    exports.export_cases(hall.supervisor, tmp_path / "b.xlsx", DAY, DAY, unmasked=True,
                         reason="公安机关依法调取")
    cells = [str(c.value) for row in load_workbook(tmp_path / "b.xlsx").active.iter_rows() for c in row]
    assert PERSON_ID in cells and "13812345678" in cells
    last = _entries(hall)[-1]
    assert last["full"] is True and last["reason"] == "公安机关依法调取" and last["count"] == 3


def test_personal_report_lists_the_data_and_who_looked(hall: Hall, tmp_path: Path) -> None:
    cases = _day_of_intake(hall)
    svc = SubjectReportService(hall.ctx)
    with pytest.raises(PermissionDenied):
        svc.save(hall.clerk, PERSON_ID, tmp_path / "r.pdf")
    with pytest.raises(AccessQueryError, match="证件号码"):
        svc.save(hall.supervisor, "1101", tmp_path / "r.pdf")
    before = len(_entries(hall))
    report = svc.save(hall.supervisor, PERSON_ID.lower(), tmp_path / "r.pdf", "本人申请查阅")
    assert len(_entries(hall)) == before + 1 and _entries(hall)[-1]["what"] == "report"
    assert [c.case_no.replace(" ", "") for c in report.cases] == [cases["张伟"]]
    assert [a.what for a in report.accesses] == ["打印", "按证件号码查询", "查看办件"]

    path = tmp_path / "r.pdf"
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows), listing.stdout
    text = "".join(p.extract_text() for p in PdfReader(path).pages)
    for words in ("个人信息查询报告", "第四十五条", PERSON_ID, "13812345678", "罗山县龙山街道1号",
                  "查阅记录（共 3 条）", "测试clerk", "受理通知书"):
        assert words in text.replace("\n", ""), words
    assert PEOPLE["王芳"][0] not in text, "nobody else's data"


def test_cli_export_and_report(hall: Hall, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    _day_of_intake(hall)
    hall.ctx.db.dispose()
    folder = str(tmp_path / "data")
    monkeypatch.setenv("PW", PASSWORD)
    base = ["--data-dir", folder]
    assert admin([*base, "export-cases", "--from", "2026-11-23", "--to", "2026-11-23",
                  "--out", str(tmp_path / "m.xlsx")]) == 0
    assert admin([*base, "export-cases", "--from", "2026-11-23", "--to", "2026-11-23",
                  "--out", str(tmp_path / "u.xlsx"), "--unmasked"]) == 2
    assert "管理人员" in capsys.readouterr().err
    assert admin([*base, "export-cases", "--from", "2026-11-23", "--to", "2026-11-23",
                  "--out", str(tmp_path / "u.xlsx"), "--unmasked", "--user", "boss",
                  "--password-env", "PW", "--reason", "配合审计检查"]) == 0
    assert admin([*base, "personal-report", PERSON_ID, "--out", str(tmp_path / "r.pdf"),
                  "--user", "boss", "--password-env", "PW"]) == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert admin([*base, "personal-report", PERSON_ID, "--out", str(tmp_path / "r2.pdf"),
                  "--user", "clerk", "--password-env", "PW"]) == 2
    assert admin([*base, "access-log", PERSON_ID, "--user", "boss", "--password-env", "PW"]) == 0
    said = capsys.readouterr().out
    assert "个人信息查询报告" in said and "导出" in said and "理由：配合审计检查" in said
    # The name before the command counts as after it, the password as every command reads it
    # in scripts; without any name, a Chinese refusal and not argparse's English.
    monkeypatch.setenv("COUNTER_PASSWORD", PASSWORD)
    assert admin([*base, "--user", "boss", "access-log", PERSON_ID]) == 0
    assert "共" in capsys.readouterr().out
    assert admin([*base, "access-log", PERSON_ID]) == 2
    assert "请用 --user 指明管理人员" in capsys.readouterr().err


def test_bulletin_logs_and_diagnose_hold_no_full_number(hall: Hall, tmp_path: Path) -> None:
    folder = tmp_path / "data"  # the hall fixture's data folder
    setup_logging(folder)
    try:
        _day_of_intake(hall)
        (line,) = ComplaintService(hall.ctx).list()
        assert "440524********0014" in line.content and "139****1111" in line.content
        exports = ExportService(hall.ctx)
        b = compute_bulletin(hall.ctx, "day", DAY)
        before = len(_entries(hall))
        exports.export_bulletin(hall.supervisor, b, tmp_path / "b.xlsx")
        exports.export_bulletin(hall.supervisor, b, tmp_path / "b.pdf")
        exports.export_cases(hall.supervisor, tmp_path / "c.xlsx", DAY, DAY)
        assert [e["what"] for e in _entries(hall)[before:]] == ["export"] * 3, "one entry each"
    finally:
        stop_logging()
    hall.ctx.db.dispose()
    write_bundle(folder, tmp_path / "diag.zip")
    texts = {"bulletin.pdf": "".join(p.extract_text() for p in PdfReader(tmp_path / "b.pdf").pages),
             "cases.xlsx": _xlsx_text(tmp_path / "c.xlsx"), "bulletin.xlsx": _xlsx_text(tmp_path / "b.xlsx")}
    with zipfile.ZipFile(tmp_path / "diag.zip") as z:
        texts.update({n: z.read(n).decode("utf-8", "replace") for n in z.namelist()})
    for p in (folder / "logs").glob("*"):
        texts[p.name] = p.read_text(encoding="utf-8", errors="replace")
    assert any("110105********002X" in t for n, t in texts.items() if n.endswith(".log")), texts.keys()
    assert "440524********0014" in texts["bulletin.xlsx"], "the complaint's number, masked"
    for name, text in texts.items():
        for value in _full_values():
            assert value not in text, (name, value)


def _xlsx_text(path: Path) -> str:
    wb = load_workbook(path)
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                     if c.value is not None)


def test_hall_service_log_masks_numbers() -> None:
    import io

    from counter_app.diagnostics import log_masked_to

    stream = io.StringIO()
    logger = logging.getLogger("counter_app.test_hall_log")
    handler = log_masked_to(stream, logger.name)
    try:
        logger.warning("operation failed for %s, phone %s", PERSON_ID, "13812345678")
        try:
            raise ValueError(f"bad {PEOPLE['王芳'][0]}")
        except ValueError:
            logger.exception("replay failed")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert "110105********002X" in text and "138****5678" in text and "440524********0014" in text
    assert not any(v in text for v in _full_values()), text
