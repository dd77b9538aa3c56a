"""企业微信 (WeCom) group bot: the webhook address as the group bot's details show it
(https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…); the key in it is the only credential.

Text messages, because WeCom @-mentions by mobile (`mentioned_mobile_list`) on text messages
only; a text message holds at most 2048 bytes of content, so a longer digest is split into
parts. Replies: errcode 0 sent; 45009 too many messages (the bot allows 20 a minute): wait and
retry; 93000 the key is not valid: refused.
"""

from __future__ import annotations

from crossdept import i18n
from crossdept.notify.compose import Post, mention_line
from crossdept.notify.http import check, post_json
from crossdept.notify.split import pack

CHANNEL = "wecom"
LIMIT_BYTES = 2048  # text.content, UTF-8
RATE_LIMITED = {45009}
REFUSED = {93000}


def bodies(post: Post, lang: str) -> list[dict]:
    mobiles = [p.mobile for p in post.mentions if p.mobile]  # WeCom adds a real @ for these

    def render(title: str, lines: list[str], last: bool) -> dict:
        text: dict = {"content": "\n".join([title, *lines])}
        if last and mobiles:
            text["mentioned_mobile_list"] = mobiles
        return {"msgtype": "text", "text": text}

    return pack(post.title, post.lines() + mention_line(post, lang), render,
                lambda body: len(body["text"]["content"].encode("utf-8")),  # WeCom limits the content
                lambda line: len(line.encode("utf-8")) + 1, LIMIT_BYTES,  # the line and its newline
                lambda n, total: i18n.t("remind.group.part", lang, n=n, total=total))


def text(body: dict) -> str:
    """What a body shows in the group (the preview's .md)."""
    return body["text"]["content"]


def send(url: str, body: dict, secret: str | None = None, var: str = "") -> None:
    """Post one body; WeCom bots have no signing secret (the key is in the address), so `secret`
    and `var` are unused: every chat module's send takes the same arguments."""
    reply = post_json(url, body, CHANNEL, lambda r: r.data.get("errcode") in RATE_LIMITED)
    check(reply, CHANNEL, reply.data.get("errcode"), reply.data.get("errmsg"), REFUSED)
