"""Build review.docx, the docxtpl template of `crossdept review` (the 复盘报告), with python-docx.

    .venv/bin/python src/crossdept/resources/build_review_template.py

Like the minutes template (build_minutes_template.py, whose styling and table helpers this
script uses), it is an ordinary Word document holding jinja2 tags, so a user can restyle it in
Word or WPS and pass their copy with --template; column labels come from model/sheets.py and
every word is a variable (``L``, core/review.labels), so one template makes both languages.
tests/test_review.py checks that the committed file is what this script makes. The variables
are documented in docs/review.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm

from crossdept.model.sheets import BOARD, ISSUE_STATUS, ISSUES, MINUTES
from crossdept.resources.build_minutes_template import (HEAD_FILL, loop_table, only_if_empty, set_widths, shade,
                                                          titled_document, write_cell)

TEMPLATE = Path(__file__).with_name("review.docx")


def info_table(doc: Document) -> None:
    """The milestone at a glance: dates, slip, state and tasks, labelled as on the charter."""
    pairs = [(("{{ L.charter.planned }}", "planned"), ("{{ L.charter.actual }}", "actual")),
             (("{{ L.forecast }}", "forecast"), ("{{ L.slip }}", "slip_text")),
             (("{{ L.state }}", "state"), ("{{ L.tasks_done }}", "tasks_line"))]
    table = doc.add_table(rows=len(pairs), cols=4)
    table.style = "Table Grid"
    set_widths(table, [2.6, 5.9, 2.6, 5.9])
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(pairs):
        for c, (head, var) in enumerate(row):
            write_cell(table.rows[r].cells[2 * c], head, bold=True)
            shade(table.rows[r].cells[2 * c], HEAD_FILL)
            write_cell(table.rows[r].cells[2 * c + 1], "{{ %s }}" % var)


def build(path: Path = TEMPLATE) -> Path:
    doc = titled_document("{{ L.subtitle }}{{ milestone }}")
    info_table(doc)

    task = {c.key: "{{ L.task.%s }}" % c.key for c in BOARD.columns}
    doc.add_paragraph("{{ L.results }}", style="Heading 2")
    doc.add_paragraph("{{ summary_line }}")
    doc.add_paragraph("{{ L.late_intro }}")
    loop_table(doc, [task["id"], task["task"], task["department"], task["planned_finish"], task["actual_finish"],
                     "{{ L.days_late }}", task["notes"]],
               [1.8, 3.3, 1.6, 2.4, 2.4, 1.4, 4.1], "t", "late",
               ["id", "task", "department", "planned", "actual", "days_late", "notes"])
    only_if_empty(doc, "late", "{{ L.no_late }}")
    doc.add_paragraph("{{ L.plan_intro }}")
    loop_table(doc, [task["id"], task["task"], task["owner"], task["planned_finish"], task["actual_finish"],
                     task["status"], "{{ L.days_late }}"],
               [1.8, 4.5, 1.8, 2.4, 2.4, 1.6, 1.5], "t", "tasks",
               ["id", "task", "owner", "planned", "actual", "status", "days_late"])
    only_if_empty(doc, "tasks", "{{ L.no_tasks }}")

    issue = {c.key: "{{ L.issue.%s }}" % c.key for c in ISSUES.columns}
    doc.add_paragraph("{{ L.issues }}", style="Heading 2")
    doc.add_paragraph("{{ issues_line }}")
    loop_table(doc, [issue["level"], "{{ L.total }}", *("{{ L.statuses[%d] }}" % n for n in range(len(ISSUE_STATUS.values)))],
               [2.4, 2.0, 2.6, 2.6, 2.6, 2.6], "l", "levels",
               ["level", "total", "open", "in_progress", "resolved", "closed"])
    doc.add_paragraph("{{ L.open_intro }}")
    loop_table(doc, [issue["id"], issue["description"], issue["level"], issue["status"], issue["raised_on"], issue["due"]],
               [1.8, 5.4, 1.6, 1.7, 2.4, 2.4], "i", "open", ["id", "description", "level", "status", "raised_on", "due"])
    only_if_empty(doc, "open", "{{ L.no_open }}")
    doc.add_paragraph("{{ L.resolved_late_intro }}")
    loop_table(doc, [issue["id"], issue["description"], issue["due"], issue["resolved_on"], "{{ L.days_over }}"],
               [1.8, 6.2, 2.4, 2.4, 1.6], "i", "resolved_late", ["id", "description", "due", "resolved_on", "days_late"])
    only_if_empty(doc, "resolved_late", "{{ L.no_resolved_late }}")

    col = {c.key: "{{ L.minutes.%s }}" % c.key for c in MINUTES.columns}
    doc.add_paragraph("{{ L.measures }}", style="Heading 2")
    doc.add_paragraph("{%p if meeting %}")
    doc.add_paragraph("{{ meeting_line }}")
    doc.add_paragraph("{%p endif %}")
    loop_table(doc, [col[k] for k in ("topic", "decision", "action", "owner", "due", "status")],
               [2.4, 4.6, 4.0, 1.6, 2.2, 1.6], "a", "measures", ["topic", "decision", "action", "owner", "due", "status"])
    doc.add_paragraph("{%p if not meeting %}")
    doc.add_paragraph("{{ L.no_meeting }}")
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
