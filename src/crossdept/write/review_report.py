"""The 复盘报告 as Word (docxtpl) and Markdown, from core/review.py's context.

The Word document goes through the minutes' renderer (write/minutes_docx.render_docx: autoescape,
XML-safe values, atomic write) with the review template; the Markdown uses the minutes' escaping
(write/minutes_md.md), so cell text is data in both, never markup.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from crossdept.write.atomic import write_text_atomic
from crossdept.write.minutes_docx import render_docx
from crossdept.write.minutes_md import _table, md


def default_template() -> Path:
    """The review template shipped inside the package (built by resources/build_review_template.py)."""
    return Path(str(resources.files("crossdept") / "resources" / "review.docx"))


def write_docx(context: dict[str, object], out: Path, template: Path | None = None) -> Path:
    return render_docx(context, out, template or default_template())


def render_md(c: dict) -> str:
    """The report as Markdown, with the Word template's sections and labels (``L``, in the run's language)."""
    L = c["L"]
    task, issue, minutes, colon = L["task"], L["issue"], L["minutes"], L["colon"]
    lines = [f"# {md(c['project'])}{L['title_sep']}{L['subtitle']}{md(c['milestone'])}", "",
             f"- **{L['state']}**{colon}{md(c['state'])}",
             f"- **{L['charter']['planned']}**{colon}{md(c['planned'])}",
             f"- **{L['charter']['actual']}**{colon}{md(c['actual_line'])}",
             f"- **{L['slip']}**{colon}{md(c['slip_text'])}",
             f"- **{L['tasks_done']}**{colon}{c['tasks_line']}",
             "", f"## {L['results']}", "", L["late_intro"], ""]
    late_keys = ["id", "task", "department", "planned", "actual", "days_late", "notes"]
    lines += _table([task["id"], task["task"], task["department"], task["planned_finish"], task["actual_finish"],
                     L["days_late"], task["notes"]], late_keys, c["late"]) if c["late"] else [L["no_late"]]
    lines += ["", L["plan_intro"], ""]
    plan_keys = ["id", "task", "owner", "planned", "actual", "status", "days_late"]
    lines += _table([task["id"], task["task"], task["owner"], task["planned_finish"], task["actual_finish"],
                     task["status"], L["days_late"]], plan_keys, c["tasks"]) if c["tasks"] else [L["no_tasks"]]
    lines += ["", f"## {L['issues']}", "", c["issues_line"], ""]
    lines += _table([issue["level"], L["total"], *L["statuses"]], ["level", "total", "open", "in_progress", "resolved", "closed"],
                    c["levels"])
    lines += ["", L["open_intro"], ""]
    open_keys = ["id", "description", "level", "status", "raised_on", "due"]
    lines += _table([issue[k] for k in open_keys], open_keys, c["open"]) if c["open"] else [L["no_open"]]
    lines += ["", L["resolved_late_intro"], ""]
    lines += (_table([issue["id"], issue["description"], issue["due"], issue["resolved_on"], L["days_over"]],
                     ["id", "description", "due", "resolved_on", "days_late"], c["resolved_late"])
              if c["resolved_late"] else [L["no_resolved_late"]])
    lines += ["", f"## {L['measures']}", ""]
    if c["meeting"]:
        keys = ["topic", "decision", "action", "owner", "due", "status"]
        lines += [md(c["meeting_line"]), ""]
        lines += _table([minutes[k] for k in keys], keys, c["measures"])
    else:
        lines += [L["no_meeting"], ""]
        lines += [f"{n}. {md(q)}" for n, q in enumerate(c["prompts"], start=1)]
    lines += ["", f"*{md(c['archive_name'])}*", ""]
    return "\n".join(lines)


def write_md(context: dict, out: Path) -> Path:
    return write_text_atomic(out, render_md(context))
