"""The working-day calendar with the supervisors' overrides from the database."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from ...models import CalendarYear, HolidayOverride
from .workdays import WorkCalendar

# Built once: the calendar is read on every acceptance.
_OVERRIDES = select(HolidayOverride.day, HolidayOverride.is_workday)
_COMPLETE_YEARS = select(CalendarYear.year).where(CalendarYear.complete.is_(True))


def complete_years(db: Session | Connection) -> set[int]:
    """Years whose whole holiday schedule the supervisors entered."""
    return set(db.execute(_COMPLETE_YEARS).scalars())


def estimated_years(complete: Iterable[int], start: date, due: date) -> tuple[int, ...]:
    """Years between ``start`` and ``due`` that neither the package nor the supervisors know:
    a due date counted across them is a Monday-to-Friday estimate."""
    return WorkCalendar(known_years=complete).unknown_years(range(start.year, due.year + 1))


def estimate_note(years: Iterable[int]) -> str:
    """How a screen or a document marks an estimated due date."""
    named = "、".join(f"{y}年" for y in years)
    return f"估算：{named}节假日安排尚未公布，按周一至周五计算，以公布后的安排为准"


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
