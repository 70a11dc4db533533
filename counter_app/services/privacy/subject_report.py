"""What the hall holds about one person, and who looked at it (个人信息保护法第四十五条).

For one ID number: every case where it is the applicant's or the agent's, with the personal
data kept on it (name, ID number, phone, address, agent), its materials, the documents issued,
returns and decisions, who collected the result, ratings and complaints about it; every
result this person collected for someone else; and the access log's entries for it
(``access_queries.looked_at``). Supervisors only; producing it is itself logged.

The report is handed to the person after their identity is checked, so it shows their own
numbers whole (it is their data); other people's numbers on it (an agent, a collector) are
masked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import or_, select

from ...documents.common import DOC_KINDS
from ...documents.masking import mask_id
from ...models import (
    FORM_LABELS,
    MATERIAL_STATES,
    STATUS_LABELS,
    CaseDecision,
    CaseFile,
    CaseMaterial,
    CaseReturn,
    Complaint,
    Evaluation,
    HallWindow,
    Issuance,
    ItemVersion,
    Notice,
    Staff,
)
from ..context import Actor, ServiceContext, require_role
from ..intake.numbering import display
from ..printing.doc_data import hall_settings
from .access_log import Access, AccessLog, masked_term
from .access_queries import AccessLine, check_id, looked_at


@dataclass(frozen=True)
class CaseRecord:
    case_no: str
    role: str  # 申请人 / 代办人
    item: str
    window: str
    status: str
    received_at: datetime
    accepted_on: date | None
    clerk: str
    fields: tuple[tuple[str, str], ...]  # (label, value) of the personal data kept
    materials: tuple[str, ...]
    documents: tuple[str, ...]
    history: tuple[str, ...]  # returns, decision, collection, rating, complaints


@dataclass(frozen=True)
class SubjectReport:
    hall: str
    id_no: str
    name: str
    generated_at: datetime
    generated_by: str
    cases: tuple[CaseRecord, ...]
    collected: tuple[str, ...]  # results this person collected for others
    accesses: tuple[AccessLine, ...]
    notes: tuple[str, ...] = field(default=())


def _masked_other(value: str, own: str) -> str:
    """Another person's number on the report is masked; the subject's own stays whole."""
    return value if value == own else mask_id(value)


def collect(s, id_no: str, now: datetime, by: str) -> SubjectReport:
    cases = s.execute(select(CaseFile).where(or_(CaseFile.applicant_id_no == id_no,
                                                 CaseFile.agent_id_no == id_no))
                      .order_by(CaseFile.received_at)).scalars().all()
    staff = dict(s.execute(select(Staff.id, Staff.full_name)).all())
    windows = dict(s.execute(select(HallWindow.code, HallWindow.name)).all())
    records = []
    name = ""
    for c in cases:
        own = c.applicant_id_no == id_no
        name = name or (c.applicant_name if own else c.agent_name)
        item = s.get(ItemVersion, c.item_version_id)
        fields = [("申请人", c.applicant_name),
                  ("申请人证件号码", _masked_other(c.applicant_id_no, id_no))]
        if own:
            fields += [("联系电话", c.phone), ("地址", c.address)]
            if c.legal_rep:
                fields.append(("法定代表人", c.legal_rep))
            if c.contact_name:
                fields.append(("联系人", c.contact_name))
        if c.agent_name:
            fields += [("代办人", c.agent_name),
                       ("代办人证件号码", _masked_other(c.agent_id_no, id_no))]
            if not own:
                fields.append(("代办人电话", c.agent_phone))
        fields.append(("领取方式", c.delivery))
        mats = s.execute(select(CaseMaterial).where(CaseMaterial.case_id == c.id)
                         .order_by(CaseMaterial.seq)).scalars()
        materials = tuple(
            f"{m.seq}. {m.name}（{MATERIAL_STATES.get(m.state, m.state)}"
            + (f"，{FORM_LABELS.get(m.form, m.form)} {m.copies} 份 {m.pages} 页"
               if m.state == "received" else "")
            + (f"：{m.reason}" if m.reason else "") + "）"
            for m in mats if m.state != "not_applicable")
        docs = tuple(f"{n.issued_at:%Y-%m-%d %H:%M} {DOC_KINDS.get(n.kind, n.kind)} {n.doc_no}".strip()
                     for n in s.execute(select(Notice).where(Notice.case_id == c.id)
                                        .order_by(Notice.issued_at)).scalars())
        history: list[str] = []
        for r in s.execute(select(CaseReturn).where(CaseReturn.case_id == c.id)
                           .order_by(CaseReturn.returned_at)).scalars():
            history.append(f"{r.returned_at:%Y-%m-%d %H:%M} 退回前台：{r.reason}")
        for d in s.execute(select(CaseDecision).where(CaseDecision.case_id == c.id)).scalars():
            what = "准予" if d.outcome == "approved" else "不予许可"
            history.append(f"{d.decided_on:%Y-%m-%d} 审批决定：{what} {d.decision_no} {d.reason}".strip())
        for i in s.execute(select(Issuance).where(Issuance.case_id == c.id)).scalars():
            who = (f"{i.collector_name}（{_masked_other(i.collector_id_no, id_no)}）"
                   if i.collector_name else "")
            how = "邮寄 " + i.tracking_no if i.method == "post" else f"领取人 {who}"
            history.append(f"{i.issued_at:%Y-%m-%d %H:%M} 发证：{how}")
        for e in s.execute(select(Evaluation).where(Evaluation.case_id == c.id)).scalars():
            history.append(f"{e.rated_at:%Y-%m-%d %H:%M} 评价：{e.grade} 分 {e.comment}".strip())
        for cp in s.execute(select(Complaint).where(Complaint.case_id == c.id)).scalars():
            history.append(f"{cp.received_at:%Y-%m-%d %H:%M} 投诉（{cp.complainant}）：{cp.content}")
        records.append(CaseRecord(
            display(c.case_no), "申请人" if own else "代办人", item.name if item else c.item_code,
            windows.get(c.window_code, c.window_code), STATUS_LABELS.get(c.status, c.status),
            c.received_at, c.accepted_on, staff.get(c.clerk_id, ""), tuple(fields), materials,
            docs, tuple(history)))
    collected = []
    for i, case_no in s.execute(select(Issuance, CaseFile.case_no)
                                .join(CaseFile, CaseFile.id == Issuance.case_id)
                                .where(Issuance.collector_id_no == id_no,
                                       CaseFile.applicant_id_no != id_no)).all():
        name = name or i.collector_name
        collected.append(f"{i.issued_at:%Y-%m-%d %H:%M} 代为领取办件 {display(case_no)} 的结果"
                         + (f"，登记电话 {i.collector_phone}" if i.collector_phone else ""))
    return SubjectReport(
        hall=hall_settings(s)["name"], id_no=id_no, name=name, generated_at=now, generated_by=by,
        cases=tuple(records), collected=tuple(collected), accesses=tuple(looked_at(s, id_no)),
        notes=("本报告列出大厅服务保存的、与上述证件号码有关的全部办件信息及其查阅记录。"
               "他人的证件号码已部分隐去。",
               "访问记录中标注“可能”的一行为按证件号码查询而未查到办件的记录，仅凭隐去部分的号码"
               "对应，可能属于号码相近的他人。",
               f"联系电话等信息如有错误，可向{hall_settings(s)['name']}申请更正（个人信息保护法第四十六条）。"))


class SubjectReportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def build(self, actor: Actor | None, id_no: str) -> SubjectReport:
        """Collect the report (supervisors; ``actor`` None: an administrator at this PC's
        command line). Not logged by itself: ``save`` logs what leaves as a file."""
        if actor is not None:
            require_role(actor, "supervisor")
        key = check_id(id_no)
        with self.ctx.db.session() as s:
            by = f"{actor.full_name}（{actor.username}）" if actor else "管理员（命令行）"
            return collect(s, key, self.ctx.now(), by)

    def save(self, actor: Actor | None, id_no: str, path: Path, reason: str = "") -> SubjectReport:
        """Render the report to ``path`` (whole or not at all), then log one access entry."""
        from ..printing.service import write_file
        from .subject_report_pdf import render_subject_report

        report = self.build(actor, id_no)
        write_file(path, render_subject_report(report))
        key = report.id_no
        with self.ctx.db.session() as s:
            ids = tuple(sorted(s.execute(select(CaseFile.id).where(or_(
                CaseFile.applicant_id_no == key, CaseFile.agent_id_no == key))).scalars()))
        AccessLog(self.ctx).look(actor, Access("report", term=masked_term(key), cases=ids,
                                               full=True, reason=" ".join(reason.split()),
                                               detail=path.name))
        return report
