"""Splitting a digest that is over a channel's size limit: at line boundaries, never inside a line.

Each platform caps one message (WeCom text 2048 bytes, DingTalk ~20000 bytes, Feishu a 20 KB
request); a digest for a large project is longer. Cutting it would lose the end of the overdue
list, so the lines are packed greedily into as few messages as fit, in order. Digest lines are
short by construction (compose.py shortens titles), so a single line over the limit is an error
in the caller, not something to cut quietly.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence


def split_lines(lines: Sequence[str], cost: Callable[[str], int], budget: int) -> list[list[str]]:
    """Consecutive runs of `lines` whose costs add up to at most `budget`; every line kept whole.

    Costs add up because each channel's size grows by exactly what one more line adds (its
    bytes, escaped as the channel sends them, plus the separator), so packing is linear."""
    parts: list[list[str]] = []
    current: list[str] = []
    used = 0
    for line in lines:
        need = cost(line)
        if need > budget:
            raise ValueError(f"one line is over the message size limit: {line[:60]}…")
        if current and used + need > budget:
            parts.append(current)
            current, used = [], 0
        current.append(line)
        used += need
    if current:
        parts.append(current)
    return parts


def size(body: object) -> int:
    """Bytes of a request body as http.post_json sends it (UTF-8 JSON)."""
    return len(json.dumps(body, ensure_ascii=False).encode("utf-8"))


def json_bytes(text: str) -> int:
    """Bytes `text` takes inside a JSON string (escapes included, quotes not)."""
    return len(json.dumps(text, ensure_ascii=False).encode("utf-8")) - 2


def pack(title: str, lines: Sequence[str], render: Callable[[str, list[str], bool], dict],
         measure: Callable[[dict], int], cost: Callable[[str], int], limit: int,
         part_title: Callable[[int, int], str]) -> list[dict]:
    """Request bodies within the channel's `limit` for a titled list of lines: one body when it
    fits, else parts titled "title (n/total)". `render(title, lines, last)` builds one body
    (`last` marks the part that carries the @-mentions), `measure` sizes a body as the platform
    limits it, `cost` is what one more line adds to that size."""
    whole = render(title, list(lines), True)
    if measure(whole) <= limit:
        return [whole]
    widest = title + part_title(99, 99)
    parts = split_lines(lines, cost, limit - measure(render(widest, [], True)))
    return [render(title + part_title(n, len(parts)), part, n == len(parts)) for n, part in enumerate(parts, start=1)]
