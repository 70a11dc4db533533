"""Producing a case's or batch's document for the printer, and the print log.

Every print is logged (who, which terminal, which document, reprint count); a reprint
says so on the paper ("补打（第 N 次）"). A case is committed before its receipt prints:
callers record the case first, then ask for its documents here.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...documents.common import DOC_KINDS
from ...documents.data import RenderOptions, doc_from_json, doc_to_json
from ...documents.render import render
from ...models import CaseFile, HallWindow, HandoffBatch, Issuance, Notice, PrintRecord
from ..audit.events import append_event, chain_position
from ..context import Actor, ServiceContext
from ..intake.numbering import KIND_BATCH, NumberError, next_doc_no, parse_number
from ..operations import allow, operation
from ..settings import get_setting
from . import doc_data

# Documents kept as issued: a reprint prints the stored data again, marked 补打, never the
# case as it is now (a one-time notice reprinted after a partial supplement still lists all
# it listed). The handoff list is not one: it shows the batch as signed.
ISSUED_KINDS = ("acceptance", "one_time_notice", "not_accepted", "supplement_receipt",
                "collection")

CASE_KINDS = ("acceptance", "one_time_notice", "not_accepted", "supplement_receipt",
              "collection")
LAYOUTS = ("a4", "receipt")
RECEIPT_MAX_CASES = 30  # a longer handoff list on 80 mm paper runs to metres: A4 instead


class PrintError(Exception):
    """The document cannot be produced; the message is for the user."""


@dataclass(frozen=True)
class PrintLine:
    """What the print log records of one print (the PDF is represented by its hash)."""

    kind: str
    case_id: str | None
    batch_id: str | None
    layout: str
    reprint_no: int
    doc_no: str
    sha256: str


allow(PrintLine)


@dataclass(frozen=True)
class PrintJob:
    kind: str
    number: str  # case or batch number
    layout: str
    reprint_no: int
    pdf: bytes
    doc_no: str = ""  # 文书编号 of an issued notice
    case_id: str | None = None
    batch_id: str | None = None

    @property
    def title(self) -> str:
        return DOC_KINDS[self.kind]


def _case(session: Session, case_no: str) -> CaseFile:
    case = session.execute(select(CaseFile).where(CaseFile.case_no == case_no)).scalar()
    if case is None:
        raise PrintError(f"没有找到办件“{case_no}”")
    return case


def document_data(session: Session, kind: str, number: str):
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
        doc = doc_data.supplement_doc(session, case)
        if not doc.materials:
            raise PrintError(f"办件“{number}”没有补正提交过材料，没有补正收件凭证")
        return doc, case.id, None
    if kind == "collection":
        iss = session.execute(select(Issuance).where(Issuance.case_id == case.id)
                              .order_by(Issuance.issued_at.desc())).scalars().first()
        if iss is None:
            raise PrintError(f"办件“{number}”尚未发证")
        return doc_data.collection_doc(session, case, iss), case.id, None
    return doc_data.case_doc(session, case, kind=kind), case.id, None


LAYOUT_SETTING = "print_layout"  # this PC's choice (set-up file, settings page)


def default_layout(session: Session, window_code: str) -> str:
    """This PC's layout if one was chosen, else its window's, else A4."""
    own = get_setting(session, LAYOUT_SETTING)
    if own in LAYOUTS:
        return own
    win = session.execute(select(HallWindow).where(HallWindow.code == window_code)).scalar()
    return win.print_layout if win and win.print_layout in LAYOUTS else "a4"


def _event_key(kind: str, data: Any) -> str:
    """What makes a new document of this kind rather than a reprint of the last one."""
    if kind == "supplement_receipt":
        return data.received_at.isoformat()  # each supplement has its own receipt
    if kind == "collection":
        return data.issued_at.isoformat()
    if kind == "acceptance":
        # Due dates moved by the year's holiday schedule (or no longer an estimate): the next
        # print is a new, corrected notice; until then every reprint is the one issued.
        return f"{data.promised_due}|{data.statutory_due}|{data.due_estimate}"
    return ""


class PrintService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @operation("print.prepare")
    def prepare(self, actor: Actor | None, kind: str, number: str, layout: str | None = None,
                ) -> PrintJob:
        """The document as it would print now, logging nothing (a preview, a layout switch).

        The first time a notice is produced it is issued: numbered and kept (an operation: the
        hall keeps the same notice and number). After that the kept data is rendered;
        ``reprint_no`` counts the prints logged since it was issued.
        """
        if kind not in DOC_KINDS:
            raise PrintError(f"文书类型“{kind}”无效；可选：{', '.join(DOC_KINDS)}")
        number = "".join(number.split())  # the grouped form printed on paper
        try:
            parse_number(number, expect_kind=KIND_BATCH if kind == "handoff" else None)
        except NumberError as exc:
            raise PrintError(str(exc)) from None
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            position = chain_position(s, self.ctx.terminal)  # before this print's own events
            data, case_id, batch_id = document_data(s, kind, number)
            layout = layout or default_layout(s, actor.window_code if actor else "")
            if layout not in LAYOUTS:
                raise PrintError(f"版式“{layout}”无效：应为 a4 或 receipt")
            if kind == "handoff" and layout == "receipt" and len(data.cases) > RECEIPT_MAX_CASES:
                raise PrintError(f"交接单有 {len(data.cases)} 件，超过 80 毫米小票打印的上限"
                                 f"（{RECEIPT_MAX_CASES} 件）：请改用 A4 版式打印")
            since = None
            if kind in ISSUED_KINDS and case_id:
                data, since = self._issued(s, actor, kind, case_id, data, now)
            cond = PrintRecord.case_id == case_id if case_id else PrintRecord.batch_id == batch_id
            query = select(func.count()).select_from(PrintRecord).where(
                PrintRecord.doc_kind == kind, cond)
            if since is not None:
                query = query.where(PrintRecord.printed_at >= since)
            prior = s.execute(query).scalar_one()
            # The print time goes on the paper (beside the page number, never over the case number).
            options = RenderOptions(printed_at=now, chain=position)
            pdf = render(kind, data, layout=layout, reprint_no=prior, options=options)
        return PrintJob(kind, number, layout, prior, pdf, getattr(data, "doc_no", ""),
                        case_id, batch_id)

    def _issued(self, s: Session, actor: Actor | None, kind: str, case_id: str, fresh: Any,
                now: datetime) -> tuple[Any, datetime]:
        """(the data as issued, when it was issued), issuing it now if it never was."""
        notices = s.execute(select(Notice).where(Notice.case_id == case_id, Notice.kind == kind)
                            .order_by(Notice.issued_at.desc())).scalars().all()
        key = _event_key(kind, fresh)
        for old in notices:
            if old.doc:
                kept = doc_from_json(old.doc)
                if _event_key(kind, kept) == key:
                    return kept, old.issued_at
                break  # a newer event than the last issued document: a new one
        notice = notices[0] if notices and not notices[0].doc else None
        hall = doc_data.hall_settings(s)
        doc_no = next_doc_no(s, kind, now.year, self.ctx.terminal, hall.get("doc_prefix") or "")
        data = replace(fresh, doc_no=doc_no)
        if notice is None:
            case = s.get(CaseFile, case_id)
            assert case is not None
            notice = Notice(case_id=case_id, kind=kind, issued_at=now,
                            issued_by_id=actor.staff_id if actor else case.clerk_id,
                            origin_terminal=self.ctx.terminal)
            s.add(notice)
        notice.doc_no, notice.doc = doc_no, doc_to_json(data)
        notice.sha256 = hashlib.sha256(render(kind, data, layout="a4")).hexdigest()
        s.flush()
        # Issuing is an act on the case (a number, a kept document): in the chain, sealed.
        append_event(s, terminal=self.ctx.terminal, kind="doc_issued", at=now,
                     actor_id=actor.staff_id if actor else None,
                     actor_role=actor.main_role if actor else "admin", case_id=case_id,
                     doc=kind, doc_no=doc_no, sha256=notice.sha256)
        return data, notice.issued_at

    def log_print(self, actor: Actor | None, job: PrintJob, printer: str = "") -> None:
        """A print that went to a printer or a file: the print log and its event."""
        self.log(actor, PrintLine(job.kind, job.case_id, job.batch_id, job.layout,
                                  job.reprint_no, job.doc_no,
                                  hashlib.sha256(job.pdf).hexdigest()), printer)

    @operation("print.log", fact=True)
    def log(self, actor: Actor | None, line: PrintLine, printer: str = "") -> None:
        """The print log's row and event (an operation: the PDF itself stays on this PC).
        A fact: a print made before the clerk's account was deactivated still reaches the
        hall. Its event is also the print's entry in the access log (``access_log``)."""
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            s.add(PrintRecord(
                case_id=line.case_id, batch_id=line.batch_id, doc_kind=line.kind,
                layout=line.layout, reprint_no=line.reprint_no,
                printed_by_id=actor.staff_id if actor else None,
                terminal_code=self.ctx.terminal, printed_at=now, printer=printer,
                sha256=line.sha256, origin_terminal=self.ctx.terminal,
            ))
            append_event(s, terminal=self.ctx.terminal,
                         kind="reprinted" if line.reprint_no else "printed", at=now,
                         actor_id=actor.staff_id if actor else None,
                         actor_role=actor.main_role if actor else "admin", case_id=line.case_id,
                         batch_id=line.batch_id, doc=line.kind, layout=line.layout,
                         reprint_no=line.reprint_no, doc_no=line.doc_no)

    def produce(self, actor: Actor | None, kind: str, number: str, layout: str | None = None,
                printer: str = "", deliver: Callable[[bytes], None] | None = None) -> PrintJob:
        """Render the document and log it as printed (the command line writes it to a file).

        ``deliver`` (e.g. writing the PDF to a file) runs before the print is logged: when it
        fails, nothing is logged, so the log never claims a print that did not happen."""
        job = self.prepare(actor, kind, number, layout)
        if deliver is not None:
            deliver(job.pdf)
        self.log_print(actor, job, printer)
        return job


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
