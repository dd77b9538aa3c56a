"""Overdue, due-soon and stale states with escalation, exactly as domain.md words them.

Records come through the real parser (read_grids) from grids laid out as people write them, so
the headers, statuses and dates are read the way a file's would be. Today is Friday 2026-11-20
unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest

from crossdept.config import Config
from crossdept.core.overdue import Rules, issue_marks, task_marks, workbook_marks
from crossdept.model.sheets import BOARD, ISSUES
from crossdept.read import RawSheet, RawWorkbook, read_grids

D = dt.date
FRIDAY = D(2026, 11, 20)

ISSUE_HEAD = [c.header for c in ISSUES.columns]
BOARD_HEAD = [c.header for c in BOARD.columns]


def issue_row(id: str, *, due: object = None, level: object = None, status: str = "处理中",
              raised: object = "2026-11-19", updated: object = None) -> list[object]:
    values = {"id": id, "description": f"问题{id}", "impact": "上线", "raised_on": raised,
              "owner": "张伟", "owner_dept": "研发部", "due": due, "level": level, "status": status,
              "updated_on": updated}
    return [values.get(c.key) for c in ISSUES.columns]


def task_row(id: str, *, planned: object, status: str) -> list[object]:
    values = {"id": id, "task": f"任务{id}", "department": "研发部", "owner": "李娜",
              "planned_finish": planned, "status": status}
    return [values.get(c.key) for c in BOARD.columns]


def book_of(issue_rows=(), task_rows=(), charter=None, department="研发部"):
    sheets = [RawSheet("说明", [["部门", department]])]
    if charter:
        sheets.append(RawSheet("项目章程", [[k, v] for k, v in charter.items()]))
    sheets.append(RawSheet("问题跟踪表", [["问题跟踪表（研发部）"], ISSUE_HEAD, *issue_rows]))
    sheets.append(RawSheet("进度看板", [BOARD_HEAD, *task_rows]))
    return read_grids(RawWorkbook("t.xlsx", sheets), 2026)


def states(rows, today=FRIDAY, config=None, **kw):
    book = book_of(rows, **kw)
    rules = Rules.from_config(config or Config(), today, book)
    return {(m.record.get("id"), m.state): m for m in issue_marks(book.sheet("issues"), rules)}


# --- due, due soon, overdue -------------------------------------------------------------------


def test_each_state_and_its_boundary_on_a_friday() -> None:
    got = states([
        issue_row("past", due="2026-11-19", updated="2026-11-20"),
        issue_row("today", due="2026-11-20", updated="2026-11-20"),
        issue_row("saturday", due="2026-11-21", updated="2026-11-20"),
        issue_row("monday", due="2026-11-23", updated="2026-11-20"),  # the next working day
        issue_row("tuesday", due="2026-11-24", updated="2026-11-20"),
    ])
    assert set(got) == {("past", "overdue"), ("today", "due_soon"), ("saturday", "due_soon"),
                        ("monday", "due_soon")}
    past = got[("past", "overdue")]
    assert (past.days_overdue, past.due_derived) == (1, False)
    assert got[("today", "due_soon")].days_overdue == 0


def test_due_soon_reaches_over_spring_festival_to_the_next_working_day() -> None:
    # Friday 2026-02-13: the next working day is the make-up Saturday 02-14; after it, 02-24.
    got = states([issue_row("sat", due="2026-02-14", raised="2026-02-13", updated="2026-02-13"),
                  issue_row("sun", due="2026-02-15", raised="2026-02-13", updated="2026-02-13")],
                 today=D(2026, 2, 13))
    assert set(got) == {("sat", "due_soon")}
    got = states([issue_row("after", due="2026-02-24", raised="2026-02-14", updated="2026-02-14")],
                 today=D(2026, 2, 14))
    assert set(got) == {("after", "due_soon")}


def test_days_overdue_are_calendar_days_even_over_a_holiday() -> None:
    got = states([issue_row("week", due="2026-11-13", updated="2026-11-20")])
    assert got[("week", "overdue")].days_overdue == 7
    # Over Spring Festival 2026: due Friday 02-13, today Tuesday 02-24 -> 11 calendar days
    # (only 2 of them working days; domain.md: 逾期天数 counts calendar days).
    got = states([issue_row("cny", due="2026-02-13", raised="2026-02-10", updated="2026-02-24")],
                 today=D(2026, 2, 24))
    assert got[("cny", "overdue")].days_overdue == 11


def test_closed_and_resolved_issues_have_no_state_and_an_empty_status_is_open() -> None:
    got = states([
        issue_row("done", due="2026-11-01", status="已解决", raised="2026-10-01"),
        issue_row("closed", due="2026-11-01", status="Closed", raised="2026-10-01"),
        issue_row("open", due="2026-11-01", status="", raised="2026-11-19", updated="2026-11-20"),
    ])
    assert set(got) == {("open", "overdue")}


# --- stale ------------------------------------------------------------------------------------


def test_stale_updated_yesterday_vs_the_day_before() -> None:
    got = states([
        issue_row("yesterday", due="2026-12-31", updated="2026-11-19"),
        issue_row("daybefore", due="2026-12-31", updated="2026-11-18"),
        issue_row("never", due="2026-12-31", raised="2026-11-18"),  # never updated: 提出日期 counts
        issue_row("fresh", due="2026-12-31", raised="2026-11-19"),
    ])
    assert set(got) == {("daybefore", "stale"), ("never", "stale")}


def test_an_unreadable_update_date_is_not_judged_stale_on_a_guess() -> None:
    """更新日期 typed but unreadable: updated, just not when; 提出日期 must not stand in for it."""
    got = states([issue_row("typo", due="2026-12-31", raised="2026-11-02", updated="上周三")])
    assert got == {}


def test_stale_on_a_monday_looks_back_over_the_weekend() -> None:
    monday = D(2026, 11, 23)
    got = states([issue_row("fri", due="2026-12-31", updated="2026-11-20"),
                  issue_row("thu", due="2026-12-31", updated="2026-11-19")], today=monday)
    assert set(got) == {("thu", "stale")}


def test_an_overdue_issue_that_is_also_stale_has_two_marks() -> None:
    got = states([issue_row("both", due="2026-11-18", raised="2026-11-16", updated="2026-11-17")])
    assert set(got) == {("both", "overdue"), ("both", "stale")}
    assert got[("both", "stale")].escalate_to is None


# --- derived deadlines and escalation ---------------------------------------------------------


@pytest.mark.parametrize(
    "level, raised, due, state",
    [
        ("一级", "2026-11-18", D(2026, 11, 19), "overdue"),  # + 1 day
        ("一级", "2026-11-19", D(2026, 11, 20), "due_soon"),
        (None, "2026-11-19", D(2026, 11, 20), "due_soon"),  # no level counts as 一级
        ("二级", "2026-11-17", D(2026, 11, 19), "overdue"),  # + 2 calendar days
        ("二级", "2026-11-19", D(2026, 11, 21), "due_soon"),  # Saturday, before Monday
        ("三级", "2026-11-17", D(2026, 11, 20), "due_soon"),  # Wed, Thu, Fri
        ("三级", "2026-11-13", D(2026, 11, 18), "overdue"),  # Mon, Tue, Wed over the weekend
        ("3", "2026-11-19", D(2026, 11, 24), None),  # "3" reads as 三级; Fri, Mon, Tue
    ],
)
def test_derived_deadline_for_each_level(level, raised, due, state) -> None:
    got = states([issue_row("x", level=level, raised=raised, updated="2026-11-20")])
    if state is None:
        assert got == {}
        return
    assert set(got) == {("x", state)}
    mark = got[("x", state)]
    assert mark.due == due and mark.due_derived is True
    assert mark.level == ("一级" if level is None else {"3": "三级"}.get(level, level))


def test_derived_three_working_days_over_national_day() -> None:
    # Raised Tuesday 09-29: Wed 30, Thu 10-08, Fri 10-09.
    got = states([issue_row("nd", level="三级", raised="2026-09-29", updated="2026-10-09")],
                 today=D(2026, 10, 9))
    mark = got[("nd", "due_soon")]
    assert mark.due == D(2026, 10, 9)


def test_escalation_goes_one_level_up_naming_lead_or_sponsor() -> None:
    cfg = Config(lead="王强", sponsor="陈建国")
    rows = [
        issue_row("l1", level="一级", due="2026-11-19", updated="2026-11-20"),
        issue_row("l2", level="二级", due="2026-11-19", updated="2026-11-20"),
        issue_row("l3", level="三级", due="2026-11-19", updated="2026-11-20"),
    ]
    got = states(rows, config=cfg)
    assert [(got[(i, "overdue")].escalate_to, got[(i, "overdue")].escalate_person) for i in ("l1", "l2", "l3")] == [
        ("二级", "王强"), ("三级", "陈建国"), ("发起人", "陈建国")]
    # Without a config the 项目章程 names them; without either, nobody is named.
    got = states(rows, charter={"项目名称": "门店", "项目负责人": "刘洋", "项目发起人": "赵敏"})
    assert got[("l1", "overdue")].escalate_person == "刘洋"
    assert got[("l3", "overdue")].escalate_person == "赵敏"
    got = states(rows)
    assert got[("l2", "overdue")].escalate_person is None
    assert got[("l2", "overdue")].escalate_to == "三级"


def test_sla_overrides_from_config() -> None:
    cfg = Config(sla_days={"一级": 2})
    got = states([issue_row("x", level="一级", raised="2026-11-18", updated="2026-11-20")], config=cfg)
    assert got[("x", "due_soon")].due == D(2026, 11, 20)


def test_an_absurd_raise_date_gives_no_deadline_rather_than_a_crash() -> None:
    got = states([issue_row("end", raised="9999-12-31", updated="2026-11-20")])
    assert got == {}


def test_unknown_year_is_recorded_on_the_rules_calendar() -> None:
    book = book_of([issue_row("x", due="2030-01-10", raised="2030-01-02", updated="2030-01-07")])
    rules = Rules.from_config(Config(), D(2030, 1, 7), book)
    marks = issue_marks(book.sheet("issues"), rules)
    assert marks == []
    assert rules.calendar.unknown_years == {2030}


def test_issue_json_has_interface_shape() -> None:
    got = states([issue_row("RD-001", level="二级", due="2026-11-18", updated="2026-11-20")],
                 config=Config(lead="王强"))
    assert got[("RD-001", "overdue")].to_json() == {
        "sheet": "问题跟踪表", "row": 3, "id": "RD-001", "description": "问题RD-001", "owner": "张伟",
        "department": "研发部", "due": "2026-11-18", "level": "二级", "status": "处理中",
        "state": "overdue", "days_overdue": 2, "escalate_to": "三级",
        "due_derived": False, "escalate_person": None,
    }


# --- tasks ------------------------------------------------------------------------------------


def test_tasks_overdue_and_blocked() -> None:
    book = book_of(task_rows=[
        task_row("T1", planned="2026-11-19", status="进行中"),
        task_row("T2", planned="2026-11-20", status="进行中"),  # due today: not overdue
        task_row("T3", planned="2026-11-01", status="已完成"),
        task_row("T4", planned="2026-12-01", status="阻塞"),
        task_row("T5", planned="2026-11-10", status="Blocked"),
    ])
    rules = Rules.from_config(Config(), FRIDAY, book)
    got = {(m.record.get("id"), m.state): m for m in task_marks(book.sheet("board"), rules)}
    assert set(got) == {("T1", "overdue"), ("T4", "blocked"), ("T5", "overdue"), ("T5", "blocked")}
    assert got[("T5", "overdue")].days_overdue == 10
    assert got[("T1", "overdue")].to_json() == {
        "sheet": "进度看板", "row": 2, "id": "T1", "task": "任务T1", "owner": "李娜", "department": "研发部",
        "planned_finish": "2026-11-19", "status": "进行中", "state": "overdue", "days_overdue": 1,
    }


def test_workbook_marks_collects_both_sheets_with_the_book_department() -> None:
    rows = [issue_row("x", due="2026-11-19", updated="2026-11-20")]
    rows[0][[c.key for c in ISSUES.columns].index("owner_dept")] = None
    book = book_of(rows, [task_row("T4", planned="2026-12-01", status="阻塞")], department="市场部")
    marks = workbook_marks(book, Rules.from_config(Config(), FRIDAY, book))
    assert [(m.state, m.department) for m in marks.issues] == [("overdue", "市场部")]
    assert [(m.state, m.department) for m in marks.tasks] == [("blocked", "研发部")]
