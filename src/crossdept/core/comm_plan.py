"""The project's communication plan as calendar events (domain.md, "The communication plan as a
schedule"): plan rows of every workbook, the charter's dates, crossdept.toml's people in; one
`PlanEvent` per plan row, or the reason it is not scheduled, out. Pure; write/ics.py lays the
events out as iCalendar and ops/calendar.py reads and writes the files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from crossdept.config import Config, Person
from crossdept.core.calendar import WorkCalendar
from crossdept.core.schedule import Milestone, NotScheduled, ProjectDates, Schedule, normalise, parse_frequency, resolve
from crossdept.model.sheets import CHARTER, COMM_PLAN
from crossdept.model.text import match_key, split_names
from crossdept.read.records import Record, Workbook

_EVERY_DEPARTMENT = "各部门"
UID_DOMAIN = "crossdept"


@dataclass(frozen=True)
class Source:
    """Where a plan row was read (file, sheet, row, and the cells of its columns) — what every
    message about it names."""

    path: Path | None
    sheet: str
    row: int
    cells: tuple[tuple[str, str], ...] = ()  # (column key, "D6") of the row's filled cells

    def cell(self, key: str) -> str | None:
        return dict(self.cells).get(key)

    def place(self, key: str) -> str:
        """研发部.xlsx 沟通计划表!D6: the file and the cell of column `key` (else the row)."""
        name = self.path.name if self.path else ""
        return f"{name} {self.sheet}!{self.cell(key) or self.row}".strip()


@dataclass(frozen=True)
class PlanRow:
    item: str
    frequency: str
    owner: str
    participants: str
    channel: str
    deliverable: str
    notes: str
    source: Source


@dataclass
class PlanEvent:
    """A scheduled plan row: what, when, who (organiser and attendees as crossdept.toml knows them)."""

    row: PlanRow
    uid: str
    schedule: Schedule
    organiser: Person | None
    attendees: list[Person] = field(default_factory=list)


@dataclass(frozen=True)
class Unscheduled:
    row: PlanRow
    reason: NotScheduled


@dataclass(frozen=True)
class Unresolved:
    """A name of 负责人 or 参与部门/人员 that matches no one with an email in crossdept.toml."""

    row: PlanRow
    name: str
    role: str  # "owner" | "participant"

    @property
    def column(self) -> str:
        """The column that names them: 负责人 or 参与部门/人员."""
        return "owner" if self.role == "owner" else "participants"


@dataclass
class CalendarPlan:
    events: list[PlanEvent]
    not_scheduled: list[Unscheduled]
    unresolved: list[Unresolved]
    project: ProjectDates


def _text(record: Record, key: str) -> str:
    value = record.get(key)
    return " ".join(str(value).split()) if value is not None else ""


def plan_rows(book: Workbook) -> list[PlanRow]:
    """Every 沟通计划表 row with an item and a frequency, in sheet order."""
    rows = []
    for sheet in book.sheets_of(COMM_PLAN.key):
        for r in sheet.records:
            item, frequency = _text(r, "item"), _text(r, "frequency")
            if item or frequency:
                rows.append(PlanRow(item, frequency, _text(r, "owner"), _text(r, "participants"), _text(r, "channel"),
                                    _text(r, "deliverable"), _text(r, "notes"),
                                    Source(book.path, sheet.name, r.row, tuple((k, c.ref) for k, c in r.cells.items()))))
    return rows


def project_dates(book: Workbook | None, today: dt.date) -> ProjectDates:
    """开始日期, 结束日期 and the milestones of the workbook's 项目章程 (none without one)."""
    sheet = book.sheet(CHARTER.key) if book is not None else None
    if sheet is None:
        return ProjectDates(today)

    def day(value: object) -> dt.date | None:
        return value if isinstance(value, dt.date) else None

    milestones = tuple(Milestone(str(r.get("milestone")), day(r.get("planned")), day(r.get("actual")))
                       for r in sheet.records if r.get("milestone"))
    return ProjectDates(today, day(sheet.field("start")), day(sheet.field("end")), milestones)


def dedupe(rows: list[PlanRow]) -> list[PlanRow]:
    """One row per (item, frequency, owner): department workbooks repeat the project's plan rows
    they take part in, and an exchange is one calendar event however many files list it."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for row in rows:
        key = (match_key(row.item), normalise(row.frequency), match_key(row.owner))
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def stable_uid(project: str, row: PlanRow, taken: set[str]) -> str:
    """The same plan row gets the same UID on every export (project, item and owner decide it;
    its time may change), so a re-import updates the calendar entry instead of adding one."""
    base = hashlib.sha1(f"{project}\x1f{match_key(row.item)}\x1f{match_key(row.owner)}".encode()).hexdigest()[:20]
    uid, n = f"{base}@{UID_DOMAIN}", 2
    while uid in taken:  # the same item and owner twice with different times: two entries
        uid, n = f"{base}-{n}@{UID_DOMAIN}", n + 1
    taken.add(uid)
    return uid


class People:
    """Who a name of the plan means, from crossdept.toml: a person, a department (its people),
    各部门 (everyone with a department), 项目负责人 / 项目发起人 (the lead / the sponsor)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.by_name = {match_key(p.name): p for p in config.people}
        departments = {*config.departments, *(p.department for p in config.people if p.department)}
        self.departments = {match_key(d): d for d in departments}
        roles = {"lead": config.lead, "sponsor": config.sponsor}
        for key, name in roles.items():
            column = CHARTER.column(key)
            for word in (column.header, *column.aliases):
                if name and match_key(name) in self.by_name:
                    self.by_name.setdefault(match_key(word), self.by_name[match_key(name)])

    def person(self, name: str) -> Person | None:
        return self.by_name.get(match_key(name))

    def _department(self, name: str) -> str | None:
        key = match_key(name)
        return self.departments.get(key) or self.departments.get(key + "部")

    def resolve(self, name: str) -> list[Person] | None:
        """The people a name stands for, or None when it stands for no one known."""
        person = self.person(name)
        if person is not None:
            return [person]
        department = self._department(name)
        if department is not None:
            return [p for p in self.config.people if p.department == department]
        if name.startswith(_EVERY_DEPARTMENT):
            return [p for p in self.config.people if p.department]
        return None


def attendees(row: PlanRow, people: People) -> tuple[list[Person], list[str]]:
    """(people with an email, in order, once each; names that resolve to no one with an email)."""
    found: dict[str, Person] = {}
    unknown = []
    # 参与部门/人员 is a phrase: "研发、市场、运营", "张伟 王芳", "各部门负责人+发起人".
    for name in split_names(row.participants, spaces=True, joiners=True):
        resolved = people.resolve(name)
        with_email = [p for p in resolved or () if p.email]
        if not with_email:
            unknown.append(name)
        for p in with_email:
            found.setdefault(p.name, p)
    return list(found.values()), unknown


def build_plan(books: list[Workbook], config: Config, today: dt.date, calendar: WorkCalendar) -> CalendarPlan:
    """Every plan row of the folder scheduled, or listed with its reason.

    The project workbook (the one with a 项目章程) gives the dates and comes first, so its copy of a
    plan row is the one kept when department workbooks repeat it.
    """
    charter_books = [b for b in books if b.sheet(CHARTER.key) is not None]
    ordered = charter_books + [b for b in books if b not in charter_books]
    dates = project_dates(charter_books[0] if charter_books else None, today)
    # The UID's project: crossdept.toml's name, else the workbooks' (not the folder's, which may be renamed).
    project = config.project or next((m for b in ordered if (m := b.meta("project"))), "") or ""
    people = People(config)
    plan = CalendarPlan([], [], [], dates)
    taken: set[str] = set()
    for row in dedupe([r for b in ordered for r in plan_rows(b)]):
        parsed = parse_frequency(row.frequency)
        schedule = parsed if isinstance(parsed, NotScheduled) else resolve(parsed, dates, calendar)
        if isinstance(schedule, NotScheduled):
            plan.not_scheduled.append(Unscheduled(row, schedule))
            continue
        organiser = people.person(row.owner) if row.owner else None
        if organiser is None or not organiser.email:
            if row.owner:
                plan.unresolved.append(Unresolved(row, row.owner, "owner"))
            organiser = None
        guests, unknown = attendees(row, people)
        plan.unresolved.extend(Unresolved(row, name, "participant") for name in unknown)
        plan.events.append(PlanEvent(row, stable_uid(project, row, taken), schedule, organiser, guests))
    return plan
