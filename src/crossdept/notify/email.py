"""Reminders by email: one message per person (HTML + plain text), through the project's SMTP.

The same machinery as the weekly summary: write/summary_email.py's template folder, address
handling (Chinese display names, IDNA domains) and .eml writing, css-inline for Outlook, and
write/smtp_send.py for sending with the password from the environment. Templates autoescape,
so nothing typed in a cell becomes markup.
"""

from __future__ import annotations

import datetime as dt
import functools
from contextlib import ExitStack
from email.message import EmailMessage
from email.policy import SMTP

import css_inline

from crossdept.config import Smtp
from crossdept.notify import SendFailed
from crossdept.notify.compose import Post
from crossdept.write.minutes_docx import xml_safe
from crossdept.write.smtp_send import Connection, SendError, password_for
from crossdept.write.summary_email import _env, new_message  # the summary's templates and headers

# One jinja environment per autoescape setting: a run renders one email per person, and a new
# environment would load and compile the templates again for each.
_templates = functools.cache(_env)


def _context(post: Post, lang: str) -> dict:
    return xml_safe({"title": post.title, "intro": post.intro, "footer": post.footer, "lang_tag": "zh-CN" if lang == "zh" else "en",
                     "sections": [{"title": s.title, "lines": s.lines} for s in post.sections]})


def render_html(post: Post, lang: str) -> str:
    return css_inline.inline(_templates(True).get_template("remind.html.j2").render(**_context(post, lang)))


def render_text(post: Post, lang: str) -> str:
    return _templates(False).get_template("remind.txt.j2").render(**_context(post, lang))


def build(post: Post, to: list[str], lang: str, sender: str | None = None, now: dt.datetime | None = None) -> EmailMessage:
    """The message for `to` (one person, or the project's recipients for the group digest)."""
    msg = new_message(post.title, to, sender, now)
    msg.set_content(render_text(post, lang), subtype="plain", charset="utf-8")
    msg.add_alternative(render_html(post, lang), subtype="html", charset="utf-8")
    return msg


def connect(smtp: Smtp, stack: ExitStack) -> Connection:
    """One session with [smtp] for the whole run, closed with `stack`; the password comes from
    the environment variable the config names."""
    try:
        return stack.enter_context(Connection(smtp, password_for(smtp)))
    except SendError as exc:
        raise SendFailed(exc.rule, **exc.params) from None


def send(msg: EmailMessage, server: Connection) -> None:
    """Send through the session; any failure is SendFailed (not recorded, retried next run)."""
    try:
        server.deliver(msg)
    except SendError as exc:
        raise SendFailed(exc.rule, **exc.params) from None


def as_bytes(msg: EmailMessage) -> bytes:
    return msg.as_bytes(policy=SMTP)
