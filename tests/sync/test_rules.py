"""The conflict rules as pure functions: who holds the file decides, clocks never do."""

from __future__ import annotations

from counter_app.legacy_sync.rules import Custody, decide_delete, decide_insert, decide_update

FRONT = Custody(case_status="accepted")
BACK = Custody(case_status="with_approver")


def case(**kw: object) -> dict[str, object]:
    row: dict[str, object] = {"id": "c1", "status": "in_handoff", "phone": "1",
                              "address": "A", "updated_at": "2026-11-23 09:00:00.000000",
                              "origin_terminal": "01"}
    row.update(kw)
    return row


def test_only_the_terminal_changed_a_column_it_is_taken() -> None:
    v = decide_update("case_file", case(), case(), case(phone="2"), FRONT, False)
    assert v.take == ("phone",) and not v.conflict


def test_only_the_server_changed_it_the_server_keeps_it() -> None:
    v = decide_update("case_file", case(), case(address="B"), case(), FRONT, False)
    assert v.take == () and not v.conflict


def test_disjoint_changes_merge_column_by_column() -> None:
    v = decide_update("case_file", case(), case(address="B"), case(phone="2"), FRONT, False)
    assert v.take == ("phone",) and not v.conflict


def test_both_changed_the_same_column_is_an_open_conflict() -> None:
    v = decide_update("case_file", case(), case(phone="3"), case(phone="2"), FRONT, False)
    assert v.open == ("phone",) and v.take == () and v.status == "open"


def test_a_newer_clock_does_not_win() -> None:
    """The terminal's clock is 7 hours ahead: its updated_at is "newest" and means nothing."""
    local = case(phone="2", updated_at="2026-11-23 23:00:00.000000")
    server = case(phone="3", updated_at="2026-11-23 16:00:00.000000")
    v = decide_update("case_file", case(), server, local, FRONT, False)
    assert v.take == () and v.open == ("phone",)
    # ...and an older clock loses nothing: only the terminal changed the column.
    v = decide_update("case_file", case(), case(updated_at="2026-11-23 16:00:00.000000"),
                      case(phone="2", updated_at="2026-11-22 01:00:00.000000"), FRONT, False)
    assert v.take == ("phone",)


def test_signed_for_case_is_the_approvers_the_counter_change_is_refused() -> None:
    local = case(status="accepted", phone="2")
    server = case(status="with_approver")
    v = decide_update("case_file", case(), server, local, Custody("with_approver"), False)
    assert v.refused and v.rule == "custody" and v.take == ()
    m = decide_update("case_material", {"state": "received"}, {"state": "received"},
                      {"state": "missing"}, BACK, False)
    assert m.refused
    assert decide_insert("case_material", BACK).refused
    assert not decide_insert("case_material", FRONT).refused


def test_an_approver_status_stands_against_a_counter_status() -> None:
    """The approver returned the file while the counter, offline, moved it too."""
    v = decide_update("case_file", case(status="with_approver"), case(status="returned"),
                      case(status="accepted"), Custody("returned"), False)
    assert v.settled == ("status",) and v.take == () and v.status == "settled"


def test_two_front_desk_statuses_cannot_be_settled_by_rule() -> None:
    v = decide_update("case_file", case(status="accepted"), case(status="not_accepted"),
                      case(status="in_handoff"), Custody("not_accepted"), False)
    assert v.open == ("status",)


def test_signature_columns_are_the_approvers() -> None:
    base = {"status": "open", "signed_by_id": None, "window_code": "W"}
    server = {"status": "signed", "signed_by_id": "a1", "window_code": "W"}
    local = {"status": "partial", "signed_by_id": "x", "window_code": "W"}
    v = decide_update("handoff_batch", base, server, local, Custody(), False)
    assert set(v.settled) == {"status", "signed_by_id"} and v.take == ()
    v = decide_update("handoff_item", {"state": "pending"}, {"state": "pending"},
                      {"state": "discrepancy"}, Custody(batch_status="signed"), False)
    assert v.refused


def test_lockout_counters_take_the_larger_value() -> None:
    base = {"failed_logins": 0, "locked_until": None}
    v = decide_update("staff", base, {"failed_logins": 2, "locked_until": None},
                      {"failed_logins": 4, "locked_until": "2026-11-23 10:00:00.000000"},
                      Custody(), False)
    assert set(v.take) == {"failed_logins", "locked_until"} and not v.conflict
    v = decide_update("staff", base, {"failed_logins": 5, "locked_until": None},
                      {"failed_logins": 3, "locked_until": None}, Custody(), False)
    assert v.take == () and not v.conflict


def test_events_are_immutable() -> None:
    v = decide_update("event_log", None, {"hash": "a", "payload": "{}"},
                      {"hash": "b", "payload": "{}"}, Custody(), True)
    assert v.refused and v.rule == "immutable"
    assert not decide_update("event_log", None, {"hash": "a"}, {"hash": "a"},
                             Custody(), False).conflict
    assert decide_delete("event_log", None, {"hash": "a"}, Custody(), True).refused


def test_own_last_push_fast_forwards_without_a_base() -> None:
    """The acknowledgement was lost and the row changed again: the server row is the
    terminal's own earlier version, so the new one follows on."""
    v = decide_update("case_file", None, case(phone="2"), case(phone="3"), FRONT, True)
    assert v.take == ("phone",) and not v.conflict
    v = decide_update("case_file", None, case(phone="2"), case(phone="3"), FRONT, False)
    assert v.open == ("phone",)


def test_delete_only_what_nobody_changed_since() -> None:
    base = {"name": "x"}
    assert decide_delete("department", base, {"name": "x"}, Custody(), False).delete
    v = decide_delete("department", base, {"name": "y"}, Custody(), False)
    assert v.refused and v.status == "open"
    assert not decide_delete("department", base, None, Custody(), False).conflict
