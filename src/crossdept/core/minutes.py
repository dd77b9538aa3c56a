"""Which meeting to write up, and everything its minutes say, as plain data.

A 会议纪要 sheet stacks one block per meeting down the sheet (the reader splits them). The minutes
document is about one meeting: the latest by date unless the user names one (--meeting). Pure:
workbook records in, a `Minutes` out; the .docx and Markdown writers only lay it out, so both
always say the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from crossdept import i18n
from crossdept.config import Config
from crossdept.core.actions import ActionItem, action_items, carried_over
from crossdept.errors import CrossdeptError
from crossdept.core.overdue import SPONSOR, Rules, issue_marks
from crossdept.core.rollup import OverdueItem, cell_value
from crossdept.findings import display_value as _text
from crossdept.model import outputs
from crossdept.model.sheets import ISSUES, LEVEL, MINUTES
from crossdept.read.records import Block, Record, Workbook

# The guide: minutes go out within 24 hours of the meeting.
DISTRIBUTION_HOURS = 24
_CLOCK = re.compile(r"(\d{1,2})\s*[:：]\s*(\d{2})")
# What a file name cannot hold on Windows (and "/" nowhere): archive names become file names.
_NOT_IN_FILE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


class MinutesError(CrossdeptError):
    """The workbook holds no meeting to write up (or not the one asked for); `rule` is a message id."""


@dataclass(frozen=True)
class Meeting:
    """One block of a 会议纪要 sheet: its labelled fields and its topic rows."""

    sheet: str
    block: Block
    date: dt.date
    order: int  # position down the workbook, so the later of two same-day meetings wins

    @property
    def items(self) -> list[Record]:
        return self.block.records

    def field(self, key: str) -> str:
        """A header-block field as text ("" when empty or unreadable)."""
        cell = self.block.fields.get(key)
        if cell is not None and isinstance(cell.raw, dt.time):  # 15:00 typed in Excel is a time, not text
            return cell.raw.strftime("%H:%M:%S" if cell.raw.second else "%H:%M")
        value = self.block.field(key)
        if isinstance(value, dt.date):
            return value.isoformat()
        return "" if value is None else str(value)

    @property
    def first_row(self) -> int:
        """The Excel row where the block starts (its first field or its header row)."""
        rows = [c.row for c in self.block.fields.values()]
        if self.block.header is not None:
            rows.append(self.block.header.row)
        return min(rows) if rows else 0


@dataclass
class Minutes:
    """What a minutes document states, already decided; writers only format it."""

    project: str
    meeting: Meeting
    distribute_by: dt.datetime | dt.date  # a datetime when the meeting's start time is known
    overdue: list[OverdueItem] = field(default_factory=list)
    unreadable: int = 0  # cells of this meeting that could not be read (reported, shown empty)
    carried: list[ActionItem] = field(default_factory=list)  # open actions of earlier meetings  # cells of this meeting that could not be read (reported, shown empty)


def meetings(book: Workbook) -> list[Meeting]:
    """Every meeting with a readable date, in workbook order."""
    out = []
    for sheet in book.sheets_of(MINUTES.key):
        for block in sheet.blocks:
            day = block.field("date")
            if isinstance(day, dt.date):
                out.append(Meeting(sheet.name, block, day, len(out)))
    return out


def select_meeting(found: list[Meeting], on: dt.date | None = None, today: dt.date | None = None) -> Meeting:
    """The meeting held on `on`, or the latest one; the last written wins a tie.

    With `today`, "the latest" is the latest held by today: a block already filled in for next
    week's meeting is not the one to write up (the summary and weekly choose the same way). When
    every meeting lies ahead, the latest is still taken rather than nothing.
    """
    if not found:
        raise MinutesError("minutes.no-meeting")
    if on is None:
        held = [m for m in found if today is None or m.date <= today]
        return max(held or found, key=lambda m: (m.date, m.order))
    same_day = [m for m in found if m.date == on]
    if not same_day:
        dates = sorted({m.date.isoformat() for m in found})  # joined in the message's language
        raise MinutesError("minutes.meeting-not-found", date=on.isoformat(), dates=dates)
    return same_day[-1]


def start_time(text: str) -> dt.time | None:
    """The start of a 时间 field such as "15:00-16:00" or "15：00", if it names one."""
    m = _CLOCK.search(text)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def distribution_deadline(meeting: Meeting) -> dt.datetime | dt.date:
    """Meeting start + 24 hours; with no readable start time, the next calendar day."""
    start = start_time(meeting.field("time"))
    if start is None:
        return meeting.date + dt.timedelta(days=1)
    return dt.datetime.combine(meeting.date, start) + dt.timedelta(hours=DISTRIBUTION_HOURS)


def overdue_at(book: Workbook, rules: Rules) -> list[OverdueItem]:
    """Open issues already past their deadline on `rules.today` (the meeting day), by due date."""
    department = book.meta("department")
    marks = [m for s in book.sheets_of("issues") for m in issue_marks(s, rules, department) if m.state == "overdue"]
    marks.sort(key=lambda m: (m.due or dt.date.min, m.sheet, m.row))
    return [OverdueItem.of_issue(m, m.department or "", str(book.path)) for m in marks]


def _unreadable(meeting: Meeting) -> int:
    cells = [*meeting.block.fields.values(), *(c for r in meeting.items for c in r.cells.values())]
    return sum(1 for c in cells if not c.ok)


def build_minutes(book: Workbook, config: Config, project_fallback: str, on: dt.date | None = None,
                  today: dt.date | None = None, overdue: list[OverdueItem] | None = None) -> Minutes:
    """The minutes of the chosen meeting, with the workbook's open overdue issues as of that day.

    `overdue` replaces that appendix with the caller's figures: the weekly run passes the roll-up's
    overdue issues of the whole folder, so the minutes, the roll-up and the email list the same
    issues with the same days overdue (the meeting's own workbook may hold none of them).
    The project name comes from the workbook (说明/项目章程), else crossdept.toml, else the caller's
    fallback (the file name), so a department workbook without a name still gets a title.
    """
    meeting = select_meeting(meetings(book), on, today)
    project = one_line(book.meta("project") or config.project or project_fallback)
    if overdue is None:
        overdue = overdue_at(book, Rules.from_config(config, meeting.date, book))
    return Minutes(project, meeting, distribution_deadline(meeting), overdue, _unreadable(meeting),
                   carried_over(action_items(book), meeting.date))


def _deadline_text(when: dt.datetime | dt.date) -> str:
    return when.strftime("%Y-%m-%d %H:%M") if isinstance(when, dt.datetime) else when.isoformat()


def level_text(value: str, lang: str = "zh") -> str:
    """An issue level (一级/二级/三级, or 发起人 as an escalation) in `lang`; any other text as written."""
    if lang != "en":
        return value
    return i18n.t("escalate.sponsor", lang) if value == SPONSOR else LEVEL.english(value)


def _escalation(item: OverdueItem, lang: str = "zh") -> str:
    """二级（王总） when the person who resolves that level is known ("Level 2 (王总)" in English)."""
    target = level_text(item.escalate_to or "", lang)
    return i18n.t("escalate.person", lang, target=target, person=item.escalate_person) if target and item.escalate_person else target


def labels(lang: str = "zh") -> dict[str, object]:
    """The minutes' words in `lang` (the templates' ``L``): the sheet's field and column labels,
    the issue tracker's, and the headings and notes of catalog_minutes_doc.py by their short id."""
    words: dict[str, object] = {key.removeprefix("minutes-doc.").replace("-", "_"): i18n.t(key, lang)
                                for key in i18n.keys("minutes-doc.")}
    words["field"] = {f.key: f.label(lang) for f in MINUTES.fields}
    words["col"] = {c.key: c.label(lang) for c in MINUTES.columns}
    words["issue"] = {c.key: c.label(lang) for c in ISSUES.columns}
    return words


def minutes_context(minutes: Minutes, lang: str = "zh") -> dict[str, object]:
    """The variables of a minutes template, every value already text (docs/minutes.md lists them).

    A template is something a user may rewrite; handing it plain strings keeps it free of logic
    and keeps formatting (dates, escalation targets) identical in Word and Markdown.
    """
    meeting = minutes.meeting
    m = {f.key: meeting.field(f.key) for f in MINUTES.fields}
    row_keys = [c.key for c in MINUTES.columns]
    rows = [{k: _text(cell_value(r, k)) for k in row_keys} for r in meeting.items]
    for n, row in enumerate(rows, start=1):
        row["no"] = row["no"] or str(n)
    overdue = [
        {"id": _text(o.id), "description": _text(o.title),
         "owner": _text(o.owner), "owner_dept": _text(o.department),
         "due": _text(o.due), "level": level_text(o.level, lang), "days_overdue": str(o.days_overdue),
         "escalate_to": _escalation(o, lang), "sheet": o.sheet, "row": str(o.row)}
        for o in minutes.overdue
    ]
    return {
        "project": minutes.project,
        "title": f"{minutes.project} {m['meeting_name']}".strip(),
        "m": m,
        "topics": [r for r in rows if r["topic"] or r["discussion"] or r["decision"]],
        "actions": [r for r in rows if r["action"]],
        "overdue": overdue,
        "carried_over": [_carried(item, meeting.date) for item in minutes.carried],
        "distribute_by": _deadline_text(minutes.distribute_by),
        "archive_name": archive_name(minutes.project, meeting.date, outputs.MINUTES),
        "L": labels(lang),
    }


def _carried(item: ActionItem, on: dt.date) -> dict[str, str]:
    """An open action item of an earlier meeting, as the minutes of the meeting held `on` list it."""
    late = (on - item.due).days if item.due and item.due < on else 0
    return {"meeting": item.meeting, "meeting_date": _text(item.meeting_date), "action": item.action,
            "owner": item.owner or "", "due": _text(item.due), "status": item.status or "",
            "days_overdue": str(late) if late else "", "sheet": item.sheet, "row": str(item.row)}


def one_line(text: str) -> str:
    """A name on one line: a cell's Alt+Enter breaks and runs of spaces become one space.

    Project names end up in titles, an email subject (where a line break is not allowed at
    all) and file names.
    """
    return " ".join(text.split())


def archive_project(project: str) -> str:
    """The 项目名称 of an archive name: one line, and characters a file name cannot hold (a project
    called "A/B", say) as "_". Code that recognises archived files by name matches on this."""
    return _NOT_IN_FILE_NAME.sub("_", one_line(project)).strip(" .") or "_"


def archive_name(project: str, day: dt.date, kind: str) -> str:
    """The guide's archive naming 项目名称-日期-类型, usable as a file name on every system."""
    return f"{archive_project(project)}-{day.isoformat()}-{kind}"


def review_name(project: str, day: dt.date, milestone: str) -> str:
    """A 复盘报告's archive name, 项目名称-日期-复盘报告-里程碑: one project reviews several milestones
    on one day (weekly drafts each one reached since its last run), and each keeps its own file.
    `crossdept review`, the weekly drafts and the ribbon all name reports here."""
    return f"{archive_name(project, day, outputs.REVIEW)}-{archive_project(milestone)}"
