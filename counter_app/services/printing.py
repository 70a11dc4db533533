"""Producing a case's or batch's document for the printer, and the print log.

Every print is logged (who, which terminal, which document, reprint count); a reprint
says so on the paper ("补打（第 N 次）"). A case is committed before its receipt prints:
callers record the case first, then ask for its documents here.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..documents.common import DOC_KINDS
from ..documents.render import render
from ..models import CaseFile, HallWindow, HandoffBatch, Issuance, PrintRecord
from . import doc_data
from .context import Actor, ServiceContext
from .events import append_event
from .numbering import KIND_BATCH, NumberError, parse_number
from .operations import operation
from .settings import get_setting

CASE_KINDS = ("acceptance", "one_time_notice", "not_accepted", "supplement_receipt",
              "collection")
LAYOUTS = ("a4", "receipt")


class PrintError(Exception):
    """The document cannot be produced; the message is for the user."""


@dataclass(frozen=True)
class PrintJob:
    kind: str
    number: str  # case or batch number
    layout: str
    reprint_no: int
    pdf: bytes

    @property
    def title(self) -> str:
        return DOC_KINDS[self.kind]


def _case(session: Session, case_no: str) -> CaseFile:
    case = session.execute(select(CaseFile).where(CaseFile.case_no == case_no)).scalar()
    if case is None:
        raise PrintError(f"没有找到办件“{case_no}”")
    return case


def document_data(session: Session, kind: str, number: str):  # type: ignore[no-untyped-def]
    """The plain input of a document, checking the case is in a state that has it."""
    if kind == "handoff":
        batch = session.execute(select(HandoffBatch).where(HandoffBatch.batch_no == number)).scalar()
        if batch is None:
            raise PrintError(f"没有找到交接单“{number}”")
        return doc_data.batch_doc(session, batch), None, batch.id
    case = _case(session, number)
    if kind == "acceptance" and case.accepted_on is None:
        raise PrintError(f"办件“{number}”尚未受理，没有受理通知书")
    if kind == "one_time_notice" and not doc_data.notice_snapshot(session, case):
        raise PrintError(f"办件“{number}”没有出具过一次性告知单")
    if kind == "not_accepted" and case.status != "not_accepted":
        raise PrintError(f"办件“{number}”不是不予受理件")
    if kind == "supplement_receipt":
        return doc_data.supplement_doc(session, case), case.id, None
    if kind == "collection":
        iss = session.execute(select(Issuance).where(Issuance.case_id == case.id)
                              .order_by(Issuance.issued_at.desc())).scalars().first()
        if iss is None:
            raise PrintError(f"办件“{number}”尚未发证")
        return doc_data.collection_doc(session, case, iss), case.id, None
    return doc_data.case_doc(session, case), case.id, None


LAYOUT_SETTING = "print_layout"  # this PC's choice (set-up file, settings page)


def default_layout(session: Session, window_code: str) -> str:
    """This PC's layout if one was chosen, else its window's, else A4."""
    own = get_setting(session, LAYOUT_SETTING)
    if own in LAYOUTS:
        return own
    win = session.execute(select(HallWindow).where(HallWindow.code == window_code)).scalar()
    return win.print_layout if win and win.print_layout in LAYOUTS else "a4"


class PrintService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @operation("print.produce")
    def produce(self, actor: Actor | None, kind: str, number: str, layout: str | None = None,
                printer: str = "", deliver: Callable[[bytes], None] | None = None) -> PrintJob:
        """Render the document and log the print (and a printed/reprinted event).

        ``deliver`` (e.g. writing the PDF to a file) runs before the log commits: when it
        fails, nothing is logged, so the log never claims a print that did not happen.
        """
        if kind not in DOC_KINDS:
            raise PrintError(f"文书类型“{kind}”无效；可选：{', '.join(DOC_KINDS)}")
        try:
            parse_number(number, expect_kind=KIND_BATCH if kind == "handoff" else None)
        except NumberError as exc:
            raise PrintError(str(exc)) from None
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            data, case_id, batch_id = document_data(s, kind, number)
            layout = layout or default_layout(s, actor.window_code if actor else "")
            if layout not in LAYOUTS:
                raise PrintError(f"版式“{layout}”无效：应为 a4 或 receipt")
            prior = s.execute(
                select(func.count()).select_from(PrintRecord).where(
                    PrintRecord.doc_kind == kind,
                    PrintRecord.case_id == case_id if case_id else PrintRecord.batch_id == batch_id,
                )
            ).scalar_one()
            pdf = render(kind, data, layout=layout, reprint_no=prior)
            s.add(PrintRecord(
                case_id=case_id, batch_id=batch_id, doc_kind=kind, layout=layout,
                reprint_no=prior, printed_by_id=actor.staff_id if actor else None,
                terminal_code=self.ctx.terminal, printed_at=now, printer=printer,
                sha256=hashlib.sha256(pdf).hexdigest(), origin_terminal=self.ctx.terminal,
            ))
            append_event(s, terminal=self.ctx.terminal, kind="reprinted" if prior else "printed",
                         at=now, actor_id=actor.staff_id if actor else None,
                         actor_role=actor.main_role if actor else "admin", case_id=case_id,
                         batch_id=batch_id, doc=kind, layout=layout, reprint_no=prior)
            if deliver is not None:
                deliver(pdf)
        return PrintJob(kind, number, layout, prior, pdf)


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a full disk leaves no stub behind."""
    tmp = path.with_name(f".{path.name}.part")
    try:
        with tmp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
