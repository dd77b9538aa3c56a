"""`minutes-missing`: a weekly meeting without 周例会 minutes within one working day, over the 4
weeks up to today, one finding for the folder; in the weekly chain's report and the email."""

from __future__ import annotations

import datetime as dt
import json

from crossdept.config import Config
from crossdept.core.calendar import WorkCalendar
from crossdept.core.minutes_followup import meeting_days, minutes_missing, missing_weeks
from crossdept.read import read_workbook
from tests.conftest import write_xlsx

D = dt.date
HEAD = ["序号", "议题", "部门", "进展/讨论要点", "结论/决议", "待办事项", "责任人", "完成时限", "状态"]


def block(name: str, kind: str, day: dt.date) -> list[list[object]]:
    return [["会议名称", name, "会议类型", kind], ["日期", day], HEAD, [1, "进度", "研发部", "正常", "", "", "", None, None], []]


def test_meeting_days_include_today():
    assert meeting_days(D(2026, 11, 20), 5) == [D(2026, 10, 30), D(2026, 11, 6), D(2026, 11, 13), D(2026, 11, 20)]
    assert meeting_days(D(2026, 11, 23), 5) == [D(2026, 10, 30), D(2026, 11, 6), D(2026, 11, 13), D(2026, 11, 20)]
    assert meeting_days(D(2026, 11, 23), 1) == [D(2026, 11, 2), D(2026, 11, 9), D(2026, 11, 16), D(2026, 11, 23)]


def test_one_working_day_either_side_counts():
    cal = WorkCalendar()
    # Friday 11-13's meeting written up Monday 11-16 (the next working day): counts; Tuesday 11-17 does not.
    assert missing_weeks({D(2026, 10, 30), D(2026, 11, 6), D(2026, 11, 16)}, D(2026, 11, 20), 5, cal) == []
    assert missing_weeks({D(2026, 10, 30), D(2026, 11, 6), D(2026, 11, 17)}, D(2026, 11, 20), 5, cal) == [D(2026, 11, 13)]
    # Thursday 11-05 before Friday 11-06 counts too; today's meeting (11-20) is not judged yet.
    assert missing_weeks({D(2026, 10, 30), D(2026, 11, 5), D(2026, 11, 13)}, D(2026, 11, 20), 5, cal) == []
    # 国庆: Friday 10-02 is a holiday; the working days either side are 09-30 and 10-08.
    assert missing_weeks({D(2026, 10, 8)}, D(2026, 10, 10), 5, cal) == [D(2026, 9, 18), D(2026, 9, 25)]


def test_one_finding_for_the_folder_at_the_project_workbook(tmp_path):
    project = write_xlsx(tmp_path / "项目总表.xlsx", {
        "项目章程": [["项目名称", "门店"], ["开始日期", D(2026, 11, 1)]],
        "会议纪要": [*block("第1次周例会", "周例会", D(2026, 11, 6)), *block("专题会", "专题会", D(2026, 11, 13))],
    })
    dept = write_xlsx(tmp_path / "研发部.xlsx", {"会议纪要": block("第3次周例会", "周例会", D(2026, 11, 20))})
    books = [read_workbook(dept), read_workbook(project)]
    found = minutes_missing(books, Config(), D(2026, 11, 23))
    # 10-30 is before the project's start; 11-13 only had a 专题会; 11-20's minutes sit in 研发部.
    assert [(f.rule, f.severity, f.path, f.sheet, f.params["date"]) for f in found] == [
        ("minutes-missing", "warning", str(project), "会议纪要", "2026-11-13")]
    assert found[0].message("en").startswith("The weekly meeting of 2026-11-13 has no minutes")


def test_weekly_report_and_email(tmp_path):
    from email import message_from_bytes, policy

    from typer.testing import CliRunner

    from crossdept.cli import app

    folder = tmp_path / "p"
    folder.mkdir()
    write_xlsx(folder / "项目总表.xlsx", {
        "项目章程": [["项目名称", "门店"], ["开始日期", D(2026, 10, 1)]],
        "进度看板": [["任务编号", "任务名称", "负责部门", "负责人", "计划完成日期", "状态", "完成百分比", "更新日期"],
                 ["T-1", "开发", "研发部", "张伟", D(2026, 12, 1), "进行中", 0.5, D(2026, 11, 20)]],
        "会议纪要": [*block("第1次周例会", "周例会", D(2026, 10, 30)), *block("第3次周例会", "周例会", D(2026, 11, 13))],
    })
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["weekly", str(folder), "--out", str(out), "--today", "2026-11-20"])
    assert res.exit_code in (0, 1), res.output
    report = json.loads(next(out.glob("*校验报告.json")).read_text(encoding="utf-8"))
    missing = [f for r in report["files"] for f in r["findings"] if f["rule"] == "minutes-missing"]
    assert [(f["sheet"], f["severity"]) for f in missing] == [("会议纪要", "warning")]
    assert "2026-11-06（周五）的周例会没有会议纪要" in missing[0]["message"]
    msg = message_from_bytes(next(out.glob("*周报邮件.eml")).read_bytes(), policy=policy.default)
    assert "注意：2026-11-06 的周例会没有会议纪要（应在会后24小时内形成）。" in msg.get_body(("plain",)).get_content()


def test_validate_reports_it_over_the_files_given_together(tmp_path):
    """`crossdept validate` judges the project's files given together (the weekly run's computation)
    when they include the project workbook's 会议纪要; department files alone get no warning."""
    import crossdept

    project = write_xlsx(tmp_path / "项目总表.xlsx", {
        "项目章程": [["项目名称", "门店"], ["开始日期", D(2026, 11, 1)]],
        "会议纪要": block("第1次周例会", "周例会", D(2026, 11, 6)),
    })
    dept = write_xlsx(tmp_path / "研发部.xlsx", {
        "会议纪要": block("第3次周例会", "周例会", D(2026, 11, 20)),
        "进度看板": [["任务编号", "任务名称", "负责部门", "负责人", "计划完成日期", "状态", "完成百分比", "更新日期"],
                 ["T-1", "开发", "研发部", "张伟", D(2026, 12, 1), "进行中", 0.5, D(2026, 11, 20)]],
    })
    board = write_xlsx(tmp_path / "市场部.xlsx", {
        "进度看板": [["任务编号", "任务名称", "负责部门", "负责人", "计划完成日期", "状态", "完成百分比", "更新日期"],
                 ["T-2", "推广", "市场部", "李娜", D(2026, 12, 1), "进行中", 0.5, D(2026, 11, 20)]],
    })

    def missing(result) -> list[tuple[str, str, str]]:
        return [(r["path"], f["sheet"], f["message"]) for r in result.to_json()["files"] for f in r["findings"]
                if f["rule"] == "minutes-missing"]

    both = crossdept.validate([dept, project, board], today="2026-11-23", lang="en")
    assert missing(both) == [(str(project), "会议纪要", "The weekly meeting of 2026-11-13 has no minutes: they are due "
                              "within 24 hours; add a 会议纪要 block with 会议类型 周例会 dated 2026-11-13 (a day either "
                              "side, on working days, also counts).")]
    assert {f.severity for r in both.files for f in r.findings if f.rule == "minutes-missing"} == {"warning"}
    assert missing(crossdept.validate([board], today="2026-11-23")) == []
    # A department file keeps minutes too, but without the project workbook it cannot tell.
    assert missing(crossdept.validate([dept, board], today="2026-11-23")) == []
