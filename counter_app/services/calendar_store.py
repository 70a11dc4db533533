"""The working-day calendar with the supervisors' overrides from the database."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import CalendarYear, HolidayOverride
from .workdays import WorkCalendar


def load_calendar(session: Session) -> WorkCalendar:
    overrides = {
        row.day: row.is_workday for row in session.execute(select(HolidayOverride)).scalars()
    }
    years = session.execute(
        select(CalendarYear.year).where(CalendarYear.complete.is_(True))
    ).scalars()
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
