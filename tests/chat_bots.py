"""Local HTTP servers on 127.0.0.1 that behave like the three group-bot platforms.

Each checks what the real one checks, in its own words (written from the platforms' documents,
not from crossdept's code): the WeCom key in the address, DingTalk's signature in the query
(HMAC-SHA256 of "timestamp\\nsecret" keyed by the secret), Feishu's signature in the body
(HMAC-SHA256 keyed by "timestamp\\nsecret" over nothing); each enforces its size limit, and can
be told to answer its rate-limit reply to the first N messages or to fail with HTTP 500.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

WECOM_KEY = "test-key-0001"


@dataclass
class Bot:
    platform: str  # wecom / dingtalk / feishu
    secret: str | None = None
    rate_limit_first: int = 0  # answer "too fast" to this many requests first
    fail_first: int = 0  # answer HTTP 500 to this many requests first
    accepted: list[dict] = field(default_factory=list)  # bodies delivered to the group
    requests: int = 0
    port: int = 0

    @property
    def url(self) -> str:
        if self.platform == "wecom":
            return f"http://127.0.0.1:{self.port}/cgi-bin/webhook/send?key={WECOM_KEY}"
        if self.platform == "dingtalk":
            return f"http://127.0.0.1:{self.port}/robot/send?access_token=tok-1"
        return f"http://127.0.0.1:{self.port}/open-apis/bot/v2/hook/hook-1"

    # --- the platform's rules ---------------------------------------------------------------

    def reply(self, path: str, raw: bytes) -> tuple[int, dict]:
        self.requests += 1
        if self.fail_first:
            self.fail_first -= 1
            return 500, {}
        query = parse_qs(urlsplit(path).query)
        body = json.loads(raw.decode("utf-8"))
        return getattr(self, f"_{self.platform}")(query, body, raw)

    def _limited(self) -> bool:
        if self.rate_limit_first:
            self.rate_limit_first -= 1
            return True
        return False

    def _wecom(self, query: dict, body: dict, raw: bytes) -> tuple[int, dict]:
        if query.get("key") != [WECOM_KEY]:
            return 200, {"errcode": 93000, "errmsg": "invalid webhook url"}
        if self._limited():
            return 200, {"errcode": 45009, "errmsg": "api freq out of limit"}
        content = body.get(body["msgtype"], {}).get("content", "")
        limit = 2048 if body["msgtype"] == "text" else 4096
        if len(content.encode("utf-8")) > limit:
            return 200, {"errcode": 40058, "errmsg": f"content exceed max length {limit}"}
        self.accepted.append(body)
        return 200, {"errcode": 0, "errmsg": "ok"}

    def _dingtalk(self, query: dict, body: dict, raw: bytes) -> tuple[int, dict]:
        if self.secret is not None:
            stamp, sign = query.get("timestamp", [""])[0], query.get("sign", [""])[0]
            expected = base64.b64encode(hmac.new(self.secret.encode(), f"{stamp}\n{self.secret}".encode(),
                                                 hashlib.sha256).digest()).decode()
            if not stamp.isdigit() or abs(int(stamp) - time.time() * 1000) > 3600_000 or sign != expected:
                return 200, {"errcode": 310000, "errmsg": "sign not match"}
        if self._limited():
            return 200, {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"}
        if len(raw) > 20000:
            return 200, {"errcode": 460101, "errmsg": "message too long"}
        self.accepted.append(body)
        return 200, {"errcode": 0, "errmsg": "ok"}

    def _feishu(self, query: dict, body: dict, raw: bytes) -> tuple[int, dict]:
        if self.secret is not None:
            stamp, sign = str(body.get("timestamp", "")), body.get("sign", "")
            expected = base64.b64encode(hmac.new(f"{stamp}\n{self.secret}".encode(), b"", hashlib.sha256).digest()).decode()
            if not stamp.isdigit() or abs(int(stamp) - time.time()) > 3600 or sign != expected:
                return 200, {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}
        if self._limited():
            return 200, {"code": 11232, "msg": "frequency limited psm"}
        if len(raw) > 20 * 1024:
            return 400, {"code": 9499, "msg": "Bad Request"}
        self.accepted.append(body)
        return 200, {"code": 0, "msg": "success", "data": {}}


class _Handler(BaseHTTPRequestHandler):
    bot: Bot

    def do_POST(self) -> None:  # noqa: N802 - http.server's hook name
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status, data = self.server.bot.reply(self.path, raw)  # type: ignore[attr-defined]
        payload = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


class Running:
    """A bot served on a free 127.0.0.1 port in a thread; stop() when done."""

    def __init__(self, bot: Bot) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.bot = bot  # type: ignore[attr-defined]
        bot.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
