"""Validation rules: each violation planted in a real .xlsx, read back, found at its exact cell.

Every case starts from a clean project workbook (which must give no finding at all) and breaks
one thing; the test compares the complete set of (sheet, cell, rule, severity) findings, so a
rule that fires too often fails as surely as one that does not fire. Messages are checked in
both languages.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from conftest import write_xlsx

from crossdept.config import Config, Person
from crossdept.core.validate import validate_workbook
from crossdept.findings import RULE_SEVERITY, Finding
from crossdept.read import read_workbook

D = dt.date
TODAY = D(2026, 11, 20)
ROSTER = Config(departments=["研发", "市场"], people=[Person("张伟", "研发"), Person("李娜", "市场")])

CLEAN: dict[str, list[list[object]]] = {
    "项目章程": [
        ["项目名称", "智慧门店上线"],
        ["项目负责人", "张伟"],
        ["项目发起人", "李娜"],
        [],
        ["里程碑", "计划日期", "实际日期", "状态"],
        ["需求确认", D(2026, 11, 1), D(2026, 11, 2), "已完成"],
    ],
    "RACI矩阵": [
        ["任务", "研发", "市场"],
        ["需求评审", "A", "R"],
        ["接口开发", "R/A", "I"],
    ],
    "沟通计划表": [
        ["沟通事项", "参与部门/人员", "沟通方式", "频率/时间", "负责人"],
        ["周进度同步", "研发、市场", "线上例会", "每周五15:00", "张伟"],
    ],
    "进度看板": [
        ["任务编号", "任务名称", "负责部门", "负责人", "开始日期", "计划完成日期", "实际完成日期", "状态", "完成百分比"],
        ["T1", "接口开发", "研发", "张伟", D(2026, 11, 2), D(2026, 11, 10), D(2026, 11, 9), "已完成", 1.0],
        ["T2", "联调", "市场", "李娜", D(2026, 11, 10), D(2026, 11, 30), None, "进行中", 0.4],
    ],
    "问题跟踪表": [
        ["问题编号", "问题描述", "影响范围", "提出部门", "提出日期", "责任人", "解决时限", "冲突等级", "状态", "解决日期"],
        ["I-1", "接口延迟", "上线", "市场", D(2026, 11, 10), "张伟", D(2026, 11, 12), "一级", "已解决", D(2026, 11, 11)],
        ["I-2", "物料未到", "门店", "研发", D(2026, 11, 18), "李娜", D(2026, 11, 20), "二级", "处理中", None],
    ],
    "会议纪要": [
        ["会议名称", "第5次周例会"],
        ["会议类型", "周例会"],
        ["日期", D(2026, 11, 20)],
        ["序号", "议题", "结论/决议", "待办事项", "责任人", "完成时限"],
        [1, "接口延迟", "延期一天上线", "通知门店", "张伟", D(2026, 11, 21)],
        [2, "物料", None, None, None, None],
    ],
}


def findings_of(tmp_path: Path, sheets: dict[str, list[list[object]]], config: Config = ROSTER) -> list[Finding]:
    path = write_xlsx(tmp_path / "项目.xlsx", sheets)
    return validate_workbook(read_workbook(path, 2026), config, TODAY)


def where(findings: list[Finding]) -> set[tuple[str, str | None, str, str]]:
    return {(f.sheet, f.cell, f.rule, f.severity) for f in findings}


def broken(**edits: object) -> dict[str, list[list[object]]]:
    """CLEAN with cells replaced: broken(进度看板={(2, 8): "阻塞"}) sets row 2, column H (1-based)."""
    sheets = copy.deepcopy(CLEAN)
    for sheet, cells in edits.items():
        for (row, col), value in cells.items():  # type: ignore[attr-defined]
            line = sheets[sheet][row - 1]
            line.extend([None] * (col - len(line)))
            line[col - 1] = value
    return sheets


def test_the_clean_workbook_has_no_finding(tmp_path: Path) -> None:
    assert findings_of(tmp_path, CLEAN) == []


def test_every_message_names_its_cell_in_both_languages(tmp_path: Path) -> None:
    sheets = broken(进度看板={(2, 8): "完成了", (3, 4): "张 伟"}, 问题跟踪表={(3, 8): None})
    found = findings_of(tmp_path, sheets)
    assert where(found) == {
        ("进度看板", "H2", "invalid-choice", "error"),
        ("进度看板", "D3", "unknown-person", "error"),
        ("问题跟踪表", "H3", "level-missing", "warning"),
    }
    by_rule = {f.rule: f for f in found}
    assert by_rule["invalid-choice"].message("zh") == "H2：状态「完成了」不在可选值中（未开始/进行中/已完成/阻塞），请从下拉列表中选择。"
    assert by_rule["invalid-choice"].message("en").startswith('H2: 状态 "完成了" is not one of the allowed values (未开始/进行中/已完成/阻塞)')
    assert by_rule["unknown-person"].message("zh").startswith("D3：负责人「张 伟」不是 crossdept.toml 中登记的人员（最接近的是「张伟」）")
    assert by_rule["unknown-person"].message("en").startswith('D3: 负责人 "张 伟" is not a person listed in crossdept.toml (closest: "张伟")')
    assert by_rule["level-missing"].message("zh").startswith("H3：没有填写冲突等级")
    assert by_rule["level-missing"].message("en").startswith("H3: 冲突等级 is empty, so the issue counts as level 1")


# (edits to CLEAN, the exact findings expected, a fact each message must carry in zh and en)
CASES = {
    "required column missing: one finding at the header row's first empty cell": (
        lambda s: [r.pop(2) for r in s["问题跟踪表"]],
        {("问题跟踪表", "J1", "missing-column", "error")}, ("影响范围", "Impact"),
    ),
    "key columns missing: one finding for the sheet, not per column": (
        lambda s: [r.pop(0) for r in s["进度看板"]],
        {("进度看板", "I1", "missing-key-columns", "error")}, ("任务编号/ID", "任务编号/ID"),
    ),
    "a sheet named like ours without any header row": (
        lambda s: s.update({"问题跟踪表": [["本周没有问题"]]}),
        {("问题跟踪表", "A1", "missing-key-columns", "error")}, ("问题编号/ID、问题描述/Description、责任人/Owner", "问题编号/ID, 问题描述/Description, 责任人/Owner"),
    ),
    "duplicate header": (
        lambda s: [r.append(r[7]) for r in s["进度看板"]],
        {("进度看板", "J1", "duplicate-header", "error")}, ("H1", "H1"),
    ),
    "duplicate department in a RACI matrix": (
        lambda s: [r.append(v) for r, v in zip(s["RACI矩阵"], ["研发", None, None])],
        {("RACI矩阵", "D1", "duplicate-header", "error")}, ("B1", "B1"),
    ),
    "a required field of the minutes left empty": (
        lambda s: s["会议纪要"][2].pop(),
        {("会议纪要", "B3", "missing-field", "error")}, ("日期", "Date"),
    ),
    "a required field of the charter with no label at all": (
        lambda s: s["项目章程"].pop(2),
        {("项目章程", "A3", "missing-field", "error")}, ("项目发起人", "Sponsor"),
    ),
    "required cell empty (a communication without an owner)": (
        lambda s: s["沟通计划表"][1].__setitem__(4, None),
        {("沟通计划表", "E2", "required-empty", "error")}, ("负责人", "负责人"),
    ),
    "a communication without a frequency": (
        lambda s: s["沟通计划表"][1].__setitem__(3, None),
        {("沟通计划表", "D2", "required-empty", "error")}, ("频率/时间", "频率/时间"),
    ),
    "duplicate id, case and width ignored": (
        lambda s: s["问题跟踪表"][2].__setitem__(0, "ｉ-1"),
        {("问题跟踪表", "A3", "duplicate-id", "error")}, ("A2", "A2"),
    ),
    "date that is not a date (reader)": (
        lambda s: s["进度看板"][2].__setitem__(5, "下周"),
        {("进度看板", "F3", "invalid-date", "error")}, ("下周", "下周"),
    ),
    "percent out of range (reader)": (
        lambda s: s["进度看板"][2].__setitem__(8, "150%"),
        {("进度看板", "I3", "percent-range", "error")}, ("0-100", "0-100"),
    ),
    "planned finish before start": (
        lambda s: s["进度看板"][2].__setitem__(5, D(2026, 11, 1)),
        {("进度看板", "F3", "finish-before-start", "error")}, ("E3", "E3"),
    ),
    "done but not 100 %": (
        lambda s: s["进度看板"][1].__setitem__(8, 0.9),
        {("进度看板", "I2", "done-not-100", "error")}, ("90%", "90 %"),
    ),
    "done without an actual finish date": (
        lambda s: s["进度看板"][1].__setitem__(6, None),
        {("进度看板", "G2", "done-no-finish", "error")}, ("实际完成日期", "实际完成日期"),
    ),
    "done without even an actual-finish column: at the status cell": (
        lambda s: [r.pop(6) for r in s["进度看板"]],
        {("进度看板", "G2", "done-no-finish", "error")}, ("实际完成日期", "实际完成日期"),
    ),
    "actual finish after today": (
        lambda s: s["进度看板"][1].__setitem__(6, D(2026, 11, 21)),
        {("进度看板", "G2", "finish-in-future", "error")}, ("2026-11-20", "2026-11-20"),
    ),
    "resolved issue without a resolution date": (
        lambda s: s["问题跟踪表"][1].__setitem__(9, None),
        {("问题跟踪表", "J2", "resolved-no-date", "error")}, ("已解决", "已解决"),
    ),
    "deadline before the date raised": (
        lambda s: s["问题跟踪表"][2].__setitem__(6, D(2026, 11, 17)),
        {("问题跟踪表", "G3", "due-before-raised", "error")}, ("E3", "E3"),
    ),
    "unknown department, closest suggested": (
        lambda s: s["进度看板"][1].__setitem__(2, "研发部"),
        {("进度看板", "C2", "unknown-department", "error")}, ("「研发」", '"研发"'),
    ),
    "unknown person among several in one cell, and in a labelled field": (
        lambda s: (s["会议纪要"][4].__setitem__(4, "张伟、李那"), s["项目章程"][2].__setitem__(1, "李 娜")),
        {("会议纪要", "E5", "unknown-person", "error"), ("项目章程", "B3", "unknown-person", "error")}, ("李娜", "李娜"),
    ),
    "RACI task without an A": (
        lambda s: s["RACI矩阵"][1].__setitem__(1, "C"),
        {("RACI矩阵", "A2", "raci-no-a", "error")}, ("需求评审", "需求评审"),
    ),
    "RACI task with two A's": (
        lambda s: s["RACI矩阵"][1].__setitem__(2, "A/R"),
        {("RACI矩阵", "A2", "raci-many-a", "error")}, ("研发、市场", "研发, 市场"),  # a list the language's way
    ),
    "RACI task without an R": (
        lambda s: s["RACI矩阵"][2].__setitem__(1, "A"),
        {("RACI矩阵", "A3", "raci-no-r", "error")}, ("接口开发", "接口开发"),
    ),
    "RACI letters that are not roles (reader) count as empty, reported once": (
        lambda s: s["RACI矩阵"][2].__setitem__(2, "X"),
        {("RACI矩阵", "C3", "invalid-raci", "error")}, ("X", "X"),
    ),
    "a decision without owner and due date": (
        lambda s: s["会议纪要"][4].__setitem__(4, None) or s["会议纪要"][4].__setitem__(5, None),
        {("会议纪要", "E5", "minutes-no-owner", "error"), ("会议纪要", "F5", "minutes-no-due", "error")},
        ("责任人", "责任人"),
    ),
    "a tracker without a level column: one warning, not one per issue": (
        lambda s: [r.pop(7) for r in s["问题跟踪表"]],
        {("问题跟踪表", "J1", "level-column-missing", "warning")}, ("第1行", "row 1"),
    ),
    "an issue without a level is a warning": (
        lambda s: s["问题跟踪表"][2].__setitem__(7, None),
        {("问题跟踪表", "H3", "level-missing", "warning")}, ("一级", "level 1"),
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_rule_at_its_cell(tmp_path: Path, case: str) -> None:
    edit, expected, (fact_zh, fact_en) = CASES[case]
    sheets = copy.deepcopy(CLEAN)
    edit(sheets)
    found = findings_of(tmp_path, sheets)
    assert where(found) == expected
    for f in found:
        zh, en = f.message("zh"), f.message("en")
        assert zh.startswith(f"{f.cell}：") and en.startswith(f"{f.cell}: ")
        assert zh != en
    assert any(fact_zh in f.message("zh") for f in found)
    assert any(fact_en in f.message("en") for f in found)


def test_missing_column_names_the_header_to_add(tmp_path: Path) -> None:
    sheets = copy.deepcopy(CLEAN)
    for r in sheets["问题跟踪表"]:
        r.pop(2)
    (f,) = findings_of(tmp_path, sheets)
    assert (f.row, f.column) == (1, "影响范围")
    assert f.message("zh") == "J1：缺少必填列「影响范围」（Impact）。请在表头行第1行加上这一列并逐行填写。"


def test_names_are_not_checked_without_a_roster(tmp_path: Path) -> None:
    sheets = broken(进度看板={(2, 3): "研发部", (2, 4): "张 伟"})
    assert findings_of(tmp_path, sheets, Config()) == []


def test_a_role_or_department_may_own_an_exchange(tmp_path: Path) -> None:
    sheets = broken(沟通计划表={(2, 5): "项目负责人"})
    sheets["沟通计划表"].append(["上线协调", "研发", "群聊", "上线前3天", "市场"])
    assert findings_of(tmp_path, sheets) == []


def test_a_workbook_without_any_crossdept_sheet(tmp_path: Path) -> None:
    (f,) = findings_of(tmp_path, {"Sheet1": [["姓名", "电话"], ["张伟", "123"]]})
    assert (f.rule, f.severity, f.cell, f.sheet) == ("no-sheets", "error", None, "")
    assert "Sheet1" in f.message("zh") and "问题跟踪表" in f.message("en")


def test_title_block_moves_every_cell_down(tmp_path: Path) -> None:
    sheets = broken(进度看板={(2, 7): None})
    sheets["进度看板"][:0] = [["研发部进度看板"], ["更新于 2026-11-20"]]
    assert where(findings_of(tmp_path, sheets)) == {("进度看板", "G4", "done-no-finish", "error")}


def test_findings_come_in_reading_order(tmp_path: Path) -> None:
    sheets = broken(进度看板={(3, 9): "很多", (2, 8): "完成了", (2, 3): "研发部"}, RACI矩阵={(2, 2): "C"})
    found = findings_of(tmp_path, sheets)
    assert [f.cell for f in found] == ["A2", "C2", "H2", "I3"]
    assert [f.sheet for f in found] == ["RACI矩阵", "进度看板", "进度看板", "进度看板"]


def test_every_rule_is_registered_and_has_both_messages() -> None:
    from crossdept import i18n

    for rule in RULE_SEVERITY:
        assert i18n.has(rule), rule
        assert RULE_SEVERITY[rule] in ("error", "warning")


def test_every_rule_is_documented_with_its_severity_and_both_examples() -> None:
    from crossdept.i18n import catalog_validate

    doc = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    reader_rules = ["invalid-date", "invalid-percent", "percent-range", "invalid-choice", "invalid-raci"]
    rules = reader_rules + [k for k in catalog_validate.MESSAGES if not k.startswith("validate.")]
    for rule in rules:
        head = next((line for line in doc.splitlines() if line.startswith(f"**`{rule}`** — ")), None)
        assert head is not None, f"{rule} is not documented in docs/rules.md"
        assert RULE_SEVERITY[rule] in head
        section = doc.split(head, 1)[1].split("\n**`", 1)[0]
        assert section.count("\n- ") >= 2, f"{rule} needs an example in zh and en"


def test_names_on_lines_of_their_own_are_several_people(tmp_path: Path) -> None:
    """Alt+Enter between names is how many people list two owners in one cell; each is checked."""
    assert findings_of(tmp_path, broken(会议纪要={(5, 5): "张伟\n李娜"})) == []
    (f,) = findings_of(tmp_path, broken(会议纪要={(5, 5): "张伟\r\n李 娜"}))
    assert (f.cell, f.rule, f.params["name"], f.params["suggestion"]) == ("E5", "unknown-person", "李 娜", "李娜")


def test_a_minutes_row_saying_no_decision_needs_no_owner(tmp_path: Path) -> None:
    """"无" or "—" under 结论/决议 and 待办事项 says there is nothing to own; "暂缓上线" is a decision."""
    sheets = broken(会议纪要={(6, 3): "无", (6, 4): "—"})
    sheets["会议纪要"].append([3, "预算", "暂无", "N/A", None, None])
    assert findings_of(tmp_path, sheets) == []
    sheets["会议纪要"].append([4, "上线", "暂缓上线", None, None, None])
    assert where(findings_of(tmp_path, sheets)) == {
        ("会议纪要", "E8", "minutes-no-owner", "error"), ("会议纪要", "F8", "minutes-no-due", "error")}
