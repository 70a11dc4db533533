"""Working days on the official Chinese calendar (行政许可法 Art. 82: limits count working days).

Sources, in order of precedence:

1. ``overrides``: dates a supervisor entered (True: working day, e.g. a 调休 make-up Saturday;
   False: holiday). They win over everything, so a wrong entry in the package can be corrected.
2. ``chinese_calendar``: the State Council schedule, known only up to the package's release year
   (a new year's schedule is published each November).
3. Monday to Friday, as an *estimate*, for a year neither source knows. Such a guess is never
   silent: it records a :class:`CalendarWarning` that callers show next to the date.

A year counts as known when ``chinese_calendar`` covers it or the supervisors declared their
overrides for it complete (``known_years`` / :meth:`WorkCalendar.mark_year_complete`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

import chinese_calendar


@dataclass(frozen=True)
class CalendarWarning:
    year: int
    message: str
    code: str = "calendar.year_unknown"


@dataclass(frozen=True)
class DueDate:
    date: date
    warnings: tuple[CalendarWarning, ...] = ()

    @property
    def estimated(self) -> bool:
        """True when the date rests on a Mon-Fri guess for a year without a schedule."""
        return bool(self.warnings)


@cache
def _package_workday(d: date) -> bool:
    # chinese_calendar validates its argument on every call; a due date asks ~40 days.
    return bool(chinese_calendar.is_workday(d))


@cache
def _package_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def _year_warning(year: int) -> CalendarWarning:
    return CalendarWarning(
        year,
        f"{year} 年的法定节假日安排尚未录入，期限按周一至周五估算，请管理员录入节假日安排",
    )


def _as_date(d: date) -> date:
    # datetime is a date subclass but never equals a date key: normalise it.
    return d.date() if isinstance(d, datetime) else d


class WorkCalendar:
    def __init__(
        self, overrides: Mapping[date, bool] | None = None, known_years: Iterable[int] = ()
    ) -> None:
        self._overrides = {_as_date(d): bool(w) for d, w in (overrides or {}).items()}
        self._complete_years = set(known_years)
        self._warnings: dict[int, CalendarWarning] = {}

    def set_override(self, d: date, workday: bool) -> None:
        self._overrides[_as_date(d)] = workday

    def mark_year_complete(self, year: int) -> None:
        """The supervisors have entered every holiday and make-up day of ``year``."""
        self._complete_years.add(year)
        self._warnings.pop(year, None)

    def is_known_year(self, year: int) -> bool:
        return year in self._complete_years or _package_knows(year)

    def unknown_years(self, years: Iterable[int]) -> tuple[int, ...]:
        """Years in ``years`` (e.g. ``range(2026, 2028)``) that only a guess would cover."""
        return tuple(sorted({y for y in years if not self.is_known_year(y)}))

    @property
    def warnings(self) -> tuple[CalendarWarning, ...]:
        """Every guess made so far, one per year, oldest year first."""
        return tuple(self._warnings[y] for y in sorted(self._warnings))

    def clear_warnings(self) -> None:
        self._warnings.clear()

    def _check(self, d: date) -> tuple[bool, CalendarWarning | None]:
        d = _as_date(d)
        if d in self._overrides:
            return self._overrides[d], None
        if _package_knows(d.year):
            return _package_workday(d), None
        weekday = d.weekday() < 5
        if d.year in self._complete_years:
            return weekday, None
        warning = self._warnings.setdefault(d.year, _year_warning(d.year))
        return weekday, warning

    def is_workday(self, d: date) -> bool:
        """Whether ``d`` is a working day; a guess records a warning (see ``warnings``)."""
        return self._check(d)[0]

    def add_workdays(self, start: date, n: int) -> DueDate:
        """The due date ``n`` working days after ``start`` (the day of receipt is not counted).

        Counting starts on the next working day; ``n == 0`` gives ``start`` itself.
        """
        if n < 0:
            raise ValueError("n must not be negative")
        d, counted = _as_date(start), 0
        found: dict[int, CalendarWarning] = {}
        while counted < n:
            d += timedelta(days=1)
            workday, warning = self._check(d)
            if warning is not None:
                found[warning.year] = warning
            counted += workday
        return DueDate(d, tuple(found[y] for y in sorted(found)))

    def add_days(self, start: date, n: int) -> DueDate:
        """The due date of a period of ``n`` calendar days (日) from ``start``.

        The starting day is not counted, and a last day that falls on a rest day or holiday
        moves to the next working day (民法典第二百零一条、第二百零三条).
        """
        if n < 0:
            raise ValueError("n must not be negative")
        d = _as_date(start) + timedelta(days=n)
        found: dict[int, CalendarWarning] = {}
        while n:
            workday, warning = self._check(d)
            if warning is not None:
                found[warning.year] = warning
            if workday:
                break
            d += timedelta(days=1)
        return DueDate(d, tuple(found[y] for y in sorted(found)))

    def add_limit(self, start: date, n: int, unit: str) -> DueDate:
        """A limit in its own unit: "workday" (工作日), "day" (日) or "onsite" (当场, 0)."""
        if unit == "day":
            return self.add_days(start, n)
        if unit == "onsite":
            return DueDate(_as_date(start))
        return self.add_workdays(start, n)

    def workdays_between(self, a: date, b: date) -> int:
        """Working days after ``a`` up to and including ``b``; negative when ``b`` is before ``a``.

        ``workdays_between(due, today)`` is how many working days a case is overdue.
        """
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self.workdays_between(b, a)
        total, d = 0, a
        while d < b:
            d += timedelta(days=1)
            total += self.is_workday(d)
        return total
