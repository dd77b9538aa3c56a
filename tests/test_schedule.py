"""The 频率/时间 grammar (core/schedule.py): every form in several spellings, times of day, what
is not scheduled and why, and the days schedules fall on around the 2026 holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from crossdept.core.calendar import WorkCalendar
from crossdept.core.schedule import (Clock, Milestone, NotScheduled, Pattern, ProjectDates, number, occurrences,
                                     parse_frequency, resolve)

D = dt.date
T = dt.time


@pytest.mark.parametrize("text, form, weekday, n", [
    ("每周五", "weekly", 4, None), ("每周周五", "weekly", 4, None), ("每星期五", "weekly", 4, None),
    ("每周的星期一", "weekly", 0, None), ("每礼拜日", "weekly", 6, None), ("每周 5", "weekly", 4, None),
    ("每两周周二", "biweekly", 1, None), ("每2周二", "biweekly", 1, None), ("每隔一周的星期二", "biweekly", 1, None),
    ("隔周周四", "biweekly", 3, None), ("双周周二", "biweekly", 1, None),
    ("每天", "daily", None, None), ("每日", "daily", None, None), ("天天", "daily", None, None),
    ("每个工作日", "workdays", None, None), ("每工作日", "workdays", None, None), ("工作日每天", "workdays", None, None),
    ("每月15日", "monthly_day", None, 15), ("每月15号", "monthly_day", None, 15), ("每个月的十五日", "monthly_day", None, 15),
    ("每月1号", "monthly_day", None, 1), ("每月三十一日", "monthly_day", None, 31),
    ("每月最后一周周三", "monthly_last_weekday", 2, None), ("每月最后一个星期三", "monthly_last_weekday", 2, None),
    ("每个月的最后一周的礼拜五", "monthly_last_weekday", 4, None),
    ("项目启动后第2天", "after_start", None, 2), ("启动后第二天", "after_start", None, 2),
    ("项目开始后第10日", "after_start", None, 10),
    ("上线前3天", "before_milestone", None, 3), ("试点门店上线前三日", "before_milestone", None, 3),
    ("全面上线之前2天", "before_milestone", None, 2),
    ("每个里程碑后3个工作日内", "after_milestones", None, 3), ("各里程碑完成后三个工作日内", "after_milestones", None, 3),
    ("每个里程碑结束后2个工作日", "after_milestones", None, 2),
])
def test_forms(text, form, weekday, n):
    p = parse_frequency(text)
    assert isinstance(p, Pattern), p
    assert (p.form, p.weekday, p.n, p.clock) == (form, weekday, n, None)


def test_milestone_words_kept():
    assert parse_frequency("试点门店上线前三日").milestone == "试点门店上线"  # type: ignore[union-attr]


@pytest.mark.parametrize("text, clock", [
    ("每周五15:00", Clock(T(15, 0))), ("每周五 １５：００", Clock(T(15, 0))), ("每周五15:00-16:00", Clock(T(15), T(16))),
    ("每周五15点", Clock(T(15, 0))), ("每周五下午3点", Clock(T(15, 0))), ("每周五下午三点半", Clock(T(15, 30))),
    ("每天上午9点", Clock(T(9, 0))), ("每日9点15分", Clock(T(9, 15))), ("每天晚上8点", Clock(T(20, 0))),
    ("每个工作日17:30前", Clock(T(17, 30), None, True)), ("每个工作日下午5点前", Clock(T(17, 0), None, True)),
    ("15:00 每周五", Clock(T(15, 0))), ("每两周周二10:00", Clock(T(10, 0))),
])
def test_times_of_day(text, clock):
    p = parse_frequency(text)
    assert isinstance(p, Pattern), p
    assert p.clock == clock


@pytest.mark.parametrize("text, reason", [
    ("", "schedule.empty"), (None, "schedule.empty"),
    ("周例会无法解决的跨部门争议出现时", "schedule.event"), ("问题发生时", "schedule.event"), ("不定期", "schedule.event"),
    ("按需", "schedule.event"),
    ("试点期间每日18:00", "schedule.period"), ("上线阶段每天", "schedule.period"),
    ("每周一、三、五", "schedule.weekday-unclear"), ("每周", "schedule.weekday-unclear"),
    ("每周五3点", "schedule.ambiguous-time"), ("每周五25:00", "schedule.bad-time"),
    ("每周五16:00-15:00", "schedule.bad-time"),
    ("每个工作日下班前", "schedule.unknown"), ("每季度一次", "schedule.unknown"), ("每月32日", "schedule.unknown"),
    ("每周五和每月15日", "schedule.weekday-unclear"), ("会后24小时内", "schedule.unknown"),
])
def test_not_scheduled_with_a_reason(text, reason):
    p = parse_frequency(text)
    assert isinstance(p, NotScheduled)
    assert p.reason == reason


def test_numbers():
    assert [number(x) for x in ("3", "03", "三", "两", "十", "十五", "二十一", "三十", "十十")] == [3, 3, 3, 2, 10, 15, 21, 30, None]


CAL = WorkCalendar()
PROJECT = ProjectDates(today=D(2026, 11, 20), start=D(2026, 9, 18), end=D(2026, 12, 31), milestones=(
    Milestone("需求确认", D(2026, 10, 16), D(2026, 10, 16)),
    Milestone("系统开发完成", D(2026, 11, 13), D(2026, 11, 16)),
    Milestone("试点门店上线", D(2026, 11, 27)),
    Milestone("全面上线", D(2026, 12, 18)),
))


def days(text: str, last: D = D(2026, 12, 31), project: ProjectDates = PROJECT) -> list[D]:
    p = parse_frequency(text)
    assert isinstance(p, Pattern), p
    s = resolve(p, project, CAL)
    assert not isinstance(s, NotScheduled), s
    return occurrences(s, CAL, last)


def test_workdays_across_national_day_2026():
    """2026: 中秋 09-25..09-27 off; 国庆 10-01..10-07 off with make-up workdays Sunday 09-20 and
    Saturday 10-10."""
    assert days("每个工作日17:30前", D(2026, 10, 12)) == [
        D(2026, 9, 18), D(2026, 9, 20), D(2026, 9, 21), D(2026, 9, 22), D(2026, 9, 23), D(2026, 9, 24),
        D(2026, 9, 28), D(2026, 9, 29), D(2026, 9, 30),
        D(2026, 10, 8), D(2026, 10, 9), D(2026, 10, 10), D(2026, 10, 12)]


def test_workdays_schedule_exceptions_are_exact():
    s = resolve(parse_frequency("每个工作日"), PROJECT, CAL)  # type: ignore[arg-type]
    assert s.rrule == {"FREQ": "WEEKLY", "BYDAY": ["MO", "TU", "WE", "TH", "FR"], "UNTIL": D(2026, 12, 31)}
    assert s.exdates == (D(2026, 9, 25), D(2026, 10, 1), D(2026, 10, 2), D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7))
    assert s.rdates == (D(2026, 9, 20), D(2026, 10, 10))
    assert s.exact_until == D(2026, 12, 31)


def test_workdays_with_a_company_day_off():
    cal = WorkCalendar(days_off={D(2026, 12, 31)}, workdays={D(2026, 12, 27)})
    s = resolve(parse_frequency("每个工作日"), PROJECT, cal)  # type: ignore[arg-type]
    assert occurrences(s, cal, D(2026, 12, 31))[-4:] == [D(2026, 12, 27), D(2026, 12, 28), D(2026, 12, 29), D(2026, 12, 30)]
    assert D(2026, 12, 31) in s.exdates and D(2026, 12, 27) in s.rdates


def test_weekly_falls_on_holidays_too():
    """每周 rows keep their day in the 国庆 week (people move a meeting by hand)."""
    assert days("每周五15:00", D(2026, 10, 16)) == [D(2026, 9, 18), D(2026, 9, 25), D(2026, 10, 2), D(2026, 10, 9),
                                                  D(2026, 10, 16)]


def test_biweekly_counts_from_the_start_week():
    assert days("每两周周二10:00", D(2026, 11, 3)) == [D(2026, 9, 22), D(2026, 10, 6), D(2026, 10, 20), D(2026, 11, 3)]
    s = resolve(parse_frequency("每两周周二"), PROJECT, CAL)  # type: ignore[arg-type]
    assert s.rrule == {"FREQ": "WEEKLY", "BYDAY": ["TU"], "INTERVAL": 2, "UNTIL": D(2026, 12, 31)}


def test_biweekly_without_a_start_is_not_guessed():
    p = parse_frequency("每两周周二")
    assert resolve(p, ProjectDates(today=D(2026, 11, 20)), CAL) == NotScheduled("schedule.needs-start")  # type: ignore[arg-type]


def test_daily_monthly_and_last_week():
    assert days("每天", D(2026, 9, 21)) == [D(2026, 9, 18), D(2026, 9, 19), D(2026, 9, 20), D(2026, 9, 21)]
    assert days("每月15日") == [D(2026, 10, 15), D(2026, 11, 15), D(2026, 12, 15)]
    assert days("每月31日") == [D(2026, 10, 31), D(2026, 12, 31)]
    assert days("每月最后一周周三") == [D(2026, 9, 30), D(2026, 10, 28), D(2026, 11, 25), D(2026, 12, 30)]


def test_one_off_days():
    assert days("项目启动后第2天") == [D(2026, 9, 19)]  # 开始日期 is day 1
    assert days("全面上线前3天") == [D(2026, 12, 15)]
    assert days("试点门店上线前1天") == [D(2026, 11, 26)]


def test_after_each_milestone_in_working_days():
    """3 working days after each milestone's actual (else planned) date; 需求确认 10-16 (Fri) ->
    10-21; 系统开发完成 actually 11-16 -> 11-19; 试点门店上线 11-27 -> 12-02; 全面上线 12-18 -> 12-23."""
    assert days("每个里程碑后3个工作日内") == [D(2026, 10, 21), D(2026, 11, 19), D(2026, 12, 2), D(2026, 12, 23)]


def test_milestone_not_found_or_several():
    several = resolve(parse_frequency("上线前3天"), PROJECT, CAL)  # type: ignore[arg-type]
    assert several == NotScheduled("schedule.milestone-several", {"words": "上线", "names": ("试点门店上线", "全面上线")})
    from crossdept import i18n

    assert "(试点门店上线, 全面上线)" in i18n.t(several.reason, "en", **several.params)  # a list the language's way
    assert "（试点门店上线、全面上线）" in i18n.t(several.reason, "zh", **several.params)
    none = resolve(parse_frequency("验收前3天"), PROJECT, CAL)  # type: ignore[arg-type]
    assert isinstance(none, NotScheduled) and none.reason == "schedule.milestone-none"


def test_recurrence_from_today_without_a_charter():
    bare = ProjectDates(today=D(2026, 11, 20))
    assert days("每周一9:00", D(2026, 12, 7), bare) == [D(2026, 11, 23), D(2026, 11, 30), D(2026, 12, 7)]


def test_validate_warns_at_the_frequency_cell(tmp_path):
    from crossdept.config import Config
    from crossdept.core.validate import validate_workbook
    from crossdept.read import read_workbook
    from tests.conftest import write_xlsx

    path = write_xlsx(tmp_path / "plan.xlsx", {"沟通计划表": [
        ["沟通事项", "参与部门/人员", "沟通方式", "频率/时间", "负责人"],
        ["周进度同步", "各部门", "线上例会", "每周五15:00", "陈晨"],
        ["问题升级会", "相关部门", "线下会议", "争议出现时", "刘振华"],
        ["晨会", "研发", "站会", "每周五3点", "张伟"],
        ["试点日报", "销售", "邮件", "试点期间每日18:00", "周杰"],
    ]})
    found = [f for f in validate_workbook(read_workbook(path), Config(), D(2026, 11, 20)) if f.rule == "frequency-not-scheduled"]
    assert [(f.cell, f.severity) for f in found] == [("D4", "warning"), ("D5", "warning")]  # not the event (D3)
    assert found[0].message("zh") == "D4：频率/时间「每周五3点」无法排入日程：「3点」可能是凌晨也可能是下午；请写成“15:00”或“下午3点”。"
    assert found[1].message("en") == (
        "D5: Frequency '试点期间每日18:00' cannot be put on a calendar: it names a period (……期间), not days on a "
        "calendar; write how often, e.g. 每天18:00 (every day 18:00); the charter's dates bound it.")


def test_workdays_starting_on_a_make_up_sunday():
    """开始日期 Sunday 2026-09-20 (a 国庆 make-up workday): the RRULE starts Monday 09-21 and the
    Sunday is an extra date, not a second occurrence of the first day."""
    project = ProjectDates(today=D(2026, 11, 20), start=D(2026, 9, 20), end=D(2026, 9, 30))
    s = resolve(parse_frequency("每个工作日9:00"), project, CAL)  # type: ignore[arg-type]
    assert (s.first, s.rdates, s.exdates) == (D(2026, 9, 21), (D(2026, 9, 20),), (D(2026, 9, 25),))
    assert occurrences(s, CAL, D(2026, 9, 30)) == [D(2026, 9, 20), D(2026, 9, 21), D(2026, 9, 22), D(2026, 9, 23),
                                                   D(2026, 9, 24), D(2026, 9, 28), D(2026, 9, 29), D(2026, 9, 30)]


def test_after_the_end_is_not_scheduled():
    project = ProjectDates(today=D(2026, 11, 20), start=D(2026, 12, 26), end=D(2026, 12, 27))
    for phrase in ("每周一", "每个工作日", "每月15日"):
        got = resolve(parse_frequency(phrase), project, CAL)  # type: ignore[arg-type]
        assert got == NotScheduled("schedule.after-end", {"end": "2026-12-27"}), phrase
