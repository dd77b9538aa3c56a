"""钉钉 (DingTalk) group bot: the webhook address as the robot's settings show it
(https://oapi.dingtalk.com/robot/send?access_token=…), signed when the robot uses 加签.

Signing (DingTalk's custom-robot security setting): timestamp in milliseconds, sign =
base64(HMAC-SHA256(key=secret, msg="timestamp\\nsecret")), both added to the address as the
query parameters `timestamp` and `sign` (URL-encoded). The secret (SEC…) comes only from the
environment variable [notify] dingtalk_secret_env names; without it the message goes unsigned
(for robots secured by keyword or IP list instead).

Markdown messages; @-mentions by mobile in `at.atMobiles`, which DingTalk renders only where
the text also holds "@mobile". A message is kept under 20000 bytes. Replies: errcode 0 sent;
130101 too many messages (20 a minute): wait and retry; 310000 (signature, keyword or IP check
failed), 300001 / 300005 (token not valid), 400102 (robot disabled): refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crossdept import i18n
from crossdept.notify.compose import Post
from crossdept.notify.http import check, post_json
from crossdept.notify.split import json_bytes, pack, size

CHANNEL = "dingtalk"
LIMIT_BYTES = 20000
RATE_LIMITED = {130101}
REFUSED = {310000, 300001, 300005, 400102}


def sign(secret: str, timestamp_ms: int) -> str:
    """base64(HMAC-SHA256(secret, "timestamp\\nsecret")), not yet URL-encoded."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def signed_url(url: str, secret: str, timestamp_ms: int | None = None) -> str:
    """The webhook address with `timestamp` and `sign` added (earlier ones replaced)."""
    stamp = timestamp_ms if timestamp_ms is not None else int(time.time() * 1000)
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ("timestamp", "sign")]
    query += [("timestamp", str(stamp)), ("sign", sign(secret, stamp))]
    return urlunsplit(parts._replace(query=urlencode(query)))


_MARKDOWN = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]#>|"})


def _escape(line: str) -> str:
    """Markdown characters in cell text shown as typed (a title "*急*" must not turn bold)."""
    return line.translate(_MARKDOWN)


def _markdown(line: str) -> str:
    """A section title (【…】) in bold, any other line as typed."""
    if line.startswith("【") and line.endswith("】"):
        return f"**{_escape(line[1:-1])}**"
    return _escape(line)


def bodies(post: Post, lang: str) -> list[dict]:
    mobiles = [p.mobile for p in post.mentions if p.mobile]
    named = [f"@{p.mobile}" if p.mobile else p.name for p in post.mentions]
    mention = [i18n.t("remind.group.mentions", lang, names=" ".join(named))] if named else []

    def render(title: str, lines: list[str], last: bool) -> dict:
        text = "\n\n".join([f"#### {_escape(title)}", *map(_markdown, lines)])
        body: dict = {"msgtype": "markdown", "markdown": {"title": title, "text": text}}
        if last and mobiles:
            body["at"] = {"atMobiles": mobiles, "isAtAll": False}
        return body

    return pack(post.title, post.lines() + mention, render, size, lambda line: json_bytes("\n\n" + _markdown(line)),
                LIMIT_BYTES, lambda n, total: i18n.t("remind.group.part", lang, n=n, total=total))


def text(body: dict) -> str:
    """What a body shows in the group (the preview's .md)."""
    return body["markdown"]["text"]


def send(url: str, body: dict, secret: str | None = None, var: str = "") -> None:
    target = signed_url(url, secret) if secret else url
    reply = post_json(target, body, CHANNEL, lambda r: r.data.get("errcode") in RATE_LIMITED)
    check(reply, CHANNEL, reply.data.get("errcode"), reply.data.get("errmsg"), REFUSED, var)
