"""飞书 / Lark group bot: the webhook address as the custom bot's settings show it
(https://open.feishu.cn/open-apis/bot/v2/hook/…), signed when 签名校验 is on.

Signing (Feishu's custom-bot security setting): timestamp in seconds, sign =
base64(HMAC-SHA256(key="timestamp\\nsecret", msg=b"")), both put into the request body as
`timestamp` and `sign`. The secret comes only from the environment variable [notify]
feishu_secret_env names; without it the message goes unsigned.

Text messages; @-mentions as <at user_id="…">name</at> with crossdept.toml's `feishu_id`. A
request is kept under Feishu's 20 KB body limit. Replies: code 0 sent; 11232 or 9499 (too
many requests) or HTTP 429: wait and retry; 19021 (signature), 19022 (IP), 19024 (keyword),
19001 (webhook not valid): refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from html import escape

from crossdept import i18n
from crossdept.notify.compose import Post
from crossdept.notify.http import check, post_json
from crossdept.notify.split import json_bytes, pack, size

CHANNEL = "feishu"
LIMIT_BYTES = 20 * 1024 - 200  # the 20 KB body limit, less room for timestamp and sign
RATE_LIMITED = {11232, 9499}
REFUSED = {19001, 19021, 19022, 19024}


def sign(secret: str, timestamp_s: int) -> str:
    """base64(HMAC-SHA256(key="timestamp\\nsecret", empty message))."""
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode("utf-8"), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def signed(body: dict, secret: str, timestamp_s: int | None = None) -> dict:
    stamp = timestamp_s if timestamp_s is not None else int(time.time())
    return {"timestamp": str(stamp), "sign": sign(secret, stamp), **body}


def bodies(post: Post, lang: str) -> list[dict]:
    named = [f'<at user_id="{escape(p.feishu_id)}">{escape(p.name)}</at>' if p.feishu_id else p.name
             for p in post.mentions]
    mention = [i18n.t("remind.group.mentions", lang, names=" ".join(named))] if named else []

    def render(title: str, lines: list[str], last: bool) -> dict:
        return {"msg_type": "text", "content": {"text": "\n".join([title, *lines])}}

    # Cell text is data: a "<at user_id=all>" typed in a cell must not @ the whole group.
    lines = [line.replace("<", "＜") for line in [post.title, *post.lines()]]
    return pack(lines[0], lines[1:] + mention, render, size, lambda line: json_bytes("\n" + line), LIMIT_BYTES,
                lambda n, total: i18n.t("remind.group.part", lang, n=n, total=total))


def text(body: dict) -> str:
    """What a body shows in the group (the preview's .md)."""
    return body["content"]["text"]


def send(url: str, body: dict, secret: str | None = None, var: str = "") -> None:
    reply = post_json(url, signed(body, secret) if secret else body, CHANNEL,
                      lambda r: r.data.get("code") in RATE_LIMITED)
    check(reply, CHANNEL, reply.data.get("code", reply.data.get("StatusCode")),
          reply.data.get("msg", reply.data.get("StatusMessage")), REFUSED, var)
