"""Charts that match their labels: tasks whose status cannot be read are their own segment in the
email's chart and in the roll-up's stacked chart (which therefore stacks to 任务总数), and the
email shows the week-over-week trend from the history.

Two real weekly runs a week apart (XlsxWriter workbooks, one history store); the outputs are read
back by the email package, Pillow (the chart's pixels), python-calamine (总览) and the chart XML.
"""

from __future__ import annotations

import email
import email.policy
import io
import re
import zipfile
from pathlib import Path

import python_calamine as pc
from PIL import Image
from typer.testing import CliRunner

from crossdept.cli import app
from crossdept.write import email_chart
from test_summary import BOARD_HEAD, TOML
from test_minutes import write_sheets

UNREAD = (141, 110, 99)  # STATUS_COLORS[4], #8D6E63


def _board(folder: Path, done: int) -> None:
    """研发部: 8 tasks, `done` of them 已完成, two with a status no one can read (完成了, ？)."""
    statuses = ["已完成"] * done + ["进行中"] * (4 - done) + ["阻塞", "未开始", "完成了", "？"]
    write_sheets(folder / "研发部.xlsx", {
        "说明": [["项目名称", "智慧门店上线"], ["部门", "研发部"]],
        "进度看板": [BOARD_HEAD, *([f"RD-T{i}", f"任务{i}", "研发部", "张三", "2026-12-30", "", s, "", ""]
                                 for i, s in enumerate(statuses, start=1))],
    })


def _weekly(folder: Path, out: Path, day: str) -> None:
    result = CliRunner().invoke(app, ["weekly", str(folder), "--out", str(out), "--today", day, "--lang", "zh"])
    assert result.exit_code in (0, 1), result.output


def test_unreadable_statuses_are_a_segment_and_the_trend_comes_from_history(tmp_path: Path) -> None:
    folder, out = tmp_path / "项目", tmp_path / "归档"
    folder.mkdir()
    (folder / "crossdept.toml").write_text(TOML, encoding="utf-8")
    _board(folder, done=1)
    _weekly(folder, out, "2026-11-13")
    _board(folder, done=3)
    _weekly(folder, out, "2026-11-20")
    prefix = out / "智慧门店上线-2026-11-20-"

    msg = email.message_from_bytes(Path(f"{prefix}周报邮件.eml").read_bytes(), policy=email.policy.default)
    pictures = {p["Content-ID"]: p.get_content() for p in msg.walk() if p.get_content_type() == "image/png"}
    assert set(pictures) == {"<chart@crossdept>", "<trend@crossdept>"}

    # 1 未开始, 1 进行中, 3 已完成, 1 阻塞, 2 unreadable of 8: the bar's last quarter is the unreadable
    # segment, the green share is 3/8 and the label beside it says 37.5 %.
    bars = Image.open(io.BytesIO(pictures["<chart@crossdept>"])).convert("RGB")
    left, width = email_chart.LEFT, email_chart.BAR_WIDTH
    assert bars.size == (512, 28)
    assert [bars.getpixel((left + round(width * x / 16), 14)) for x in (1, 3, 5, 9, 11, 13, 15)] == [
        (189, 189, 189), (30, 136, 229), (46, 125, 50), (46, 125, 50), (229, 57, 53), UNREAD, UNREAD]
    html = msg.get_body(("html",)).get_content()
    assert 'alt="研发部 37.5%"' in html and "状态无法识别（2）" in html
    # The department table has the column too, so its status counts add up to 任务 (8).
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", html[html.index("部门汇总"):])
    assert cells[:9] == ["研发部", "● 红", "8", "1", "1", "3", "1", "2", "37.5%"]

    text = msg.get_body(("plain",)).get_content()
    assert "未开始 1，进行中 1，已完成 3，阻塞 1，状态无法识别 2）" in text
    assert "较上周：完成率 +25.0 个百分点，逾期问题 +0（2026-W46 12.5%/0 → 2026-W47 37.5%/0）" in text
    trend = Image.open(io.BytesIO(pictures["<trend@crossdept>"]))
    assert trend.size == (2 * email_chart.TREND_COLUMN, email_chart.TREND_HEIGHT)
    assert "2026-W46 完成率 12.5% 逾期问题 0；2026-W47 完成率 37.5% 逾期问题 0" in html

    # `summary` alone reads the same history (never writes it) and ends the trend with today's figures.
    alone = CliRunner().invoke(app, ["summary", str(folder), "-o", str(tmp_path / "s.eml"), "--today", "2026-11-20"])
    assert alone.exit_code in (0, 1), alone.output
    again = email.message_from_bytes((tmp_path / "s.eml").read_bytes(), policy=email.policy.default)
    assert "较上周：完成率 +25.0 个百分点，逾期问题 +0（2026-W46 12.5%/0 → 2026-W47 37.5%/0）" in (
        again.get_body(("plain",)).get_content())

    # The roll-up: the status columns add up to 任务总数, and the stacked chart stacks all of them.
    overview = pc.CalamineWorkbook.from_path(f"{prefix}周报汇总.xlsx").get_sheet_by_name("总览").to_python()
    head = next(i for i, row in enumerate(overview) if row[0] == "部门")
    names = overview[head]
    rd = dict(zip(names, overview[head + 1]))
    parts = ["未开始", "进行中", "已完成", "阻塞", "状态无法识别"]
    assert [rd[n] for n in parts] == [1, 1, 3, 1, 2] and sum(rd[n] for n in parts) == rd["任务总数"] == 8
    with zipfile.ZipFile(f"{prefix}周报汇总.xlsx") as zf:
        stacked = next(zf.read(n).decode() for n in zf.namelist()
                       if n.startswith("xl/charts/chart") and 'c:grouping val="stacked"' in zf.read(n).decode())
    columns = re.findall(r"<c:val><c:numRef><c:f>总览!\$([A-Z]+)\$", stacked)
    assert [names[ord(c) - ord("A")] for c in columns] == parts
