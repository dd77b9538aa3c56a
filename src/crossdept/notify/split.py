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


def split_lines(lines: Sequence[str], fits: Callable[[list[str]], bool]) -> list[list[str]]:
    """Consecutive runs of `lines`, each as long as `fits` allows; every line kept whole."""
    parts: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if fits([*current, line]):
            current.append(line)
            continue
        if not current:
            raise ValueError(f"one line is over the message size limit: {line[:60]}…")
        parts.append(current)
        current = [line]
        if not fits(current):
            raise ValueError(f"one line is over the message size limit: {line[:60]}…")
    if current:
        parts.append(current)
    return parts


def size(body: object) -> int:
    """Bytes of a request body as http.post_json sends it (UTF-8 JSON)."""
    return len(json.dumps(body, ensure_ascii=False).encode("utf-8"))


def pack(title: str, lines: Sequence[str], render: Callable[[str, list[str], bool], dict],
         fits: Callable[[dict], bool], part_title: Callable[[int, int], str]) -> list[dict]:
    """Request bodies that each `fits` the channel's limit, for a titled list of lines: one body
    when it fits, else parts titled "title (n/total)". `render(title, lines, last)` builds one
    body; `last` marks the part that carries the @-mentions."""
    whole = render(title, list(lines), True)
    if fits(whole):
        return [whole]
    widest = title + part_title(99, 99)
    parts = split_lines(lines, lambda chunk: fits(render(widest, chunk, True)))
    return [render(title + part_title(n, len(parts)), part, n == len(parts)) for n, part in enumerate(parts, start=1)]
