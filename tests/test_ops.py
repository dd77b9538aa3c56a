"""The use-case layer (crossdept.ops): the Python API is the CLI, policies are written once.

Real parts: the sample project's workbooks, the CLI run through typer's runner, the SQLite history
read back with sqlite3, the .eml read back with the email package.
"""

from __future__ import annotations

import ast
import email
import email.policy
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import crossdept
from crossdept.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "智慧门店上线"
DAY = "2026-11-20"


def cli_json(*args: str) -> dict:
    result = CliRunner().invoke(app, [*args, "--json", "--today", DAY, "--lang", "en"])
    assert result.exit_code in (0, 1, 2) and result.stdout.strip(), result.output
    return json.loads(result.stdout)


def weeks(store: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(store) as db:
        return db.execute("SELECT week, department, tasks_total FROM snapshot ORDER BY week, department").fetchall()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "智慧门店上线"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns(".crossdept"))  # a history left by README's command
    return folder


def test_every_command_with_json_gives_the_cli_json_from_python(tmp_path: Path) -> None:
    books = sorted(str(p) for p in SAMPLES.glob("*.xlsx"))
    history = tmp_path / "h.sqlite"
    assert crossdept.validate(books, today=DAY, lang="en").to_json() == cli_json("validate", *books)
    assert crossdept.inspect(books, today=DAY, lang="en").to_json() == cli_json("inspect", *books)
    assert crossdept.highlight(books, dry_run=True, today=DAY, lang="en").to_json() == cli_json(
        "highlight", *books, "--dry-run")
    api = crossdept.rollup(str(SAMPLES), output=tmp_path / "a.xlsx", history=history, today=DAY, lang="en")
    cli = cli_json("rollup", str(SAMPLES), "-o", str(tmp_path / "b.xlsx"), "--history", str(history))
    assert api.to_json() == cli and api.exit_code == 1
    assert cli["totals"]["tasks"]["total"] == 63 and len(cli["departments"]) == 6  # 客服部.xlsx counts to 销售部


def test_the_commands_that_write_files_give_the_same_json_from_python(tmp_path: Path) -> None:
    """summary, weekly, minutes, calendar and new print with --json what their result's to_json() holds
    (each run writes to the same place both times, so the paths in the JSON agree too)."""
    eml, out, history = tmp_path / "s.eml", tmp_path / "out", tmp_path / "h.sqlite"
    api = crossdept.summary(SAMPLES, output=eml, today=DAY, lang="en").to_json()
    assert api == cli_json("summary", str(SAMPLES), "-o", str(eml))
    assert (api["overdue_issues"], api["blocked_tasks"], api["written"]) == (10, 6, [str(eml)])
    api = crossdept.weekly(SAMPLES, out=out, history=history, today=DAY, lang="en").to_json()
    assert api == cli_json("weekly", str(SAMPLES), "--out", str(out), "--history", str(history))
    assert api["overdue_items"] == 22 and {"周报汇总", "周报邮件", "沟通日程"} <= {o["kind"] for o in api["outputs"]}  # 10+9+3
    rolled = crossdept.rollup(SAMPLES, output=tmp_path / "r.xlsx", history=tmp_path / "h2.sqlite", today=DAY).to_json()
    assert api["overdue_items"] == sum(rolled["totals"][k] for k in ("issues_overdue", "tasks_overdue", "actions_overdue"))
    book, docx = SAMPLES / "智慧门店上线-项目总表.xlsx", tmp_path / "m.docx"
    api = crossdept.minutes(book, output=docx, today=DAY, lang="en").to_json()
    assert api == cli_json("minutes", str(book), "-o", str(docx))
    assert api["meeting"]["date"] == DAY and api["written"] == [str(docx)]
    ics = tmp_path / "c.ics"
    api = crossdept.calendar(SAMPLES, output=ics, today=DAY, lang="en").to_json()
    assert api == cli_json("calendar", str(SAMPLES), "-o", str(ics))
    assert (len(api["events"]), len(api["not_scheduled"])) == (7, 2)
    made = crossdept.new(tmp_path / "a.xlsx", project="P", department="研发部", today=DAY, lang="en").to_json()
    cli = cli_json("new", "-o", str(tmp_path / "b.xlsx"), "--project", "P", "--department", "研发部")
    assert made == {**cli, "output": str(tmp_path / "a.xlsx")} and cli["kind"] == "department"


@pytest.mark.parametrize("today", [DAY, "2027-01-08"])  # 2027: past the holiday calendar, the year from crossdept.toml
def test_rollup_and_summary_agree_on_every_figure(tmp_path: Path, today: str) -> None:
    rolled = crossdept.rollup(SAMPLES, output=tmp_path / "r.xlsx", history=tmp_path / "h.sqlite", today=today)
    summed = crossdept.summary(SAMPLES, output=tmp_path / "s.eml", today=today)
    assert summed.rollup.to_json("zh") == rolled.to_json()
    totals = rolled.to_json()["totals"]
    mail = summed.to_json()
    assert (mail["overdue_issues"], mail["blocked_tasks"]) == (totals["issues_overdue"], totals["tasks"]["阻塞"])
    if today == "2027-01-08":  # 11月25日 written without a year is 2026-11-25, for both
        assert (totals["issues_overdue"], totals["tasks_overdue"]) == (22, 44)  # with 客服部.xlsx's KF-T01 (due 12-04)


def test_one_history_store_and_an_empty_week_never_recorded_nor_removed(project: Path, tmp_path: Path) -> None:
    crossdept.rollup(project, output=tmp_path / "r.xlsx", today="2026-11-13")
    crossdept.weekly(project, out=tmp_path / "out", today=DAY)
    store = project / ".crossdept" / "history.sqlite"  # the default, for both
    recorded = weeks(store)
    assert sorted({w for w, _, _ in recorded}) == ["2026-W46", "2026-W47"]
    assert not list((tmp_path / "out").rglob("*.sqlite"))
    # An empty folder (a sync that failed) with the same store: nothing recorded, nothing removed.
    empty = tmp_path / "空"
    empty.mkdir()
    done = crossdept.weekly(empty, out=tmp_path / "out2", history=store, today=DAY)
    assert done.exit_code == 2 and weeks(store) == recorded
    assert crossdept.rollup(empty, output=tmp_path / "e.xlsx", history=store, today=DAY).exit_code == 2
    assert weeks(store) == recorded


def test_history_path_in_crossdept_toml_is_the_store_of_every_run(project: Path, tmp_path: Path) -> None:
    toml = project / "crossdept.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[history]\npath = "归档/趋势.sqlite"\n', encoding="utf-8")
    crossdept.rollup(project, output=tmp_path / "r.xlsx", today="2026-11-13")
    crossdept.weekly(project, out=tmp_path / "out", today=DAY)
    assert sorted({w for w, _, _ in weeks(project / "归档" / "趋势.sqlite")}) == ["2026-W46", "2026-W47"]
    assert not (project / ".crossdept").exists()


def test_weekly_from_python_marks_without_any_callback(project: Path, tmp_path: Path) -> None:
    result = crossdept.weekly(str(project), out=str(tmp_path / "out"), today=DAY, lang="en")
    assert result.exit_code == 1 and result.marked and {s for _, s, _ in result.marked} == {"ok"}
    copies = tmp_path / "out" / f"智慧门店上线-{DAY}-标记副本"
    assert sorted(p.name for p in copies.iterdir()) == sorted(p.name for p in project.glob("*.xlsx"))
    data = result.to_json()
    assert [o["kind"] for o in data["outputs"]] == ["校验报告", "校验报告", "标记副本", "周报汇总", "复盘报告",
                                                  "会议纪要", "群消息", "周报邮件", "周报邮件", "沟通日程", "运行日志"]


def test_bad_address_one_policy_from_python(project: Path, tmp_path: Path) -> None:
    toml = project / "crossdept.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('recipients = ["liu.zhenhua@example.com"',
                                                             'recipients = ["pmo@@example"', 1), encoding="utf-8")
    result = crossdept.summary(project, output=tmp_path / "s.eml", today=DAY, lang="en")
    assert result.exit_code == 2 and "pmo@@example" in result.to_json()["problems"][0]
    msg = email.message_from_bytes((tmp_path / "s.eml").read_bytes(), policy=email.policy.default)
    assert "pmo@@example" not in str(msg["To"]) and "@" in str(msg["To"])


def test_api_refuses_what_the_cli_refuses_with_one_error_type(tmp_path: Path) -> None:
    with pytest.raises(crossdept.CrossdeptError) as bad_day:
        crossdept.validate(SAMPLES / "研发部.xlsx", today="20-11-2026")
    assert "YYYY-MM-DD" in bad_day.value.message("en")
    with pytest.raises(crossdept.CrossdeptError) as not_xlsx:
        crossdept.rollup(SAMPLES, output=tmp_path / "r.csv", today=DAY)
    assert not_xlsx.value.exit_code == 2 and "r.csv" in not_xlsx.value.message("en")
    with pytest.raises(crossdept.CrossdeptError):
        crossdept.new(tmp_path / "x.xlsx", kind="everything")


def test_user_situations_all_derive_from_crossdept_error() -> None:
    from crossdept.config import ConfigError
    from crossdept.core.minutes import MinutesError
    from crossdept.excel.errors import ExcelError
    from crossdept.ops.highlight import Refused
    from crossdept.read.errors import WorkbookError
    from crossdept.store.history import HistoryError
    from crossdept.write.minutes_docx import TemplateProblem
    from crossdept.write.smtp_send import SendError

    for kind in (ConfigError, MinutesError, ExcelError, Refused, WorkbookError, HistoryError, TemplateProblem, SendError):
        assert issubclass(kind, crossdept.CrossdeptError), kind


def test_no_module_outside_the_cli_imports_it() -> None:
    """The CLI is a front end: the ribbon, weekly and the operations never import it."""
    package = ROOT / "src" / "crossdept"
    offenders = []
    for path in package.rglob("*.py"):
        if path.parent.name == "cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.relative_to(package)}: {n}" for n in names if n.startswith("crossdept.cli")]
    assert offenders == []


def test_core_does_no_file_io() -> None:
    """core/ is pure: no sqlite3, no open(), no Path writes (history lives in store/)."""
    core = ROOT / "src" / "crossdept" / "core"
    text = {p.name: p.read_text(encoding="utf-8") for p in core.rglob("*.py")}
    opens = re.compile(r"(?<!\w)open\(")  # open( and Path.open(, not a name ending in open (is_open)
    assert not [name for name, body in text.items() if "sqlite3" in body or opens.search(body) or "write_bytes" in body]


def test_one_findings_table_in_the_annotated_copy_and_the_report(project: Path, tmp_path: Path) -> None:
    """校验结果 has the same columns in the same order whoever writes it (model/outputs.py)."""
    import python_calamine as pc

    crossdept.validate(project / "研发部.xlsx", annotate=tmp_path / "copies", today=DAY, lang="zh")
    crossdept.weekly(project, out=tmp_path / "out", today=DAY, lang="zh")
    copy = pc.CalamineWorkbook.from_path(str(tmp_path / "copies" / "研发部-校验结果.xlsx")).get_sheet_by_name("校验结果")
    report = pc.CalamineWorkbook.from_path(str(next((tmp_path / "out").glob("*校验报告.xlsx")))).get_sheet_by_name("校验结果")
    copy_rows, report_rows = copy.to_python(), report.to_python()
    assert copy_rows[0] == ["序号", "工作表", "单元格", "列", "值", "规则", "级别", "说明"]
    assert report_rows[0] == ["文件", *copy_rows[0][1:]]
    mine = [row[1:] for row in report_rows[1:] if row[0] == "研发部.xlsx"]
    assert mine == [row[1:] for row in copy_rows[1:]] and len(mine) == 3  # far-date, invalid-choice, unknown-person
