"""Rare characters: printed from the fallback font, or refused by name — never dropped."""

from __future__ import annotations

from dataclasses import replace

import pytest

from counter_app.documents import MissingGlyphError, render
from counter_app.documents.fonts import FALLBACK, MAIN, Glyphs, clean
from tests.documents import samples


def test_extension_a_name_prints_from_fallback_font(pdf_tools) -> None:
    name = "王䶮"  # U+4DAE, CJK Extension A: not in Micro Hei, in Zen Hei
    case = samples.person_case(applicant=replace(samples.APPLICANT, name=name))
    pdf = render("acceptance", case, "a4")
    fonts = pdf_tools.fonts(pdf)
    assert any("ZenHei" in f for f, _ in fonts)
    assert all(emb == "yes" for _, emb in fonts)
    assert all(name in page for page in pdf_tools.pages(pdf))


@pytest.mark.parametrize("name", [
    "张𠮷",  # U+20BB7, Extension B (the 𠮷 of 吉野家)
    "李\U0002B740",  # Extension D
    "王\U0002CEB0",  # Extension F
])
def test_extension_b_to_f_names_print_from_hanazono(pdf_tools, name: str) -> None:
    case = samples.person_case(applicant=replace(samples.APPLICANT, name=name))
    for layout in ("a4", "receipt"):
        pdf = render("acceptance", case, layout)
        fonts = pdf_tools.fonts(pdf)
        # The subset holds only glyphs drawn: a HanaMin font on the page is the rare one.
        assert any("HanaMin" in f for f, _ in fonts), fonts
        assert all(emb == "yes" for _, emb in fonts)
        # and the text reads back (fonts.py writes the ToUnicode entry as a surrogate pair).
        assert all(name in page for page in pdf_tools.pages(pdf))


def test_main_font_only_when_not_needed(pdf_tools) -> None:
    pdf = render("acceptance", samples.person_case(), "a4")
    assert all("MicroHei" in f for f, _ in pdf_tools.fonts(pdf))


def test_character_no_font_has_is_refused_with_field_and_codepoint() -> None:
    case = samples.person_case(
        applicant=replace(samples.APPLICANT, name="张\U00030000"),  # U+30000, Extension G
        item_name="\U00031350登记",  # Extension H
    )
    for layout in ("a4", "receipt"):
        with pytest.raises(MissingGlyphError) as err:
            render("acceptance", case, layout)
        message = str(err.value)
        assert "「申请人姓名」中的字“\U00030000”(U+30000) 无法打印：字库中没有此字" in message
        assert "「事项名称」中的字“\U00031350”(U+31350)" in message
        assert ("申请人姓名", "\U00030000") in err.value.problems
        assert len(err.value.problems) == len(set(err.value.problems))


def test_private_use_character_is_refused() -> None:
    case = samples.case(clerk_name="赵\ue000")
    with pytest.raises(MissingGlyphError, match="U\\+E000"):
        render("acceptance", case, "receipt")


def test_refused_in_every_kind() -> None:
    bad = replace(samples.COMPANY, name="罗山\U00030000公司")  # Extension G: no font has it
    docs = {
        "acceptance": samples.case(applicant=bad),
        "one_time_notice": samples.notice_case(applicant=bad),
        "not_accepted": samples.case(applicant=bad),
        "supplement_receipt": samples.supplement(applicant=bad),
        "collection": samples.collection(applicant=bad),
        "handoff": samples.batch(to_department="罗山\U00030000局"),
    }
    for kind, doc in docs.items():
        with pytest.raises(MissingGlyphError):
            render(kind, doc, "a4")


def test_invisible_characters_are_dropped_not_checked() -> None:
    assert clean("张\u200b三\ufe00\u00ad") == "张三"
    assert clean("a\nb\tc") == "a b c"
    assert clean("a\r\nb", multiline=True) == "a\nb"
    glyphs = Glyphs()
    assert glyphs.text("张\u200d三", "姓名") == [(MAIN, "张三")]
    glyphs.check()  # nothing to refuse


def test_runs_switch_font_only_where_needed() -> None:
    glyphs = Glyphs()
    assert glyphs.text("王䶮<b>&", "x") == [(MAIN, "王"), (FALLBACK, "䶮"), (MAIN, "<b>&")]
    glyphs.check()
