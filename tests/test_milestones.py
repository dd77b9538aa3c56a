"""core/milestones.py on real workbooks (milestone_folder.py): every figure of every milestone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import write_xlsx
from milestone_folder import MINUTES_HEAD, TODAY, build

from crossdept.config import Config
from crossdept.core.calendar import WorkCalendar
from crossdept.core.milestones import Milestone, MilestoneCollector, MilestonePlan, Place, milestone_strip, slip_of, state_of
from crossdept.core.overdue import Rules
from crossdept.read import read_workbook

D = dt.date


def plan_of(folder: Path, today: dt.date = TODAY) -> MilestonePlan:
    config = Config()
    collector = MilestoneCollector()
    for path in sorted(folder.glob("*.xlsx")):
        book = read_workbook(path, 2026)
        collector.add(path, book, Rules.from_config(config, today, book))
    return collector.result(today, WorkCalendar())


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> MilestonePlan:
    return plan_of(build(tmp_path_factory.mktemp("ms") / "门店项目"))


def test_every_milestone_as_the_rollup_json_shows_it(plan: MilestonePlan) -> None:
    assert plan.to_json() == [
        {"milestone": "需求确认", "planned": "2026-09-30", "actual": "2026-10-09", "forecast": None,
         "slip_working_days": 2, "state": "已完成", "tasks": {"total": 1, "done": 1, "overdue": 0, "blocked": 0}},
        {"milestone": "立项评审", "planned": "2026-10-12", "actual": "2026-10-09", "forecast": None,
         "slip_working_days": -2, "state": "已完成", "tasks": {"total": 0, "done": 0, "overdue": 0, "blocked": 0}},
        {"milestone": "系统开发完成", "planned": "2026-11-13", "actual": "2026-11-16", "forecast": None,
         "slip_working_days": 1, "state": "已完成", "tasks": {"total": 2, "done": 2, "overdue": 0, "blocked": 0}},
        {"milestone": "营销活动启动", "planned": "2026-11-19", "actual": None, "forecast": "2026-11-20",
         "slip_working_days": 1, "state": "已延误", "tasks": {"total": 1, "done": 0, "overdue": 1, "blocked": 0}},
        {"milestone": "试点门店上线", "planned": "2026-11-27", "actual": None, "forecast": "2026-12-01",
         "slip_working_days": 2, "state": "有风险", "tasks": {"total": 3, "done": 0, "overdue": 1, "blocked": 1}},
        {"milestone": "全面上线", "planned": "2026-12-18", "actual": None, "forecast": "2026-12-10",
         "slip_working_days": -6, "state": "按计划", "tasks": {"total": 1, "done": 0, "overdue": 0, "blocked": 0}},
    ]


def test_tasks_attach_by_name_without_spaces_and_unknown_names_are_kept(plan: MilestonePlan) -> None:
    pilot = plan.find("试点 门店上线")
    assert pilot is not None and [t.id for t in pilot.tasks] == ["M-2", "R-4", "R-5"]  # R-5 has a full-width space; files in path order
    assert [(t.id, t.milestone, t.place.sheet, t.place.row, t.place.cell) for t in plan.unknown_tasks] == [
        ("R-6", "不存在的节点", "进度看板", 7, "C7")]


def test_issues_attach_by_column_else_by_raised_date(plan: MilestonePlan) -> None:
    by = {v.name: [i.id for i in v.issues] for v in plan.milestones}
    assert by == {"需求确认": [], "立项评审": [], "系统开发完成": ["RD-1", "RD-2", "RD-3"], "营销活动启动": [],
                  "试点门店上线": ["MK-1"], "全面上线": []}
    assert [i.id for i in plan.unknown_issues] == ["MK-2"]
    dev = plan.find("系统开发完成")
    assert dev is not None
    assert [(i.id, i.due, i.resolved_late, i.days_to_resolve, i.open) for i in dev.issues] == [
        ("RD-1", D(2026, 11, 12), True, 4, False),
        ("RD-2", D(2026, 11, 12), False, 1, False),   # 一级 without 解决时限: 提出日期 + 1 day
        ("RD-3", D(2026, 11, 17), False, None, True),  # 三级: 3 working days after Thu 11-12 is Tue 11-17
    ]


def test_late_tasks_count_calendar_days_past_their_own_planned_finish(plan: MilestonePlan) -> None:
    dev = plan.find("系统开发完成")
    assert dev is not None and [(t.id, t.days_late, t.notes) for t in dev.late_tasks] == [("R-2", 3, "接口文档变更两次")]


def test_latest_done_next_open_and_the_review_meeting(plan: MilestonePlan) -> None:
    latest = plan.latest_done(TODAY)
    assert latest is not None and latest.name == "系统开发完成"
    assert plan.latest_done(D(2026, 10, 9)).name == "需求确认"  # type: ignore[union-attr]  # tie: the first
    assert plan.latest_done(D(2026, 10, 8)) is None
    upcoming = milestone_strip(plan.lines())  # the first not reached, by 计划日期
    assert upcoming is not None and upcoming["name"] == "营销活动启动"
    meeting = plan.review_of(latest)
    assert meeting is not None and meeting.date == D(2026, 11, 17)
    assert plan.review_of(plan.find("需求确认")) is None  # type: ignore[arg-type]


def test_a_review_found_by_its_topic_and_the_latest_one_wins(tmp_path: Path) -> None:
    folder = build(tmp_path / "p")
    write_xlsx(folder / "运营部.xlsx", {"会议纪要": [
        ["会议名称", "第二次复盘", "会议类型", "复盘会"], ["日期", D(2026, 11, 19)], MINUTES_HEAD,
        [1, "需求 确认 回顾", "运营部", "", "补做评审", "", "林涛", None, "未开始"]]})
    plan = plan_of(folder)
    assert plan.review_of(plan.find("需求确认")).date == D(2026, 11, 19)  # type: ignore[union-attr,arg-type]
    assert len(plan.reviews) == 2


def _milestone(planned: dt.date | None, actual: dt.date | None = None) -> Milestone:
    return Milestone("M", planned, actual, None, Place(None, "项目章程", 2))


@pytest.mark.parametrize(("planned", "end", "slip"), [
    (D(2026, 11, 13), D(2026, 11, 16), 1),    # Friday to Monday: the weekend does not count
    (D(2026, 11, 16), D(2026, 11, 13), -1),
    (D(2026, 9, 30), D(2026, 10, 8), 1),      # over National Day (10-01..10-07 off)
    (D(2026, 10, 9), D(2026, 10, 12), 2),     # Saturday 10-10 is a make-up workday
    (D(2026, 11, 14), D(2026, 11, 15), 0),    # Saturday to Sunday
    (D(2026, 11, 13), D(2026, 11, 13), 0),
    (None, D(2026, 11, 13), None),
])
def test_slip_in_working_days(planned: dt.date | None, end: dt.date, slip: int | None) -> None:
    assert slip_of(planned, end, WorkCalendar()) == slip


def test_user_days_off_move_the_slip() -> None:
    assert slip_of(D(2026, 11, 13), D(2026, 11, 17), WorkCalendar(days_off=[D(2026, 11, 16)])) == 1


def test_state_on_the_planned_day_is_on_plan_and_after_it_late() -> None:
    m = _milestone(D(2026, 11, 20))
    assert state_of(m, D(2026, 11, 20), D(2026, 11, 20)) == "按计划"
    assert state_of(m, D(2026, 11, 21), D(2026, 11, 20)) == "有风险"
    assert state_of(m, D(2026, 11, 21), D(2026, 11, 21)) == "已延误"
    assert state_of(_milestone(D(2026, 11, 20), D(2026, 11, 30)), None, D(2026, 12, 1)) == "已完成"
    assert state_of(_milestone(None), None, D(2026, 12, 1)) == "按计划"
