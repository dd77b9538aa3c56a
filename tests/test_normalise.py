"""Every value form domain.md accepts normalises to one canonical value; anything else is a problem."""

from __future__ import annotations

import datetime as dt

import pytest

from crossdept.model import BOARD, ISSUES, MINUTES, TASK_STATUS
from crossdept.model.normalise import normalise, to_date, to_percent, to_raci

D = dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    "raw",
    [
        dt.date(2026, 11, 20),
        dt.datetime(2026, 11, 20, 9, 30),
        46346,  # Excel serial number
        46346.0,
        "46346",
        "2026-11-20",
        "2026/11/20",
        "2026.11.20",
        "2026年11月20日",
        "2026年11月20",
        "11月20日",  # the year of the project
        "2026-11-20 00:00:00",  # scripts writing str(datetime)
        "2026-11-20T00:00:00",
        " 2026-11-20 ",
        "２０２６－１１－２０",  # full-width digits and dash (WPS / IME input)
        "2026/1/5".replace("1/5", "11/20"),
        "2026 年 11 月 20 日",
    ],
)
def test_every_accepted_date_form(raw: object) -> None:
    assert to_date(raw, 2026) == (D, None)


def test_single_digit_month_and_day() -> None:
    assert to_date("2026/1/5", 2026)[0] == dt.date(2026, 1, 5)
    assert to_date("1月5日", 2027)[0] == dt.date(2027, 1, 5)


@pytest.mark.parametrize(
    "raw",
    ["2026/11/31", "2026-13-01", "下周五", "20/11/2026", "11-20", "ASAP", 3, 99999999, True, "2026-11", dt.time(9, 0)],
)
def test_bad_dates_are_problems_not_guesses(raw: object) -> None:
    value, problem = to_date(raw, 2026)
    assert value is None
    assert problem is not None and problem.rule == "invalid-date"


@pytest.mark.parametrize(
    ("raw", "pct"),
    [(0.8, 80), (80, 80), ("80%", 80), ("80", 80), ("0.8", 80), ("８０％", 80), (" 80 % ", 80), (1, 100),
     (0, 0), (100, 100), ("100%", 100), (0.125, 12.5), ("12.5%", 12.5), (55.5, 55.5)],
)
def test_every_percent_form(raw: object, pct: float) -> None:
    assert to_percent(raw) == (pct, None)


@pytest.mark.parametrize(("raw", "rule"), [("很多", "invalid-percent"), ("150%", "percent-range"), (120, "percent-range"),
                                           (-0.2, "percent-range"), ("8O%", "invalid-percent")])
def test_bad_percents(raw: object, rule: str) -> None:
    value, problem = to_percent(raw)
    assert value is None and problem is not None and problem.rule == rule


@pytest.mark.parametrize(
    ("raw", "status"),
    [("已完成", "已完成"), (" 已完成 ", "已完成"), ("\u3000已完成\u3000", "已完成"), ("已 完成", "已完成"), ("完成", "已完成"),
     ("Done", "已完成"), ("DONE", "已完成"), ("Completed", "已完成"), ("未开始", "未开始"), ("Not started", "未开始"),
     ("not-started", "未开始"), ("In progress", "进行中"), ("in_progress", "进行中"), ("Ｂｌｏｃｋｅｄ", "阻塞"),
     ("阻塞", "阻塞"), ("Blocked ", "阻塞")],
)
def test_task_status_forms(raw: str, status: str) -> None:
    assert TASK_STATUS.lookup(raw) == status
    assert normalise(raw, BOARD.column("status"), 2026) == (status, None)


@pytest.mark.parametrize(("raw", "status"), [("Open", "待处理"), ("已解决", "已解决"), ("Resolved", "已解决"), ("关闭", "已关闭"),
                                              ("Closed", "已关闭"), ("处理中", "处理中"), ("In progress", "处理中")])
def test_issue_status_forms(raw: str, status: str) -> None:
    assert normalise(raw, ISSUES.column("status"), 2026) == (status, None)


@pytest.mark.parametrize(("raw", "level"), [("一级", "一级"), (1, "一级"), (2.0, "二级"), ("3级", "三级"), ("L2", "二级"), ("Level 3", "三级")])
def test_level_forms(raw: object, level: str) -> None:
    assert normalise(raw, ISSUES.column("level"), 2026) == (level, None)


def test_unknown_choice_names_the_allowed_values() -> None:
    value, problem = normalise("完成了", BOARD.column("status"), 2026)
    assert value is None and problem is not None
    assert problem.rule == "invalid-choice"
    assert problem.params["allowed"] == "未开始/进行中/已完成/阻塞"


def test_meeting_type_forms() -> None:
    assert normalise("例会", MINUTES.column("meeting_type"), 2026) == ("周例会", None)


@pytest.mark.parametrize(("raw", "roles"), [("R", "R"), ("r/a", "R/A"), ("A、R", "R/A"), ("C, I", "C/I"), ("ＲＡ", "R/A")])
def test_raci_forms(raw: str, roles: str) -> None:
    assert to_raci(raw) == (roles, None)


@pytest.mark.parametrize("raw", ["X", "负责", "R/X"])
def test_bad_raci(raw: str) -> None:
    assert to_raci(raw)[1] is not None


def test_ids_keep_text_and_numbers_lose_dot_zero() -> None:
    assert normalise(3.0, ISSUES.column("id"), 2026) == ("3", None)
    assert normalise(" RD-001 ", ISSUES.column("id"), 2026) == ("RD-001", None)


@pytest.mark.parametrize(("raw", "pct"), [(1.0000000000000002, 100), (0.9999999999999999, 100),
                                          (1 - 0.9 - 0.1, 0), (0.30000000000000004, 30)])
def test_formula_float_noise_is_not_a_different_percent(raw: float, pct: float) -> None:
    """A percent cell computed by a formula stores 1.0000000000000002 for 100 %: not 1 %, and a
    -2.8e-17 for 0 % is not out of range."""
    assert to_percent(raw) == (pct, None)
