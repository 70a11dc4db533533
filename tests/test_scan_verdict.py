"""A burst ended by Enter: scan or fast typing? (issue 15, finding 7; pure, no Qt)."""

from __future__ import annotations

import re

from counter_app.services.intake.scan_detector import (
    ANY_TYPED,
    CREDIT_CODE_TYPED,
    ITEM_QUERY_TYPED,
    PHONE_TYPED,
    RESIDENT_ID_TYPED,
    judge_burst,
)

CASE_NO = "41152126112310100001"  # what the app prints as a barcode: 20 digits
CREDIT = "91110000600037341L"


def test_what_a_field_expects_is_typing_whatever_the_speed() -> None:
    assert judge_burst(CREDIT, CREDIT_CODE_TYPED).scan is None
    assert judge_burst(CREDIT.lower(), CREDIT_CODE_TYPED).scan is None
    assert judge_burst("11010519491231002X", RESIDENT_ID_TYPED).scan is None
    assert judge_burst("E12345678", RESIDENT_ID_TYPED).scan is None  # a passport
    assert judge_burst("0376-6221234", PHONE_TYPED).scan is None  # a landline
    assert judge_burst("BDC-0002", ITEM_QUERY_TYPED).scan is None
    assert judge_burst("approver", ANY_TYPED).scan is None and judge_burst(CASE_NO, ANY_TYPED).scan is None


def test_the_apps_own_barcodes_stay_scans_in_every_typed_field() -> None:
    for pattern in (CREDIT_CODE_TYPED, RESIDENT_ID_TYPED, PHONE_TYPED, ITEM_QUERY_TYPED):
        assert judge_burst(CASE_NO, pattern).scan == CASE_NO, pattern
        assert not re.fullmatch(pattern, CASE_NO)
    assert judge_burst(CASE_NO).scan == CASE_NO  # a field that expects nothing
    assert judge_burst(CREDIT).scan == CREDIT  # a credit code burst outside its field: a scan
    # Credit codes have no I, O, S, V or Z: a burst with one is not a credit code.
    assert judge_burst("91110000600037341O", CREDIT_CODE_TYPED).scan == "91110000600037341O"


def test_a_scanner_prefix_is_the_only_sign_when_the_hall_sets_one() -> None:
    assert judge_burst("~" + CASE_NO, prefix="~").scan == CASE_NO
    assert judge_burst(CASE_NO, prefix="~").scan is None  # fast typing, however it looks
    assert judge_burst("~" + CREDIT, CREDIT_CODE_TYPED, prefix="~").scan == CREDIT
