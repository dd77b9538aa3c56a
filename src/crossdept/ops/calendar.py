"""`crossdept calendar FOLDER -o OUT.ics`: the communication plan as an iCalendar file.

Reads every workbook of FOLDER (the project workbook's 项目章程 gives the dates and milestones,
every 沟通计划表 the rows), schedules each plan row (core/comm_plan.py, core/schedule.py) and
writes the .ics atomically (write/ics.py). Exit code 2 when a workbook could not be read or the
folder holds no plan at all, 1 when some row is not scheduled (other than an event, 争议出现时)
or names no one crossdept.toml knows with an email, else 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from crossdept import i18n
from crossdept.config import load_config
from crossdept.core.calendar import WorkCalendar
from crossdept.core.comm_plan import CalendarPlan, PlanEvent, Source, build_plan
from crossdept.core.schedule import HOLIDAY_YEARS
from crossdept.errors import CrossdeptError
from crossdept.model import outputs
from crossdept.ops.common import (EXIT_ATTENTION, EXIT_OK, EXIT_UNREADABLE, DateLike, PathArg, as_lang, as_path, as_today,
                                  default_year, project_name)
from crossdept.read.folder import read_folder
from crossdept.read.records import Workbook
from crossdept.write.atomic import write_bytes_atomic

ICS_SIGNATURE = b"BEGIN:VCALENDAR"


@dataclass
class CalendarResult:
    output: Path
    plan: CalendarPlan
    lang: str
    files: list[dict[str, object]] = field(default_factory=list)  # {path, status, error} of files not read
    unknown_years: list[int] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if any(f["status"] == "unreadable" for f in self.files):
            return EXIT_UNREADABLE
        # An event (争议出现时) is rightly off the calendar; anything else not scheduled is worth a look.
        if self.plan.unresolved or any(u.reason.reason != "schedule.event" for u in self.plan.not_scheduled):
            return EXIT_ATTENTION
        return EXIT_OK

    def to_json(self) -> dict[str, object]:
        """interface.md's calendar object, each entry extended with where its row is and who."""
        return {
            "output": str(self.output),
            "events": [_event_json(e) for e in self.plan.events],
            "not_scheduled": [{
                "item": u.row.item, "phrase": u.row.frequency, "reason": i18n.t(u.reason.reason, self.lang, **u.reason.params),
                "reason_id": u.reason.reason, **_place(u.row.source, "frequency"),
            } for u in self.plan.not_scheduled],
            "unresolved": [{"item": u.row.item, "name": u.name, "role": u.role,
                            **_place(u.row.source, u.column)}
                           for u in self.plan.unresolved],
            "holiday_years": list(HOLIDAY_YEARS),
            "files": self.files,
        }


def _place(source: Source, key: str = "item") -> dict[str, object]:
    """Where a row is: file, sheet, Excel row and the cell of column `key` (the one to fix)."""
    return {"path": str(source.path) if source.path else None, "sheet": source.sheet, "row": source.row,
            "cell": source.cell(key)}


def _start_text(event: PlanEvent) -> str:
    s = event.schedule
    if s.clock is None:
        return s.first.isoformat()
    return dt.datetime.combine(s.first, s.clock.start, dt.timezone(dt.timedelta(hours=8))).isoformat()


def _event_json(event: PlanEvent) -> dict[str, object]:
    from crossdept.write.ics import rrule_text

    s = event.schedule
    return {
        "item": event.row.item, "uid": event.uid, "start": _start_text(event),
        "rrule": rrule_text(event), "dates": [d.isoformat() for d in s.dates] or None,
        "frequency": event.row.frequency, "form": s.pattern.form,
        "exdates": [d.isoformat() for d in s.exdates], "extra_dates": [d.isoformat() for d in s.rdates],
        "exact_until": s.exact_until.isoformat() if s.exact_until else None,
        "organiser": event.organiser.email if event.organiser else None,
        "attendees": [p.email for p in event.attendees], **_place(event.row.source),
    }


def _check_output(output: Path) -> None:
    if output.is_dir():
        raise CrossdeptError("output-exists-folder", path=output)
    if output.suffix.lower() != ".ics":
        raise CrossdeptError("calendar.output-not-ics", path=output)
    if output.exists():
        with open(output, "rb") as fh:  # -o 研发部.xlsx.ics by mistake must never replace anything else
            head = fh.read(64).lstrip(b"\xef\xbb\xbf \r\n")
        if not head.startswith(ICS_SIGNATURE):
            raise CrossdeptError("calendar.output-not-calendar", path=output)


def calendar(folder: PathArg, *, output: PathArg, today: DateLike = None, lang: str | None = None) -> CalendarResult:
    """Write FOLDER's communication plan to `output` (.ics) and say what could not be scheduled."""
    language = as_lang(lang)
    day = as_today(today)
    root, target = as_path(folder), as_path(output)
    if not root.is_dir():
        raise CrossdeptError("calendar.not-folder", path=root)
    _check_output(target)
    config = load_config(root)  # a broken crossdept.toml is a CrossdeptError (exit 2)
    books: list[Workbook] = []
    files: list[dict[str, object]] = []
    for path, got in read_folder(root, default_year(config, day), exclude=[target]):
        if isinstance(got, Workbook):
            books.append(got)
        elif got.status == "unreadable":
            files.append({"path": str(path), "status": got.status, "error": got.message(language)})
    work = WorkCalendar(config.days_off, config.workdays)
    plan = build_plan(books, config, day, work)
    if not plan.events and not plan.not_scheduled:
        raise CrossdeptError("calendar.no-plan", path=root)
    project = project_name(config, books, root.resolve().name)
    write_calendar(plan, project, day, target)
    return CalendarResult(target, plan, language, files, sorted(work.unknown_years))


def write_calendar(plan: CalendarPlan, project: str, today: dt.date, target: Path) -> Path:
    """The plan's .ics at `target`, atomically (also the weekly chain's 沟通日程)."""
    from crossdept.write.ics import build_ics

    stamp = dt.datetime.combine(today, dt.time(0), dt.timezone.utc)  # DTSTAMP: the run's day, reproducible
    return write_bytes_atomic(target, build_ics(plan.events, f"{project} {outputs.CALENDAR}", stamp))
