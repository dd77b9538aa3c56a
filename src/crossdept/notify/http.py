"""The one JSON POST every group bot uses, with retry and backoff on the platform's rate limit.

urllib3 rather than httpx or requests: it is what requests itself stands on, well kept, with
connection pooling and timeouts, and it imports in ~60 ms (imported here, lazily, only when a
message is really sent). Each bot answers HTTP 200 with a JSON code; the channel module says
which codes mean "too fast, try again" and which mean "refused"; HTTP 429 is a rate limit
whatever the body says. Retry-After is honoured when given, else BACKOFF_S.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from crossdept.notify import SendFailed, SendRefused

# Waits between attempts after a rate-limit reply (the bots allow ~20 messages a minute, so the
# last wait is long enough for a minute's window to pass). Tests set this to zeros.
BACKOFF_S: tuple[float, ...] = (2.0, 5.0, 15.0, 40.0)
TIMEOUT_S = 20.0
MAX_WAIT_S = 60.0  # a Retry-After of an hour would hold a scheduled run: the next run retries instead


@dataclass
class Reply:
    status: int
    data: dict[str, Any]
    retry_after: float | None = None


def _pool(url: str) -> Any:
    """A connection pool for `url`, through the proxy the environment names (HTTPS_PROXY,
    NO_PROXY, or Windows' Internet settings), as a browser on the same office PC would go."""
    import urllib3  # lazily: only a real send pays for it
    from urllib.request import getproxies, proxy_bypass

    parts = urlsplit(url)
    proxy = getproxies().get(parts.scheme)
    timeout = urllib3.Timeout(total=TIMEOUT_S)
    if proxy and not proxy_bypass(parts.hostname or ""):
        return urllib3.ProxyManager(proxy, timeout=timeout, retries=False)
    return urllib3.PoolManager(timeout=timeout, retries=False)


def post_json(url: str, body: dict[str, Any], channel: str, rate_limited: Callable[[Reply], bool]) -> Reply:
    """POST `body` as UTF-8 JSON; retry while `rate_limited(reply)` with the backoff; the last
    reply otherwise (the caller judges its code). Network failures raise SendFailed."""
    import urllib3

    payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
    pool = _pool(url)
    for attempt in range(len(BACKOFF_S) + 1):
        try:
            response = pool.request("POST", url, body=payload,
                                    headers={"Content-Type": "application/json; charset=utf-8"})
        except urllib3.exceptions.HTTPError as exc:
            raise SendFailed("remind.http-failed", channel=channel, detail=_redacted(str(exc), url)) from None
        try:
            data = json.loads(response.data.decode("utf-8")) if response.data else {}
        except (UnicodeDecodeError, json.JSONDecodeError):
            data = {}
        if not isinstance(data, dict):
            data = {}
        retry_after = response.headers.get("Retry-After")
        reply = Reply(response.status, data, float(retry_after) if retry_after and retry_after.isdigit() else None)
        if not (reply.status == 429 or rate_limited(reply)):
            return reply
        if attempt == len(BACKOFF_S):
            raise SendFailed("remind.rate-limited", channel=channel, attempts=attempt + 1)
        wait = BACKOFF_S[attempt] if reply.retry_after is None else min(reply.retry_after, MAX_WAIT_S)
        time.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


def _redacted(text: str, url: str) -> str:
    """The first line of an error, without the address's path and query: the key or token in
    them is a credential, and this line goes to cron logs."""
    parts = urlsplit(url)
    for secret in (url, f"{parts.path}?{parts.query}", parts.query):
        if secret and secret != "?":
            text = text.replace(secret, "…")
    return text.splitlines()[0][:200] if text else "-"


def check(reply: Reply, channel: str, code: object, message: object, refused: set[int], var: str = "") -> None:
    """Raise for a reply that did not deliver: SendRefused for `refused` codes (`var` names the
    secret's environment variable for the fix), SendFailed else."""
    if reply.status == 200 and code == 0:
        return
    detail = f"HTTP {reply.status}, code {code}: {str(message or '')[:200]}"
    if code in refused:
        raise SendRefused(f"remind.refused.{channel}", detail=detail, var=var)
    raise SendFailed("remind.http-failed", channel=channel, detail=detail)
