"""The weekly summary as an email: HTML (CSS inlined) + plain text + inline chart + attachments.

The HTML comes from a jinja2 template with autoescape on, so no text from a cell survives as
markup; css-inline then moves the stylesheet into style attributes, because Outlook and most
mobile clients ignore <style> blocks. The charts are PNGs (write/email_chart.py) in the
multipart/related part, referenced by cid, so they show without loading remote images. The .eml carries X-Unsent: 1, which makes Outlook
open it as a draft ready to send; the email package encodes Chinese headers (RFC 2047) and
attachment names (RFC 2231).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import mimetypes
import re
from collections.abc import Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parseaddr
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from crossdept import i18n
from crossdept.today import now as shanghai_now
from crossdept.write.atomic import write_atomic, write_text_atomic
from crossdept.write.minutes_docx import xml_safe
from crossdept.write import email_chart

if TYPE_CHECKING:  # jinja2 and css_inline load when an email is rendered, not with every command
    from jinja2 import Environment

CHART_CID = "chart@crossdept"
TREND_CID = "trend@crossdept"
_CHUNK = 1 << 20  # characters of base64 written at a time (write_eml)


def _env(autoescape: bool) -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    folder = Path(str(resources.files("crossdept") / "resources" / "email"))
    return Environment(loader=FileSystemLoader(folder), autoescape=autoescape, undefined=StrictUndefined,
                       keep_trailing_newline=True)


def chart_png(context: dict) -> bytes:
    """Tasks by status per department, the unreadable statuses as their own last segment."""
    statuses = len(context["statuses"])
    rows = [([*(d[f"s{i}"] for i in range(statuses)), d["s_unread"]], d["completion_value"] if d["total"] else None)
            for d in context["departments"]]
    return email_chart.status_bars(rows)


def images(context: dict) -> dict[str, bytes]:
    """Every picture of the email by its cid: the status chart, and the trend once there is history."""
    out = {CHART_CID: chart_png(context)} if context["departments"] else {}
    weeks = context["trend"]["weeks"]
    if len(weeks) >= 2:
        out[TREND_CID] = email_chart.trend_chart([(w["completion_value"], w["overdue"]) for w in weeks])
    return out


def _tr(context: dict):
    """The templates' words in the email's language: tr("kpi.tasks") is i18n's "email.kpi.tasks"."""
    lang = context.get("lang", "zh")
    return lambda key, **params: i18n.t(f"email.{key}", lang, **params)


def render_html(context: dict) -> str:
    """The HTML body with every style inlined (the <style> block is removed)."""
    html = _env(True).get_template("summary.html.j2").render(
        **xml_safe(context), tr=_tr(context), chart_cid=CHART_CID, chart_width=email_chart.chart_width(),
        chart_height=email_chart.chart_height(len(context["departments"])), status_colors=email_chart.STATUS_COLORS,
        trend_cid=TREND_CID, trend_width=email_chart.trend_width(len(context["trend"]["weeks"])),
        trend_height=email_chart.TREND_HEIGHT, trend_column=email_chart.TREND_COLUMN)
    import css_inline

    return css_inline.inline(html)


def render_text(context: dict) -> str:
    return _env(False).get_template("summary.txt.j2").render(**xml_safe(context), tr=_tr(context))


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


def new_message(subject: str, to: list[str], sender: str | None = None, now: dt.datetime | None = None) -> EmailMessage:
    """A message with its headers (Chinese names encoded, IDNA domains), body still to add."""
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = str(xml_safe(subject))
    if sender:
        msg["From"] = _address(sender)
    if to:
        msg["To"] = [_address(a) for a in to]
    msg["Date"] = format_datetime(now or shanghai_now())
    msg["Message-ID"] = make_msgid(domain="crossdept.local")
    return msg


def build_message(context: dict, to: list[str], sender: str | None = None,
                  attachments: Sequence[Path] = (), now: dt.datetime | None = None) -> EmailMessage:
    """The complete message: text, HTML with the chart inline, then the attachments."""
    msg = new_message(context["subject"], to, sender, now)
    msg["X-Unsent"] = "1"
    msg.set_content(render_text(context), subtype="plain", charset="utf-8")
    msg.add_alternative(render_html(context), subtype="html", charset="utf-8")
    html_part = msg.get_payload()[1]
    for cid, data in images(context).items():
        html_part.add_related(data, "image", "png", cid=f"<{cid}>", disposition="inline",
                              filename=cid.split("@")[0] + ".png")
    for path in attachments:
        kind, _ = mimetypes.guess_type(path.name)
        maintype, subtype = (kind or "application/octet-stream").split("/", 1)
        # The headers as add_attachment writes them (they do not depend on the bytes), then the
        # payload it would make, encoded from the file a piece at a time: the email package holds
        # the file, each line of its base64 and their join (~160 MB for a 36 MB roll-up).
        msg.add_attachment(b"", maintype=maintype, subtype=subtype, filename=path.name)
        msg.get_payload()[-1].set_payload(base64_lines(path, msg.policy.max_line_length))
    return msg


def base64_lines(path: Path, max_line_length: int) -> str:
    """The file's bytes as email.contentmanager encodes bytes content: base64 in lines of
    max_line_length // 4 * 3 bytes, each line ending in a newline."""
    line = max_line_length // 4 * 3
    out = bytearray()
    with open(path, "rb") as f:
        while chunk := f.read(line * (_CHUNK // line)):  # whole lines: each chunk encodes on its own
            out += b"".join(binascii.b2a_base64(chunk[at:at + line]) for at in range(0, len(chunk), line))
    return out.decode("ascii")


def write_eml(msg: EmailMessage, out: Path) -> Path:
    """The message as msg.as_bytes(policy=SMTP) gives it, each attachment's base64 streamed to
    the file: the email package holds a whole part four times over while it writes (its lines
    split, each part's bytes, the message's), ~230 MB for the 36 MB roll-up of 400 workbooks.

    The attachments' payloads are swapped for markers while the rest is written; a marker line
    is then replaced by its payload with the policy's line ends, which is what the generator
    writes for it (its lines are base64: no other line end)."""
    parts = [p for p in msg.walk() if p.is_attachment() and p.get("Content-Transfer-Encoding") == "base64"
             and "\r" not in p.get_payload()]
    payloads = {f"crossdept-attachment-{n}-{make_msgid()}".encode("ascii"): p.get_payload() for n, p in enumerate(parts)}
    try:
        for part, marker in zip(parts, payloads):
            part.set_payload(marker.decode("ascii") + "\n")
        skeleton = msg.as_bytes(policy=SMTP)
    finally:
        for part, payload in zip(parts, payloads.values()):
            part.set_payload(payload)
    pattern = re.compile(b"(" + b"|".join(map(re.escape, payloads)) + b")\r\n") if payloads else None

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            pieces = pattern.split(skeleton) if pattern else [skeleton]
            for n, piece in enumerate(pieces):
                if n % 2 == 0:
                    f.write(piece)
                    continue
                payload, at = payloads[piece], 0
                while at < len(payload):  # a few thousand lines at a time
                    end = payload.find("\n", at + _CHUNK)
                    end = len(payload) if end < 0 else end + 1
                    f.write(payload[at:end].replace("\n", SMTP.linesep).encode("ascii"))
                    at = end

    return write_atomic(out, write)


def write_html(context: dict, out: Path) -> Path:
    """The HTML alone (for a browser or pasting into a mail client); the charts are embedded as data."""
    html = render_html(context)
    for cid, data in images(context).items():
        html = html.replace(f"cid:{cid}", "data:image/png;base64," + base64.b64encode(data).decode("ascii"))
    return write_text_atomic(out, html)
