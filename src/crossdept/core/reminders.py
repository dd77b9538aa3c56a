"""The day's reminders: personal digests, escalation notices and the project's group digest.

Implements "Reminders (decisions)" of ../shared/guide/domain.md. Pure: workbooks in, who must be
told what out. Every state (overdue, due soon, stale, blocked) comes from core/overdue.py, the
same marks highlight, the roll-up and the email use, so a reminder never disagrees with the
red cell in the workbook it points at.

What is decided here, and only here:
- whose item it is: the row's 责任人 / 负责人 (a cell naming several people, "张伟、李娜",
  reminds each of them);
- where to update it: the file, sheet and cell a person opens (状态 for overdue, due-soon and
  blocked work, 更新日期 for a stale issue; an action item's place comes from core/actions.py);
- who an overdue issue is escalated to: 一级 -> the project lead, 二级 -> the sponsor, 三级 -> the
  sponsor with the lead in copy (overdue.NEXT_LEVEL and People.for_level say who holds which);
- what the group hears: the counts, the overdue list and the owners to @-mention.
Whether a message was already sent is the operation's business (store/sent.py), not the core's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from crossdept.cellref import cell_ref
from crossdept.core.actions import ActionMark, workbook_action_marks
from crossdept.config import Config, Person
from crossdept.core.overdue import DEFAULT_LEVEL, IssueMark, Rules, TaskMark, issue_marks, task_marks
from crossdept.model.sheets import LEVEL_1, LEVEL_3
from crossdept.model.text import split_names
from crossdept.read.locate import HeaderMap
from crossdept.read.records import Record, SheetData, Workbook

Kind = Literal["issue", "task", "action"]

# A title longer than this is shortened in digests (the cell itself holds the whole text).
TITLE_CHARS = 40


def owners(value: object) -> list[str]:
    """Every person a 责任人 cell names, in order, each once ("张伟 李娜" names two, "Zhang Wei" one)."""
    return split_names(value, spaces=True)


def short(text: object, limit: int = TITLE_CHARS) -> str:
    """One line of at most `limit` characters, for a digest line (never a whole cell)."""
    line = " ".join(str(text or "").split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


@dataclass(frozen=True)
class Item:
    """One thing a person must act on, and the cell where they update it."""

    kind: Kind
    id: str
    state: str  # overdue / due_soon / stale (issues, actions) · overdue / blocked (tasks)
    path: str
    sheet: str
    cell: str
    title: str
    owner: str  # the cell as written (may name several people)
    due: dt.date | None = None
    days_overdue: int = 0
    level: str | None = None

    @property
    def key(self) -> str:
        """Stable identity for the sent-log: the same item in the same state is the same reminder."""
        return f"{self.kind}|{self.path}|{self.id}|{self.state}"

    def to_json(self) -> dict[str, object]:
        """interface.md's remind item, plus what a script needs to show it."""
        return {"kind": self.kind, "id": self.id, "state": self.state, "path": self.path, "sheet": self.sheet,
                "cell": self.cell, "title": self.title, "owner": self.owner,
                "due": self.due.isoformat() if self.due else None, "days_overdue": self.days_overdue,
                "level": self.level}


@dataclass
class Digest:
    """One person's items of the day (only theirs)."""

    person: str
    email: str | None
    items: list[Item] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"person": self.person, "email": self.email, "items": [i.to_json() for i in self.items]}


@dataclass(frozen=True)
class Escalation:
    """An overdue issue announced to whoever must step in; once per issue and level."""

    issue: Item
    level: str
    to: tuple[str, ...]
    cc: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"escalation|{self.issue.path}|{self.issue.id}|{self.level}"

    def to_json(self) -> dict[str, object]:
        return {"id": self.issue.id, "level": self.level, "to": list(self.to), "cc": list(self.cc),
                "path": self.issue.path, "sheet": self.issue.sheet, "cell": self.issue.cell}


@dataclass
class GroupDigest:
    """What the project group hears: counts, the overdue list, who is @-mentioned."""

    project: str
    today: dt.date
    counts: dict[str, int]
    overdue: Sequence[Item]  # in overdue_order
    mentions: list[Person]  # owners of overdue items, as crossdept.toml knows them (or by name only)


@dataclass
class Reminders:
    personal: list[Digest]
    escalations: list[Escalation]
    group: GroupDigest


COUNT_KEYS = ("issues_overdue", "issues_due_soon", "issues_stale", "tasks_overdue", "tasks_blocked",
              "actions_overdue", "actions_due_soon")


def update_cell(header: HeaderMap | None, record: Record, key: str) -> str:
    """The cell of column `key` in the record's row (its block's header says where the column
    is); the row's first known cell when the sheet has no such column."""
    col = header.columns.get(key) if header is not None else None
    if col is not None:
        return cell_ref(col, record.row)
    first = min(record.cells.values(), key=lambda c: c.col, default=None)
    return first.ref if first is not None else f"A{record.row}"


def headers(sheet: SheetData) -> dict[int, HeaderMap | None]:
    """Each record's block header, by record identity (a sheet may repeat its header in blocks)."""
    return {id(r): block.header for block in sheet.blocks for r in block.records}


def record_id(record: Record, sheet: SheetData) -> str:
    """The row's ID, or its place when it has none (still stable day to day)."""
    value = record.get("id")
    return str(value) if value not in (None, "") else f"{sheet.name}!{record.row}"


def issue_item(path: str, sheet: SheetData, mark: IssueMark, header: HeaderMap | None) -> Item:
    r = mark.record
    where = update_cell(header, r, "updated_on" if mark.state == "stale" else "status")
    return Item("issue", record_id(r, sheet), mark.state, path, sheet.name, where, short(r.get("description")),
                str(r.get("owner") or ""), mark.due, mark.days_overdue, mark.level)


def task_item(path: str, sheet: SheetData, mark: TaskMark, header: HeaderMap | None) -> Item:
    r = mark.record
    planned = r.get("planned_finish")
    return Item("task", record_id(r, sheet), mark.state, path, sheet.name, update_cell(header, r, "status"),
                short(r.get("task")), str(r.get("owner") or ""),
                planned if isinstance(planned, dt.date) else None, mark.days_overdue)


def action_item(path: str, mark: ActionMark) -> Item:
    """An action item of the minutes; its id is MEETING-DATE#ROW (core/actions.py)."""
    a = mark.item
    return Item("action", a.id, mark.state, path, a.sheet, a.cell, short(a.action), a.owner or "", a.due,
                mark.days_overdue)


def escalation(item: Item, lead: str | None, sponsor: str | None) -> Escalation:
    """一级 -> the lead; 二级 -> the sponsor; 三级 -> the sponsor, the lead in copy."""
    level = item.level or DEFAULT_LEVEL
    if level == LEVEL_1:
        return Escalation(item, level, tuple(p for p in (lead,) if p))
    cc = tuple(p for p in (lead,) if p and level == LEVEL_3 and p != sponsor)
    return Escalation(item, level, tuple(p for p in (sponsor,) if p), cc)


def book_items(path: str, book: Workbook, rules: Rules) -> list[Item]:
    """Every reminder-worthy item of one workbook, in sheet and row order."""
    items: list[Item] = []
    for key, make, marks in (("issues", issue_item, issue_marks), ("board", task_item, task_marks)):
        for sheet in book.sheets_of(key):
            where = headers(sheet)
            items += [make(path, sheet, m, where[id(m.record)]) for m in marks(sheet, rules)]  # type: ignore[operator]
    return items + [action_item(path, m) for m in workbook_action_marks(book, rules)]


def rules_for(books: Iterable[Workbook], config: Config, today: dt.date) -> Rules:
    """Calendar and people from crossdept.toml, the lead and sponsor falling back to the 项目章程
    of whichever workbook of the folder holds it."""
    charter = next((b for b in books if b.sheet("charter") is not None), None)
    return Rules.from_config(config, today, charter)


def build_reminders(entries: Iterable[tuple[str, Workbook]], config: Config, today: dt.date,
                    project: str) -> Reminders:
    """The day's reminders for (shown path, workbook) pairs."""
    entries = list(entries)
    rules = rules_for((b for _, b in entries), config, today)
    return reminders_of([i for path, book in entries for i in book_items(path, book, rules)], rules, config, today,
                        project)


def overdue_order(item: Item) -> tuple[int, str, str]:
    """The group digest's order of overdue items: most days overdue first, then file and id."""
    return -item.days_overdue, item.path, item.id


def count_items(items: Iterable[Item], counts: dict[str, int] | None = None) -> dict[str, int]:
    """The group digest's counts (COUNT_KEYS) of `items`, added to `counts` when given."""
    counts = dict.fromkeys(COUNT_KEYS, 0) if counts is None else counts
    for item in items:
        key = f"{item.kind}s_{item.state}"
        if key in counts:
            counts[key] += 1
    return counts


def escalations_of(items: Iterable[Item], rules: Rules) -> Iterator[Escalation]:
    """Each overdue issue's escalation, in the items' order."""
    lead, sponsor = rules.people.lead, rules.people.sponsor
    return (escalation(i, lead, sponsor) for i in items if i.kind == "issue" and i.state == "overdue")


def group_digest(counts: dict[str, int], overdue: Sequence[Item], config: Config, today: dt.date,
                 project: str) -> GroupDigest:
    """What the group hears, from the counts and the overdue items in overdue_order. The weekly
    run passes a store/spill.SpillList, read once here for the owners to mention."""
    names = dict.fromkeys(n for i in overdue for n in owners(i.owner))
    mentions = [config.person(n) or Person(n) for n in names]
    return GroupDigest(project, today, counts, overdue, mentions)


def reminders_of(items: list[Item], rules: Rules, config: Config, today: dt.date, project: str) -> Reminders:
    """The day's reminders of items gathered workbook by workbook (book_items), in file order.
    An item does not depend on the 项目章程's lead and sponsor; `rules` brings them for the
    escalations."""
    digests: dict[str, Digest] = {}
    for item in items:
        for name in owners(item.owner):
            if name not in digests:
                person = config.person(name)
                digests[name] = Digest(name, person.email if person else None)
            digests[name].items.append(item)
    overdue = sorted((i for i in items if i.state == "overdue"), key=overdue_order)
    return Reminders(sorted(digests.values(), key=lambda d: d.person), list(escalations_of(items, rules)),
                     group_digest(count_items(items), overdue, config, today, project))
