from __future__ import annotations

import pytest

from counter_app.documents import mask_id, mask_phone


@pytest.mark.parametrize(
    ("id_no", "expected"),
    [
        ("11010519491231002X", "110105********002X"),
        ("411521198503121238", "411521********1238"),
        ("411521 19850312 1238", "411521********1238"),  # spaces typed by hand
        ("411521850312123", "411521*****2123"),  # old 15-digit ID
        ("E12345678", "E12****78"),  # passport: head and tail shrink, 4 stay hidden
        ("1234", "****"),
        ("", ""),
    ],
)
def test_mask_id(id_no: str, expected: str) -> None:
    assert mask_id(id_no) == expected


def test_mask_id_configurable() -> None:
    assert mask_id("411521198503121238", keep_head=3, keep_tail=2) == "411*************38"
    assert mask_id("411521198503121238", keep_head=0, keep_tail=0) == "*" * 18


@pytest.mark.parametrize("length", range(1, 25))
def test_mask_id_never_shows_whole_number(length: int) -> None:
    number = "9" * length
    masked = mask_id(number, keep_head=20, keep_tail=20)
    assert len(masked) == length
    assert masked.count("*") >= min(length, max(4, -(-length // 3)))


def test_mask_phone() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0376-2345678") == "********5678"
    assert mask_phone("110") == "***"
