"""The roll-up of samples/智慧门店上线 as of 2026-11-20, every figure worked out by hand.

Friday 11-20: overdue means a deadline before 11-20, due soon 11-20..11-23 (Monday, the next
working day), stale a last update before Thursday 11-19. Each department workbook names its
department in 说明, so its rows are that department's; the project workbook rolls up by 责任部门.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crossdept.config import load_config
from crossdept.core.rollup import build_rollup
from crossdept.read.folder import read_folder

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "智慧门店上线"
TODAY = dt.date(2026, 11, 20)

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="samples/智慧门店上线 is not in this checkout")


def fig(dept, total, statuses, completion, progress, t_over, i_open, i_over, i_soon, i_stale, a_over=0):  # type: ignore[no-untyped-def]
    return {"department": dept, "tasks": {"total": total, **dict(zip(("未开始", "进行中", "已完成", "阻塞"), statuses))},
            "completion_pct": completion, "avg_progress_pct": progress, "tasks_overdue": t_over,
            "issues_open": i_open, "issues_overdue": i_over, "issues_due_soon": i_soon, "issues_stale": i_stale,
            "actions_overdue": a_over}


@pytest.fixture(scope="module")
def data() -> dict:
    return build_rollup(read_folder(SAMPLES, 2026), load_config(SAMPLES), TODAY).to_json("en")


def test_sample_department_figures(data: dict) -> None:
    assert data["departments"] == [
        # 研发部: RD-T05 "完成了" is unreadable: in the total only, overdue (not 已完成, due 11-13),
        # its 100 % in the mean: (4x100 + 100 + 85+60+50+20+0+30+0+0+10+70) / 15 = 55.0.
        # Issues RD-002 (due 11-18) and RD-004 (11-17) overdue, RD-003 and RD-007 (derived 11-20)
        # due soon, RD-004 (updated 11-16) stale.
        # Overdue meeting actions of the project's 第6次周例会 (11-13), by their row's 部门:
        # 研发部 row 34, 市场部 row 37, 运营部 row 36.
        fig("研发部", 15, (3, 5, 4, 2), 26.7, 55.0, 3, 4, 2, 2, 1, 1),
        # 640 / 12 (MK-T01 pasted twice, identical: counted once); MK-T04 overdue; MK-002 (一级, no deadline: 11-18) and MK-003 overdue.
        fig("市场部", 12, (4, 3, 4, 1), 33.3, 53.3, 1, 4, 2, 2, 1, 1),
        # SL-T03 is 已完成 at 80 %: counted as 100; 客服部.xlsx's 说明 says 销售部, so its KF-T01
        # (进行中 30 %) is 销售部's too: 5 / 13 done, (685 + 30) / 13.
        fig("销售部", 13, (3, 4, 5, 1), 38.5, 55.0, 2, 3, 1, 2, 1),
        # 670 / 13; its own 5 open issues plus PM-001 (overdue, stale) and PM-003 of the project workbook.
        fig("运营部", 13, (3, 6, 3, 1), 23.1, 51.5, 2, 7, 3, 2, 2, 1),
        fig("财务部", 10, (3, 3, 3, 1), 30.0, 48.0, 1, 3, 2, 1, 1),
        # PM-002 has no 责任部门 and its owner 刘振华 (the sponsor) no department: it is the project
        # workbook's (it has a 项目章程), so it rolls up under 项目组, not the file name.
        fig("项目组", 0, (0, 0, 0, 0), None, None, 0, 1, 0, 1, 0),
    ]
    # 19 / 63 done; (825+640+715+670+480) / 63 = 52.9.
    assert data["totals"] == fig("合计", 63, (16, 21, 19, 6), 30.2, 52.9, 9, 22, 10, 10, 6, 3)
    assert data["missing_departments"] == ["客服部"]


def test_sample_file_statuses(data: dict) -> None:
    files = {Path(f["path"]).name: (f["status"], f["department"]) for f in data["files"]}
    assert files == {
        "研发部.xlsx": ("invalid", "研发部"),  # 完成了
        "市场部.xlsx": ("invalid", "市场部"),  # 2026/11/31
        "销售部.xlsx": ("ok", "销售部"),
        "客服部.xlsx": ("ok", "销售部"),  # 说明 wins over the file name (department-mismatch)
        "运营部.xlsx": ("ok", "运营部"),
        "财务部.xlsx": ("ok", "财务部"),  # the hand-made layout: Read me, 任务清单, Issue Log
        "智慧门店上线-项目总表.xlsx": ("ok", "运营部、项目组"),
    }
