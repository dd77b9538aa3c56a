"""The roll-up core and the folder walk on real workbooks with known figures (rollup_folder.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crossdept.config import load_config
from crossdept.core.rollup import Figures, Rollup, build_rollup
from crossdept.read.folder import read_folder
from rollup_folder import HOSTILE, TODAY, build_project


def _rollup(folder: Path, today: dt.date = TODAY) -> Rollup:
    return build_rollup(read_folder(folder, today.year), load_config(folder), today)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(tmp_path_factory.mktemp("rollup") / "测试项目")


@pytest.fixture(scope="module")
def result(project: Path) -> Rollup:
    return _rollup(project)


def _fig(total, statuses, completion, progress, t_over, i_open, i_over, i_soon, i_stale, dept, a_over=0):  # type: ignore[no-untyped-def]
    return {"department": dept, "tasks": {"total": total, **dict(zip(("未开始", "进行中", "已完成", "阻塞"), statuses))},
            "completion_pct": completion, "avg_progress_pct": progress, "tasks_overdue": t_over,
            "issues_open": i_open, "issues_overdue": i_over, "issues_due_soon": i_soon, "issues_stale": i_stale,
            "actions_overdue": a_over}


def test_department_figures_follow_domain_rules(result: Rollup) -> None:
    data = result.to_json("en")
    # 研发部: its own 4 tasks + P-2 (done) from the project workbook; (100+50+20+0+100)/5 = 54.0.
    # 市场部: Done + 30 %; 销售部: P-1 overdue and 60 %, its closed PM-1 found through the owner.
    assert data["departments"] == [
        _fig(5, (1, 1, 2, 1), 40.0, 54.0, 1, 3, 2, 1, 1, "研发部"),
        _fig(2, (0, 1, 1, 0), 50.0, 65.0, 0, 1, 0, 0, 0, "市场部"),
        _fig(1, (0, 1, 0, 0), 0.0, 60.0, 1, 0, 0, 0, 0, "销售部"),
    ]
    # Totals from the counts, not a mean of means: 3/8 done, 460/8 average progress.
    assert data["totals"] == _fig(8, (1, 3, 3, 1), 37.5, 57.5, 2, 4, 2, 1, 1, "合计")


def test_every_file_has_a_status_and_nothing_is_dropped(result: Rollup, project: Path) -> None:
    files = {Path(f["path"]).relative_to(project).as_posix(): f for f in result.to_json("en")["files"]}
    assert {name: f["status"] for name, f in files.items()} == {
        "研发部.xlsx": "ok", "市场/市场部-周报.xlsx": "ok", "项目总表.xlsx": "ok",
        "~$研发部.xlsx": "skipped", ".隐藏.xlsx": "skipped", "会议记录.txt": "skipped",
        "预算.xlsx": "skipped", "损坏.xlsx": "unreadable",
    }  # and .crossdept-backup/ is never entered; crossdept.toml is the project's settings, not a skipped file
    assert "lock" in files["~$研发部.xlsx"]["error"]
    assert "hidden" in files[".隐藏.xlsx"]["error"]
    assert "not a workbook" in files["会议记录.txt"]["error"]
    assert "进度看板" in files["预算.xlsx"]["error"]
    assert "损坏.xlsx" in files["损坏.xlsx"]["error"] and "damaged" in files["损坏.xlsx"]["error"]
    assert all(f["error"] is None for f in files.values() if f["status"] == "ok")
    assert [f.path for f in result.unreadable] == [str(project / "损坏.xlsx")]


def test_department_comes_from_workbook_rows_people_or_file_name(result: Rollup, project: Path) -> None:
    by_name = {Path(f.path).name: f for f in result.files}
    assert (by_name["研发部.xlsx"].department, by_name["研发部.xlsx"].sources) == ("研发部", ("workbook",))
    assert (by_name["市场部-周报.xlsx"].department, by_name["市场部-周报.xlsx"].sources) == ("市场部", ("config",))
    assert (by_name["项目总表.xlsx"].department, by_name["项目总表.xlsx"].sources) == ("销售部、研发部", ("rows", "people"))
    assert by_name["项目总表.xlsx"].source_text("zh") == "各行的负责/责任部门、负责人所在部门（crossdept.toml）"
    assert by_name["项目总表.xlsx"].source_text("en") == "each row's department, the owner's department in crossdept.toml"
    assert (by_name["研发部.xlsx"].tasks, by_name["研发部.xlsx"].issues) == (4, 4)


def test_file_name_is_the_last_resort(tmp_path: Path) -> None:
    from conftest import write_xlsx
    write_xlsx(tmp_path / "客服中心.xlsx", {"问题跟踪表": [
        ["问题编号", "问题描述", "影响范围", "提出日期", "责任人", "状态"],
        ["CS-1", "投诉", "门店", dt.date(2026, 11, 20), "无名氏", "待处理"]]})
    result = _rollup(tmp_path)
    assert [f.department for f in result.departments] == ["客服中心"]
    assert result.files[0].sources == ("file-name",)
    assert result.departments[0].issues_open == 1


def test_detail_rows_keep_source_row_and_values(result: Rollup, project: Path) -> None:
    assert len(result.tasks) == 8 and len(result.issues) == 6
    rd3 = next(r for r in result.issues if r.values[0] == "RD-3")
    assert (rd3.department, Path(rd3.source).name, rd3.row) == ("研发部", "研发部.xlsx", 5)
    assert rd3.flags == ("overdue", "stale") and rd3.days_overdue == 7
    assert rd3.due == dt.date(2026, 11, 13) and rd3.escalate_to == "发起人"  # 三级 + 3 working days
    mk = [r for r in result.tasks if r.department == "市场部"]
    assert [r.values[1] for r in mk] == [HOSTILE[0], HOSTILE[2]]  # task names kept as typed
    assert [r.values[4] for r in mk] == [HOSTILE[1], HOSTILE[3]]
    assert mk[0].other == "预算(万元): 12"  # a column of the file's own is kept, not dropped


def test_overdue_list_with_escalation(result: Rollup) -> None:
    got = [(o.kind, o.id, o.days_overdue, o.escalate_to, o.escalate_person) for o in result.overdue]
    assert got == [
        ("issue", "RD-3", 7, "发起人", "刘总"),
        ("issue", "RD-1", 2, "二级", "陈晨"),
        ("task", "RD-T2", 2, "issue", None),
        ("task", "P-1", 1, "issue", None),
    ]


def test_unreadable_values_make_a_file_invalid_and_are_kept(tmp_path: Path) -> None:
    from conftest import write_xlsx
    write_xlsx(tmp_path / "运营部.xlsx", {"说明": [["部门", "运营部"]], "进度看板": [
        ["任务编号", "任务名称", "负责部门", "负责人", "计划完成日期", "状态"],
        ["OP-1", "盘点", "运营部", "林涛", "2026/11/31", "完成了"]]})
    result = _rollup(tmp_path)
    entry = result.files[0]
    assert entry.status == "invalid" and len(entry.findings) == 2
    # The message names the file: on the console it stands alone, not beside a path column.
    assert entry.error_message("en").startswith(f"{tmp_path / '运营部.xlsx'}: 2 values could not be read")
    assert entry.error_message("zh").startswith(f"{tmp_path / '运营部.xlsx'}：有 2 个值无法识别")
    assert result.tasks[0].values[6] == "2026/11/31" and result.tasks[0].values[8] == "完成了"
    assert result.departments[0].total == 1 and sum(result.departments[0].by_status.values()) == 0
    assert result.needs_attention()


def test_rag_rule() -> None:
    green = Figures("甲", total=10, by_status={"未开始": 2, "进行中": 3, "已完成": 5, "阻塞": 0})
    assert green.rag() == ("green", [])
    amber = Figures("乙", total=20, by_status={"未开始": 0, "进行中": 10, "已完成": 10, "阻塞": 0},
                    tasks_overdue=1, issues_stale=2)  # 1 of 10 unfinished: not over 10 %
    assert amber.rag() == ("amber", [("rollup.rag.tasks-overdue", 1), ("rollup.rag.issues-stale", 2)])
    red = Figures("丙", total=20, by_status={"未开始": 0, "进行中": 10, "已完成": 10, "阻塞": 0}, tasks_overdue=2)
    assert red.rag()[0] == "red"
    assert "overdue tasks: 2, over 10%" in red.rag_text("en")
    assert Figures("戊", total=1, by_status={"未开始": 0, "进行中": 0, "已完成": 0, "阻塞": 1}).rag_text("en") == "blocked tasks: 1"
    assert Figures("丁", issues_overdue=1).rag()[0] == "red"



def test_dangling_link_and_unlistable_folder_are_reported(tmp_path: Path) -> None:
    from crossdept.read.folder import folder_files
    (tmp_path / "旧链接.xlsx").symlink_to(tmp_path / "已删除.xlsx")
    seen = {p.name: item for p, item in read_folder(tmp_path, 2026)}
    assert seen["旧链接.xlsx"].status == "unreadable"  # type: ignore[union-attr]
    # A folder os.walk cannot list (permissions; here: gone) is reported, not skipped silently.
    files, failed = folder_files(tmp_path / "不存在")
    assert files == [] and [e.status for e in failed] == ["unreadable"]
    assert "Cannot open the folder" in failed[0].message("en") and "不存在" in failed[0].message("en")


def test_linked_sub_folders_are_entered_once_and_a_link_back_up_does_not_loop(tmp_path: Path) -> None:
    expected = _rollup(build_project(tmp_path / "对照")).to_json("en")["totals"]
    project = build_project(tmp_path / "项目")
    share = tmp_path / "共享盘" / "财务"
    share.mkdir(parents=True)
    (project / "研发部.xlsx").replace(share / "研发部.xlsx")  # the department keeps its file on a share
    (project / "财务 共享").symlink_to(share, target_is_directory=True)
    (share / "回到项目").symlink_to(project, target_is_directory=True)  # a loop
    (project / "再链一次").symlink_to(share, target_is_directory=True)  # the same share twice
    paths = [p for p, _ in read_folder(project, 2026)]
    names = [p.name for p in paths]
    assert names.count("研发部.xlsx") == 1 and len(names) == len(set(map(str, paths)))
    assert _rollup(project).to_json("en")["totals"] == expected  # nothing lost, nothing twice


def test_highlight_alert_column_is_not_rolled_up_as_the_departments_own(tmp_path: Path) -> None:
    from conftest import write_xlsx
    from crossdept.write.marks import ALERT_HEADER
    write_xlsx(tmp_path / "运营部.xlsx", {"说明": [["部门", "运营部"]], "进度看板": [
        ["任务编号", "任务名称", "负责人", "计划完成日期", "状态", "预算(万元)", ALERT_HEADER],
        ["OP-1", "盘点", "林涛", dt.date(2026, 11, 18), "进行中", 5, "逾期2天"]]})
    row = _rollup(tmp_path).tasks[0]
    assert row.other == "预算(万元): 5"  # the department's column kept, crossdept's alert text not


def test_project_workbook_rows_naming_no_department_roll_up_under_the_project_team(tmp_path: Path) -> None:
    from conftest import write_xlsx
    from crossdept.core.rollup import PROJECT_TEAM
    write_xlsx(tmp_path / "门店项目-项目总表.xlsx", {
        "项目章程": [["项目名称", "门店项目"], ["项目经理", "陈晨"]],
        "问题跟踪表": [["问题编号", "问题描述", "影响范围", "提出日期", "责任人", "责任部门", "状态"],
                  ["PM-1", "预算", "全部", dt.date(2026, 11, 19), "无名氏", None, "待处理"],
                  ["PM-2", "场地", "门店", dt.date(2026, 11, 19), "无名氏", "运营部", "待处理"]]})
    # Without a 项目章程 the same rows would take the file name (test above): the charter decides.
    result = _rollup(tmp_path)
    assert sorted(f.department for f in result.departments) == sorted([PROJECT_TEAM, "运营部"])
    entry = result.files[0]
    assert entry.department == "项目组、运营部" and entry.sources == ("project", "rows")
    assert "项目组" in entry.source_text("zh") and "project team" in entry.source_text("en")
