"""The weekly summary as an email: HTML (CSS inlined) + plain text + inline chart + attachments.

The HTML comes from a jinja2 template with autoescape on, so no text from a cell survives as
markup; css-inline then moves the stylesheet into style attributes, because Outlook and most
mobile clients ignore <style> blocks. The chart is a PNG in a multipart/related part, referenced by
cid, so it shows without loading remote images. The .eml carries X-Unsent: 1, which makes Outlook
open it as a draft ready to send; the email package encodes Chinese headers (RFC 2047) and
attachment names (RFC 2231).
"""

from __future__ import annotations

import base64
import datetime as dt
import mimetypes
from collections.abc import Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parseaddr
from importlib import resources
from pathlib import Path

import css_inline
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from crossdept.write.atomic import write_bytes_atomic, write_text_atomic
from crossdept.write.minutes_docx import xml_safe
from crossdept.write.png_chart import BAR_WIDTH, LEFT, ROW_HEIGHT, STATUS_COLORS, TEXT_WIDTH, status_bars

CHART_CID = "chart@crossdept"


def _env(autoescape: bool) -> Environment:
    folder = Path(str(resources.files("crossdept") / "resources" / "email"))
    return Environment(loader=FileSystemLoader(folder), autoescape=autoescape, undefined=StrictUndefined,
                       keep_trailing_newline=True)


def chart_png(context: dict) -> bytes:
    rows = [([d[f"s{i}"] for i in range(len(STATUS_COLORS))], d["completion_value"]) for d in context["departments"]]
    return status_bars(rows)


def render_html(context: dict) -> str:
    """The HTML body with every style inlined (the <style> block is removed)."""
    n = max(len(context["departments"]), 1)
    html = _env(True).get_template("summary.html.j2").render(
        **xml_safe(context), chart_cid=CHART_CID, chart_width=LEFT + BAR_WIDTH + TEXT_WIDTH,
        chart_height=n * ROW_HEIGHT, status_colors=["#%02x%02x%02x" % c for c in STATUS_COLORS])
    return css_inline.inline(html)


def render_text(context: dict) -> str:
    return _env(False).get_template("summary.txt.j2").render(**xml_safe(context))


def _address(text: str) -> Address:
    """"张伟 <zw@example.com>" or a bare address; a Chinese display name is RFC 2047-encoded on output.

    A Chinese domain (例子.中国) goes out in its ASCII form (IDNA, xn--...), the only form a header
    may carry it in: the email package would otherwise write an encoded word no server resolves.
    """
    name, addr = parseaddr(text.strip())
    addr = addr or text.strip()
    local, at, domain = addr.rpartition("@")
    if at and not domain.isascii():
        try:
            addr = f"{local}@{domain.encode('idna').decode('ascii')}"
        except UnicodeError:
            pass  # not a name IDNA can write: left as typed, the mail client will say so
    return Address(display_name=name, addr_spec=addr)


def build_message(context: dict, to: list[str], sender: str | None = None,
                  attachments: Sequence[Path] = (), now: dt.datetime | None = None) -> EmailMessage:
    """The complete message: text, HTML with the chart inline, then the attachments."""
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = str(xml_safe(context["subject"]))
    if sender:
        msg["From"] = _address(sender)
    if to:
        msg["To"] = [_address(a) for a in to]
    msg["Date"] = format_datetime(now or dt.datetime.now(dt.timezone.utc))
    msg["Message-ID"] = make_msgid(domain="crossdept.local")
    msg["X-Unsent"] = "1"
    msg.set_content(render_text(context), subtype="plain", charset="utf-8")
    msg.add_alternative(render_html(context), subtype="html", charset="utf-8")
    html_part = msg.get_payload()[1]
    html_part.add_related(chart_png(context), "image", "png", cid=f"<{CHART_CID}>",
                          disposition="inline", filename="chart.png")
    for path in attachments:
        kind, _ = mimetypes.guess_type(path.name)
        maintype, subtype = (kind or "application/octet-stream").split("/", 1)
        msg.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name)
    return msg


def write_eml(msg: EmailMessage, out: Path) -> Path:
    return write_bytes_atomic(out, msg.as_bytes(policy=SMTP))


def write_html(context: dict, out: Path) -> Path:
    """The HTML alone (for a browser or pasting into a mail client); the chart is embedded as data."""
    data = base64.b64encode(chart_png(context)).decode("ascii")
    return write_text_atomic(out, render_html(context).replace(f"cid:{CHART_CID}", f"data:image/png;base64,{data}"))
