"""What the departments sent, as a folder (domain.md "A folder of workbooks"): real .xlsx files in a
real folder, through the CLI (validate, rollup, weekly) and the core, with exact figures and findings."""

from __future__ import annotations

import datetime as dt
import email
import json
import shutil
from email import policy
from pathlib import Path

import python_calamine as pc
from conftest import write_xlsx
from typer.testing import CliRunner

from crossdept.cli import app
from crossdept.config import Config, Person
from crossdept.core.rollup import build_rollup
from crossdept.core.submissions import Submissions
from crossdept.core.validate import validate_workbook
from crossdept.read import read_workbook

D = dt.date
TODAY = "2026-11-20"
BOARD_HEAD = ["任务编号", "任务名称", "负责部门", "负责人", "计划完成日期", "实际完成日期", "状态", "完成百分比", "阻塞原因/备注", "更新日期"]
ISSUE_HEAD = ["问题编号", "问题描述", "影响范围", "提出日期", "责任人", "责任部门", "解决时限", "冲突等级", "状态", "更新日期", "解决日期"]
TOML = """
[project]
name = "测试项目"
departments = ["运营部", "市场部", "研发部"]

[[people]]
name = "陈晨"
department = "运营部"

[[people]]
name = "王芳"
department = "市场部"

[[people]]
name = "张伟"
department = "研发部"
"""


def tasks(prefix: str, dept: str, owner: str, n: int = 10, overdue: int = 9, updated: dt.date = D(2026, 11, 19)) -> list[list[object]]:
    """n tasks, the first `overdue` planned before today and unfinished, the rest done."""
    rows = []
    for i in range(1, n + 1):
        late = i <= overdue
        rows.append([f"{prefix}-T{i:02}", f"任务{i}", dept, owner, D(2026, 11, 10) if late else D(2026, 11, 12),
                     None if late else D(2026, 11, 12), "进行中" if late else "已完成", 0.5 if late else 1, None, updated])
    return rows


def dept_book(path: Path, dept: str | None, board: list[list[object]], issues: list[list[object]] = (), **extra: list) -> Path:
    sheets: dict[str, list] = {}
    if dept:
        sheets["说明"] = [["项目名称", "测试项目"], ["部门", dept]]
    sheets["进度看板"] = [BOARD_HEAD, *board]
    sheets["问题跟踪表"] = [ISSUE_HEAD, *issues]
    sheets.update(extra)
    return write_xlsx(path, sheets)


def cli(*args: str, lang: str = "zh"):  # type: ignore[no-untyped-def]
    return CliRunner(env={"COLUMNS": "200"}).invoke(app, [*args, "--lang", lang, "--today", TODAY])


def project(tmp_path: Path) -> Path:
    folder = tmp_path / "项目"
    folder.mkdir()
    (folder / "crossdept.toml").write_text(TOML, encoding="utf-8")
    return folder


def findings_by_rule(data: dict) -> dict[str, list[tuple[str, str, str | None, dict | None]]]:
    out: dict[str, list] = {}
    for f in data["files"]:
        for x in f["findings"]:
            out.setdefault(x["rule"], []).append((Path(f["path"]).name, x["sheet"], x["cell"], x.get("other")))
    return out


def test_a_copy_saved_under_another_departments_name(tmp_path: Path) -> None:
    """运营部.xlsx copied to 市场部.xlsx, its 说明 still 运营部: not 20 tasks for 运营部 and nothing
    for 市场部, silently, but 10 tasks, 市场部 missing, and the reasons at their cells."""
    folder = project(tmp_path)
    ops = dept_book(folder / "运营部.xlsx", "运营部", tasks("OP", "运营部", "陈晨"))
    shutil.copy(ops, folder / "市场部.xlsx")
    dept_book(folder / "研发部.xlsx", "研发部", tasks("RD", "研发部", "张伟", n=2, overdue=0))

    result = cli("rollup", str(folder), "-o", str(tmp_path / "r.xlsx"), "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert [(d["department"], d["tasks"]["total"], d["tasks_overdue"]) for d in data["departments"]] == [
        ("运营部", 10, 9), ("研发部", 2, 0)]
    assert data["missing_departments"] == ["市场部"]
    assert "未提交：市场部" in result.stderr
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert [x["rule"] for x in files["市场部.xlsx"]["findings"]] == ["department-mismatch", "duplicate-department"]
    # 市场部.xlsx sorts first, so 运营部.xlsx holds the repeats.
    assert [x["rule"] for x in files["运营部.xlsx"]["findings"]] == ["duplicate-row"] * 10 + ["duplicate-department"]
    assert files["运营部.xlsx"]["findings"][0]["other"] == {"path": str(folder / "市场部.xlsx"), "sheet": "进度看板", "cell": "A2"}
    overview = pc.CalamineWorkbook.from_path(str(tmp_path / "r.xlsx")).get_sheet_by_name("总览").to_python()
    assert overview[2][0] == "未提交：市场部（crossdept.toml 中列出，但文件夹中没有这些部门的工作簿）。"

    checked = cli("validate", str(folder / "运营部.xlsx"), str(folder / "市场部.xlsx"), "--json")
    assert checked.exit_code == 0  # warnings only
    found = findings_by_rule(json.loads(checked.stdout))
    assert found["department-mismatch"] == [("市场部.xlsx", "说明", "B2", None)]
    columns = {x["column"] for f in json.loads(checked.stdout)["files"] for x in f["findings"]
               if x["rule"] in ("duplicate-department", "department-mismatch")}
    assert columns == {"部门"}  # the 说明 field each is about, as the validation report's 列 shows
    assert found["duplicate-department"] == [
        ("运营部.xlsx", "说明", "B2", {"path": str(folder / "市场部.xlsx"), "sheet": "说明", "cell": "B2"}),
        ("市场部.xlsx", "说明", "B2", {"path": str(folder / "运营部.xlsx"), "sheet": "说明", "cell": "B2"})]
    assert len(found["duplicate-row"]) == 10
    zh = [x["message"] for f in json.loads(checked.stdout)["files"] for x in f["findings"] if x["rule"] == "department-mismatch"]
    assert zh == ["B2：说明页的部门是「运营部」，文件名 市场部.xlsx 却是「市场部」的；已按「运营部」汇总。"
                  "若这是「市场部」的工作簿（例如复制后忘了改），请把部门改为「市场部」；否则请改文件名。"]


def test_a_department_that_sent_nothing_is_named_in_the_rollup_email_and_log(tmp_path: Path) -> None:
    folder = project(tmp_path)
    dept_book(folder / "运营部.xlsx", "运营部", tasks("OP", "运营部", "陈晨", n=3, overdue=0))
    dept_book(folder / "研发部.xlsx", "研发部", tasks("RD", "研发部", "张伟", n=3, overdue=0))
    rolled = cli("rollup", str(folder), "-o", str(tmp_path / "r.xlsx"), "--json", lang="en")
    assert rolled.exit_code == 1  # nothing overdue: the missing department alone is worth attention
    # 研发部 now has an open task and nothing updated since Tue 11-10 (8 working days).
    dept_book(folder / "研发部.xlsx", "研发部", [["RD-T9", "接口", "研发部", "张伟", D(2026, 12, 1), None, "进行中", 0.5, None, D(2026, 11, 10)]])
    assert json.loads(rolled.stdout)["missing_departments"] == ["市场部"]
    assert "Not submitted: 市场部" in rolled.stderr
    out = tmp_path / "归档"
    weekly = cli("weekly", str(folder), "--out", str(out))
    assert weekly.exit_code == 1, weekly.output
    log = next(out.glob("*运行日志.txt")).read_text(encoding="utf-8")
    assert "未提交：市场部（crossdept.toml 中列出，但文件夹中没有这些部门的工作簿）。" in log
    message = email.message_from_bytes(next(out.glob("*周报邮件.eml")).read_bytes(), policy=policy.default)
    assert "未提交：市场部（本周没有收到这些部门的工作簿）" in message.get_body(("plain",)).get_content()
    assert "未提交：市场部" in message.get_body(("html",)).get_content()
    assert "超过5个工作日未更新：研发部" in message.get_body(("plain",)).get_content()
    overview = pc.CalamineWorkbook.from_path(str(next(out.glob("*周报汇总.xlsx")))).get_sheet_by_name("总览").to_python()
    assert overview[2][0] == "未提交：市场部（crossdept.toml 中列出，但文件夹中没有这些部门的工作簿）。 超过5个工作日未更新：研发部。"
    sources = pc.CalamineWorkbook.from_path(str(next(out.glob("*周报汇总.xlsx")))).get_sheet_by_name("数据来源").to_python()
    [rd] = [row for row in sources if str(row[0]).endswith("研发部.xlsx")]
    assert rd[-1] == ("J2：「研发部」有 1 条未完成的任务或问题，但最近的更新日期是 2026-11-10，已超过 5 个工作日没有更新。"
                      "请更新进度和问题状态。")
    report = json.loads(next(out.glob("*校验报告.json")).read_text(encoding="utf-8"))
    assert all(Path(f["path"]).name != "crossdept.toml" for f in report["files"])
    assert str(folder / "crossdept.toml") not in log


def test_excels_sheet_copy_does_not_double_a_department(tmp_path: Path) -> None:
    folder = project(tmp_path)
    rows = tasks("OP", "运营部", "陈晨")
    path = dept_book(folder / "运营部.xlsx", "运营部", rows, **{"进度看板 (2)": [BOARD_HEAD, *rows]})
    book = read_workbook(path, 2026)
    config = Config(departments=["运营部"], people=[Person("陈晨", "运营部")])
    fig = build_rollup([(path, book)], config, D(2026, 11, 20)).departments
    assert [(f.department, f.total, f.tasks_overdue, f.completion_pct) for f in fig] == [("运营部", 10, 9, 10.0)]
    found = [f for f in validate_workbook(book, config, D(2026, 11, 20)) if f.rule == "duplicate-row"]
    assert [(f.sheet, f.cell, f.other["sheet"], f.other["cell"]) for f in found] == [
        ("进度看板 (2)", f"A{r}", "进度看板", f"A{r}") for r in range(2, 12)]
    assert found[0].message("zh") == "A2：任务编号「OP-T01」与 进度看板!A2 的一行完全相同，只计一次。请删除重复的一行（或重复的工作表）。"


def test_one_id_for_two_different_rows_across_files_counts_both_with_an_error(tmp_path: Path) -> None:
    folder = project(tmp_path)
    dept_book(folder / "研发部.xlsx", "研发部", tasks("RD", "研发部", "张伟", n=2, overdue=0))
    other = tasks("RD", "研发部", "张伟", n=1, overdue=1)  # RD-T01 again, now 进行中 and late
    dept_book(folder / "研发部-补充.xlsx", "研发部", other)
    data = json.loads(cli("rollup", str(folder), "-o", str(tmp_path / "r.xlsx"), "--json").stdout)
    assert [(d["department"], d["tasks"]["total"]) for d in data["departments"]] == [("研发部", 3)]
    checked = cli("validate", str(folder / "研发部.xlsx"), str(folder / "研发部-补充.xlsx"), "--json", lang="en")
    assert checked.exit_code == 1
    found = findings_by_rule(json.loads(checked.stdout))
    assert found["duplicate-id"] == [("研发部-补充.xlsx", "进度看板", "A2", {"path": str(folder / "研发部.xlsx"), "sheet": "进度看板", "cell": "A2"})]
    message = [x["message"] for f in json.loads(checked.stdout)["files"] for x in f["findings"] if x["rule"] == "duplicate-id"]
    assert message == ['A2: 任务编号 "RD-T01" is already used at 研发部.xlsx 进度看板!A2 for a different row (both are counted); '
                       "ids must be unique within a department, give one of them a new id."]


def test_a_copy_of_a_workbook_that_already_used_an_id_twice_adds_nothing(tmp_path: Path) -> None:
    """运营部 used OP-T01 for two different rows (both counted, one duplicate-id); a copy of its
    workbook repeats each of them identically: each copy row is a duplicate-row of its own twin
    (not a duplicate-id of the id's first row) and the department still has 3 tasks, 2 overdue."""
    folder = project(tmp_path)
    rows = tasks("OP", "运营部", "陈晨", n=2, overdue=1)
    rows[1][0] = "OP-T01"  # the done task typed with the late one's id
    ops = dept_book(folder / "运营部.xlsx", "运营部", [*rows, tasks("OP", "运营部", "陈晨", n=3, overdue=1)[2]])
    shutil.copy(ops, folder / "运营部-副本.xlsx")
    data = json.loads(cli("rollup", str(folder), "-o", str(tmp_path / "r.xlsx"), "--json").stdout)
    assert [(d["department"], d["tasks"]["total"], d["tasks_overdue"]) for d in data["departments"]] == [("运营部", 3, 1)]
    checked = cli("validate", str(folder / "运营部.xlsx"), str(folder / "运营部-副本.xlsx"), "--json", lang="en")
    found = findings_by_rule(json.loads(checked.stdout))
    first, copy = str(folder / "运营部.xlsx"), "运营部-副本.xlsx"
    assert found["duplicate-id"] == [("运营部.xlsx", "进度看板", "A3", {"path": first, "sheet": "进度看板", "cell": "A2"})]
    assert found["duplicate-row"] == [(copy, "进度看板", f"A{r}", {"path": first, "sheet": "进度看板", "cell": f"A{r}"})
                                      for r in (2, 3, 4)]


def test_not_updated_more_than_five_working_days(tmp_path: Path) -> None:
    config = Config(departments=["运营部", "市场部", "研发部"])
    today = D(2026, 11, 20)
    # 11-12 (Thu) is 6 working days before Fri 11-20: not updated. 11-13 is 5: fine.
    stale = dept_book(tmp_path / "运营部.xlsx", "运营部", tasks("OP", "运营部", "陈晨", n=2, overdue=0, updated=D(2026, 11, 12))
                      [:1] + [["OP-T09", "收尾", "运营部", "陈晨", D(2026, 12, 1), None, "进行中", 0.1, None, D(2026, 11, 12)]])
    fresh = dept_book(tmp_path / "市场部.xlsx", "市场部", [["MK-T1", "物料", "市场部", "王芳", D(2026, 12, 1), None, "进行中", 0.1, None, D(2026, 11, 13)]])
    never = dept_book(tmp_path / "研发部.xlsx", "研发部", [["RD-T1", "接口", "研发部", "张伟", D(2026, 12, 1), None, "未开始", 0, None, None]])
    done = dept_book(tmp_path / "财务部.xlsx", "财务部", [["FN-T1", "预算", "财务部", "赵敏", D(2026, 11, 1), D(2026, 11, 1), "已完成", 1, None, D(2026, 11, 1)]])
    subs = Submissions(config, today)
    found = {p.stem: [(f.rule, f.sheet, f.column, f.cell) for f in subs.add(p, read_workbook(p, 2026)).findings]
             for p in (stale, fresh, never, done)}
    # The report's 列 column names 更新日期 as it does for every finding at a cell.
    assert found == {"运营部": [("not-updated", "进度看板", "更新日期", "J2")], "市场部": [],
                     "研发部": [("not-updated", "说明", None, None)], "财务部": []}
    stale_finding = subs.submissions[0].findings[0]
    assert stale_finding.message("zh") == ("J2：「运营部」有 1 条未完成的任务或问题，但最近的更新日期是 2026-11-12，已超过 5 个工作日没有更新。"
                                           "请更新进度和问题状态。")


def test_a_row_naming_two_departments_is_a_finding_and_counts_to_its_owners(tmp_path: Path) -> None:
    folder = project(tmp_path)
    write_xlsx(folder / "项目总表.xlsx", {
        "项目章程": [["项目名称", "测试项目"], ["项目负责人", "陈晨"], ["项目发起人", "刘总"], [],
                 ["里程碑", "计划日期", "实际日期", "状态"], ["M1", D(2026, 11, 30), None, "进行中"]],
        "进度看板": [BOARD_HEAD, ["P-1", "联合推广", "运营部、市场部", "王芳", D(2026, 12, 1), None, "进行中", 0.5, None, D(2026, 11, 19)]],
    })
    for dept, owner in (("运营部", "陈晨"), ("市场部", "王芳"), ("研发部", "张伟")):
        dept_book(folder / f"{dept}.xlsx", dept, [])
    data = json.loads(cli("rollup", str(folder), "-o", str(tmp_path / "r.xlsx"), "--json").stdout)
    assert {d["department"]: d["tasks"]["total"] for d in data["departments"]} == {"运营部": 0, "市场部": 1, "研发部": 0}
    checked = json.loads(cli("validate", str(folder / "项目总表.xlsx"), "--json").stdout)
    [multi] = [x for x in checked["files"][0]["findings"] if x["rule"] == "multi-department"]
    assert (multi["cell"], multi["severity"]) == ("C2", "warning")
    assert multi["message"] == ("C2：负责部门「运营部、市场部」写了多个部门；每行只能属于一个部门，本行已计入「市场部」（负责人所在部门）。"
                                "请只写一个部门，必要时拆成多行。")
    assert not [x for x in checked["files"][0]["findings"] if x["rule"] == "unknown-department"]
