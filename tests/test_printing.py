"""Printing a case's documents through the service: print log, reprint marks, refusals."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from counter_app.models import Event, PrintRecord
from counter_app.services.intake.service import IntakeService
from counter_app.services.printing.service import PrintError, PrintService

from .conftest import Hall
from .helpers import complete_intake


def _text(pdf: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_acceptance_prints_logs_and_marks_reprints(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    res = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    printer = PrintService(hall.ctx)
    first = printer.produce(hall.clerk, "acceptance", res.case_no, "a4")
    assert first.reprint_no == 0 and first.pdf.startswith(b"%PDF")
    text = _text(first.pdf)
    assert res.case_no in text and hall.committed.name[:6] in text and "补打" not in text
    assert "11010519491231002X" not in text  # the ID is masked on applicant-facing paper
    again = printer.produce(hall.clerk, "acceptance", res.case_no, "receipt")
    assert again.reprint_no == 1 and "补打（第 1 次）" in _text(again.pdf)
    with hall.ctx.db.session() as s:
        logged = s.execute(select(PrintRecord.doc_kind, PrintRecord.reprint_no,
                                  PrintRecord.layout).order_by(PrintRecord.reprint_no)).all()
        kinds = s.execute(select(Event.kind).where(Event.kind.in_(["printed", "reprinted"]))
                          .order_by(Event.seq)).scalars().all()
    assert logged == [("acceptance", 0, "a4"), ("acceptance", 1, "receipt")]
    assert kinds == ["printed", "reprinted"]


def test_one_time_notice_lists_the_gaps(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    gap = next(m for m in intake.materials if m.requirement == "required")
    gap.state = "missing"
    res = svc.record(hall.clerk, intake, "notify")
    job = PrintService(hall.ctx).produce(hall.clerk, "one_time_notice", res.case_no)
    text = _text(job.pdf)
    assert gap.name in text and "存根" in text
    # 不动产登记 is a 行政确认: its own regulation, never the 行政许可法
    assert "行政许可法" not in text and "《不动产登记暂行条例》第十七条" in text


@pytest.mark.parametrize(
    ("kind", "number", "fragment"),
    [
        ("acceptance", "41152126112310100999", "没有找到"),
        ("bogus", "41152126112310100001", "文书类型"),
        ("handoff", "41152126112310100001", "交接单号"),
        ("acceptance", "123", "长度"),
    ],
)
def test_bad_requests_are_refused_and_not_logged(hall: Hall, kind: str, number: str,
                                                 fragment: str) -> None:
    with pytest.raises(PrintError, match=fragment):
        PrintService(hall.ctx).produce(hall.clerk, kind, number)
    with hall.ctx.db.session() as s:
        assert s.execute(select(func.count()).select_from(PrintRecord)).scalar_one() == 0


def test_a_notice_that_was_never_issued_is_refused(hall: Hall) -> None:
    svc = IntakeService(hall.ctx)
    res = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    with pytest.raises(PrintError, match="没有出具过一次性告知单"):
        PrintService(hall.ctx).produce(hall.clerk, "one_time_notice", res.case_no)


def test_a_long_handoff_list_is_refused_on_receipt_paper(hall: Hall) -> None:
    from counter_app.services.handoff.service import HandoffService

    svc = IntakeService(hall.ctx)
    cases = [svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept").case_no
             for _ in range(31)]
    (batch,) = HandoffService(hall.ctx).create_batches(hall.clerk, cases)
    with pytest.raises(PrintError, match="请改用 A4"):
        PrintService(hall.ctx).prepare(hall.clerk, "handoff", batch, "receipt")
    assert PrintService(hall.ctx).prepare(hall.clerk, "handoff", batch, "a4").pdf


def test_a_preview_or_a_layout_switch_logs_nothing_and_is_no_reprint(hall: Hall) -> None:
    """The print log records prints (to a printer or a file), not renders."""
    svc = IntakeService(hall.ctx)
    res = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    printer = PrintService(hall.ctx)
    for layout in ("a4", "receipt", "a4"):  # the preview, then the clerk switching layouts
        job = printer.prepare(hall.clerk, "acceptance", res.case_no, layout)
        assert job.reprint_no == 0 and "补打" not in _text(job.pdf)
    with hall.ctx.db.session() as s:
        assert s.execute(select(func.count()).select_from(PrintRecord)).scalar_one() == 0
    printer.log_print(hall.clerk, job, "CounterPDF")
    assert printer.prepare(hall.clerk, "acceptance", res.case_no, "a4").reprint_no == 1


def test_the_command_line_says_in_chinese_what_a_case_lacks(hall: Hall, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: `print` of a supplement receipt for a case that never supplemented said
    "a supplement receipt needs the materials handed in"; the grouped number is found."""
    import subprocess
    import sys
    from pathlib import Path

    from counter_app.services.intake.numbering import display

    svc = IntakeService(hall.ctx)
    res = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    data_dir = str(Path(hall.ctx.db.url.removeprefix("sqlite:///")).parent)
    hall.ctx.db.dispose()
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run(
        [sys.executable, "-m", "counter_app.cli.main", "--data-dir", data_dir, "print",
         "--case", display(res.case_no), "--doc", "supplement_receipt",
         "--out", str(tmp_path / "x.pdf")],
        cwd=root, env={**__import__("os").environ, "PYTHONPATH": str(root)},
        capture_output=True, text=True, timeout=120)
    out = run.stdout + run.stderr
    assert run.returncode != 0 and "没有补正提交过材料，没有补正收件凭证" in out, out
    assert "Traceback" not in out and "needs the materials" not in out


def test_the_notice_gives_the_windows_phone_never_the_clerks_mobile(hall: Hall) -> None:
    from counter_app.models import HallWindow, Staff

    with hall.ctx.db.transaction() as s:
        clerk = s.get(Staff, hall.clerk.staff_id)
        assert clerk is not None
        clerk.phone = "13700001234"  # the clerk's own mobile
        win = s.execute(select(HallWindow).where(
            HallWindow.code == hall.committed.window_code)).scalar_one()
        win.phone = "0376-2169999"
    svc = IntakeService(hall.ctx)
    res = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    text = "".join(_text(PrintService(hall.ctx).prepare(hall.clerk, "acceptance", res.case_no,
                                                        "a4").pdf).split())
    assert "0376-2169999" in text and "13700001234" not in text
