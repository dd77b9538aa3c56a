"""Spellings people use consistently are read (docs/reading.md "Values"), a year typed wrong is
a warning, and a blocked task whose reason is written is not asked for one. Real files in, the
CLI and the core out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from conftest import write_xlsx
from typer.testing import CliRunner

from crossdept.cli import app
from crossdept.config import Config
from crossdept.core.validate import validate_workbook
from crossdept.model import BOARD, ISSUES
from crossdept.model.normalise import normalise, to_date
from crossdept.read import read_workbook

D = dt.date
TODAY = D(2026, 11, 20)
BOARD_HEAD = ["任务编号", "任务名称", "负责部门", "负责人", "开始日期", "计划完成日期", "实际完成日期", "状态", "完成百分比", "阻塞原因/备注", "更新日期"]


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026年11月2号", D(2026, 11, 2)),
    ("11月2号", D(2026, 11, 2)),
    ("11.25", D(2026, 11, 25)),  # typed as text
    (11.25, D(2026, 11, 25)),  # typed as a number: two decimals are a day
    ("11.2", D(2026, 11, 2)),  # as text, unambiguous
    ("11/20/2026", D(2026, 11, 20)),
    ("1/5/2027", D(2027, 1, 5)),
    ("20261110", D(2026, 11, 10)),
    (20261110, D(2026, 11, 10)),
    ("2026/11/20（周五）", D(2026, 11, 20)),
    ("2026-11-20 星期五", D(2026, 11, 20)),
    ("2026年11月20日(礼拜五)", D(2026, 11, 20)),
    ("2026-11-20 Fri", D(2026, 11, 20)),
    ("11月20日（周五）", D(2026, 11, 20)),
    ("2026.11.20 周五", D(2026, 11, 20)),
])
def test_common_date_spellings(raw: object, expected: dt.date) -> None:
    assert to_date(raw, 2026) == (expected, None)


@pytest.mark.parametrize("raw", [11.2, "2026/11/20（周四）", "20/11/2026", "20261340", 19000101, "13.05"])
def test_spellings_that_would_be_guesses_are_still_refused(raw: object) -> None:
    """11.2 as a number may be 11.20; a weekday that disagrees leaves the date in doubt."""
    value, problem = to_date(raw, 2026)
    assert value is None and problem is not None and problem.rule == "invalid-date"


@pytest.mark.parametrize(("raw", "status"), [("阻塞中", "阻塞"), ("被阻塞", "阻塞"), ("推进中", "进行中"), ("执行中", "进行中"), ("已结束", "已完成")])
def test_task_status_spellings(raw: str, status: str) -> None:
    assert normalise(raw, BOARD.column("status"), 2026) == (status, None)


@pytest.mark.parametrize("raw", ["已完成", "完成"])
def test_an_issue_marked_done_is_resolved(raw: str) -> None:
    assert normalise(raw, ISSUES.column("status"), 2026) == ("已解决", None)


def test_a_board_typed_the_way_people_type_reads_without_findings(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "研发部.xlsx", {"进度看板": [
        BOARD_HEAD,
        ["T1", "接口", "研发部", "张伟", "2026年11月2号", "11/20/2026", None, "阻塞中", "50%", "等数据", 20261119],
        ["T2", "联调", "研发部", "李娜", "11.25", 11.25, None, "推进中", 0.3, None, "2026/11/19（周四）"],
    ]})
    book = read_workbook(path, 2026)
    assert book.findings == []
    first, second = book.sheet("board").records
    assert (first.get("start"), first.get("planned_finish"), first.get("status"), first.get("updated_on")) == (
        D(2026, 11, 2), D(2026, 11, 20), "阻塞", D(2026, 11, 19))
    assert (second.get("start"), second.get("planned_finish"), second.get("updated_on")) == (
        D(2026, 11, 25), D(2026, 11, 25), D(2026, 11, 19))


def test_a_minutes_date_with_its_weekday_is_a_meeting(tmp_path: Path) -> None:
    """日期：2026/11/20（周五） in one cell made `minutes` refuse the whole sheet."""
    path = write_xlsx(tmp_path / "研发部.xlsx", {"会议纪要": [
        ["会议名称：第7次周例会"], ["会议类型：周例会"], ["日期：2026/11/20（周五）"], ["主持人：陈晨"],
        ["序号", "议题", "部门", "结论/决议", "待办事项", "责任人", "完成时限", "状态"],
        [1, "联调", "研发部", "按期上线", "完成联调", "张伟", "11月25号", "进行中"],
    ]})
    out = tmp_path / "m.md"
    result = CliRunner().invoke(app, ["minutes", str(path), "--md", str(out), "-o", str(tmp_path / "m.docx"),
                                      "--today", "2026-11-20", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "第7次周例会" in text and "2026-11-20" in text and "2026-11-25" in text


def test_a_year_typed_wrong_is_a_warning_at_its_cell(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "项目.xlsx", {
        "项目章程": [["项目名称", "智慧门店上线"], ["项目负责人", "陈晨"], ["项目发起人", "刘总"],
                 ["开始日期", D(2026, 10, 8)], ["结束日期", D(2026, 12, 31)], [],
                 ["里程碑", "计划日期", "实际日期", "状态"], ["上线", D(2026, 12, 20), None, "未开始"]],
        "进度看板": [BOARD_HEAD,
                 ["T1", "接口", "研发部", "张伟", D(2026, 11, 2), D(2062, 11, 18), None, "进行中", 0.5, None, D(2026, 11, 19)],
                 ["T2", "联调", "研发部", "张伟", D(2025, 10, 9), D(2027, 12, 30), None, "进行中", 0.5, None, D(2026, 11, 19)],
                 ["T3", "旧账", "研发部", "张伟", D(2025, 10, 7), D(2026, 12, 30), None, "进行中", 0.5, None, D(2026, 11, 19)]],
    })
    found = [f for f in validate_workbook(read_workbook(path, 2026), Config(), TODAY) if f.rule == "far-date"]
    # The window is 2026-10-08 .. 2026-12-31 widened by a year: 2025-10-08 .. 2027-12-31.
    assert [(f.sheet, f.cell, f.severity) for f in found] == [("进度看板", "F2", "warning"), ("进度看板", "E4", "warning")]
    assert found[0].message("zh") == "F2：计划完成日期「2062-11-18」离项目时间及今天（2026-10-08 ~ 2026-12-31）超过一年，请检查年份是否写错。"


def test_a_blocked_task_with_its_reason_is_not_asked_for_one(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "研发部.xlsx", {"进度看板": [
        BOARD_HEAD,
        ["T1", "压测", "研发部", "张伟", D(2026, 11, 2), D(2026, 11, 30), None, "阻塞中", 0.2, "等运营部导出数据", D(2026, 11, 19)],
        ["T2", "联调", "研发部", "张伟", D(2026, 11, 2), D(2026, 11, 30), None, "阻塞", 0.2, None, D(2026, 11, 19)],
    ]})
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["highlight", str(path), "--out", str(out), "--today", "2026-11-20", "--lang", "zh"])
    assert result.exit_code == 1, result.output
    ws = openpyxl.load_workbook(out / "研发部.xlsx")["进度看板"]
    alerts = [ws.cell(r, 12).value for r in (1, 2, 3)]
    assert alerts == ["crossdept提醒", "阻塞中（等运营部导出数据），请协调解决", "阻塞中，请写明原因并协调解决"]


def test_far_date_in_a_department_workbook_names_today_alone(tmp_path):
    """A department workbook has no charter: the window is today, shown as one date, not 'X ~ X'."""
    from crossdept.core.validate.far_dates import check_book

    path = write_xlsx(tmp_path / "研发部.xlsx", {"进度看板": [
        ["任务编号", "任务名称", "负责部门", "负责人", "计划完成日期", "状态"],
        ["T1", "接口开发", "研发部", "张伟", dt.date(2062, 11, 18), "进行中"],
    ]})
    found = list(check_book(read_workbook(path, 2026), dt.date(2026, 11, 20)))
    assert [f.rule for f in found] == ["far-date"]
    assert found[0].message("zh") == "E2：计划完成日期「2062-11-18」离项目时间及今天（2026-11-20）超过一年，请检查年份是否写错。"
