"""Sending the day's reminders: one small module per channel.

- email.py    — one message per person (HTML + text), through write/smtp_send.py;
- wecom.py    — 企业微信 group bot (text messages: the only kind WeCom @-mentions by mobile on);
- dingtalk.py — 钉钉 group bot (markdown, signed: timestamp + HMAC-SHA256 in the query string);
- feishu.py   — 飞书/Lark group bot (text, signed: timestamp + sign in the body);
- compose.py  — what every channel says (sections of lines, in the reader's language);
- split.py    — a long digest split at line boundaries under a channel's size limit;
- http.py     — the one JSON POST with retry and backoff on a platform's rate-limit reply.

Every channel module turns a Post into request bodies (`bodies`) without sending anything, so
the preview written for review is exactly what `--send` would post; `send` then posts them.
A refused message (bad key, bad signature) raises SendRefused, which names the channel and the
fix; anything else that stops a message raises SendFailed. Both leave the sent-log untouched,
so the next run tries again.
"""

from __future__ import annotations

from crossdept.errors import CrossdeptError

CHANNELS = ("email", "wecom", "dingtalk", "feishu")
CHAT_CHANNELS = ("wecom", "dingtalk", "feishu")


class SendRefused(CrossdeptError):
    """The platform refused the message for a reason only the user can fix (key, secret, IP list)."""


class SendFailed(CrossdeptError):
    """The message did not go out this time (network, server error, rate limit that did not pass)."""
