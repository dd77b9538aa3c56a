"""The milestone rules through `crossdept validate FILE...` on built workbooks (milestone_folder.py):
each finding at its file and cell, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write_xlsx
from milestone_folder import BOARD_HEAD, CHARTER, D, TODAY, build, task
from typer.testing import CliRunner

import crossdept
from crossdept.cli import app


def validate(paths: list[Path], lang: str = "zh", today: str = TODAY.isoformat()) -> tuple[int, dict]:
    res = CliRunner().invoke(app, ["validate", *map(str, paths), "--json", "--today", today, "--lang", lang])
    return res.exit_code, json.loads(res.stdout)


def milestone_findings(report: dict) -> set[tuple[str, str, str, str, str]]:
    rules = {"unknown-milestone", "review-missing", "milestone-open-tasks", "milestone-done-no-date"}
    return {(Path(f["path"]).name, x["sheet"], x["cell"], x["rule"], x["severity"])
            for f in report["files"] for x in f["findings"] if x["rule"] in rules}


def test_unknown_names_and_reviews_missing_across_the_folder(tmp_path: Path) -> None:
    folder = build(tmp_path / "p", review=False)
    code, report = validate(sorted(folder.glob("*.xlsx")))
    assert code == 0  # warnings only
    project = "门店项目-项目总表.xlsx"
    assert milestone_findings(report) == {
        ("研发部.xlsx", "进度看板", "C7", "unknown-milestone", "warning"),  # 不存在的节点
        ("市场部.xlsx", "问题跟踪表", "O3", "unknown-milestone", "warning"),  # MK-2: 关联里程碑 不存在
        (project, "项目章程", "C6", "review-missing", "warning"),  # 需求确认, 10-09
        (project, "项目章程", "C7", "review-missing", "warning"),  # 立项评审, 10-09
        (project, "项目章程", "C8", "review-missing", "warning"),  # 系统开发完成, 11-16: 4 working days ago
    }
    messages = {(x["rule"], x["cell"]): x["message"] for f in report["files"] for x in f["findings"]}
    assert messages["unknown-milestone", "C7"] == "C7：“不存在的节点”不是项目章程中的里程碑。请改为其中之一（需求确认、立项评审、系统开发完成、营销活动启动、试点门店上线…），名称需与项目章程一致。"
    assert messages["review-missing", "C8"].startswith("C8：里程碑“系统开发完成”已于 2026-11-16 达成（4 个工作日前），但没有名称或议题提到它的里程碑复盘会纪要。")


def test_a_review_within_three_working_days_is_not_missing_yet(tmp_path: Path) -> None:
    folder = build(tmp_path / "p", review=False)
    _, report = validate(sorted(folder.glob("*.xlsx")), today="2026-11-19")  # 3 working days after Mon 11-16
    assert ("门店项目-项目总表.xlsx", "项目章程", "C8", "review-missing", "warning") not in milestone_findings(report)
    _, report = validate(sorted(folder.glob("*.xlsx")))
    assert ("门店项目-项目总表.xlsx", "项目章程", "C8", "review-missing", "warning") in milestone_findings(report)


def test_the_review_meeting_clears_its_milestone(tmp_path: Path) -> None:
    folder = build(tmp_path / "p")
    _, report = validate(sorted(folder.glob("*.xlsx")))
    assert {(cell, rule) for _, _, cell, rule, _ in milestone_findings(report)} == {
        ("C7", "unknown-milestone"), ("O3", "unknown-milestone"), ("C6", "review-missing"), ("C7", "review-missing")}


def test_done_without_a_date_and_a_reached_milestone_with_open_tasks(tmp_path: Path) -> None:
    charter = [*CHARTER[:5], ["需求确认", D(2026, 11, 2), None, "已完成"], ["开发完成", D(2026, 11, 13), D(2026, 11, 18), "已完成"]]
    project = write_xlsx(tmp_path / "总表.xlsx", {"项目章程": charter, "会议纪要": [
        ["会议名称", "开发完成复盘", "会议类型", "里程碑复盘会"], ["日期", D(2026, 11, 19)],
        ["序号", "议题", "结论/决议"], [1, "总结", "达成"]]})
    board = write_xlsx(tmp_path / "研发部.xlsx", {"说明": [["部门", "研发部"]], "进度看板": [
        BOARD_HEAD, task("R-1", "a", "开发完成", D(2026, 11, 13), None, "进行中"),
        task("R-2", "b", "开发完成", D(2026, 11, 13), D(2026, 11, 13), "已完成"),
        task("R-3", "c", "开发完成", D(2026, 11, 13), None, "完成了")]})  # unreadable: its own error, not "open"
    code, report = validate([project, board], lang="en")
    assert code == 1
    assert milestone_findings(report) == {
        ("总表.xlsx", "项目章程", "C6", "milestone-done-no-date", "error"),
        ("总表.xlsx", "项目章程", "C7", "milestone-open-tasks", "warning"),
    }
    messages = {x["rule"]: x["message"] for f in report["files"] for x in f["findings"]}
    assert messages["milestone-open-tasks"] == ("C7: Milestone \"开发完成\" has the actual date 2026-11-18 but these "
                                                "tasks are not done (1): R-1. Update those tasks' status, or check the actual date.")
    assert messages["milestone-done-no-date"].startswith("C6: Milestone \"需求确认\" is 已完成 (done) but has no 实际日期")


def test_a_board_alone_is_not_checked_against_a_charter_it_cannot_see(tmp_path: Path) -> None:
    board = write_xlsx(tmp_path / "研发部.xlsx", {"进度看板": [BOARD_HEAD, task("R-1", "a", "随便", D(2026, 12, 1), None, "进行中")]})
    code, report = validate([board])
    assert code == 0 and milestone_findings(report) == set()


def test_the_weekly_run_reports_the_milestone_rules_of_its_folder(tmp_path: Path) -> None:
    folder = build(tmp_path / "p", review=False)
    crossdept.weekly(folder, out=tmp_path / "out", today=TODAY.isoformat())
    report = json.loads(next((tmp_path / "out").glob("*校验报告.json")).read_text(encoding="utf-8"))
    assert {(cell, rule) for _, _, cell, rule, _ in milestone_findings(report)} == {
        ("C7", "unknown-milestone"), ("O3", "unknown-milestone"),
        ("C6", "review-missing"), ("C7", "review-missing"), ("C8", "review-missing")}


def test_the_folder_rules_read_only_rows_naming_a_milestone_and_find_the_same(tmp_path: Path) -> None:
    """AcrossFiles hands the collector only the tasks and issues that name a milestone
    (core/validate/milestones.py): the findings equal those over every row."""
    from crossdept.config import Config
    from crossdept.core.calendar import WorkCalendar
    from crossdept.core.milestones import MilestoneCollector
    from crossdept.core.overdue import Rules
    from crossdept.core.validate.milestones import AcrossFiles, plan_findings
    from crossdept.read import read_workbook

    samples = Path(__file__).resolve().parents[1] / "samples" / "智慧门店上线"
    found = []
    for folder in (build(tmp_path / "p", review=False), samples):
        books = [(p, read_workbook(p, TODAY.year)) for p in sorted(folder.glob("*.xlsx"))]
        config = Config()
        across, full = AcrossFiles(config, TODAY), MilestoneCollector()
        for path, book in books:
            across.add(path, book)
            full.add(path, book, Rules.from_config(config, TODAY, book))
        calendar = WorkCalendar(config.days_off, config.workdays)
        expected = plan_findings(full.result(TODAY, calendar), calendar)
        assert across.findings() == expected
        found += expected
    assert {f.rule for f in found} >= {"unknown-milestone", "review-missing"}


def _open_tasks_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    charter = [*CHARTER[:5], ["需求确认", D(2026, 11, 2), None, "已完成"], ["开发完成", D(2026, 11, 13), D(2026, 11, 18), "已完成"]]
    write_xlsx(folder / "总表.xlsx", {"项目章程": charter})
    write_xlsx(folder / "研发部.xlsx", {"说明": [["部门", "研发部"]], "进度看板": [
        BOARD_HEAD, task("R-1", "a", "开发完成", D(2026, 11, 13), None, "进行中"),
        task("R-2", "b", "未知节点", D(2026, 11, 13), D(2026, 11, 13), "已完成")]})
    return folder


def test_the_part_a_worker_sends_finds_what_its_workbooks_do(tmp_path: Path) -> None:
    """AcrossFiles.part (what the weekly run's workers send back, without the rows' texts) gives
    the findings of the workbooks themselves, and so do the parts kept on disk as the weekly run
    keeps them (store/spill.SpillList, here a row or two in memory)."""
    from functools import partial

    from crossdept.config import load_config
    from crossdept.core.validate.milestones import AcrossFiles
    from crossdept.read import read_workbook
    from crossdept.store.spill import SpillList

    for folder in (build(tmp_path / "p", review=False), _open_tasks_folder(tmp_path / "q")):
        config = load_config(folder)
        whole, parts = AcrossFiles(config, TODAY), AcrossFiles(config, TODAY)
        spilled = AcrossFiles(config, TODAY, partial(SpillList, threshold=2))
        for path in sorted(folder.glob("*.xlsx")):
            book = read_workbook(path, 2026)
            whole.add(path, book)
            alone = AcrossFiles(config, TODAY)
            alone.add(path, book)
            parts.collector.absorb(alone.part())
            spilled.collector.absorb(alone.part())
        expected = [f.to_json("zh") for f in whole.findings()]
        assert expected and [f.to_json("zh") for f in parts.findings()] == expected
        assert [f.to_json("zh") for f in spilled.findings()] == expected
        assert spilled.collector.tasks._runs  # written out
        assert {f.rule for f in whole.findings()} & {"unknown-milestone", "milestone-open-tasks"}
