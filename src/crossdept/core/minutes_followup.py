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


def minutes_missing(books: list[Workbook], config: Config, today: dt.date) -> list[Finding]:
    """One `minutes-missing` warning per week, placed on the project workbook's 会议纪要 (the one
    with a 项目章程), else on the first workbook that keeps minutes."""
    home = next((b for b in books if b.sheet(CHARTER.key) is not None), None) or next(
        (b for b in books if b.sheets_of(MINUTES.key)), None)
    if home is None:
        return []
    charter = home.sheet(CHARTER.key)
    start = charter.field("start") if charter is not None else None
    dates = {d for b in books for d in weekly_minutes_dates(b)}
    calendar = WorkCalendar(config.days_off, config.workdays)
    days = missing_weeks(dates, today, config.meeting_weekday, calendar, start if isinstance(start, dt.date) else None)
    minutes = home.sheet(MINUTES.key)
    sheet = minutes.name if minutes is not None else MINUTES.name
    path = str(home.path) if home.path is not None else None
    return [Finding(MINUTES_MISSING, sheet, params={"date": d.isoformat(), "weekday": WEEKDAYS_ZH[d.weekday()]}, path=path)
            for d in days]


def attach(findings: list[Finding], results: list) -> None:
    """Add folder-level findings to the validation result of the file they are placed on
    (core.validate.result.FileResult), so the report shows them at that file."""
    for finding in findings:
        target = next((r for r in results if str(r.path) == finding.path), None)
        if target is not None:
            target.findings.append(finding)
