"""Weekly meetings without minutes (domain.md, "Minutes follow-up"): the folder-level warning
`minutes-missing`.

The weekly meeting is the project's, due every week on crossdept.toml's meeting weekday (default
Friday); its minutes may sit in any workbook of the folder, so this looks at all of them at once
and makes one finding per week for the folder, not one per file. Over the 4 weeks up to today, a
past meeting day with no 周例会 block dated within one working day of it (the day before or after,
on the working-day calendar: a meeting moved by a day still counts) is missing its minutes.
A meeting held today is not judged yet: its minutes are due within 24 hours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from crossdept.config import Config
from crossdept.core.calendar import WorkCalendar
from crossdept.findings import Finding, define_rule
from crossdept.model.sheets import CHARTER, MINUTES, WEEKLY_MEETING
from crossdept.read.records import Workbook

MINUTES_MISSING = define_rule("minutes-missing", "warning")
WEEKS = 4
WEEKDAYS_ZH = "一二三四五六日"


def weekly_minutes_dates(book: Workbook) -> set[dt.date]:
    """The dates of the workbook's 周例会 minutes blocks."""
    return {day for sheet in book.sheets_of(MINUTES.key) for block in sheet.blocks
            if block.field("meeting_type") == WEEKLY_MEETING and isinstance(day := block.field("date"), dt.date)}


def meeting_days(today: dt.date, iso_weekday: int, weeks: int = WEEKS) -> list[dt.date]:
    """The weekly meeting's days of the `weeks` weeks up to today (today's included), oldest first."""
    last = today - dt.timedelta(days=(today.isoweekday() - iso_weekday) % 7)
    return [last - dt.timedelta(weeks=n) for n in reversed(range(weeks))]


def missing_weeks(dates: Iterable[dt.date], today: dt.date, iso_weekday: int, calendar: WorkCalendar,
                  start: dt.date | None = None) -> list[dt.date]:
    """Meeting days (on or after the project's start) with no 周例会 minutes within one working day."""
    held = set(dates)
    out = []
    for day in meeting_days(today, iso_weekday):
        if (start is not None and day < start) or day == today:  # today's minutes are not due yet
            continue
        window_start, window_end = calendar.previous_workday(day), calendar.next_workday(day)
        if not any(window_start <= d <= window_end for d in held):
            out.append(day)
    return out


class MinutesCollector:
    """What `minutes-missing` needs of workbooks given one at a time (validate reads file by file
    and keeps no workbook): the 周例会 dates, and where the finding goes. Weekly and validate both
    judge through it, so the rule has one implementation."""

    def __init__(self) -> None:
        self.dates: set[dt.date] = set()
        self.has_project_minutes = False  # a workbook with both a 项目章程 and a 会议纪要 sheet
        self._charter_home: tuple[str | None, str, object] | None = None  # (path, minutes sheet, start)
        self._minutes_home: tuple[str | None, str, object] | None = None

    def add(self, book: Workbook) -> None:
        self.dates |= weekly_minutes_dates(book)
        minutes, charter = book.sheet(MINUTES.key), book.sheet(CHARTER.key)
        home = (str(book.path) if book.path is not None else None,
                minutes.name if minutes is not None else MINUTES.name,
                charter.field("start") if charter is not None else None)
        if book.sheets_of(MINUTES.key):
            self.has_project_minutes |= charter is not None
            self._minutes_home = self._minutes_home or home
        if charter is not None:
            self._charter_home = self._charter_home or home

    def findings(self, config: Config, today: dt.date) -> list[Finding]:
        """One `minutes-missing` warning per week, placed on the project workbook's 会议纪要 (the one
        with a 项目章程), else on the first workbook that keeps minutes."""
        home = self._charter_home or self._minutes_home
        if home is None:
            return []
        path, sheet, start = home
        calendar = WorkCalendar(config.days_off, config.workdays)
        days = missing_weeks(self.dates, today, config.meeting_weekday, calendar,
                             start if isinstance(start, dt.date) else None)
        return [Finding(MINUTES_MISSING, sheet, params={"date": d.isoformat(), "weekday": WEEKDAYS_ZH[d.weekday()]},
                        path=path) for d in days]


def minutes_missing(books: list[Workbook], config: Config, today: dt.date) -> list[Finding]:
    """`minutes-missing` over a folder's workbooks read together (MinutesCollector.findings)."""
    collector = MinutesCollector()
    for book in books:
        collector.add(book)
    return collector.findings(config, today)


def attach(findings: list[Finding], results: list) -> None:
    """Add folder-level findings to the validation result of the file they are placed on
    (core.validate.result.FileResult), so the report shows them at that file."""
    for finding in findings:
        target = next((r for r in results if str(r.path) == finding.path), None)
        if target is not None:
            target.findings.append(finding)
