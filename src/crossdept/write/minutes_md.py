"""Minutes as Markdown (--md): the same context as the Word document, for chat groups and wikis.

Cell text is data, never markup: HTML special characters become entities (Markdown renderers pass
raw HTML through), Markdown punctuation is backslash-escaped, and line breaks inside a table cell
become <br> so a cell cannot break its table.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from crossdept.core.minutes import one_line
from crossdept.model.sheets import ISSUES, MINUTES
from crossdept.write.atomic import write_text_atomic
from crossdept.write.minutes_docx import xml_safe

_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
# What makes a line a heading, list item, quote or rule when it starts the line.
_MD_LINE_MARK = re.compile(r"^(\s*)([#+\-=>])")
_MD_LINE_NUMBER = re.compile(r"^(\s*\d+)([.)])")


def md(text: object, cell: bool = False) -> str:
    """Text safe to place in Markdown; `cell` also keeps it on one table line."""
    value = xml_safe(str(text or ""))
    assert isinstance(value, str)
    escaped = _MD_INLINE.sub(r"\\\1", html.escape(value, quote=False))
    lines = [_MD_LINE_NUMBER.sub(r"\1\\\2", _MD_LINE_MARK.sub(r"\1\\\2", line.strip()))
             for line in escaped.split("\n")]
    return "<br>".join(lines) if cell else "  \n".join(lines)


def _table(heads: list[str], keys: list[str], rows: list[dict[str, str]]) -> list[str]:
    out = ["| " + " | ".join(md(h, True) for h in heads) + " |", "|" + "---|" * len(heads)]
    out += ["| " + " | ".join(md(r.get(k, ""), True) for k in keys) + " |" for r in rows]
    return out


def render_md(context: dict) -> str:
    """The minutes as a Markdown document (labels from the sheet model, like the Word template)."""
    m = context["m"]
    field = {f.key: f.header for f in MINUTES.fields}
    col = {c.key: c.header for c in MINUTES.columns}
    issue = {c.key: c.header for c in ISSUES.columns}
    title = [md(one_line(text)) for text in (context["project"], m["meeting_name"]) if text.strip()]
    lines = [f"# {'｜'.join(title)}", ""]  # a heading is one line
    for key in ("meeting_type", "date", "time", "place", "host", "recorder", "attendees", "absentees"):
        lines.append(f"- **{field[key]}**：{md(m[key])}")
    lines += ["", f"**纪要分发时限**：{md(context['distribute_by'])}（会后 24 小时内分发）", "", "## 一、议题与结论", ""]
    topic_keys = ["no", "topic", "department", "discussion", "decision"]
    lines += _table([col[k] for k in topic_keys], topic_keys, context["topics"]) if context["topics"] else ["本次会议未记录议题。"]
    lines += ["", "## 二、待办事项", ""]
    action_keys = ["no", "action", "owner", "due", "status"]
    lines += _table([col[k] for k in action_keys], action_keys, context["actions"]) if context["actions"] else ["本次会议没有待办事项。"]
    lines += ["", "## 三、前次会议遗留待办", ""]
    carried_keys = ["meeting", "meeting_date", "action", "owner", "due", "status", "days_overdue"]
    carried_heads = ["会议", "会议日期", col["action"], col["owner"], col["due"], col["status"], "逾期天数"]
    lines += (_table(carried_heads, carried_keys, context["carried_over"])
              if context["carried_over"] else ["前次会议的待办均已完成。"])
    lines += ["", f"## 附录：未关闭的逾期问题（截至 {md(m['date'])}）", ""]
    overdue_keys = ["id", "description", "owner", "owner_dept", "due", "level"]
    heads = [issue[k] for k in overdue_keys] + ["逾期天数", "建议升级至"]
    lines += (_table(heads, overdue_keys + ["days_overdue", "escalate_to"], context["overdue"])
              if context["overdue"] else ["截至会议日期，没有未关闭的逾期问题。"])
    lines += ["", f"*{md(context['archive_name'])}*", ""]
    return "\n".join(lines)


def write_md(context: dict, out: Path) -> Path:
    return write_text_atomic(out, render_md(context))
