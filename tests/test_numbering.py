from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.services.intake.numbering import (
    KIND_BATCH,
    KIND_CASE,
    NumberError,
    display,
    format_number,
    normalize_terminal,
    parse_number,
)


def test_format_and_parse_round_trip() -> None:
    no = format_number(date(2026, 11, 27), KIND_CASE, "7", 42)
    assert no == "41152126112710700042"
    assert len(no) == 20 and no.isascii() and no.isdigit()
    info = parse_number(no)
    assert (info.day, info.kind, info.terminal, info.seq) == (date(2026, 11, 27), "1", "07", 42)
    assert display(no) == "411521 261127 1 07 00042"
    assert parse_number(display(no)).text == no


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "未读到编号"),
        ("4115212611271070004", "长度为 19 位"),
        ("411521261127107000421", "长度为 21 位"),
        ("41152126112710700A42", "非数字"),
        ("41052126112710700042", "其他地区"),
        ("41152126133110700042", "日期无效"),
        ("41152126112790700042", "类型码"),
        ("41152126112710000042", "终端或序号为 0"),
        ("４１１５２１", "非数字"),
    ],
)
def test_bad_numbers_get_clear_messages(raw: str, fragment: str) -> None:
    with pytest.raises(NumberError) as exc:
        parse_number(raw)
    assert fragment in str(exc.value)


def test_expected_kind_is_enforced() -> None:
    batch = format_number(date(2026, 11, 27), KIND_BATCH, "01", 1)
    with pytest.raises(NumberError, match="交接单号"):
        parse_number(batch, expect_kind=KIND_CASE)


def test_terminal_codes() -> None:
    assert normalize_terminal("3") == "03"
    for bad in ("0", "100", "ab", "", "-1"):
        with pytest.raises(NumberError):
            normalize_terminal(bad)


@given(st.text(max_size=40))
def test_parse_never_raises_anything_but_number_error(raw: str) -> None:
    try:
        parse_number(raw)
    except NumberError:
        pass


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(1, 99),
       st.integers(1, 99_999), st.sampled_from([KIND_CASE, KIND_BATCH]))
def test_numbers_from_different_terminals_never_collide(day: date, term: int, seq: int,
                                                        kind: str) -> None:
    a = format_number(day, kind, str(term), seq)
    other = term % 99 + 1
    assert a != format_number(day, kind, str(other), seq)
    assert parse_number(a).text == a
