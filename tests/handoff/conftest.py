"""Shared pieces of the handoff tests: accepted cases, row counts, barcodes read off a PDF."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import func, select

from counter_app.models import (
    CaseDecision,
    CaseFile,
    CaseReturn,
    Event,
    HandoffBatch,
    HandoffItem,
    Issuance,
    PrintRecord,
)
from counter_app.services.handoff.service import HandoffService
from counter_app.services.intake.service import IntakeService
from counter_app.services.privacy.access_log import ACCESS_KIND
from counter_app.ui.services import AppServices
from counter_app.ui.worker import DbLane

from ..conftest import Hall
from ..helpers import complete_intake, fill_person
from ..qt_support import chinese_ui, ui_session  # noqa: F401  (autouse: Chinese UI, isolated QSettings)

COUNTED = (CaseFile, HandoffBatch, HandoffItem, CaseReturn, CaseDecision, Issuance, Event,
           PrintRecord)


def accept_cases(hall: Hall, n: int, item_code: str | None = None,
                 names: tuple[str, ...] = ("张伟", "王芳", "李强", "赵敏", "陈静")) -> list[str]:
    """n accepted cases received by the clerk; returns their numbers."""
    svc = IntakeService(hall.ctx)
    out = []
    for k in range(n):
        intake = fill_person(complete_intake(svc, item_code or hall.committed.code),
                             name=names[k % len(names)])
        out.append(svc.record(hall.clerk, intake, "accept").case_no)
    return out


def snapshot(hall: Hall) -> dict[str, int]:
    """Row counts of every custody table and the event log, plus case statuses; the access
    log's entries (looks, not changes) are counted apart as ``looks``."""
    with hall.ctx.db.session() as s:
        out = {m.__tablename__: s.execute(select(func.count()).select_from(m).where(
                   Event.kind != ACCESS_KIND) if m is Event else
                   select(func.count()).select_from(m)).scalar_one()
               for m in COUNTED}
        out["looks"] = s.execute(select(func.count()).select_from(Event)
                                 .where(Event.kind == ACCESS_KIND)).scalar_one()
        for status, n in s.execute(select(CaseFile.status, func.count()).group_by(CaseFile.status)):
            out[f"status:{status}"] = n
        for status, n in s.execute(select(HandoffBatch.status, func.count())
                                   .group_by(HandoffBatch.status)):
            out[f"batch:{status}"] = n
    return out


def barcodes_in_pdf(pdf: bytes, tmp: Path) -> list[str]:
    """Every barcode text on every page, as a 300 dpi grey scan of the printed page sees it."""
    if shutil.which("pdftoppm") is None:
        raise RuntimeError("pdftoppm missing: apt-get install -y poppler-utils")
    path = tmp / "scan.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-gray", "-r", "300", "-png", str(path), str(tmp / "page")],
                   check=True)
    texts = []
    for f in sorted(tmp.glob("page-*.png")):
        with Image.open(f) as im:
            texts += [r.text for r in zxingcpp.read_barcodes(im.convert("L"))]
    return texts



@pytest.fixture()
def handoff(hall: Hall) -> HandoffService:
    return HandoffService(hall.ctx)


@dataclass
class Gui:
    services: AppServices
    lane: DbLane

    def wait(self, qtbot, fn, timeout: int = 15000) -> None:  # type: ignore[no-untyped-def]
        qtbot.waitUntil(fn, timeout=timeout)

    def settle(self, qtbot, timeout: int = 15000) -> None:  # type: ignore[no-untyped-def]
        """Every job queued on the lane so far has run and its result has been shown: for
        a load that should change nothing, where no condition can be waited for (the lane
        runs its jobs, and hands their results to the GUI, in order)."""
        done: list[object] = []
        self.lane.submit(lambda: None, done.append)
        qtbot.waitUntil(lambda: bool(done), timeout=timeout)


@pytest.fixture()
def gui(hall: Hall, qapp) -> Iterator[Gui]:  # type: ignore[no-untyped-def]
    lane = DbLane()
    services = AppServices(hall.ctx, lane)
    yield Gui(services, lane)
    lane.stop()
    filt = services.scan_filter
    if filt is not None:  # one filter per AppServices: do not leave it on the shared app
        qapp.removeEventFilter(filt)
        filt.deleteLater()
