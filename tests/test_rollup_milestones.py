"""The roll-up's 里程碑 sheet, read back with openpyxl: its figures, and the timeline's colours found
by evaluating the conditional formats Excel would evaluate (translated to each cell by openpyxl's
formula Translator, then computed with Excel's comparison rules: empty is 0 against a number and
"" against text, text sorts after numbers)."""

from __future__ import annotations

import datetime as dt
import json
import email
from email import policy
import re
from pathlib import Path

import openpyxl
import pytest
from milestone_folder import TODAY, build
from openpyxl.formula.translate import Translator
from openpyxl.utils import get_column_letter, range_boundaries

from crossdept.cli import app
from typer.testing import CliRunner

EPOCH = dt.datetime(1899, 12, 30)
HEAD = 5  # Excel row of the timeline's dates


class X:
    """An Excel value in a formula: number (dates as serials), text, or empty (None)."""

    def __init__(self, v: object) -> None:
        if isinstance(v, dt.datetime):
            v = (v - EPOCH).days
        self.v = v

    def _key(self, other: "X") -> tuple[tuple[int, object], tuple[int, object]]:
        a, b = self.v, other.v
        if a is None:
            a = "" if isinstance(b, str) else 0
        if b is None:
            b = "" if isinstance(a, str) else 0
        rank = lambda x: (1, x) if isinstance(x, str) else (0, x)  # noqa: E731
        return rank(a), rank(b)

    def __eq__(self, o: object) -> bool:  # type: ignore[override]
        a, b = self._key(o)  # type: ignore[arg-type]
        return a == b

    def __ne__(self, o: object) -> bool:  # type: ignore[override]
        return not self == o

    def __lt__(self, o: "X") -> bool:
        a, b = self._key(o)
        return a < b

    def __le__(self, o: "X") -> bool:
        a, b = self._key(o)
        return a <= b

    def __gt__(self, o: "X") -> bool:
        return not self <= o

    def __ge__(self, o: "X") -> bool:
        return not self < o

    def __add__(self, o: "X") -> "X":
        return X((self.v or 0) + (o.v or 0))  # type: ignore[operator]

    def __sub__(self, o: "X") -> "X":
        return X((self.v or 0) - (o.v or 0))  # type: ignore[operator]


def _if(cond: bool, a: X, b: X) -> X:
    return a if cond else b


def evaluate(formula: str, ws) -> bool:  # noqa: ANN001
    expr = formula.lstrip("=")
    expr = re.sub(r'"([^"]*)"', lambda m: f"X({m.group(1)!r})", expr)
    expr = re.sub(r"\$?([A-Z]{1,3})\$?(\d+)", lambda m: f"X(ws[{m.group(1) + m.group(2)!r}].value)", expr)
    expr = re.sub(r"(?<![\w'])(\d+)(?![\w'])", r"X(\1)", expr)
    expr = expr.replace("<>", "!=").replace("AND(", "all_(").replace("IF(", "_if(")
    expr = re.sub(r"(?<![<>!=])=(?!=)", "==", expr)
    return bool(eval(expr, {"X": X, "_if": _if, "all_": lambda *a: all(a), "ws": ws}))  # noqa: S307


def colours(ws) -> dict[str, str]:  # noqa: ANN001
    """Cell -> the fill of the first matching rule (rules are stop-if-true, in priority order)."""
    rules = sorted(((r.priority, str(rng.sqref), r) for rng in ws.conditional_formatting for r in rng.rules),
                   key=lambda t: t[0])
    out: dict[str, str] = {}
    for _, sqref, rule in rules:
        min_col, min_row, max_col, max_row = range_boundaries(sqref)
        origin = f"{get_column_letter(min_col)}{min_row}"
        for row in range(min_row, max_row + 1):
            for col in range(min_col, max_col + 1):
                ref = f"{get_column_letter(col)}{row}"
                if ref in out:
                    continue
                formula = Translator("=" + rule.formula[0], origin=origin).translate_formula(ref)
                if evaluate(formula, ws):
                    out[ref] = rule.dxf.fill.bgColor.rgb[-6:] if rule.dxf.fill.bgColor.rgb else "?"
    return out


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    tmp = tmp_path_factory.mktemp("rm")
    folder = build(tmp / "门店项目")
    out = tmp / "汇总.xlsx"
    res = CliRunner().invoke(app, ["rollup", str(folder), "-o", str(out), "--history", str(tmp / "h.sqlite"),
                                   "--today", TODAY.isoformat()])
    assert res.exit_code == 1, res.output
    return openpyxl.load_workbook(out)["里程碑"]


def column_of(ws, day: dt.date) -> str:  # noqa: ANN001
    for cell in ws[HEAD]:
        if isinstance(cell.value, dt.datetime) and cell.value.date() == day:
            return cell.column_letter
    raise AssertionError(f"no column for {day}")


def test_rows_hold_every_figure(sheet) -> None:  # noqa: ANN001
    rows = [[c.value for c in row][:11] for row in sheet.iter_rows(min_row=HEAD, max_row=HEAD + 6)]
    D = lambda *a: dt.datetime(*a)  # noqa: E731
    assert rows == [
        ["里程碑名称", "状态", "阶段开始", "计划日期", "实际日期", "预测日期", "偏差(工作日)", "任务总数", "已完成", "逾期任务", "阻塞任务"],
        ["需求确认", "已完成", D(2026, 9, 1), D(2026, 9, 30), D(2026, 10, 9), None, 2, 1, 1, 0, 0],  # from 开始日期
        ["立项评审", "已完成", D(2026, 10, 1), D(2026, 10, 12), D(2026, 10, 9), None, -2, 0, 0, 0, 0],
        ["系统开发完成", "已完成", D(2026, 10, 13), D(2026, 11, 13), D(2026, 11, 16), None, 1, 2, 2, 0, 0],
        ["营销活动启动", "已延误", D(2026, 11, 14), D(2026, 11, 19), None, D(2026, 11, 20), 1, 1, 0, 1, 0],
        ["试点门店上线", "有风险", D(2026, 11, 20), D(2026, 11, 27), None, D(2026, 12, 1), 2, 3, 0, 1, 1],
        ["全面上线", "按计划", D(2026, 11, 28), D(2026, 12, 18), None, D(2026, 12, 10), -6, 1, 0, 0, 0],
    ]
    # The grid runs from 3 days before the earliest date to 3 days after the latest, one column a day.
    dates = [c.value.date() for c in sheet[HEAD] if isinstance(c.value, dt.datetime)]
    assert dates[0] == dt.date(2026, 9, 27) and dates[-1] == dt.date(2026, 12, 21) and len(dates) == 86


def test_the_timeline_colours_plan_slip_early_phase_and_today(sheet) -> None:  # noqa: ANN001
    fill = colours(sheet)
    col = lambda m, d: column_of(sheet, dt.date(2026, m, d))  # noqa: E731
    early, dev, late, pilot, full = 7, 8, 9, 10, 11  # Excel rows
    plan, slip, green, phase, today = "1F4E79", "E06666", "A9D08E", "DDEBF7", "FFF2CC"
    # 系统开发完成: planned Fri 11-13, reached Mon 11-16 -> red over the weekend up to the actual day.
    assert [fill.get(f"{col(11, d)}{dev}") for d in (12, 13, 14, 15, 16, 17)] == [phase, plan, slip, slip, slip, None]
    # 立项评审: reached Fri 10-09, three days before its plan -> green up to the planned day.
    assert [fill.get(f"{col(10, d)}{early}") for d in (8, 9, 10, 11, 12, 13)] == [phase, green, green, green, plan, None]
    # 营销活动启动: late; the slip runs to the forecast (today), which the slip colours before today's.
    assert [fill.get(f"{col(11, d)}{late}") for d in (18, 19, 20, 21)] == [phase, plan, slip, None]
    # 试点门店上线 at risk: today is inside its phase, the slip runs from 11-28 to the forecast 12-01.
    assert [fill.get(f"{col(m, d)}{pilot}") for m, d in ((11, 19), (11, 20), (11, 27), (11, 28), (12, 1), (12, 2))] == [
        None, phase, plan, slip, slip, None]
    # 全面上线 forecast early (12-10) but not reached: no green, only its phase and plan.
    assert [fill.get(f"{col(12, d)}{full}") for d in (10, 17, 18, 19)] == [phase, phase, plan, None]
    # Today's column is yellow where nothing else is.
    assert fill.get(f"{col(11, 20)}{dev}") == today and fill.get(f"{col(11, 20)}{HEAD}") == "FFC000"


def test_the_email_shows_the_next_milestone_its_state_and_slip(tmp_path: Path) -> None:
    folder = build(tmp_path / "门店项目")
    out, html = tmp_path / "s.eml", tmp_path / "s.html"
    res = CliRunner().invoke(app, ["summary", str(folder), "-o", str(out), "--html", str(html),
                                   "--today", TODAY.isoformat()])
    assert res.exit_code == 1, res.output
    msg = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "下一个里程碑：营销活动启动（计划 2026-11-19，预测 2026-11-20）｜已延误｜推迟 1 个工作日｜任务完成 0/1\r\n" in text
    page = html.read_text(encoding="utf-8")
    assert "下一个里程碑：<b>营销活动启动</b>　计划 2026-11-19　预测 2026-11-20" in page
    assert re.search(r'<span class="dot-red"[^>]*>● 已延误</span>　推迟 1 个工作日　任务完成 0/1', page)


def test_the_parallel_roll_up_of_many_files_gives_the_same_milestones(tmp_path: Path) -> None:
    """From 8 workbooks up the roll-up reads in worker processes (read/pool.py) and adds FileParts:
    each carries its milestone facts, so the figures are those of one reading of the folder."""
    from conftest import write_xlsx
    from milestone_folder import BOARD_HEAD, task

    from crossdept.config import Config
    from crossdept.ops.review import read_plan

    folder = build(tmp_path / "门店项目")
    for n in range(6):
        write_xlsx(folder / f"部门{n}.xlsx", {"说明": [["部门", f"部门{n}"]], "进度看板": [
            BOARD_HEAD, task(f"D{n}-1", "任务", "试点门店上线", dt.date(2026, 12, 1 + n), None, "进行中", dept=f"部门{n}")]})
    res = CliRunner().invoke(app, ["rollup", str(folder), "-o", str(tmp_path / "r.xlsx"), "--history",
                                   str(tmp_path / "h.sqlite"), "--today", TODAY.isoformat(), "--json"])
    assert res.exit_code == 1, res.output
    rolled = json.loads(res.stdout)["milestones"]
    assert rolled == read_plan(folder, Config(), TODAY).plan.to_json()
    pilot = next(m for m in rolled if m["milestone"] == "试点门店上线")
    assert pilot["forecast"] == "2026-12-06" and pilot["tasks"]["total"] == 9  # Sunday 12-06: slip to Friday 12-04
    assert pilot["slip_working_days"] == 5


def test_an_email_from_the_roll_up_workbook_shows_the_strip_its_folder_shows(tmp_path: Path) -> None:
    """The roll-up carries no 项目章程: `summary ROLLUP.xlsx` reads its 里程碑 sheet back
    (read/own_sheets.py) into the same MilestoneLines the folder gives, so both emails' strips agree."""
    import crossdept
    from crossdept.config import Config
    from crossdept.core.milestones import lines_from_table
    from crossdept.model.outputs import MILESTONE_HEADERS, MILESTONES
    from crossdept.ops.review import read_plan
    from crossdept.read.own_sheets import table_rows

    folder, rolled = build(tmp_path / "门店项目"), tmp_path / "汇总.xlsx"
    res = CliRunner().invoke(app, ["rollup", str(folder), "-o", str(rolled), "--history", str(tmp_path / "h.sqlite"),
                                   "--today", TODAY.isoformat()])
    assert res.exit_code == 1, res.output
    back = lines_from_table(table_rows(rolled, MILESTONES, MILESTONE_HEADERS) or [])
    assert back == read_plan(folder, Config(), TODAY).plan.lines()  # every figure of every row, read back
    emails = {}
    for name, source in (("folder", folder), ("rollup", rolled)):
        made = crossdept.summary(source, output=tmp_path / f"{name}.eml", today=TODAY, lang="zh")
        msg = email.message_from_bytes((tmp_path / f"{name}.eml").read_bytes(), policy=policy.default)
        text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        emails[name] = (made.context["milestone"], next(x for x in text.splitlines() if "下一个里程碑" in x))
    assert emails["rollup"] == emails["folder"]
    assert emails["rollup"][1] == "下一个里程碑：营销活动启动（计划 2026-11-19，预测 2026-11-20）｜已延误｜推迟 1 个工作日｜任务完成 0/1"


def test_a_roll_up_without_milestones_has_no_strip(tmp_path: Path) -> None:
    """No 里程碑 sheet (no charter in the folder), or a row whose state was typed over: no guess."""
    from conftest import write_xlsx
    from milestone_folder import BOARD_HEAD, task

    import crossdept
    from crossdept.core.milestones import lines_from_table, milestone_strip

    folder = tmp_path / "p"
    folder.mkdir()
    write_xlsx(folder / "研发部.xlsx", {"说明": [["部门", "研发部"]], "进度看板": [
        BOARD_HEAD, task("R-1", "接口", "上线", dt.date(2026, 11, 30), None, "进行中")]})
    rolled = tmp_path / "汇总.xlsx"
    crossdept.rollup(folder, output=rolled, history=tmp_path / "h.sqlite", today=TODAY)
    made = crossdept.summary(rolled, output=tmp_path / "s.eml", today=TODAY)
    assert made.context["milestone"] is None
    edited = [("上线", "快好了", None, dt.date(2026, 12, 1), None, None, None, 1, 0, 0, 0)]
    assert lines_from_table(edited) == [] and milestone_strip(lines_from_table(edited)) is None
