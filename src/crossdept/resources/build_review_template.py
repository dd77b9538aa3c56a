"""Build review.docx, the docxtpl template of `crossdept review` (the 复盘报告), with python-docx.

    .venv/bin/python src/crossdept/resources/build_review_template.py

Like the minutes template (build_minutes_template.py, whose styling and table helpers this
script uses), it is an ordinary Word document holding jinja2 tags, so a user can restyle it in
Word or WPS and pass their copy with --template; column labels come from model/sheets.py.
tests/test_review.py checks that the committed file is what this script makes. The variables
are documented in docs/review.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm

from crossdept.model.sheets import BOARD, CHARTER, ISSUE_STATUS, ISSUES, MINUTES
from crossdept.resources.build_minutes_template import (HEAD_FILL, loop_table, only_if_empty, set_widths, shade,
                                                          titled_document, write_cell)

TEMPLATE = Path(__file__).with_name("review.docx")


def info_table(doc: Document) -> None:
    """The milestone at a glance: dates, slip, state and tasks, labelled as on the charter."""
    label = {c.key: c.header for c in CHARTER.columns}
    pairs = [((label["planned"], "planned"), (label["actual"], "actual")),
             (("预测日期", "forecast"), ("偏差", "slip_text")),
             (("状态", "state"), ("任务完成", None))]
    table = doc.add_table(rows=len(pairs), cols=4)
    table.style = "Table Grid"
    set_widths(table, [2.6, 5.9, 2.6, 5.9])
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(pairs):
        for c, (head, var) in enumerate(row):
            write_cell(table.rows[r].cells[2 * c], head, bold=True)
            shade(table.rows[r].cells[2 * c], HEAD_FILL)
            text = "{{ %s }}" % var if var else "{{ tasks_done }} / {{ tasks_total }}（逾期 {{ tasks_overdue }}，阻塞 {{ tasks_blocked }}）"
            write_cell(table.rows[r].cells[2 * c + 1], text)


def build(path: Path = TEMPLATE) -> Path:
    doc = titled_document("里程碑复盘报告：{{ milestone }}")
    info_table(doc)

    task = {c.key: c.header for c in BOARD.columns}
    doc.add_paragraph("一、成果总结", style="Heading 2")
    doc.add_paragraph("计划日期 {{ planned }}，实际日期 {{ actual or '（未完成，预测 ' + forecast + '）' }}，"
                      "{{ slip_text }}；任务完成 {{ tasks_done }} / {{ tasks_total }}。")
    doc.add_paragraph("延期完成的任务（实际完成晚于计划完成日期）：")
    loop_table(doc, [task["id"], task["task"], task["department"], task["planned_finish"], task["actual_finish"],
                     "延误天数", task["notes"]],
               [1.8, 3.3, 1.6, 2.4, 2.4, 1.4, 4.1], "t", "late",
               ["id", "task", "department", "planned", "actual", "days_late", "notes"])
    only_if_empty(doc, "late", "没有延期完成的任务。")
    doc.add_paragraph("计划与实际（每个任务）：")
    loop_table(doc, [task["id"], task["task"], task["owner"], task["planned_finish"], task["actual_finish"],
                     task["status"], "延误天数"],
               [1.8, 4.5, 1.8, 2.4, 2.4, 1.6, 1.5], "t", "tasks",
               ["id", "task", "owner", "planned", "actual", "status", "days_late"])
    only_if_empty(doc, "tasks", "进度看板中没有属于该里程碑的任务。")

    issue = {c.key: c.header for c in ISSUES.columns}
    doc.add_paragraph("二、问题清单", style="Heading 2")
    doc.add_paragraph("关联问题 {{ issues_total }} 个；已解决问题从提出到解决平均 {{ mean_days or '-' }} 天。")
    loop_table(doc, [issue["level"], "合计", *ISSUE_STATUS.values], [2.4, 2.0, 2.6, 2.6, 2.6, 2.6], "l", "levels",
               ["level", "total", "open", "in_progress", "resolved", "closed"])
    doc.add_paragraph("仍未解决的问题：")
    loop_table(doc, [issue["id"], issue["description"], issue["level"], issue["status"], issue["raised_on"], issue["due"]],
               [1.8, 5.4, 1.6, 1.7, 2.4, 2.4], "i", "open", ["id", "description", "level", "status", "raised_on", "due"])
    only_if_empty(doc, "open", "没有仍未解决的问题。")
    doc.add_paragraph("超过解决时限才解决的问题：")
    loop_table(doc, [issue["id"], issue["description"], issue["due"], issue["resolved_on"], "超期天数"],
               [1.8, 6.2, 2.4, 2.4, 1.6], "i", "resolved_late", ["id", "description", "due", "resolved_on", "days_late"])
    only_if_empty(doc, "resolved_late", "没有超期解决的问题。")

    col = {c.key: c.header for c in MINUTES.columns}
    doc.add_paragraph("三、改进措施", style="Heading 2")
    doc.add_paragraph("{%p if meeting %}")
    doc.add_paragraph("来自{{ meeting.name }}（{{ meeting.date }}）的结论与待办：")
    doc.add_paragraph("{%p endif %}")
    loop_table(doc, [col[k] for k in ("topic", "decision", "action", "owner", "due", "status")],
               [2.4, 4.6, 4.0, 1.6, 2.2, 1.6], "a", "measures", ["topic", "decision", "action", "owner", "due", "status"])
    doc.add_paragraph("{%p if not meeting %}")
    doc.add_paragraph("没有找到该里程碑的里程碑复盘会纪要。请召开复盘会后逐项填写：")
    doc.add_paragraph("{%p for q in prompts %}")
    doc.add_paragraph("{{ q }}", style="List Number")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")

    doc.core_properties.title = "复盘报告"  # the writer sets the real title
    doc.core_properties.author = "crossdept"
    doc.save(path)
    return path


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
