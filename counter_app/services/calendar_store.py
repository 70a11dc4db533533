"""The working-day calendar with the supervisors' overrides from the database."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import CalendarYear, HolidayOverride
from .workdays import WorkCalendar

# Built once: the calendar is read on every acceptance.
_OVERRIDES = select(HolidayOverride.day, HolidayOverride.is_workday)
_COMPLETE_YEARS = select(CalendarYear.year).where(CalendarYear.complete.is_(True))


def load_calendar(session: Session) -> WorkCalendar:
    # Plain column reads: this runs on every acceptance; full entities cost more.
    overrides = {day: workday for day, workday in session.execute(_OVERRIDES)}
    years = session.execute(_COMPLETE_YEARS).scalars()
    return WorkCalendar(overrides, known_years=list(years))


def set_override(session: Session, day: date, is_workday: bool, note: str, *, by: str | None,
                 terminal: str) -> None:
    row = session.execute(select(HolidayOverride).where(HolidayOverride.day == day)).scalar()
    if row is None:
        row = HolidayOverride(day=day, origin_terminal=terminal)
        session.add(row)
    row.is_workday, row.note, row.set_by_id = is_workday, note, by


def mark_year_complete(session: Session, year: int, *, terminal: str) -> None:
    row = session.execute(select(CalendarYear).where(CalendarYear.year == year)).scalar()
    if row is None:
        session.add(CalendarYear(year=year, complete=True, origin_terminal=terminal))
    else:
        row.complete = True
