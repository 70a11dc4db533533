"""Each notice cites the law of its item's type and offers only the remedies its body has;
fees print the tier the clerk chose; a reprint is the notice as issued. Printed to PDF and
read back with pdftotext (poppler-utils)."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.documents.data import doc_from_json
from counter_app.documents.render import render
from counter_app.models import Notice
from counter_app.services.intake.service import IntakeError, IntakeService, MaterialEntry
from counter_app.services.people.staffing import set_training
from counter_app.services.printing.service import PrintService

from .conftest import Hall
from .helpers import complete_intake

LICENSING_32 = "《中华人民共和国行政许可法》第三十二条"


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / f"doc-{hashlib.sha1(pdf).hexdigest()[:8]}.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", out)


def _authorize(hall: Hall, *windows: str) -> None:
    with hall.ctx.db.transaction() as s:
        for w in windows:
            set_training(s, staff_id=hall.clerk.staff_id, scope="window", scope_code=w,
                         stage="authorized", set_by_id=hall.supervisor.staff_id,
                         at=hall.clock.now, terminal="01")


# item, what its notices cite, what a refusal offers, what it must never say
CASES = {
    "licensing": ("QKSL-0003", LICENSING_32, ("行政复议", "罗山县人民政府", "有管辖权的人民法院"),
                  ()),
    "confirmation": ("BDC-0002", "《不动产登记暂行条例》第十七条",
                     ("行政复议", "罗山县人民政府"), ("行政许可法",)),
    "payment": ("YBSB-0006", "《中华人民共和国社会保险法》第四十五条",
                ("行政复议", "罗山县人民政府", "有管辖权的人民法院"), ("行政许可法",)),
    "other_power": ("JSGC-0004", "《建设工程质量管理条例》第四十九条", ("行政复议", "罗山县人民政府"),
                    ("行政许可法",)),
    "authorized_body": ("GJJ-0003", "《住房公积金管理条例》", ("行政复议", "信阳市人民政府"),
                        ("行政许可法",)),
    "utility": ("SDQ-0001", "", ("95598", "12398"), ("行政许可法", "行政复议", "行政诉讼")),
    "notary": ("SF-0002", "《中华人民共和国公证法》", ("复查", "公证协会"),
               ("行政许可法", "行政复议", "行政诉讼")),
}


@pytest.mark.parametrize("which", CASES)
def test_every_notice_cites_its_own_law_and_remedies(hall: Hall, tmp_path: Path,
                                                     which: str) -> None:
    code, cites, offers, never = CASES[which]
    _authorize(hall, code.split("-")[0])
    svc, printer = IntakeService(hall.ctx), PrintService(hall.ctx)
    refused = svc.record(hall.clerk, complete_intake(svc, code), "not_accept",
                         reason="申请事项不属于本窗口受理范围", redirect="县有关部门")
    intake = complete_intake(svc, code)
    gap = next(m for m in intake.materials if m.requirement == "required")
    gap.state = "missing"
    notified = svc.record(hall.clerk, intake, "notify")
    accepted = svc.record(hall.clerk, complete_intake(svc, code), "accept")
    texts = {
        "not_accepted": text_of(printer.produce(hall.clerk, "not_accepted", refused.case_no).pdf,
                                tmp_path),
        "one_time_notice": text_of(
            printer.produce(hall.clerk, "one_time_notice", notified.case_no).pdf, tmp_path),
        "acceptance": text_of(printer.produce(hall.clerk, "acceptance", accepted.case_no).pdf,
                              tmp_path),
    }
    for kind, text in texts.items():
        for word in never:
            assert word not in text, (which, kind, word)
        if cites:
            assert cites in text, (which, kind)
    for word in offers:
        assert word in texts["not_accepted"], (which, word)
    art_45 = "《中华人民共和国行政许可法》第四十五条"
    if which == "licensing":
        assert art_45 in texts["acceptance"]  # time not counted, told in writing
    else:
        assert art_45 not in texts["acceptance"]
    assert "罗政服受〔" in texts["acceptance"] and "罗政服不受〔" in texts["not_accepted"]


def test_a_tiered_fee_prints_the_chosen_tier_and_a_waiver_its_basis(hall: Hall,
                                                                    tmp_path: Path) -> None:
    _authorize(hall, "BDC")
    svc, printer = IntakeService(hall.ctx), PrintService(hall.ctx)
    intake = complete_intake(svc, "BDC-0002")
    intake.fee_tier = "非住宅"
    paid = svc.record(hall.clerk, intake, "accept")
    text = text_of(printer.produce(hall.clerk, "acceptance", paid.case_no).pdf, tmp_path)
    assert "非住宅550元/件" in text and "2559号" in text and "住宅80元" not in text
    intake = complete_intake(svc, "BDC-0002")
    intake.fee_tier = "小微企业免收"
    waived = svc.record(hall.clerk, intake, "accept")
    text = text_of(printer.produce(hall.clerk, "acceptance", waived.case_no).pdf, tmp_path)
    assert "小微企业免收，不收费" in text and "财税〔2016〕79号" in text
    intake = complete_intake(svc, "BDC-0002")
    intake.fee_tier = "别墅"
    with pytest.raises(IntakeError, match="收费档次"):
        svc.record(hall.clerk, intake, "accept")


def test_a_reprint_is_the_notice_as_issued(hall: Hall, tmp_path: Path) -> None:
    """Six listed, one supplied: the reprint still lists six, marked 补打, and the kept data
    renders to the PDF whose hash was stored when it was issued."""
    svc, printer = IntakeService(hall.ctx), PrintService(hall.ctx)
    intake = complete_intake(svc, hall.committed.code)
    gaps = [m for m in intake.materials if m.requirement == "required"][:3]
    for m in gaps:
        m.state = "missing"
    notified = svc.record(hall.clerk, intake, "notify")
    first = printer.produce(hall.clerk, "one_time_notice", notified.case_no)
    assert first.reprint_no == 0 and first.doc_no.startswith("罗政服补告〔2026〕第01")
    back = gaps[0]
    svc.supplement(hall.clerk, notified.case_no, [MaterialEntry(
        name=back.name, requirement=back.requirement, state="received",
        form=back.default_form, copies=1, pages=2)])
    again = printer.produce(hall.clerk, "one_time_notice", " ".join(
        [notified.case_no[:6], notified.case_no[6:12], notified.case_no[12],
         notified.case_no[13:15], notified.case_no[15:]]))  # the grouped form on paper
    text = text_of(again.pdf, tmp_path)
    assert again.reprint_no == 1 and "补打（第1次）" in text
    assert again.doc_no == first.doc_no
    for m in gaps:
        assert m.name in text
    assert "共3项" in text
    with hall.ctx.db.session() as s:
        notice = s.execute(select(Notice).where(Notice.kind == "one_time_notice")).scalar_one()
        kept = doc_from_json(notice.doc)
    assert hashlib.sha256(render("one_time_notice", kept, "a4")).hexdigest() == notice.sha256


def test_the_collection_receipt_carries_the_certificate_number_and_phone(
    hall: Hall, tmp_path: Path
) -> None:
    from counter_app.services.handoff.service import CaseCheck, HandoffService, IssueInput

    from .helpers import PERSON_ID

    svc, handoff = IntakeService(hall.ctx), HandoffService(hall.ctx)
    case = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept").case_no
    (batch,) = handoff.create_batches(hall.clerk, [case])
    handoff.sign(hall.approver, batch, [CaseCheck(case)])
    handoff.decide(hall.approver, case, "approved", decision_no="罗不动产权第0012345号")
    handoff.issue(hall.clerk, case, IssueInput(collector_name="张伟", collector_id_no=PERSON_ID,
                                               collector_phone="13912345678"))
    text = text_of(PrintService(hall.ctx).produce(hall.clerk, "collection", case).pdf, tmp_path)
    assert "罗不动产权第0012345号" in text and "139****5678" in text and "13912345678" not in text
