"""`crossdept inspect`: what is read from each workbook, as JSON and as a table, with exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write_xlsx
from typer.testing import CliRunner

from crossdept.cli import app

BOARD_HEAD = ["任务编号", "任务名称", "负责部门", "负责人", "计划完成日期", "状态"]


def run(*args: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    return CliRunner(env={"COLUMNS": "200"}).invoke(app, ["inspect", *args, "--lang", lang, "--today", "2026-11-20"])


def test_sheets_header_rows_records_and_unrecognised(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "研发 部.xlsx", {
        "说明": [["项目名称", "P"]],
        "Tasks 2026": [["研发部任务"], BOARD_HEAD, ["T1", "开发", "研发部", "张伟", "2026-11-30", "进行中"],
                       ["T2", "联调", "研发部", "张伟", "2026-11-31", "Done"]],
        "草稿": [["随便写写"]],
    })
    result = run(str(path), "--json")
    assert result.exit_code == 1  # a value could not be read
    (entry,) = json.loads(result.stdout)["files"]
    assert (entry["status"], entry["error"], entry["unrecognised"]) == ("ok", None, ["草稿"])
    assert [(s["sheet"], s["kind"], s["as"], s["header_row"], s["records"]) for s in entry["sheets"]] == [
        ("说明", "instructions", "Instructions", None, 0), ("Tasks 2026", "board", "Progress Board", 2, 2)]
    assert [(f["cell"], f["rule"]) for f in entry["findings"]] == [("E4", "invalid-date")]

    table = run(str(path), lang="zh")
    assert table.exit_code == 1 and "进度看板" in table.stderr and "草稿" in table.stderr
    assert "Tasks 2026!E4：" in table.stderr

    two = write_xlsx(tmp_path / "two.xlsx", {"进度看板": [BOARD_HEAD], "草稿": [["x"]], "Notes": [["y"]]})
    assert "Sheets not recognised (ignored): 草稿, Notes" in run(str(two)).stderr
    assert "未识别的工作表（已忽略）：草稿、Notes" in run(str(two), lang="zh").stderr


def test_clean_file_exits_0_and_a_missing_one_2(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ok.xlsx", {"进度看板": [BOARD_HEAD, ["T1", "开发", "研发部", "张伟", "2026-11-30", "进行中"]]})
    assert run(str(path)).exit_code == 0
    result = run(str(path), str(tmp_path / "没有.xlsx"), "--json")
    assert result.exit_code == 2
    assert [f["status"] for f in json.loads(result.stdout)["files"]] == ["ok", "unreadable"]


def test_dates_without_a_year_take_the_projects_year(tmp_path: Path) -> None:
    """Like validate: 2月29日 is a date in the project's year 2028, not in 2026 (--today)."""
    path = write_xlsx(tmp_path / "board.xlsx", {"进度看板": [BOARD_HEAD, ["T1", "开发", "研发部", "张伟", "2月29日", "进行中"]]})
    assert run(str(path)).exit_code == 1
    (tmp_path / "crossdept.toml").write_text("[project]\nyear = 2028\n", encoding="utf-8")
    result = run(str(path), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["files"][0]["findings"] == []


def test_a_broken_config_is_one_line_for_that_file(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "board.xlsx", {"进度看板": [BOARD_HEAD]})
    (tmp_path / "crossdept.toml").write_text("[project\n", encoding="utf-8")
    result = run(str(path), "--json")
    assert result.exit_code == 2 and "Traceback" not in result.output
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["status"] == "unreadable" and "crossdept.toml" in entry["error"]


def test_the_templates_hidden_calendar_is_named_as_crossdepts_own(tmp_path: Path) -> None:
    """A workbook from `crossdept new` holds the hidden 工作日历 the colours use: crossdept's own sheet,
    not one the user wrote that crossdept failed to recognise."""
    import crossdept

    book = crossdept.new(tmp_path / "研发部.xlsx", project="P", department="研发部", today="2026-11-20").output
    result = run(str(book), "--json")
    (entry,) = json.loads(result.stdout)["files"]
    assert (entry["own"], entry["unrecognised"]) == (["工作日历"], [])
    assert "Sheets crossdept wrote itself (nothing to read): 工作日历" in run(str(book)).stderr
    table = run(str(book), lang="zh").stderr
    assert "工作日历" in table and "未识别" not in table


def test_the_validation_reports_sheets_are_named_as_crossdepts_own(tmp_path: Path) -> None:
    """The weekly validation report (校验结果 + 文件, or Findings + Files in English) holds no records:
    inspect names its sheets as crossdept's own, not as sheets it failed to recognise."""
    import openpyxl

    import crossdept
    from crossdept.write.validation_report import write_report

    board = write_xlsx(tmp_path / "board.xlsx", {"进度看板": [BOARD_HEAD]})
    checked = crossdept.validate(board, today="2026-11-20").files
    for lang, names in (("zh", ["校验结果", "文件"]), ("en", ["Findings", "Files"])):
        report = tmp_path / f"report-{lang}.xlsx"
        write_report(checked, report, lang)
        assert openpyxl.load_workbook(report, read_only=True).sheetnames == names
        (entry,) = json.loads(run(str(report), "--json").stdout)["files"]
        assert (entry["own"], entry["unrecognised"]) == (names, [])
