"""Every document kind, in both layouts, printed through the app's print path (QPrinter via
`counter-admin print --printer`) to a real CUPS queue; the barcodes in what the spooler wrote
decode at 150 dpi grey, 203 dpi mono and 300 dpi grey."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from counter_app.services.handoff.service import CaseCheck, HandoffService, IssueInput
from counter_app.services.intake.service import IntakeService, MaterialEntry

from .. import cupskit
from ..conftest import Hall
from ..helpers import PERSON_ID, complete_intake

ROOT = Path(__file__).resolve().parent.parent.parent
RASTERS = ((150, False), (203, True), (300, False))


@pytest.fixture(scope="module")
def spooler() -> Iterator[cupskit.Spooler]:
    why = cupskit.available()
    if why:
        pytest.skip(why)
    yield from cupskit.start()


def _documents(hall: Hall) -> dict[str, str]:
    """One case (or batch) for each document kind; kind -> number."""
    svc, handoff = IntakeService(hall.ctx), HandoffService(hall.ctx)
    code = hall.committed.code
    accepted = svc.record(hall.clerk, complete_intake(svc, code), "accept").case_no
    refused = svc.record(hall.clerk, complete_intake(svc, code), "not_accept",
                         reason="申请事项不属于本窗口受理范围", redirect="县有关部门").case_no
    intake = complete_intake(svc, code)
    gaps = [m for m in intake.materials if m.requirement == "required"][:2]
    for m in gaps:
        m.state = "missing"
    notified = svc.record(hall.clerk, intake, "notify").case_no
    hall.clock.now += timedelta(hours=2)  # the applicant comes back later that day
    svc.supplement(hall.clerk, notified, [MaterialEntry(
        name=gaps[0].name, requirement="required", state="received", form=gaps[0].default_form,
        copies=1, pages=1)])
    (batch,) = handoff.create_batches(hall.clerk, [accepted])
    handoff.sign(hall.approver, batch, [CaseCheck(accepted)])
    handoff.decide(hall.approver, accepted, "approved", decision_no="罗审〔2026〕7号")
    handoff.issue(hall.clerk, accepted, IssueInput(collector_name="张伟",
                                                   collector_id_no=PERSON_ID))
    return {"acceptance": accepted, "one_time_notice": notified, "not_accepted": refused,
            "supplement_receipt": notified, "handoff": batch, "collection": accepted}


def test_every_kind_prints_through_cups_and_scans(hall: Hall, spooler: cupskit.Spooler,
                                                  pdf_tools) -> None:
    numbers = _documents(hall)
    folder = hall.ctx.db.url.removeprefix("sqlite:///")
    data_dir = str(Path(folder).parent)
    hall.ctx.db.dispose()
    sent = []
    for kind, number in numbers.items():
        for layout in ("a4", "receipt"):
            run = subprocess.run(
                [sys.executable, "-m", "counter_app.cli.main", "--data-dir", data_dir, "print",
                 "--case", number, "--doc", kind, "--layout", layout, "--printer", spooler.queue],
                cwd=ROOT, env={**spooler.env, "PYTHONPATH": str(ROOT)}, capture_output=True,
                text=True, timeout=120)
            assert run.returncode == 0, run.stdout + run.stderr
            assert f"已送打印机“{spooler.queue}”" in run.stdout
            sent.append((kind, number, layout))
    for kind, number, layout in sent:
        pdf = spooler.written(f"{kind}-{number}-{layout}").read_bytes()
        for dpi, mono in RASTERS:
            pages = pdf_tools.raster(pdf, dpi, mono)
            assert pages, (kind, layout)
            for image in pages:
                codes = [s.text for s in pdf_tools.symbols(image) if s.format == "Code128"]
                assert number in codes, (kind, layout, dpi, codes)


def test_the_preview_prints_off_the_gui_thread_through_cups(hall: Hall, spooler: cupskit.Spooler,
                                                            pdf_tools) -> None:
    """The counter's own print button: the dialog stays responsive (its buttons wait while
    the print lane rasterises), the spooler gets the document, the print is logged."""
    from sqlalchemy import select

    from counter_app.models import PrintRecord

    svc = IntakeService(hall.ctx)
    case = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept").case_no
    data_dir = str(Path(hall.ctx.db.url.removeprefix("sqlite:///")).parent)
    run = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("cups_dialog_child.py")), data_dir,
         "clerk", "acceptance", case, spooler.queue],
        cwd=ROOT, env={**spooler.env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=150)
    assert run.returncode == 0, run.stdout + run.stderr
    pdf = spooler.written(f"acceptance-{case}-a4").read_bytes()
    image = pdf_tools.raster(pdf, 150, False)[0]
    assert case in [s.text for s in pdf_tools.symbols(image) if s.format == "Code128"]
    with hall.ctx.db.session() as s:
        printers = s.execute(select(PrintRecord.printer)).scalars().all()
    assert printers == [spooler.queue]


def _demo_documents(hall: Hall) -> dict[str, str]:
    """One demo case (or batch) for each document kind, as `counter-admin demo-data` makes
    them; kind -> number in the grouped form printed on paper."""
    from sqlalchemy import select

    from counter_app.models import CaseFile, CaseMaterial, HandoffBatch
    from counter_app.services.demo import generate as demo
    from counter_app.services.intake.numbering import display

    demo.generate(hall.ctx, 400, 8, seed=5)
    want = {"acceptance": CaseFile.accepted_on.is_not(None),
            "one_time_notice": CaseFile.status == "awaiting_supplement",
            "not_accepted": CaseFile.status == "not_accepted",
            "collection": CaseFile.status == "issued"}
    with hall.ctx.db.session() as s:
        out = {kind: s.execute(select(CaseFile.case_no).where(cond, CaseFile.is_training.is_(False))
                               .limit(1)).scalar_one() for kind, cond in want.items()}
        out["supplement_receipt"] = s.execute(
            select(CaseFile.case_no).join(CaseMaterial, CaseMaterial.case_id == CaseFile.id)
            .where(CaseMaterial.supplied_at > CaseFile.received_at).limit(1)).scalar_one()
        out["handoff"] = s.execute(select(HandoffBatch.batch_no).limit(1)).scalar_one()
    return {kind: display(no) for kind, no in out.items()}


def test_every_kind_prints_from_demo_data_through_cups(hall: Hall, spooler: cupskit.Spooler,
                                                       pdf_tools) -> None:
    """Issue 14, done when: every kind prints from demo data through CUPS in both layouts,
    asked for by the grouped number as printed on paper (411521 261202 1 03 00001)."""
    numbers = _demo_documents(hall)
    data_dir = str(Path(hall.ctx.db.url.removeprefix("sqlite:///")).parent)
    hall.ctx.db.dispose()
    for kind, grouped in numbers.items():
        assert " " in grouped
        number = "".join(grouped.split())
        for layout in ("a4", "receipt"):
            run = subprocess.run(
                [sys.executable, "-m", "counter_app.cli.main", "--data-dir", data_dir, "print",
                 "--case", grouped, "--doc", kind, "--layout", layout, "--printer", spooler.queue],
                cwd=ROOT, env={**spooler.env, "PYTHONPATH": str(ROOT)}, capture_output=True,
                text=True, timeout=120)
            assert run.returncode == 0, (kind, layout, run.stdout + run.stderr)
            pdf = spooler.written(f"{kind}-{number}-{layout}").read_bytes()
            image = pdf_tools.raster(pdf, 150, False)[0]
            codes = [s.text for s in pdf_tools.symbols(image) if s.format == "Code128"]
            assert number in codes, (kind, layout, codes)
