from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from counter_app.services.intake import validation as v
from counter_app.services.intake.validation import (
    CREDIT_CHARS,
    Checked,
    Issue,
    ValidationError,
    check_credit_code,
    check_date,
    check_landline,
    check_mobile,
    check_org_name,
    check_person_name,
    check_phone,
    check_required,
    check_resident_id,
    id_birthdate,
    id_gender,
    make_credit_code,
    make_resident_id,
    normalize_id,
    parse_date,
    require_ok,
)

CHECKERS = [
    check_required,
    check_resident_id,
    check_credit_code,
    check_mobile,
    check_landline,
    check_phone,
    check_person_name,
    check_org_name,
    check_date,
]


def codes(result: Checked) -> list[str]:
    return [i.code for i in result.issues]


# --- resident ID ---------------------------------------------------------------------------


@pytest.mark.parametrize("good", ["11010519491231002X", "440524188001010014"])
def test_resident_id_known_vectors(good: str) -> None:
    assert check_resident_id(good) == Checked(good)


def test_resident_id_normalizes_lowercase_fullwidth_and_spaces() -> None:
    assert check_resident_id(" 11010519491231002x ").value == "11010519491231002X"
    assert check_resident_id("１１０１０５１９４９１２３１００２Ｘ").ok
    assert check_resident_id("110105 19491231 002X").value == "11010519491231002X"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "id.empty"),
        (None, "id.empty"),
        ("1101051949123100", "id.length"),
        ("110105491231002", "id.length"),  # 15-digit first-generation number
        ("11010519491231002XX", "id.length"),
        ("1101051949123100A2", "id.chars"),
        ("11010519491231002Y", "id.chars"),
        ("11010519491231٠٠2X", "id.chars"),  # Arabic-Indic digits are digits, but not ASCII
        ("11010519491231002Ⅹ", "id.chars"),  # Roman numeral ten is no X
        ("11010519491231002X".replace("1", "9", 1), "id.region"),
        ("110105194913310025", "id.birthdate"),
        ("110105184912310023", "id.birth_too_early"),
        ("110105219912310025", "id.birth_future"),
        ("110105194912310021", "id.checksum"),
    ],
)
def test_resident_id_errors(value: object, code: str) -> None:
    result = check_resident_id(value, today=date(2026, 1, 5))
    assert code in codes(result)
    assert not result.ok
    issue = next(i for i in result.issues if i.code == code)
    assert issue.severity == "error" and issue.field == "身份证号" and "身份证号" in issue.message


def test_normalize_id() -> None:
    assert normalize_id(" １１０１０５ 19491231002x\t") == "11010519491231002X"
    assert normalize_id("e1234 5678") == "E12345678"  # any ID type: passports too
    assert normalize_id(None) == "" and normalize_id(10**5000) == "\ufffd"


def test_resident_id_optional_and_custom_label() -> None:
    assert check_resident_id("", required=False) == Checked("")
    result = check_resident_id("123", "代办人身份证号")
    assert result.issues[0].field == "代办人身份证号"
    assert result.issues[0].message.startswith("代办人身份证号")
    assert "15位" in check_resident_id("110105491231002").issues[0].message


def test_resident_id_reports_every_problem_at_once() -> None:
    body = "91010521001301001"  # bad region, bad date, and a wrong check character
    wrong = "1" if v._id_check_char(body) != "1" else "2"
    result = check_resident_id(body + wrong, today=date(2026, 1, 5))
    assert set(codes(result)) == {"id.region", "id.birthdate", "id.checksum"}


def test_make_resident_id_and_helpers() -> None:
    rid = make_resident_id("411521", date(1990, 5, 17), 123)
    assert rid.startswith("41152119900517123") and check_resident_id(rid).ok
    assert make_resident_id("110105", date(1949, 12, 31), "002") == "11010519491231002X"
    assert id_birthdate(rid) == date(1990, 5, 17)
    assert id_gender(rid) == "男"
    assert id_gender("11010519491231002X") == "女"
    assert id_gender("123") is None and id_birthdate(None) is None
    assert id_birthdate("110105194913310025") is None
    for bad in [("41152", date(1990, 1, 1), 1), ("011521", date(1990, 1, 1), 1)]:
        with pytest.raises(ValueError):
            make_resident_id(*bad)
    with pytest.raises(ValueError):
        make_resident_id("411521", date(1990, 1, 1), 1000)


@given(
    region=st.from_regex(r"[1-8][0-9]{5}", fullmatch=True),
    birth=st.dates(min_value=date(1850, 1, 1), max_value=date(2026, 1, 5)),
    seq=st.integers(0, 999),
)
def test_make_resident_id_always_validates(region: str, birth: date, seq: int) -> None:
    rid = make_resident_id(region, birth, seq)
    assert check_resident_id(rid, today=date(2026, 1, 5)) == Checked(rid)
    assert id_birthdate(rid) == birth
    assert id_gender(rid) == ("男" if seq % 2 else "女")


def reference_id_check(body: str) -> str:
    """The standard's formula, written independently of the module's lookup table."""
    weights = [pow(2, 17 - i, 11) for i in range(17)]  # 2^(i-1) mod 11: 7 9 10 5 8 4 2 1 ...
    r = (12 - sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11) % 11
    return "X" if r == 10 else str(r)


@given(st.from_regex(r"[1-8][0-9]{16}", fullmatch=True), st.sampled_from("0123456789X"))
def test_single_wrong_check_char_is_caught(body: str, check: str) -> None:
    result = check_resident_id(body + check, today=date(9999, 1, 1))
    assert ("id.checksum" in codes(result)) == (reference_id_check(body) != check)


@pytest.mark.parametrize("seq", range(11))
def test_every_id_check_character(seq: int) -> None:
    # 11 consecutive sequence numbers hit all 11 check characters in some order.
    rid = make_resident_id("411521", date(1990, 5, 17), 100 + seq)
    assert rid[-1] == reference_id_check(rid[:17])
    assert check_resident_id(rid).ok


# --- credit code ---------------------------------------------------------------------------


def test_credit_code_known_vector_and_normalization() -> None:
    assert check_credit_code("91110000600037341L") == Checked("91110000600037341L")
    assert check_credit_code(" 91110000600037341l ").value == "91110000600037341L"
    assert check_credit_code("９１１１００００６０００３７３４１Ｌ").ok


def test_credit_code_checksum_failure_is_an_overridable_warning() -> None:
    result = check_credit_code("91110000600037341M")
    assert result.ok  # not blocking ...
    assert [(i.code, i.severity) for i in result.issues] == [("credit.checksum", "warning")]
    assert "理由" in result.issues[0].message  # ... but never silent: the clerk must say why


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "credit.empty"),
        ("9111000060003734", "credit.length"),
        ("91110000600037341LL", "credit.length"),
        ("9111000060003734IL", "credit.chars"),  # I is not used
        ("9111000060003734OL", "credit.chars"),
        ("911100006000373-1L", "credit.chars"),
    ],
)
def test_credit_code_errors(value: str, code: str) -> None:
    result = check_credit_code(value, "统一社会信用代码")
    assert codes(result) == [code]
    assert result.issues[0].severity == "error" and not result.ok


def test_make_credit_code() -> None:
    assert make_credit_code("91110000600037341") == "91110000600037341L"
    for bad in ["9111000060003734", "9111000060003734I"]:
        with pytest.raises(ValueError):
            make_credit_code(bad)


def reference_credit_check(prefix: str) -> str:
    weights = [pow(3, i, 31) for i in range(17)]  # 1 3 9 27 19 26 16 ...
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(prefix, weights, strict=True))
    return CREDIT_CHARS[-total % 31]


@pytest.mark.parametrize("last", CREDIT_CHARS)
def test_every_credit_check_character(last: str) -> None:
    # Vary one character until each of the 31 check characters has been produced.
    prefix = next(
        p
        for p in (f"92411521MA{a}{b}00000" for a in CREDIT_CHARS for b in CREDIT_CHARS)
        if reference_credit_check(p) == last
    )
    assert make_credit_code(prefix) == prefix + last
    assert check_credit_code(prefix + last).issues == ()


@given(st.text(alphabet=CREDIT_CHARS, min_size=17, max_size=17))
def test_make_credit_code_always_validates(prefix: str) -> None:
    code = make_credit_code(prefix)
    assert code[-1] == reference_credit_check(prefix)
    assert check_credit_code(code) == Checked(code)
    other = next(c for c in CREDIT_CHARS if c != code[-1])
    assert codes(check_credit_code(prefix + other)) == ["credit.checksum"]


# --- phones --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("13800138000", "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("+86 19912345678", "19912345678"),
        ("１３８００１３８０００", "13800138000"),
    ],
)
def test_mobile_ok(raw: str, normalized: str) -> None:
    assert check_mobile(raw) == Checked(normalized)
    assert check_phone(raw) == Checked(normalized)


@pytest.mark.parametrize("bad", ["12800138000", "1380013800", "138001380001", "1380013800a"])
def test_mobile_errors(bad: str) -> None:
    assert codes(check_mobile(bad)) == ["mobile.format"]
    assert not check_phone(bad).ok


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("0376-2345678", "0376-2345678"),
        ("03762345678", "0376-2345678"),
        ("(0376)62345678", "0376-62345678"),
        ("（０３７６）６２３４５６７", "0376-6234567"),
        ("010-62345678", "010-62345678"),
        ("0376-2345678-801", "0376-2345678-801"),
        ("0376-2345678转801", "0376-2345678-801"),
        ("0376 2345678 ext. 9", "0376-2345678-9"),
    ],
)
def test_landline_ok(raw: str, normalized: str) -> None:
    assert check_landline(raw) == Checked(normalized)
    assert check_phone(raw) == Checked(normalized)


@pytest.mark.parametrize(
    "bad", ["0376-1234567", "0376-23456", "376-2345678", "0376)2345678", "0376-2345678-", "110"]
)
def test_landline_errors(bad: str) -> None:
    assert codes(check_landline(bad)) == ["landline.format"]
    result = check_phone(bad, "联系电话")
    assert not result.ok and result.issues[0].message.startswith("联系电话")


def test_landline_without_area_code_is_a_warning() -> None:
    result = check_phone("2345678")
    assert result.ok and codes(result) == ["landline.no_area_code"]


def test_phone_optional() -> None:
    for check in (check_phone, check_mobile, check_landline):
        assert check("  ", required=False) == Checked("")
        assert not check(None).ok


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("张三", "张三"),
        (" 欧阳娜娜 ", "欧阳娜娜"),
        ("买买提·艾力", "买买提·艾力"),
        ("买买提.艾力", "买买提·艾力"),
        ("阿依古丽•买买提", "阿依古丽·买买提"),
        ("王㐀", "王㐀"),  # Ext A
        ("𠀀明", "𠀀明"),  # Ext B
        ("李\U0002a700", "李\U0002a700"),  # Ext C
        ("金\uf900", "金\uf900"),  # compatibility ideograph kept as typed, not NFC-folded
        ("林〇", "林〇"),
        ("John Smith", "John Smith"),
        ("JOHN   SMITH", "JOHN SMITH"),
        ("Zoë O'Brien-Núñez", "Zoë O'Brien-Núñez"),
    ],
)
def test_person_name_ok(raw: str, normalized: str) -> None:
    assert check_person_name(raw) == Checked(normalized)


@pytest.mark.parametrize("name", [
    "陈\U00030000",  # Ext G
    "赵\U00031350",  # Ext H: unassigned in Python 3.11's Unicode data
])
def test_a_character_no_font_can_print_is_refused_by_name(name: str) -> None:
    """Issue 16: refused at the field as it is typed, not after the case is committed."""
    result = check_person_name(name, "申请人姓名")
    assert codes(result) == ["name.no_glyph"]
    assert f"“{name[1]}”(U+{ord(name[1]):04X})无法打印" in result.errors[0].message
    org = check_org_name(f"罗山{name[1]}公司", "单位名称")
    assert "org.no_glyph" in codes(org)


@pytest.mark.parametrize(("value", "named"), [
    ("张\u200b三", "U+200B"),  # zero-width space
    ("李\u2060四", "U+2060"),  # word joiner
    ("王😀", "“😀”(U+1F600)"),
    ("⺇明", "“⺇”(U+2E87)"),  # a radical pasted for a character
])
def test_refused_characters_are_named(value: str, named: str) -> None:
    result = check_person_name(value, "姓名")
    assert result.errors and named in result.errors[0].message


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "name.empty"),
        ("张三3", "name.digits"),
        ("张三😀", "name.chars"),
        ("张三!", "name.chars"),
        ("张\x00三", "name.control"),
        ("张\u200b三", "name.control"),
        ("张\ud800三", "name.control"),
        ("张 三", "name.space"),
        ("·张三", "name.dot"),
        ("张三·", "name.dot"),
        ("买买提··艾力", "name.dot"),
        ("⼀二", "name.radical"),  # Kangxi radical U+2F00 looks like 一
        ("张" * 51, "name.length"),
        ("---", "name.chars"),
    ],
)
def test_person_name_errors(raw: str, code: str) -> None:
    result = check_person_name(raw)
    assert code in codes(result) and not result.ok


@pytest.mark.parametrize(
    ("raw", "code"),
    [("王", "name.short"), ("张A", "name.mixed_script"), ("张\ue000", "name.private_use")],
)
def test_person_name_warnings(raw: str, code: str) -> None:
    result = check_person_name(raw)
    assert result.ok and codes(result) == [code]


def test_person_name_length_limit() -> None:
    assert check_person_name("张" * 50).ok
    assert codes(check_person_name("张" * 10**6)) == ["name.length"]


def test_org_name() -> None:
    assert check_org_name("罗山县市场监督管理局") == Checked("罗山县市场监督管理局")
    assert check_org_name("罗山县某某有限公司(分公司)").value == "罗山县某某有限公司（分公司）"
    assert check_org_name("ＡＢＣ科技有限公司").value == "ABC科技有限公司"
    assert check_org_name("Acme (China) Ltd.") == Checked("Acme (China) Ltd.")
    assert codes(check_org_name("")) == ["org.empty"]
    assert codes(check_org_name("公司😀")) == ["org.chars"]
    assert codes(check_org_name("1234")) == ["org.chars"]
    assert codes(check_org_name("公司\x07")) == ["org.control"]
    assert codes(check_org_name("公" * 101)) == ["org.length"]
    assert check_org_name("公" * 30, max_length=20).issues[0].code == "org.length"


# --- dates, required -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["2026-01-05", "2026-1-5", "2026/01/05", "2026.1.5", "20260105", "2026年1月5日",
     "2026年01月05日", "２０２６年１月５日", " 2026-01-05 ", date(2026, 1, 5)],
)  # fmt: skip
def test_date_formats(raw: object) -> None:
    assert check_date(raw) == Checked("2026-01-05")
    assert parse_date(raw) == date(2026, 1, 5)


@pytest.mark.parametrize(
    ("raw", "code"),
    [("", "date.empty"), ("2026-02-30", "date.invalid"), ("20261305", "date.invalid"),
     ("26-1-5", "date.format"), ("yesterday", "date.format"), ("2026-01-05x", "date.format")],
)  # fmt: skip
def test_date_errors(raw: str, code: str) -> None:
    assert codes(check_date(raw, "受理日期")) == [code]
    assert check_date(raw, "受理日期").issues[0].message.startswith("受理日期")


def test_date_range() -> None:
    lo, hi = date(2026, 1, 1), date(2026, 12, 31)
    assert check_date("2026-06-01", min_date=lo, max_date=hi).ok
    assert codes(check_date("2025-12-31", min_date=lo)) == ["date.too_early"]
    assert codes(check_date("2027-01-01", max_date=hi)) == ["date.too_late"]
    assert check_date("", required=False) == Checked("")


def test_required() -> None:
    assert codes(check_required(None)) == ["required"]
    assert codes(check_required(" \u3000\t")) == ["required"]
    assert check_required(" 有 ", "备注") == Checked("有")
    assert check_required(0).ok


def test_validation_error_and_require_ok() -> None:
    require_ok(check_credit_code("91110000600037341M"))  # warnings do not raise
    with pytest.raises(ValidationError) as info:
        require_ok(check_mobile("1"), check_person_name("张三"), check_required(""))
    assert [i.code for i in info.value.issues] == ["mobile.format", "required"]
    assert "手机号码" in str(info.value)
    issue = Issue("姓名", "姓名不能为空", "error", "name.empty")
    assert ValidationError([issue]).issues == (issue,)


# --- nothing escapes -----------------------------------------------------------------------


class Hostile:
    def __str__(self) -> str:
        raise RuntimeError("no")


HOSTILE = [
    None, 0, -1, 10**5000, 3.5, float("nan"), b"\xff\xfe", bytearray(b"41"), Hostile(), [], {},
    date(2026, 1, 1), "\x00" * 100, "\ud800\udfff", "\u202e" + "12", "A" * 1_000_000,
    "１" * 18, "\U0010ffff", "\r\n", "𠀀" * 60, "0" * 18, "X" * 18, "·", "()",
]  # fmt: skip


def assert_well_formed(result: Checked) -> None:
    assert isinstance(result, Checked) and isinstance(result.value, str)
    for issue in result.issues:
        assert issue.code != "internal", issue
        assert issue.severity in ("error", "warning")
        assert issue.message and issue.field and issue.code.isascii()
        assert len(issue.message) < 200  # never echoes a huge input


@pytest.mark.parametrize("check", CHECKERS)
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_inputs_never_raise(check, value: object) -> None:
    assert_well_formed(check(value))


text_inputs = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(exclude_categories=())),  # surrogates, controls
    st.binary().map(lambda b: b.decode("utf-8", errors="surrogateescape")),
    st.binary().map(lambda b: b.decode("latin-1")),
    st.from_regex(r"[0-9Xx１-９ -]{0,20}"),
    st.from_regex(r"[\u3400-\u9fff·.\U00020000-\U0002a6df ]{0,8}"),
    st.integers(),
    st.none(),
)


@settings(max_examples=300)
@given(value=text_inputs, check=st.sampled_from(CHECKERS))
@example(value="\udc80" * 18, check=check_resident_id)
def test_random_inputs_never_raise(value: object, check) -> None:
    result = check(value)
    assert_well_formed(result)
    assert result.ok == (not result.errors)


@given(st.text())
def test_person_name_ok_implies_clean_characters(value: str) -> None:
    result = check_person_name(value)
    if result.ok:
        assert 1 <= len(result.value) <= 50
        assert not any(c.isdigit() or ord(c) < 32 for c in result.value)


def test_programming_errors_still_raise() -> None:
    with pytest.raises(TypeError):
        check_mobile("13800138000", requierd=False)  # type: ignore[call-arg]


def test_far_future_birth_rejected_by_default_today() -> None:
    tomorrow = date.today() + timedelta(days=1)
    rid = make_resident_id("411521", tomorrow, 1)
    assert "id.birth_future" in codes(check_resident_id(rid))
