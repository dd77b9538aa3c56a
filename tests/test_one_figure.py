"""One figure, one definition: days overdue are calendar days in every output of a weekly run.

A real folder (openpyxl/XlsxWriter workbooks, crossdept.toml) goes through `crossdept weekly`;
each output is then read back by an independent reader (openpyxl, python-calamine, python-docx,
the email package) and must list the same overdue issues with the same days overdue. The
meeting sits in the project workbook, which holds no issue: the minutes' appendix must still
list the department's overdue issues (it used to read only the meeting's own workbook).
"""

from __future__ import annotations

import email
import email.policy
import json
import re
from pathlib import Path

import docx
import openpyxl
import python_calamine as pc
from typer.testing import CliRunner

from crossdept.cli import app
from rollup_folder import TOML, _rd
from test_minutes import MINUTES_HEAD, write_sheets

DAY = "2026-11-20"
# RD-1 一级 due Wed 11-18: 2 days. RD-3 三级 raised Tue 11-10, no deadline: 3 working days make it
# Fri 11-13, so 7 calendar days by Friday 11-20 (5 working days: the figure the marked copy used to say).
EXPECTED = {"RD-1": 2, "RD-3": 7}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "项目"
    folder.mkdir()
    (folder / "crossdept.toml").write_text(TOML, encoding="utf-8")
    _rd(folder / "研发部.xlsx")
    write_sheets(folder / "项目总表.xlsx", {
        "说明": [["项目名称", "测试项目"]],
        "会议纪要": [["会议名称", "第5次周例会", "会议类型", "周例会"],
                 ["日期", DAY, "时间", "15:00-16:00"],
                 MINUTES_HEAD,
                 [1, "联调", "研发部", "进行中", "继续", "完成联调", "张伟", "2026-11-25", "进行中"]],
    })
    return folder


def test_every_output_of_a_weekly_run_says_the_same_days_overdue(tmp_path: Path) -> None:
    folder, out = _folder(tmp_path), tmp_path / "out"
    result = CliRunner().invoke(app, ["weekly", str(folder), "--out", str(out), "--today", DAY, "--lang", "zh"])
    assert result.exit_code == 1, result.output
    prefix = f"测试项目-{DAY}-"

    # The marked copy's alert words (openpyxl).
    sheet = openpyxl.load_workbook(out / f"{prefix}标记副本" / "研发部.xlsx")["问题跟踪表"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    alert = rows[1].index("crossdept提醒")
    marked = {r[0]: int(m.group(1)) for r in rows[2:] if r[alert] and (m := re.match(r"逾期(\d+)天", r[alert]))}
    assert marked == EXPECTED
    assert next(r[alert] for r in rows if r[0] == "RD-3").startswith("逾期7天，建议提交项目发起人刘总决策")

    # The roll-up's 逾期与升级 (python-calamine).
    grid = pc.CalamineWorkbook.from_path(str(out / f"{prefix}周报汇总.xlsx")).get_sheet_by_name("逾期与升级").to_python()
    head = grid[0]
    rolled = {r[head.index("编号")]: int(r[head.index("逾期天数")]) for r in grid[1:] if r[0] == "问题"}
    assert rolled == EXPECTED

    # The minutes' appendix (python-docx): the folder's overdue issues, not only the project workbook's.
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(str(out / f"{prefix}会议纪要.docx")).tables]
    appendix = next(t for t in tables if t[0][0] == "问题编号" and "逾期天数" in t[0])
    assert {r[0]: int(r[appendix[0].index("逾期天数")]) for r in appendix[1:]} == EXPECTED

    # The email's plain text (the email package).
    msg = email.message_from_bytes((out / f"{prefix}周报邮件.eml").read_bytes(), policy=email.policy.default)
    text = msg.get_body(preferencelist=("plain",)).get_content()
    assert {m.group(1): int(m.group(2)) for m in re.finditer(r"^- (RD-\d) .*逾期 (\d+) 天", text, re.M)} == EXPECTED

    # highlight's JSON on the same workbook.
    shown = CliRunner().invoke(app, ["highlight", str(folder / "研发部.xlsx"), "--json", "--dry-run", "--today", DAY])
    issues = json.loads(shown.stdout)["files"][0]["issues"]
    assert {i["id"]: i["days_overdue"] for i in issues if i["state"] == "overdue"} == EXPECTED
