"""Working days on the Chinese statutory calendar, with make-up workdays (调休).

chinese-calendar carries the State Council's published schedule, including the Saturdays and
Sundays that are workdays; it was chosen over `holidays` because that library lists days off but
not the make-up workdays, which decide "3 working days" around Spring Festival and National Day.
A year the library does not know yet falls back to Monday-Friday, and the calendar remembers the
year so commands can warn. Users add their own days off and workdays in crossdept.toml.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import chinese_calendar

ONE_DAY = dt.timedelta(days=1)


class WorkCalendar:
    def __init__(self, days_off: Iterable[dt.date] = (), workdays: Iterable[dt.date] = ()) -> None:
        self.days_off = frozenset(days_off)
        self.workdays = frozenset(workdays)
        self.unknown_years: set[int] = set()
        # Counting working days over a deadline long past asks about thousands of days; each
        # answer is fixed for the life of the calendar, so remember it.
        self._known: dict[dt.date, bool] = {}

    def is_workday(self, day: dt.date) -> bool:
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = self._lookup(day)
        return known

    def _lookup(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.days_off:
            return False
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            self.unknown_years.add(day.year)
            return day.weekday() < 5

    def next_workday(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day`."""
        day += ONE_DAY
        while not self.is_workday(day):
            day += ONE_DAY
        return day

    def previous_workday(self, day: dt.date) -> dt.date:
        """The last working day strictly before `day`."""
        day -= ONE_DAY
        while not self.is_workday(day):
            day -= ONE_DAY
        return day

    def add_workdays(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `day` (count >= 1)."""
        for _ in range(count):
            day = self.next_workday(day)
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: how many working days `end` is past `start`."""
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            if self.is_workday(day):
                count += 1
        return count


def known_years() -> range:
    """The years chinese-calendar carries the State Council's schedule for (2004 to, today, 2026)."""
    return range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)


def workdays_of(years: range, calendar: WorkCalendar | None = None) -> list[dt.date]:
    """Every working day of `years` in order, 调休 Saturdays included and holidays left out: the
    list the templates' colours look the next working day up in, so Excel agrees with crossdept."""
    cal = calendar or WorkCalendar()
    day, end = dt.date(years.start, 1, 1), dt.date(years.stop, 1, 1)
    out = []
    while day < end:
        if cal.is_workday(day):
            out.append(day)
        day += ONE_DAY
    return out
