"""`crossdept weekly` end to end on samples/ plus hostile files: every output, exit codes, inputs
untouched, reruns replace, and an interrupted run leaves nothing half-written."""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import docx
import openpyxl
import pytest
import python_calamine as pc
from typer.testing import CliRunner

import crossdept.ops.weekly
from crossdept.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "智慧门店上线"
DAY = "2026-11-20"
PREFIX = f"智慧门店上线-{DAY}-"
OUTPUTS = {f"{PREFIX}{kind}" for kind in (
    "校验报告.json", "校验报告.xlsx", "标记副本", "周报汇总.xlsx", "会议纪要.docx", "周报邮件.eml", "周报邮件.html", "运行日志.txt",
    "沟通日程.ics", "群消息.txt")}
# 系统开发完成 was reached on Monday 11-16: the first run drafts its review (ops/weekly.py reviews()).
REVIEW_DRAFT = f"{PREFIX}复盘报告-系统开发完成.docx"


def digests(folder: Path) -> dict[str, str]:
    """Every file's digest, but the project's history store (.crossdept/, which every run writes)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not str(p.relative_to(folder)).startswith(".crossdept/")}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """samples/ plus what a real shared folder holds: a lock file, a corrupt workbook, a note."""
    folder = tmp_path / "项目 文件夹"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns(".crossdept"))  # a history left by README's command
    (folder / "~$研发部.xlsx").write_bytes(b"\x00locked by someone")
    (folder / "坏的工作簿.xlsx").write_bytes(b"PK\x03\x04 this is not really a zip")
    (folder / "会议记录.txt").write_text("周五开会", encoding="utf-8")
    return folder


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner(env={"COLUMNS": "200"}).invoke(app, ["weekly", *args, "--today", DAY, "--lang", "zh"])


def test_chain_writes_every_output_and_leaves_inputs_alone(project: Path, tmp_path: Path) -> None:
    before = digests(project)
    out = tmp_path / "归档"
    result = run(str(project), "--out", str(out))
    assert result.exit_code == 2, result.output  # the corrupt workbook could not be read
    assert digests(project) == before
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == OUTPUTS | {REVIEW_DRAFT}

    text = (out / f"{PREFIX}校验报告.json").read_bytes().decode("utf-8")
    report = json.loads(text)
    assert text == json.dumps(report, ensure_ascii=False, indent=2) + "\n"  # written as encoded: json.dumps's text
    statuses = {Path(f["path"]).name: f["status"] for f in report["files"]}
    assert statuses["坏的工作簿.xlsx"] == "unreadable" and statuses["~$研发部.xlsx"] == "skipped"
    assert statuses["会议记录.txt"] == "skipped" and statuses["财务部.xlsx"] == "ok"
    assert "crossdept.toml" not in statuses
    rules = sorted(f["rule"] for r in report["files"] for f in r["findings"])
    assert rules == sorted(["invalid-choice", "unknown-person", "invalid-date", "done-not-100", "level-missing",
                            "duplicate-id", "raci-many-a", "minutes-no-owner", "far-date", "duplicate-row",
                            "multi-department", "department-mismatch", "duplicate-department",
                            "duplicate-department", "not-updated"])
    # The same findings as a filterable workbook, read back by an independent reader.
    book = pc.CalamineWorkbook.from_path(str(out / f"{PREFIX}校验报告.xlsx"))
    assert book.sheet_names == ["校验结果", "文件"]
    assert len(book.get_sheet_by_name("校验结果").to_python()) == 1 + len(rules)
    sheet = openpyxl.load_workbook(out / f"{PREFIX}校验报告.xlsx")["校验结果"]
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    assert set(sheet.tables) == {"Findings"} and sheet.freeze_panes == "A2"

    rollup = pc.CalamineWorkbook.from_path(str(out / f"{PREFIX}周报汇总.xlsx"))
    assert {"总览", "全部任务", "全部问题", "逾期与升级", "数据来源", "趋势"} <= set(rollup.sheet_names)

    marked = out / f"{PREFIX}标记副本"
    assert sorted(p.name for p in marked.iterdir()) == sorted(
        p.name for p in project.iterdir() if p.suffix == ".xlsx" and not p.name.startswith(("~", "坏")))
    alerts = [c.value for row in openpyxl.load_workbook(marked / "研发部.xlsx")["问题跟踪表"].iter_rows()
              for c in row if isinstance(c.value, str) and "逾期" in c.value]
    assert alerts, "the marked copy carries the alert column"

    minutes = docx.Document(str(out / f"{PREFIX}会议纪要.docx"))
    text = "\n".join(p.text for p in minutes.paragraphs)
    assert "2026-11-20" in text and "周例会" in text

    msg = email.message_from_bytes((out / f"{PREFIX}周报邮件.eml").read_bytes(), policy=email.policy.default)
    assert msg["X-Unsent"] == "1" and msg["Subject"].startswith("【智慧门店上线】周报 2026-11-20")
    attached = sorted(part.get_filename() for part in msg.iter_attachments() if part.get_filename())
    assert attached == sorted([f"{PREFIX}周报汇总.xlsx", f"{PREFIX}会议纪要.docx"])
    assert "智慧门店上线" in (out / f"{PREFIX}周报邮件.html").read_text(encoding="utf-8")

    log = (out / f"{PREFIX}运行日志.txt").read_text(encoding="utf-8")
    assert "坏的工作簿.xlsx" in log and f"{PREFIX}周报汇总.xlsx" in log
    assert "坏的工作簿.xlsx" in result.output  # the closing table names what could not be read


def test_rerun_of_the_same_day_replaces_outputs_and_history(project: Path, tmp_path: Path) -> None:
    (project / "坏的工作簿.xlsx").unlink()
    out = tmp_path / "out"
    assert run(str(project), "--out", str(out)).exit_code == 1  # validation errors and overdue work
    first = {p.name for p in out.iterdir()}
    assert run(str(project), "--out", str(out)).exit_code == 1
    assert {p.name for p in out.iterdir()} == first
    assert not (out / ".crossdept").exists()  # one history per project, whoever runs: FOLDER/.crossdept
    with sqlite3.connect(project / ".crossdept" / "history.sqlite") as db:
        weeks = db.execute("SELECT DISTINCT week FROM snapshot").fetchall()
    assert weeks == [("2026-W47",)]


def test_in_place_marks_the_inputs_with_backups(project: Path, tmp_path: Path) -> None:
    (project / "坏的工作簿.xlsx").unlink()
    (project / "~$研发部.xlsx").unlink()  # open in Excel, 研发部 would be refused (test_hostile_marking.py)
    before = digests(project)
    assert run(str(project), "--out", str(tmp_path / "out"), "--in-place").exit_code == 1
    after = digests(project)
    assert after["研发部.xlsx"] != before["研发部.xlsx"]
    assert any(k.startswith(".crossdept-backup/研发部-") for k in after)
    assert not (tmp_path / "out" / f"{PREFIX}标记副本").exists()


@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError])
def test_interrupted_run_leaves_no_partial_output(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  failure: type[BaseException]) -> None:
    (project / "坏的工作簿.xlsx").unlink()
    out = tmp_path / "out"
    assert run(str(project), "--out", str(out)).exit_code == 1
    previous = digests(out)

    def crash(*args: object, **kwargs: object) -> None:  # the email, the last stage, dies mid-write
        path = Path(str(args[1]))
        path.write_text("<html>half", encoding="utf-8")
        raise failure("disk full")

    monkeypatch.setattr(crossdept.ops.weekly, "write_html", crash)
    before = digests(project)
    result = run(str(project), "--out", str(out))
    assert result.exit_code in (2, 130)
    assert digests(project) == before
    # The previous run's outputs are exactly as they were; nothing new and no staging folder.
    assert {k: v for k, v in digests(out).items() if not k.startswith(".crossdept/")} == {
        k: v for k, v in previous.items() if not k.startswith(".crossdept/")}
    assert not [p for p in out.iterdir() if p.name.startswith(".crossdept-staging")]


def test_not_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run(str(tmp_path / "没有"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "不是文件夹" in result.output


def test_a_folder_without_workbooks_is_reported(tmp_path: Path) -> None:
    """An empty folder is most likely the wrong one: outputs are still written, exit 2 says so."""
    folder = tmp_path / "空的"
    folder.mkdir()
    (folder / "说明.txt").write_text("x", encoding="utf-8")
    result = run(str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "没有可读取的工作簿" in result.output
    log = next((tmp_path / "out").glob("*运行日志.txt")).read_text(encoding="utf-8")
    assert "没有可读取的工作簿" in log


def test_a_rerun_later_in_the_same_week_replaces_that_weeks_outputs(project: Path, tmp_path: Path) -> None:
    (project / "坏的工作簿.xlsx").unlink()
    out = tmp_path / "out"
    last_week = CliRunner().invoke(app, ["weekly", str(project), "--out", str(out), "--today", "2026-11-13"])
    assert last_week.exit_code == 1
    assert run(str(project), "--out", str(out)).exit_code == 1  # Friday 11-20
    saturday = CliRunner().invoke(app, ["weekly", str(project), "--out", str(out), "--today", "2026-11-21"])
    assert saturday.exit_code == 1
    names = {p.name for p in out.iterdir() if not p.name.startswith(".")}
    # Friday's run of week 47 is replaced, but for the review it drafted: Saturday's run (the last run
    # being Friday's) drafts none, and a draft is never retired.
    assert {n for n in names if "2026-11-20" in n} == {REVIEW_DRAFT}
    assert len([n for n in names if "2026-11-21" in n]) == len(OUTPUTS)
    assert len([n for n in names if "2026-11-13" in n]) == len(OUTPUTS)  # last week's stays
    log = next(out.glob("*2026-11-21-运行日志.txt")).read_text(encoding="utf-8")
    assert "2026-11-20-周报汇总.xlsx" in log


def test_annotated_copies_beside_the_inputs_are_not_counted_again(project: Path, tmp_path: Path) -> None:
    """`validate --annotate .` leaves NAME-校验结果.xlsx in the project folder; rollups skip them."""
    (project / "坏的工作簿.xlsx").unlink()
    annotated = CliRunner().invoke(app, ["validate", str(project / "研发部.xlsx"), "--annotate", str(project)])
    assert annotated.exit_code == 1 and (project / "研发部-校验结果.xlsx").is_file()
    out = tmp_path / "out"
    assert run(str(project), "--out", str(out)).exit_code == 1
    report = json.loads(next(out.glob("*校验报告.json")).read_text(encoding="utf-8"))
    statuses = {Path(f["path"]).name: f["status"] for f in report["files"]}
    assert statuses["研发部-校验结果.xlsx"] == "skipped"
    rollup = json.loads(CliRunner().invoke(app, ["rollup", str(project), "-o", str(tmp_path / "r.xlsx"), "--json",
                                                 "--today", DAY, "--history", str(tmp_path / "h.sqlite")]).stdout)
    assert rollup["totals"]["tasks"]["total"] == 63  # 研发部's tasks once, not twice


def test_a_bad_address_in_the_config_is_reported_and_the_rest_still_written(project: Path, tmp_path: Path) -> None:
    (project / "坏的工作簿.xlsx").unlink()
    toml = project / "crossdept.toml"
    text = toml.read_text(encoding="utf-8")
    assert 'recipients = ["liu.zhenhua@example.com"' in text
    toml.write_text(text.replace('recipients = ["liu.zhenhua@example.com"', 'recipients = ["pmo@@example"', 1),
                    encoding="utf-8")
    out = tmp_path / "out"
    result = run(str(project), "--out", str(out))
    assert result.exit_code == 2 and "pmo@@example" in result.output
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == OUTPUTS | {REVIEW_DRAFT}
    msg = email.message_from_bytes(next(out.glob("*周报邮件.eml")).read_bytes(), policy=email.policy.default)
    assert "pmo@@example" not in str(msg["To"] or "")


def test_out_must_be_a_folder_of_its_own(project: Path, tmp_path: Path) -> None:
    """--out the project folder itself (or a folder above it) read nothing, since what is inside the
    archive is never read, and then said "no workbook could be read"; --out a workbook said it was
    a folder. Both are refused, naming the fix, before anything is read or written."""
    before = digests(project)
    result = run(str(project), "--out", str(project))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"--out {project} 包含了项目文件夹 {project}" in result.output
    assert f"例如 {project / '周报归档'}。未读取或写出任何文件。" in result.output
    assert run(str(project), "--out", str(tmp_path)).exit_code == 2  # a folder above the project
    book = project / "研发部.xlsx"
    as_file = run(str(project), "--out", str(book))
    assert as_file.exit_code == 2 and f"--out {book} 是一个文件" in as_file.output
    assert digests(project) == before and sorted(p.name for p in tmp_path.iterdir()) == [project.name]
    # The archive as a sub-folder of the project stays the usual setup: the workbooks are read.
    inside = crossdept.ops.weekly.weekly(project, out=project / "周报归档", today=DAY)
    assert (inside.read, inside.unreadable) == (7, 1)  # 坏的工作簿.xlsx is unreadable
