"""`crossdept calendar`: real workbooks in, a real .ics out, its recurrences expanded by an
independent library (recurring-ical-events) and compared with the days the plan should fall on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from typer.testing import CliRunner

from crossdept.cli import app
from crossdept.errors import CrossdeptError
from crossdept.ops.calendar import calendar
from tests.conftest import ROOT, write_xlsx

D = dt.date
SH = ZoneInfo("Asia/Shanghai")
PLAN_HEAD = ["沟通事项", "参与部门/人员", "沟通方式", "频率/时间", "负责人", "输出物", "备注"]
TOML = """
[project]
name = "门店项目"
lead = "陈晨"
sponsor = "刘总"
departments = ["研发部", "运营部"]
[[people]]
name = "陈晨"
department = "运营部"
email = "chen@example.com"
[[people]]
name = "黄敏"
department = "运营部"
email = "huang@example.com"
[[people]]
name = "张伟"
department = "研发部"
email = "zhang@example.com"
[[people]]
name = "刘总"
email = "liu@example.com"
[calendar]
days_off = ["2026-12-31"]
"""


def project(tmp_path: Path, plan: list[list[object]], end: object = D(2026, 12, 31), start: D = D(2026, 9, 18)) -> Path:
    folder = tmp_path / "门店项目"
    folder.mkdir(parents=True)
    (folder / "crossdept.toml").write_text(TOML, encoding="utf-8")
    write_xlsx(folder / "门店项目-项目总表.xlsx", {
        "项目章程": [["项目名称", "门店项目"], ["项目负责人", "陈晨"], ["项目发起人", "刘总"],
                 ["开始日期", start], ["结束日期", end], [],
                 ["里程碑", "计划日期", "实际日期", "状态"],
                 ["需求确认", D(2026, 10, 16), D(2026, 10, 16), "已完成"],
                 ["试点上线", D(2026, 11, 27), None, "进行中"],
                 ["全面上线", D(2026, 12, 18), None, "未开始"]],
        "沟通计划表": [PLAN_HEAD, *plan],
    })
    return folder


PLAN = [
    ["周进度同步", "各部门", "线上例会", "每周五15:00", "陈晨", "《会议纪要》", ""],
    ["日常进度更新", "运营、张伟", "企业微信群", "每个工作日17:30前", "黄敏", "", ""],
    ["物料评审", "研发", "线下会议", "每两周周二10:00-11:30", "张伟", "", ""],
    ["预算通报", "刘总、客服", "邮件", "每月最后一周周三", "陈晨", "", ""],
    ["复盘会", "项目负责人", "线下会议", "每个里程碑后3个工作日内", "陈晨", "", ""],
    ["需求评审", "研发", "线下会议", "项目启动后第2天", "测试", "", ""],
    ["全面上线准备", "研发", "群聊", "全面上线前3天 下午2点", "张伟", "", ""],
    ["升级会", "刘总", "线下会议", "争议出现时", "刘总", "", ""],
    ["试点日报", "运营", "邮件", "试点期间每日18:00", "黄敏", "", ""],
    ["上线协调", "研发", "群聊", "上线前3天", "张伟", "", ""],
]


def expand(ics: Path, first: D, last: D) -> dict[str, list[dt.date | dt.datetime]]:
    """Every occurrence in [first, last] by SUMMARY, as the independent library expands them."""
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    out: dict[str, list] = {}
    for ev in recurring_ical_events.of(cal).between(first, last + dt.timedelta(days=1)):
        out.setdefault(str(ev["SUMMARY"]), []).append(ev["DTSTART"].dt)
    return {k: sorted(v) for k, v in out.items()}


@pytest.fixture
def written(tmp_path):
    folder = project(tmp_path, PLAN)
    out = tmp_path / "日程.ics"
    return calendar(folder, output=out, today="2026-11-20", lang="zh"), out


def test_workdays_around_mid_autumn_and_national_day(written):
    """2026: 中秋 09-25 off; 国庆 10-01..10-07 off with make-up Sunday 09-20 and Saturday 10-10."""
    _, ics = written
    days = expand(ics, D(2026, 9, 18), D(2026, 10, 12))["日常进度更新"]
    assert days == [dt.datetime.combine(d, dt.time(17, 30), SH) for d in (
        D(2026, 9, 18), D(2026, 9, 20), D(2026, 9, 21), D(2026, 9, 22), D(2026, 9, 23), D(2026, 9, 24),
        D(2026, 9, 28), D(2026, 9, 29), D(2026, 9, 30), D(2026, 10, 8), D(2026, 10, 9), D(2026, 10, 10),
        D(2026, 10, 12))]


def test_workdays_end_before_the_company_day_off(written):
    _, ics = written
    days = expand(ics, D(2026, 12, 24), D(2027, 1, 10))["日常进度更新"]
    assert [d.date() for d in days] == [D(2026, 12, 24), D(2026, 12, 25), D(2026, 12, 28), D(2026, 12, 29), D(2026, 12, 30)]


def test_every_form_expands_to_its_days(written):
    _, ics = written
    got = expand(ics, D(2026, 9, 1), D(2027, 3, 1))
    at = lambda h, m: lambda d: dt.datetime.combine(d, dt.time(h, m), SH)  # noqa: E731
    fridays = [D(2026, 9, 18) + dt.timedelta(weeks=w) for w in range(15)]
    assert got["周进度同步"] == [at(15, 0)(d) for d in fridays]
    assert fridays[-1] == D(2026, 12, 25)
    assert got["物料评审"] == [at(10, 0)(d) for d in (D(2026, 9, 22), D(2026, 10, 6), D(2026, 10, 20), D(2026, 11, 3),
                                                    D(2026, 11, 17), D(2026, 12, 1), D(2026, 12, 15), D(2026, 12, 29))]
    assert got["预算通报"] == [D(2026, 9, 30), D(2026, 10, 28), D(2026, 11, 25), D(2026, 12, 30)]
    assert got["复盘会"] == [D(2026, 10, 21), D(2026, 12, 2), D(2026, 12, 23)]
    assert got["需求评审"] == [D(2026, 9, 19)]
    assert got["全面上线准备"] == [at(14, 0)(D(2026, 12, 15))]
    assert not {"升级会", "试点日报", "上线协调"} & set(got)


def test_event_details_timezone_alarm_people(written):
    result, ics = written
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    weekly = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == "物料评审")
    assert weekly["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert weekly["DTEND"].dt - weekly["DTSTART"].dt == dt.timedelta(minutes=90)
    assert weekly["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20261231T155959Z;INTERVAL=2;BYDAY=TU"
    assert str(weekly["ORGANIZER"]) == "mailto:zhang@example.com" and weekly["ORGANIZER"].params["CN"] == "张伟"
    assert str(weekly["ATTENDEE"]) == "mailto:zhang@example.com"  # 研发: 研发部's one person with an email
    alarm = weekly.walk("VALARM")[0]
    assert alarm["TRIGGER"].dt == dt.timedelta(minutes=-15) and str(alarm["ACTION"]) == "DISPLAY"
    daily = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == "日常进度更新" and "RRULE" in e)
    assert sorted(str(a) for a in daily["ATTENDEE"]) == ["mailto:chen@example.com", "mailto:huang@example.com",
                                                        "mailto:zhang@example.com"]
    allday = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == "预算通报")
    assert allday["DTSTART"].dt == D(2026, 9, 30) and allday.walk("VALARM")[0]["TRIGGER"].dt == dt.timedelta(hours=-15)


def test_json_not_scheduled_and_unresolved(written):
    result, _ = written
    data = result.to_json()
    assert [(e["item"], e["start"], e["rrule"], e["dates"]) for e in data["events"][:2]] == [
        ("周进度同步", "2026-09-18T15:00:00+08:00", "FREQ=WEEKLY;UNTIL=20261231T155959Z;BYDAY=FR", None),
        ("日常进度更新", "2026-09-18T17:30:00+08:00", "FREQ=WEEKLY;UNTIL=20261231T155959Z;BYDAY=MO,TU,WE,TH,FR", None)]
    assert data["events"][1]["extra_dates"] == ["2026-09-20", "2026-10-10"]
    assert data["events"][1]["exdates"] == ["2026-09-25", "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06",
                                            "2026-10-07", "2026-12-31"]
    assert [(u["item"], u["reason_id"], u["row"]) for u in data["not_scheduled"]] == [
        ("升级会", "schedule.event", 9), ("试点日报", "schedule.period", 10), ("上线协调", "schedule.milestone-several", 11)]
    assert data["not_scheduled"][2]["reason"] == "有多个里程碑名称包含「上线」（试点上线、全面上线）；请写出其中一个的完整名称。"
    assert [(u["item"], u["name"], u["role"], u["cell"]) for u in data["unresolved"]] == [
        ("预算通报", "客服", "participant", "B5"), ("需求评审", "测试", "owner", "E7")]
    assert [u["cell"] for u in data["not_scheduled"]] == ["D9", "D10", "D11"]
    assert data["holiday_years"] == [2004, 2026]
    assert result.exit_code == 1


def test_uids_stable_across_exports_and_time_changes(tmp_path):
    first = calendar(project(tmp_path / "a", PLAN), output=tmp_path / "a.ics", today="2026-11-20")
    moved = [list(r) for r in PLAN]
    moved[0][3] = "每周四16:00"
    again = calendar(project(tmp_path / "b", moved), output=tmp_path / "b.ics", today="2026-11-27")
    assert [e["uid"] for e in first.to_json()["events"]] == [e["uid"] for e in again.to_json()["events"]]
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical((tmp_path / "a.ics").read_bytes()).walk("VEVENT")]
    assert len(uids) == len(set(uids))


def test_project_without_end_recurs_on(tmp_path):
    result = calendar(project(tmp_path, PLAN[:1], end=None), output=tmp_path / "x.ics", today="2026-11-20")
    assert result.to_json()["events"][0]["rrule"] == "FREQ=WEEKLY;BYDAY=FR"
    assert len(expand(tmp_path / "x.ics", D(2027, 1, 1), D(2027, 1, 31))["周进度同步"]) == 5
    assert result.exit_code == 0


def test_refuses_to_replace_what_is_not_a_calendar(tmp_path):
    folder = project(tmp_path, PLAN[:1])
    other = tmp_path / "notes.ics"
    other.write_text("important", encoding="utf-8")
    with pytest.raises(CrossdeptError) as exc:
        calendar(folder, output=other)
    assert exc.value.rule == "calendar.output-not-calendar" and other.read_text(encoding="utf-8") == "important"
    with pytest.raises(CrossdeptError) as exc:
        calendar(folder, output=tmp_path / "x.xlsx")
    assert exc.value.rule == "calendar.output-not-ics"


def test_cli_json_and_messages(tmp_path):
    folder = project(tmp_path, PLAN)
    res = CliRunner().invoke(app, ["calendar", str(folder), "-o", str(tmp_path / "c.ics"), "--json", "--today",
                                   "2026-11-20", "--lang", "en"])
    assert res.exit_code == 1
    data = json.loads(res.stdout)
    assert len(data["events"]) == 7 and (tmp_path / "c.ics").is_file()
    assert "Not scheduled: 门店项目-项目总表.xlsx 沟通计划表!D10 '试点日报', frequency '试点期间每日18:00'" in res.stderr
    assert "Left out: 门店项目-项目总表.xlsx 沟通计划表!B5 '预算通报' names '客服'" in res.stderr
    assert "Wrote " in res.stderr and "7 scheduled, 3 not scheduled." in res.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    res = CliRunner().invoke(app, ["calendar", str(empty), "-o", str(tmp_path / "e.ics")])
    assert res.exit_code == 2 and "沟通计划表" in res.stderr


def test_samples_plan_exports_the_right_occurrences(tmp_path):
    """The sample project's 沟通计划表 (start 2026-10-08, end 12-31, 12-31 a company day off)."""
    out = tmp_path / "samples.ics"
    result = calendar(ROOT / "samples" / "智慧门店上线", output=out, today="2026-11-20")
    got = expand(out, D(2026, 10, 1), D(2026, 12, 31))
    assert got["周进度同步"][:3] == [dt.datetime.combine(d, dt.time(15), SH) for d in (D(2026, 10, 9), D(2026, 10, 16), D(2026, 10, 23))]
    assert [d.date() for d in got["日常进度更新"][:4]] == [D(2026, 10, 8), D(2026, 10, 9), D(2026, 10, 10), D(2026, 10, 12)]
    assert got["日常进度更新"][-1].date() == D(2026, 12, 30)
    assert got["营销物料评审"][:3] == [dt.datetime.combine(d, dt.time(10), SH) for d in (D(2026, 10, 13), D(2026, 10, 27), D(2026, 11, 10))]
    assert got["预算执行通报"] == [D(2026, 10, 28), D(2026, 11, 25), D(2026, 12, 30)]
    assert got["里程碑复盘会"] == [D(2026, 10, 21), D(2026, 11, 19), D(2026, 12, 2), D(2026, 12, 9), D(2026, 12, 23), D(2026, 12, 30)]
    assert got["需求评审"] == [D(2026, 10, 9)]
    assert [u["item"] for u in result.to_json()["not_scheduled"]] == ["上线前测试协调", "问题升级会"]


def test_weekly_writes_the_communication_calendar(tmp_path):
    folder = project(tmp_path, [*PLAN[:2], PLAN[7], PLAN[9]])  # 升级会 (an event), 上线协调 (two milestones)
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["weekly", str(folder), "--out", str(out), "--today", "2026-11-20"])
    assert res.exit_code in (0, 1), res.output
    ics = out / "门店项目-2026-11-20-沟通日程.ics"
    got = expand(ics, D(2026, 11, 16), D(2026, 11, 22))
    assert [d.date() for d in got["日常进度更新"]] == [D(2026, 11, d) for d in (16, 17, 18, 19, 20)]
    assert [d.date() for d in got["周进度同步"]] == [D(2026, 11, 20)]
    log = next(out.glob("*运行日志.txt")).read_text(encoding="utf-8")
    assert "门店项目-2026-11-20-沟通日程.ics" in log and "升级会" not in log
    assert ("门店项目-项目总表.xlsx 沟通计划表!D5：沟通计划「上线协调」的频率/时间「上线前3天」未排入沟通日程："
            "有多个里程碑名称包含「上线」（试点上线、全面上线）；请写出其中一个的完整名称。") in log


def test_workdays_from_a_make_up_sunday_once_each(tmp_path):
    calendar(project(tmp_path, PLAN[1:2], start=D(2026, 9, 20)), output=tmp_path / "w.ics", today="2026-11-20")
    days = [d.date() for d in expand(tmp_path / "w.ics", D(2026, 9, 1), D(2026, 9, 24))["日常进度更新"]]
    assert days == [D(2026, 9, 20), D(2026, 9, 21), D(2026, 9, 22), D(2026, 9, 23), D(2026, 9, 24)]


def test_hostile_cell_text_stays_text(tmp_path):
    """A cell faking END:VEVENT with line breaks, a bell and a form feed: one event, text intact."""
    import xlsxwriter

    folder = project(tmp_path, PLAN[:1])
    path = folder / "研发部.xlsx"
    wb = xlsxwriter.Workbook(path)  # xlsxwriter keeps control characters that openpyxl would refuse
    ws = wb.add_worksheet("沟通计划表")
    for r, row in enumerate([PLAN_HEAD, ["评审\r\nEND:VEVENT\r\nBEGIN:VEVENT\x07;,", "研发", "线上\x0c会议", "每周一9:00", "张伟", "", ""]]):
        ws.write_row(r, 0, row)
    wb.close()
    calendar(folder, output=tmp_path / "h.ics", today="2026-11-20")
    raw = (tmp_path / "h.ics").read_bytes()
    assert b"\x07" not in raw and b"\x0c" not in raw
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    # Plan text is read as one line (breaks and form feeds are spaces); the bell is dropped.
    assert sorted(str(e["SUMMARY"]) for e in events) == ["周进度同步", "评审 END:VEVENT BEGIN:VEVENT;,"]
    assert str(next(e for e in events if "评审" in str(e["SUMMARY"]))["LOCATION"]) == "线上 会议"
