"""The templates' conditional formats, evaluated: which rows Excel colours, and in which colour.

test_templates.py checks that the rules are there; this evaluates the very formulas read back from
the built workbooks with an independent Excel formula engine (the `formulas` package), with TODAY()
fixed to Friday 2026-11-20 (and to days around 国庆 2026 and its make-up Saturday), against
domain.md's rules, and against crossdept's own overdue verdicts. The working days the formulas
look up come from the template's own hidden 工作日历 sheet, read back by openpyxl.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from crossdept.config import Config
from crossdept.core.overdue import Rules, issue_marks, task_marks
from crossdept.model.outputs import WORKDAYS_NAME, WORKDAYS_SHEET
from crossdept.model.sheets import BOARD, CHARTER, ISSUES, MINUTES, RACI
from crossdept.read import read_workbook
from crossdept.write.templates import build_workbook, save_workbook

formulas = pytest.importorskip("formulas", reason="the `formulas` package (an Excel formula engine) is not installed")

TODAY = dt.date(2026, 11, 20)  # a Friday: the next working day is Monday 11-23
RED, AMBER, PURPLE = "FFC7CE", "FFEB9C", "E4DFEC"
D = {n: TODAY + dt.timedelta(days=n) for n in range(-3, 11)}


def serial(value: object) -> object:
    """A cell value as Excel holds it: dates are serial numbers, empty cells empty text."""
    if isinstance(value, dt.date):
        return (value - dt.date(1899, 12, 30)).days
    return "" if value is None else value


@cache
def template() -> openpyxl.Workbook:
    return openpyxl.load_workbook(Path(__file__).resolve().parents[1] / "xlsx_templates" / "项目工作簿.xlsx")


@cache
def workdays() -> np.ndarray:
    """The range the workbook name crossdept_workdays refers to, as the column Excel would pass."""
    wb = template()
    sheet, ref = wb.defined_names[WORKDAYS_NAME].attr_text.split("!")
    assert sheet.strip("'") == WORKDAYS_SHEET and wb[WORKDAYS_SHEET].sheet_state == "hidden"
    cells = wb[WORKDAYS_SHEET][ref.replace("$", "")]
    return np.array([[serial(row[0].value.date())] for row in cells], dtype=object)


@cache
def sheet_rules(sheet: str, today: dt.date = TODAY) -> tuple[list[tuple[str, object, list[str]]], dict[str, str]]:
    """The sheet's rules in priority order as (fill, compiled formula, its inputs) and its headers."""
    ws = template()[sheet]
    rules = sorted(((r.priority, r) for cf in ws.conditional_formatting for r in cf.rules), key=lambda p: p[0])
    first = range_boundaries(str(next(iter(ws.conditional_formatting)).sqref).split()[0])[1]
    header_row = first - 1
    headers = {get_column_letter(c): ws.cell(header_row, c).value for c in range(1, ws.max_column + 1)}
    compiled = []
    for _, rule in rules:
        formula = rule.formula[0].replace("TODAY()", f"DATE({today.year},{today.month},{today.day})")
        func = formulas.Parser().ast("=" + formula)[1].compile()
        compiled.append((rule.dxf.fill.bgColor.rgb[-6:], func, list(func.inputs)))
    return compiled, headers


def colour(sheet: str, row: dict[str, object], today: dt.date = TODAY) -> str | None:
    """The colour Excel gives a row {header: value}: the first rule that holds (stopIfTrue)."""
    rules, headers = sheet_rules(sheet, today)
    for fill, func, inputs in rules:
        args = []
        for ref in inputs:
            cols = re.findall(r"[A-Z]+", ref)
            if ref == WORKDAYS_NAME.upper():
                args.append(workdays())
            elif len(cols) == 1:
                args.append(serial(row.get(headers[cols[0]])))
            else:  # a range across the row, e.g. B4:F4
                lo, hi = range_boundaries(ref)[0], range_boundaries(ref)[2]
                cells = [serial(row.get(headers[get_column_letter(c)])) for c in range(lo, hi + 1)]
                args.append(np.array([cells], dtype=object))
        if bool(np.asarray(func(*args)).item()):
            return fill
    return None


@pytest.mark.parametrize(("due", "status", "expected"), [
    (D[-1], "处理中", RED),
    (D[-3], "待处理", RED),
    (D[0], "待处理", AMBER),  # due today
    (D[1], "处理中", AMBER),  # Saturday, before the next working day
    (D[3], "处理中", AMBER),  # Monday: the next working day
    (D[4], "处理中", None),
    (D[-1], "已解决", None),
    (D[-1], "已关闭", None),
    (D[-1], None, RED),  # no status: still open
    (None, "处理中", None),  # no deadline: crossdept highlight derives one, Excel cannot
    ("2026-11-19", "处理中", None),  # text, not a date: validation reports it
])
def test_issue_colours(due: object, status: object, expected: str | None) -> None:
    assert colour(ISSUES.name, {"解决时限": due, "状态": status}) == expected


@pytest.mark.parametrize(("planned", "status", "expected"), [
    (D[-1], "进行中", RED),
    (D[-1], "未开始", RED),
    (D[-1], "已完成", None),
    (D[0], "进行中", None),  # due today is not overdue
    (D[5], "阻塞", PURPLE),
    (D[-2], "阻塞", RED),  # overdue wins
    (None, "阻塞", PURPLE),
])
def test_task_colours(planned: object, status: object, expected: str | None) -> None:
    assert colour(BOARD.name, {"计划完成日期": planned, "状态": status}) == expected


@pytest.mark.parametrize(("due", "status", "expected"), [
    (D[-1], "进行中", RED), (D[-1], None, RED), (D[-1], "已完成", None), (D[2], "进行中", None), (None, None, None),
])
def test_minutes_action_colours(due: object, status: object, expected: str | None) -> None:
    assert colour(MINUTES.name, {"完成时限": due, "状态": status}) == expected


@pytest.mark.parametrize(("planned", "actual", "status", "expected"), [
    (D[-1], None, "进行中", RED), (D[-1], D[-2], "进行中", None), (D[-1], None, "已完成", None), (D[6], None, None, None),
])
def test_milestone_colours(planned: object, actual: object, status: object, expected: str | None) -> None:
    assert colour(CHARTER.name, {"计划日期": planned, "实际日期": actual, "状态": status}) == expected


@pytest.mark.parametrize(("roles", "expected"), [
    (("R/A", "C", None, "I", None), None),
    (("R", "A", "C", None, None), None),
    (("R", "C", None, "I", None), AMBER),  # no A
    (("R/A", "A", None, None, None), AMBER),  # two A
    (("A", "C", None, None, None), AMBER),  # no R
])
def test_raci_check_colour(roles: tuple, expected: str | None) -> None:
    _, headers = sheet_rules(RACI.name)
    departments = [h for letter, h in sorted(headers.items()) if h and h != RACI.columns[0].header]
    row = {RACI.columns[0].header: "需求评审", **dict(zip(departments, roles))}
    assert colour(RACI.name, row) == expected
    assert colour(RACI.name, {h: v for h, v in row.items() if h != RACI.columns[0].header}) is None  # no task


def test_excel_colours_agree_with_crossdept_on_an_ordinary_week(tmp_path: Path) -> None:
    """Issues with a deadline and tasks: Excel's red/amber/purple are crossdept's overdue/due_soon/blocked."""
    issues = [{"id": f"I{n}", "description": "d", "impact": "i", "raised_on": D[-3], "owner": "张三",
               "due": due, "status": status, "updated_on": TODAY}
              for n, (due, status) in enumerate([(D[-1], "处理中"), (D[0], "待处理"), (D[3], "处理中"),
                                                 (D[4], "处理中"), (D[-2], "已解决"), (D[-2], "已关闭")])]
    tasks = [{"id": f"T{n}", "task": "t", "department": "研发部", "owner": "李四", "planned_finish": planned,
              "status": status, "actual_finish": D[-1] if status == "已完成" else None,
              "progress": 100 if status == "已完成" else 50}
             for n, (planned, status) in enumerate([(D[-1], "进行中"), (D[-1], "已完成"), (D[5], "阻塞"),
                                                    (D[5], "进行中")])]
    path = save_workbook(build_workbook("department", data={"issues": issues, "board": tasks}), tmp_path / "w.xlsx")
    book = read_workbook(path, TODAY.year)
    rules = Rules.from_config(Config(), TODAY)
    name = {"overdue": RED, "due_soon": AMBER, "blocked": PURPLE}

    issue_sheet = book.sheet("issues")
    crossdept_says = {m.row: name[m.state] for m in issue_marks(issue_sheet, rules) if m.state in name}
    for record in issue_sheet.records:
        row = {ISSUES.column(k).header: c.value for k, c in record.cells.items()}
        assert colour(ISSUES.name, row) == crossdept_says.get(record.row), record.get("id")

    board = book.sheet("board")
    crossdept_says = {}
    for m in task_marks(board, rules):
        crossdept_says.setdefault(m.row, name[m.state])  # overdue comes first, as in Excel
    for record in board.records:
        row = {BOARD.column(k).header: c.value for k, c in record.cells.items()}
        assert colour(BOARD.name, row) == crossdept_says.get(record.row), record.get("id")


# --- around 国庆 2026: holidays Thu 10-01 to Wed 10-07, make-up workdays Sun 09-20 and Sat 10-10 ---

OCT = {n: dt.date(2026, 10, n) for n in range(1, 13)}


@pytest.mark.parametrize(("today", "due", "expected"), [
    (dt.date(2026, 9, 30), OCT[5], AMBER),  # the next working day is Thu 10-08, not Thu 10-01
    (dt.date(2026, 9, 30), OCT[8], AMBER),
    (dt.date(2026, 9, 30), OCT[9], None),
    (OCT[9], OCT[10], AMBER),  # Friday: the next working day is the make-up Saturday
    (OCT[9], OCT[12], None),  # so Monday is not (Excel's WORKDAY would say it is)
    (dt.date(2026, 9, 19), dt.date(2026, 9, 20), AMBER),  # Saturday: the make-up Sunday comes next
    (dt.date(2026, 9, 19), dt.date(2026, 9, 21), None),
    (dt.date(2027, 1, 8), dt.date(2027, 1, 11), AMBER),  # a year the calendar does not know: Monday to Friday
    (dt.date(2027, 1, 8), dt.date(2027, 1, 12), None),
])
def test_issue_colours_follow_the_chinese_calendar(today: dt.date, due: dt.date, expected: str | None) -> None:
    assert colour(ISSUES.name, {"解决时限": due, "状态": "处理中"}, today) == expected


@pytest.mark.parametrize("today", [dt.date(2026, 9, 30), OCT[9], dt.date(2026, 9, 19)])
def test_excel_colours_agree_with_crossdept_around_national_day(tmp_path: Path, today: dt.date) -> None:
    """Every deadline from a week before to two weeks after: Excel colours what crossdept marks."""
    dues = [today + dt.timedelta(days=n) for n in range(-7, 15)]
    issues = [{"id": f"I{n}", "description": "d", "impact": "i", "raised_on": today - dt.timedelta(days=9),
               "owner": "张三", "due": due, "status": "处理中", "updated_on": today} for n, due in enumerate(dues)]
    path = save_workbook(build_workbook("department", data={"issues": issues}), tmp_path / "w.xlsx")
    sheet = read_workbook(path, today.year).sheet("issues")
    name = {"overdue": RED, "due_soon": AMBER}
    crossdept_says = {m.row: name[m.state] for m in issue_marks(sheet, Rules.from_config(Config(), today)) if m.state in name}
    assert sorted(crossdept_says.values()).count(AMBER) >= 2
    for record in sheet.records:
        row = {ISSUES.column(k).header: c.value for k, c in record.cells.items()}
        assert colour(ISSUES.name, row, today) == crossdept_says.get(record.row), (today, record.get("due"))


def test_a_new_workbook_follows_the_projects_own_days_off_and_workdays(tmp_path: Path) -> None:
    """crossdept.toml's [calendar]: Friday 2026-11-27 off, Saturday 11-28 worked. `crossdept new` beside
    it lists the working days that way, so on Thursday 11-26 a deadline of Saturday is amber and Monday not."""
    from typer.testing import CliRunner

    from crossdept.cli import app

    (tmp_path / "crossdept.toml").write_text('[calendar]\ndays_off = ["2026-11-27"]\nworkdays = ["2026-11-28"]\n',
                                             encoding="utf-8")
    result = CliRunner().invoke(app, ["new", "-o", str(tmp_path / "研发部.xlsx"), "--department", "研发部"])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(tmp_path / "研发部.xlsx")
    days = {c.value.date() for (c,) in wb[WORKDAYS_SHEET].iter_rows(min_row=2)}
    assert dt.date(2026, 11, 27) not in days and dt.date(2026, 11, 28) in days and dt.date(2026, 11, 26) in days
    rule = next(r.formula[0] for cf in wb[ISSUES.name].conditional_formatting for r in cf.rules
                if r.dxf.fill.bgColor.rgb[-6:] == AMBER)
    formula = rule.replace("TODAY()", "DATE(2026,11,26)")
    func = formulas.Parser().ast("=" + formula)[1].compile()
    column = np.array([[serial(d)] for d in sorted(days)], dtype=object)
    due_ref = next(i for i in func.inputs if i != WORKDAYS_NAME.upper() and re.fullmatch(r"\$?H\$?\d+", i))

    def amber(due: dt.date) -> bool:
        args = [column if ref == WORKDAYS_NAME.upper() else serial(due) if ref == due_ref else "处理中"
                for ref in func.inputs]
        return bool(np.asarray(func(*args)).item())

    assert amber(dt.date(2026, 11, 28)) and not amber(dt.date(2026, 11, 30))
