"""The 复盘报告 as Word (docxtpl) and Markdown, from core/review.py's context.

The Word document goes through the minutes' renderer (write/minutes_docx.render_docx: autoescape,
XML-safe values, atomic write) with the review template; the Markdown uses the minutes' escaping
(write/minutes_md.md), so cell text is data in both, never markup.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from crossdept.model.sheets import BOARD, ISSUE_STATUS, ISSUES, MINUTES
from crossdept.write.atomic import write_text_atomic
from crossdept.write.minutes_docx import render_docx
from crossdept.write.minutes_md import _table, md


def default_template() -> Path:
    """The review template shipped inside the package (built by resources/build_review_template.py)."""
    return Path(str(resources.files("crossdept") / "resources" / "review.docx"))


def write_docx(context: dict[str, object], out: Path, template: Path | None = None) -> Path:
    return render_docx(context, out, template or default_template())


def render_md(c: dict) -> str:
    """The report as Markdown, with the Word template's sections and labels."""
    task = {col.key: col.header for col in BOARD.columns}
    issue = {col.key: col.header for col in ISSUES.columns}
    minutes = {col.key: col.header for col in MINUTES.columns}
    actual = c["actual"] or f"（未完成，预测 {c['forecast']}）"
    lines = [f"# {md(c['project'])}｜里程碑复盘报告：{md(c['milestone'])}", "",
             f"- **状态**：{md(c['state'])}",
             f"- **计划日期**：{md(c['planned'])}",
             f"- **实际日期**：{md(actual)}",
             f"- **偏差**：{md(c['slip_text'])}",
             f"- **任务完成**：{c['tasks_done']} / {c['tasks_total']}（逾期 {c['tasks_overdue']}，阻塞 {c['tasks_blocked']}）",
             "", "## 一、成果总结", "", "延期完成的任务（实际完成晚于计划完成日期）：", ""]
    late_keys = ["id", "task", "department", "planned", "actual", "days_late", "notes"]
    lines += _table([task["id"], task["task"], task["department"], task["planned_finish"], task["actual_finish"],
                     "延误天数", task["notes"]], late_keys, c["late"]) if c["late"] else ["没有延期完成的任务。"]
    lines += ["", "计划与实际（每个任务）：", ""]
    plan_keys = ["id", "task", "owner", "planned", "actual", "status", "days_late"]
    lines += _table([task["id"], task["task"], task["owner"], task["planned_finish"], task["actual_finish"],
                     task["status"], "延误天数"], plan_keys, c["tasks"]) if c["tasks"] else ["进度看板中没有属于该里程碑的任务。"]
    lines += ["", "## 二、问题清单", "",
              f"关联问题 {c['issues_total']} 个；已解决问题从提出到解决平均 {c['mean_days'] or '-'} 天。", ""]
    lines += _table([issue["level"], "合计", *ISSUE_STATUS.values], ["level", "total", "open", "in_progress", "resolved", "closed"],
                    c["levels"])
    lines += ["", "仍未解决的问题：", ""]
    open_keys = ["id", "description", "level", "status", "raised_on", "due"]
    lines += _table([issue[k] for k in open_keys], open_keys, c["open"]) if c["open"] else ["没有仍未解决的问题。"]
    lines += ["", "超过解决时限才解决的问题：", ""]
    lines += (_table([issue["id"], issue["description"], issue["due"], issue["resolved_on"], "超期天数"],
                     ["id", "description", "due", "resolved_on", "days_late"], c["resolved_late"])
              if c["resolved_late"] else ["没有超期解决的问题。"])
    lines += ["", "## 三、改进措施", ""]
    if c["meeting"]:
        keys = ["topic", "decision", "action", "owner", "due", "status"]
        lines += [f"来自{md(c['meeting']['name'])}（{c['meeting']['date']}）的结论与待办：", ""]
        lines += _table([minutes[k] for k in keys], keys, c["measures"])
    else:
        lines += ["没有找到该里程碑的里程碑复盘会纪要。请召开复盘会后逐项填写：", ""]
        lines += [f"{n}. {md(q)}" for n, q in enumerate(c["prompts"], start=1)]
    lines += ["", f"*{md(c['archive_name'])}*", ""]
    return "\n".join(lines)


def write_md(context: dict, out: Path) -> Path:
    return write_text_atomic(out, render_md(context))
