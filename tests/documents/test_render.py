"""Every document in both layouts: fonts, copies, reprint mark and the fields it must carry."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from counter_app.documents import DOC_KINDS, MaterialLine, RenderOptions, render
from counter_app.documents.layout import RECEIPT_WIDTH
from tests.documents import samples

DOCS = {
    "acceptance": samples.case,
    "one_time_notice": samples.notice_case,
    "not_accepted": samples.person_case,
    "supplement_receipt": samples.supplement,
    "handoff": samples.batch,
    "collection": samples.collection,
}
LAYOUTS = ("a4", "receipt")
STUBBED = {"acceptance", "one_time_notice", "not_accepted", "supplement_receipt"}


def test_doc_kinds() -> None:
    assert set(DOC_KINDS) == set(DOCS)
    assert DOC_KINDS["acceptance"].startswith("受理通知书")
    assert DOC_KINDS["one_time_notice"].startswith("一次性告知单")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("kind", DOCS)
def test_every_kind_renders_with_embedded_fonts_only(kind, layout, pdf_tools) -> None:
    pdf = render(kind, DOCS[kind](), layout)
    assert pdf.startswith(b"%PDF-")
    pdf_tools.save(pdf, f"{kind}-{layout}")
    fonts = pdf_tools.fonts(pdf)
    assert fonts, "no font at all?"
    for name, emb in fonts:
        assert emb == "yes", name
        assert "WenQuanYi" in name, name  # no Helvetica, no CID font, nothing substituted
    pages = pdf_tools.pages(pdf)
    title = pdf_tools.flat(DOC_KINDS[kind])
    assert title in pages[0]
    sizes = pdf_tools.page_sizes(pdf)
    if layout == "receipt":
        # continuous paper: one slip per copy, each as long as its content; where the law
        # needs the counter's stub, the receipt printer prints it too (issue 14)
        assert len(pages) == (2 if kind in STUBBED else 1)
        width, height = sizes[0]
        assert width == pytest.approx(RECEIPT_WIDTH, abs=0.01)
        assert 100 < height < 1600 * 72 / 25.4
        assert "存根联" not in pages[0]
        if kind in STUBBED:
            assert "第二联存根联（窗口留存）" in pages[1]
    else:
        assert all(s == pytest.approx((595.28, 841.89), abs=0.01) for s in sizes)
        expected = 2 if kind in STUBBED else 1
        assert len(pages) == expected
        for page in pages:
            assert "第1页共1页" in page
        if kind in STUBBED:
            assert "第一联申请人留存" in pages[0] and "第二联存根联（窗口留存）" in pages[1]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("kind", DOCS)
def test_reprint_mark_on_every_page(kind, layout, pdf_tools) -> None:
    pages = pdf_tools.pages(render(kind, DOCS[kind](), layout, reprint_no=3))
    assert all("补打（第3次）" in page for page in pages)
    assert not any("补打" in page for page in pdf_tools.pages(render(kind, DOCS[kind](), layout)))


def test_stub_options(pdf_tools) -> None:
    one = render("acceptance", samples.case(), "a4", options=RenderOptions(with_stub=False))
    assert len(pdf_tools.pages(one)) == 1
    two = pdf_tools.pages(
        render("acceptance", samples.case(), "receipt", options=RenderOptions(with_stub=True))
    )
    assert len(two) == 2 and "申请人留存" in two[0] and "存根联" in two[1]
    handoff = pdf_tools.pages(render("handoff", samples.batch(), "a4", options=RenderOptions(with_stub=True)))
    assert "移交方留存" in handoff[0] and "接收方留存" in handoff[1]


def _text(pdf_tools, kind, doc, layout, **kw) -> str:
    return "".join(pdf_tools.pages(render(kind, doc, layout, **kw)))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_acceptance_fields(layout, pdf_tools) -> None:
    doc = samples.person_case()
    text = _text(pdf_tools, "acceptance", doc, layout, options=RenderOptions(printed_at=None))
    for needed in [
        doc.case_no,
        "张三",
        "411521********1238",
        "138****5678",
        "有限责任公司设立登记",
        "罗山县市场监督管理局",
        "市场准入综合窗口（3号）",
        "赵敏",
        "0376-2162222",
        "2025年1月2日09:41",
        "决定自2025年1月2日起予以受理",
        "3个工作日（2025年1月7日前）",
        "15个工作日（2025年1月23日前）",
        "凭本通知书及有效身份证件领取",
        "0376-12345",
        "0376-2160000",
        "https://example.org/luoshan/progress",
        "（受理专用章）",
        "申请人（代办人）签收",
        "时间：",
        "公司登记（备案）申请书",
        "合计：5项，21页",
        "不计算在办理时限内",
    ]:
        assert needed in text, needed
    assert "411521198503121238" not in text
    assert "13812345678" not in text


def test_acceptance_organisation_and_agent(pdf_tools) -> None:
    text = _text(pdf_tools, "acceptance", samples.case(), "a4")
    for needed in [
        "罗山县示例商贸有限公司",
        "91110000600037341L",
        "王五",
        "李四",
        "411521********4567",
        "139****4321",
    ]:
        assert needed in text, needed
    assert "411521199007084567" not in text


def test_acceptance_without_decision_is_a_receipt(pdf_tools) -> None:
    text = _text(pdf_tools, "acceptance", samples.case(accepted_on=None), "a4")
    assert "五个工作日内作出是否受理的决定" in text
    assert "决定自" not in text


def test_masking_follows_options(pdf_tools) -> None:
    opts = RenderOptions(mask_keep_head=3, mask_keep_tail=2, mask_phone=False)
    text = _text(pdf_tools, "acceptance", samples.person_case(), "a4", options=opts)
    assert "411*************38" in text
    assert "13812345678" in text


def test_printed_at_in_footer(pdf_tools) -> None:
    opts = RenderOptions(printed_at=datetime(2025, 1, 2, 9, 45))
    pages = pdf_tools.pages(render("collection", samples.collection(), "a4", options=opts))
    assert "打印时间2025-01-0209:45" in pages[0]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_one_time_notice_lists_exactly_the_deficient_materials(layout, pdf_tools) -> None:
    lines = (
        MaterialLine(1, "甲号已收材料", "原件", 1, 2),
        MaterialLine(2, "乙号缺少材料", "原件", 1, 0, "missing", "未提交", "补交乙号原件"),
        MaterialLine(3, "丙号已收材料", "复印件", 2, 4),
        MaterialLine(4, "丁号瑕疵材料", "复印件", 1, 1, "defective", "未签字", "签字后提交"),
    )
    doc = samples.notice_case(materials=lines)
    pages = pdf_tools.pages(render("one_time_notice", doc, layout))
    for page_text in pages if layout == "a4" else pages[:1]:  # each copy is complete
        for needed in [
            "乙号缺少材料",
            "未提交",
            "补交乙号原件",
            "丁号瑕疵材料",
            "未签字",
            "签字后提交",
            "共2项",
            "缺少",
            "需补正",
        ]:
            assert needed in page_text, needed
        assert "甲号已收材料" not in page_text and "丙号已收材料" not in page_text
        assert page_text.count("号缺少材料") + page_text.count("号瑕疵材料") == 2
        for needed in [
            "《中华人民共和国行政许可法》第三十二条",
            "补齐后凭本告知单到",
            "继续办理",
            "（受理专用章）",
            "申请人（代办人）签收",
            doc.case_no,
            "0376-12345",
            "0376-2160000",
        ]:
            assert needed in page_text, needed


def test_one_time_notice_needs_something_to_tell() -> None:
    with pytest.raises(ValueError, match="missing or defective"):
        render("one_time_notice", samples.case(), "a4")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_not_accepted_fields(layout, pdf_tools) -> None:
    doc = samples.person_case()
    text = _text(pdf_tools, "not_accepted", doc, layout)
    for needed in [
        "申请事项为食品经营许可，不属于本窗口受理范围",
        "决定不予受理",
        "罗山县政务服务中心二楼食品药品综合窗口（8号）",
        "六十日内",
        "《中华人民共和国行政复议法》",
        "罗山县人民政府申请行政复议",
        "六个月内",
        "《中华人民共和国行政诉讼法》",
        "罗山县人民法院提起行政诉讼",
        "（受理专用章）",
        "2025年1月2日",
        "411521********1238",
        doc.case_no,
    ]:
        assert needed in text, needed
    assert "411521198503121238" not in text


def test_not_accepted_generic_remedies_and_reason_required(pdf_tools) -> None:
    doc = samples.person_case(reconsideration_body="", court="")
    text = _text(pdf_tools, "not_accepted", doc, "a4")
    assert "有管辖权的行政复议机关" in text and "有管辖权的人民法院" in text
    with pytest.raises(ValueError, match="reason"):
        render("not_accepted", samples.case(not_accepted_reason=" "), "a4")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_supplement_receipt_fields(layout, pdf_tools) -> None:
    text = _text(pdf_tools, "supplement_receipt", samples.supplement(), layout)
    for needed in [
        "2025年1月6日14:05",
        "股东会决议",
        "住所（经营场所）使用证明",
        "合计：2项，5页",
        "仍需补正的材料（共1项）",
        "法定代表人身份证件",
        "根据2025年1月2日出具的一次性告知单",
        "提交人（申请人/代办人）签字",
        "收件人（受理人员）签字",
        "时间：",
        "411521********4567",
    ]:
        assert needed in text, needed
    done = samples.supplement(still_missing=(), accepted_on=date(2025, 1, 6))
    assert "自2025年1月6日起予以受理" in _text(pdf_tools, "supplement_receipt", done, layout)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_handoff_fields(layout, pdf_tools) -> None:
    doc = samples.batch(receiver_name="孙审批")
    text = _text(pdf_tools, "handoff", doc, layout)
    for needed in [
        doc.batch_no,
        "市场准入综合窗口（3号）",
        "罗山县市场监督管理局",
        "移交人（赵敏）签字",
        "接收人（孙审批）签字",
        "时间：",
        "合计：办件6件，材料19项107页",
        "2025年1月2日16:30",
    ]:
        assert needed in text, needed
    for case in doc.cases:
        assert case.case_no in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_collection_fields(layout, pdf_tools) -> None:
    text = _text(pdf_tools, "collection", samples.collection(), layout)
    for needed in [
        "李四",
        "411521********4567",
        "代领人",
        "营业执照（正本、副本）",
        "139****4321",
        "2025年1月7日10:15",
        "领取人签字",
        "发证人签字",
    ]:
        assert needed in text, needed
    assert "411521199007084567" not in text
    posted = _text(pdf_tools, "collection", samples.posted(), layout)
    for needed in ["中国邮政EMS", "1187654321098", "王五", "137****1111", "已交寄"]:
        assert needed in posted, needed


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        render("receipt", samples.case())
    with pytest.raises(ValueError, match="layout"):
        render("acceptance", samples.case(), "a5")
    with pytest.raises(ValueError, match="20 ASCII digits"):
        render("acceptance", samples.case(case_no="4115212025010200012"))
    with pytest.raises(ValueError, match="20 ASCII digits"):
        render("acceptance", samples.case(case_no="４１１５２１２０２５０１０２０００１２３"))
    with pytest.raises(ValueError, match="ASCII"):
        hall = replace(samples.HALL, progress_url="https://罗山.example/进度")
        render("acceptance", samples.case(hall=hall))
    with pytest.raises(ValueError, match="tracking"):
        render("collection", samples.posted(tracking_no=""))
    with pytest.raises(ValueError, match="reprint_no"):
        render("acceptance", samples.case(), reprint_no=-1)


def test_receipt_text_stays_inside_the_72_mm_printable_width(pdf_tools, tmp_path) -> None:
    """A hanging 】 or ， must not run past the printable width of an 80 mm printer."""
    import subprocess
    from xml.etree import ElementTree

    for kind in ("one_time_notice", "acceptance", "not_accepted"):
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(render(kind, DOCS[kind](), "receipt"))
        html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout
        words = ElementTree.fromstring(html.replace("<!DOCTYPE", "<!--").replace(
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">', "-->"))
        right = max(float(w.get("xMax")) for w in words.iter() if w.tag.endswith("word"))
        assert right <= 76 * 72 / 25.4 + 0.5, (kind, right * 25.4 / 72)
