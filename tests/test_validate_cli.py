"""`crossdept validate` end to end: JSON as interface.md says, exit codes, console report,
annotated copies read back by openpyxl and python-calamine, bad input, every peer workbook."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import openpyxl
import pytest
import python_calamine as pc
from conftest import write_xlsx
from typer.testing import CliRunner

from crossdept.cli import app

D = dt.date
FILE_KEYS = {"path", "status", "error", "findings"}
FINDING_KEYS = {"sheet", "row", "column", "cell", "value", "rule", "severity", "message"}
BOARD_HEAD = ["任务编号", "任务名称", "负责部门", "负责人", "计划完成日期", "实际完成日期", "状态", "完成百分比"]


def run(*args: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    # A wide console, so that table cells of the report are not wrapped mid-message.
    return CliRunner(env={"COLUMNS": "300"}).invoke(app, ["validate", *args, "--lang", lang, "--today", "2026-11-20"])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def board(path: Path, *rows: list[object], name: str = "进度看板") -> Path:
    return write_xlsx(path, {name: [BOARD_HEAD, *rows]})


def good_row(tid: str = "T1") -> list[object]:
    return [tid, "接口开发", "研发", "张伟", D(2026, 11, 10), D(2026, 11, 9), "已完成", 1]


def clash_row() -> list[object]:
    """good_row's id on a different task: duplicate-id (an error); an identical row would be
    duplicate-row, a warning."""
    return ["T1", "接口联调", "研发", "张伟", D(2026, 11, 10), D(2026, 11, 9), "已完成", 1]


def test_json_shape_statuses_and_exit_codes(tmp_path: Path) -> None:
    ok = board(tmp_path / "好.xlsx", good_row())
    bad = board(tmp_path / "研发 部.xlsx", good_row(), ["T2", "联调", "研发", "张伟", D(2026, 11, 30), None, "完成了", 0.5])
    issues = write_xlsx(tmp_path / "warn.xlsx", {"问题跟踪表": [
        ["问题编号", "问题描述", "影响范围", "提出日期", "责任人", "状态"],
        ["I-1", "接口延迟", "上线", D(2026, 11, 18), "张伟", "处理中"],
    ]})
    result = run(str(ok), str(issues), "--json")
    assert result.exit_code == 0, result.stderr  # warnings alone: done, nothing wrong
    data = json.loads(result.stdout)
    assert [f["status"] for f in data["files"]] == ["ok", "ok"]
    assert data["summary"] == {"files": 2, "errors": 0, "warnings": 1}

    result = run(str(ok), str(bad), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) == {"files", "summary"}
    assert data["summary"] == {"files": 2, "errors": 1, "warnings": 0}
    first, second = data["files"]
    assert set(first) == FILE_KEYS and (first["status"], first["findings"], first["error"]) == ("ok", [], None)
    assert second["path"] == str(bad) and second["status"] == "invalid"
    (finding,) = second["findings"]
    assert set(finding) == FINDING_KEYS
    assert finding == {"sheet": "进度看板", "row": 3, "column": "状态", "cell": "G3", "value": "完成了",
                       "rule": "invalid-choice", "severity": "error",
                       "message": 'G3: 状态 "完成了" is not one of the allowed values (未开始/进行中/已完成/阻塞); '
                                  "pick one from the dropdown."}
    zh = json.loads(run(str(bad), "--json", lang="zh").stdout)["files"][0]["findings"][0]
    assert zh["message"] == "G3：状态「完成了」不在可选值中（未开始/进行中/已完成/阻塞），请从下拉列表中选择。"


def test_console_report_is_grouped_by_file_and_sheet(tmp_path: Path) -> None:
    bad = board(tmp_path / "b.xlsx", good_row(), clash_row())
    result = run(str(bad), lang="zh")
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{bad} · 进度看板" in result.stderr
    assert "duplicate-id" in result.stderr and "A3：任务编号「T1」与 A2 重复" in result.stderr
    assert "共 1 个文件：1 个错误，0 个警告，0 个无法读取，0 个已跳过。" in result.stderr


def test_config_beside_the_workbook_is_used(tmp_path: Path) -> None:
    (tmp_path / "crossdept.toml").write_text(
        '[project]\nname = "智慧门店"\ndepartments = ["研发", "市场"]\n\n[[people]]\nname = "张伟"\ndepartment = "研发"\n',
        encoding="utf-8")
    path = board(tmp_path / "b.xlsx", ["T1", "接口开发", "研发部", "张 伟", D(2026, 11, 10), D(2026, 11, 9), "已完成", 1])
    data = json.loads(run(str(path), "--json").stdout)
    got = {(f["cell"], f["rule"]) for f in data["files"][0]["findings"]}
    assert got == {("C2", "unknown-department"), ("D2", "unknown-person")}
    (tmp_path / "crossdept.toml").write_text("[project\n", encoding="utf-8")
    result = run(str(path), "--json")
    assert result.exit_code == 2
    entry = json.loads(result.stdout)["files"][0]
    assert entry["status"] == "unreadable" and "crossdept.toml" in entry["error"]


def test_bad_inputs_each_get_one_line_and_the_rest_are_checked(tmp_path: Path) -> None:
    good = board(tmp_path / "好.xlsx", good_row())
    lock = tmp_path / "~$好.xlsx"
    lock.write_bytes(b"\x00" * 165)
    fake = tmp_path / "假的.xlsx"
    fake.write_text("这不是工作簿", encoding="utf-8")
    text = tmp_path / "notes.txt"
    text.write_text("hi", encoding="utf-8")
    missing = tmp_path / "没有.xlsx"
    result = run(str(lock), str(fake), str(text), str(missing), str(good), "--json")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr + result.stdout
    statuses = [(Path(f["path"]).name, f["status"]) for f in json.loads(result.stdout)["files"]]
    assert statuses == [("~$好.xlsx", "skipped"), ("假的.xlsx", "unreadable"), ("notes.txt", "unreadable"),
                        ("没有.xlsx", "unreadable"), ("好.xlsx", "ok")]
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 4 and all(str(tmp_path) in line for line in lines)
    assert "lock file" in lines[0] and "damaged" in lines[1] and "not a supported" in lines[2] and "not found" in lines[3]


def test_annotate_needs_a_folder(tmp_path: Path) -> None:
    good = board(tmp_path / "好.xlsx", good_row())
    result = run(str(good), "--annotate", str(good))
    assert result.exit_code == 2 and "not a folder" in result.stderr


def test_annotated_copy_reopens_with_comments_fills_and_working_links(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进度看板"
    ws.append(["研发部进度看板"])
    ws.append(BOARD_HEAD)
    ws.append(good_row())
    ws.append(["T2", "联调", "研发", "张伟", D(2026, 11, 30), None, "完成了", "=1+1"])
    ws["G4"].value, ws["G4"].data_type = "=HYPERLINK(\"http://x\",\"点\")", "s"  # a string, not a formula
    ws["A1"].font = openpyxl.styles.Font(bold=True, size=16)
    issues = wb.create_sheet("Bob's 问题")
    issues.append(["问题编号", "问题描述", "影响范围", "提出日期", "责任人", "状态"])
    issues.append(["I-1", "接口延迟", "上线", D(2026, 11, 18), "张伟", "处理中"])
    path = src / "研发 部.xlsx"
    wb.save(path)
    before = digest(path)
    out = tmp_path / "标注"

    result = run(str(path), "--annotate", str(out), lang="zh")
    assert result.exit_code == 1, result.stderr
    copy = out / "研发 部-校验结果.xlsx"
    assert copy.is_file() and f"已写出标注副本 {copy}" in result.stderr
    assert digest(path) == before and sorted(p.name for p in src.iterdir()) == ["研发 部.xlsx"]

    back = openpyxl.load_workbook(copy)
    assert back.sheetnames == ["校验结果", "进度看板", "Bob's 问题"]
    board_ws, issue_ws = back["进度看板"], back["Bob's 问题"]
    assert board_ws["A1"].font.bold and board_ws["A1"].font.size == 16  # the copy keeps formatting
    g4, h4 = board_ws["G4"], board_ws["H4"]
    assert g4.comment.text.startswith("G4：状态「=HYPERLINK")
    assert g4.fill.fgColor.rgb.endswith("FFC7CE")
    assert h4.comment is None  # "=1+1" is a formula openpyxl wrote; its cached value is unknown, not a finding
    g1 = issue_ws["G1"]  # no 冲突等级 column at all: one warning where the header would go
    assert g1.comment.text.startswith("G1：没有冲突等级列") and g1.fill.fgColor.rgb.endswith("FFEB9C")

    results = back["校验结果"]
    rows = list(results.iter_rows(values_only=True))
    assert rows[0] == ("序号", "工作表", "单元格", "列", "值", "规则", "级别", "说明")
    listed = {(r[1], r[2], r[5], r[6]) for r in rows[1:]}
    assert listed == {("进度看板", "G4", "invalid-choice", "错误"), ("Bob's 问题", "G1", "level-column-missing", "警告")}
    locations = {results.cell(r, 3).value: results.cell(r, 3).hyperlink.location for r in range(2, results.max_row + 1)}
    assert locations == {"G4": "'进度看板'!G4", "G1": "'Bob''s 问题'!G1"}
    for target in locations.values():  # every link lands on a real cell of a real sheet
        sheet, ref = target.rsplit("!", 1)
        assert sheet.strip("'").replace("''", "'") in back.sheetnames and back[sheet.strip("'").replace("''", "'")][ref]
    value_cell = next(results.cell(r, 5) for r in range(2, results.max_row + 1) if results.cell(r, 3).value == "G4")
    assert value_cell.data_type == "s" and value_cell.value.startswith("=HYPERLINK")

    cal = pc.CalamineWorkbook.from_path(str(copy))
    assert cal.sheet_names[0] == "校验结果"
    grid = cal.get_sheet_by_name("校验结果").to_python()
    assert grid[0][2] == "单元格"
    assert {row[2] for row in grid[1:]} == {"G4", "G1"}
    assert any(str(row[4]).startswith("=HYPERLINK") for row in grid[1:])  # text, not a computed formula
    assert cal.get_sheet_by_name("进度看板").to_python()[3][6].startswith("=HYPERLINK")


def test_annotating_twice_and_same_names_from_two_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = board(tmp_path / "a" / "研发.xlsx", good_row(), clash_row())
    two = board(tmp_path / "b" / "研发.xlsx", good_row())
    out = tmp_path / "out"
    assert run(str(one), str(two), "--annotate", str(out)).exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["研发-校验结果-2.xlsx", "研发-校验结果.xlsx"]
    again = out / "研发-校验结果.xlsx"
    assert run(str(again), "--annotate", str(out)).exit_code == 1  # an annotated copy checks like its source
    back = openpyxl.load_workbook(out / "研发-校验结果-校验结果.xlsx")
    assert back.sheetnames == ["校验结果", "进度看板"]
    assert [r[5] for r in back["校验结果"].iter_rows(min_row=2, values_only=True)] == ["duplicate-id"]
    clean = openpyxl.load_workbook(out / "研发-校验结果-2.xlsx")["校验结果"]
    assert clean["A2"].value == "No problems found."


def test_formats_openpyxl_cannot_load_get_a_values_only_copy(tmp_path: Path, peers: list[Path]) -> None:
    xls = next(p for p in peers if p.name == "any_sheets.xls")
    before = digest(xls)
    result = run(str(xls), "--annotate", str(tmp_path), "--json")
    assert result.exit_code == 1  # no crossdept sheet in it: nothing could be checked
    assert json.loads(result.stdout)["files"][0]["findings"][0]["rule"] == "no-sheets"
    assert "cell values only" in result.stderr
    copy = tmp_path / "any_sheets-校验结果.xlsx"
    cal = pc.CalamineWorkbook.from_path(str(copy))
    original = pc.CalamineWorkbook.from_path(str(xls))
    assert cal.sheet_names[0] == "校验结果"
    worksheets = [m.name for m in original.sheets_metadata if m.typ == pc.SheetTypeEnum.WorkSheet]
    assert cal.sheet_names[1:] == worksheets  # chart sheets hold no values to copy
    assert digest(xls) == before


def test_every_peer_workbook_gets_a_result_or_a_reason(tmp_path: Path, peers: list[Path]) -> None:
    before = {p: digest(p) for p in peers}
    result = run(*map(str, peers), "--json", "--annotate", str(tmp_path / "out"))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    assert result.exit_code == 2  # some are encrypted or corrupt
    data = json.loads(result.stdout)
    assert [Path(f["path"]) for f in data["files"]] == peers
    for entry in data["files"]:
        assert entry["status"] in ("ok", "invalid", "unreadable"), entry
        if entry["status"] == "unreadable":
            assert entry["error"] and "\n" not in entry["error"] and entry["path"] in entry["error"]
        else:
            assert entry["error"] is None and entry["findings"], entry  # at least "no crossdept sheet"
    unreadable = {Path(f["path"]).name for f in data["files"] if f["status"] == "unreadable"}
    assert {"pass_protected.xlsx", "too_small.xls", "issue_594_dos.ods"} <= unreadable
    assert "Could not write" not in result.stderr
    assert {p: digest(p) for p in peers} == before


def test_a_copy_that_cannot_be_written_is_reported_and_the_others_still_run(tmp_path: Path) -> None:
    one = board(tmp_path / "一.xlsx", good_row())
    two = board(tmp_path / "二.xlsx", good_row(), clash_row())
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    result = run(str(one), str(two), "--annotate", str(blocker / "sub"), "--json")
    assert result.exit_code == 2
    assert [f["status"] for f in json.loads(result.stdout)["files"]] == ["ok", "invalid"]
    failures = [line for line in result.stderr.splitlines() if line.startswith("Could not write the annotated copy")]
    assert len(failures) == 2 and str(one) in failures[0] and str(two) in failures[1]


def test_macro_workbooks_keep_their_macros_in_the_copy(tmp_path: Path, peers: list[Path]) -> None:
    vba = next(p for p in peers if p.name == "vba.xlsm")
    result = run(str(vba), "--annotate", str(tmp_path))
    assert result.exit_code == 1
    copy = tmp_path / "vba-校验结果.xlsm"
    back = openpyxl.load_workbook(copy, keep_vba=True)
    assert back.sheetnames[0] == "校验结果" and back.vba_archive is not None
    assert "xl/vbaProject.bin" in back.vba_archive.namelist()


def test_fresh_workbooks_from_new_validate_clean_until_half_filled(tmp_path: Path) -> None:
    """A blank meeting or charter is "not started", not wrong; a half-filled one is reported."""
    runner = CliRunner()
    dept, project = tmp_path / "研发部.xlsx", tmp_path / "项目.xlsx"
    assert runner.invoke(app, ["new", "-o", str(dept), "--department", "研发部", "--project", "P"]).exit_code == 0
    assert runner.invoke(app, ["new", "-o", str(project), "--kind", "project", "--project", "P"]).exit_code == 0
    result = run(str(dept), str(project), "--json")
    assert result.exit_code == 0, result.output
    assert [f["status"] for f in json.loads(result.stdout)["files"]] == ["ok", "ok"]

    wb = openpyxl.load_workbook(dept)
    ws = wb["会议纪要"]
    label = next(c for row in ws.iter_rows() for c in row if c.value == "会议名称")
    ws.cell(label.row, label.column + 1, "第1次周例会")
    wb.save(dept)
    findings = json.loads(run(str(dept), "--json").stdout)["files"][0]["findings"]
    assert {(f["sheet"], f["column"], f["rule"]) for f in findings} == {
        ("会议纪要", "会议类型", "missing-field"), ("会议纪要", "日期", "missing-field")}


def test_an_input_named_like_a_copy_is_never_overwritten(tmp_path: Path) -> None:
    """Rerunning `validate *.xlsx --annotate .` picks up last run's copy as an input: this run's
    copy of 研发.xlsx must not overwrite it, before or after it is read."""
    source = board(tmp_path / "研发.xlsx", good_row(), clash_row())
    old_copy = board(tmp_path / "研发-校验结果.xlsx", good_row())
    before = digest(old_copy)
    result = run(str(source), str(old_copy), "--annotate", str(tmp_path), "--json")
    assert result.exit_code == 1
    assert [f["status"] for f in json.loads(result.stdout)["files"]] == ["invalid", "ok"]
    assert digest(old_copy) == before
    copies = {p.name for p in tmp_path.iterdir()} - {source.name, old_copy.name}
    assert copies == {"研发-校验结果-2.xlsx", "研发-校验结果-校验结果.xlsx"}
    rules = [r[5] for r in openpyxl.load_workbook(tmp_path / "研发-校验结果-2.xlsx")["校验结果"].iter_rows(min_row=2, values_only=True)]
    assert rules == ["duplicate-id"]


def test_a_file_without_read_permission_is_one_line_and_the_others_are_checked(tmp_path: Path) -> None:
    locked = board(tmp_path / "锁定 的.xlsx", good_row())
    other = board(tmp_path / "其他.xlsx", good_row(), clash_row())
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("this process may read every file (root with CAP_DAC_OVERRIDE)")
        result = run(str(locked), str(other), "--json")
        assert result.exit_code == 2, result.output
        first, second = json.loads(result.stdout)["files"]
        assert (first["status"], second["status"]) == ("unreadable", "invalid")
        assert "no permission to read" in first["error"] and str(locked) in first["error"]
        assert "damaged" not in first["error"]
        zh = run(str(locked), lang="zh")
        assert "没有读取权限" in zh.stderr and "Traceback" not in zh.output
    finally:
        locked.chmod(0o644)


def test_a_huge_wrong_value_still_gives_a_copy_excel_can_open(tmp_path: Path) -> None:
    """Excel refuses a cell over 32,767 characters: a message quoting a cell that long is clipped."""
    huge = "完" * 32767
    path = board(tmp_path / "大.xlsx", ["T1", "接口开发", "研发", "张伟", D(2026, 11, 10), None, huge, 0.5])
    assert run(str(path), "--annotate", str(tmp_path / "out")).exit_code == 1
    copy = tmp_path / "out" / "大-校验结果.xlsx"
    grid = pc.CalamineWorkbook.from_path(str(copy)).get_sheet_by_name("校验结果").to_python()
    assert grid[1][5] == "invalid-choice"
    assert max(len(str(v)) for row in grid for v in row) <= 32767
    comment = openpyxl.load_workbook(copy)["进度看板"]["G2"].comment.text
    assert len(comment) <= 32767 and comment.startswith("G2: 状态")
