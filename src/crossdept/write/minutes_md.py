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
    """The minutes as a Markdown document (labels from the sheet model and the context's ``L``, like
    the Word template, so both are in the language asked for)."""
    m, L = context["m"], context["L"]
    field, col, issue = L["field"], L["col"], L["issue"]
    title = [md(one_line(text)) for text in (context["project"], m["meeting_name"]) if text.strip()]
    lines = [f"# {L['title_sep'].join(title)}", ""]  # a heading is one line
    for key in ("meeting_type", "date", "time", "place", "host", "recorder", "attendees", "absentees"):
        lines.append(f"- **{field[key]}**{L['colon']}{md(m[key])}")
    lines += ["", f"**{L['deadline']}**{L['colon']}{md(context['distribute_by'])}{L['deadline_note_short']}", "",
              f"## {L['topics']}", ""]
    topic_keys = ["no", "topic", "department", "discussion", "decision"]
    lines += _table([col[k] for k in topic_keys], topic_keys, context["topics"]) if context["topics"] else [L["no_topics"]]
    lines += ["", f"## {L['actions']}", ""]
    action_keys = ["no", "action", "owner", "due", "status"]
    lines += _table([col[k] for k in action_keys], action_keys, context["actions"]) if context["actions"] else [L["no_actions"]]
    lines += ["", f"## {L['carried']}", ""]
    carried_keys = ["meeting", "meeting_date", "action", "owner", "due", "status", "days_overdue"]
    carried_heads = [L["meeting"], L["meeting_date"], col["action"], col["owner"], col["due"], col["status"], L["days_overdue"]]
    lines += (_table(carried_heads, carried_keys, context["carried_over"])
              if context["carried_over"] else [L["no_carried"]])
    lines += ["", f"## {L['appendix']}{md(m['date'])}{L['appendix_end']}", ""]
    overdue_keys = ["id", "description", "owner", "owner_dept", "due", "level"]
    heads = [issue[k] for k in overdue_keys] + [L["days_overdue"], L["escalate_to"]]
    lines += (_table(heads, overdue_keys + ["days_overdue", "escalate_to"], context["overdue"])
              if context["overdue"] else [L["no_overdue"]])
    lines += ["", f"*{md(context['archive_name'])}*", ""]
    return "\n".join(lines)


def write_md(context: dict, out: Path) -> Path:
    return write_text_atomic(out, render_md(context))
