"""What the weekly summary email says, decided in one pure place.

Inputs are what other parts already compute: the roll-up figures per department (interface.md's
rollup JSON objects), the overdue and blocked marks of core/overdue.py, the last meeting of
core/minutes.py, and crossdept.toml. Out comes a `Summary` and, for templates, a context of plain
text; the email writer only lays it out, so HTML and plain text always agree.

Red-amber-green is the roll-up's rule (core/rollup.py Figures.rag), so the email and the roll-up
workbook never disagree about a department's colour.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.utils import getaddresses, parseaddr
from typing import TYPE_CHECKING

from crossdept import i18n
from crossdept.config import Config
from crossdept.core.milestones import MilestoneLine, milestone_strip
from crossdept.core.minutes import Meeting, archive_name, level_text, meetings, one_line, select_meeting
from crossdept.core.minutes_followup import minutes_missing
from crossdept.core.rollup import DetailRow, Figures, OverdueItem, Rollup, cell_value
from crossdept.findings import display_value as _text
from crossdept.model import outputs
from crossdept.model.sheets import BOARD, COMM_PLAN, INSTRUCTIONS, ISSUES, MINUTES, TASK_STATUS
from crossdept.model.text import clean_text, split_names
from crossdept.read.records import Block, Cell, SheetData, Workbook

if TYPE_CHECKING:  # the history's weeks are handed in by ops/; core reads no store
    from crossdept.store.history import WeekFigures

WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_CLOCK = re.compile(r"^\s*(\d{1,2})\s*[:：]\s*(\d{2})")
# local@domain.tld: what a mail server accepts as a mailbox (display names are checked by parseaddr).
_ADDRESS = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")
# A display name holding one of these must be quoted, or "张伟, 研发 <a@b.c>" reads as two addresses.
_NAME_SPECIALS = re.compile(r'[()<>\[\]:;@\\,."]')


def next_meeting(today: dt.date, weekday: int, clock: str) -> dt.datetime:
    """The first regular meeting strictly after today (crossdept.toml [meeting], default Friday 15:00)."""
    m = _CLOCK.match(clock)
    hour, minute = (int(m.group(1)), int(m.group(2))) if m else (15, 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        hour, minute = 15, 0
    day = today + dt.timedelta(days=1)
    while day.isoweekday() != (weekday if 1 <= weekday <= 7 else 5):
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(hour, minute))


def subject(project: str, day: dt.date, overdue: int, lang: str = "zh") -> str:
    """【智慧门店上线】周报 2026-11-20｜逾期问题 3 (in English "智慧门店上线 weekly report 2026-11-20 | 3 overdue issues")."""
    return i18n.t("email.subject", lang, project=one_line(project), day=day.isoformat(), overdue=overdue)


@dataclass
class Summary:
    """The week in one object: the roll-up, the last meeting held, and when the next one is."""

    project: str
    rollup: Rollup
    meeting: Meeting | None = None
    next_meeting: dt.datetime | None = None
    minutes_missing: list[str] = field(default_factory=list)  # weekly meetings without minutes (dates)
    weeks: list[WeekFigures] = field(default_factory=list)  # the history, oldest first, this week included
    milestones: list[MilestoneLine] = field(default_factory=list)  # the charter's milestones' figures, in order

    @property
    def day(self) -> dt.date:
        return self.rollup.today

    @property
    def overdue_issues(self) -> list[OverdueItem]:
        return [o for o in self.rollup.overdue if o.kind == "issue"]

    @property
    def overdue_actions(self) -> list[OverdueItem]:
        """Meeting action items past their 完成时限 (core/actions.py), most days overdue first."""
        return [o for o in self.rollup.overdue if o.kind == "action"]

    @property
    def blocked_tasks(self) -> list[DetailRow]:
        return self.rollup.blocked

    @property
    def status(self) -> str:
        return self.rollup.totals.rag()[0]

    @property
    def subject(self) -> str:
        return subject(self.project, self.day, len(self.overdue_issues))


def last_meeting(books: list[Workbook], today: dt.date) -> Meeting | None:
    """The latest meeting held on or before today in any workbook (a planned one is not news yet)."""
    held = [m for b in books for m in meetings(b) if m.date <= today]
    return select_meeting(held) if held else None


def build_summary(rollup: Rollup, books: list[Workbook], config: Config, project: str,
                  weeks: list[WeekFigures] | None = None, milestones: Sequence[MilestoneLine] | None = None) -> Summary:
    """The week's summary: `rollup` of the workbooks, `books` for their meetings, `project` its name
    (ops.common.project_name: one policy for every output), `weeks` the history (for the
    week-over-week trend) when the caller keeps one, `milestones` the milestones' figures when
    the roll-up could not compute them (made from a roll-up workbook: its 里程碑 sheet's)."""
    missing = [str(f.params["date"]) for f in minutes_missing(books, config, rollup.today)]
    if milestones is None:
        milestones = rollup.milestones.lines() if rollup.milestones is not None else []
    return Summary(one_line(project), rollup, last_meeting(books, rollup.today),
                   next_meeting(rollup.today, config.meeting_weekday, config.meeting_time), missing, list(weeks or []),
                   list(milestones))


def split_consolidated(book: Workbook, dept_header: str) -> list[Workbook]:
    """A roll-up workbook's task and issue rows regrouped into one workbook per department.

    The consolidated sheets (全部任务 / 全部问题) keep each row's department in a column of their
    own (`dept_header`, 汇总部门). Giving each group that department as its own (as a 说明 sheet
    would) makes a second roll-up attribute every row exactly as the first did, rather than by
    责任部门, which may name another department. Value findings go with the rows they are about.
    """
    groups: dict[str, dict[str, SheetData]] = {}
    for sheet in book.sheets:
        if sheet.spec.key not in (BOARD.key, ISSUES.key):
            continue
        for record in sheet.records:
            dept = clean_text(record.extra.get(dept_header))
            sheets = groups.setdefault(dept, {})
            if sheet.name not in sheets:
                sheets[sheet.name] = SheetData(sheet.name, sheet.spec, [Block(header=sheet.header)], sheet.hidden)
            sheets[sheet.name].blocks[0].records.append(record)
    out = []
    for dept, sheets in groups.items():
        parts = list(sheets.values())
        if dept:
            parts.insert(0, SheetData(INSTRUCTIONS.name, INSTRUCTIONS, [Block(fields={"department": Cell(0, 0, dept, dept)})]))
        rows = {(s.name, r.row) for s in sheets.values() for r in s.records}
        findings = [f for f in book.findings if (f.sheet, f.row) in rows]
        out.append(Workbook(book.path, parts, [], findings))
    return out


def is_address(text: str) -> bool:
    """"name@example.com" or "张伟 <name@example.com>": exactly one mailbox an email header can carry.

    "a@x.cn, b@x.cn" is not one: taken as one, everything after the first comma would be dropped.
    """
    found = [pair for pair in getaddresses([text]) if any(pair)]
    return (len(found) == 1 and bool(_ADDRESS.match(parseaddr(text.strip())[1]))
            and "\n" not in text and "\r" not in text)


def split_addresses(text: str) -> list[str]:
    """One --to value as mailboxes: "a@x.cn, 张伟 <b@x.cn>; c@x.cn" is three, as Outlook takes them."""
    found = [(name, addr) for name, addr in getaddresses([text.replace(";", ",")]) if name or addr]
    return [mailbox(name, addr) if name else addr for name, addr in found] or [text.strip()]


def bad_address(texts: list[str]) -> str | None:
    """The first text that is not one mailbox, so the user is told which to fix; None when all are."""
    return next((t for t in texts if not is_address(t)), None)


def mailbox(name: str, email: str) -> str:
    """"姓名 <email>", the name quoted when it holds a comma or another character that would split it."""
    if _NAME_SPECIALS.search(name):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{email.strip()}>"


def recipients(config: Config, books: list[Workbook]) -> list[str]:
    """Who receives the summary when --to is not given.

    [project] recipients in crossdept.toml when listed; else the people of [[people]] named (by
    name or department) as participants of a weekly exchange in a 沟通计划表 (an item or frequency
    mentioning 周 or "week"); else everyone in [[people]] with an email. People come as
    "姓名 <email>", so the mail client shows their names.
    """
    if config.recipients:
        return list(dict.fromkeys(config.recipients))
    with_email = [p for p in config.people if p.email]
    named: set[str] = set()
    for book in books:
        for sheet in book.sheets_of(COMM_PLAN.key):
            for record in sheet.records:
                when = f"{record.get('item', '')} {record.get('frequency', '')}".lower()
                if "周" in when or "week" in when:
                    named |= set(split_names(record.get("participants"), spaces=True, joiners=True))
    chosen = [p for p in with_email if p.name in named or (p.department and p.department in named)]
    return list(dict.fromkeys(mailbox(p.name, str(p.email)) for p in (chosen or with_email)))


# --- template context -------------------------------------------------------------------------


def _pct(value: object) -> str:
    return f"{float(value):.1f}%" if isinstance(value, (int, float)) else "-"


def _department_row(figures: Figures, lang: str = "zh") -> dict[str, object]:
    data = figures.to_json()
    tasks = data["tasks"]
    assert isinstance(tasks, dict)
    department = figures.department or "-"
    return {
        "department": i18n.t("rollup.head.total", lang) if department == outputs.TOTAL else department,
        "status": figures.rag()[0],
        "reasons": figures.rag_text(lang),
        "total": tasks["total"],
        **{f"s{i}": tasks.get(v, 0) for i, v in enumerate(TASK_STATUS.values)},
        "s_unread": figures.status_unread,
        "completion": _pct(data["completion_pct"]),
        "completion_value": float(data["completion_pct"] or 0),
        "progress": _pct(data["avg_progress_pct"]),
        **{k: data[k] for k in ("tasks_overdue", "issues_open", "issues_overdue", "issues_due_soon", "issues_stale")},
    }


def _meeting(meeting: Meeting | None) -> dict[str, object] | None:
    if meeting is None:
        return None
    rows = meeting.items
    return {
        "name": meeting.field("meeting_name"), "date": meeting.date.isoformat(),
        "decisions": [{"topic": _text(r.get("topic")), "decision": _text(r.get("decision")), "owner": _text(r.get("owner"))}
                      for r in rows if r.get("decision")],
        "actions": [{"action": _text(r.get("action")), "owner": _text(r.get("owner")),
                     "due": _text(cell_value(r, "due")),
                     "status": _text(r.get("status"))}
                    for r in rows if r.get("action")],
    }


def _blocked(row: DetailRow) -> dict[str, str]:
    values = dict(zip((c.key for c in BOARD.columns), row.values))
    return {"id": _text(values["id"]), "task": _text(values["task"]), "owner": _text(values["owner"]),
            "department": row.department, "planned_finish": _text(values["planned_finish"]),
            "notes": _text(values["notes"])}


def _overdue(item: OverdueItem, lang: str = "zh") -> dict[str, object]:
    target = level_text(item.escalate_to, lang)
    return {"id": _text(item.id), "description": _text(item.title), "owner": _owner(item.owner, lang),
            "department": item.department, "due": _text(item.due), "level": level_text(_text(item.level), lang),
            "days_overdue": item.days_overdue,
            "escalate_to": (i18n.t("escalate.person", lang, target=target, person=item.escalate_person)
                            if item.escalate_person else target)}


def _owner(value: object, lang: str = "zh") -> str:
    """An overdue item's 责任人, or the catalog's wording when the cell is empty (a blank reads as a gap)."""
    return _text(value) or i18n.t("owner.none", lang)


def _actions(items: list[OverdueItem], limit: int, lang: str = "zh") -> dict[str, object]:
    """The overdue meeting action items: id (MEETING-DATE#ROW), action, owner, department, due, days."""
    rows = [{"id": _text(o.id), "action": _text(o.title), "owner": _owner(o.owner, lang), "department": o.department,
             "due": _text(o.due), "days_overdue": o.days_overdue} for o in items[:limit]]
    return {"actions_overdue": rows, "actions_overdue_total": len(items), "actions_overdue_more": max(len(items) - limit, 0)}


# The trend shows the last weeks of history (two months): enough to see a direction, short enough to read.
TREND_WEEKS = 8


def _signed(value: float, digits: int) -> str:
    return f"{value:+.{digits}f}".replace("-", "−")


def _trend(weeks: list[WeekFigures]) -> dict[str, object]:
    """The history's last weeks for the email (completion, overdue issues), and the change since
    the week before: None until two weeks are recorded."""
    shown = [(w.week, w.totals) for w in weeks[-TREND_WEEKS:]]
    change = None
    if len(shown) >= 2:
        (_, before), (_, now) = shown[-2], shown[-1]
        change = {"overdue": _signed(now.issues_overdue - before.issues_overdue, 0),
                  "completion": (_signed((now.completion_pct or 0) - (before.completion_pct or 0), 1)
                                 if now.completion_pct is not None and before.completion_pct is not None else None)}
    return {"weeks": [{"week": week, "completion": _pct(t.completion_pct), "completion_value": t.completion_pct,
                       "overdue": t.issues_overdue} for week, t in shown],
            "change": change}


# An email is read, not searched: past this many rows a list names how many more there are and
# points to the roll-up workbook, which holds them all (a 40-department folder can have thousands).
LIST_LIMIT = 30


def _weekday(day: dt.date, lang: str) -> str:
    return i18n.t(f"email.weekday.{day.weekday()}", lang)


def summary_context(summary: Summary, limit: int = LIST_LIMIT, lang: str = "zh") -> dict[str, object]:
    """Everything the email templates show, as plain text and numbers (docs/summary.md lists it),
    crossdept's own words in `lang`; names and values from the workbooks as written. The
    templates' fixed words come from i18n (catalog_email.py) by `lang`."""
    nxt = summary.next_meeting
    overdue, blocked = summary.overdue_issues, summary.blocked_tasks
    labels = {spec.key: {c.key: c.label(lang) for c in (*spec.columns, *spec.fields)} for spec in (BOARD, ISSUES, MINUTES)}
    return {
        "lang": lang,
        "project": summary.project,
        "subject": subject(summary.project, summary.day, len(overdue), lang),
        "day": summary.day.isoformat(),
        "weekday": _weekday(summary.day, lang),
        "status": summary.status,
        "statuses": [TASK_STATUS.english(v) if lang == "en" else v for v in TASK_STATUS.values],
        "h": labels,
        "departments": [_department_row(d, lang) for d in summary.rollup.departments],
        "totals": _department_row(summary.rollup.totals, lang),
        "overdue": [_overdue(o, lang) for o in overdue[:limit]],
        "overdue_total": len(overdue),
        "overdue_more": max(len(overdue) - limit, 0),
        "blocked": [_blocked(t) for t in blocked[:limit]],
        "blocked_total": len(blocked),
        "blocked_more": max(len(blocked) - limit, 0),
        **_actions(summary.overdue_actions, limit, lang),
        "meeting": _meeting(summary.meeting),
        "minutes_missing": summary.minutes_missing,
        "next_meeting": f"{nxt:%Y-%m-%d} {_weekday(nxt.date(), lang)} {nxt:%H:%M}" if nxt else "",
        "archive_name": archive_name(summary.project, summary.day, outputs.SUMMARY),
        # Submissions (core/submissions.py): who sent nothing, who has not updated.
        "missing_departments": list(summary.rollup.missing_departments),
        "not_updated": summary.rollup.not_updated,
        "unread_total": summary.rollup.totals.status_unread,
        "trend": _trend(summary.weeks),
        "changes": [],  # issues opened / closed / slipped / escalated since last week (ops/weekly.py fills it)
        "milestone": milestone_strip(summary.milestones, lang),
    }
