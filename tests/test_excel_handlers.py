"""The ribbon's handlers, run through dispatch() on xlwings' remote engine, which needs no Excel.

xlwings' remote engine (`xw.Book(json=...)`) is the engine xlwings Server and Office.js use: a
workbook arrives as JSON (here made from a real .xlsx read by python-calamine) and every write
becomes an action in `book.json()`. It is part of xlwings PRO and needs a licence key; the suite
uses the "noncommercial" key, which the PolyForm Noncommercial licence allows for testing only
(docs/excel.md). The shipped add-in runs the open-source desktop engines and needs no key.

Then the exact command line the add-in's VBA builds runs in a subprocess against a real workbook.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
import python_calamine
import xlwings as xw
from typer.testing import CliRunner

from crossdept import i18n
from crossdept.cli import app
from crossdept.excel import live, live_marks, ribbon
from crossdept.excel.addin_build import build_addin
from crossdept.excel.dispatch import command, dispatch
from crossdept.read import read_grids, read_workbook
from crossdept.write.marks import ALERT_HEADER, MARK_COLOURS
from crossdept.write.templates import build_workbook, save_workbook

TODAY = dt.date(2026, 11, 20)  # a Friday
LICENCE = {"XLWINGS_LICENSE_KEY": "noncommercial"}

ISSUES = [
    {"id": "I-1", "description": "收银接口超时", "owner": "王强", "owner_dept": "研发部", "raised_on": dt.date(2026, 11, 16),
     "due": dt.date(2026, 11, 18), "level": "一级", "status": "处理中", "updated_on": dt.date(2026, 11, 19)},
    {"id": "I-2", "description": "门店网络验收", "owner": "李娜", "owner_dept": "运维部", "raised_on": dt.date(2026, 11, 19),
     "due": dt.date(2026, 11, 23), "level": "二级", "status": "待处理", "updated_on": dt.date(2026, 11, 19)},
    {"id": "I-3", "description": "培训材料", "owner": "赵敏", "owner_dept": "运营部", "raised_on": dt.date(2026, 11, 2),
     "due": dt.date(2026, 11, 5), "level": "一级", "status": "已解决", "updated_on": dt.date(2026, 11, 5),
     "resolved_on": dt.date(2026, 11, 5)},
]
TASKS = [
    {"id": "T-1", "task": "接口联调", "department": "研发部", "owner": "王强", "start": dt.date(2026, 11, 2),
     "planned_finish": dt.date(2026, 11, 10), "status": "进行中", "progress": 0.6, "updated_on": dt.date(2026, 11, 19)},
    {"id": "T-2", "task": "门店设备", "department": "运维部", "owner": "李娜", "start": dt.date(2026, 11, 2),
     "planned_finish": dt.date(2026, 11, 30), "status": "阻塞", "progress": 0.2, "notes": "等待供应商",
     "updated_on": dt.date(2026, 11, 19)},
]
MEETING = {"fields": {"meeting_name": "第12周周例会", "meeting_type": "周例会", "date": dt.date(2026, 11, 20), "time": "15:00",
                      "host": "王强", "recorder": "李娜", "attendees": "研发部、运维部"},
           "rows": [{"no": 1, "topic": "收银接口", "department": "研发部", "discussion": "超时已定位",
                     "decision": "周一前修复", "action": "发布补丁", "owner": "王强", "due": dt.date(2026, 11, 23),
                     "status": "进行中"}]}


@pytest.fixture(scope="module", autouse=True)
def remote_engine() -> Any:
    """xlwings' remote engine, registered as `import xlwings` registers it when a key is set."""
    with pytest.MonkeyPatch.context() as mp:
        for key, value in LICENCE.items():
            mp.setenv(key, value)
        if "remote" not in [engine.name for engine in xw.engines]:
            from xlwings.pro import _xlremote  # checks the licence key, as xlwings' own import does

            xw.engines.add(xw.main.Engine(impl=_xlremote.engine))
        yield


def department_book(folder: Path, name: str = "研发部.xlsx", **data: Any) -> Path:
    """A real department workbook from the templates, filled with `data`."""
    folder.mkdir(parents=True, exist_ok=True)
    return save_workbook(build_workbook("department", project="智慧门店上线", department="研发部", data=data), folder / name)


def _plain(value: object) -> object:
    """A cell as JSON carries it: dates as ISO text, empty as None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        return value.isoformat() if not isinstance(value, dt.timedelta) else str(value)
    return None if value == "" else value


def payload(path: Path) -> dict[str, Any]:
    """The JSON a client would send for the workbook at `path`, read with python-calamine."""
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    sheets = []
    for meta in wb.sheets_metadata:
        rows = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        width = max((len(r) for r in rows), default=0)
        values = [[_plain(v) for v in r] + [None] * (width - len(r)) for r in rows] or [[]]
        visible = meta.visible == python_calamine.SheetVisibleEnum.Visible
        sheets.append({"name": meta.name, "values": values, "pictures": [], "tables": [],
                       "visibility": "Visible" if visible else "Hidden"})
    return {"client": "Microsoft Excel", "version": xw.__version__,
            "book": {"name": str(path), "active_sheet_index": 0, "selection": "A1"}, "sheets": sheets, "names": []}


def actions(book: Any, func: str | None = None) -> list[dict[str, Any]]:
    return [a for a in book.json()["actions"] if func is None or a["func"] == func]


def written(book: Any, sheet: int) -> dict[tuple[int, int], object]:
    """Every value the handlers wrote into sheet number `sheet`, by Excel (row, column)."""
    cells: dict[tuple[int, int], object] = {}
    for a in actions(book, "setValues"):
        if a["sheet_position"] != sheet:
            continue
        for i, row in enumerate(a["values"]):
            for j, value in enumerate(row):
                cells[(a["start_row"] + 1 + i, a["start_column"] + 1 + j)] = value
    return cells


def alerts(book: Any) -> list[str]:
    return [a["args"][0] for a in actions(book, "alert")]


# --- reading live sheets --------------------------------------------------------------------


def test_live_sheets_parse_exactly_like_the_file(tmp_path: Path) -> None:
    path = department_book(tmp_path, issues=ISSUES, board=TASKS)
    from_file = read_workbook(path, 2026)
    from_excel = read_grids(live.read_raw(xw.Book(json=payload(path))), 2026)
    assert [s.name for s in from_excel.sheets] == [s.name for s in from_file.sheets]
    for key in ("issues", "board"):
        mine, theirs = from_excel.sheet(key), from_file.sheet(key)
        assert mine.header.row == theirs.header.row
        assert [(r.row, {k: c.value for k, c in r.cells.items()}) for r in mine.records] == \
               [(r.row, {k: c.value for k, c in r.cells.items()}) for r in theirs.records]


def test_text_that_looks_like_a_formula_is_written_as_text() -> None:
    assert live.as_text("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [live.as_text(v) for v in ("+1", "-1", "@a", "ok", 3)] == ["'+1", "'-1", "'@a", "ok", 3]
    link = live.link_to("'a\"b'!A1", 'A1")&CALL("x')  # quotes in a sheet name or label stay inside the strings
    assert link == '=HYPERLINK("#\'a""b\'!A1","A1"")&CALL(""x")' and live.as_text(link) is link


# --- buttons --------------------------------------------------------------------------------


def test_validate_lists_findings_in_the_workbook(tmp_path: Path) -> None:
    path = department_book(tmp_path, issues=ISSUES)
    wb = openpyxl.load_workbook(path)
    ws = wb["问题跟踪表"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "问题编号")
    due_col = next(c for c in range(1, 20) if ws.cell(header, c).value == "解决时限")
    ws.cell(header + 1, due_col).value = "=cmd|' /C calc'!A0"
    ws.cell(header + 1, due_col).data_type = "s"  # the text a person typed, not a formula
    wb.save(path)
    book = xw.Book(json=payload(path))
    dispatch("cdValidate", book=book, today=TODAY, lang="zh")
    added = actions(book, "addSheet")
    assert [a["args"][1] for a in added] == ["校验结果"]
    results = written(book, added[0]["args"][0])
    assert results[(1, 1)] == i18n.t("validate.col.no", "zh")
    rows = {results[(r, 3)]: r for r in range(2, 1 + max(r for r, _ in results)) if (r, 3) in results}
    bad = f"{chr(ord('A') + due_col - 1)}{header + 1}"
    link = f'=HYPERLINK("#\'问题跟踪表\'!{bad}","{bad}")'
    assert link in rows, "the bad date is listed with a link that jumps to its cell"
    bad = link
    assert results[(rows[bad], 5)] == "'=cmd|' /C calc'!A0", "a cell's text never becomes a formula"
    assert "错误" in alerts(book)[-1] and "校验结果" in alerts(book)[-1]


def test_highlight_marks_rows_through_conditional_formats(tmp_path: Path) -> None:
    path = department_book(tmp_path, issues=ISSUES, board=TASKS)
    book = xw.Book(json=payload(path))
    names = [s.name for s in book.sheets]
    dispatch("cdHighlight", book=book, today=TODAY, lang="zh")
    issues = names.index("问题跟踪表")
    cells = written(book, issues)
    header = next(r for (r, c), v in cells.items() if v == ALERT_HEADER)
    alert_col = next(c for (r, c), v in cells.items() if v == ALERT_HEADER)
    words = {r: v for (r, c), v in cells.items() if c == alert_col and r > header}
    assert "逾期" in words[header + 1] and "二级" in words[header + 1]  # I-1: overdue, escalate to 二级
    assert words[header + 2]  # I-2: due on Monday, the next working day
    assert not words[header + 3]  # I-3 is resolved: an empty cell
    rules = [a for a in actions(book, "addConditionalFormat") if a["sheet_position"] == issues]
    assert all(a["args"][0]["formula"] == live_marks.MARK_FORMULA for a in rules)
    overdue = [a for a in rules if a["args"][0]["fill_color"] == "#" + MARK_COLOURS["overdue"][0][-6:].lower()]
    assert [(a["start_row"] + 1, a["start_column"] + 1 + a["column_count"] - 1) for a in overdue] == \
           [(header + 1, alert_col)], "the overdue row is coloured through its alert cell"
    board = [a for a in actions(book, "addConditionalFormat") if a["sheet_position"] == names.index("进度看板")]
    assert {a["args"][0]["fill_color"] for a in board} == {"#" + MARK_COLOURS[k][0][-6:].lower() for k in ("overdue", "blocked")}
    assert "2 个问题、2 个任务" in alerts(book)[-1]


def test_help_and_unknown_buttons_answer_in_the_users_language(tmp_path: Path) -> None:
    book = xw.Book(json=payload(department_book(tmp_path)))
    dispatch("cdHelp", book=book, today=TODAY, lang="en")
    dispatch("cdNoSuchButton", book=book, today=TODAY, lang="zh")
    help_text, unknown = alerts(book)
    assert help_text == i18n.t("excel.help.text", "en")
    assert "cdNoSuchButton" in unknown and "crossdept addin install" in unknown
    assert actions(book, "alert")[-1]["args"][3] == "critical"


def test_a_users_mistake_is_a_message_box_not_a_traceback(tmp_path: Path) -> None:
    path = department_book(tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb["会议纪要"]
    wb.save(path)
    book = xw.Book(json=payload(path))
    dispatch("cdMinutes", book=book, today=TODAY, lang="zh")
    box = actions(book, "alert")[-1]
    assert box["args"][3] == "critical" and "会议纪要" in box["args"][0] and "Traceback" not in box["args"][0]


def test_minutes_are_written_beside_the_workbook(tmp_path: Path) -> None:
    path = department_book(tmp_path / "项目 资料", minutes=[MEETING])
    book = xw.Book(json=payload(path))
    dispatch("cdMinutes", book=book, today=TODAY, lang="zh")
    made = list(path.parent.glob("*.docx"))
    assert len(made) == 1 and made[0].name.endswith("会议纪要.docx")
    text = "\n".join(p.text for p in docx.Document(str(made[0])).paragraphs)
    tables = " ".join(c.text for t in docx.Document(str(made[0])).tables for row in t.rows for c in row.cells)
    assert "第12周周例会" in text + tables and "发布补丁" in tables
    assert str(made[0]) in alerts(book)[-1]


def test_new_workbook_is_made_beside_and_never_overwrites(tmp_path: Path) -> None:
    book = xw.Book(json=payload(department_book(tmp_path)))  # its 说明 names the project 智慧门店上线
    dispatch("cdNew", book=book, today=TODAY, lang="zh")
    dispatch("cdNew", book=book, today=TODAY, lang="zh")
    made = sorted(p.name for p in tmp_path.glob("智慧门店上线-2026-11-20-*.xlsx"))
    assert made == ["智慧门店上线-2026-11-20-部门工作簿-2.xlsx", "智慧门店上线-2026-11-20-部门工作簿.xlsx"]
    names = python_calamine.CalamineWorkbook.from_path(str(tmp_path / made[1])).sheet_names
    assert {"说明", "问题跟踪表", "进度看板", "会议纪要"} <= set(names)


# --- the command line the VBA builds --------------------------------------------------------

SITECUSTOMIZE = '''
import atexit, json, os
if os.environ.get("CROSSDEPT_TEST_PAYLOAD"):
    import xlwings as xw
    with open(os.environ["CROSSDEPT_TEST_PAYLOAD"], encoding="utf-8") as fh:
        _book = xw.Book(json=json.load(fh))
    _book.set_mock_caller()  # xlwings' own stand-in for Excel's caller: there is no Excel here

    def _dump():
        with open(os.environ["CROSSDEPT_TEST_ACTIONS"], "w", encoding="utf-8") as fh:
            json.dump(_book.json(), fh, ensure_ascii=False)
    atexit.register(_dump)
'''


@pytest.fixture(scope="module")
def vba_command_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The RunCommand line of xlwings' ExecuteWindows, as it is in the built add-in."""
    from oletools.olevba import VBA_Parser

    addin = build_addin(tmp_path_factory.mktemp("dist") / "crossdept.xlam")
    parser = VBA_Parser(str(addin))
    code = {Path(n).stem: c for _, _, n, c in parser.extract_all_macros()}
    parser.close()
    line = re.search(r"^\s*RunCommand = CondaCmd & PythonInterpreter & (.*)$", code["xlwings"], re.M)
    assert line is not None
    return line.group(1)


def vba_argv(template: str, python: str, pythonpath: str, button: str, book_name: str) -> list[str]:
    """The argv cmd.exe hands Python for RunCommand and ExecuteWindows' trailing switches."""
    assert template.strip() == ('" -B -c ""import xlwings.utils;xlwings.utils.prepare_sys_path(\\""" & PYTHONPATH & '
                                '"\\""); " & PythonCommand & """ "'), "xlwings' command line changed: re-check dispatch"
    escaped = pythonpath.replace("\\", "\\\\")  # the VBA doubles backslashes before quoting
    code = f'import xlwings.utils;xlwings.utils.prepare_sys_path("{escaped}"); {command(button)}'
    return [python, "-B", "-c", code, f"--wb={book_name}", "--from_xl=1", "--app=EXCEL.EXE", "--hwnd=65552"]


def test_the_vba_command_line_runs_a_button_on_a_real_workbook(tmp_path: Path, vba_command_template: str) -> None:
    path = department_book(tmp_path / "工作簿 文件夹", issues=ISSUES, board=TASKS)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    (tmp_path / "payload.json").write_text(json.dumps(payload(path), ensure_ascii=False), encoding="utf-8")
    src = str(Path(ribbon.__file__).resolve().parents[2])
    # PYTHONPATH as RunPython sends it: add the workbook's folder, active and add-in paths, the
    # OneDrive/SharePoint settings (empty), then the configured PYTHONPATH.
    pythonpath = f"true;{path};{tmp_path / 'crossdept.xlam'};;;;{src}"
    env = {**os.environ, **LICENCE, "PYTHONPATH": str(tmp_path / "site"), "CROSSDEPT_LANG": "zh",
           "CROSSDEPT_TEST_PAYLOAD": str(tmp_path / "payload.json"),
           "CROSSDEPT_TEST_ACTIONS": str(tmp_path / "actions.json")}
    done = subprocess.run(vba_argv(vba_command_template, sys.executable, pythonpath, "cdHighlight", path.name),
                          env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", "RunPython shows anything on standard error as an error box"
    recorded = json.loads((tmp_path / "actions.json").read_text(encoding="utf-8"))["actions"]
    assert any(a["func"] == "addConditionalFormat" for a in recorded)
    assert any(a["func"] == "alert" and "需要关注" in a["args"][0] for a in recorded)
    assert zipfile.ZipFile(path).testzip() is None  # the workbook file itself is never written


def test_without_excel_the_command_line_explains_itself(tmp_path: Path, vba_command_template: str) -> None:
    env = {**os.environ, "CROSSDEPT_LANG": "zh"}
    env.pop("CROSSDEPT_TEST_PAYLOAD", None)
    argv = vba_argv(vba_command_template, sys.executable, "true;;;;;;", "cdValidate", "研发部.xlsx")
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "协作助手" in done.stderr


def test_rollup_takes_the_open_workbook_as_it_is_on_screen(tmp_path: Path) -> None:
    mine = department_book(tmp_path, "研发部.xlsx", board=TASKS)
    department_book(tmp_path, "运维部.xlsx", issues=ISSUES)
    data = payload(mine)
    board = next(s for s in data["sheets"] if s["name"] == "进度看板")
    row = next(r for r in board["values"] if "T-1" in r)
    row[row.index("进行中")] = "已完成"  # an edit in Excel, not saved yet
    book = xw.Book(json=data)
    dispatch("cdRollup", book=book, today=TODAY, lang="zh")
    made = list(tmp_path.glob("*周报汇总.xlsx"))
    assert len(made) == 1 and str(made[0]) in alerts(book)[-1]
    rolled = python_calamine.CalamineWorkbook.from_path(str(made[0]))
    assert {"总览", "全部任务", "全部问题"} <= set(rolled.sheet_names)
    tasks = rolled.get_sheet_by_name("全部任务").to_python()
    t1 = next(r for r in tasks if "T-1" in r)
    assert "已完成" in t1 and "进行中" not in t1
    assert (tmp_path / ".crossdept" / "history.sqlite").is_file()
    assert not actions(book, "setValues"), "the roll-up writes its own file, never the open workbook"


def test_a_workbook_never_saved_has_no_folder_to_roll_up(tmp_path: Path) -> None:
    data = payload(department_book(tmp_path, board=TASKS))
    data["book"]["name"] = "工作簿1"  # what Excel calls a new workbook before its first save
    book = xw.Book(json=data)
    dispatch("cdRollup", book=book, today=TODAY, lang="en")
    box = actions(book, "alert")[-1]["args"]
    assert box[3] == "critical" and "Save this workbook first" in box[0] and "工作簿1" in box[0]


def test_the_ribbon_marks_what_crossdept_highlight_marks(tmp_path: Path) -> None:
    """The same words in the same column as the file writer, and the colours in KIND_ORDER's priority."""
    path = department_book(tmp_path / "in", issues=ISSUES, board=TASKS)
    done = CliRunner().invoke(app, ["highlight", str(path), "--out", str(tmp_path / "out"), "--today", TODAY.isoformat()])
    assert done.exit_code in (0, 1), done.output
    by_file = python_calamine.CalamineWorkbook.from_path(str(tmp_path / "out" / path.name))
    book = xw.Book(json=payload(path))
    names = [s.name for s in book.sheets]
    dispatch("cdHighlight", book=book, today=TODAY, lang="zh")
    for sheet in ("问题跟踪表", "进度看板"):
        grid = by_file.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        expected = {(r + 1, c + 1): v for r, row in enumerate(grid) for c, v in enumerate(row)
                    if isinstance(v, str) and v and (v == ALERT_HEADER or any(x == ALERT_HEADER for x in
                                                                               (g[c] if c < len(g) else None for g in grid)))}
        mine = {k: v for k, v in written(book, names.index(sheet)).items() if v}
        assert expected and mine == expected, sheet
    board = [a for a in actions(book, "addConditionalFormat") if a["sheet_position"] == names.index("进度看板")]
    fills = [a["args"][0]["fill_color"] for a in board]
    overdue, blocked = ("#" + MARK_COLOURS[k][0][-6:].lower() for k in ("overdue", "blocked"))
    assert fills == [overdue, blocked, blocked], "added last-first, so blocked (higher in KIND_ORDER) ends on top"


def test_summary_email_is_a_draft_beside_the_workbooks(tmp_path: Path) -> None:
    import email
    from email import policy

    (tmp_path / "crossdept.toml").write_text('[project]\nname = "智慧门店上线"\nrecipients = ["pmo@example.com"]\n',
                                             encoding="utf-8")
    mine = department_book(tmp_path, "研发部.xlsx", board=TASKS, issues=ISSUES)
    department_book(tmp_path, "运维部.xlsx", board=TASKS)
    book = xw.Book(json=payload(mine))
    dispatch("cdSummary", book=book, today=TODAY, lang="zh")
    made = list(tmp_path.glob("*.eml"))
    assert [p.name for p in made] == ["智慧门店上线-2026-11-20-周报邮件.eml"] and str(made[0]) in alerts(book)[-1]
    message = email.message_from_bytes(made[0].read_bytes(), policy=policy.default)
    assert "pmo@example.com" in message["To"] and "智慧门店上线" in message["Subject"]
    html = message.get_body(("html",)).get_content()
    assert "研发部" in html and "收银接口超时" in html


def test_the_ribbons_email_shows_the_trend_as_crossdept_summary_does(tmp_path: Path) -> None:
    """生成邮件摘要 reads the project's one history, as `crossdept summary` does: two weeks recorded
    by the roll-up, so both emails carry the week-over-week trend picture and its weeks."""
    import email
    from email import policy

    import crossdept

    book = xw.Book(json=payload(department_book(tmp_path, board=TASKS, issues=ISSUES)))
    crossdept.rollup(tmp_path, output=tmp_path / "汇总.xlsx", today="2026-11-13")
    dispatch("cdSummary", book=book, today=TODAY, lang="zh")
    [ribbon] = tmp_path.glob("*周报邮件.eml")
    crossdept.summary(tmp_path, output=tmp_path / "cli.eml", today=TODAY)
    for path in (ribbon, tmp_path / "cli.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        html = message.get_body(("html",)).get_content()
        assert "近2周趋势" in html and "2026-W46" in html and "2026-W47" in html, path
        assert "<trend@crossdept>" in {p["Content-ID"] for p in message.walk()}


def test_a_bad_address_in_crossdept_toml_is_a_message_box(tmp_path: Path) -> None:
    """The summary's one policy (ops/summary.py): the draft goes to the good addresses, the bad one is named."""
    (tmp_path / "crossdept.toml").write_text('[project]\nname = "智慧门店上线"\nrecipients = ["pmo at example"]\n',
                                             encoding="utf-8")
    book = xw.Book(json=payload(department_book(tmp_path, board=TASKS)))
    dispatch("cdSummary", book=book, today=TODAY, lang="zh")
    box = actions(book, "alert")[-1]
    assert box["args"][3] == "critical" and "pmo at example" in box["args"][0] and "crossdept.toml" in box["args"][0]
    import email
    from email import policy

    [made] = tmp_path.glob("*.eml")
    assert "pmo at example" not in str(email.message_from_bytes(made.read_bytes(), policy=policy.default)["To"] or "")


def test_a_file_that_cannot_be_written_is_a_message_box(tmp_path: Path) -> None:
    """A project name longer than a file name may be: the system refuses the file; the user is told which."""
    (tmp_path / "crossdept.toml").write_text(f'[project]\nname = "{"智慧门店" * 30}"\n', encoding="utf-8")
    book = xw.Book(json=payload(department_book(tmp_path)))
    dispatch("cdNew", book=book, today=TODAY, lang="en")
    box = actions(book, "alert")[-1]
    assert box["args"][3] == "critical" and box["args"][0].startswith("Cannot read or write "), box
    assert "智慧门店智慧门店" in box["args"][0] and "unexpected" not in box["args"][0]


def test_file_names_follow_the_archive_rule_in_every_language(tmp_path: Path) -> None:
    """项目名称-日期-类型 with the Chinese 类型 whoever clicks: one name per kind in a shared folder."""
    book = xw.Book(json=payload(department_book(tmp_path, board=TASKS, minutes=[MEETING])))
    for button in ("cdNew", "cdRollup", "cdSummary", "cdMinutes"):
        dispatch(button, book=book, today=TODAY, lang="en")
    names = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("智慧门店上线-"))
    assert names == ["智慧门店上线-2026-11-20-会议纪要.docx", "智慧门店上线-2026-11-20-周报汇总.xlsx",
                     "智慧门店上线-2026-11-20-周报邮件.eml", "智慧门店上线-2026-11-20-部门工作簿.xlsx"]


def test_the_ribbon_rollup_and_weekly_keep_one_history(tmp_path: Path) -> None:
    """部门汇总, `crossdept rollup` and `crossdept weekly` of one folder write one store (FOLDER/.crossdept)."""
    import sqlite3

    import crossdept

    book = xw.Book(json=payload(department_book(tmp_path, board=TASKS)))
    dispatch("cdRollup", book=book, today=dt.date(2026, 11, 6), lang="zh")
    crossdept.rollup(tmp_path, output=tmp_path / "汇总.xlsx", today="2026-11-13")
    crossdept.weekly(tmp_path, out=tmp_path / "归档", today=TODAY)
    assert [p.relative_to(tmp_path) for p in tmp_path.rglob("*.sqlite")] == [Path(".crossdept/history.sqlite")]
    with sqlite3.connect(tmp_path / ".crossdept" / "history.sqlite") as db:
        assert db.execute("SELECT DISTINCT week FROM snapshot ORDER BY week").fetchall() == [
            ("2026-W45",), ("2026-W46",), ("2026-W47",)]


def test_export_calendar_writes_the_folders_plan_beside_the_workbook(tmp_path: Path) -> None:
    import icalendar

    plan = [{"item": "周进度同步", "participants": "各部门", "channel": "线上例会", "frequency": "每周五15:00", "owner": "王强"},
            {"item": "需求评审", "participants": "研发部", "channel": "会议", "frequency": "项目启动后第2天", "owner": "王强"}]
    mine = department_book(tmp_path, "研发部.xlsx", board=TASKS, comm_plan=plan)
    book = xw.Book(json=payload(mine))
    dispatch("cdCalendar", book=book, today=TODAY, lang="zh")
    made = list(tmp_path.glob("*.ics"))
    assert [p.name for p in made] == ["智慧门店上线-2026-11-20-沟通日程.ics"] and str(made[0]) in alerts(book)[-1]
    events = icalendar.Calendar.from_ical(made[0].read_bytes()).walk("VEVENT")
    # 每周五15:00 from today (no charter: recurrences start today); 项目启动后第2天 needs a 开始日期.
    assert [(str(e["SUMMARY"]), e["DTSTART"].dt.isoformat(), e["RRULE"].to_ical()) for e in events] == [
        ("周进度同步", "2026-11-20T15:00:00+08:00", b"FREQ=WEEKLY;BYDAY=FR")]
    assert not actions(book, "setValues"), "the calendar is its own file, never the open workbook"


def test_highlight_marks_overdue_meeting_actions_on_the_minutes(tmp_path: Path) -> None:
    late = {**MEETING, "rows": [{**MEETING["rows"][0], "due": dt.date(2026, 11, 16)}]}
    book = xw.Book(json=payload(department_book(tmp_path, issues=ISSUES, board=TASKS, minutes=[late])))
    minutes = [s.name for s in book.sheets].index("会议纪要")
    dispatch("cdHighlight", book=book, today=TODAY, lang="zh")
    cells = {k: v for k, v in written(book, minutes).items() if v}
    assert cells == {(6, 10): ALERT_HEADER, (7, 10): "待办逾期4天（完成时限2026-11-16，第12周周例会）"}
    rules = [a for a in actions(book, "addConditionalFormat") if a["sheet_position"] == minutes]
    assert [(a["start_row"] + 1, a["args"][0]["fill_color"]) for a in rules] == [(7, "#" + MARK_COLOURS["overdue"][0][-6:].lower())]
    assert alerts(book)[-1].endswith("另有会议待办 1 项已逾期或即将到期，已在「会议纪要」中标出。")
