from __future__ import annotations

from datetime import date, datetime, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.services.deadlines.workdays import CalendarWarning, DueDate, WorkCalendar

D = date


def test_national_day_2026_from_the_package() -> None:
    cal = WorkCalendar()
    # chinese_calendar 1.11: National Day holiday is Oct 1-7 (Thu-Wed); Sun Sep 20 and
    # Sat Oct 10 are make-up working days; Mid-Autumn is Fri Sep 25 - Sun Sep 27.
    assert all(not cal.is_workday(D(2026, 10, day)) for day in range(1, 8))
    assert cal.is_workday(D(2026, 10, 8)) and cal.is_workday(D(2026, 10, 9))
    assert cal.is_workday(D(2026, 9, 20))  # Sunday, 调休
    assert cal.is_workday(D(2026, 10, 10))  # Saturday, 调休
    assert not cal.is_workday(D(2026, 9, 25))
    assert not cal.is_workday(D(2026, 10, 11))  # an ordinary Sunday
    assert cal.warnings == ()


def test_due_date_across_national_day_2026() -> None:
    cal = WorkCalendar()
    # Received Wed Sep 30: day 1 is Thu Oct 8, day 2 Fri Oct 9, day 3 Sat Oct 10 (make-up).
    assert cal.add_workdays(D(2026, 9, 30), 1) == DueDate(D(2026, 10, 8))
    assert cal.add_workdays(D(2026, 9, 30), 3) == DueDate(D(2026, 10, 10))
    assert cal.add_workdays(D(2026, 9, 30), 4) == DueDate(D(2026, 10, 12))
    # Received Sat Sep 19: Sun Sep 20 is a working day and counts first.
    assert cal.add_workdays(D(2026, 9, 19), 1).date == D(2026, 9, 20)
    assert cal.workdays_between(D(2026, 9, 30), D(2026, 10, 12)) == 4


def test_spring_festival_2026() -> None:
    cal = WorkCalendar()
    assert cal.is_workday(D(2026, 2, 14))  # Saturday, 调休
    assert not any(cal.is_workday(D(2026, 2, day)) for day in range(15, 24))
    assert cal.is_workday(D(2026, 2, 24)) and cal.is_workday(D(2026, 2, 28))
    # Received Fri Feb 13: Sat Feb 14 is day 1, then the holiday, Tue Feb 24 is day 2.
    assert cal.add_workdays(D(2026, 2, 13), 2).date == D(2026, 2, 24)
    # The statutory 20 working days from a pre-holiday receipt: Feb 14, Feb 24-28 (6),
    # Mar 2-6 (11), Mar 9-13 (16), Mar 16-19 (20).
    due = cal.add_workdays(D(2026, 2, 13), 20)
    assert cal.workdays_between(D(2026, 2, 13), due.date) == 20
    assert due.date == D(2026, 3, 19) and not due.estimated


def test_day_of_receipt_is_not_counted_and_zero_is_same_day() -> None:
    cal = WorkCalendar()
    assert cal.add_workdays(D(2026, 3, 2), 0).date == D(2026, 3, 2)  # a Monday
    assert cal.add_workdays(D(2026, 3, 8), 0).date == D(2026, 3, 8)  # Sunday stays Sunday
    assert cal.add_workdays(D(2026, 3, 2), 1).date == D(2026, 3, 3)
    assert cal.add_workdays(D(2026, 3, 6), 1).date == D(2026, 3, 9)  # Fri -> Mon
    assert cal.add_workdays(D(2026, 3, 7), 1).date == D(2026, 3, 9)  # received on Saturday
    with pytest.raises(ValueError):
        cal.add_workdays(D(2026, 3, 2), -1)


def test_workdays_between_is_antisymmetric() -> None:
    cal = WorkCalendar()
    assert cal.workdays_between(D(2026, 3, 2), D(2026, 3, 2)) == 0
    assert cal.workdays_between(D(2026, 3, 2), D(2026, 3, 9)) == 5
    assert cal.workdays_between(D(2026, 3, 9), D(2026, 3, 2)) == -5


def test_unknown_year_is_never_silent() -> None:
    cal = WorkCalendar()
    assert cal.is_workday(D(2027, 1, 4))  # a Monday, estimated
    assert not cal.is_workday(D(2027, 1, 9))  # a Saturday, estimated
    (warning,) = cal.warnings
    assert warning == CalendarWarning(2027, warning.message)
    assert "2027 年" in warning.message and "周一至周五" in warning.message
    assert warning.code == "calendar.year_unknown"
    due = WorkCalendar().add_workdays(D(2026, 12, 28), 10)
    assert due.estimated and [w.year for w in due.warnings] == [2027]
    assert due.date == D(2027, 1, 11)  # 2026-12-31 is a workday, 2027-01-01 guessed as one too


def test_override_makes_a_2027_date_a_holiday() -> None:
    cal = WorkCalendar({D(2027, 1, 1): False, D(2027, 2, 6): True})
    assert not cal.is_workday(D(2027, 1, 1))  # Friday, declared holiday
    assert cal.is_workday(D(2027, 2, 6))  # Saturday, declared make-up day
    assert cal.warnings == ()  # explicit entries are no guess ...
    assert cal.add_workdays(D(2026, 12, 31), 1).date == D(2027, 1, 4)
    assert [w.year for w in cal.warnings] == [2027]  # ... but the rest of 2027 still is


def test_year_marked_complete_gives_no_warning() -> None:
    cal = WorkCalendar({D(2027, 1, 1): False}, known_years=[2027])
    due = cal.add_workdays(D(2026, 12, 31), 1)
    assert due == DueDate(D(2027, 1, 4))
    assert cal.warnings == ()
    cal2 = WorkCalendar()
    cal2.is_workday(D(2028, 3, 1))
    assert cal2.warnings
    cal2.mark_year_complete(2028)
    assert cal2.warnings == ()
    assert cal2.add_workdays(D(2028, 3, 1), 5).warnings == ()


def test_overrides_beat_the_package() -> None:
    cal = WorkCalendar({D(2026, 3, 2): False})  # e.g. a local closure entered by supervisors
    assert not cal.is_workday(D(2026, 3, 2))
    cal.set_override(D(2026, 10, 8), False)
    assert cal.add_workdays(D(2026, 9, 30), 1).date == D(2026, 10, 9)


def test_years_before_the_package_range_are_flagged_too() -> None:
    cal = WorkCalendar()
    cal.is_workday(D(2003, 5, 1))
    assert [w.year for w in cal.warnings] == [2003]
    cal.clear_warnings()
    assert cal.warnings == ()


def test_unknown_years() -> None:
    cal = WorkCalendar(known_years=[2028])
    assert cal.unknown_years(range(2025, 2030)) == (2027, 2029)
    assert cal.is_known_year(2026) and not cal.is_known_year(2027)


def test_datetime_is_treated_as_its_date() -> None:
    cal = WorkCalendar({D(2026, 3, 2): False})
    assert not cal.is_workday(datetime(2026, 3, 2, 9, 30))
    assert cal.add_workdays(datetime(2026, 3, 1, 17, 0), 1).date == D(2026, 3, 3)


def test_agrees_with_chinese_calendar_for_2026() -> None:
    cal = WorkCalendar()
    day = D(2026, 1, 1)
    while day.year == 2026:
        assert cal.is_workday(day) == chinese_calendar.is_workday(day)
        day += timedelta(days=1)


calendars = st.sampled_from(
    [
        WorkCalendar(),
        WorkCalendar({D(2027, 1, 1): False, D(2027, 1, 2): True}, known_years=[2027]),
        WorkCalendar({D(2026, 10, 8): False, D(2026, 10, 11): True}),
    ]
)


@given(
    cal=calendars,
    start=st.dates(min_value=D(2003, 12, 1), max_value=D(2028, 12, 31)),
    n=st.integers(0, 60),
)
def test_add_workdays_properties(cal: WorkCalendar, start: date, n: int) -> None:
    due = cal.add_workdays(start, n)
    assert due.date >= start
    if n > 0:
        assert cal.is_workday(due.date)
    assert cal.workdays_between(start, due.date) == n
    assert cal.workdays_between(due.date, start) == -n
    unknown = cal.unknown_years(range(start.year, due.date.year + 1))
    if n > 0 and due.date.year == start.year:
        assert {w.year for w in due.warnings} == set(unknown)
    assert {w.year for w in due.warnings} <= set(unknown)


@given(start=st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 11, 30)), n=st.integers(1, 20))
def test_matches_chinese_calendar_inside_its_range(start: date, n: int) -> None:
    expected, counted = start, 0
    while counted < n:
        expected += timedelta(days=1)
        counted += chinese_calendar.is_workday(expected)
    assert WorkCalendar().add_workdays(start, n) == DueDate(expected)
