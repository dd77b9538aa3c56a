"""What a reader sees around the figures: timestamps in Asia/Shanghai, English plurals, the
annotated copy's 校验结果 printed one page wide, the escalation advice not cut off.

Real runs (CliRunner) on real .xlsx files; outputs read back by the email package, openpyxl and
the run log's text.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from crossdept import i18n
from crossdept.cli import app
from crossdept.model.text import display_width
from crossdept.write.rollup_rows import escalation_labels
from rollup_folder import build_project
from test_validate_cli import BOARD_HEAD, D, good_row

TODAY = "2026-11-20"


def test_the_run_log_and_the_email_date_are_in_shanghai_time(tmp_path: Path) -> None:
    folder, out = build_project(tmp_path / "p"), tmp_path / "out"
    CliRunner().invoke(app, ["weekly", str(folder), "--out", str(out), "--today", TODAY, "--lang", "en"])
    log = (out / f"测试项目-{TODAY}-运行日志.txt").read_text(encoding="utf-8")
    stamp = re.search(r"run at (\S+)", log).group(1)
    assert stamp.endswith("+08:00") and abs(dt.datetime.fromisoformat(stamp) - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=5)
    msg = email.message_from_bytes((out / f"测试项目-{TODAY}-周报邮件.eml").read_bytes(), policy=email.policy.default)
    assert msg["Date"].endswith("+0800") and msg["Date"].datetime.utcoffset() == dt.timedelta(hours=8)
    # The weekly validation report's findings print one page wide, their messages wrapped.
    report = openpyxl.load_workbook(out / f"测试项目-{TODAY}-校验报告.xlsx")["Findings"]
    assert report.page_setup.fitToWidth in (None, 1) and report.sheet_properties.pageSetUpPr.fitToPage
    assert report.cell(2, 8).value and report.cell(2, 8).alignment.wrap_text and not report.cell(2, 7).alignment.wrap_text


def test_english_counts_take_the_plural_only_when_they_are_not_one(tmp_path: Path) -> None:
    bad = tmp_path / "研发.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "进度看板"
    for row in (BOARD_HEAD, good_row(), ["T2", "联调", "研发", "张伟", D(2026, 11, 30), None, "完成了", 0.5]):
        wb.active.append(row)
    wb.save(bad)
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["validate", str(bad), "--lang", "en", "--today", TODAY])
    assert f"{bad}: 1 error, 0 warnings." in result.stderr
    assert "1 errors" not in result.stderr
    assert i18n.t("validate.file-count", "en", path="x", errors=2, warnings=1) == "x: 2 errors, 1 warning."
    assert i18n.t("validate.file-count", "zh", path="x", errors=1, warnings=1) == "x：1 个错误，1 个警告。"


def test_the_annotated_results_sheet_prints_one_page_wide(tmp_path: Path) -> None:
    path = tmp_path / "研发.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "进度看板"
    for row in (BOARD_HEAD, ["T2", "联调", "研发", "张伟", D(2026, 11, 30), None, "完成了", 0.5]):
        wb.active.append(row)
    wb.save(path)
    CliRunner().invoke(app, ["validate", str(path), "--annotate", str(tmp_path / "out"), "--today", TODAY])
    ws = openpyxl.load_workbook(tmp_path / "out" / "研发-校验结果.xlsx")["校验结果"]
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == ("landscape", 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1"
    assert ws.cell(2, 8).alignment.wrap_text  # the message wraps inside its column


def test_the_escalation_column_is_as_wide_as_its_advice(tmp_path: Path) -> None:
    folder = build_project(tmp_path / "p")
    for lang in ("zh", "en"):
        out = tmp_path / f"{lang}.xlsx"
        CliRunner().invoke(app, ["rollup", str(folder), "-o", str(out), "--history", str(tmp_path / "h"), "--today", TODAY, "--lang", lang])
        ws = openpyxl.load_workbook(out)["逾期与升级"]
        column = next(c.column_letter for c in ws[1] if c.value.endswith("建议升级至"))
        longest = max(display_width(t) for t in escalation_labels(lang).values())
        assert ws.column_dimensions[column].width >= longest
        advice = [ws[f"{column}{r}"].value for r in range(2, ws.max_row + 1)]
        assert advice and all(display_width(a) <= ws.column_dimensions[column].width for a in advice)


def test_an_english_rollup_reads_back_to_the_same_figures(tmp_path: Path) -> None:
    """--lang en: the model's columns read "Task\\n任务名称"; summarising that workbook gives the
    figures the folder gives (the reader knows both names)."""
    import crossdept
    import python_calamine as pc

    folder, out = build_project(tmp_path / "p"), tmp_path / "en.xlsx"
    crossdept.rollup(folder, output=out, today=TODAY, lang="en")
    tasks = pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("全部任务").to_python()
    assert tasks[0][:3] == ["ID\n任务编号", "Task\n任务名称", "Milestone\n里程碑"] and "汇总部门" in tasks[0]
    again = crossdept.summary(out, output=tmp_path / "b.eml", today=TODAY, lang="en").rollup
    first = crossdept.summary(folder, output=tmp_path / "a.eml", today=TODAY, lang="en").rollup
    by_name = lambda rollup: {f.department: f.to_json() for f in rollup.departments}  # noqa: E731
    assert by_name(again) == by_name(first) and len(by_name(first)) == 3
    assert again.totals.total == first.totals.total == 8
